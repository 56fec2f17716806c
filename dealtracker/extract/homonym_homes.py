"""A known Central Asian name that names a foreign company here: «مجموعة "أكفا" النرويجية» is Norway's AKVA, not
Uzbekistan's Akfa, whose Arabic spelling it shares; «норвежская "Акфа"», "Norway's Akfa" likewise. Transliteration
makes such twins common across three scripts; the state's adjective written right by the name tells which is
meant, and a Central Asian company is never called foreign."""

from __future__ import annotations

import re

from ..gazetteer import Entity
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
    if not foreign:
        return entities
    def written(m: TermMatch[Entity]) -> str:
        start, end = norm.to_original(m.start, m.end)
        return norm.original[start:end].strip(' "«»')

    return [m._replace(payload=Entity(written(m), foreign[k].country, "company")) if k in foreign else m
            for k, m in enumerate(entities)]


def _foreign_state(mention: TermMatch[Entity] | None) -> bool:
    return mention is not None and mention.payload.kind == "country" and not mention.payload.is_central_asian
