"""A home told by an incorporation clause: "OMNIA HOLDINGS LIMITED (Incorporated in the Republic of South Africa)",
"IJM Corporation Berhad (incorporated in Malaysia)", «ПАО «Ромашка» (зарегистрировано в Российской Федерации)»,
«شركة "الخليج" المسجلة في الكويت».

Why: an exchange filing or a company's release states under the issuer's name where it is incorporated, and no
other word of the document may say it; the state there is the company's home, not a side. Offshore registries
(``data/offshore_jurisdictions.csv``: the Cayman Islands, Bermuda, Cyprus …) say where a holding is registered,
not where the group works, and give no home. The words are ``incorporated_in`` in
``data/lang/*/context_words.csv``.
"""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..data_files import read_csv
from ..gazetteer import Entity
from ..terms import TermMatch
from .lexicon import compiled

__all__ = ["with_incorporation_homes"]


@lru_cache(maxsize=1)
def _clause():
    """Between the name and the state: a bracket or a comma, the incorporation words and up to three words
    ("the Republic of")."""
    return compiled(r"[\"»]?[\s,]*\(?\s*{incorporated_in}\s+(?:\S+\s+){0,3}?")


@lru_cache(maxsize=1)
def _offshore() -> frozenset[str]:
    return frozenset(row["country"] for row in read_csv("offshore_jurisdictions.csv"))


def with_incorporation_homes(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The mentions, each homeless organisation given the state its incorporation clause names, without that
    state's mention."""
    homes: dict[str, str] = {}  # the company's name, folded → its home
    states: set[int] = set()
    for k, state in enumerate(entities):
        if state.payload.kind != "country" or state.payload.is_central_asian or state.payload.country in _offshore():
            continue
        name = _name_before(text, entities[k - 1] if k else None, state)
        if name:
            homes[name.casefold()] = state.payload.country
            states.add(id(state))
    if not homes:
        return entities
    return [e._replace(payload=replace(e.payload, country=homes[e.payload.name.casefold()]))
            if not e.payload.country and e.payload.kind not in ("country", "place") and e.payload.name.casefold() in homes
            else e for e in entities if id(e) not in states]


def _name_before(text: str, before: TermMatch[Entity] | None, state: TermMatch[Entity]) -> str | None:
    """The name the incorporation clause ending at the state's mention follows: the mention right before it, or
    (a filing's heading in capitals, which no name finder reads) the whole line above the clause."""
    if before is not None and _clause().fullmatch(text, before.end, state.start):
        return before.payload.name
    line_start = text.rfind("\n", 0, state.start) + 1
    if not _clause().fullmatch(text, line_start, state.start):
        return None
    heading = text[text.rfind("\n", 0, max(line_start - 1, 0)) + 1:max(line_start - 1, 0)].strip()
    return heading if 2 < len(heading) <= 80 else None
