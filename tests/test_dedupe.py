"""Duplicate grouping: the blocked candidate pairs must find exactly what comparing every pair finds."""

import itertools
import random

import pandas as pd

from dealtracker.analytics import deals_frame
from dealtracker.dedupe import _reports, candidate_pairs, duplicate_groups, is_same_deal
from dealtracker.schema import DEAL_FIELDS


def _random_frame(n: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    names = ["Asian Development Bank", "Азиатский банк развития", "Wabtec", "Wabtec Corporation", "ACWA Power", "Boeing"]
    rows = []
    for i in range(n):
        row = {name: None for name in DEAL_FIELDS}
        value = rng.choice([None, 1e8, 1.05e8, 1.2e8, 4.2e9, 4.0e9, 0.0])
        row.update(deal_id=f"d{i:03d}", source=f"a{rng.randrange(8)}.txt", party=".", party_country=rng.choice(["KAZ", "UZB"]),
                   counterparty=rng.choice(names), value_usd=value, deal_type=rng.choice(["loan", "investment"]),
                   date=rng.choice([None, "2025-01", "2025-03-10", "2026"]), status="signed", language="en",
                   evidence=".", start=0, end=1, confidence=0.5)
        rows.append(row)
    return deals_frame(rows)


def _brute_force_groups(frame: pd.DataFrame) -> set[frozenset[str]]:
    reports = _reports(frame)
    edges = [(a.deal_id, b.deal_id) for a, b in itertools.combinations(reports, 2) if is_same_deal(a, b)]
    groups: list[set[str]] = []
    for a, b in edges:
        touching = [g for g in groups if a in g or b in g]
        merged = {a, b}.union(*touching)
        groups = [g for g in groups if g not in touching] + [merged]
    return {frozenset(g) for g in groups}


def _groups(mapping: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for deal_id, root in mapping.items():
        members.setdefault(root, set()).add(deal_id)
    return {frozenset(g) for g in members.values()}


def test_blocking_loses_no_duplicate_pair():
    for seed in range(5):
        frame = _random_frame(120, seed)
        assert _groups(duplicate_groups(frame)) == _brute_force_groups(frame)


def test_blocking_compares_far_fewer_pairs_than_all():
    frame = _random_frame(300, 1)
    pairs = sum(1 for _ in candidate_pairs(_reports(frame)))
    assert pairs < 300 * 299 / 2 / 3
