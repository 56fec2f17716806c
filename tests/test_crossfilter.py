"""Clicks on charts as filters: selection points → cross-filter → deals, against hand-picked rows."""

from functools import partial

import pandas as pd
import pytest

from dealtracker.analytics import deals_frame
from dealtracker.crossfilter import CrossFilter, apply_cross_filters, from_selection, point_matches

from conftest import make_deal


_deal = partial(make_deal, source="s")


@pytest.fixture
def frame():
    return deals_frame(
        [
            _deal(deal_id="a", party_country="KAZ", sector="energy_oil_gas", counterparty="Chevron", counterparty_country="USA",
                  value_usd=55e9, date="2025-09-22"),
            _deal(deal_id="b", party_country="KAZ", sector="transport_logistics", counterparty="Wabtec",
                  counterparty_country="USA", value_usd=4.2e9, date="2024-03"),
            _deal(deal_id="c", party_country="UZB", sector="aviation", counterparty="Boeing", counterparty_country="USA",
                  value_usd=8e9, date="2025"),
            _deal(deal_id="d", party_country="UZB", sector="energy_oil_gas", counterparty=None, counterparty_country=None,
                  value_usd=1e9, date=None),
        ]
    )


def _point(*pairs, hover="$1.0B"):
    return {"curve_number": 0, "point_index": 0, "customdata": [hover, *pairs]}


def test_a_clicked_stacked_segment_is_a_country_and_a_sector(frame):
    chosen = from_selection("chart_country_sector", [_point("party_country", "KAZ", "sector", "energy_oil_gas")])
    assert chosen.as_dict() == {"party_country": ("KAZ",), "sector": ("energy_oil_gas",)}
    assert list(apply_cross_filters(frame, [chosen])["deal_id"]) == ["a"]


def test_several_clicked_bars_of_one_chart_combine_with_or(frame):
    chosen = from_selection("chart_sector", [_point("sector", "aviation"), _point("sector", "energy_oil_gas")])
    assert set(apply_cross_filters(frame, [chosen])["deal_id"]) == {"a", "c", "d"}
    assert chosen.label() == "Sector: Aviation, Oil & gas"


def test_filters_of_different_charts_combine_with_and_and_a_chart_ignores_its_own(frame):
    sector = from_selection("chart_sector", [_point("sector", "energy_oil_gas")])
    country = from_selection("chart_map", [_point("party_country", "UZB")])
    assert list(apply_cross_filters(frame, [sector, country])["deal_id"]) == ["d"]
    # the sector chart is drawn without its own click, so it keeps every sector of Uzbekistan
    assert set(apply_cross_filters(frame, [sector, country], except_chart="chart_sector")["deal_id"]) == {"c", "d"}


def test_a_year_bar_selects_the_deals_dated_in_that_year(frame):
    year = from_selection("chart_time", [_point("period_Y", "2025-01-01")])
    assert set(apply_cross_filters(frame, [year])["deal_id"]) == {"a", "c"}  # a whole-year date counts in its year
    month = from_selection("chart_time", [_point("period_M", "2024-03-01")])
    assert list(apply_cross_filters(frame, [month])["deal_id"]) == ["b"]
    assert year.label() == "Year: 2025"


def test_points_without_click_data_clear_the_chart_filter():
    assert from_selection("chart_heatmap", [{"x": "Aviation", "y": "Uzbekistan", "z": 8e9}]) is None
    assert from_selection("chart_sector", []) is None
    assert from_selection("chart_sector", [_point("not_a_column", "x")]) is None


def test_point_matches_marks_the_chosen_points_for_highlighting():
    chosen = CrossFilter("chart_country_sector", (("party_country", ("KAZ",)),))
    assert point_matches(["$1B", "party_country", "KAZ", "sector", "energy_oil_gas"], chosen)
    assert not point_matches(["$1B", "party_country", "UZB", "sector", "energy_oil_gas"], chosen)
    assert not point_matches(["$1B", "sector", "energy_oil_gas"], chosen)


def test_country_labels_and_long_value_lists_are_readable():
    chosen = CrossFilter("chart_map", (("counterparty_country", ("USA", "CHN", "TUR", "KOR", "ARE")),))
    assert chosen.label() == "Counterparty country: United States, China, Türkiye and 2 more"


def test_an_empty_frame_stays_empty():
    empty = deals_frame([])
    chosen = CrossFilter("chart_sector", (("sector", ("aviation",)),))
    assert apply_cross_filters(empty, [chosen]).empty
    assert isinstance(apply_cross_filters(empty, []), pd.DataFrame)
