"""A home told in an apposition: "Meridiam, the French infrastructure investor, …", «Meridiam, французская
инвестиционная компания, …». News describes a little-known company right after its name; the state's adjective
there is the company's home, and the company, not the state, is the side. Only when the adjective opens the
apposition and a company word (``described_company`` in ``data/lang/*/context_words.csv``) follows within a few
words: "Meridiam, France and Kazakhstan signed …" lists three sides."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from .lexicon import compiled

# Between the name and the state's adjective: a comma, and in English an article ("Meridiam, the French …")
_OPENS_APPOSITION = re.compile(r"[\"»]?\s*,\s+(?:(?:the|a|an)\s+)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _company_word_after():
    """Up to three words, then a company word ("infrastructure investor", «инвестиционная компания»)."""
    return compiled(r"(?:\s+[\w-]+){0,3}?\s+{described_company}(?![\w\u0600-\u06ff])")


def with_apposition_homes(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The mentions, each homeless organisation given the state an apposition right after it names, and
    without that state's mention."""
    told: dict[int, TermMatch[Entity]] = {}
    for name, state in zip(entities, entities[1:]):
        if (name.payload.kind in ("country", "place") or name.payload.country or state.payload.kind != "country"
                or state.payload.is_central_asian):
            continue
        if _OPENS_APPOSITION.fullmatch(text, name.end, state.start) and _company_word_after().match(text, state.end):
            told[id(name)] = state
    if not told:
        return entities
    states = {id(state) for state in told.values()}
    return [e._replace(payload=replace(e.payload, country=told[id(e)].payload.country)) if id(e) in told else e
            for e in entities if id(e) not in states]
