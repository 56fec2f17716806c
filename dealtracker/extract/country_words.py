"""Which country word stands next to a company-like name and so tells its home: "China's X", «китайская
компания X», "X الصينية", "X of Qatar" — but not across a comma, a line break, "with" or an Arabic "and"."""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..mentions import MentionIndex
from .name_bounds import designators
from .name_patterns import pattern_words


# What may stand between a name and a country word after it: nothing but spaces or a quote ("X الصينية"), or
# "of"/"from" ("Barwa Properties of Qatar").
@lru_cache(maxsize=1)
def _owner_gap_stops() -> frozenset[str]:
    """Words that cannot stand between a country word and the name it owns ("with", «с», "مع", "and")."""
    return frozenset(w.casefold() for w in pattern_words("owner_gap_stop"))


def _joined_by_wa(gap: str) -> bool:
    """ «"كاز آزوت" الكازاخستانية وشركة "سدرة"»: Arabic writes "and" (و) joined to the next word, so the
    adjective before it closes the first name's phrase and owns nothing after."""
    return any(word.startswith("\u0648") and len(word) > 3 for word in gap.split())


# A name's acronym in brackets may stand between it and its country: «"مجمع مانغيستاو للطاقة" (MAEK) الكازاخستانية»,
# "Mangistau Energy Complex (MAEK) of Kazakhstan"
_ACRONYM = r'(?:\([A-Z\u0410-\u042f\u0401][A-Z\u0410-\u042f\u04010-9&.\- ]{1,11}\)[\s"]{0,2})?'
_JOINS_COUNTRY_AFTER = re.compile(r'[\s"]{0,3}' + _ACRONYM + r'(?:(?<=\s)(?:of|from)\s+)?')


class CountryWords:
    """An article's country words, asked which one stands next to a name.

    Why a class: every company-like name of an article asks, and scanning all the country words for each made
    a long text cost the square of its length. A country word before the name ends at most 25 characters
    before it; one after it starts where the joining words after the name end: only those few are read."""

    BEFORE = 25

    def __init__(self, countries: list[TermMatch[Entity]]):
        self.countries = countries
        self.index = MentionIndex(countries)
        self.longest = max((c.end - c.start for c in countries), default=0)

    def adjacent(self, text: str, start: int, end: int, before: int | None = None) -> Entity | None:
        """A country word within a few characters before ("China's X", «китайская компания X») or after
        ("X الصينية", "X of Qatar"); the nearest wins, the first in text order on a tie. ``before``: how far
        before the name a country word may stand (a name that holds its own company word needs none between)."""
        reach = self.BEFORE if before is None else before
        best: tuple[int, Entity] | None = None
        if text[end:end + 1] == "." and text[start:end].split()[-1:] and text[start:end].split()[-1] in designators():
            end += 1  # "Zhonghua Cement Co. الصينية": the abbreviation's dot stands between the name and its country
        for c in self._near(text, start, end):
            # (never across a line break: the country word ending a headline owns nothing in the next line)
            if c.end <= start and start - c.end <= reach and not {",", "\n"} & set(text[c.end:start]) and not (
                _owner_gap_stops() & set(text[c.end:start].casefold().split()) or _joined_by_wa(text[c.end:start])
            ):  # («Туркменистан подписал с компанией X»: a state that signs with X is not its owner)
                gap = start - c.end
            elif c.start >= end and "\n" not in text[end:c.start] and _JOINS_COUNTRY_AFTER.fullmatch(text, end, c.start):
                gap = c.start - end
            else:
                continue
            if best is None or gap < best[0]:
                best = (gap, c.payload)
        return best[1] if best else None

    def _near(self, text: str, start: int, end: int) -> list[TermMatch[Entity]]:
        """The country words that can be adjacent, in text order (all of them if they are not in text order)."""
        if not self.index.ordered:
            return self.countries
        joined = _JOIN_REACH.match(text, end).end()  # no joining words reach further than this
        return self.index.starting_in(start - self.BEFORE - self.longest, joined + 1)


# How far the joining words after a name can reach: spaces and quotes, then "of"/"from" and spaces.
_JOIN_REACH = re.compile(r'[\s"]*' + _ACRONYM + r'(?:(?:of|from)\s+)?')
