"""The store validates what it is given, whoever the caller: a refused value raises InvalidValue (a ValueError)
whose text names the field and says why, and nothing is written; good edits still pass."""

from __future__ import annotations

import datetime as dt
import math
import re
from functools import partial

import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from dealtracker.pipeline import process_documents
from dealtracker.schema import BatchResult, Deal
from dealtracker.store import InvalidValue, Store, default_url
from dealtracker.store.validation import YEARS_AHEAD

from conftest import make_deal_object

LOAN = "The Asian Development Bank signed a $27 million loan with Kyrgyzstan to rebuild water pipes in Osh."
CONTRACT = "Kazakhstan Temir Zholy signed a contract with Alstom worth 45 billion tenge for 30 locomotives."
LATEST_YEAR = dt.date.today().year + YEARS_AHEAD

# (field, value, words the reason must hold)
BAD = [
    ("amount", math.inf, "Amount: inf is not a finite number"),
    ("amount", -math.inf, "Amount: -inf is not a finite number"),
    ("amount", math.nan, "Amount: NaN is not a number"),
    ("amount", -5e6, "Amount: -5e+06 is negative"),
    ("amount", "lots", "Amount: 'lots' is not a number"),
    ("amount", True, "Amount: a yes/no is not a number"),
    # finite, but a dinar is worth more than a dollar: its USD value would be infinite (the test sets KWD)
    ("amount", 1e308, "Amount: 1e+308 KWD is too large to convert to US dollars"),
    ("value_usd", math.inf, "Value (USD): inf is not a finite number"),
    ("value_usd", math.nan, "Value (USD): NaN is not a number"),
    ("value_usd", -1.0, "Value (USD): -1 is negative"),
    ("jobs", -3, "Jobs: -3 is negative"),
    ("jobs", 2.5, "Jobs: 2.5 is not a whole number"),
    ("jobs", math.inf, "Jobs: inf is not a finite number"),
    ("currency", "XYZ", "Currency: 'XYZ' is not a currency the tracker knows"),
    ("date", "9999-12-31", f"Date: '9999-12-31' is more than {YEARS_AHEAD} years ahead (the latest year is {LATEST_YEAR})"),
    ("date", str(LATEST_YEAR + 1), f"Date: '{LATEST_YEAR + 1}' is more than {YEARS_AHEAD} years ahead"),
    ("date", "1900-01-01", "Date: '1900-01-01' is before 1990"),
    ("date", "2025-13", "Date: '2025-13' is not a calendar date"),
    ("date", "March 2025", "Date: 'March 2025' is not a date"),
    ("sector", "space", "Sector: 'space' is not one of the sector values (energy_oil_gas, "),
    ("deal_type", "gift", "Type: 'gift' is not one of the deal_type values"),
    ("status", "rumoured", "Status: 'rumoured' is not one of the status values (signed, announced, planned, potential)"),
    ("qualifier", "roughly", "Qualifier: 'roughly' is not one of the qualifier values"),
    ("party_country", "RUS", "Country: 'RUS' is not one of the party_country values (KAZ, UZB, KGZ, TJK, TKM)"),
    ("counterparty_country", "XQZ", "Counterparty country: 'XQZ' is not an ISO alpha-3 country code"),
    ("deal_id", "other", "'deal_id' cannot be edited"),
]


@pytest.fixture
def store(tmp_path):
    s = Store(f"sqlite:///{tmp_path / 'deals.sqlite'}")
    s.ingest(process_documents([("loan.txt", LOAN.encode()), ("contract.txt", CONTRACT.encode())]))
    yield s
    s.close()


def _loan(store: Store) -> str:
    return store.deals().set_index("counterparty").loc["Asian Development Bank", "deal_id"]


@pytest.mark.parametrize("field, value, reason", BAD, ids=[f"{f}={v!r}" for f, v, _ in BAD])
def test_update_deal_refuses_a_bad_value_with_its_reason_and_writes_nothing(store, field, value, reason):
    changes = {field: value} | ({"currency": "KWD"} if value == 1e308 else {})
    before, audit = store.deals(), len(store.audit())
    with pytest.raises(InvalidValue) as refused:
        store.update_deal(_loan(store), changes)
    assert isinstance(refused.value, ValueError)
    assert reason in str(refused.value)
    assert store.deals().equals(before) and len(store.audit()) == audit


