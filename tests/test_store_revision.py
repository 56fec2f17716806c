"""The store's revision as the app reads it on every rerun: cheap when nothing changed, never stale.

On SQLite the aggregate queries behind ``Store.revision`` run only after a commit (``PRAGMA data_version`` on a
connection of the store's own says whether one happened); a write by another Store, another process or the
store itself must still change the revision at once.
"""

from __future__ import annotations

import sqlite3
import subprocess
import sys

import pandas as pd

from dealtracker.pipeline import process_documents
from dealtracker.store import Store, repository

EN = b"Kazakhstan signed a $4.2 billion deal with Wabtec for 300 locomotives."


def _counting(monkeypatch) -> list[int]:
    calls: list[int] = []
    aggregate = repository._revision

    def counted(connection):
        calls.append(1)
        return aggregate(connection)

    monkeypatch.setattr(repository, "_revision", counted)
    return calls


def test_the_revision_is_read_again_only_after_a_commit(tmp_path, monkeypatch):
    store = Store(f"sqlite:///{tmp_path / 'r.sqlite'}")
    calls = _counting(monkeypatch)
    first = store.revision()
    assert store.revision() == store.revision() == first and len(calls) == 1  # nothing committed: no query
    store.ingest(process_documents([("en.txt", EN)]))
    after = store.revision()
    assert after != first and len(calls) == 2
    deal_id = store.deals()["deal_id"].iloc[0]
    store.update_deal(deal_id, {"verified": True})  # the store's own write, through its pool
    assert store.revision() != after
    store.close()


def test_writes_of_another_store_and_of_another_process_change_the_revision(tmp_path):
    path = tmp_path / "shared.sqlite"
    reader, writer = Store(f"sqlite:///{path}"), Store(f"sqlite:///{path}")
    empty = reader.revision()
    writer.ingest(process_documents([("en.txt", EN)]))
    ingested = reader.revision()
    assert ingested != empty
    # another process: a plain sqlite3 client stamping a deal as a write does
    script = ("import sqlite3, sys; c = sqlite3.connect(sys.argv[1]); "
              "c.execute(\"UPDATE deals SET updated_at = '2099-01-01 00:00:00.000000'\"); c.commit()")
    subprocess.run([sys.executable, "-c", script, str(path)], check=True)
    assert reader.revision() != ingested
    assert reader.revision().split(":", 1)[1].startswith("2099-01-01")
    reader.close()
    writer.close()


def test_a_checkpoint_alone_keeps_the_revision(tmp_path):
    """A checkpoint changes the probe's version but no row: the revision (and so the app's cached table) stays."""
    store = Store(f"sqlite:///{tmp_path / 'c.sqlite'}")
    store.ingest(process_documents([("en.txt", EN)]))
    before = store.revision()
    with sqlite3.connect(tmp_path / "c.sqlite") as connection:
        connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    assert store.revision() == before
    store.close()


def test_an_in_memory_store_reads_its_revision_each_time(monkeypatch):
    store = Store("sqlite://")
    calls = _counting(monkeypatch)
    store.revision()
    store.revision()
    assert len(calls) == 2  # no probe: another connection would see a database of its own
    store.close()


def test_the_table_read_column_by_column_is_what_reading_rows_gave(tmp_path):
    """The curated table is built from columns (faster); the frame must be what ``from_records`` gave."""
    from sqlalchemy import select

    from dealtracker.deal_frame import deals_frame
    from dealtracker.schema import DEAL_FIELDS
    from dealtracker.store.models import DealRow

    store = Store(f"sqlite:///{tmp_path / 't.sqlite'}")
    columns = list(DEAL_FIELDS + repository.REVIEW_COLUMNS)

    def by_rows() -> pd.DataFrame:
        query = select(*[getattr(DealRow, name) for name in columns]).order_by(DealRow.source, DealRow.start)
        with store.engine.connect() as connection:
            rows = connection.execute(query).all()
        return deals_frame(pd.DataFrame.from_records(rows, columns=columns), extra=repository.REVIEW_COLUMNS)

    pd.testing.assert_frame_equal(store.deals(), by_rows())  # empty
    store.ingest(process_documents([
        ("en.txt", EN),
        ("ru.txt", "Узбекистан и Airbus подписали меморандум о взаимопонимании.".encode()),
        ("ar.txt", "وقّعت كازاخستان اتفاقًا مع شركة واب تيك بقيمة 4.2 مليار دولار.".encode()),
    ]))
    store.update_deal(store.deals()["deal_id"].iloc[0], {"verified": True})
    pd.testing.assert_frame_equal(store.deals(), by_rows())
    # read in chunks of one and two rows: chunks whose columns hold nothing but NULLs still give the same frame
    for chunk in (1, 2):
        with store.engine.connect() as connection:
            pd.testing.assert_frame_equal(repository._read_deals(connection, True, chunk=chunk), by_rows())
    store.close()
