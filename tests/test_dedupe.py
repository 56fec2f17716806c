"""Duplicate grouping: the blocked candidate pairs find exactly the pairs that comparing every pair finds; every
two deals of a group are compatible (no chain joins different deals, no article groups with itself); the
embedding model only adds the links of a report without value to the valued report it restates."""

import itertools
import random

import numpy as np
import pandas as pd

from dealtracker.analytics import deals_frame
from dealtracker.dedupe import (
    MAX_DAYS_APART, SEMANTIC_LINK, _candidates, _Deals, _reports, _rule_pairs, compatible, duplicate_groups,
    is_same_deal, same_counterparty,
)
from dealtracker.pipeline import process_documents
from dealtracker.schema import DEAL_FIELDS
from dealtracker.store import Store

from conftest import make_deal


def _random_frame(n: int, seed: int) -> pd.DataFrame:
    rng = random.Random(seed)
    names = ["Asian Development Bank", "Азиатский банк развития", "Wabtec", "Wabtec Corporation", "ACWA Power", "Boeing",
             "Боинг", "Saudi Fund for Development", "Abu Dhabi Fund for Development"]
    rows = []
    for i in range(n):
        row = {name: None for name in DEAL_FIELDS}
        value = rng.choice([None, 1e8, 1.05e8, 1.1e8, 1.16e8, 1.2e8, 4.2e9, 4.0e9, 0.0])
        row.update(deal_id=f"d{i:03d}", source=f"a{rng.randrange(8)}.txt", party=".", party_country=rng.choice(["KAZ", "UZB"]),
                   counterparty=rng.choice(names), counterparty_country=rng.choice([None, None, "SAU", "ARE", "USA"]),
                   value_usd=value, deal_type=rng.choice(["loan", "investment"]),
                   date=rng.choice([None, "2025-01", "2025-03-10", "2025-06-20", "2026"]), status="signed",
                   language="en", evidence=".", start=0, end=1, confidence=0.5)
        rows.append(row)
    return deals_frame(rows)


def _groups(mapping: dict[str, str]) -> set[frozenset[str]]:
    members: dict[str, set[str]] = {}
    for deal_id, root in mapping.items():
        members.setdefault(root, set()).add(deal_id)
    return {frozenset(g) for g in members.values()}


def test_blocking_finds_exactly_the_pairs_the_rule_accepts():
    for seed in range(5):
        frame = _random_frame(150, seed)
        reports = _reports(frame)
        brute = {frozenset((a.deal_id, b.deal_id)) for a, b in itertools.combinations(reports, 2) if is_same_deal(a, b)}
        deals = _Deals(frame)
        first, second, _ = _rule_pairs(deals)
        blocked = {frozenset((deals.ids[a], deals.ids[b])) for a, b in zip(first, second)}
        assert blocked == brute and len(blocked) == len(first)  # every pair once
        assert len(brute) > 50  # the frame has pairs to find


def test_blocking_compares_far_fewer_pairs_than_all():
    frame = _random_frame(300, 1)
    pairs = sum(len(a) for a, _ in _candidates(_Deals(frame)))
    assert pairs < 300 * 299 / 2 / 3


def test_every_two_deals_of_a_group_are_compatible_and_groups_grow_as_far_as_they_may():
    for seed in range(5):
        frame = _random_frame(150, seed)
        reports = {r.deal_id: r for r in _reports(frame)}
        groups = _groups(duplicate_groups(frame))
        assert any(len(g) > 2 for g in groups)
        for group in groups:
            assert all(compatible(reports[a], reports[b]) for a, b in itertools.combinations(group, 2))
        # Greedy merging refuses a pair only when some pair across its two groups is incompatible; groups only grow,
        # so two final groups linked by a pair of the rule can never be one group.
        group_of = {deal_id: group for group in groups for deal_id in group}
        for a, b in itertools.combinations(reports.values(), 2):
            first, second = group_of.get(a.deal_id, {a.deal_id}), group_of.get(b.deal_id, {b.deal_id})
            if is_same_deal(a, b) and first != second:
                assert not all(compatible(reports[x], reports[y]) for x, y in itertools.combinations(first | second, 2))


def test_the_frames_order_does_not_change_the_groups():
    frame = _random_frame(200, 3)
    expected = duplicate_groups(frame)
    for seed in range(3):
        shuffled = frame.sample(frac=1, random_state=seed)
        assert duplicate_groups(shuffled) == expected


# --- the acceptance cases of issue 17 (short made-up reports) ------------------------------------------------


