"""Arabic spellings of Central Asian places that the gazetteer does not list: «قراغندا» for «كاراغاندا», «نمنغان» for
«نمنكان», «تشمكنت» beside «شمكنت».

Why: Arabic writes a foreign g or k as ك, ق, غ or ج and its vowels as it likes, so every outlet spells a city
its own way, and a place the reader does not know leaves a deal without its Central Asian side. As for
organisations (``arabic_skeletons``), a word is looked up by its consonant skeleton, here with every letter that
writes a g or k read as one (and the emphatic letters as their plain ones), among the skeletons of the places'
Arabic names in ``data/central_asia_places.csv``. Only skeletons of at least ``MIN_SKELETON`` letters that
point to one state are used, and only single words (a word may carry a joined «و», «ب», «ل» or «ف»).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity, place_aliases
from ..mentions import MentionIndex
from ..terms import TermMatch
from .arabic_skeletons import MIN_SKELETON, skeleton

__all__ = ["with_place_spellings"]

_ARABIC_WORD = re.compile(r"[\u0621-\u064a]{5,}")  # (a skeleton of five letters needs five)
# Beyond the organisations' skeleton (which reads ق as ك and غ as ج): every g/k letter as one, emphatic as plain
_PLACE_FOLD = str.maketrans({"ك": "ج", "ط": "ت", "ص": "س", "ض": "د", "ظ": "ز", "ذ": "ز", "ث": "س"})
# Words the places' Arabic names may open with: what follows is the place's own name
_PLACE_WORDS = ("منطقه", "مقاطعه", "ولايه", "محافظه", "مدينه")
_JOINED = ("و", "ب", "ل", "ف")


def _place_skeleton(word: str) -> str:
    return skeleton(word).translate(_PLACE_FOLD)


@lru_cache(maxsize=1)
def _index() -> dict[str, Entity]:
    """Skeleton → the place it spells, for skeletons that name places of one state only (a city before its
    region: «سمرقند» is both, and the city is what a text names)."""
    found: dict[str, list[Entity]] = {}
    place_words = {skeleton(word) for word in _PLACE_WORDS}
    for alias, entity in place_aliases():
        if not re.search(r"[\u0621-\u064a]", alias):
            continue
        words = alias.split()
        if len(words) > 1 and skeleton(words[0]) in place_words:
            words = words[1:]
        if len(words) != 1:
            continue
        key = _place_skeleton(words[0])
        if len(key) >= MIN_SKELETON:
            found.setdefault(key, []).append(entity)
    return {key: min(places, key=lambda e: len(e.name)) for key, places in found.items()
            if len({e.country for e in places}) == 1}


@lru_cache(maxsize=4096)
def _place_of(word: str) -> Entity | None:
    index = _index()
    place = index.get(_place_skeleton(word))
    if place is None and word.startswith(_JOINED) and len(word) > 5:
        place = index.get(_place_skeleton(word[1:]))
    return place


def with_place_spellings(text: str, known: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The known mentions, and each Arabic word outside them that spells a Central Asian place another way."""
    spelled = [(m, place) for m in _ARABIC_WORD.finditer(text) if (place := _place_of(m.group())) is not None]
    if not spelled:
        return known
    taken = MentionIndex(known)
    found = [TermMatch(m.start(), m.end(), place, m.group()) for m, place in spelled if not taken.overlaps(m.start(), m.end())]
    return sorted(known + found, key=lambda m: m.start) if found else known
