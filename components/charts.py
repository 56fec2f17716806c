"""Plotly figures drawn from the core package's aggregated frames (no filtering or arithmetic here).

Charts that take clicks give each point ``customdata`` of [hover text, column, value, ...] (see
``dealtracker.crossfilter``), so a click becomes a filter on raw values whatever the labels say.
"""

from __future__ import annotations

import pandas as pd
import plotly.express as px
import plotly.graph_objects as go

from dealtracker.analytics import (
    MEASURE_COLUMN,
    Measure,
    by_country_and_sector,
    by_sector,
    country_order,
    country_sector_matrix,
    flows,
    map_totals,
    over_time,
    sector_labels,
    top_counterparties,
    treemap_frame,
)
from dealtracker.crossfilter import CrossFilter, point_matches

AXIS_TITLE = {"value": "Total value (USD)", "count": "Number of deals"}


def _sector_colours() -> dict[str, str]:
    palette = px.colors.qualitative.Dark24
    return {label: palette[i % len(palette)] for i, label in enumerate(sector_labels().values())}


def _click_data(data: pd.DataFrame, *columns: str) -> pd.DataFrame:
    """Add the constant "column name" fields that make customdata read [hover, column, value, ...]."""
    return data.assign(**{f"_{column}_name": column for column in columns})


def _custom(*columns: str) -> list[str]:
    fields = ["value_label"]
    for column in columns:
        fields += [f"_{column}_name", column]
    return fields


def _format_measure_axis(figure: go.Figure, measure: Measure, axis: str, counts: pd.Series, category: str) -> None:
    """Dollar ticks with B/M suffixes and a formatted hover for value; whole-number ticks for counts."""
    update_axis = figure.update_yaxes if axis == "y" else figure.update_xaxes
    label = f"%{{{category}}}" + ("<br>%{fullData.name}" if category == "x" else "")
    if measure == "value":
        update_axis(tickprefix="$", exponentformat="B")
        figure.update_traces(hovertemplate=f"{label}: %{{customdata[0]}}<extra></extra>")
    else:
        update_axis(tickformat=",d", dtick=1 if counts.empty or counts.max() <= 10 else None)
        figure.update_traces(hovertemplate=f"{label}: %{{{axis}}} deals<extra></extra>")


def highlight(figure: go.Figure, cross_filter: CrossFilter | None) -> go.Figure:
    """Mark the points a person clicked (the others fade), so the chart that set a cross-filter shows it."""
    if cross_filter is None:
        return figure
    for trace in figure.data:
        customdata = getattr(trace, "customdata", None)
        if customdata is None:
            continue
        trace.selectedpoints = [i for i, point in enumerate(customdata) if point_matches(point, cross_filter)]
    return figure


def country_sector_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Vertical bars per Central Asian country, stacked by sector, largest country first."""
    data = _click_data(by_country_and_sector(frame, measure), "party_country", "sector")
    column = MEASURE_COLUMN[measure]
    figure = px.bar(
        data,
        x="country",
        y=column,
        color="sector_label",
        color_discrete_map=_sector_colours(),
        custom_data=_custom("party_country", "sector"),
        title=f"{AXIS_TITLE[measure]} by Central Asian country and sector",
        labels={"country": "Central Asian country", column: AXIS_TITLE[measure], "sector_label": "Sector"},
    )
    figure.update_layout(barmode="stack", legend_title_text="Sector")
    figure.update_xaxes(categoryorder="array", categoryarray=country_order(frame, measure))
    _format_measure_axis(figure, measure, "y", data[column], category="x")
    return figure


def sector_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Horizontal bars per sector, largest on top."""
    data = _click_data(by_sector(frame, measure), "sector")
    column = MEASURE_COLUMN[measure]
    figure = px.bar(
        data,
        x=column,
        y="sector_label",
        orientation="h",
        color="sector_label",
        color_discrete_map=_sector_colours(),
        custom_data=_custom("sector"),
        title=f"{AXIS_TITLE[measure]} by sector",
        labels={"sector_label": "Sector", column: AXIS_TITLE[measure]},
    )
    figure.update_layout(showlegend=False, yaxis={"categoryorder": "total ascending"})
    _format_measure_axis(figure, measure, "x", data[column], category="y")
    return figure


