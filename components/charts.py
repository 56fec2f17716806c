"""Plotly figures drawn from the core package's aggregated frames (no filtering or arithmetic here).

Charts that take clicks give each point ``customdata`` of [hover text, column, value, ...] (see
``dealtracker.crossfilter``), so a click becomes a filter on raw values whatever the labels say.
"""

from __future__ import annotations

import pandas as pd
import plotly.graph_objects as go
from plotly.colors import qualitative

from dealtracker.analytics import (
    MEASURE_COLUMN,
    Measure,
    by_country_and_sector,
    by_sector,
    country_sector_matrix,
    flows,
    format_usd,
    map_totals,
    over_time,
    sector_labels,
    top_counterparties,
    totals_order,
    treemap_nodes,
)
from dealtracker.crossfilter import CrossFilter, point_matches

AXIS_TITLE = {"value": "Total value (USD)", "count": "Number of deals"}


def has_points(figure: go.Figure) -> bool:
    """Whether any trace has something to draw (bars, cells, boxes, map areas or flows)."""
    for trace in figure.data:
        if trace.type == "sankey":
            if trace.link.value is not None and len(trace.link.value):
                return True
            continue
        for attribute in ("x", "y", "z", "values", "locations", "ids"):
            points = getattr(trace, attribute, None)
            if points is not None and len(points):
                return True
    return False


def _colour_top(values) -> float:
    """The top of a colour scale that starts at zero: the largest total (1 when there is nothing but zeros)."""
    top = float(pd.Series(values, dtype="float64").max(skipna=True)) if len(values) else 0.0
    return top if top > 0 else 1.0


def _sector_colours() -> dict[str, str]:
    palette = qualitative.Dark24
    return {label: palette[i % len(palette)] for i, label in enumerate(sector_labels().values())}


def _customdata(data: pd.DataFrame, *columns: str) -> list[list]:
    """Each point's [hover text, column, value, ...]: the click contract of ``dealtracker.crossfilter``."""
    parts = [data["value_label"].tolist()]
    for column in columns:
        parts += [[column] * len(data), data[column].tolist()]
    return [list(point) for point in zip(*parts)]


def _bar(data: pd.DataFrame, category: str, measure: Measure, horizontal: bool, name: str, clicked: tuple[str, ...],
         **style) -> go.Bar:
    """One bar trace built straight from an aggregated frame.

    Graph objects rather than plotly.express: express re-processes the frame per colour and validates every
    property again, which was two thirds of a dashboard rerun over 100,000 deals (profiled, issue 8).
    """
    heights, categories = data[MEASURE_COLUMN[measure]].to_numpy(), data[category].tolist()  # plain arrays: no
    return go.Bar(  # dataframe-library round trip inside plotly's validators
        x=heights if horizontal else categories, y=categories if horizontal else heights,
        orientation="h" if horizontal else "v", name=name, customdata=_customdata(data, *clicked), **style,
    )


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
    """Vertical bars per Central Asian country, stacked by sector (one trace each), largest country first."""
    data = by_country_and_sector(frame, measure)
    colours = _sector_colours()
    figure = go.Figure(
        [
            _bar(part, "country", measure, horizontal=False, name=label, clicked=("party_country", "sector"),
                 marker_color=colours.get(label), legendgroup=label)
            for label, part in data.groupby("sector_label", sort=True)
        ],
        layout={
            "title": f"{AXIS_TITLE[measure]} by Central Asian country and sector", "barmode": "stack",
            "legend": {"title": {"text": "Sector"}, "tracegroupgap": 0},
            "xaxis": {"title": "Central Asian country", "categoryorder": "array",
                      "categoryarray": totals_order(data, "country", measure)},
            "yaxis": {"title": AXIS_TITLE[measure]},
        },
    )
    _format_measure_axis(figure, measure, "y", data[MEASURE_COLUMN[measure]], category="x")
    return figure


def sector_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Horizontal bars per sector, largest on top, each in its sector's colour."""
    data = by_sector(frame, measure)
    colours = _sector_colours()
    figure = go.Figure(
        _bar(data, "sector_label", measure, horizontal=True, name=AXIS_TITLE[measure], clicked=("sector",),
             marker_color=[colours.get(label) for label in data["sector_label"]]),
        layout={
            "title": f"{AXIS_TITLE[measure]} by sector", "showlegend": False,
            "yaxis": {"title": "Sector", "categoryorder": "total ascending"}, "xaxis": {"title": AXIS_TITLE[measure]},
        },
    )
    _format_measure_axis(figure, measure, "x", data[MEASURE_COLUMN[measure]], category="y")
    return figure


