"""Short cases in Arabic, Russian and English (tests/cases/*.jsonl), each a sentence or a paragraph that pins
one money form, one way of naming a side, or one trap. Every case must come out exactly as a careful reader
would have it: the expected deals and no others."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_matching import load_cases, problems_of

CASES_DIR = Path(__file__).parent / "cases"
CASES = load_cases(CASES_DIR)


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    problems = problems_of(case)
    assert not problems, f"{case['covers']}: " + "; ".join(problems)


def test_there_are_enough_cases_in_every_language():
    languages = {c["id"].split("-")[0] for c in CASES}
    assert languages >= {"ar", "ru", "en"}
    assert len(CASES) >= 60
    assert sum(1 for c in CASES if not c["deals"]) >= 15  # traps
