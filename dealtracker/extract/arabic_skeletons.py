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
from ..mentions import MentionIndex
from ..terms import TermMatch
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


# Company words an Arabic alias may open with («شركة مصدر»): the rest is the name a quote holds («"مصدر"»).
_COMPANY_WORDS = ("شركه", "مجموعه", "مؤسسه")


@lru_cache(maxsize=1)
def _cores() -> dict[str, Entity]:
    """Arabic aliases without their opening company word, as written (normalised): «شركة مصدر» → «مصدر»."""
    found: dict[str, set[Entity]] = {}
    for alias, entity in organisation_aliases():
        words = normalise_term(alias).split()
        if _ARABIC.search(alias) and len(words) > 1 and words[0] in _COMPANY_WORDS:
            found.setdefault(" ".join(words[1:]), set()).add(entity)
    return {core: next(iter(entities)) for core, entities in found.items() if len(entities) == 1}


def known_by_skeleton(name: str) -> Entity | None:
    """The gazetteer's organisation an Arabic name is another spelling of («سمروك كازينا»), or the name a
    company-worded alias holds («"مصدر"» of «شركة مصدر»); else None."""
    if not _ARABIC.search(name):
        return None
    core = _cores().get(normalise_term(name))
    if core is not None:
        return core
    key = skeleton(name)
    return _index().get(key) if len(key) >= MIN_SKELETON else None


# A quoted Arabic phrase of one to four words in the normalised text («…» are read as ").
_QUOTED = re.compile(r'"(?P<name>[\u0600-\u06ff][\u0600-\u06ff \t-]{2,40})"')


def quoted_known_names(text: str, known: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """Quoted Arabic names that no other finder took and that are another spelling of a known organisation
    («وقّع "سامروك-قازينا"»: no company word before it, so only the quotes say it is a name)."""
    if '"' not in text or _ARABIC.search(text) is None:
        return []
    taken = MentionIndex(known)
    found = []
    for m in _QUOTED.finditer(text):
        start, end = m.span("name")
        if len(m.group("name").split()) > 4 or taken.overlaps(start, end):
            continue
        entity = known_by_skeleton(m.group("name"))
        if entity is not None:
            found.append(TermMatch(start, end, entity, m.group("name")))
    return found
