"""The held-out sets' gold files (``bench/holdout*/gold*.jsonl``) are what the blind figures are measured against: a
slip in them moves a figure as much as a rule does. The twentieth session found 32 Russian amounts of holdout32
written in units *and* with a scale (5.6 billion roubles as ``5600000000.0`` with ``"scale": "billion"``), which
made those deals unmatchable. These checks catch such slips when a new set lands."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

BENCH = Path(__file__).resolve().parent.parent / "bench"
GOLD_FILES = sorted(BENCH.glob("holdout*/gold*.jsonl"))
# An amount given with a scale is the number before it ("4.2" billion): no news writes "100,000 million".
LARGEST_SCALED_AMOUNT = 100_000


def _records(path: Path) -> list[dict]:
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_there_are_held_out_gold_files():
    assert len(GOLD_FILES) >= 30


@pytest.mark.parametrize("path", GOLD_FILES, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_scaled_amounts_are_written_in_their_scale(path):
    slips = [(record["id"], deal["amount"], deal["scale"])
             for record in _records(path) for deal in record.get("deals", []) + record.get("optional", [])
             if deal.get("amount") is not None and deal.get("scale") not in (None, "", "unit", "units")
             and abs(float(deal["amount"])) >= LARGEST_SCALED_AMOUNT]
    assert not slips, f"amounts in units with a scale: {slips[:5]}"


@pytest.mark.parametrize("path", [p for p in GOLD_FILES if p.name == "gold.jsonl"], ids=lambda p: p.parent.name)
def test_every_gold_document_has_its_article(path):
    articles = path.parent / "articles"
    missing = [r["id"] for r in _records(path) if not list(articles.glob(r["id"] + ".*"))]
    assert not missing, missing
