"""A name's home told once holds for the whole article: "Istanbul-based Evka Holding … Evka will build …",
"Rotterdam-based Vanderhoek Chemicals" in the body and "Rotterdam's Vanderhoek" in the headline.

Why: news tells where a little-known company comes from once, where it first names it, then shortens the
name ("Evka") or repeats it bare. Each mention was read on its own, so the later ones had no home and their
deals no counterparty country. A bare mention takes the home (and the full name) of the one fuller name of
the article it begins, or of the same name told elsewhere with a home.
"""

from __future__ import annotations

from dataclasses import replace

from ..gazetteer import Entity
from ..terms import TermMatch

__all__ = ["with_article_homes"]

# Names a home may be passed to or taken from: organisations, not states or places
_PLACES = ("country", "place")


def with_article_homes(entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The mentions, each organisation without a home given the one its name (or a fuller name it begins)
    has elsewhere in the article, when that is one home only."""
    homed: dict[str, tuple[str, set[str]]] = {}  # folded name → (the name as written, its homes)
    for m in entities:
        if m.payload.country and m.payload.kind not in _PLACES:
            name, homes = homed.setdefault(m.payload.name.casefold(), (m.payload.name, set()))
            homes.add(m.payload.country)
    if not homed or all(m.payload.country for m in entities):
        return entities
    return [_homed(m, homed) if not m.payload.country and m.payload.kind not in _PLACES else m for m in entities]


def _homed(match: TermMatch[Entity], homed: dict[str, tuple[str, set[str]]]) -> TermMatch[Entity]:
    key = match.payload.name.casefold()
    same = homed.get(key)
    if same is not None:
        return _with(match, match.payload.name, same[1])
    fuller = [(name, homes) for folded, (name, homes) in homed.items() if folded.startswith(key + " ")]
    if len(fuller) == 1:  # "Evka" of "Evka Holding"; two fuller names ("Evka Holding", "Evka Energy") say nothing
        return _with(match, fuller[0][0], fuller[0][1])
    return match


def _with(match: TermMatch[Entity], name: str, homes: set[str]) -> TermMatch[Entity]:
    if len(homes) != 1:
        return match
    return match._replace(payload=replace(match.payload, name=name, country=next(iter(homes))))
