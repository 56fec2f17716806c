from functools import partial

import pandas as pd
import pytest

from dealtracker.analytics import (
    Filters,
    apply_filters,
    by_country_and_sector,
    by_deal_type,
    by_sector,
    deals_frame,
    format_usd,
    summarise,
)
from dealtracker.schema import DEAL_FIELDS

from conftest import make_deal


_deal = partial(make_deal, deal_id="d", source="s", counterparty="c")


@pytest.fixture
def frame():
    return deals_frame(
        [
            _deal(party_country="KAZ", sector="energy_oil_gas", value_usd=55e9, counterparty_country="USA"),
            _deal(party_country="KAZ", sector="transport_logistics", value_usd=4.2e9, counterparty_country="USA"),
            _deal(party_country="UZB", sector="aviation", value_usd=8e9, counterparty_country="USA"),
            _deal(party_country="UZB", sector="aviation", value_usd=None, counterparty_country="FRA"),
            _deal(party_country="TJK", sector="transport_logistics", value_usd=30e6, counterparty_country="SAU"),
        ]
    )


def test_frame_has_the_contract_columns_in_order(frame):
    assert list(frame.columns) == list(DEAL_FIELDS)
    assert frame["value_usd"].dtype == "float64"


def test_value_by_country_and_sector_matches_hand_totals(frame):
    data = by_country_and_sector(frame, "value")
    totals = {(r.party_country, r.sector): r.value_usd for r in data.itertuples()}
    assert totals == {
        ("KAZ", "energy_oil_gas"): 55e9,
        ("KAZ", "transport_logistics"): 4.2e9,
        ("UZB", "aviation"): 8e9,
        ("TJK", "transport_logistics"): 30e6,
    }
    assert set(data["country"]) == {"Kazakhstan", "Uzbekistan", "Tajikistan"}


def test_count_includes_deals_without_value(frame):
    data = by_country_and_sector(frame, "count")
    counts = {(r.party_country, r.sector): r.deals for r in data.itertuples()}
    assert counts[("UZB", "aviation")] == 2


def test_sector_totals_are_sorted_largest_first(frame):
    data = by_sector(frame, "value")
    assert list(data["sector"]) == ["energy_oil_gas", "aviation", "transport_logistics"]
    assert data.loc[data["sector"] == "transport_logistics", "value_usd"].item() == pytest.approx(4.23e9)


def test_deal_type_totals_and_counts_match_hand_totals_with_their_labels(frame):
    typed = frame.assign(deal_type=["investment", "loan_financing", "purchase_contract", "purchase_contract", "grant"])
    value = by_deal_type(typed, "value")
    assert list(value["deal_type"]) == ["investment", "purchase_contract", "loan_financing", "grant"]
    assert list(value["value_usd"]) == [55e9, 8e9, 4.2e9, 30e6]
    assert list(value["deal_type_label"]) == ["Investment", "Purchase / supply contract", "Loan / financing", "Grant"]
    count = by_deal_type(typed, "count")
    assert dict(zip(count["deal_type"], count["deals"])) == {"purchase_contract": 2, "investment": 1,
                                                            "loan_financing": 1, "grant": 1}
    assert count["deal_type"].iloc[0] == "purchase_contract"  # two deals, one of them without a value
    assert by_deal_type(deals_frame([]), "count").empty


def test_filters_combine(frame):
    kept = apply_filters(frame, Filters(countries=("KAZ", "UZB"), counterparty_countries=("USA",)))
    assert summarise(kept).total_value_usd == pytest.approx(67.2e9)
    kept = apply_filters(frame, Filters(sectors=("aviation",)))
    summary = summarise(kept)
    assert (summary.deals, summary.valued_deals, summary.total_value_usd) == (2, 1, 8e9)


def test_empty_frames_aggregate_to_empty_results():
    empty = deals_frame([])
    assert by_country_and_sector(empty).empty and by_sector(empty, "count").empty
    assert summarise(empty).deals == 0


@pytest.mark.parametrize("value, text", [(4.2e9, "$4.2B"), (185.19e6, "$185.2M"), (950e3, "$950.0K"), (12, "$12"), (None, "—")])
def test_usd_format(value, text):
    assert format_usd(value) == text


# --- dashboard views -----------------------------------------------------------------------------------------

from dealtracker.analytics import (  # noqa: E402
    country_sector_matrix,
    flows,
    kpis,
    map_totals,
    over_time,
    select,
    top_counterparties,
    treemap_frame,
    unmapped_total,
)


