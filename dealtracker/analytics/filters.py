"""Which deals count and which the person selected: the aggregation rule and the sidebar's filters, as masks.

Apart from the aggregates because every view starts here (totals, charts, the review list) and the rule of
what totals count (``countable``) must be one rule wherever a total is shown.
"""

from __future__ import annotations

from dataclasses import dataclass

import pandas as pd

from ..doubts import CHECK_COLUMN, LeftOut, flagged, left_out


@dataclass(frozen=True)
class Filters:
    """What the person chose in the sidebar; an empty tuple means "all"."""

    countries: tuple[str, ...] = ()
    sectors: tuple[str, ...] = ()
    counterparty_countries: tuple[str, ...] = ()
    counterparties: tuple[str, ...] = ()
    deal_types: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    min_value_usd: float | None = None
    max_value_usd: float | None = None
    date_from: str | None = None  # ISO date; deals with a partial date count by their first day
    date_to: str | None = None
    text: str = ""  # searched in party, counterparty and evidence, case-insensitively
    verified_only: bool = False
    include_tentative: bool = False
    collapse_groups: bool = True
    include_flagged: bool = False  # deals flagged for a check (``doubts``) that no person verified yet
    include_undated: bool = False  # with a date range: keep the deals that have no date too
    deal_ids: tuple[str, ...] | None = None  # only these deals (a search by meaning's answer); None: no such limit


def countable(
    frame: pd.DataFrame, include_tentative: bool = False, collapse_groups: bool = True, include_flagged: bool = False
) -> pd.DataFrame:
    """The deals that totals count, like AidData's aggregation rule.

    Rejected deals never count. By default potential deals and agreements/MoUs without a value are left out
    (they are not money committed), deals flagged for a check and not yet verified are left out (``doubts``),
    and a duplicate group counts once — its verified member if any, else the one the extractor was surest of
    (a flagged report leaves first, so a group counts its sound report).
    """
    return _take(frame, countable_mask(frame, include_tentative, collapse_groups, include_flagged))


def countable_mask(
    frame: pd.DataFrame, include_tentative: bool = False, collapse_groups: bool = True, include_flagged: bool = False
) -> pd.Series:
    """``countable`` as a boolean mask over ``frame``'s rows.

    Masks rather than a frame per step: taking rows copies every column (pyarrow strings take one by one),
    and four takes of 100,000 deals were a third of a dashboard rerun (profiled, issue 17). Combined with
    ``selection_mask``, the rows are taken once.
    """
    mask = pd.Series(True, index=frame.index)
    if not len(frame):
        return mask
    if "rejected" in frame.columns:
        mask &= ~frame["rejected"].fillna(False).astype(bool)
    if not include_flagged:
        mask &= ~flagged(frame)
    if not include_tentative:
        tentative = (frame["status"] == "potential") | ((frame["deal_type"] == "agreement_mou") & frame["value_usd"].isna())
        mask &= ~tentative
    if collapse_groups and "group_id" in frame.columns:
        in_group = mask & frame["group_id"].notna()
        if in_group.any():
            columns = ["group_id", "confidence", *(["verified"] if "verified" in frame.columns else [])]
            grouped = frame.loc[in_group.to_numpy(), columns]  # three columns, not the whole frame
            order = grouped.assign(_verified=grouped.get("verified", False)).sort_values(
                ["_verified", "confidence"], ascending=False
            )
            representative = pd.Series(False, index=frame.index)
            representative.iloc[frame.index.get_indexer(order.drop_duplicates("group_id").index)] = True
            mask &= ~in_group | representative
    return mask


def _take(frame: pd.DataFrame, mask: pd.Series) -> pd.DataFrame:
    """The rows of ``mask``, a new frame (as boolean indexing always gave: callers may add columns to it)."""
    return frame[mask.to_numpy()]