def heatmap_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Central Asian country × sector."""
    matrix = country_sector_matrix(frame, measure)
    figure = px.imshow(
        matrix, color_continuous_scale="Blues", aspect="auto",
        zmin=0,  # from zero, as for every total; a single cell otherwise gets ticks such as "$350.0000004M"
        labels={"x": "Sector", "y": "Central Asian country", "color": AXIS_TITLE[measure]},
        title=f"{AXIS_TITLE[measure]}: country × sector",
    )
    if measure == "value":
        figure.update_coloraxes(colorbar_tickprefix="$", colorbar_exponentformat="B")
        figure.update_traces(hovertemplate="%{y} · %{x}: $%{z:,.3s}<extra></extra>")
    else:
        figure.update_traces(hovertemplate="%{y} · %{x}: %{z} deals<extra></extra>")
    return figure


def treemap_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Country → sector → counterparty."""
    data = treemap_frame(frame, measure)
    column = MEASURE_COLUMN[measure]
    figure = px.treemap(
        data, path=["country", "sector_label", "counterparty"], values=column,
        title=f"{AXIS_TITLE[measure]}: country → sector → counterparty",
    )
    figure.update_traces(
        hovertemplate="%{label}: %{value:,.0f} deals<extra></extra>" if measure == "count"
        else "%{label}: $%{value:,.3s}<extra></extra>"
    )
    return figure


def map_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Where the money comes from (counterparty countries, blue) and where it goes (the five states, orange)."""
    data = map_totals(frame, measure)
    column = MEASURE_COLUMN[measure]
    figure = go.Figure()
    for side, scale, title, clicked, x in (
        ("from", "Blues", "From", "counterparty_country", 1.0),
        ("to", "Oranges", "To", "party_country", 1.08),
    ):
        part = data[data["side"] == side]
        if part.empty:
            continue
        figure.add_trace(
            go.Choropleth(
                locations=part["iso3"], z=part[column], locationmode="ISO-3", colorscale=scale, name=title,
                zmin=0,  # totals: a scale from zero reads right and stays readable with a single country
                text=part["country"],
                customdata=[[label, clicked, code] for label, code in zip(part["value_label"], part["iso3"])],
                hovertemplate=f"{title}: %{{text}}<br>%{{customdata[0]}}<extra></extra>",
                colorbar={"title": {"text": title}, "x": x, "len": 0.8, "thickness": 12,
                          **({"tickprefix": "$", "exponentformat": "B"} if measure == "value" else {})},
                marker_line_color="white",
            )
        )
    figure.update_geos(
        projection_type="natural earth", showcountries=True, countrycolor="#c8c8c8", showland=True,
        landcolor="#f2f2f2", showocean=False, showframe=False, lataxis_range=[-45, 80],
    )
    figure.update_layout(title=f"{AXIS_TITLE[measure]}: where the money comes from and where it goes",
                         margin={"l": 0, "r": 0, "t": 50, "b": 0})
    return figure


def sankey_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Counterparty country → Central Asian country."""
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
                "customdata": list(data["value_label"]),
                "hovertemplate": "%{source.label}→ %{target.label}: %{customdata}<extra></extra>",
            },
        )
    )
    figure.update_layout(title=f"{AXIS_TITLE[measure]}: from counterparty country to Central Asian country")
    return figure


def top_counterparties_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    data = _click_data(top_counterparties(frame, measure), "counterparty")
    column = MEASURE_COLUMN[measure]
    figure = px.bar(
        data, x=column, y="counterparty", orientation="h",
        custom_data=_custom("counterparty"),
        labels={"counterparty": "Counterparty", column: AXIS_TITLE[measure]},
        title="Top counterparties by " + ("total value (USD)" if measure == "value" else "number of deals"),
    )
    figure.update_layout(yaxis={"categoryorder": "total ascending"})
    _format_measure_axis(figure, measure, "x", data[column], category="y")
    return figure


def time_figure(frame: pd.DataFrame, measure: Measure, freq: str) -> go.Figure:
    """Totals per year or month of the deal date."""
    data = over_time(frame, measure, freq)
    column, period = MEASURE_COLUMN[measure], f"period_{freq}"
    data = _click_data(data.assign(**{period: data["period"].dt.strftime("%Y-%m-%d")}), period)
    figure = px.bar(
        data, x="period", y=column, custom_data=_custom(period),
        labels={"period": "Year" if freq == "Y" else "Month", column: AXIS_TITLE[measure]},
        title=f"{AXIS_TITLE[measure]} over time (deal date, else article date)",
    )
    figure.update_xaxes(dtick="M12" if freq == "Y" else None, tickformat="%Y" if freq == "Y" else "%b %Y")
    hover_date = "%{x|%Y}" if freq == "Y" else "%{x|%b %Y}"
    figure.update_traces(
        hovertemplate=f"{hover_date}: %{{customdata[0]}}<extra></extra>" if measure == "value"
        else f"{hover_date}: %{{y}} deals<extra></extra>"
    )
    if measure == "value":
        figure.update_yaxes(tickprefix="$", exponentformat="B")
    return figure