@pytest.fixture
def dated():
    return deals_frame(
        [
            _deal(deal_id="a", party_country="KAZ", sector="energy_oil_gas", value_usd=55e9, counterparty="Chevron",
                  counterparty_country="USA", date="2025-09-22", evidence="Chevron renewed its commitment"),
            _deal(deal_id="b", party_country="KAZ", sector="transport_logistics", value_usd=4.2e9, counterparty="Wabtec",
                  counterparty_country="USA", date="2025-09", status="signed", deal_type="purchase_contract"),
            _deal(deal_id="c", party_country="UZB", sector="aviation", value_usd=8e9, counterparty="Boeing",
                  counterparty_country="USA", date="2025"),
            _deal(deal_id="d", party_country="UZB", sector="aviation", value_usd=None, counterparty="Airbus",
                  counterparty_country="FRA", date=None, status="potential"),
            _deal(deal_id="e", party_country="TJK", sector="transport_logistics", value_usd=30e6,
                  counterparty="Saudi Fund for Development", counterparty_country="SAU", date="2025-07-03"),
        ]
    )


def test_kpis_are_hand_totals(dated):
    k = kpis(dated)
    assert (k.total_value_usd, k.deals, k.counterparties, k.largest_deal_id) == (67.23e9, 5, 5, "a")


def test_more_filters_combine(dated):
    assert set(apply_filters(dated, Filters(min_value_usd=1e9, include_tentative=True))["deal_id"]) == {"a", "b", "c"}
    assert set(apply_filters(dated, Filters(date_from="2025-08-01", date_to="2025-12-31"))["deal_id"]) == {"a", "b"}
    assert set(apply_filters(dated, Filters(text="chevron"))["deal_id"]) == {"a"}
    assert set(apply_filters(dated, Filters(deal_types=("purchase_contract",)))["deal_id"]) == {"b"}
    assert set(apply_filters(dated, Filters(counterparties=("Airbus",), include_tentative=True))["deal_id"]) == {"d"}


def test_heatmap_treemap_and_flows(dated):
    matrix = country_sector_matrix(dated)
    assert matrix.loc["Kazakhstan", "Oil & gas"] == 55e9 and matrix.loc["Uzbekistan", "Oil & gas"] == 0
    tree = treemap_frame(dated, "count")
    assert tree.loc[tree["counterparty"] == "Airbus", "deals"].item() == 1
    flow = flows(dated).set_index(["source", "target"])["value_usd"]
    assert flow[("United States", "Kazakhstan")] == pytest.approx(59.2e9)
    assert flow[("Saudi Arabia", "Tajikistan")] == 30e6


def test_over_time_by_month_and_year(dated):
    monthly = over_time(dated, "value", "M").set_index("period")["value_usd"]
    assert monthly[pd.Timestamp("2025-09-01")] == pytest.approx(59.2e9)
    assert monthly[pd.Timestamp("2025-07-01")] == 30e6
    yearly = over_time(dated, "count", "Y")
    assert yearly["deals"].tolist() == [4]  # the deal without a date is not placed in time


def test_top_counterparties(dated):
    top = top_counterparties(dated, "value", n=2)
    assert top["counterparty"].tolist() == ["Chevron", "Boeing"]


def test_select_applies_choices_without_the_aggregation_rule(dated):
    """The review page lists potential deals too; the dashboard's totals leave them out by default."""
    assert "d" in set(select(dated, Filters(countries=("UZB",)))["deal_id"])
    assert "d" not in set(apply_filters(dated, Filters(countries=("UZB",)))["deal_id"])


def test_map_totals_where_money_comes_from_and_goes(dated):
    multilateral = _deal(deal_id="f", party_country="KAZ", sector="finance_banking", value_usd=1e9,
                         counterparty="Asian Development Bank", counterparty_country="INT")
    frame = pd.concat([dated, deals_frame([multilateral])], ignore_index=True)
    totals = map_totals(frame, "value").set_index(["side", "iso3"])["value_usd"]
    assert totals[("from", "USA")] == pytest.approx(67.2e9)
    assert totals[("from", "SAU")] == 30e6
    assert ("from", "INT") not in totals.index  # a multilateral lender has no place on a map ...
    assert totals[("to", "KAZ")] == pytest.approx(60.2e9)  # ... but its money still arrives somewhere
    assert totals[("to", "UZB")] == 8e9
    assert unmapped_total(frame, "value") == 1e9
    counts = map_totals(frame, "count").set_index(["side", "iso3"])["deals"]
    assert counts[("from", "FRA")] == 1 and counts[("to", "UZB")] == 2
    assert map_totals(frame.iloc[0:0], "value").empty


