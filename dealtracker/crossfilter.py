"""Cross-filtering: a click on one chart narrows every other chart (no plotting, no streamlit).

A chart that takes clicks gives each point ``customdata`` of ``[hover text, column, value, column, value, ...]``:
the deal columns the point stands for and their raw values (ISO codes, vocabulary ids, never display labels), so
turning a selection back into a filter does not depend on how the chart is labelled. Each chart is drawn without its own cross-filter (as in crossfilter/dc.js): the
clicked chart keeps all its bars, with the chosen ones highlighted, while the others narrow.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

import pandas as pd

from .analytics import country_label, deal_dates, vocabulary_labels

# Deal columns a click can filter on; "period_Y"/"period_M" are the year or month of the deal date.
FILTERABLE_COLUMNS = ("party_country", "sector", "counterparty_country", "counterparty", "period_Y", "period_M")

_COLUMN_NAMES = {
    "party_country": "Country",
    "sector": "Sector",
    "counterparty_country": "Counterparty country",
    "counterparty": "Counterparty",
    "period_Y": "Year",
    "period_M": "Month",
}


@dataclass(frozen=True)
class CrossFilter:
    """The values a person clicked on one chart, per deal column (several columns when a point has several)."""

    chart: str
    values: tuple[tuple[str, tuple[str, ...]], ...]  # ((column, (value, ...)), ...), in a stable order

    def as_dict(self) -> dict[str, tuple[str, ...]]:
        return dict(self.values)

    def label(self) -> str:
        """What the chip says, e.g. "Country: Kazakhstan · Sector: Energy (oil & gas)"."""
        parts = []
        for column, values in self.values:
            shown = ", ".join(display_value(column, value) for value in values[:3])
            if len(values) > 3:
                shown += f" and {len(values) - 3} more"
            parts.append(f"{_COLUMN_NAMES[column]}: {shown}")
        return " · ".join(parts)


def display_value(column: str, value: str) -> str:
    """A raw value as a person reads it."""
    if column in ("party_country", "counterparty_country"):
        return country_label(value or None)
    if column == "sector":
        return vocabulary_labels("sector").get(value, value)
    if column == "period_Y":
        return value[:4]
    if column == "period_M":
        return value[:7]
    return value or "Unnamed"


def from_selection(chart: str, points: Iterable[Mapping[str, Any]]) -> CrossFilter | None:
    """Selected plotly points → a cross-filter, from their ``customdata`` of [hover, column, value, column, value, ...].

    Points without such data (a chart that takes no clicks, a legend item) are ignored; no usable point → None,
    which clears the chart's cross-filter.
    """
    chosen: dict[str, dict[str, None]] = {}
    for point in points:
        data = point.get("customdata")
        if not isinstance(data, (list, tuple)):
            continue
        for column, value in zip(data[1::2], data[2::2]):
            if column in FILTERABLE_COLUMNS and isinstance(value, str):
                chosen.setdefault(column, {})[value] = None
    if not chosen:
        return None
    ordered = tuple((column, tuple(chosen[column])) for column in FILTERABLE_COLUMNS if column in chosen)
    return CrossFilter(chart, ordered)


def apply_cross_filters(
    frame: pd.DataFrame, cross_filters: Iterable[CrossFilter], except_chart: str | None = None
) -> pd.DataFrame:
    """Deals matching every cross-filter but the one that ``except_chart`` set.

    Within one cross-filter the columns combine with AND (a stacked-bar segment is a country *and* a sector)
    and the values of one column with OR (two clicked bars).

    When no cross-filter applies the rows are not taken (a copy of every column: each chart asked for its deals,
    most often with no chart filter at all); a shallow copy is returned instead, which a caller may change without
    changing ``frame`` (pandas copies on write).
    """
    mask = cross_filter_mask(frame, cross_filters, except_chart)
    if mask is None:
        return frame.copy(deep=False)
    return frame[mask.to_numpy()]


def cross_filter_mask(
    frame: pd.DataFrame, cross_filters: Iterable[CrossFilter], except_chart: str | None = None
) -> pd.Series | None:
    """``apply_cross_filters`` as a boolean mask over ``frame``'s rows; None when no cross-filter applies."""
    mask = None
    for cross_filter in cross_filters:
        if cross_filter.chart == except_chart:
            continue
        for column, values in cross_filter.values:
            matches = _column_values(frame, column).isin(values)
            mask = matches if mask is None else mask & matches
    return mask


def _column_values(frame: pd.DataFrame, column: str) -> pd.Series:
    if column.startswith("period_"):
        freq = column.removeprefix("period_")
        start = deal_dates(frame).dt.to_period(freq).dt.start_time
        return start.dt.strftime("%Y-%m-%d").fillna("")
    return frame[column].astype("object").fillna("")


def point_matches(customdata: Iterable[Any], cross_filter: CrossFilter) -> bool:
    """Whether a chart point (by its customdata) is one of those a cross-filter chose: for highlighting it."""
    data = list(customdata)
    pairs = dict(zip(data[1::2], data[2::2]))
    chosen = cross_filter.as_dict()
    return all(column in pairs and pairs[column] in values for column, values in chosen.items())
