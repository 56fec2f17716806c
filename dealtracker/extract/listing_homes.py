"""A company's stock exchange named by its state: «акции которой торгуются на Лондонской фондовой бирже», "shares
traded on the Kazakh stock exchange", «المدرجة في البورصة السعودية». Where a listing word ties the exchange to the
company before it, the state names the exchange, not a side of a deal, and is that company's home when it has none
(the way "London-listed" is, in ``city_homes``). An exchange named alone (a filing's letterhead, «بورصة البحرين») keeps
its state, which tells the article's home. Words: ``exchange_word`` and ``listing_word`` in
``data/lang/*/context_words.csv``."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..text import Span
from .lexicon import WORD_START, compiled

# How far before the exchange's state a listing word and the company still belong to it ("Charat Gold, whose
# shares have been traded since 2011 on the London …"): a clause's length.
_REACH = 90


@lru_cache(maxsize=1)
def _exchange_after():
    """Right after a state's name or adjective: «(фондовой) бирже», "stock exchange"."""
    return compiled(r"\s*{exchange_word}")


@lru_cache(maxsize=1)
def _exchange_before():
    """Right before a state's adjective: «البورصة السعودية», «بورصة لندن»."""
    return compiled(WORD_START + r"{exchange_word}\s*$")


@lru_cache(maxsize=1)
def _listing():
    return compiled(WORD_START + r"{listing_word}")


def _names_an_exchange(text: str, state: TermMatch[Entity]) -> bool:
    return (_exchange_after().match(text, state.end) is not None
            or _exchange_before().search(text, max(0, state.start - 16), state.start) is not None)


def with_listing_homes(text: str, entities: list[TermMatch[Entity]]) -> tuple[list[TermMatch[Entity]], list[Span]]:
    """The names without the states that name a company's stock exchange, each such state the home of the
    homeless organisation the listing word ties to it; and the listing phrases ("listed on the London stock
    exchange"), which describe the company, so that their words ("stock exchange": finance) tell no deal's sector."""
    if compiled("{exchange_word}").search(text) is None:
        return entities, []  # (most articles name no exchange: one scan instead of a look at every state)
    exchanges = [e for e in entities if e.payload.kind == "country" and _names_an_exchange(text, e)]
    if not exchanges:
        return entities, []
    homes: dict[int, str] = {}
    dropped: set[int] = set()
    phrases: list[Span] = []
    for state in exchanges:
        listed = _listing().search(text, max(0, state.start - _REACH), state.start)
        if listed is None:
            continue
        dropped.add(id(state))
        phrases.append(Span(listed.start(), _exchange_end(text, state)))
        before = [e for e in entities if e.end <= listed.start() and e.start >= state.start - 2 * _REACH
                  and e.payload.kind not in ("country", "place") and not e.payload.country
                  and not any(ch in ".!?" for ch in text[e.end:listed.start()])]
        if before:
            homes[id(before[-1])] = state.payload.country
    return [e._replace(payload=replace(e.payload, country=homes[id(e)])) if id(e) in homes else e
            for e in entities if id(e) not in dropped], phrases


def _exchange_end(text: str, state: TermMatch[Entity]) -> int:
    after = _exchange_after().match(text, state.end)
    return after.end() if after is not None else state.end
