"""The store keeps each article and deal once, keeps a person's edits through re-extraction, and logs them."""

from __future__ import annotations

import csv
import io
import os

import openpyxl
import pytest
from conftest import SHARED

from dealtracker.analytics import countable
from dealtracker.export import export_bytes
from dealtracker.pipeline import process_documents
from dealtracker.store import Store
from dealtracker.store.migrations import LATEST, current_version
from dealtracker.store.models import Base
from sqlalchemy import create_engine

EN = "The Asian Development Bank signed a $27 million loan with Kyrgyzstan to rebuild water pipes in Osh."
RU = "Азиатский банк развития подписал с Кыргызстаном кредитное соглашение на 27 млн долларов на ремонт водопровода в Оше."
OTHER = "Kazakhstan Temir Zholy signed a contract with Alstom worth 45 billion tenge for 30 locomotives."


PG_URL = os.environ.get("DEALTRACKER_TEST_PG_URL")


def _clean_postgres(url: str) -> None:
    engine = create_engine(url)
    with engine.begin() as connection:
        Base.metadata.drop_all(connection)
    engine.dispose()


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    """Every store test runs on SQLite and, where .ci/run started one, on a real PostgreSQL server."""
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'deals.sqlite'}"
    else:
        if not PG_URL:
            pytest.skip("DEALTRACKER_TEST_PG_URL is not set: no PostgreSQL server for this run")
        url = PG_URL
        _clean_postgres(url)
    s = Store(url)
    yield s
    s.close()


def _batch(*named_texts):
    return process_documents([(name, text.encode("utf-8")) for name, text in named_texts])


def test_schema_is_created_at_the_latest_version_and_sqlite_uses_wal(store):
    with store.engine.connect() as connection:
        assert current_version(connection) == LATEST
        if store.engine.dialect.name == "sqlite":
            assert connection.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"


def test_ingesting_twice_stores_each_article_and_deal_once(store):
    batch = _batch(("en.txt", EN), ("other.txt", OTHER))
    first = store.ingest(batch)
    second = store.ingest(_batch(("en.txt", EN), ("other.txt", OTHER)))
    assert (first.new_articles, first.new_deals) == (2, 2)
    assert (second.new_articles, second.new_deals) == (0, 0)
    assert store.article_count() == 2 and len(store.deals()) == 2


def test_the_same_text_under_another_name_is_the_same_article(store):
    store.ingest(_batch(("a.txt", EN)))
    store.ingest(_batch(("copy of a.txt", "  " + EN + "\n")))
    assert store.article_count() == 1 and len(store.deals()) == 1


def test_edits_and_rejections_survive_re_extraction_and_are_audited(store, tmp_path):
    store.ingest(_batch(("en.txt", EN), ("other.txt", OTHER)))
    deals = store.deals().set_index("counterparty")
    loan, contract = deals.loc["Asian Development Bank", "deal_id"], deals.loc["Alstom", "deal_id"]
    store.update_deal(loan, {"counterparty": "ADB (Manila)", "sector": "water_utilities", "verified": True})
    store.update_deal(contract, {"rejected": True})
    store.close()

    reopened = Store(store.url)  # a restart
    report = reopened.ingest(_batch(("en.txt", EN), ("other.txt", OTHER)))
    assert report.new_deals == 0
    after = reopened.deals().set_index("deal_id")
    assert after.loc[loan, "counterparty"] == "ADB (Manila)"
    assert after.loc[loan, "sector"] == "water_utilities" and bool(after.loc[loan, "verified"])
    assert bool(after.loc[contract, "rejected"])
    assert contract not in set(reopened.deals(include_rejected=False)["deal_id"])
    changes = [(a.field, a.old, a.new) for a in reopened.audit(loan)]
    assert ("counterparty", "Asian Development Bank", "ADB (Manila)") in changes
    reopened.close()


