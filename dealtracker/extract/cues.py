"""Cue words that tell what kind of deal a clause reports, how far along it is, and in which sector.

Lexicons: ``data/lang/*/deal_cues.csv`` (deal type, status, non-deal contexts such as trade turnover, jobs) and
``data/lang/*/sector_keywords.csv``.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..data_files import read_csv
from ..terms import TermMatch, TermMatcher


@dataclass(frozen=True)
class Cue:
    kind: str  # deal_type | status | non_deal | jobs | sector
    value: str
    scope: str = "clause"  # clause: binds to its own clause; sentence: governs the whole sentence
    # a sector word that may mean another thing ("laboratory": a clinic's or a university's) or that a more
    # specific word usually follows ("a plant to produce polyethylene"): it counts only when no other does
    weak: bool = False


# When one clause names several deal types, the most specific wins: "loan agreement" is a loan.
DEAL_TYPE_PRIORITY = (
    "loan_financing",
    "grant",
    "joint_venture",
    "purchase_contract",
    "investment",
    "agreement_mou",
)


@lru_cache(maxsize=1)
def cue_matcher() -> TermMatcher[Cue]:
    entries = [
        (row["term"], Cue(row["kind"], row["value"], row.get("scope") or "clause"))
        for row in read_csv("deal_cues.csv")
    ]
    return TermMatcher(entries)


@lru_cache(maxsize=1)
def sector_matcher() -> TermMatcher[Cue]:
    """Separate from the deal cues so that "power purchase" is both a purchase and a power-sector cue."""
    return TermMatcher([
        (row["term"], Cue("sector", row["sector"], weak=row.get("weak") == "yes")) for row in read_csv("sector_keywords.csv")
    ])


def find_cues(text: str) -> list[TermMatch[Cue]]:
    """Deal-type, status, non-deal, jobs and sector cues of the whole text, in text order."""
    sectors = sector_matcher().findall(text)
    # A deal word inside a sector phrase is part of that phrase: "supply" in "water supply" buys nothing.
    inside = _inside_a_longer(sectors)
    deals = [
        c for c in cue_matcher().findall(text)
        if not (c.payload.value == "purchase_contract" and inside(c))
    ]
    # "none" entries exist only to claim phrases such as "road map" so that their words cue no sector.
    return sorted(deals + [s for s in sectors if s.payload.value != "none"], key=lambda m: m.start)


def _inside_a_longer(phrases: list[TermMatch[Cue]]):
    """A test of whether a match lies inside a longer one of ``phrases``.

    One matcher's matches never overlap (only several meanings share one span), so the phrase that can hold
    a match is the last one starting at or before it: a bisection, not a scan of the article's phrases for
    every cue word (that scan grew with the square of the text's length)."""
    starts = [p.start for p in phrases]

    def inside(match: TermMatch) -> bool:
        last = bisect_right(starts, match.start) - 1
        if last < 0:
            return False
        first = bisect_right(starts, starts[last] - 1)  # the phrases sharing the last start
        return any(
            match.end <= p.end and (p.end - p.start) > (match.end - match.start) for p in phrases[first:last + 1]
        )

    return inside
