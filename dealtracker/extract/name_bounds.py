"""Where a name found by its form begins and ends, when a known word stands at its edge: a name runs past its
designator ("Hunan Lianchuang Energy| Storage"), and a known company opening a longer name ("Sany| Renewable
Energy") owns it. Used by organisations.py."""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..mentions import MentionIndex
from ..terms import TermMatch
from .name_patterns import pattern_words

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