def test_machine_fields_are_refreshed_when_a_person_did_not_touch_them(store):
    store.ingest(_batch(("en.txt", EN)))
    deal_id = store.deals()["deal_id"].item()
    with store._sessions.begin() as session:  # simulate an older engine's reading
        from dealtracker.store.models import DealRow

        session.get(DealRow, deal_id).sector = "other"
    report = store.ingest(_batch(("en.txt", EN)))
    assert report.refreshed_deals == 1
    assert store.deals()["sector"].item() == "water_utilities"


def test_invalid_edits_are_refused(store):
    store.ingest(_batch(("en.txt", EN)))
    deal_id = store.deals()["deal_id"].item()
    with pytest.raises(ValueError):
        store.update_deal(deal_id, {"sector": "space"})
    with pytest.raises(ValueError):
        store.update_deal(deal_id, {"deal_id": "x"})


def test_the_same_deal_in_two_languages_forms_one_group_that_counts_once(store):
    store.ingest(_batch(("en.txt", EN), ("ru.txt", RU), ("other.txt", OTHER)))
    assert store.regroup() == 1
    deals = store.deals()
    grouped = deals[deals["group_id"].notna()]
    assert set(grouped["source"]) == {"en.txt", "ru.txt"}
    assert len(countable(deals)) == 2


def test_a_split_group_stays_split(store):
    store.ingest(_batch(("en.txt", EN), ("ru.txt", RU)))
    store.regroup()
    ids = list(store.deals()["deal_id"])
    store.set_group(ids, None)
    store.regroup()
    assert store.deals()["group_id"].isna().all()


def test_formula_cells_are_escaped_in_csv_and_xlsx(store):
    text = "=HYPERLINK(\"http://x\") The EBRD signed a $10 million loan with Bank Arvand of Tajikistan."
    store.ingest(_batch(("bad.txt", text)))
    deals = store.deals()
    assert deals["evidence"].item().startswith("=HYPERLINK")
    rows = list(csv.DictReader(io.StringIO(export_bytes(deals, "csv").decode("utf-8-sig"))))
    assert rows[0]["evidence"].startswith("'=HYPERLINK")
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(deals, "xlsx", store.article_titles())))
    assert book.sheetnames == ["deals", "sources"]
    for sheet in book.worksheets:
        header = [c.value for c in sheet[1]]
        cell = sheet.cell(row=2, column=header.index("evidence") + 1)
        assert cell.data_type == "s" and cell.value.startswith("'=HYPERLINK")


def test_shared_dev_set_ingested_twice_is_stored_once(store):
    articles = SHARED / "dev" / "articles"
    if not articles.exists():
        pytest.skip(f"the shared development set is not here ({articles})")
    documents = [(p.name, p.read_bytes()) for p in sorted(articles.iterdir())]
    result = process_documents(documents)
    store.ingest(result)
    before = (store.article_count(), len(store.deals()))
    store.ingest(process_documents(documents))
    # An article is its text: a PDF that reads exactly like its .txt twin is the same article, stored once
    distinct = len({article.article_id for article in result.articles})
    assert len(documents) - 6 <= distinct <= len(documents)
    assert (store.article_count(), len(store.deals())) == before == (distinct, before[1])


def test_revision_changes_with_every_write_to_deals_and_only_then(store):
    """The app caches the deals table by this token: a stale token would show stale deals."""
    empty = store.revision()
    store.ingest(_batch(("en.txt", EN)))
    after_ingest = store.revision()
    assert after_ingest != empty
    store.ingest(_batch(("en.txt", EN)))  # nothing new, nothing changed
    assert store.revision() == after_ingest
    deal_id = store.deals()["deal_id"].iloc[0]
    store.update_deal(deal_id, {"verified": True})
    after_edit = store.revision()
    assert after_edit != after_ingest
    store.set_group([deal_id], "g1")
    assert store.revision() != after_edit