def heatmap_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Central Asian country × sector."""
    matrix = country_sector_matrix(frame, measure)
    value = measure == "value"
    figure = go.Figure(
        go.Heatmap(
            z=matrix.to_numpy(), x=list(matrix.columns), y=list(matrix.index), colorscale="Blues",
            # from zero, as for every total; a single cell otherwise gets ticks such as "$350.0000004M" (plotly
            # ignores zmin unless zmax is set too)
            zmin=0, zmax=_colour_top(matrix.to_numpy().ravel()),
            colorbar={"title": {"text": AXIS_TITLE[measure]},
                      **({"tickprefix": "$", "exponentformat": "B"} if value else {})},
            # format_usd's $4.2B labels, as on every chart: d3's "s" format would write $4.2G
            customdata=[[format_usd(cell) for cell in row] for row in matrix.to_numpy()] if value else None,
            hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>" if value else "%{y} · %{x}: %{z} deals<extra></extra>",
        ),
        layout={
            "title": f"{AXIS_TITLE[measure]}: country × sector",
            "xaxis": {"title": "Sector"}, "yaxis": {"title": "Central Asian country", "autorange": "reversed"},
        },
    )
    return figure


def treemap_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Country → sector → counterparty (the largest counterparties of each branch, the rest in one box)."""
    nodes = treemap_nodes(frame, measure)
    return go.Figure(
        go.Treemap(
            ids=nodes["id"], parents=nodes["parent"], labels=nodes["label"], values=nodes[MEASURE_COLUMN[measure]],
            branchvalues="total", customdata=nodes["value_label"], hovertemplate="%{label}: %{customdata}<extra></extra>",
            textinfo="label",
        ),
        layout={"title": f"{AXIS_TITLE[measure]}: country → sector → counterparty"},
    )


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
                # totals: a scale from zero reads right and stays readable with a single country (plotly
                # ignores zmin unless zmax is set too)
                zmin=0, zmax=_colour_top(part[column]),
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
            # dark labels over light flows: the theme's grey flows left the country names hard to read
            textfont={"color": "#262730", "size": 12},
            link={
                "color": "rgba(140, 150, 170, 0.30)",
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
    data = top_counterparties(frame, measure)
    figure = go.Figure(
        _bar(data, "counterparty", measure, horizontal=True, name=AXIS_TITLE[measure], clicked=("counterparty",)),
        layout={
            "title": "Top counterparties by " + ("total value (USD)" if measure == "value" else "number of deals"),
            "yaxis": {"title": "Counterparty", "categoryorder": "total ascending"},
            "xaxis": {"title": AXIS_TITLE[measure]},
        },
    )
    _format_measure_axis(figure, measure, "x", data[MEASURE_COLUMN[measure]], category="y")
    return figure


def time_figure(frame: pd.DataFrame, measure: Measure, freq: str) -> go.Figure:
    """Totals per year or month of the deal date."""
    data = over_time(frame, measure, freq)
    period = f"period_{freq}"
    data = data.assign(**{period: data["period"].dt.strftime("%Y-%m-%d")})
    hover_date = "%{x|%Y}" if freq == "Y" else "%{x|%b %Y}"
    value = measure == "value"
    figure = go.Figure(
        _bar(data, "period", measure, horizontal=False, name=AXIS_TITLE[measure], clicked=(period,),
             hovertemplate=f"{hover_date}: %{{customdata[0]}}<extra></extra>" if value
             else f"{hover_date}: %{{y}} deals<extra></extra>"),
        layout={
            "title": f"{AXIS_TITLE[measure]} over time (deal date, else article date)",
            "xaxis": {"title": "Year" if freq == "Y" else "Month", "dtick": "M12" if freq == "Y" else None,
                      "tickformat": "%Y" if freq == "Y" else "%b %Y"},
            "yaxis": {"title": AXIS_TITLE[measure], **({"tickprefix": "$", "exponentformat": "B"} if value else {})},
        },
    )
    return figure
