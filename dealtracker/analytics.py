"""Deals → filtered, aggregated frames for the tables and charts (no plotting, no streamlit).

Everything a chart shows is computed here by plain functions, so totals are unit-tested against
hand-computed figures and the app only draws what it is given.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from functools import lru_cache
from typing import Literal

import pandas as pd

from .data_files import read_csv
from .deal_frame import deals_frame  # noqa: F401  (re-exported: the deal frame lives beside the schema)
from .doubts import CHECK_COLUMN, LeftOut, flagged, left_out
from .schema import DEAL_TYPES, SECTORS, STATUSES

Measure = Literal["value", "count"]
MEASURE_COLUMN = {"value": "value_usd", "count": "deals"}


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


@lru_cache(maxsize=None)
def vocabulary_labels(field: str) -> dict[str, str]:
    """Friendly labels for a vocabulary field (sector, deal_type, status) from ``data/labels.csv``."""
    ids = {"sector": SECTORS, "deal_type": DEAL_TYPES, "status": STATUSES}[field]
    labels = {row["id"]: row["label"] for row in read_csv("labels.csv") if row["field"] == field}
    return {value: labels.get(value, value.replace("_", " ").capitalize()) for value in ids}


def sector_labels() -> dict[str, str]:
    return vocabulary_labels("sector")


@lru_cache(maxsize=1)
def sector_colours() -> dict[str, str]:
    """Sector label → its fixed colour (``data/sector_colours.csv``): the same sector has the same, distinct hue
    on every chart, whatever sectors a filter leaves."""
    colours = {row["sector"]: row["colour"] for row in read_csv("sector_colours.csv")}
    return {label: colours[sector] for sector, label in sector_labels().items() if sector in colours}


def country_label(code: str | None) -> str:
    """ISO alpha-3 → English name; INT → "Multilateral"; unknown → "Unknown"."""
    if not code:
        return "Unknown"
    if code == "INT":
        return "Multilateral"
    from .gazetteer import country_names

    return country_names().get(code, code)


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
    return mask


def deal_dates(frame: pd.DataFrame) -> pd.Series:
    """Each deal's date as a timestamp; NaT when unknown.

    A partial date counts from its first day ("2025" → 2025-01-01, "2025-09" → 2025-09-01), which is how ISO 8601
    reads them. Vectorised: it runs on every dashboard rerun over all deals.
    """
    iso = pd.to_datetime(frame["date"].astype("string"), format="ISO8601", errors="coerce")
    return iso.astype("datetime64[ns]")


def _aggregate(frame: pd.DataFrame, keys: list[str], measure: Measure, labelled: bool = True) -> pd.DataFrame:
    """Total value (positive totals only) or number of deals per key, with a ``value_label`` unless not wanted."""
    column = MEASURE_COLUMN[measure]
    if frame.empty:
        return pd.DataFrame(columns=[*keys, column, *(["value_label"] if labelled else [])])
    grouped = frame.groupby(keys, dropna=False)
    result = (grouped["value_usd"].sum(min_count=1).fillna(0.0) if measure == "value" else grouped.size())
    result = result.rename(column).reset_index()
    if measure == "value":
        result = result[result[column] > 0].copy()
    if labelled:
        result["value_label"] = _value_labels(result[column], measure)
    return result


def _value_labels(totals: pd.Series, measure: Measure) -> list[str]:
    return [format_usd(v) for v in totals.tolist()] if measure == "value" else totals.astype(str).tolist()


def _labels(codes: pd.Series, label) -> pd.Series:
    """``label`` applied once per distinct code rather than once per row (charts label thousands of rows)."""
    labels = codes.map({code: label(code) for code in codes.dropna().unique()})
    return labels.where(codes.notna(), label(None))


def by_country_and_sector(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Total value (USD) or number of deals per Central Asian country and sector, with display labels."""
    result = _aggregate(frame, ["party_country", "sector"], measure)
    result["country"] = _labels(result["party_country"], country_label)
    result["sector_label"] = result["sector"].map(sector_labels())
    return result.sort_values(["country", "sector"]).reset_index(drop=True)


def country_order(frame: pd.DataFrame, measure: Measure = "value") -> list[str]:
    """Central Asian countries by their total, largest first: the order the country chart reads in."""
    return totals_order(by_country_and_sector(frame, measure), "country", measure)


def totals_order(aggregated: pd.DataFrame, category: str, measure: Measure = "value") -> list[str]:
    """The categories of an aggregated frame by their summed total, largest first."""
    totals = aggregated.groupby(category)[MEASURE_COLUMN[measure]].sum().sort_values(ascending=False)
    return list(totals.index)


