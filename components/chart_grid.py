"""The dashboard's charts (``chart_registry.CHARTS``), laid out in pairs, each drawn from the filtered deals narrowed
by the other charts' clicks (never by its own, so the clicked chart keeps every bar and shows which ones are
chosen)."""

from __future__ import annotations

import pickle
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import streamlit as st
from streamlit.runtime.scriptrunner import get_script_run_ctx

from dealtracker.analytics import Filters, Measure, Missing, undated
from dealtracker.crossfilter import CrossFilter, apply_cross_filters, cross_filter_mask

from . import charts, crossfilter, session
from .chart_registry import BY_ID, GROUPS, NARROWED_AWAY, ChartSpec, rows
from .doubts import render_undated_note
from .store import get_store


@dataclass(frozen=True)
class Drawing:
    """What one chart shows for one state of the filters: its figure, or why there is none (``message``); and
    what is said under it (its spec's ``note``, e.g. the part of the map's total it cannot place; a dated chart:
    the undated deals).

    The figure is kept as its pickled dict (``spec``), one object rather than a ``go.Figure``: Streamlit collects
    garbage after every run, walking every Python object alive, and a figure object is 250 to 7,000 of them (the
    stacked bars); a few hundred cached figures would have cost every rerun more than they save. Drawing it from
    the dict costs plotly's validation again, about 10 ms."""

    spec: bytes | None = None
    message: str = ""
    icon: str = ":material/info:"
    note: str | None = None
    undated: Missing | None = None

    @classmethod
    def of(cls, figure: go.Figure, **notes) -> Drawing:
        return cls(pickle.dumps(figure.to_dict(), protocol=pickle.HIGHEST_PROTOCOL), **notes)

    def figure(self) -> dict | None:
        """The figure as a dict, a new one each time (Streamlit's ``plotly_chart`` takes it)."""
        return None if self.spec is None else pickle.loads(self.spec)


# Figures are aggregated over every deal the filters keep, then cached for the process by everything they depend
# on (the store's revision, the sidebar's filters, the chart filters, the measure): a toggle switched back, a tab
# opened again or a second session with the same view is drawn without touching the deals (over 100,000 deals a
# chart group took 0.1-0.2 s to aggregate and build). Each entry is one small figure (a few to some tens of kB).
@st.cache_resource(max_entries=300, show_spinner=False)
def _drawing(url: str, revision: str, filters: Filters, active: tuple[CrossFilter, ...], chart: str, measure: Measure,
             option: str | None = None) -> Drawing:
    """One chart's ``Drawing``, from the deals the other charts' clicks leave (never its own click: the chart that
    set a filter keeps every bar, with the chosen ones highlighted)."""
    data = apply_cross_filters(session.filtered_frame(url, revision, filters), active, except_chart=chart)
    spec = BY_ID[chart]
    missing = None
    if spec.dated:
        if data["date"].dropna().empty:
            return Drawing(message="None of these deals has a date yet.", icon=":material/event_busy:")
        missing = undated(data)
    if data.empty:
        return Drawing(message=NARROWED_AWAY, icon=":material/filter_alt_off:")
    note = spec.note(data, measure) if spec.note is not None else None
    figure = spec.build(data, measure, option)
    if not charts.has_points(figure):  # deals are left, yet nothing to draw: say why rather than show empty axes
        if measure == "value" and data["value_usd"].dropna().empty:
            message = "None of the deals this chart would show states a value: switch the measure to deal count."
        else:
            message = spec.empty_note
        return Drawing(message=message, note=note, undated=missing)
    own = next((cross_filter for cross_filter in active if cross_filter.chart == chart), None)
    return Drawing.of(charts.highlight(figure, own), note=note, undated=missing)


@st.cache_resource(max_entries=100, show_spinner=False)
def _view(url: str, revision: str, filters: Filters, active: tuple[CrossFilter, ...]) -> tuple[int, int, bool]:
    """Deals the sidebar's filters keep, how many of them every chart filter keeps, and whether one of those
    states a value."""
    frame = session.filtered_frame(url, revision, filters)
    mask = cross_filter_mask(frame, active)
    valued = frame["value_usd"].notna()
    if mask is None:
        return len(frame), len(frame), bool(valued.any())
    return len(frame), int(mask.sum()), bool((valued & mask).any())


@dataclass(frozen=True)
class _View:
    """What the charts are drawn from: the store's revision and the sidebar's filters of the last full run (a
    few strings, not the deals: a rerun of the charts alone takes the deals from the shared cache), and the chart
    filters."""

    url: str
    revision: str
    filters: Filters
    active: tuple[CrossFilter, ...]

    def chart(self, spec: ChartSpec, measure: Measure, option: str | None = None) -> Drawing:
        """Draw one chart (or say why there is none); returns its ``Drawing``."""
        drawing = _drawing(self.url, self.revision, self.filters, self.active, spec.id, measure, option)
        if drawing.spec is None:
            st.info(drawing.message, icon=drawing.icon)
        else:
            crossfilter.draw(spec.id, drawing.figure(), spec.clickable)
        return drawing


def _measure(any_value: bool) -> Measure:
    """The value/count toggle; counts when none of the deals shown (after every chart filter) states a value."""
    measure = st.segmented_control(
        "Measure", options=["value", "count"], format_func={"value": "Value (USD)", "count": "Deal count"}.get,
        default="value", key="measure",
    ) or "value"
    if measure == "value" and not any_value:
        st.info("None of these deals states a value; showing deal counts.", icon=":material/info:")
        return "count"
    return measure


