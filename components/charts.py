"""Plotly figures drawn from the core package's aggregated frames (no filtering or arithmetic here).

Charts that take clicks give each point ``customdata`` of [hover text, column, value, ...] (see
``dealtracker.crossfilter``), so a click becomes a filter on raw values whatever the labels say.

Every text plotly draws (axis categories, legend and trace names, hover, treemap and sankey labels) goes through
``components.text.plotly_text``: plotly reads ``<b>``, ``<a href>``, ``<br>`` and entities in text, and a
counterparty name comes from an article. The raw values stay in ``customdata``, which plotly does not draw
(only its first item, the formatted value, is shown in the hover).
"""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import plotly.graph_objects as go

from dealtracker.analytics import (
    MEASURE_COLUMN,
    Measure,
    by_country_and_sector,
    by_deal_type,
    by_sector,
    country_sector_matrix,
    flows,
    format_usd,
    map_totals,
    over_time,
    sector_colours,
    top_counterparties,
    totals_order,
    treemap_nodes,
)
from dealtracker.crossfilter import CrossFilter, point_matches

from .text import plotly_text, plotly_texts

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


def _sector_colours() -> dict[str, str]:
    return sector_colours()


# Light, distinct colours for the treemap's top level (its boxes hold dark text); children are drawn lighter.
TREEMAP_COLOURS = ["#a6cee3", "#fdbf6f", "#b2df8a", "#fb9a99", "#cab2d6", "#ffff99", "#8dd3c7", "#d9d9d9"]


