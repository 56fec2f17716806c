"""Short cases in Arabic, Russian and English (tests/cases/*.jsonl), each a sentence or a paragraph that pins
one money form, one way of naming a side, or one trap. Every case must come out exactly as a careful reader
would have it: the expected deals and no others."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from dealtracker.extract.assemble import extract_deals
from dealtracker.ingest import read_text

CASES_DIR = Path(__file__).parent / "cases"
CASES = [
    json.loads(line)
    for path in sorted(CASES_DIR.glob("*.jsonl"))
    for line in path.read_text(encoding="utf-8").splitlines()
    if line.strip()
]
CHECKED_FIELDS = ("counterparty", "counterparty_country", "qualifier", "sector", "deal_type", "status")


def _same_value(deal, expected) -> bool:
    if expected.get("amount") is None:
        return deal.amount is None
    return (
        deal.amount is not None
        and deal.currency == expected.get("currency")
        and abs(deal.amount - expected["amount"]) <= 0.005 * expected["amount"]
    )


def _pairs(deal, expected) -> bool:
    if deal.party_country != expected["party_country"] or not _same_value(deal, expected):
        return False
    if expected.get("amount") is None:  # deals without a value are told apart by their counterparty
        if "counterparty" in expected:
            return deal.counterparty == expected["counterparty"]
        return deal.counterparty_country == expected.get("counterparty_country")
    return True


def _field_ok(deal, expected, name) -> bool:
    wanted = expected[name]
    got = getattr(deal, name)
    return got in wanted if isinstance(wanted, list) else got == wanted


@pytest.mark.parametrize("case", CASES, ids=[c["id"] for c in CASES])
def test_case(case):
    text = case["text"]
    deals = extract_deals(read_text(text, source=case["id"]))
    unmatched = list(deals)
    problems = []
    for expected in case["deals"]:
        # among deals of the same value (one amount given by each of several sides), the named side's first
        match = next((d for d in unmatched if _pairs(d, expected) and d.counterparty == expected.get("counterparty")), None)
        match = match or next((d for d in unmatched if _pairs(d, expected)), None)
        if match is None:
            problems.append(f"missing {expected}")
            continue
        unmatched.remove(match)
        for name in CHECKED_FIELDS:
            if name in expected and not _field_ok(match, expected, name):
                problems.append(f"{name}: got {getattr(match, name)!r}, expected {expected[name]!r}")
        assert text[match.start:match.end] == match.evidence
    for extra in unmatched:
        problems.append(f"extra deal {extra.party_country} × {extra.counterparty} {extra.amount} {extra.currency}")
    assert not problems, f"{case['covers']}: " + "; ".join(problems)


def test_there_are_enough_cases_in_every_language():
    languages = {c["id"].split("-")[0] for c in CASES}
    assert languages >= {"ar", "ru", "en"}
    assert len(CASES) >= 60
    assert sum(1 for c in CASES if not c["deals"]) >= 15  # traps
