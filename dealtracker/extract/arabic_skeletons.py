"""Arabic spellings of one transliterated name vary: «سامروك كازينا» and «سمروك كازينا», «قازموناي غاز» and
«كازموناي غاز», «غازبروم» and «جازبروم». A name the gazetteer does not hold as written, found by its form (a
quoted name after «شركة» or «مع»), is looked up by its skeleton among the gazetteer's Arabic aliases, so that
it gets the organisation's canonical name, country and kind.

The skeleton keeps what transliterations agree on: the consonants, with long vowels and hamza seats dropped,
ق read as ك and غ as ج (both write a foreign g/k), ة as ه, and the article «ال» and spaces gone. Only
skeletons of at least five letters that point to one organisation are used: a short or shared one would
guess.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity, organisation_aliases
from ..text import normalise_term

MIN_SKELETON = 5
_ARABIC = re.compile(r"[\u0600-\u06ff]")
_DROPPED = str.maketrans({"ا": None, "و": None, "ي": None, "ى": None, "ء": None, "أ": None, "إ": None, "آ": None,
                          "ئ": None, "ؤ": None, "ق": "ك", "غ": "ج", "ة": "ه", "-": None, " ": None, "ـ": None})


def skeleton(name: str) -> str:
    """The consonant skeleton of an Arabic name (see the module's docstring)."""
    words = [w[2:] if w.startswith("ال") and len(w) > 4 else w for w in normalise_term(name).split()]
    return " ".join(words).translate(_DROPPED)


@lru_cache(maxsize=1)
def _index() -> dict[str, Entity]:
    found: dict[str, set[Entity]] = {}
    for alias, entity in organisation_aliases():
        if _ARABIC.search(alias):
            key = skeleton(alias)
            if len(key) >= MIN_SKELETON:
                found.setdefault(key, set()).add(entity)
    return {key: next(iter(entities)) for key, entities in found.items() if len(entities) == 1}


def known_by_skeleton(name: str) -> Entity | None:
    """The gazetteer's organisation an Arabic name is another spelling of, else None."""
    if not _ARABIC.search(name):
        return None
    key = skeleton(name)
    return _index().get(key) if len(key) >= MIN_SKELETON else None