def test_a_corrected_amount_or_currency_carries_the_usd_value_and_survives_re_extraction(store):
    store.ingest(_batch(("en.txt", EN)))
    deal = store.deals().iloc[0]
    store.update_deal(deal["deal_id"], {"amount": deal["amount"] * 2})
    after = store.deals().set_index("deal_id").loc[deal["deal_id"]]
    assert after["value_usd"] == pytest.approx(deal["value_usd"] * 2)  # totals and charts read this column
    store.update_deal(deal["deal_id"], {"currency": "eur"})
    euro = store.deals().set_index("deal_id").loc[deal["deal_id"]]
    assert euro["currency"] == "EUR" and euro["value_usd"] == pytest.approx(deal["amount"] * 2 * euro["fx_rate"])
    store.ingest(_batch(("en.txt", EN)))  # the machine's amount and value do not come back
    again = store.deals().set_index("deal_id").loc[deal["deal_id"]]
    assert (again["amount"], again["currency"], again["value_usd"]) == (euro["amount"], "EUR", euro["value_usd"])


@pytest.mark.parametrize("field, value", [("date", "2025-13"), ("date", "March 2025"), ("currency", "XYZ")])
def test_malformed_dates_and_unknown_currencies_are_refused(store, field, value):
    store.ingest(_batch(("en.txt", EN)))
    deal_id = store.deals()["deal_id"].iloc[0]
    with pytest.raises(ValueError):
        store.update_deal(deal_id, {field: value})
    store.update_deal(deal_id, {"date": "2025-02"})
    assert store.deals().set_index("deal_id").loc[deal_id, "date"] == "2025-02"


def test_two_reports_under_one_name_are_two_articles_and_can_be_duplicates(store):
    """Two pasted texts (or two files named article.txt) about the same loan: each deal keeps its own article,
    and the pair forms a duplicate group instead of being taken for one article."""
    first = "The Asian Development Bank signed a $300 million loan with Uzbekistan on Monday to upgrade irrigation."
    second = "Uzbekistan and the ADB signed a $300 million loan agreement this week for irrigation canals."
    store.ingest(_batch(("article.txt", first), ("article.txt", second)))
    deals = store.deals()
    assert len(deals) == 2 and deals["article_id"].nunique() == 2
    assert store.regroup() == 1
    assert store.deals()["group_id"].nunique() == 1


def test_articles_without_a_valued_deal_are_listed_and_leave_the_list_with_a_deal_added_by_hand(tmp_path):
    from dataclasses import replace

    from dealtracker.pipeline import process_documents
    from dealtracker.schema import Deal

    store = Store(f"sqlite:///{tmp_path / 'nodeal.sqlite'}")
    before = store.revision()
    store.ingest(process_documents([
        ("deal.txt", b"Kazakhstan signed a $4.2 billion deal with Wabtec for 300 locomotives."),
        ("nothing.txt", b"The weather in Almaty was sunny on Monday."),
        ("mou.txt", "Узбекистан и Airbus подписали меморандум о взаимопонимании.".encode()),
    ]))
    assert store.revision() != before  # an article without deals changes the revision too
    listed = store.articles_without_values().set_index("source")
    assert sorted(listed.index) == ["mou.txt", "nothing.txt"]
    assert listed.loc["nothing.txt", "deals"] == 0 and listed.loc["mou.txt", "deals"] >= 1
    article_id = listed.loc["nothing.txt", "article_id"]
    hand = Deal(
        deal_id="hand1", source="nothing.txt", party="Almaty", party_country="KAZ", counterparty=None,
        counterparty_country=None, amount=1e6, currency="USD", value_usd=1e6, qualifier=None, sector="other",
        deal_type="investment", status="signed", object=None, jobs=None, date=None, language="en",
        evidence="sunny", start=20, end=25, confidence=1.0,
    )
    store.add_deal(hand, article_id=article_id)
    assert list(store.articles_without_values()["source"]) == ["mou.txt"]
    added = store.deals().set_index("deal_id").loc["hand1"]
    assert added["article_id"] == article_id and bool(added["verified"])
    with pytest.raises(KeyError, match="no article"):
        store.add_deal(replace(hand, deal_id="hand2"), article_id="no-such-article")
