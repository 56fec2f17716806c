"""Filtered deals → the plain frames each chart draws: totals per country, sector, deal type, period,
counterparty, flow and map side, the KPIs and the summary.

Apart from the filters (which deals) and the labels (how they are named): these functions only group and sum,
so every total is unit-tested against hand-computed figures.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

import pandas as pd

from .filters import deal_dates
from .labels import country_label, format_usd, sector_labels, vocabulary_labels

Measure = Literal["value", "count"]
MEASURE_COLUMN = {"value": "value_usd", "count": "deals"}


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


def by_deal_type(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Total value (USD) or number of deals per deal type, largest first, with its label."""
    result = _aggregate(frame, ["deal_type"], measure)
    result["deal_type_label"] = result["deal_type"].map(vocabulary_labels("deal_type")).fillna(result["deal_type"])
    return result.sort_values(MEASURE_COLUMN[measure], ascending=False).reset_index(drop=True)


@dataclass(frozen=True)
class Summary:
    deals: int
    valued_deals: int
    total_value_usd: float


def summarise(frame: pd.DataFrame) -> Summary:
    values = frame["value_usd"].dropna()
    return Summary(deals=len(frame), valued_deals=len(values), total_value_usd=float(values.sum()))


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
