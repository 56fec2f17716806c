"""Plotly charts drawn from the core package's aggregated frames."""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import streamlit as st

from dealtracker.analytics import MEASURE_COLUMN, Measure, by_country_and_sector, by_sector, country_order, sector_labels

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
