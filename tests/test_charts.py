"""The dashboard's figures: each has a title, dollar units with B/M suffixes, hover text in the same units, and
says when it has nothing to draw. Built from small hand-made frames (no Streamlit run needed)."""

from __future__ import annotations

import html
from functools import partial

import pandas as pd
import plotly.graph_objects as go
import pytest

from components import chart_registry, charts
from components.chart_registry import CHARTS
from dealtracker.analytics import deals_frame
from dealtracker.crossfilter import FILTERABLE_COLUMNS

from conftest import make_deal


_deal = partial(make_deal, source="s", date="2025-09-22")


@pytest.fixture
def frame():
    return deals_frame([
        _deal(deal_id="a", party_country="KAZ", sector="energy_oil_gas", value_usd=55e9, counterparty="Chevron",
              counterparty_country="USA"),
        _deal(deal_id="b", party_country="UZB", sector="aviation", value_usd=8e9, counterparty="Boeing",
              counterparty_country="USA", date="2025-05-01", deal_type="purchase_contract"),
        _deal(deal_id="c", party_country="TJK", sector="transport_logistics", value_usd=30e6,
              counterparty="Saudi Fund for Development", counterparty_country="SAU"),
    ])


FIGURES = {
    "country_sector": charts.country_sector_figure,
    "sector": charts.sector_figure,
    "heatmap": charts.heatmap_figure,
    "treemap": charts.treemap_figure,
    "map": charts.map_figure,
    "sankey": charts.sankey_figure,
    "top": charts.top_counterparties_figure,
    "deal_type": charts.deal_type_figure,
    "time": lambda frame, measure: charts.time_figure(frame, measure, "M"),
}


@pytest.mark.parametrize("name", FIGURES)
@pytest.mark.parametrize("measure", ["value", "count"])
def test_every_figure_has_a_title_that_names_its_measure_and_something_to_draw(frame, name, measure):
    figure = FIGURES[name](frame, measure)
    title = f"{figure.layout.title.text} {figure.layout.title.subtitle.text or ''}"  # (a long title's measure
    assert figure.layout.title.text and ("value" in title.lower() if measure == "value" else ("number of deals" in title.lower()))
    assert charts.has_points(figure)


@pytest.mark.parametrize("name", FIGURES)
def test_value_hover_writes_dollars_with_b_and_m_suffixes(frame, name):
    """Whatever a chart shows on hover for $55 bn reads "$55.0B", never d3's SI "G" or a raw number."""
    spec = FIGURES[name](frame, "value").to_json()
    assert "$55.0B" in spec
    assert ",.3s" not in spec and "$55.0G" not in spec


@pytest.mark.parametrize("name", ["country_sector", "sector", "top", "time", "deal_type"])
def test_value_axes_tick_in_dollars_with_b_suffixes(frame, name):
    layout = FIGURES[name](frame, "value").layout
    axis = layout.xaxis if layout.xaxis.tickprefix else layout.yaxis
    assert (axis.tickprefix, axis.exponentformat) == ("$", "B")


def test_count_hover_says_deals(frame):
    figure = charts.sector_figure(frame, "count")
    assert all("deals" in trace.hovertemplate for trace in figure.data)


def test_a_chart_with_nothing_to_draw_is_told_apart():
    unnamed = deals_frame([_deal(deal_id="x", party_country="KAZ", sector="energy_oil_gas", value_usd=1e9)])
    assert not charts.has_points(charts.top_counterparties_figure(unnamed, "value"))  # no named counterparty
    assert charts.has_points(charts.sector_figure(unnamed, "value"))
    empty = unnamed.iloc[0:0]
    assert not charts.has_points(charts.sankey_figure(empty, "value"))
    assert not charts.has_points(charts.treemap_figure(empty, "count"))


@pytest.mark.parametrize("name", ["heatmap", "map"])
def test_colour_scales_are_logarithmic_so_small_totals_stay_visible(frame, name):
    """One large total no longer leaves every other cell white: colours follow log10 of the totals, the scale
    spans whole decades around them (also with a single country left), empty cells stay blank, and the colour
    bar reads in dollars."""
    one_country = frame[frame["party_country"] == "KAZ"]
    for data in (frame, one_country):
        for trace in FIGURES[name](data, "value").data:
            colours = [v for v in pd.Series(list(trace.z)).explode() if v == v]
            assert colours and trace.zmin <= min(colours) and max(colours) <= trace.zmax
            assert trace.zmax - trace.zmin >= 1 and float(trace.zmin).is_integer()
            assert all(text.startswith("$") for text in trace.colorbar.ticktext)
            assert len(trace.colorbar.tickvals) == trace.zmax - trace.zmin + 1

