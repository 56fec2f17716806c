"""The dashboard's charts, laid out in pairs, each drawn from the filtered deals narrowed by the other charts'
clicks (never by its own, so the clicked chart keeps every bar and shows which ones are chosen)."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import plotly.graph_objects as go
import streamlit as st

from dealtracker.analytics import Measure, format_usd, undated, unmapped_total
from dealtracker.crossfilter import CrossFilter, apply_cross_filters

from . import charts, crossfilter
from .doubts import render_undated_note
from .text import markdown_text

Builder = Callable[[pd.DataFrame, Measure], go.Figure]


def _measure(frame: pd.DataFrame) -> Measure:
    """The value/count toggle; counts when none of the deals shown (after every chart filter) states a value."""
    measure = st.segmented_control(
        "Measure", options=["value", "count"], format_func={"value": "Value (USD)", "count": "Deal count"}.get,
        default="value", key="measure",
    ) or "value"
    if measure == "value" and frame["value_usd"].dropna().empty:
        st.info("None of these deals states a value; showing deal counts.", icon=":material/info:")
        return "count"
    return measure


def _chart(chart: str, build: Builder, frame: pd.DataFrame, active: list[CrossFilter], measure: Measure,
           clickable: bool = True, nothing_drawn: str = "") -> pd.DataFrame:
    """Draw one chart from the deals the other charts' clicks leave; returns those deals. ``nothing_drawn``
    says why this chart can be empty when deals are left (the top counterparties: none is named)."""
    data = apply_cross_filters(frame, active, except_chart=chart)
    if data.empty:
        st.info("Nothing to show here with the chart filters above.", icon=":material/filter_alt_off:")
        return data
    figure = build(data, measure)
    if not charts.has_points(figure):  # deals are left, yet nothing to draw: say why rather than show empty axes
        if measure == "value" and data["value_usd"].dropna().empty:
            st.info("None of the deals this chart would show states a value: switch the measure to deal count.",
                    icon=":material/info:")
        else:
            st.info(nothing_drawn or "Nothing to show here with the chart filters above.", icon=":material/info:")
        return data
    crossfilter.draw(chart, charts.highlight(figure, crossfilter.of_chart(chart)), clickable)
    return data


# From this many stored deals the charts come in groups, one group drawn at a time (tabs that run only the open
# one): each chart a rerun changes is drawn anew by the browser (a plotly chart's element identity includes its
# figure, so Streamlit mounts a new one rather than updating it), and eight charts and the deals table over
# 100,000 deals took Chromium 1.5-2.3 s of CPU per filter change (bench/browser_dashboard.py, issue 17).
# Below it, every chart is on the page at once, as before.
GROUPED_FROM = 20_000
GROUPS = ("Countries and sectors", "Structure", "Counterparties and time")
DEALS_TAB = "Deals table"


def render_charts(frame: pd.DataFrame, grouped: bool = False, deals_tab: Callable[[], None] | None = None) -> None:
    """Every chart of the dashboard, or one clear message when the filters leave no deal.

    ``grouped`` puts the charts in tabs, only the open one run and sent to the browser; ``deals_tab`` (drawn in
    a last tab when grouped, else right after the charts) shows the deals themselves.

    A fragment: a chart-local control (the measure, the period, a tab) reruns this part only, not the reading,
    filtering and totals above it (over 1,000,000 deals those were most of a rerun). A click on a chart changes
    the KPIs and the table too, so it reruns the whole page (``_charts``)."""
    _charts(frame, grouped, deals_tab, crossfilter.active())


@st.fragment
def _charts(frame: pd.DataFrame, grouped: bool, deals_tab: Callable[[], None] | None, at_full_run: list[CrossFilter]) -> None:
    """``render_charts``'s body. On a rerun of the fragment alone its arguments are those of the last full run:
    if a chart click changed the cross-filters since, everything above must be redrawn, so the page reruns."""
    if crossfilter.active() != at_full_run:
        st.rerun(scope="app")
    if frame.empty:
        st.info("No deals match these filters. Loosen them, or reset them in the sidebar.", icon=":material/filter_alt_off:")
        return
    active = crossfilter.active()
    if active and apply_cross_filters(frame, active).empty:
        st.info("No deal matches both the sidebar filters and the chart filters. Remove a chart filter above, or "
                "loosen the sidebar filters.", icon=":material/filter_alt_off:")
        return
    measure = _measure(apply_cross_filters(frame, active))
    sections = (_countries_and_sectors, _structure, _counterparties_and_time)
    if not grouped:
        for section in sections:
            section(frame, active, measure)
        if deals_tab is not None:
            deals_tab()
        return
    labels = [*GROUPS, *([DEALS_TAB] if deals_tab is not None else [])]
    tabs = st.tabs(labels, key="chart_group", on_change="rerun")
    for tab, section in zip(tabs, sections):
        if tab.open:
            with tab:
                section(frame, active, measure)
    if deals_tab is not None and tabs[-1].open:
        with tabs[-1]:
            deals_tab()


def _countries_and_sectors(frame: pd.DataFrame, active: list[CrossFilter], measure: Measure) -> None:
    left, right = st.columns(2)
    with left:
        _chart("chart_country_sector", charts.country_sector_figure, frame, active, measure)
    with right:
        _chart("chart_sector", charts.sector_figure, frame, active, measure)
    with st.container():
        off_map = unmapped_total(_chart("chart_map", charts.map_figure, frame, active, measure), measure)
        if off_map:
            shown = format_usd(off_map) if measure == "value" else f"{off_map:.0f} deals"
            st.caption(f"Not on the map: {markdown_text(shown)} from multilateral lenders or counterparties of unknown country.")


def _structure(frame: pd.DataFrame, active: list[CrossFilter], measure: Measure) -> None:
    left, right = st.columns(2)
    with left:
        _chart("chart_heatmap", charts.heatmap_figure, frame, active, measure, clickable=False)
    with right:
        _chart("chart_sankey", charts.sankey_figure, frame, active, measure, clickable=False)
    _chart("chart_treemap", charts.treemap_figure, frame, active, measure, clickable=False)


def _counterparties_and_time(frame: pd.DataFrame, active: list[CrossFilter], measure: Measure) -> None:
    _chart("chart_top", charts.top_counterparties_figure, frame, active, measure,
           nothing_drawn="None of these deals names a counterparty.")
    freq = st.segmented_control(
        "Period", ["Y", "M"], format_func={"M": "Month", "Y": "Year"}.get, default="Y", key="period"
    ) or "Y"
    dated = apply_cross_filters(frame, active, except_chart="chart_time")
    if dated["date"].dropna().empty:
        st.info("None of these deals has a date yet.", icon=":material/event_busy:")
    else:
        _chart("chart_time", lambda data, m: charts.time_figure(data, m, freq), frame, active, measure)
        render_undated_note(undated(dated))
