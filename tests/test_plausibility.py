"""Values no deal can have are not read; values a person should check say why (issue 16)."""

from __future__ import annotations

from dealtracker.extract.assemble import extract_deals
from dealtracker.extract.money import find_money
from dealtracker.ingest import read_text
from dealtracker.plausibility import CONFIDENCE_WHEN_DOUBTFUL, review_reason
from dealtracker.text import NormalisedText


def _money(text: str, language: str = "en"):
    return [(m.amount, m.currency) for m in find_money(NormalisedText.of(text).text, language)]


def test_values_over_five_trillion_dollars_are_no_amounts_in_any_script():
    assert _money("The fund is said to be worth $900 trillion.") == []
    assert _money("Блогер оценил сделку в 7 трлн долларов.", "ru") == []
    assert _money("قدّر الحساب قيمة الصفقة بـ 6 تريليونات دولار.", "ar") == []
    assert _money("The package is worth $4 trillion.") == [(4e12, "USD")]  # large, not absurd


def test_a_value_over_300_billion_is_kept_doubted_and_explained(monkeypatch):
    # The rules' flag, measured on the rules alone: the learned veto may drop a $400 billion "deal" outright
    # (the size of aggregates it was trained on), which test_deal_veto covers.
    monkeypatch.setenv("DEALTRACKER_RULES_ONLY", "1")
    (deal,) = extract_deals(read_text("Kazakhstan signed a $400 billion agreement with China to build railways.", source="x"))
    assert deal.value_usd == 4e11 and deal.confidence <= CONFIDENCE_WHEN_DOUBTFUL
    assert "check that it is one deal" in review_reason(deal.amount, deal.currency, deal.value_usd)
    (small,) = extract_deals(read_text("Kazakhstan signed a $400 million agreement with China to build railways.", source="x"))
    assert small.confidence > CONFIDENCE_WHEN_DOUBTFUL and review_reason(small.amount, small.currency, small.value_usd) is None


def test_an_amount_without_a_rate_is_named_for_review():
    assert "No exchange rate for TWD" in review_reason(9e8, "TWD", None)
    assert review_reason(None, None, None) is None


def test_the_dashboard_is_told_what_its_totals_hold_that_needs_a_check():
    import pandas as pd

    from dealtracker.plausibility import doubts_in_totals

    frame = pd.DataFrame({
        "amount": [4e11, 5e11, 1e6, 9e8], "value_usd": [4e11, 5e11, 1e6, None], "verified": [False, True, False, False],
    })
    assert doubts_in_totals(frame) == (1, 4e11, 1)
    assert doubts_in_totals(frame.iloc[0:0]) == (0, 0.0, 0)
