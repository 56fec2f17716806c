"""Click-to-filter state: which chart narrowed the others, the removable chips that say so, and chart drawing.

Cross-filters are kept in session state by the chart's selection callback, not read back from the chart widget:
a plotly chart's widget identity includes its figure, so a chart that another click redraws starts with an empty
selection, while the filter it set must stay until the person removes it. Removing one bumps that chart's
"generation" (part of its key), which also clears the selection drawn in the browser.
"""

from __future__ import annotations

from functools import partial

import plotly.graph_objects as go
import streamlit as st

from dealtracker.crossfilter import CrossFilter, from_selection

from .text import label_text

_ACTIVE = "cross_filters"
_GENERATIONS = "chart_generations"

# plotly fetches map outlines from its CDN unless told otherwise; the app serves them itself (static/topojson).
PLOTLY_CONFIG = {"topojsonURL": "app/static/topojson/", "displaylogo": False}


def active() -> list[CrossFilter]:
    return list(st.session_state.get(_ACTIVE, {}).values())


def of_chart(chart: str) -> CrossFilter | None:
    return st.session_state.get(_ACTIVE, {}).get(chart)


def chart_key(chart: str) -> str:
    """The widget key of a chart: its id, with a generation suffix once a person has cleared its selection."""
    generation = st.session_state.get(_GENERATIONS, {}).get(chart, 0)
    return chart if generation == 0 else f"{chart}~{generation}"


def _selected(chart: str) -> None:
    """Selection callback: the chart's selected points become (or stop being) its cross-filter."""
    state = st.session_state.get(chart_key(chart)) or {}
    points = (state.get("selection") or {}).get("points") or []
    chosen = from_selection(chart, points)
    filters = dict(st.session_state.get(_ACTIVE, {}))
    if chosen is None:
        filters.pop(chart, None)
    else:
        filters[chart] = chosen
    st.session_state[_ACTIVE] = filters


def remove(chart: str) -> None:
    filters = dict(st.session_state.get(_ACTIVE, {}))
    filters.pop(chart, None)
    st.session_state[_ACTIVE] = filters
    generations = dict(st.session_state.get(_GENERATIONS, {}))
    generations[chart] = generations.get(chart, 0) + 1
    st.session_state[_GENERATIONS] = generations


def clear_all() -> None:
    for cross_filter in active():
        remove(cross_filter.chart)


def render_active() -> None:
    """One chip per cross-filter (click to remove it), and a clear-all when there are several."""
    filters = active()
    if not filters:
        st.caption("Tip: click a bar or a country on a chart to filter the others by it.")
        return
    with st.container(horizontal=True, horizontal_alignment="left", vertical_alignment="center", gap="small"):
        st.caption("Chart filters:", width="content")
        for cross_filter in filters:
            st.button(
                label_text(cross_filter.label()),  # a counterparty's name is an article's: the label is Markdown
                key=f"xf_remove_{cross_filter.chart}", icon=":material/close:",
                on_click=remove, args=(cross_filter.chart,), help="Remove this chart filter",
            )
        if len(filters) > 1:
            st.button("Clear all", key="xf_clear_all", on_click=clear_all, type="tertiary")


def draw(chart: str, figure: go.Figure | dict, clickable: bool = True) -> None:
    """Draw a chart (a figure, or its dict); if ``clickable``, a click or box selection on it filters the other
    charts."""
    if clickable:
        st.plotly_chart(
            figure, key=chart_key(chart), on_select=partial(_selected, chart), selection_mode=("points", "box"),
            config=PLOTLY_CONFIG,
        )
    else:
        st.plotly_chart(figure, key=chart_key(chart), config=PLOTLY_CONFIG)