def test_treemap_boxes_keep_the_largest_counterparties_and_sum_the_rest():
    """Hand totals: KAZ oil & gas has four counterparties (5, 3, 2, 1 $bn); with two leaves per branch, the two
    smallest share one box; each parent's total is its children's sum (plotly's branchvalues="total")."""
    from dealtracker.analytics import treemap_nodes

    frame = deals_frame([
        _deal(deal_id=name, party_country="KAZ", sector="energy_oil_gas", counterparty=name, value_usd=value * 1e9)
        for name, value in (("A", 5), ("B", 3), ("C", 2), ("D", 1))
    ] + [_deal(deal_id="u", party_country="UZB", sector="aviation", counterparty=None, value_usd=8e9)])
    nodes = treemap_nodes(frame, "value", leaves=2).set_index("id")
    assert nodes.loc["KAZ", ["parent", "label", "value_usd"]].tolist() == ["", "Kazakhstan", 11e9]
    assert nodes.loc["KAZ\tenergy_oil_gas", ["parent", "value_usd"]].tolist() == ["KAZ", 11e9]
    leaves = nodes[nodes["parent"] == "KAZ\tenergy_oil_gas"]
    assert sorted(zip(leaves["label"], leaves["value_usd"])) == [("2 other counterparties", 3e9), ("A", 5e9), ("B", 3e9)]
    assert nodes.loc["KAZ\tenergy_oil_gas\tA", "value_label"] == "$5.0B"
    assert nodes.loc["UZB\taviation\tUnnamed", "value_usd"] == 8e9
    counts = treemap_nodes(frame, "count", leaves=10).set_index("id")
    assert counts.loc["KAZ", "deals"] == 4 and counts.loc["KAZ", "value_label"] == "4"
    assert not counts["label"].str.contains("other").any()
    assert len(treemap_nodes(frame, "value", leaves=3)[lambda n: n["parent"] == "KAZ\tenergy_oil_gas"]) == 4  # not "1 other"
    assert treemap_nodes(frame.iloc[0:0], "value").empty


def test_treemap_keeps_the_largest_sectors_of_each_country_and_sums_the_rest():
    """Hand totals: Uzbekistan has eight sectors of 1..8 $bn; with three sector boxes, the five smallest share one
    "5 other sectors" box of 15 $bn and their counterparties get no box; Kazakhstan's four sectors are one more than
    three, so each keeps its box; a deal of unknown country is its own branch ("Unknown")."""
    from dealtracker.analytics import treemap_nodes
    from dealtracker.schema import SECTORS

    uzbek = [_deal(deal_id=f"u{i}", party_country="UZB", sector=sector, counterparty=f"C{i}", value_usd=(i + 1) * 1e9)
             for i, sector in enumerate(SECTORS[:8])]
    kazakh = [_deal(deal_id=f"k{i}", party_country="KAZ", sector=sector, counterparty="K", value_usd=1e9)
              for i, sector in enumerate(SECTORS[:4])]
    unknown = [_deal(deal_id="x", party_country=None, sector="aviation", counterparty="X", value_usd=2e9)]
    nodes = treemap_nodes(deals_frame(uzbek + kazakh + unknown), "value", sectors=3).set_index("id")
    uzbek_sectors = nodes[nodes["parent"] == "UZB"]
    assert sorted(uzbek_sectors["value_usd"]) == [6e9, 7e9, 8e9, 15e9]
    assert nodes.loc["UZB\t~other sectors", ["label", "value_usd"]].tolist() == ["5 other sectors", 15e9]
    assert nodes.loc["UZB", "value_usd"] == 36e9 == uzbek_sectors["value_usd"].sum()
    assert not nodes.index.str.startswith(f"UZB\t{SECTORS[0]}").any()  # a sector in "other sectors" has no leaves
    assert len(nodes[nodes["parent"] == "KAZ"]) == 4 and "KAZ\t~other sectors" not in nodes.index
    assert nodes.loc["?", ["label", "value_usd"]].tolist() == ["Unknown", 2e9]
    assert nodes.loc["?\taviation\tX", "parent"] == "?\taviation"
    children = nodes.groupby("parent")["value_usd"].sum()
    for parent, total in children.items():  # plotly's branchvalues="total": a parent is its children's sum
        if parent:
            assert nodes.loc[parent, "value_usd"] == pytest.approx(total)


# --- the aggregation rule: duplicate groups, rejected and tentative deals, and the switches ------------------