GOOD = [
    ({"amount": 0}, {"amount": 0.0}),
    ({"amount": "1.5e9"}, {"amount": 1.5e9}),
    ({"amount": None}, {"amount": None}),
    ({"value_usd": 12_500_000}, {"value_usd": 12_500_000.0}),
    ({"jobs": 120.0}, {"jobs": 120}),
    ({"jobs": None}, {"jobs": None}),
    ({"currency": " eur "}, {"currency": "EUR"}),
    ({"currency": "TWD"}, {"currency": "TWD"}),  # the extractor names it; no rate, so the deal is named for review
    ({"date": "1991-12-16"}, {"date": "1991-12-16"}),
    ({"date": str(LATEST_YEAR)}, {"date": str(LATEST_YEAR)}),  # a signing planned years ahead
    ({"date": ""}, {"date": None}),
    ({"sector": "water_utilities", "deal_type": "grant", "status": "planned", "qualifier": "up to"},
     {"sector": "water_utilities", "deal_type": "grant", "status": "planned", "qualifier": "up to"}),
    ({"party_country": "kgz", "counterparty_country": "int"}, {"party_country": "KGZ", "counterparty_country": "INT"}),
    ({"counterparty_country": "DEU"}, {"counterparty_country": "DEU"}),
    ({"counterparty": "Edited Bank", "object": None}, {"counterparty": "Edited Bank", "object": None}),
]


@pytest.mark.parametrize("changes, stored", GOOD, ids=[",".join(c) + "=" + ",".join(map(repr, c.values())) for c, _ in GOOD])
def test_good_edits_still_pass(store, changes, stored):
    deal_id = _loan(store)
    store.update_deal(deal_id, changes)
    row = store.deals().set_index("deal_id").loc[deal_id]
    for field, value in stored.items():
        shown = row[field]
        assert pd.isna(shown) if value is None else shown == value, (field, shown)


_deal = partial(
    make_deal_object, "manual0000000001", source="added by hand", party="Kyrgyzstan", party_country="KGZ",
    counterparty="ADB", counterparty_country="INT", amount=1e6, currency="USD", value_usd=1e6, sector="other",
    deal_type="loan_financing", date="2024-05", evidence="note", end=0, confidence=1.0,
)


@pytest.mark.parametrize("fields, reason", [
    ({"amount": math.inf}, "Amount: inf is not a finite number"),
    ({"amount": -1.0}, "Amount: -1 is negative"),
    ({"value_usd": math.nan}, "Value (USD): NaN is not a number"),
    ({"date": "9999-12-31"}, "Date: '9999-12-31' is more than"),
    ({"currency": "XYZ"}, "Currency: 'XYZ'"),
    ({"sector": "space"}, "Sector: 'space'"),
])
def test_add_deal_refuses_a_bad_deal_and_stores_nothing(store, fields, reason):
    before = len(store.deals())
    with pytest.raises(InvalidValue, match=re.escape(reason)):
        store.add_deal(_deal(**fields))
    assert len(store.deals()) == before


def test_add_deal_stores_a_good_deal_cleaned(store):
    store.add_deal(_deal(currency="usd", jobs=40.0))
    row = store.deals().set_index("deal_id").loc["manual0000000001"]
    assert (row["currency"], row["jobs"], row["verified"]) == ("USD", 40, True)


def test_ingest_leaves_out_a_refused_deal_names_it_and_stores_the_others(store):
    batch = process_documents([("new.txt", b"Tajikistan signed a $12 million grant agreement with Japan for hospitals in Dushanbe.")])
    good = batch.deals[0]
    bad = Deal(**(good.to_dict() | {"deal_id": "broken0000000001", "amount": math.inf, "value_usd": math.inf}))
    report = store.ingest(BatchResult(articles=batch.articles, deals=[good, bad], files=1))
    assert report.new_deals == 1 and report.refused == ("new.txt: Amount: inf is not a finite number",)
    ids = set(store.deals()["deal_id"])
    assert good.deal_id in ids and "broken0000000001" not in ids


# --- the review editor shows the reason ------------------------------------------------------------------------

from test_review import _callback_app  # noqa: E402  (the editor as the review page draws it)


@pytest.mark.parametrize("changes, reason", [
    ({"amount": -5.0}, "Amount: -5 is negative"),
    ({"date": "9999-12-31"}, "Date: '9999-12-31' is more than"),
])
def test_the_review_editor_shows_the_reason_and_does_not_crash(changes, reason):
    store = Store(default_url())
    store.ingest(process_documents([("loan.txt", LOAN.encode())]))
    at = AppTest.from_function(_callback_app, default_timeout=120)
    at.run()
    at.session_state[at.session_state["drawn_editor_key"]] = {"edited_rows": {0: changes}, "added_rows": [], "deleted_rows": []}
    at.session_state["simulate_change"] = True
    at.run()
    at.run()
    assert not at.exception
    shown = " ".join(e.value for e in at.error).replace("\\", "").replace("\u200b", "")
    assert "Not saved" in shown and reason in shown
