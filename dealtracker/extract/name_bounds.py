"""Where a name found by its form begins and ends, when a known word stands at its edge: a name runs past its
designator ("Hunan Lianchuang Energy| Storage"), and a known company opening a longer name ("Sany| Renewable
Energy") owns it. Used by organisations.py."""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..mentions import MentionIndex
from ..terms import TermMatch
from .name_patterns import pattern_word_set, pattern_words

# A capitalised word right after a name that ended on a designator ("… Energy| Storage", "… Power| Supply")
_NEXT_CAPITALISED = re.compile(r"[ \t]+([A-Z][a-z][\w&-]*)(?![\w'’-])")
# How many such words a name may take after its designator
_NAME_CONTINUATION = 2


def name_continued(text: str, end: int, names: MentionIndex) -> int:
    """Where a name that ends on a designator really ends: Chinese and other names run past their designator
    word ("Hunan Lianchuang Energy Storage", "Sungrow Power Supply"). Capitalised words that open no known
    name and are no person's title carry it on (at most two)."""
    titles = _person_titles()
    for _ in range(_NAME_CONTINUATION):
        m = _NEXT_CAPITALISED.match(text, end)
        if m is None or names.furthest_end_over(m.start(1)) is not None or m.group(1).casefold() in titles:
            break
        end = m.end(1)
    return end


@lru_cache(maxsize=1)
def _person_titles() -> frozenset[str]:
    return frozenset(w.casefold() for w in pattern_words("person_title"))


# A legal form written with inner dots ("N.V", "S.p.A", "A.Ş", "S.A", "L.L.C"): letters in runs of at most
# three, each followed by a dot but the last
_DOTTED_FORM = re.compile(r"(?:^|\s)(?:[^\W\d_]{1,3}\.)+[^\W\d_]{1,3}$")


def with_abbreviation_dot(text: str, name: TermMatch[Entity]) -> TermMatch[Entity]:
    """The name with the dot that closes its abbreviated legal form ("Royal Vopak N.V.", "Valpadana Tessile
    S.p.A.", "… Engineering Co."): the name patterns end on a letter, so that a sentence's full stop stays
    out of a name, but the dot of an abbreviation belongs to it even where it also ends the sentence."""
    end = name.end
    if not text.startswith(".", end):
        return name
    words = text[name.start:end].split()
    if not words or not (_DOTTED_FORM.search(words[-1]) or words[-1] in pattern_word_set("dotted_abbreviation")):
        return name
    entity = name.payload
    grown = Entity(name=entity.name + "." if entity.name.endswith(words[-1]) else entity.name,
                   country=entity.country, kind=entity.kind, sector=entity.sector)
    return TermMatch(name.start, end + 1, grown, name.term)


def owning_company(names: MentionIndex, start: int, leading: int, rest: str) -> TermMatch[Entity] | None:
    """The known company that opens a longer name whose other words are not only designators ("Sany Renewable
    Energy", a unit of Sany; but "Sinopec Group" is Sinopec): the longer name is the side, at the company's home."""
    owner = next((k for k in names.starting_in(start, leading) if k.end == leading and k.start == start
                  and k.payload.kind not in ("country", "place") and k.payload.country), None)
    if owner is None or all(w in designators() for w in rest.split()):
        return None
    return owner


@lru_cache(maxsize=1)
def designators() -> frozenset[str]:
    """Company designators: "LLC", "GmbH", "JSC", "Holding" (``designator`` in data/organisation_patterns.csv)."""
    return frozenset(pattern_words("designator"))