def _grouped_frame(verified_member: bool):
    """One Wabtec deal reported twice (an English and an Arabic article, 4.2 and 4.0 $bn), a rejected deal, an
    MoU without a value, and a deal of its own."""
    rows = [
        _deal(deal_id="en", source="en.txt", party_country="KAZ", sector="transport_logistics", value_usd=4.2e9,
              counterparty="Wabtec", confidence=0.9, group_id="g1", verified=False, rejected=False),
        _deal(deal_id="ar", source="ar.txt", party_country="KAZ", sector="transport_logistics", value_usd=4.0e9,
              counterparty="Wabtec", confidence=0.6, group_id="g1", verified=verified_member, rejected=False),
        _deal(deal_id="no", source="x.txt", party_country="UZB", sector="aviation", value_usd=9e9,
              counterparty="Boeing", rejected=True, verified=False),
        _deal(deal_id="mou", source="y.txt", party_country="UZB", sector="energy_oil_gas", value_usd=None,
              counterparty="ACWA Power", deal_type="agreement_mou", rejected=False, verified=False),
        _deal(deal_id="own", source="z.txt", party_country="TJK", sector="agriculture", value_usd=30e6,
              counterparty="Saudi Fund for Development", rejected=False, verified=False),
    ]
    return deals_frame(rows, extra=("group_id", "verified", "rejected"))


def test_a_duplicate_group_counts_once_by_its_surest_member():
    counted = apply_filters(_grouped_frame(verified_member=False), Filters())
    assert set(counted["deal_id"]) == {"en", "own"}
    k = kpis(counted)
    assert (k.total_value_usd, k.deals, k.counterparties) == (4.23e9, 2, 2)


def test_a_verified_member_speaks_for_its_group():
    counted = apply_filters(_grouped_frame(verified_member=True), Filters())
    assert set(counted["deal_id"]) == {"ar", "own"}
    assert kpis(counted).total_value_usd == pytest.approx(4.03e9)


def test_the_switches_count_every_report_and_the_tentative_deals_but_never_a_rejected_one():
    frame = _grouped_frame(verified_member=False)
    every_report = apply_filters(frame, Filters(collapse_groups=False))
    assert set(every_report["deal_id"]) == {"en", "ar", "own"}
    assert kpis(every_report).total_value_usd == pytest.approx(8.23e9)
    with_tentative = apply_filters(frame, Filters(include_tentative=True))
    assert set(with_tentative["deal_id"]) == {"en", "mou", "own"}
    counts = by_country_and_sector(with_tentative, "count").set_index(["party_country", "sector"])["deals"]
    assert counts[("UZB", "energy_oil_gas")] == 1 and ("UZB", "aviation") not in counts.index
    values = by_country_and_sector(with_tentative, "value").set_index(["party_country", "sector"])["value_usd"]
    assert values[("KAZ", "transport_logistics")] == 4.2e9


def test_each_remaining_filter_narrows_by_itself(dated):
    """Filters not covered above, one at a time, so that dropping any of them from ``select`` fails here."""
    frame = dated.assign(verified=[True, False, False, False, True])
    everyone = Filters(include_tentative=True)
    assert set(apply_filters(frame, Filters(verified_only=True, include_tentative=True))["deal_id"]) == {"a", "e"}
    assert set(apply_filters(frame, Filters(statuses=("potential",), include_tentative=True))["deal_id"]) == {"d"}
    assert set(apply_filters(frame, Filters(max_value_usd=4.2e9))["deal_id"]) == {"b", "e"}
    assert set(apply_filters(frame, Filters(counterparty_countries=("SAU",)))["deal_id"]) == {"e"}
    assert set(apply_filters(frame, Filters(sectors=("aviation",), include_tentative=True))["deal_id"]) == {"c", "d"}
    assert len(apply_filters(frame, everyone)) == 5


def test_text_search_reads_party_counterparty_and_evidence_case_blind(dated):
    frame = dated.assign(party=["KazMunayGas", "KTZ", "Uzbekistan Airways", "Uzbekistan Airways", "Tajik Rail"])
    assert set(apply_filters(frame, Filters(text="renewed ITS"))["deal_id"]) == {"a"}  # evidence only
    assert set(apply_filters(frame, Filters(text="ktz"))["deal_id"]) == {"b"}  # party only
    assert set(apply_filters(frame, Filters(text="saudi fund"))["deal_id"]) == {"e"}  # counterparty only
    assert apply_filters(frame, Filters(text="nowhere")).empty