def _log_colours(values: np.ndarray, measure: Measure) -> tuple[np.ndarray, dict]:
    """Colour by the logarithm of each total, so that a $50M cell beside a $50B one is still seen (on a linear
    scale it is white); empty cells stay blank. Returns the colour values and the colour bar's ticks, which
    read as money (or counts) at each power of ten."""
    positive = np.where(values > 0, values, np.nan)
    logs = np.log10(positive)
    finite = logs[np.isfinite(logs)]
    low, high = (math.floor(finite.min()), math.ceil(finite.max())) if finite.size else (0, 1)
    if high <= low:
        high = low + 1
    ticks = list(range(low, high + 1))
    text = [format_usd(10.0 ** t) if measure == "value" else f"{10 ** t:,.0f}" for t in ticks]
    bar = {"tickvals": ticks, "ticktext": text, "title": {"text": AXIS_TITLE[measure] + "<br>(log scale)"}}
    return logs, {"zmin": low, "zmax": high, "colorbar": bar}


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
    heights, categories = data[MEASURE_COLUMN[measure]].to_numpy(), plotly_texts(data[category])  # plain arrays:
    return go.Bar(  # no dataframe-library round trip inside plotly's validators
        x=heights if horizontal else categories, y=categories if horizontal else heights,
        orientation="h" if horizontal else "v", name=plotly_text(name), customdata=_customdata(data, *clicked), **style,
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
            # under the plot, in rows: sixteen sectors at the side were cut off in a half-width column
            "legend": {"title": {"text": "Sector"}, "orientation": "h", "yanchor": "top", "y": -0.25, "x": 0},
            "height": 560, "margin": {"b": 40},
            "xaxis": {"title": "Central Asian country", "categoryorder": "array",
                      "categoryarray": plotly_texts(totals_order(data, "country", measure))},
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


def deal_type_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Horizontal bars per deal type (investment, loan, supply contract …), largest on top."""
    data = by_deal_type(frame, measure)
    figure = go.Figure(
        _bar(data, "deal_type_label", measure, horizontal=True, name=AXIS_TITLE[measure], clicked=()),
        layout={
            "title": f"{AXIS_TITLE[measure]} by deal type", "showlegend": False,
            "yaxis": {"title": "Deal type", "categoryorder": "total ascending"}, "xaxis": {"title": AXIS_TITLE[measure]},
        },
    )
    _format_measure_axis(figure, measure, "x", data[MEASURE_COLUMN[measure]], category="y")
    return figure


def heatmap_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Central Asian country × sector, coloured on a log scale (see ``_log_colours``); empty cells blank."""
    matrix = country_sector_matrix(frame, measure)
    values = matrix.to_numpy(dtype="float64")
    colours, scale = _log_colours(values, measure)
    value = measure == "value"
    labels = [[format_usd(cell) if value else f"{cell:,.0f} deals" for cell in row] for row in values]
    figure = go.Figure(
        go.Heatmap(
            z=colours, x=plotly_texts(matrix.columns), y=plotly_texts(matrix.index), colorscale="Blues", **scale,
            customdata=labels, hoverongaps=False,
            hovertemplate="%{y} · %{x}: %{customdata}<extra></extra>",
        ),
        layout={
            "title": f"{AXIS_TITLE[measure]}: country × sector",
            "xaxis": {"title": "Sector", "tickangle": -35}, "yaxis": {"title": "Central Asian country", "autorange": "reversed"},
            "plot_bgcolor": "#ffffff",
        },
    )
    return figure


# Levels of the treemap drawn at once: countries and their largest sectors (35 boxes at most,
# ``analytics.treemap_nodes``); a click on a sector opens its counterparties. The boxes of a hidden level are
# still made by plotly, so fewer boxes in all (135, was some 560) is what made the "Structure" tab cheaper to draw
# in Chromium over 100,000 deals; two levels rather than three took another 0.05-0.1 s off, and keep the labels
# readable (bench/browser_dashboard.py, issue 17).
TREEMAP_DEPTH = 2


def treemap_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Country → sector → counterparty (the largest counterparties of each branch, the rest in one box): two
    levels drawn at a time, a click on a sector opens its counterparties."""
    nodes = treemap_nodes(frame, measure)
    return go.Figure(
        go.Treemap(
            ids=nodes["id"], parents=nodes["parent"], labels=plotly_texts(nodes["label"]),
            values=nodes[MEASURE_COLUMN[measure]], maxdepth=TREEMAP_DEPTH,
            branchvalues="total", customdata=nodes["value_label"], hovertemplate="%{label}: %{customdata}<extra></extra>",
            texttemplate="<b>%{label}</b><br>%{customdata}", textfont={"size": 13, "color": "#262730"},
            marker={"line": {"color": "#ffffff", "width": 1}}, pathbar={"textfont": {"color": "#262730"}},
        ),
        layout={"title": {"text": f"{AXIS_TITLE[measure]}: country → sector → counterparty",
                          "subtitle": {"text": "Click a sector to see its counterparties, and the bar above the boxes to go back"}},
                "treemapcolorway": TREEMAP_COLOURS, "extendtreemapcolors": True, "margin": {"l": 8, "r": 8, "t": 70}},
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
                locations=part["iso3"], locationmode="ISO-3", colorscale=scale, name=title,
                # on a log scale, as the heatmap: one large partner no longer leaves every other country white
                **_map_colours(part[column].to_numpy(dtype="float64"), measure, title, x),
                text=plotly_texts(part["country"]),
                customdata=[[label, clicked, code] for label, code in zip(part["value_label"], part["iso3"])],
                hovertemplate=f"{title}: %{{text}}<br>%{{customdata[0]}}<extra></extra>",
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


def _map_colours(values: np.ndarray, measure: Measure, title: str, x: float) -> dict:
    """A choropleth's z, range and colour bar on the log scale of ``_log_colours``, its bar at ``x``."""
    logs, scale = _log_colours(values, measure)
    bar = {**scale["colorbar"], "title": {"text": title}, "x": x, "len": 0.8, "thickness": 12}
    return {"z": logs, "zmin": scale["zmin"], "zmax": scale["zmax"], "colorbar": bar}


def sankey_figure(frame: pd.DataFrame, measure: Measure) -> go.Figure:
    """Counterparty country → Central Asian country."""
    data = flows(frame, measure)
    column = MEASURE_COLUMN[measure]
    sources = [plotly_text(f"{s} ") for s in data["source"]]  # a trailing space keeps "from" and "to" nodes apart
    targets = plotly_texts(data["target"])
    labels = list(dict.fromkeys(sources + targets))
    index = {label: i for i, label in enumerate(labels)}
    figure = go.Figure(
        go.Sankey(
            node={"label": labels, "pad": 12},
            # dark labels over light flows: the theme's grey flows left the country names hard to read
            textfont={"color": "#262730", "size": 12},
            link={
                "color": "rgba(140, 150, 170, 0.30)",
                "source": [index[s] for s in sources],
                "target": [index[t] for t in targets],
                "value": list(data[column]),
                "customdata": list(data["value_label"]),
                "hovertemplate": "%{source.label}→ %{target.label}: %{customdata}<extra></extra>",
            },
        )
    )
    # a short title and a subtitle: the whole sentence was cut off in a half-width column
    figure.update_layout(title={"text": "Counterparty country → Central Asian country",
                                "subtitle": {"text": AXIS_TITLE[measure]}}, margin={"t": 70})
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
    """Totals per year or month of the deal date. The periods are categories ("2025", "Mar 2025"): every bar,
    the last one included, is drawn whole, and empty periods between them are not drawn as gaps."""
    data = over_time(frame, measure, freq)
    period = f"period_{freq}"
    data = data.assign(**{period: data["period"].dt.strftime("%Y-%m-%d"),
                          "period_label": data["period"].dt.strftime("%Y" if freq == "Y" else "%b %Y")})
    value = measure == "value"
    figure = go.Figure(
        _bar(data, "period_label", measure, horizontal=False, name=AXIS_TITLE[measure], clicked=(period,),
             hovertemplate="%{x}: %{customdata[0]}<extra></extra>" if value else "%{x}: %{y} deals<extra></extra>"),
        layout={
            "title": f"{AXIS_TITLE[measure]} over time (deal date, else article date)",
            "xaxis": {"title": "Year" if freq == "Y" else "Month", "type": "category"},
            "yaxis": {"title": AXIS_TITLE[measure], **({"tickprefix": "$", "exponentformat": "B"} if value else {})},
        },
    )
    return figure