def by_sector(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Total value (USD) or number of deals per sector, largest first."""
    result = _aggregate(frame, ["sector"], measure)
    result["sector_label"] = result["sector"].map(sector_labels())
    return result.sort_values(MEASURE_COLUMN[measure], ascending=False).reset_index(drop=True)


@dataclass(frozen=True)
class Summary:
    deals: int
    valued_deals: int
    total_value_usd: float


def summarise(frame: pd.DataFrame) -> Summary:
    values = frame["value_usd"].dropna()
    return Summary(deals=len(frame), valued_deals=len(values), total_value_usd=float(values.sum()))


def format_usd(value: float | None) -> str:
    """$4.2B, $185.2M, $950K: the scale an analyst reads at a glance."""
    if value is None or value is pd.NA or value != value:  # None, NA or NaN; not pd.isna: this runs per chart point
        return "—"
    for threshold, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= threshold:
            return f"${value / threshold:,.1f}{suffix}"
    return f"${value:,.0f}"


# --- the dashboard's other views (issue 5): plain frames, unit-tested against hand-computed totals ---------


@dataclass(frozen=True)
class Kpis:
    total_value_usd: float
    deals: int
    counterparties: int
    largest_deal_id: str | None
    largest_value_usd: float | None


def kpis(frame: pd.DataFrame) -> Kpis:
    values = frame["value_usd"].dropna()
    largest = frame.loc[values.idxmax()] if len(values) else None
    return Kpis(
        total_value_usd=float(values.sum()),
        deals=len(frame),
        counterparties=int(frame["counterparty"].dropna().nunique()),
        largest_deal_id=None if largest is None else str(largest["deal_id"]),
        largest_value_usd=None if largest is None else float(largest["value_usd"]),
    )


def country_sector_matrix(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Central Asian country (rows) × sector (columns) for a heatmap; empty cells are 0."""
    data = by_country_and_sector(frame, measure)
    if data.empty:
        return pd.DataFrame()
    return data.pivot_table(
        index="country", columns="sector_label", values=MEASURE_COLUMN[measure], aggfunc="sum", fill_value=0
    )


def treemap_frame(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Country → sector → counterparty leaves with their totals (deals without a counterparty as "Unnamed")."""
    return _treemap_leaves(frame, measure, labelled=True)


def _treemap_leaves(frame: pd.DataFrame, measure: Measure, labelled: bool) -> pd.DataFrame:
    named = frame.assign(counterparty=frame["counterparty"].fillna("Unnamed"))
    data = _aggregate(named, ["party_country", "sector", "counterparty"], measure, labelled=labelled)
    data["country"] = _labels(data["party_country"], country_label)
    data["sector_label"] = data["sector"].map(sector_labels())
    return data.reset_index(drop=True)


# Boxes of the treemap: the largest sectors of each country, and the largest counterparties of each of those;
# the rest of each level shares one box. Over 100,000 deals every sector with 5 counterparties was some 560 boxes:
# most too small to read, and drawing them was most of the "Structure" tab's time in Chromium
# (bench/browser_dashboard.py, issue 17); now at most 5 + 5 × (5 + 1) + 25 × 4 = 135.
TREEMAP_SECTORS = 5
TREEMAP_LEAVES = 3


def treemap_nodes(frame: pd.DataFrame, measure: Measure = "value", leaves: int = TREEMAP_LEAVES,
                  sectors: int = TREEMAP_SECTORS) -> pd.DataFrame:
    """Every box of the country → sector → counterparty treemap: ``id``, ``parent``, ``label``, the total and its
    ``value_label``; parents' totals are their children's sums (plotly's ``branchvalues="total"``).

    Only the ``sectors`` largest sectors of each country get a box of their own, the rest of its sectors one
    "N other sectors" box; within a sector, the ``leaves`` largest counterparties get a box and the rest one
    "N other counterparties" box (a box of one "other" is never made: that one keeps its own). With 100,000
    deals a full tree has tens of thousands of leaves, unreadable and slow to draw.
    """
    column = MEASURE_COLUMN[measure]
    columns = ["id", "parent", "label", column, "value_label"]
    data = _treemap_leaves(frame, measure, labelled=False)  # labels for the boxes drawn only, further down
    if data.empty:
        return pd.DataFrame(columns=columns)
    data = data.sort_values([column, "counterparty"], ascending=[False, True], kind="stable")
    data["party_country"] = data["party_country"].fillna("?")  # a deal whose country is unknown: its own branch
    data["branch"] = data["party_country"] + "\t" + data["sector"]
    branch_totals = data.groupby("branch", sort=False).agg(
        country=("party_country", "first"), country_label=("country", "first"), label=("sector_label", "first"),
        total=(column, "sum"))
    branch_totals = branch_totals.sort_values(["total", "label"], ascending=[False, True], kind="stable")
    by_country = branch_totals.groupby("country", sort=False)
    own_branch = (by_country.cumcount() < sectors) | (by_country["total"].transform("size") <= sectors + 1)
    kept = branch_totals[own_branch]
    dropped = branch_totals[~own_branch].groupby("country", sort=False)["total"].agg(["sum", "size"])
    other_sectors = pd.DataFrame({
        "id": dropped.index + "\t~other sectors", "parent": dropped.index,
        "label": [f"{size:,} other sectors" for size in dropped["size"]], column: dropped["sum"],
    })
    data = data[data["branch"].isin(kept.index)]
    by_branch = data.groupby("branch", sort=False)
    own_box = (by_branch.cumcount() < leaves) | (by_branch["branch"].transform("size") <= leaves + 1)  # no box of one "other"
    named = data[own_box].assign(parent=lambda d: d["branch"], label=lambda d: d["counterparty"])
    named["id"] = named["branch"] + "\t" + named["counterparty"]
    rest = data[~own_box].groupby("branch", sort=False)[column].agg(["sum", "size"])
    others = pd.DataFrame({
        "id": rest.index + "\t~others", "parent": rest.index,
        "label": [f"{size:,} other counterparties" for size in rest["size"]], column: rest["sum"],
    })
    sector_boxes = pd.DataFrame({"id": kept.index, "parent": kept["country"], "label": kept["label"], column: kept["total"]})
    countries = _treemap_countries(branch_totals, column)
    nodes = pd.concat([countries, sector_boxes, other_sectors, named[["id", "parent", "label", column]], others],
                      ignore_index=True)
    nodes["value_label"] = _value_labels(nodes[column] if measure == "value" else nodes[column].astype(int), measure)
    return nodes[columns]


def _treemap_countries(branch_totals: pd.DataFrame, column: str) -> pd.DataFrame:
    """The treemap's top level: each Central Asian country and the sum of its sectors."""
    totals = branch_totals.groupby("country", sort=False).agg(label=("country_label", "first"), total=("total", "sum"))
    return pd.DataFrame({"id": totals.index, "parent": "", "label": totals["label"].to_numpy(), column: totals["total"].to_numpy()})


def flows(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Counterparty country → Central Asian country totals, for a Sankey diagram and a two-sided map."""
    data = _aggregate(frame.assign(counterparty_country=frame["counterparty_country"].fillna("")), ["counterparty_country", "party_country"], measure)
    data["source"] = _labels(data["counterparty_country"], country_label)
    data["target"] = _labels(data["party_country"], country_label)
    return data.reset_index(drop=True)


def over_time(frame: pd.DataFrame, measure: Measure = "value", freq: Literal["M", "Y"] = "M") -> pd.DataFrame:
    """Totals per month or year of the deal date; deals without a date are left out (and counted apart)."""
    dates = deal_dates(frame)
    dated = frame.assign(period=dates.dt.to_period(freq).dt.start_time)[dates.notna()]
    return _aggregate(dated, ["period"], measure).sort_values("period").reset_index(drop=True)


def top_counterparties(frame: pd.DataFrame, measure: Measure = "value", n: int = 10) -> pd.DataFrame:
    """The n counterparties with the largest totals (or most deals), largest first."""
    named = frame[frame["counterparty"].notna()]
    data = _aggregate(named, ["counterparty", "counterparty_country"], measure)
    return data.sort_values(MEASURE_COLUMN[measure], ascending=False).head(n).reset_index(drop=True)


def map_totals(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Totals per country on a map: where the money comes from (counterparty countries, side "from") and where it
    goes (the Central Asian states, side "to").

    Multilateral lenders ("INT") and unknown counterparty countries have no place on a map; they stay out of the
    "from" side (``unmapped_total`` says how much that is) but their deals still count on the "to" side.
    """
    column = MEASURE_COLUMN[measure]
    origin = frame[frame["counterparty_country"].notna() & (frame["counterparty_country"] != "INT")]
    sides = []
    for side, data, key in (("from", origin, "counterparty_country"), ("to", frame, "party_country")):
        totals = _aggregate(data, [key], measure).rename(columns={key: "iso3"})
        totals["side"] = side
        sides.append(totals)
    result = pd.concat(sides, ignore_index=True) if any(len(s) for s in sides) else sides[0]
    result["country"] = _labels(result["iso3"], country_label)
    return result[["side", "iso3", "country", column, "value_label"]].reset_index(drop=True)


def unmapped_total(frame: pd.DataFrame, measure: Measure = "value") -> float:
    """The part of a total whose counterparty has no country on a map (multilateral or unknown)."""
    off_map = frame[frame["counterparty_country"].isna() | (frame["counterparty_country"] == "INT")]
    return float(off_map["value_usd"].sum()) if measure == "value" else float(len(off_map))


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
