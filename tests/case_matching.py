"""How a short case (tests/cases/*.jsonl, tests/cases_pending/*.jsonl) is checked against the engine's deals:
shared by the test suite and by the runner of the pending cases, so that both judge a case the same way."""

from __future__ import annotations

import json
from pathlib import Path

from dealtracker.extract.assemble import extract_deals
from dealtracker.ingest import read_text

def load_cases(folder: Path) -> list[dict]:
    """Every case of the folder's JSON Lines files, file by file, in order."""
    return [
        json.loads(line)
        for path in sorted(folder.glob("*.jsonl"))
        for line in path.read_text(encoding="utf-8").splitlines()
        if line.strip()
    ]


CHECKED_FIELDS = ("party", "counterparty", "counterparty_country", "qualifier", "sector", "deal_type", "status")


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
            return _field_ok(deal, expected, "counterparty")
        return deal.counterparty_country == expected.get("counterparty_country")
    return True


def _field_ok(deal, expected, name) -> bool:
    wanted = expected[name]
    got = getattr(deal, name)
    return got in wanted if isinstance(wanted, list) else got == wanted


def problems_of(case: dict) -> list[str]:
    """What differs between the case's expected deals and the engine's: missing deals, wrong fields, extra
    deals, evidence that is not the text at its offsets. Empty when the case passes."""
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
        if text[match.start:match.end] != match.evidence:
            problems.append("evidence is not text[start:end]")
    for extra in unmatched:
        problems.append(f"extra deal {extra.party_country} × {extra.counterparty} {extra.amount} {extra.currency}")
    return problems