def _deal(deal_id: str, source: str, value: float | None, evidence: str = ".", counterparty: str = "Gazprom",
          country: str = "UZB", date: str | None = "2025-05-02", counterparty_country: str | None = None,
          deal_type: str = "investment") -> dict:
    """A report of a deal with Uzbekistan (the shorthand of these tests, over the shared ``make_deal``)."""
    return make_deal(deal_id, source=source, party="Uzbekistan", party_country=country, counterparty=counterparty,
                     counterparty_country=counterparty_country, value_usd=value, amount=value,
                     currency="USD" if value else None, deal_type=deal_type, date=date, evidence=evidence,
                     end=len(evidence))


def test_fund_loans_from_two_countries_are_two_deals_even_through_a_report_naming_no_country():
    saudi = _deal("saudi", "a.txt", 100e6, counterparty="Saudi Fund for Development", counterparty_country="SAU",
                  deal_type="loan_financing", country="TJK")
    emirati = _deal("emirati", "b.txt", 102e6, counterparty="Abu Dhabi Fund for Development", counterparty_country="ARE",
                    deal_type="loan_financing", country="TJK")
    assert duplicate_groups(deals_frame([saudi, emirati])) == {}
    # A third report of the Saudi loan that names no country is alike to both (the names share "fund for
    # development"): it joins the Saudi report, its own name, and never brings the Emirati one along.
    unknown = _deal("unknown", "c.txt", 101e6, counterparty="Saudi Fund for Development", deal_type="loan_financing",
                    country="TJK")
    assert same_counterparty("Saudi Fund for Development", "Abu Dhabi Fund for Development")  # why the country matters
    assert _groups(duplicate_groups(deals_frame([saudi, emirati, unknown]))) == {frozenset({"saudi", "unknown"})}


def test_a_chain_of_values_each_within_the_tolerance_is_not_one_group():
    frame = deals_frame([_deal("A", "a.txt", 100e6), _deal("B", "b.txt", 109e6), _deal("C", "c.txt", 118e6)])
    # A~B (8.3% apart) and B~C (7.6%) pass the rule, A and C (15.3%) do not: B joins the closer one, C.
    assert _groups(duplicate_groups(frame)) == {frozenset({"B", "C"})}


def test_a_chain_of_dates_each_within_the_window_is_not_one_group():
    frame = deals_frame([_deal("jan", "a.txt", 5e8, date="2025-01-10"), _deal("apr", "b.txt", 5e8, date="2025-04-20"),
                         _deal("aug", "c.txt", 5e8, date="2025-08-01")])
    groups = _groups(duplicate_groups(frame))
    assert len(groups) == 1 and len(next(iter(groups))) == 2 and not {"jan", "aug"} <= next(iter(groups))


def test_dates_beyond_the_window_are_different_deals_and_an_unknown_date_does_not_forbid():
    frame = deals_frame([_deal("early", "a.txt", 5e8, date="2025-01-10"), _deal("late", "b.txt", 5e8, date="2025-07-01")])
    assert (pd.Timestamp("2025-07-01") - pd.Timestamp("2025-01-10")).days > MAX_DAYS_APART
    assert duplicate_groups(frame) == {}
    frame = deals_frame([_deal("early", "a.txt", 5e8, date="2025-01-10"), _deal("undated", "b.txt", 5e8, date=None)])
    assert _groups(duplicate_groups(frame)) == {frozenset({"early", "undated"})}


def test_deals_of_two_central_asian_countries_are_never_grouped():
    frame = deals_frame([_deal("kaz", "a.txt", 3e8, country="KAZ"), _deal("uzb", "b.txt", 3e8, country="UZB")])
    assert duplicate_groups(frame) == {}


def test_two_deals_of_one_article_never_share_a_group_while_another_articles_report_joins_one():
    headline = _deal("headline", "one.txt", 2e8, counterparty="Boeing")
    body = _deal("body", "one.txt", 2e8, counterparty="Boeing")
    other = _deal("other", "two.txt", 2e8, counterparty="Boeing")
    groups = _groups(duplicate_groups(deals_frame([headline, body, other])))
    assert len(groups) == 1
    (group,) = groups
    assert "other" in group and len(group) == 2


def test_the_article_id_tells_articles_apart_and_the_source_stands_in_where_it_is_missing():
    rows = [_deal("x", "article.txt", 2e8), _deal("y", "article.txt", 2e8), _deal("z", "article.txt", 2e8)]
    frame = deals_frame(rows, extra=("article_id",))
    frame["article_id"] = ["first", "second", None]
    groups = _groups(duplicate_groups(frame))
    # x and y are two articles under one name; z (no id) is judged by its name, which is neither id
    assert len(groups) == 1 and len(next(iter(groups))) == 3
    frame["article_id"] = ["first", "first", "second"]
    assert {len(g) for g in _groups(duplicate_groups(frame))} == {2}


