"""The services the app and the command line share: a hand-added deal judged by the store's rules (the same as an
edit in the grid), a batch stored and regrouped, pasted text counted like a file."""

from __future__ import annotations

from datetime import datetime, timezone

import pytest

from dealtracker.pipeline import process_documents
from dealtracker.services import (
    DealRefused, ManualDeal, add_manual_deal, duplicate_similarity, ingest_batch, manual_deal, manual_deal_id,
    read_documents, read_pasted,
)
from dealtracker.sources.pasted import pasted_name
from dealtracker.store import InvalidValue, Store, default_url

GOOD = ManualDeal(party="Almaty city", party_country="KAZ", counterparty="ADB", counterparty_country="int",
                  amount=3e8, currency="usd", sector="other", deal_type="investment", status="signed",
                  date="2024-05", evidence="a note")
LOAN = "The Asian Development Bank signed a $27 million loan with Kyrgyzstan to rebuild water pipes in Osh."


@pytest.fixture
def store():
    store = Store(default_url())
    yield store
    store.close()


def test_a_good_entry_is_stored_verified_with_its_usd_value_and_a_stable_kind_of_id(store):
    now = datetime(2025, 1, 2, tzinfo=timezone.utc)
    deal = add_manual_deal(store, GOOD, now=now)
    assert deal.deal_id == manual_deal_id(now.isoformat(), "Almaty city", "ADB") and len(deal.deal_id) == 16
    row = store.deals().set_index("deal_id").loc[deal.deal_id]
    assert (row["currency"], row["counterparty_country"], row["value_usd"], bool(row["verified"])) == ("USD", "INT", 3e8, True)
    assert row["source"] == "added by hand"


def test_every_problem_is_said_at_once_in_the_store_s_words(store):
    entry = ManualDeal(counterparty_country="xx", amount=5.0, currency="XYZ", date="2025-13")
    with pytest.raises(DealRefused) as refused:
        add_manual_deal(store, entry)
    problems = refused.value.problems
    assert problems[:3] == ["name the party", "choose the country, sector, type, status", "say where this comes from"]
    assert any(p.startswith("Counterparty country: 'XX'") for p in problems)
    assert any(p.startswith("Currency: 'XYZ'") for p in problems)
    assert any("'2025-13' is not a calendar date" in p for p in problems)
    assert store.deals().empty


@pytest.mark.parametrize("currency, accepted", [("TWD", True), ("XYZ", False)])
def test_the_form_and_an_edit_agree_on_a_currency_without_a_rate(store, currency, accepted):
    """The store's rule: a currency the tracker names is kept without a rate (no USD value); an unknown one is not."""
    store.ingest(process_documents([("loan.txt", LOAN.encode())]))
    loan = store.deals()["deal_id"][0]
    edit_refused = form_refused = False
    try:
        store.update_deal(loan, {"currency": currency})
    except InvalidValue:
        edit_refused = True
    try:
        deal = manual_deal(GOOD.__class__(**{**GOOD.__dict__, "currency": currency}))
    except DealRefused:
        form_refused = True
    else:
        assert deal.value_usd is None and deal.currency == currency
    assert edit_refused == form_refused == (not accepted)


def test_an_amount_too_large_to_convert_is_refused_like_an_edit():
    with pytest.raises(DealRefused, match="too large to convert"):
        manual_deal(ManualDeal(**{**GOOD.__dict__, "amount": 1e308, "currency": "KWD"}))


def test_no_amount_keeps_no_currency():
    deal = manual_deal(ManualDeal(**{**GOOD.__dict__, "amount": 0.0, "currency": "XYZ"}))
    assert (deal.amount, deal.currency, deal.value_usd) == (None, None, None)


def test_ingest_batch_stores_and_regroups(store):
    again = "Kyrgyzstan and the Asian Development Bank signed a $27 million loan to rebuild water pipes in Osh."
    result = process_documents([("loan.txt", LOAN.encode()), ("again.txt", again.encode())])
    report, groups = ingest_batch(store, result)
    assert report.new_articles == 2 and report.new_deals == 2 and groups == 1
    assert store.deals()["group_id"].nunique() == 1
    assert ingest_batch(store, result).report.new_deals == 0


def test_the_similarity_is_none_when_off_and_says_why_when_missing(monkeypatch, tmp_path):
    assert duplicate_similarity(False) == (None, None)
    similarity, why = duplicate_similarity(True, str(tmp_path / "no-model-here"))
    assert similarity is None and why


def test_pasted_text_is_counted_like_a_file():
    result = read_pasted(LOAN)
    assert (result.files, result.failed, len(result.articles), len(result.deals)) == (1, 0, 1, 1)
    assert result.articles[0].source == pasted_name(LOAN) and pasted_name(LOAN).startswith("pasted: The Asian")
    empty = read_pasted("  ")
    assert (empty.files, empty.failed, empty.problems[0].reason) == (1, 1, "the text is empty")


def test_a_wrong_limit_fails_every_document_and_raises_nothing(monkeypatch):
    monkeypatch.setenv("DEALTRACKER_MAX_FILE_MB", "lots")
    result = read_documents([("a.txt", b"x"), ("b.txt", b"y")])
    assert (result.files, result.failed) == (2, 2) and all("DEALTRACKER_MAX_FILE_MB" in p.reason for p in result.problems)