# From this many stored deals the charts come in groups, one group drawn at a time (tabs that run only the open
# one): each chart a rerun changes is drawn anew by the browser (a plotly chart's element identity includes its
# figure, so Streamlit mounts a new one rather than updating it), and eight charts and the deals table over
# 100,000 deals took Chromium 1.5-2.3 s of CPU per filter change (bench/browser_dashboard.py, issue 17).
# Below it, every chart is on the page at once, as before.
# The map has a tab of its own: it is the dearest chart to open (plotly's geo code run for the first time in the
# page, the outlines fetched and projected after the other charts are drawn), and opening the dashboard is where
# the browser's time is shortest: plotly's own bundle already costs it 0.4-0.9 s there (issue 17).
GROUPED_FROM = 20_000
DEALS_TAB = "Deals table"


def render_charts(filters: Filters, grouped: bool = False,
                  deals_tab: Callable[[pd.DataFrame, Callable[[], pd.DataFrame]], None] | None = None) -> None:
    """Every chart of the dashboard over the deals ``filters`` keep (``session.filtered``), or one clear message
    when the filters leave no deal.

    ``grouped`` puts the charts in tabs, only the open one run and sent to the browser; ``deals_tab`` (drawn in
    a last tab when grouped, else right after the charts) is given the deals shown, after the chart filters, and
    a function that gives them anew from small arguments (for what is kept until a click: downloads). Pass
    a function of a module (a component), not one defined in a page: a rerun of the charts alone calls it again, so
    it is kept with the session, and a page's function would keep the page's variables (its frames) alive too.

    A fragment: a chart-local control (the measure, the period, a tab) reruns this part only, not the reading,
    filtering and totals above it (over 1,000,000 deals those were most of a rerun). A click on a chart changes
    the KPIs and the table too, so it reruns the whole page (``_charts``)."""
    _charts(get_store().url, session.revision(), filters, grouped, deals_tab, crossfilter.active())


@st.fragment
def _charts(url: str, revision: str, filters: Filters, grouped: bool,
            deals_tab: Callable[[pd.DataFrame, Callable[[], pd.DataFrame]], None] | None,
            at_full_run: list[CrossFilter]) -> None:
    """``render_charts``'s body. On a rerun of the fragment alone its arguments are those of the last full run:
    if a chart click changed the cross-filters since, or the store changed, everything above must be redrawn, so
    the page reruns. What the fragment keeps per session is those arguments: no deals."""
    if crossfilter.active() != at_full_run:
        st.rerun(scope="app")
    if _charts_alone() and session.revision() != revision:
        st.rerun(scope="app")
    view = _View(url, revision, filters, tuple(crossfilter.active()))
    deals, shown, any_value = _view(url, revision, filters, view.active)
    if not deals:
        st.info("No deals match these filters. Loosen them, or reset them in the sidebar.", icon=":material/filter_alt_off:")
        return
    if view.active and not shown:
        st.info("No deal matches both the sidebar filters and the chart filters. Remove a chart filter above, or "
                "loosen the sidebar filters.", icon=":material/filter_alt_off:")
        return
    measure = _measure(any_value)

    def table() -> None:
        shown_now = partial(_shown, filters, view.active)  # for the downloads: small arguments, no frame
        deals_tab(apply_cross_filters(session.filtered_frame(url, revision, filters), view.active), shown_now)

    if not grouped:
        for group in GROUPS:
            _group(view, group, measure)
        if deals_tab is not None:
            table()
        return
    labels = [*GROUPS, *([DEALS_TAB] if deals_tab is not None else [])]
    tabs = st.tabs(labels, key="chart_group", on_change="rerun")
    for tab, group in zip(tabs, GROUPS):
        if tab.open:
            with tab:
                _group(view, group, measure)
    if deals_tab is not None and tabs[-1].open:
        with tabs[-1]:
            table()


def _shown(filters: Filters, active: tuple[CrossFilter, ...]) -> pd.DataFrame:
    """The deals shown for these filters in the store as it is now (a download clicked later)."""
    return apply_cross_filters(session.filtered(filters), active)


def _charts_alone() -> bool:
    """Whether this run reruns fragments only (a chart-local control), not the whole page."""
    ctx = get_script_run_ctx()
    return bool(ctx is not None and ctx.fragment_ids_this_run)


def _group(view: _View, group: str, measure: Measure) -> None:
    """A group's charts in the registry's order (``chart_registry.rows``): two half-width charts side by side."""
    for row in rows(group):
        if len(row) == 1:
            _chart(view, row[0], measure)
            continue
        for column, spec in zip(st.columns(len(row)), row):
            with column:
                _chart(view, spec, measure)


def _chart(view: _View, spec: ChartSpec, measure: Measure) -> None:
    """One chart with what goes around it: a dated chart's period control above it and its undated deals below;
    a note under it (in one container with the chart)."""
    option = None
    if spec.dated:
        option = st.segmented_control(
            "Period", ["Y", "M"], format_func={"M": "Month", "Y": "Year"}.get, default="Y", key="period"
        ) or "Y"
    if spec.note is None:
        drawing = view.chart(spec, measure, option=option)
    else:
        with st.container():
            drawing = view.chart(spec, measure, option=option)
            if drawing.note:
                st.caption(drawing.note)
    if drawing.undated is not None:
        render_undated_note(drawing.undated)
