"""Amounts in every form the news writes them (tests/amount_cases/*.jsonl, issue 16): each case lists every
money amount a careful reader finds in a phrase, in text order, or none. A number is read whole or not at
all: a wrong value is worse than none, because nothing flags it."""

from __future__ import annotations

from pathlib import Path

import pytest

from case_matching import load_cases
from dealtracker.extract.money import amounts_stated

CASES_DIR = Path(__file__).parent / "amount_cases"
CASES = load_cases(CASES_DIR)


def read_amounts(case: dict) -> list[tuple[float, str]]:
    """What the reader finds, in text order (``amounts_stated``), in the case's language."""
    return amounts_stated(case["text"], case["id"].split("-")[0])


def _same(got: list[tuple[float, str]], expected: list[dict]) -> bool:
    return len(got) == len(expected) and all(
        currency == e["currency"] and abs(amount - e["amount"]) <= 1e-6 * max(1.0, abs(e["amount"]))
        for (amount, currency), e in zip(got, expected)
    )


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_amount_case(case):
    got = read_amounts(case)
    assert _same(got, case["amounts"]), f"{case['form']}: {case['text']!r} → {got}, expected {case['amounts']}"


def test_there_are_enough_amount_cases_in_every_language():
    by_language = {lang: sum(1 for c in CASES if c["id"].startswith(lang + "-")) for lang in ("ar", "ru", "en")}
    assert all(n >= 50 for n in by_language.values()) and len(CASES) >= 150, by_language
