"""The learned veto on the rules' valued deals (issue 15): its JSON trees, its switch, and its place in extraction."""

from __future__ import annotations

import json
import math

import pytest

from dealtracker.extract import assemble, deal_veto
from dealtracker.extract.candidate_features import candidate_features, candidates
from dealtracker.extract.deal_veto import DealVeto, Tree, active_veto, load_veto
from dealtracker.extract.reader import ArticleReader
from dealtracker.schema import Article

# One stump on feature 0 ("headline") and one depth-2 tree on features 1 and 0.
SMALL = {
    "features": ["headline", "log10_usd"],
    "init": -0.5,
    "learning_rate": 0.1,
    "veto_threshold": 0.4,
    "trees": [
        {"feature": [0, -2, -2], "threshold": [0.5, -2, -2], "left": [1, -1, -1], "right": [2, -1, -1],
         "value": [0.0, 2.0, -3.0]},
        {"feature": [1, 0, -2, -2, -2], "threshold": [9.0, 0.5, -2, -2, -2], "left": [1, 2, -1, -1, -1],
         "right": [4, 3, -1, -1, -1], "value": [0.0, 1.0, -1.0, 5.0, 0.0]},
    ],
}

DEALS = (
    "Kazakhstan signs deals with Wabtec and Alstom\n\n"
    "Kazakhstan Temir Zholy signed a $4.2 billion contract with Wabtec for 300 locomotives. "
    "Kazakhstan Temir Zholy also signed a memorandum with Alstom on a service centre."
)


def sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x))


def test_the_trees_are_walked_as_scikit_learn_lays_them_out():
    veto = DealVeto.from_json(SMALL)
    # not a headline (0 <= 0.5, left: 2.0); small amount (8 <= 9, left, then headline 0 <= 0.5: -1.0)
    assert math.isclose(veto.probability({"headline": 0.0, "log10_usd": 8.0}), sigmoid(-0.5 + 0.1 * (2.0 - 1.0)))
    # a headline (right: -3.0); large amount (10 > 9, right: 0.0)
    assert math.isclose(veto.probability({"headline": 1.0, "log10_usd": 10.0}), sigmoid(-0.5 + 0.1 * (-3.0 + 0.0)))
    # a feature the model does not know is ignored; one it knows but the row lacks reads as 0
    assert math.isclose(veto.probability({"log10_usd": 8.0, "other": 7.0}), sigmoid(-0.5 + 0.1 * (2.0 - 1.0)))
    assert Tree((0, -2, -2), (0.5, -2, -2), (1, -1, -1), (2, -1, -1), (0.0, 7.0, 9.0)).predict([0.5]) == 7.0


def test_no_model_or_a_broken_file_means_rules_only(tmp_path):
    assert load_veto(tmp_path / "absent.json") is None
    broken = tmp_path / "broken.json"
    broken.write_text("{not json", encoding="utf-8")
    assert load_veto(broken) is None
    partial = tmp_path / "partial.json"
    partial.write_text(json.dumps({"features": []}), encoding="utf-8")
    assert load_veto(partial) is None
    # numbers that would only fail while an article is read: refused when the file is loaded
    for damage in ({"threshold": [float("nan"), -2, -2]}, {"feature": [7, -2, -2]}, {"left": [5, -1, -1]}):
        broken_tree = {**SMALL["trees"][0], **damage}
        damaged = tmp_path / f"damaged{len(list(tmp_path.iterdir()))}.json"
        damaged.write_text(json.dumps({**SMALL, "trees": [broken_tree]}), encoding="utf-8")
        assert load_veto(damaged) is None


def test_the_rules_only_switch_turns_the_model_off(monkeypatch):
    monkeypatch.setattr(deal_veto, "load_veto", lambda: DealVeto.from_json(SMALL))
    monkeypatch.delenv(deal_veto.RULES_ONLY_VARIABLE, raising=False)
    assert active_veto() is not None
    monkeypatch.setenv(deal_veto.RULES_ONLY_VARIABLE, "1")
    assert active_veto() is None
    monkeypatch.setenv(deal_veto.RULES_ONLY_VARIABLE, "0")
    assert active_veto() is not None


def _extract(text: str, veto: DealVeto | None, monkeypatch) -> list:
    monkeypatch.setattr(assemble, "active_veto", lambda: veto)
    return assemble.extract_deals(Article(source="t.txt", text=text, language="en"))


