"""The lexical veto (issue 15): hashed word features, its JSON model, and its place beside the cue-based veto.

Most tests build small models of their own, so what they assert does not move when the shipped model is retrained.
"""

from __future__ import annotations

import json
import math
from array import array

from dealtracker.extract import assemble
from dealtracker.extract.lexical_features import BLOCK_WEIGHTS, BUCKETS, lexical_features
from dealtracker.extract.lexical_veto import LexicalVeto, encoded_weights, lexical_model_path, load_lexical_veto
from dealtracker.schema import Article

TWO_DEALS = (
    "Kazakhstan Temir Zholy signed a $4.2 billion contract with Wabtec for 300 locomotives. "
    "Uzbekistan signed a $300 million loan agreement with the Asian Development Bank for roads."
)


def _slots_of_the_pair(first: str, second: str) -> set[int]:
    """The slot of the word pair "first second" in the own-words block, and of nothing else: the pair's
    features less those of each word alone (character n-grams never cross a word)."""
    return (set(lexical_features(f"{first} {second}", "", "")) - set(lexical_features(first, "", ""))
            - set(lexical_features(second, "", "")))


def test_features_are_stable_and_numbers_do_not_matter():
    one = lexical_features("a $4.2 billion loan", "Kazakhstan signed a $4.2 billion loan.", "")
    assert one == lexical_features("a $4.2 billion loan", "Kazakhstan signed a $4.2 billion loan.", "")
    assert one == lexical_features("a $7.9 billion loan", "Kazakhstan signed a $7.9 billion loan.", "")
    assert one != lexical_features("a $4.2 billion grant", "Kazakhstan signed a $4.2 billion grant.", "")


def test_each_block_is_scaled_to_its_weight_whatever_its_length():
    """A long sentence does not outweigh the mention's own words: each block has the length of its weight."""
    assert lexical_features("", "", "") == {}
    short = lexical_features("", "", "портфель")
    assert math.isclose(math.sqrt(sum(v * v for v in short.values())), BLOCK_WEIGHTS["previous"])
    long = lexical_features("", "", "совокупный кредитный портфель банка в стране превысил")
    assert math.isclose(math.sqrt(sum(v * v for v in long.values())), BLOCK_WEIGHTS["previous"])


def _weights(**by_slot: float) -> array:
    weights = array("f", bytes(4 * BUCKETS))
    for slot, weight in by_slot.items():
        weights[int(slot.removeprefix("s"))] = weight
    return weights


def test_a_stored_model_reads_back_the_same(tmp_path):
    veto = LexicalVeto(-0.5, _weights(s7=2.5, s99=-1.25), 0.3)
    path = tmp_path / "lexical.json"
    path.write_text(json.dumps(veto.to_json()), encoding="utf-8")
    again = load_lexical_veto(path)
    assert again is not None and again.bias == -0.5 and again.threshold == 0.3
    assert again.weights == veto.weights
    assert math.isclose(again.probability({7: 1.0, 99: 2.0}), 1 / (1 + math.exp(-(-0.5 + 2.5 - 2.5))))


def test_a_damaged_or_missing_model_means_no_lexical_veto(tmp_path):
    assert load_lexical_veto(tmp_path / "none.json") is None
    for bad in ({"bias": 0.0, "threshold": 0.5, "weights": encoded_weights(_weights(s1=float("nan")))},
                {"bias": 0.0, "threshold": 1.5, "weights": encoded_weights(_weights())},
                {"bias": 0.0, "threshold": 0.5, "weights": encoded_weights(array("f", [1.0, 2.0]))},
                {"bias": 0.0, "threshold": 0.5, "weights": "not base64!"},
                {"threshold": 0.5, "weights": encoded_weights(_weights())}):
        path = tmp_path / "bad.json"
        path.write_text(json.dumps(bad), encoding="utf-8")
        assert load_lexical_veto(path) is None, bad
        path.unlink()
    assert lexical_model_path().name == "lexical_veto.json"


def _extract(monkeypatch, lexical: LexicalVeto | None) -> list:
    monkeypatch.setattr(assemble, "active_veto", lambda: None)
    monkeypatch.setattr(assemble, "active_lexical_veto", lambda: lexical)
    return assemble.extract_deals(Article(source="t.txt", text=TWO_DEALS, language="en"))


def test_the_lexical_veto_drops_the_deal_whose_words_it_weighs_down_and_keeps_the_other(monkeypatch):
    rules = [d.amount for d in _extract(monkeypatch, None) if d.amount is not None]
    assert rules == [4.2e9, 3e8]
    loan_pair = _slots_of_the_pair("loan", "agreement")
    assert len(loan_pair) == 1
    veto = LexicalVeto(bias=5.0, weights=_weights(**{f"s{slot}": -50.0 for slot in loan_pair}), threshold=0.5)
    assert [d.amount for d in _extract(monkeypatch, veto) if d.amount is not None] == [4.2e9]
    keeping = LexicalVeto(bias=5.0, weights=_weights(), threshold=0.5)
    assert [d.to_dict() for d in _extract(monkeypatch, keeping)] == [d.to_dict() for d in _extract(monkeypatch, None)]


def test_the_rules_only_switch_turns_the_lexical_veto_off(monkeypatch, tmp_path):
    from dealtracker.extract import deal_veto

    model = tmp_path / "lexical.json"
    model.write_text(json.dumps(LexicalVeto(0.0, _weights(), 0.5).to_json()), encoding="utf-8")
    monkeypatch.setattr(deal_veto, "load_lexical_veto", lambda: load_lexical_veto(model))
    monkeypatch.delenv(deal_veto.RULES_ONLY_VARIABLE, raising=False)
    assert deal_veto.active_lexical_veto() is not None
    monkeypatch.setenv(deal_veto.RULES_ONLY_VARIABLE, "1")
    assert deal_veto.active_lexical_veto() is None


def test_the_shipped_model_loads_and_keeps_a_plain_deal():
    """data/models/lexical_veto.json is read (a damaged file would silently mean no veto) and does not veto the
    plainest deal there is."""
    veto = load_lexical_veto()
    assert veto is not None and 0.0 < veto.threshold < 0.5
    rules = [d.amount for d in assemble.extract_deals(Article(source="t.txt", text=TWO_DEALS, language="en"))
             if d.amount is not None]
    assert rules == [4.2e9, 3e8]
