"""Every chart of the dashboard, listed once (issue 19): adding a chart is one ``ChartSpec`` in ``CHARTS``.

A spec says what the layout (``chart_grid``), the cross-filters and the tests need to know about a chart: its id
(the widget key in session state and the browser, and the chart a cross-filter names), how its figure is built
from the deals it is given, whether a click on it filters the others, what it says when there is nothing to draw,
and where it goes (its tab on a large store; beside the next chart or on its own). The order of ``CHARTS`` is the
order on the page. No streamlit here: ``chart_grid`` draws.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import pandas as pd
import plotly.graph_objects as go

from dealtracker.analytics import Measure, format_usd, unmapped_total

from . import charts
from .text import markdown_text

# The tabs of a large store (``chart_grid.GROUPED_FROM``), in their order; on a small one, the order of the sections.
GROUPS = ("Countries and sectors", "Map", "Structure", "Counterparties and time")
NARROWED_AWAY = "Nothing to show here with the chart filters above."

# (deals, measure, the chart's option or None) → its figure
Build = Callable[[pd.DataFrame, Measure, "str | None"], go.Figure]
# (deals, measure) → a caption under the chart (Markdown, article text escaped), or None for none
Note = Callable[[pd.DataFrame, Measure], "str | None"]


@dataclass(frozen=True)
class ChartSpec:
    """One dashboard chart.

    ``empty_note`` is said when deals are left but the figure has nothing to draw (unless the measure is value and
    none of them states one: that is said for every chart). ``half`` puts the chart beside the next half-width
    chart of its group, in two columns. ``note`` is computed (and cached) with the figure and shown under it.
    ``dated`` marks the chart over deal dates: the period control above it gives its option ("Y" or "M"), it says
    so when no deal has a date, and the deals it cannot place are noted under it (one such chart: the control's
    key is "period")."""

    id: str
    title: str
    build: Build
    group: str
    clickable: bool = True
    empty_note: str = NARROWED_AWAY
    half: bool = False
    note: Note | None = None
    dated: bool = False


def _off_map(data: pd.DataFrame, measure: Measure) -> str | None:
    """What the map cannot place: the deals of multilateral lenders and of counterparties of unknown country."""
    off_map = unmapped_total(data, measure)
    if not off_map:
        return None
    shown = format_usd(off_map) if measure == "value" else f"{off_map:.0f} deals"
    return f"Not on the map: {markdown_text(shown)} from multilateral lenders or counterparties of unknown country."


CHARTS: tuple[ChartSpec, ...] = (
    ChartSpec("chart_country_sector", "By Central Asian country and sector", group=GROUPS[0], half=True,
              build=lambda data, measure, _: charts.country_sector_figure(data, measure)),
    ChartSpec("chart_sector", "By sector", group=GROUPS[0], half=True,
              build=lambda data, measure, _: charts.sector_figure(data, measure)),
    ChartSpec("chart_map", "Where the money comes from and goes", group=GROUPS[1], note=_off_map,
              build=lambda data, measure, _: charts.map_figure(data, measure)),
    ChartSpec("chart_heatmap", "Country × sector", group=GROUPS[2], half=True, clickable=False,
              build=lambda data, measure, _: charts.heatmap_figure(data, measure)),
    ChartSpec("chart_sankey", "Counterparty country → Central Asian country", group=GROUPS[2], half=True,
              clickable=False, build=lambda data, measure, _: charts.sankey_figure(data, measure)),
    ChartSpec("chart_treemap", "Country → sector → counterparty", group=GROUPS[2], clickable=False,
              build=lambda data, measure, _: charts.treemap_figure(data, measure)),
    ChartSpec("chart_deal_type", "By deal type", group=GROUPS[2], clickable=False,
              build=lambda data, measure, _: charts.deal_type_figure(data, measure)),
    ChartSpec("chart_top", "Top counterparties", group=GROUPS[3],
              empty_note="None of these deals names a counterparty.",
              build=lambda data, measure, _: charts.top_counterparties_figure(data, measure)),
    ChartSpec("chart_time", "Over time", group=GROUPS[3], dated=True,
              build=lambda data, measure, freq: charts.time_figure(data, measure, freq or "Y")),
)

# id → spec: what ``chart_grid`` looks a chart up in (its cache is keyed by the id, a plain string)
BY_ID: dict[str, ChartSpec] = {spec.id: spec for spec in CHARTS}


def rows(group: str) -> list[tuple[ChartSpec, ...]]:
    """A group's charts as the page lays them out: two half-width charts in a row, any other chart on its own."""
    laid: list[tuple[ChartSpec, ...]] = []
    for spec in (spec for spec in CHARTS if spec.group == group):
        if spec.half and laid and len(laid[-1]) == 1 and laid[-1][0].half:
            laid[-1] = (laid[-1][0], spec)
        else:
            laid.append((spec,))
    return laid
