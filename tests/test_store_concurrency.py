"""Any number of processes may use one new database at once: six ``ingest`` runs started together on a new file
all succeed, and the store then holds exactly what one run over all their folders stores. Writers wait for each
other instead of failing with "database is locked"."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from conftest import ROOT
from sqlalchemy import create_engine, text

from dealtracker.pipeline import process_documents
from dealtracker.store import Store
from dealtracker.store.models import Base

PG_URL = os.environ.get("DEALTRACKER_TEST_PG_URL")
PROCESSES = 6
# Each folder's own articles (so each run adds deals of its own), and one article every folder holds (so the runs
# also race to store the same article and deal).
OWN = (
    "Kazakhstan's Samruk-Kazyna signed a ${amount} million agreement with Germany's Siemens to build a power plant "
    "in {place}.",
    "Uzbekistan signed a ${small} million loan agreement with the Asian Development Bank to rebuild roads in {place}.",
)
SHARED = "Kyrgyzstan signed a $45 million grant agreement with the World Bank for schools in Osh."
PLACES = ("Almaty", "Karaganda", "Aktobe", "Shymkent", "Pavlodar", "Kostanay")

# Imports first, then the start line: the runs reach the store within milliseconds of each other, which is
# when first uses collided (both saw no tables; both created them).
_RUN_AT_SIGNAL = """
import sys, time
from pathlib import Path
import dealtracker.cli as cli, dealtracker.pipeline, dealtracker.store
ready, go = Path(sys.argv[1]), Path(sys.argv[2])
ready.touch()
while not go.exists():
    time.sleep(0.002)