def test_each_sector_has_its_own_fixed_colour_on_every_chart(frame):
    """Sixteen sectors, sixteen colours far apart (aviation, healthcare and education were three near-identical
    magentas), and a sector keeps its colour whatever a filter leaves."""
    from dealtracker.analytics import sector_colours, sector_labels

    colours = sector_colours()
    assert set(colours) == set(sector_labels().values()) and len(set(colours.values())) == 16

    def rgb(code: str) -> tuple[int, ...]:
        return tuple(int(code[i:i + 2], 16) for i in (1, 3, 5))

    closest = min(
        sum((x - y) ** 2 for x, y in zip(rgb(a), rgb(b))) ** 0.5
        for i, a in enumerate(colours.values()) for b in list(colours.values())[i + 1:]
    )
    assert closest > 40  # no two sectors within a small RGB distance of each other
    by_sector = charts.sector_figure(frame, "value").data[0]
    stacked = {trace.name: trace.marker.color for trace in charts.country_sector_figure(frame, "value").data}
    for label, colour in zip(by_sector.y, by_sector.marker.color):  # labels as plotly reads them: "Oil &amp; gas"
        assert colour == colours[html.unescape(label)] == stacked[label]
    only_aviation = frame[frame["sector"] == "aviation"]
    assert charts.sector_figure(only_aviation, "value").data[0].marker.color[0] == colours["Aviation"]


# --- the chart registry (issue 19): every dashboard chart listed once, so a new chart is one ``ChartSpec`` -----

# The page as people (and their session state, and the browser tests) know it: each group's rows of chart keys.
LAYOUT = {
    "Countries and sectors": [("chart_country_sector", "chart_sector")],
    "Map": [("chart_map",)],
    "Structure": [("chart_heatmap", "chart_sankey"), ("chart_treemap",), ("chart_deal_type",)],
    "Counterparties and time": [("chart_top",), ("chart_time",)],
}


def test_every_chart_is_listed_once_under_a_unique_id_in_a_known_group():
    ids = [spec.id for spec in CHARTS]
    assert len(ids) == len(set(ids)) and set(chart_registry.BY_ID) == set(ids)
    assert all(spec.id.startswith("chart_") and spec.title for spec in CHARTS)
    assert {spec.group for spec in CHARTS} == set(chart_registry.GROUPS)
    assert sum(spec.dated for spec in CHARTS) <= 1  # the period control's key is one: "period"


def test_the_registry_lays_the_page_out_as_before():
    """Same charts, same keys, same order: two half-width charts side by side, the others alone."""
    laid = {group: [tuple(spec.id for spec in row) for row in chart_registry.rows(group)] for group in chart_registry.GROUPS}
    assert laid == LAYOUT
    assert [spec.id for spec in CHARTS] == [chart for rows in LAYOUT.values() for row in rows for chart in row]


@pytest.mark.parametrize("spec", CHARTS, ids=lambda spec: spec.id)
@pytest.mark.parametrize("measure", ["value", "count"])
def test_the_dashboard_builds_every_registered_chart_from_a_small_frame(frame, spec, measure):
    figure = spec.build(frame, measure, "Y" if spec.dated else None)
    assert figure.layout.title.text and charts.has_points(figure)
    assert go.Figure(figure.to_dict()).data  # what the dashboard caches and draws: the figure's dict
    if spec.note is not None:
        assert spec.note(frame, measure) is None or isinstance(spec.note(frame, measure), str)


@pytest.mark.parametrize("spec", [spec for spec in CHARTS if spec.clickable], ids=lambda spec: spec.id)
def test_a_clickable_chart_clicks_on_columns_the_cross_filters_know(frame, spec):
    """A click becomes a filter through each point's customdata: [hover, column, value, ...] over known columns."""
    figure = spec.build(frame, "value", "Y" if spec.dated else None)
    points = [point for trace in figure.data for point in (trace.customdata or [])]
    assert points and all(column in FILTERABLE_COLUMNS for point in points for column in point[1::2])


@pytest.mark.parametrize("spec", CHARTS, ids=lambda spec: spec.id)
def test_article_text_is_escaped_on_every_registered_chart(spec):
    """Whatever plotly draws from an article (a counterparty's name) shows literally; raw values stay only in
    ``customdata`` and a treemap's ``ids``, which plotly does not draw."""
    hostile = '<b>Evil</b> & <a href="x">Co</a>'
    data = deals_frame([
        _deal(deal_id="a", party_country="KAZ", sector="energy_oil_gas", value_usd=5e9, counterparty=hostile,
              counterparty_country="USA"),
        _deal(deal_id="b", party_country="UZB", sector="aviation", value_usd=8e8, counterparty="Boeing",
              counterparty_country=None),
    ])
    figure = spec.build(data, "value", "Y" if spec.dated else None).to_dict()

    def drawn(node, key=None):
        if key in ("customdata", "ids"):
            return
        if isinstance(node, dict):
            for child_key, child in node.items():
                yield from drawn(child, child_key)
        elif isinstance(node, (list, tuple)):
            for child in node:
                yield from drawn(child, key)
        elif isinstance(node, str):
            yield node

    texts = list(drawn(figure))
    if spec.id in ("chart_top", "chart_treemap"):  # the charts that name counterparties
        assert any("&lt;b&gt;Evil&lt;/b&gt; &amp;" in text for text in texts)
    assert not any("<b>Evil" in text or "<a href" in text for text in texts)
