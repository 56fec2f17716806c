"""Cue words that tell what kind of deal a clause reports, how far along it is, and in which sector.

Lexicons: ``data/deal_cues.csv`` (deal type, status, non-deal contexts such as trade turnover, jobs) and
``data/sector_keywords.csv``.
"""

from __future__ import annotations

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
    deals = [
        c for c in cue_matcher().findall(text)
        if not (c.payload.value == "purchase_contract" and any(
            s.start <= c.start and c.end <= s.end and (s.end - s.start) > (c.end - c.start) for s in sectors
        ))
    ]
    # "none" entries exist only to claim phrases such as "road map" so that their words cue no sector.
    return sorted(deals + [s for s in sectors if s.payload.value != "none"], key=lambda m: m.start)
