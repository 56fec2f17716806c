"""Plotly charts drawn from the core package's aggregated frames."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

import plotly.graph_objects as go

from dealtracker.analytics import (
    MEASURE_COLUMN,
    Measure,
    by_country_and_sector,
    by_sector,
    country_order,
    country_sector_matrix,
    flows,
    over_time,
    sector_labels,
    top_counterparties,
    treemap_frame,
)

_AXIS_TITLE = {"value": "Total value (USD)", "count": "Number of deals"}


def _sector_colours() -> dict[str, str]:
    palette = px.colors.qualitative.Dark24
    return {label: palette[i % len(palette)] for i, label in enumerate(sector_labels().values())}


def _format_measure_axis(figure, measure: Measure, axis: str, counts: pd.Series, category: str) -> None:
    """Dollar ticks with B/M suffixes and a formatted hover for value; whole-number ticks for counts."""
    update_axis = figure.update_yaxes if axis == "y" else figure.update_xaxes
    label = f"%{{{category}}}" + ("<br>%{fullData.name}" if category == "x" else "")
    if measure == "value":
        update_axis(tickprefix="$", exponentformat="B")
        figure.update_traces(hovertemplate=f"{label}: %{{customdata[0]}}<extra></extra>")
    else:
        update_axis(tickformat=",d", dtick=1 if counts.empty or counts.max() <= 10 else None)
        figure.update_traces(hovertemplate=f"{label}: %{{{axis}}} deals<extra></extra>")


def country_sector_figure(frame: pd.DataFrame, measure: Measure):
    """Vertical bars per Central Asian country, stacked by sector, largest country first."""
    data = by_country_and_sector(frame, measure)
    column = MEASURE_COLUMN[measure]
    figure = px.bar(
        data,
        x="country",
        y=column,
        color="sector_label",
        color_discrete_map=_sector_colours(),
        custom_data=["value_label"],
        title=f"{_AXIS_TITLE[measure]} by Central Asian country and sector",
        labels={"country": "Central Asian country", column: _AXIS_TITLE[measure], "sector_label": "Sector"},
    )
    figure.update_layout(barmode="stack", legend_title_text="Sector")
    figure.update_xaxes(categoryorder="array", categoryarray=country_order(frame, measure))
    _format_measure_axis(figure, measure, "y", data[column], category="x")
    return figure


def sector_figure(frame: pd.DataFrame, measure: Measure):
    """Horizontal bars per sector, largest on top."""
    data = by_sector(frame, measure)
    column = MEASURE_COLUMN[measure]
    figure = px.bar(
        data,
        x=column,
        y="sector_label",
        orientation="h",
        color="sector_label",
        color_discrete_map=_sector_colours(),
        custom_data=["value_label"],
        title=f"{_AXIS_TITLE[measure]} by sector",
        labels={"sector_label": "Sector", column: _AXIS_TITLE[measure]},
    )
    figure.update_layout(showlegend=False, yaxis={"categoryorder": "total ascending"})
    _format_measure_axis(figure, measure, "x", data[column], category="y")
    return figure


def render_charts(frame: pd.DataFrame) -> None:
    if frame.empty:
        st.info("No deals match these filters.", icon=":material/filter_alt_off:")
        return
    measure = st.segmented_control(
        "Measure", options=["value", "count"], format_func=lambda m: {"value": "Value (USD)", "count": "Deal count"}[m],
        default="value", key="measure",
    ) or "value"
    if measure == "value" and frame["value_usd"].dropna().empty:
        st.info("None of these deals states a value; showing deal counts.", icon=":material/info:")
        measure = "count"
    left, right = st.columns(2)
    left.plotly_chart(country_sector_figure(frame, measure), key="chart_country_sector")
    right.plotly_chart(sector_figure(frame, measure), key="chart_sector")
    left, right = st.columns(2)
    left.plotly_chart(heatmap_figure(frame, measure), key="chart_heatmap")
    right.plotly_chart(treemap_figure(frame, measure), key="chart_treemap")
    left, right = st.columns(2)
    left.plotly_chart(sankey_figure(frame, measure), key="chart_sankey")
    right.plotly_chart(top_counterparties_figure(frame, measure), key="chart_top")
    freq = st.segmented_control("Period", ["M", "Y"], format_func={"M": "Month", "Y": "Year"}.get, default="Y", key="period") or "Y"
    timeline = over_time(frame, measure, freq)
    if timeline.empty:
        st.info("None of these deals has a date yet.", icon=":material/event_busy:")
    else:
        st.plotly_chart(time_figure(timeline, measure), key="chart_time")


def heatmap_figure(frame: pd.DataFrame, measure: Measure):
    """Central Asian country × sector."""
    matrix = country_sector_matrix(frame, measure)
    figure = px.imshow(
        matrix, color_continuous_scale="Blues", aspect="auto",
        labels={"x": "Sector", "y": "Central Asian country", "color": _AXIS_TITLE[measure]},
        title=f"{_AXIS_TITLE[measure]}: country × sector",
    )
    if measure == "value":
        figure.update_coloraxes(colorbar_tickprefix="$", colorbar_exponentformat="B")
    return figure


def treemap_figure(frame: pd.DataFrame, measure: Measure):
    """Country → sector → counterparty."""
    data = treemap_frame(frame, measure)
    column = MEASURE_COLUMN[measure]
    figure = px.treemap(
        data, path=["country", "sector_label", "counterparty"], values=column,
        title=f"{_AXIS_TITLE[measure]}: country → sector → counterparty",
    )
    figure.update_traces(hovertemplate="%{label}: %{value:,.0f}<extra></extra>" if measure == "count" else "%{label}: $%{value:,.0f}<extra></extra>")
    return figure


def sankey_figure(frame: pd.DataFrame, measure: Measure):
    """Where the money comes from (counterparty country) and where it goes (the five states)."""
    data = flows(frame, measure)
    column = MEASURE_COLUMN[measure]
    sources = [f"{s} " for s in data["source"]]  # a trailing space keeps "from" and "to" nodes apart
    labels = list(dict.fromkeys(sources + list(data["target"])))
    index = {label: i for i, label in enumerate(labels)}
    figure = go.Figure(
        go.Sankey(
            node={"label": labels, "pad": 12},
            link={
                "source": [index[s] for s in sources],
                "target": [index[t] for t in data["target"]],
                "value": list(data[column]),
            },
        )
    )
    figure.update_layout(title=f"{_AXIS_TITLE[measure]}: from counterparty country to Central Asian country")
    return figure


def top_counterparties_figure(frame: pd.DataFrame, measure: Measure):
    data = top_counterparties(frame, measure)
    column = MEASURE_COLUMN[measure]
    figure = px.bar(
        data, x=column, y="counterparty", orientation="h",
        hover_data={"counterparty_country": True},
        labels={"counterparty": "Counterparty", column: _AXIS_TITLE[measure], "counterparty_country": "Country"},
        title="Top counterparties by " + ("total value (USD)" if measure == "value" else "number of deals"),
    )
    figure.update_layout(yaxis={"categoryorder": "total ascending"})
    if measure == "value":
        figure.update_xaxes(tickprefix="$", exponentformat="B")
    return figure


def time_figure(data: pd.DataFrame, measure: Measure):
    column = MEASURE_COLUMN[measure]
    figure = px.bar(
        data, x="period", y=column, labels={"period": "Date", column: _AXIS_TITLE[measure]},
        title=f"{_AXIS_TITLE[measure]} over time (deal date, else article date)",
    )
    if measure == "value":
        figure.update_yaxes(tickprefix="$", exponentformat="B")
    return figure
