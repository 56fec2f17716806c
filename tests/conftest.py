"""Shared fixtures: the repo on sys.path, the samples, and the read-only ../shared development set."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

SAMPLES = ROOT / "data" / "samples"
SHARED = ROOT.parent / "shared"
DESIGN_ARTICLE = SHARED / "dev" / "articles" / "000_f92b36df76fa3522.txt"


def expected_samples() -> list[dict]:
    return [json.loads(line) for line in (ROOT / "tests" / "samples_expected.jsonl").read_text(encoding="utf-8").splitlines() if line]


@pytest.fixture(autouse=True)
def private_database(tmp_path, monkeypatch):
    """Every test gets its own SQLite store, so the app and CLI under test never touch a real one."""
    monkeypatch.setenv("DEALTRACKER_DB_URL", f"sqlite:///{tmp_path / 'test.sqlite'}")


@pytest.fixture
def design_article() -> Path:
    if not DESIGN_ARTICLE.exists():
        pytest.skip(f"the shared design article is not here ({DESIGN_ARTICLE}); tests on it are skipped")
    return DESIGN_ARTICLE
