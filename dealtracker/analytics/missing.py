"""Deals a chart or a filter cannot place (no date, no country on a map): how many and how much.

Apart so that the notes under the charts ("23 deals, $41.2B, have no date") are worded in one place.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd

from .filters import Filters, apply_filters, deal_dates
from .labels import format_usd


@dataclass(frozen=True)
class Missing:
    """Deals a chart or filter cannot place (no date, no country on a map): how many, and their USD sum."""

    deals: int
    value_usd: float

    def describe(self, why: str) -> str:
        """ "23 deals, $41.2B, have no date" — with ``why`` ("have no date") as the predicate."""
        if not self.deals:
            return ""
        value = f", {format_usd(self.value_usd)}," if self.value_usd else ""
        plural = self.deals != 1
        verb = why if plural else why.replace("have ", "has ", 1).replace("are ", "is ", 1)
        return f"{self.deals:,} deal{'s' if plural else ''}{value} {verb}"


def undated(frame: pd.DataFrame) -> Missing:
    """The deals of ``frame`` without a usable date: the timeline and a date range cannot place them."""
    missing = deal_dates(frame).isna()
    return Missing(int(missing.sum()), float(frame.loc[missing, "value_usd"].sum()))


def left_out_by_date(frame: pd.DataFrame, filters: Filters) -> Missing:
    """Undated deals that a date range in ``filters`` leaves out (none without a range, or when they are kept)."""
    if not (filters.date_from or filters.date_to) or filters.include_undated:
        return Missing(0, 0.0)
    return undated(apply_filters(frame, replace(filters, date_from=None, date_to=None)))