def apply_filters(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """The aggregation rule (``countable``), then the person's selections: what totals and charts show."""
    counted = countable_mask(frame, filters.include_tentative, filters.collapse_groups, filters.include_flagged)
    return _take(frame, counted & selection_mask(frame, filters))


def flagged_left_out(frame: pd.DataFrame, filters: Filters) -> LeftOut:
    """The flagged deals the totals of ``apply_filters`` leave out (nothing when the person includes them):
    those the same rule and selections would count if flagged deals were included."""
    if filters.include_flagged:
        return LeftOut(0, 0.0, {})
    counted = countable_mask(frame, filters.include_tentative, filters.collapse_groups, True)
    candidates = counted & selection_mask(frame, filters) & flagged(frame)  # left_out counts only flagged ones
    # only the columns left_out reads: a flagged deal in four is common, and taking every column of them was
    # a fifth of a rerun over 1,000,000 deals (profiled, issue 17)
    return left_out(frame.loc[candidates.to_numpy(), [c for c in frame.columns if c in _LEFT_OUT_COLUMNS]])


# What ``doubts.left_out`` reads: the check column and the verified flag (``flagged``), and ``doubt_kinds``' inputs.
_LEFT_OUT_COLUMNS = frozenset({CHECK_COLUMN, "verified", "value_usd", "amount", "confidence", "evidence", "counterparty",
                               "party_country", "currency"})


def select(frame: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Only the person's selections, without the aggregation rule: what the review page lists."""
    return _take(frame, selection_mask(frame, filters))


def selection_mask(frame: pd.DataFrame, filters: Filters) -> pd.Series:
    """``select`` as a boolean mask over ``frame``'s rows."""
    mask = pd.Series(True, index=frame.index)
    if filters.countries:
        mask &= frame["party_country"].isin(filters.countries)
    if filters.sectors:
        mask &= frame["sector"].isin(filters.sectors)
    if filters.counterparty_countries:
        mask &= frame["counterparty_country"].fillna("").isin(filters.counterparty_countries)
    if filters.counterparties:
        mask &= frame["counterparty"].fillna("").isin(filters.counterparties)
    if filters.deal_types:
        mask &= frame["deal_type"].isin(filters.deal_types)
    if filters.statuses:
        mask &= frame["status"].isin(filters.statuses)
    if filters.min_value_usd is not None:
        mask &= frame["value_usd"].fillna(-1.0) >= filters.min_value_usd
    if filters.max_value_usd is not None:
        mask &= frame["value_usd"].fillna(float("inf")) <= filters.max_value_usd
    if filters.date_from or filters.date_to:
        dates = deal_dates(frame)
        in_range = pd.Series(True, index=frame.index)
        if filters.date_from:
            in_range &= dates >= pd.Timestamp(filters.date_from)
        if filters.date_to:
            in_range &= dates <= pd.Timestamp(filters.date_to)
        mask &= in_range | (dates.isna() if filters.include_undated else False)
    if filters.text.strip():
        needle = filters.text.strip().casefold()
        haystack = (
            frame["party"].fillna("") + " " + frame["counterparty"].fillna("") + " " + frame["evidence"].fillna("")
        ).str.casefold()
        mask &= haystack.str.contains(needle, regex=False)
    if filters.verified_only and "verified" in frame.columns:
        mask &= frame["verified"].fillna(False).astype(bool)
    if filters.deal_ids is not None:
        mask &= frame["deal_id"].isin(filters.deal_ids)
    return mask


def deal_dates(frame: pd.DataFrame) -> pd.Series:
    """Each deal's date as a timestamp; NaT when unknown.

    A partial date counts from its first day ("2025" → 2025-01-01, "2025-09" → 2025-09-01), which is how ISO 8601
    reads them. Vectorised: it runs on every dashboard rerun over all deals.
    """
    iso = pd.to_datetime(frame["date"].astype("string"), format="ISO8601", errors="coerce")
    return iso.astype("datetime64[ns]")
