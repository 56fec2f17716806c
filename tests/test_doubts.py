"""Deals flagged for a check: the reason in words, left out of totals until verified, and counted under them."""

from functools import partial

import pandas as pd
import pytest

from dealtracker.analytics import Filters, apply_filters, deals_frame, flagged_left_out, kpis
from dealtracker.doubts import check_reasons, flagged, left_out, with_checks

from conftest import make_deal


_deal = partial(make_deal, party="Kazakhstan", party_country="KAZ", counterparty="Wabtec", counterparty_country="USA",
                amount=1e9, currency="USD", value_usd=1e9, sector="transport_logistics", deal_type="purchase_contract",
                confidence=0.9, date="2025-03", evidence="Kazakhstan signed a $1 billion contract with Wabtec.", end=10)


def _frame(*deals, verified=None):
    frame = deals_frame(list(deals), extra=("verified", "rejected", "group_id"))
    frame["verified"] = verified if verified is not None else False
    frame["rejected"] = False
    return frame


def test_a_sound_deal_has_no_reason_and_counts():
    frame = _frame(_deal("a"))
    assert check_reasons(frame).tolist() == [""]
    assert not flagged(frame).any()
    assert len(apply_filters(frame, Filters())) == 1


@pytest.mark.parametrize(
    "fields, words",
    [
        (dict(value_usd=4.5e11, amount=4.5e11), "over $300B"),
        (dict(confidence=0.45), "low confidence (0.45)"),
        (dict(counterparty=None, counterparty_country=None), "counterparty unknown"),
        (dict(party_country=""), "Central Asian country unknown"),
        (dict(currency="TWD", amount=9e8, value_usd=None), "no exchange rate"),
        (dict(evidence="The fund signed agreements worth a total of $1 billion with Kazakh firms."), "total over several"),
        (dict(evidence="Фонд подписал соглашения в общей сложности на $1 млрд."), "total over several"),
        (dict(evidence="وقع الصندوق اتفاقيات بإجمالي مليار دولار مع كازاخستان."), "total over several"),
        (dict(evidence="The bank has lent Kazakhstan $1 billion since 1998."), "total over several"),
    ],
)
def test_each_reason_is_named_and_leaves_the_deal_out_of_totals(fields, words):
    frame = _frame(_deal("sound"), _deal("doubtful", **fields))
    reasons = dict(zip(frame["deal_id"], check_reasons(frame)))
    assert reasons["sound"] == ""
    assert words in reasons["doubtful"]
    assert set(apply_filters(frame, Filters())["deal_id"]) == {"sound"}
    assert set(apply_filters(frame, Filters(include_flagged=True))["deal_id"]) == {"sound", "doubtful"}


def test_since_without_a_year_and_a_plain_total_cost_are_no_aggregate():
    frame = _frame(
        _deal("a", evidence="Since the visit, Kazakhstan signed a $1 billion contract with Wabtec."),
        _deal("b", evidence="The total cost of the $1 billion plant is shared."),
    )
    assert check_reasons(frame).tolist() == ["", ""]


def test_a_verified_deal_keeps_its_reason_but_counts():
    frame = _frame(_deal("big", value_usd=4.5e11, amount=4.5e11), verified=True)
    assert "over $300B" in check_reasons(frame).iloc[0]
    assert not flagged(frame).any()
    assert kpis(apply_filters(frame, Filters())).total_value_usd == pytest.approx(4.5e11)


def test_what_is_left_out_is_counted_and_summed_by_reason():
    frame = with_checks(_frame(
        _deal("sound"),
        _deal("big", value_usd=4.5e11, amount=4.5e11),
        _deal("weak", confidence=0.4, value_usd=2e8, amount=2e8),
        _deal("weak2", confidence=0.3, counterparty=None, value_usd=None, amount=None),
    ))
    out = left_out(frame)
    assert (out.deals, out.value_usd) == (3, pytest.approx(4.502e11))
    assert out.by_reason == {"large": 1, "low_confidence": 2, "no_counterparty": 1}
    assert out.describe().startswith("3 flagged deals ($450.2B): 2 low confidence")
    assert flagged_left_out(frame, Filters()).deals == 3
    assert flagged_left_out(frame, Filters(countries=("UZB",))).deals == 0  # follows the selections
    assert flagged_left_out(frame, Filters(include_flagged=True)).deals == 0  # nothing left out when included


def test_a_duplicate_group_is_counted_by_its_sound_report():
    frame = _frame(
        _deal("weak", confidence=0.4, value_usd=1.0e9),
        _deal("sound", confidence=0.8, value_usd=1.05e9, source="other.txt"),
    )
    frame["group_id"] = "g"
    assert apply_filters(frame, Filters())["deal_id"].tolist() == ["sound"]


def test_the_date_filter_leaves_undated_deals_out_unless_asked():
    frame = _frame(_deal("dated", date="2025-03"), _deal("undated", date=None))
    in_2025 = Filters(date_from="2025-01-01", date_to="2025-12-31")
    assert apply_filters(frame, in_2025)["deal_id"].tolist() == ["dated"]
    kept = apply_filters(frame, Filters(date_from="2025-01-01", date_to="2025-12-31", include_undated=True))
    assert kept["deal_id"].tolist() == ["dated", "undated"]
    assert apply_filters(frame, Filters(date_from="2026-01-01", include_undated=True))["deal_id"].tolist() == ["undated"]


def test_reasons_are_computed_for_a_large_table_at_once():
    n = 20_000
    frame = pd.concat([_frame(_deal("a"), _deal("b", confidence=0.2))] * (n // 2), ignore_index=True)
    reasons = check_reasons(frame)
    assert (reasons == "").sum() == n // 2 and reasons.str.contains("low confidence").sum() == n // 2
