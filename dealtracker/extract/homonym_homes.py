"""A known name that names another organisation here.

A Central Asian name that a foreign state's adjective qualifies: «مجموعة "أكفا" النرويجية» is Norway's AKVA, not
Uzbekistan's Akfa, whose Arabic spelling it shares; «норвежская "Акфа"», "Norway's Akfa" likewise. Transliteration
makes such twins common across three scripts; the state's adjective written right by the name tells which is meant,
and a Central Asian company is never called foreign.

A known foreign name that a Central Asian state closes in an Arabic quoted name: «البنك الدولي لطاجيكستان» is the
International Bank of Tajikistan, not the World Bank («البنك الدولي») whose words open it."""

from __future__ import annotations

import re

from ..gazetteer import Entity, find_entities
from ..terms import TermMatch
from ..text import NormalisedText

# What may stand between a name and the state's adjective after it («"أكفا" النرويجية», "Akfa of Norway")
_ADJECTIVE_AFTER = re.compile(r"[\"»]?[ \t]*(?:of[ \t]+)?")
# ... and between a state's adjective before it and the name («норвежская "Акфа"», "Norway's Akfa")
_ADJECTIVE_BEFORE = re.compile(r"(?:['’]s)?[ \t]*[\"«]?")


def with_homonym_homes(norm: NormalisedText, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The mentions, each Central Asian organisation of the gazetteer that a foreign state's adjective
    qualifies right before or after it made a foreign company of that state, named as written."""
    text = norm.text
    foreign: dict[int, Entity] = {}
    for k, name in enumerate(entities):
        if not name.payload.is_central_asian or name.payload.kind in ("country", "place"):
            continue
        after = entities[k + 1] if k + 1 < len(entities) else None
        before = entities[k - 1] if k else None
        if _foreign_state(after) and _ADJECTIVE_AFTER.fullmatch(text, name.end, after.start):
            foreign[k] = after.payload
        elif _foreign_state(before) and _ADJECTIVE_BEFORE.fullmatch(text, before.end, name.start):
            foreign[k] = before.payload
    entities = _with_central_asian_endings(norm, entities)
    if not foreign:
        return entities

    def written(m: TermMatch[Entity]) -> str:
        start, end = norm.to_original(m.start, m.end)
        return norm.original[start:end].strip(' "«»')

    return [m._replace(payload=Entity(written(m), foreign[k].country, "company")) if k in foreign else m
            for k, m in enumerate(entities)]


def _foreign_state(mention: TermMatch[Entity] | None) -> bool:
    return mention is not None and mention.payload.kind == "country" and not mention.payload.is_central_asian


# «البنك الدولي لطاجيكستان»: the Arabic "of" joined to the state's name that closes a longer quoted name (only
# in quotes: «قرض البنك الدولي لأوزبكستان» is the World Bank's loan *to* Uzbekistan, the same letters)
_OF_STATE_AFTER = re.compile(r"[ \t]+\u0644(?P<state>[\u0621-\u064a]+)(?=[\"»])")
_QUOTE_BEFORE = re.compile(r"[\"«][ \t]*$")


def _with_central_asian_endings(norm: NormalisedText, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The mentions, each known foreign organisation that «لـ» and a Central Asian state's name follow made that
    state's organisation, named by the whole."""
    text = norm.text
    found = []
    for m in entities:
        after = _OF_STATE_AFTER.match(text, m.end) if not m.payload.is_central_asian and m.payload.kind not in (
            "country", "place") and _QUOTE_BEFORE.search(text, max(0, m.start - 3), m.start) else None
        state = next(iter(find_entities(after.group("state"))), None) if after is not None else None
        if state is None or state.end != len(after.group("state")) or state.payload.kind != "country" \
                or not state.payload.is_central_asian:
            found.append(m)
            continue
        start, end = norm.to_original(m.start, after.end())
        name = norm.original[start:end].strip(' "«»')
        # (a bank, whatever kind of bank the known name was: the World Bank is a development bank)
        kind = "bank" if "bank" in m.payload.kind else "state_company"
        found.append(TermMatch(m.start, after.end(), Entity(name, state.payload.country, kind), m.term))
    return found