def test_a_counterparty_written_in_cyrillic_groups_with_its_latin_name():
    frame = deals_frame([_deal("en", "en.txt", 1.5e8, counterparty="Alstom", counterparty_country="FRA"),
                         _deal("ru", "ru.txt", 1.5e8, counterparty="Альстом", counterparty_country="FRA")])
    assert _groups(duplicate_groups(frame)) == {frozenset({"en", "ru"})}
    # ... but not with another company of a similar size
    frame = deals_frame([_deal("en", "en.txt", 1.5e8, counterparty="Alstom"), _deal("ru", "ru.txt", 1.5e8, counterparty="Сименс")])
    assert duplicate_groups(frame) == {}


def test_a_confirmed_group_and_a_split_group_survive_regrouping(tmp_path):
    store = Store(f"sqlite:///{tmp_path / 'deals.sqlite'}")
    try:
        loan = "The Asian Development Bank signed a $27 million loan with Kyrgyzstan to rebuild water pipes in Osh."
        store.ingest(process_documents([("en.txt", loan.encode()), ("en2.txt", f"Osh news. {loan}".encode())]))
        assert store.regroup() == 1
        ids = list(store.deals()["deal_id"])
        store.set_group(ids, "confirmed")
        again = f"Bishkek, May. {loan}"
        store.ingest(process_documents([("en3.txt", again.encode())]))
        store.regroup()
        deals = store.deals().set_index("deal_id")
        assert list(deals.loc[ids, "group_id"]) == ["confirmed", "confirmed"]
        store.set_group(ids, None)
        store.regroup()
        assert store.deals().set_index("deal_id").loc[ids, "group_id"].isna().all()
    finally:
        store.close()


# --- the embedding model's links (a fake similarity: the tests pin the rule, not the model) ----------------


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


def test_the_model_is_asked_only_about_compatible_reports():
    frame = deals_frame([
        _deal("u", "a.txt", None, GAS_CHEMICAL, counterparty_country="RUS"),
        _deal("same-article", "a.txt", 2e9, "same article"),  # values apart, so the pair rule joins none of them
        _deal("other-country", "b.txt", 3e9, "other country", country="KAZ"),
        _deal("other-counterparty", "b.txt", 4e9, "other counterparty", counterparty="Lukoil"),
        _deal("years-later", "b.txt", 5e9, "years later", date="2027-05-02"),
        _deal("other-partner-country", "b.txt", 6e9, "other partner country", counterparty_country="NLD"),
        _deal("v", "c.txt", 1e9, GAS_CHEMICAL_VALUED, counterparty_country="RUS"),
    ])
    similarity, calls = _similarity_by_table({frozenset((GAS_CHEMICAL, GAS_CHEMICAL_VALUED)): 0.9})
    assert _groups(duplicate_groups(frame, similarity)) == {frozenset({"u", "v"})}
    assert calls == [([GAS_CHEMICAL], [GAS_CHEMICAL_VALUED])]


def test_a_semantic_link_never_brings_a_deal_of_its_own_article_or_a_date_too_far_into_a_group():
    # v and w are one deal (the pair rule groups them); u restates v, but w is in u's own article
    frame = deals_frame([
        _deal("u", "a.txt", None, GAS_CHEMICAL),
        _deal("w", "a.txt", 1e9, "another sentence of article a"),
        _deal("v", "b.txt", 1e9, GAS_CHEMICAL_VALUED),
    ])
    similarity, _ = _similarity_by_table({frozenset((GAS_CHEMICAL, GAS_CHEMICAL_VALUED)): 0.95})
    assert _groups(duplicate_groups(frame, similarity)) == {frozenset({"v", "w"})}
    # u is within the window of v, not of v's twin w: u stays out
    frame = deals_frame([
        _deal("u", "a.txt", None, GAS_CHEMICAL, date="2025-01-05"),
        _deal("v", "b.txt", 1e9, GAS_CHEMICAL_VALUED, date="2025-04-05"),
        _deal("w", "c.txt", 1e9, "a third wording", date="2025-07-01"),
    ])
    assert _groups(duplicate_groups(frame, similarity)) == {frozenset({"v", "w"})}
    # and with w gone, u joins v: the two cases fail for the constraint, not for the cosine
    assert _groups(duplicate_groups(frame[frame["deal_id"] != "w"], similarity)) == {frozenset({"u", "v"})}


def test_the_model_never_splits_what_the_pair_rule_joined():
    frame = deals_frame([_deal("v1", "a.txt", 1e9, "one wording"), _deal("v2", "b.txt", 1e9, "another wording")])
    similarity, _ = _similarity_by_table({})  # the model sees nothing alike
    assert _groups(duplicate_groups(frame, similarity)) == {frozenset({"v1", "v2"})}
