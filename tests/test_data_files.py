"""The hand-written data sets for the transformers layer keep their shape.

`data/sector_examples.csv` feeds the sector model with example phrases and
`bench/duplicates/pairs.jsonl` scores duplicate detection across languages; both
are written by hand, so a typo (an unknown sector id, a pair in one language, a
duplicated id) would silently skew the model or the benchmark. These checks catch it.
"""

from __future__ import annotations

import csv
import json
from collections import Counter
from pathlib import Path

from dealtracker.schema import SECTORS

ROOT = Path(__file__).resolve().parent.parent
SECTOR_EXAMPLES = ROOT / "data" / "sector_examples.csv"
PAIRS = ROOT / "bench" / "duplicates" / "pairs.jsonl"
LANGUAGES = {"ar", "ru", "en"}
MIN_PHRASES = 8
# "other" is a catch-all: a few phrases only, so it does not pull real deals towards it.
CATCH_ALL = "other"


def _sector_rows() -> list[dict[str, str]]:
    with SECTOR_EXAMPLES.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        assert reader.fieldnames == ["sector", "language", "phrase"]
        return list(reader)


def test_sector_examples_use_known_sectors_and_languages():
    rows = _sector_rows()
    assert {row["sector"] for row in rows} <= set(SECTORS)
    assert {row["language"] for row in rows} <= LANGUAGES
    assert all(row["phrase"].strip() for row in rows)
    phrases = [(row["language"], row["phrase"].strip().casefold()) for row in rows]
    assert len(phrases) == len(set(phrases)), "a phrase is listed twice"


def test_every_sector_has_enough_phrases_in_every_language():
    counts = Counter((row["sector"], row["language"]) for row in _sector_rows())
    for sector in SECTORS:
        for language in LANGUAGES:
            needed = 1 if sector == CATCH_ALL else MIN_PHRASES
            assert counts[(sector, language)] >= needed, (sector, language, counts[(sector, language)])


def _pairs() -> list[dict]:
    lines = PAIRS.read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines if line.strip()]


def test_duplicate_pairs_are_well_formed():
    pairs = _pairs()
    ids = [pair["id"] for pair in pairs]
    assert len(ids) == len(set(ids))
    for pair in pairs:
        assert isinstance(pair["same"], bool), pair["id"]
        assert pair["kind"].strip(), pair["id"]
        for side in ("a", "b"):
            report = pair[side]
            assert report["language"] in LANGUAGES, pair["id"]
            assert report["text"].strip(), pair["id"]
            assert len(report["date"]) == 10 and report["date"][4] == "-", pair["id"]
        assert pair["a"]["language"] != pair["b"]["language"], pair["id"]


def test_duplicate_pairs_hold_enough_of_each_answer():
    answers = Counter(pair["same"] for pair in _pairs())
    assert answers[True] >= 30
    assert answers[False] >= 30
