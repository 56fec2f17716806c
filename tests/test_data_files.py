"""The hand-written data set of the duplicates benchmark keeps its shape.

`bench/duplicates/pairs.jsonl` scores duplicate detection across languages; it is
written by hand, so a typo (a pair in one language, a duplicated id) would silently
skew the benchmark. These checks catch it.
"""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PAIRS = ROOT / "bench" / "duplicates" / "pairs.jsonl"
LANGUAGES = {"ar", "ru", "en"}


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