sys.exit(cli.main(sys.argv[3:]))
"""


def _folders(root: Path) -> list[Path]:
    folders = []
    for n, place in enumerate(PLACES[:PROCESSES]):
        folder = root / f"batch{n}"
        folder.mkdir()
        for k, template in enumerate(OWN):
            (folder / f"own{k}.txt").write_text(template.format(amount=120 + 10 * n, small=30 + n, place=place), encoding="utf-8")
        (folder / "shared.txt").write_text(SHARED, encoding="utf-8")
        folders.append(folder)
    return folders


def _ingest_together(folders: list[Path], url: str, signals: Path) -> list[subprocess.CompletedProcess]:
    """Start one ``ingest`` per folder, let them all go at once, and wait for every one."""
    signals.mkdir()
    go = signals / "go"
    runs = []
    for n, folder in enumerate(folders):
        command = [sys.executable, "-c", _RUN_AT_SIGNAL, str(signals / f"ready{n}"), str(go), "ingest", str(folder), "--db", url]
        runs.append(subprocess.Popen(command, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True))
    deadline = time.monotonic() + 120
    while not all((signals / f"ready{n}").exists() for n in range(len(folders))):
        assert time.monotonic() < deadline and all(run.poll() is None for run in runs), "a run did not start"
        time.sleep(0.01)
    go.touch()
    done = []
    for run in runs:
        stdout, stderr = run.communicate(timeout=180)
        done.append(subprocess.CompletedProcess(run.args, run.returncode, stdout, stderr))
    return done


def _contents(url: str) -> tuple[int, set[str], set[frozenset[str]]]:
    """Articles stored, deal ids, and the duplicate groups (as sets of deal ids)."""
    store = Store(url)
    try:
        deals = store.deals()
        groups = {frozenset(ids) for _, ids in deals.dropna(subset=["group_id"]).groupby("group_id")["deal_id"]}
        return store.article_count(), set(deals["deal_id"]), groups
    finally:
        store.close()


def _expected(folders: list[Path], tmp_path: Path) -> tuple[int, set[str], set[frozenset[str]]]:
    """What one run over all the folders stores, in a database of its own."""
    url = f"sqlite:///{tmp_path / 'one_run.sqlite'}"
    done = subprocess.run([sys.executable, "-m", "dealtracker", "ingest", *map(str, folders), "--db", url],
                          cwd=ROOT, capture_output=True, text=True, timeout=180)
    assert done.returncode == 0, done.stderr
    return _contents(url)


def _check_concurrent_first_use(url: str, tmp_path: Path) -> None:
    folders = _folders(tmp_path)
    expected = _expected(folders, tmp_path)
    assert expected[0] == 2 * PROCESSES + 1 and len(expected[1]) >= PROCESSES  # the articles were read as meant
    for n, run in enumerate(_ingest_together(folders, url, tmp_path / "signals")):
        assert run.returncode == 0, f"run {n}: {run.stderr}"
        assert "Traceback" not in run.stderr and "locked" not in run.stderr, run.stderr
    articles, deal_ids, groups = _contents(url)
    assert articles == expected[0]
    assert deal_ids == expected[1]
    assert groups == expected[2]  # the last regroup saw every run's deals


@pytest.mark.slow  # six processes at once
def test_six_ingests_at_once_on_a_new_sqlite_file_all_succeed_with_exact_counts(tmp_path):
    url = f"sqlite:///{tmp_path / 'new.sqlite'}"
    assert not (tmp_path / "new.sqlite").exists()
    _check_concurrent_first_use(url, tmp_path)


@pytest.mark.slow  # six processes at once
def test_six_ingests_at_once_on_a_new_postgresql_database(tmp_path):
    if not PG_URL:
        pytest.skip("DEALTRACKER_TEST_PG_URL is not set: no PostgreSQL server for this run")
    engine = create_engine(PG_URL)
    with engine.begin() as connection:  # a database as new as an SQLite file that does not exist yet
        Base.metadata.drop_all(connection)
    engine.dispose()
    _check_concurrent_first_use(PG_URL, tmp_path)


def test_a_writer_waits_for_another_instead_of_failing(tmp_path):
    """One store holds the write lock for a while; an edit through another store waits for it, then is saved."""
    url = f"sqlite:///{tmp_path / 'deals.sqlite'}"
    first, second = Store(url), Store(url)
    first.ingest(process_documents([("a.txt", SHARED.encode("utf-8"))]))
    deal_id = first.deals()["deal_id"].iloc[0]
    holding = threading.Event()

    def hold_the_lock() -> None:
        with first._writes.begin() as session:
            session.execute(text("UPDATE deals SET object = 'held' WHERE deal_id = :d"), {"d": deal_id})
            holding.set()
            time.sleep(1.0)

    holder = threading.Thread(target=hold_the_lock)
    holder.start()
    assert holding.wait(10)
    started = time.monotonic()
    second.update_deal(deal_id, {"status": "announced"})
    waited = time.monotonic() - started
    holder.join()
    assert waited >= 0.5  # it waited for the other writer rather than failing at once
    row = second.deals().set_index("deal_id").loc[deal_id]
    assert (row["status"], row["object"]) == ("announced", "held")
    first.close()
    second.close()


def test_a_regroup_groups_again_when_another_writer_added_deals_while_it_was_grouping(tmp_path, monkeypatch):
    """Grouping runs outside the write lock; a deal stored meanwhile by another process is not left out."""
    from dealtracker.store import repository

    url = f"sqlite:///{tmp_path / 'deals.sqlite'}"
    store, other = Store(url), Store(url)
    restated = "The World Bank approved a $45 million grant to Kyrgyzstan to build schools in Osh, the government said."
    store.ingest(process_documents([("first.txt", SHARED.encode("utf-8"))]))
    grouping = repository._groups
    calls = []

    def meanwhile(frame, similarity):
        if not calls:  # while the first grouping runs, another writer stores the same deal, reported again
            other.ingest(process_documents([("again.txt", restated.encode("utf-8"))]))
        calls.append(len(frame))
        return grouping(frame, similarity)

    monkeypatch.setattr(repository, "_groups", meanwhile)
    assert store.regroup() == 1
    assert calls == [1, 2]  # grouped again, with the other writer's deal
    assert store.deals()["group_id"].nunique() == 1 and store.deals()["group_id"].notna().all()
    store.close()
    other.close()
