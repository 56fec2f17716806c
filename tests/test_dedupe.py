"""Duplicate grouping: the blocked candidate pairs must find exactly what comparing every pair finds; the
embedding model only adds the links of a report without value to the valued report it restates."""

import itertools
import random

import numpy as np
import pandas as pd

from dealtracker.analytics import deals_frame
from dealtracker.dedupe import SEMANTIC_LINK, _reports, candidate_pairs, duplicate_groups, is_same_deal
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


# --- the embedding model's links (a fake similarity: the tests pin the rule, not the model) ----------------


def _deal(deal_id: str, source: str, value: float | None, evidence: str, counterparty: str = "Gazprom",
          country: str = "UZB", date: str | None = "2025-05-02") -> dict:
    row = {name: None for name in DEAL_FIELDS}
    row.update(deal_id=deal_id, source=source, party="Uzbekistan", party_country=country, counterparty=counterparty,
               value_usd=value, amount=value, currency="USD" if value else None, deal_type="investment",
               status="signed", date=date, language="en", evidence=evidence, start=0, end=len(evidence), confidence=0.5)
    return row


def _similarity_by_table(table: dict[frozenset[str], float]):
    """Cosines looked up by sentence pair (1.0 for a sentence with itself, 0.0 when not listed)."""
    calls: list[tuple[list[str], list[str]]] = []

    def similarity(a, b):
        calls.append((list(a), list(b)))
        return np.array([[1.0 if x == y else table.get(frozenset((x, y)), 0.0) for y in b] for x in a])

    return similarity, calls


GAS_CHEMICAL = "Gazprom and Uzbekistan signed the gas-chemical complex deal."
GAS_CHEMICAL_VALUED = "Газпром вложит $1 млрд в газохимический комплекс в Узбекистане."
PIPELINE_VALUED = "Газпром вложит $1,2 млрд в газопровод в Узбекистане."


def test_without_a_similarity_a_report_without_value_joins_no_valued_report():
    frame = deals_frame([_deal("u", "a.txt", None, GAS_CHEMICAL), _deal("v", "b.txt", 1e9, GAS_CHEMICAL_VALUED)])
    assert duplicate_groups(frame) == {}


def test_a_report_without_value_joins_the_valued_report_it_restates_and_only_that_one():
    frame = deals_frame([
        _deal("u", "a.txt", None, GAS_CHEMICAL),
        _deal("v1", "b.txt", 1e9, GAS_CHEMICAL_VALUED),
        _deal("v2", "c.txt", 1.2e9, PIPELINE_VALUED),
    ])
    similarity, _ = _similarity_by_table({
        frozenset((GAS_CHEMICAL, GAS_CHEMICAL_VALUED)): 0.91, frozenset((GAS_CHEMICAL, PIPELINE_VALUED)): 0.87,
    })
    assert _groups(duplicate_groups(frame, similarity)) == {frozenset({"u", "v1"})}


def test_below_the_threshold_nothing_is_joined():
    frame = deals_frame([_deal("u", "a.txt", None, GAS_CHEMICAL), _deal("v", "b.txt", 1e9, GAS_CHEMICAL_VALUED)])
    similarity, _ = _similarity_by_table({frozenset((GAS_CHEMICAL, GAS_CHEMICAL_VALUED)): SEMANTIC_LINK - 0.01})
    assert duplicate_groups(frame, similarity) == {}


def test_the_model_is_asked_only_about_the_same_country_counterparty_other_article_and_close_dates():
    frame = deals_frame([
        _deal("u", "a.txt", None, GAS_CHEMICAL),
        _deal("same-article", "a.txt", 2e9, "same article"),  # values apart, so the pair rule joins none of them
        _deal("other-country", "b.txt", 3e9, "other country", country="KAZ"),
        _deal("other-counterparty", "b.txt", 4e9, "other counterparty", counterparty="Lukoil"),
        _deal("years-later", "b.txt", 5e9, "years later", date="2027-05-02"),
        _deal("v", "c.txt", 1e9, GAS_CHEMICAL_VALUED),
    ])
    similarity, calls = _similarity_by_table({frozenset((GAS_CHEMICAL, GAS_CHEMICAL_VALUED)): 0.9})
    assert _groups(duplicate_groups(frame, similarity)) == {frozenset({"u", "v"})}
    assert calls == [([GAS_CHEMICAL], [GAS_CHEMICAL_VALUED])]


def test_the_model_never_splits_what_the_pair_rule_joined():
    frame = deals_frame([_deal("v1", "a.txt", 1e9, "one wording"), _deal("v2", "b.txt", 1e9, "another wording")])
    similarity, _ = _similarity_by_table({})  # the model sees nothing alike
    assert _groups(duplicate_groups(frame, similarity)) == {frozenset({"v1", "v2"})}