def test_a_veto_drops_valued_deals_only_and_a_permissive_one_changes_nothing(monkeypatch):
    rules = _extract(DEALS, None, monkeypatch)
    assert [d.amount for d in rules if d.amount is not None] == [4.2e9]
    assert any(d.amount is None and "Alstom" in (d.counterparty or "") for d in rules)

    strict = DealVeto.from_json({**SMALL, "veto_threshold": 1.0})  # p is never above 1: every valued deal goes
    vetoed = _extract(DEALS, strict, monkeypatch)
    assert [d.amount for d in vetoed if d.amount is not None] == []
    assert [d.counterparty for d in vetoed] == [d.counterparty for d in rules if d.amount is None]

    permissive = DealVeto.from_json({**SMALL, "veto_threshold": 0.0})
    assert [d.to_dict() for d in _extract(DEALS, permissive, monkeypatch)] == [d.to_dict() for d in rules]


def test_a_deal_stays_when_any_mention_of_its_amount_scores_above_the_threshold(monkeypatch):
    """The headline and the body state the same $4.2 billion: the model says "no" to the body's mention (not a
    headline) and "yes" to the headline's, so the one merged deal stays."""
    text = "Kazakhstan signs $4.2 billion deal with Wabtec\n\n" + DEALS.split("\n\n", 1)[1]
    headline_only = {**SMALL, "init": 0.0, "veto_threshold": 0.5, "trees": [
        {"feature": [0, -2, -2], "threshold": [0.5, -2, -2], "left": [1, -1, -1], "right": [2, -1, -1],
         "value": [0.0, -10.0, 10.0]}]}
    kept = _extract(text, DealVeto.from_json(headline_only), monkeypatch)
    assert [d.amount for d in kept if d.amount is not None] == [4.2e9]
    body_only = _extract(DEALS, DealVeto.from_json(headline_only), monkeypatch)
    assert [d.amount for d in body_only if d.amount is not None] == []


def test_the_shipped_model_reads_only_features_the_engine_computes():
    """A renamed feature would silently read as 0: every feature of the stored model must be one that
    ``candidate_features`` gives."""
    veto = load_veto()
    if veto is None:
        pytest.skip("no data/models/deal_veto.json in this checkout")
    reader = ArticleReader(Article(source="t.txt", text=DEALS, language="en"))
    index, _sentence, amount = next(iter(candidates(reader)))
    given = candidate_features(reader, index, amount, rule_deal=True, rule_raw=True, rule_confidence=0.9)
    assert set(veto.features) <= set(given), sorted(set(veto.features) - set(given))
    assert 0.0 < veto.threshold < 1.0 and len(veto.trees) >= 10
    assert 0.0 < veto.probability(given) < 1.0
    # the generated expression gives what walking each tree gives
    row = [given.get(name, 0.0) for name in veto.features]
    assert math.isclose(veto.tree_sum(row), sum(tree.predict(row) for tree in veto.trees), abs_tol=1e-9)


def test_extraction_computes_only_the_features_the_trees_split_on_and_scores_the_same():
    """``DealVeto.used`` lists the features some tree splits on; computed alone they give the same probability
    as the full vector, for every money mention of an article with several sentences and paragraphs."""
    veto = DealVeto.from_json(SMALL)
    assert veto.used == {"headline", "log10_usd"}
    shipped = load_veto()
    models = [veto] + ([shipped] if shipped is not None else [])
    text = DEALS + "\n\nIn 2019 the bank lent $300 million to 12 projects in 40 countries. Trade reached $2 billion."
    reader = ArticleReader(Article(source="t.txt", text=text, language="en"))
    mentions = list(candidates(reader))
    assert len(mentions) >= 3
    for model in models:
        for index, _sentence, amount in mentions:
            full = candidate_features(reader, index, amount, rule_deal=True, rule_confidence=0.7)
            some = candidate_features(reader, index, amount, rule_deal=True, rule_confidence=0.7, wanted=model.used)
            assert {name: some[name] for name in model.used} == {name: full[name] for name in model.used}
            assert model.probability(some) == model.probability(full)
    # features nobody splits on are left out
    index, _sentence, amount = mentions[-1]
    assert "sent_many_countries" not in candidate_features(reader, index, amount, wanted={"headline"})
