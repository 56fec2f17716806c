"""A learned second opinion on the rules' valued deals (issue 15): a small gradient-boosted model over the
rules' own view of each money mention (``candidate_features``) that may veto a deal the rules made.

Why a veto and not a decider: the rules build a deal's sides, sector and type; the model only judges whether
an amount is a deal at all, which is where the rules fail on unseen news (aggregates, statistics, a company's
own figures written in a way no cue list foresaw). Trained on every gold set by ``scripts/train_deal_veto.py``
and stored as plain JSON trees (``data/models/deal_veto.json``), so it is read without scikit-learn or any
download, in microseconds per deal. Without the file, or with ``DEALTRACKER_RULES_ONLY=1``, the rules alone
decide, and the output is exactly theirs.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from ..schema import Deal
from ..settings import RULES_ONLY_ENV, env, flag
from .candidate_features import candidate_features
from .lexical_veto import LexicalVeto, load_lexical_veto
from .model_files import model_file, read_model
from .reader import ArticleReader

MODEL_FILE = "deal_veto.json"  # in the data folder's models/
RULES_ONLY_VARIABLE = RULES_ONLY_ENV


@dataclass(frozen=True)
class Tree:
    """One regression tree in scikit-learn's array layout: node i splits on ``feature[i] <= threshold[i]``
    (left) or not (right); a leaf has ``left[i] == -1`` and holds ``value[i]``."""

    feature: tuple[int, ...]
    threshold: tuple[float, ...]
    left: tuple[int, ...]
    right: tuple[int, ...]
    value: tuple[float, ...]

    def predict(self, row: list[float]) -> float:
        node = 0
        while self.left[node] != -1:
            node = self.left[node] if row[self.feature[node]] <= self.threshold[node] else self.right[node]
        return self.value[node]

    def expression(self, node: int = 0) -> str:
        """The tree as one Python conditional expression over ``r`` (the feature row)."""
        if self.left[node] == -1:
            return repr(float(self.value[node]))
        return (f"({self.expression(self.left[node])} if r[{int(self.feature[node])}] <= "
                f"{float(self.threshold[node])!r} else {self.expression(self.right[node])})")


def _compiled_sum(trees: tuple[Tree, ...]) -> Callable[[list[float]], float]:
    """Σ trees as one generated function: 150 small trees walked node by node cost a Python loop each; one
    expression of nested conditionals runs about five times faster. Only numbers from the model file go into
    the source (indexes as int, thresholds and values as float reprs), so nothing from outside is executed."""
    body = " + ".join(tree.expression() for tree in trees) or "0.0"
    namespace: dict = {}
    exec(f"def tree_sum(r):\n    return {body}\n", namespace)  # noqa: S102 (generated from numbers only)
    return namespace["tree_sum"]


@dataclass(frozen=True)
class DealVeto:
    """The model: log-odds ``init + learning_rate * Σ trees``; a deal stays when p > ``threshold``."""

    features: tuple[str, ...]
    init: float
    learning_rate: float
    trees: tuple[Tree, ...]
    threshold: float
    tree_sum: Callable[[list[float]], float] = field(init=False, repr=False, compare=False)
    # The features some tree splits on: the only ones extraction computes (the others cannot change a score).
    used: frozenset[str] = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        for tree in self.trees:  # a damaged file must fail here (rules only), not in the middle of an extraction
            inner = [k for k, child in enumerate(tree.left) if child != -1]
            if any(not 0 <= tree.feature[k] < len(self.features) for k in inner):
                raise ValueError("a tree splits on a feature the model does not list")
            if any(not math.isfinite(x) for x in (*tree.threshold, *tree.value)):
                raise ValueError("a tree holds a number that is not finite")
            nodes = len(tree.left)
            if any(not -1 <= child < nodes for child in (*tree.left, *tree.right)):
                raise ValueError("a tree points to a node it does not have")
        if not (math.isfinite(self.init) and math.isfinite(self.learning_rate)):
            raise ValueError("the model's base or rate is not finite")
        object.__setattr__(self, "tree_sum", _compiled_sum(self.trees))
        split_on = {tree.feature[k] for tree in self.trees for k, child in enumerate(tree.left) if child != -1}
        object.__setattr__(self, "used", frozenset(self.features[k] for k in split_on))

    def probability(self, features: dict[str, float]) -> float:
        row = [features.get(name, 0.0) for name in self.features]
        raw = self.init + self.learning_rate * self.tree_sum(row)
        return 1.0 / (1.0 + math.exp(-raw))

    @classmethod
    def from_json(cls, data: dict) -> DealVeto:
        trees = tuple(
            Tree(tuple(t["feature"]), tuple(t["threshold"]), tuple(t["left"]), tuple(t["right"]), tuple(t["value"]))
            for t in data["trees"]
        )
        return cls(tuple(data["features"]), float(data["init"]), float(data["learning_rate"]), trees,
                   float(data["veto_threshold"]))


def model_path() -> Path:
    """Where the model is read from: ``data/models/deal_veto.json`` of the data folder in use."""
    return model_file(MODEL_FILE)


def load_veto(path: Path | None = None) -> DealVeto | None:
    """The stored model, or None when there is none (a data folder without ``models/``): rules only."""
    return read_model(path or model_path(), DealVeto.from_json)


def active_veto() -> DealVeto | None:
    """The model extraction uses now: none when ``DEALTRACKER_RULES_ONLY`` is set (to compare, or to opt out)."""
    if flag(env(RULES_ONLY_VARIABLE)):
        return None
    return load_veto()


def active_lexical_veto() -> LexicalVeto | None:
    """The lexical model extraction uses now (``lexical_veto.py``): none when ``DEALTRACKER_RULES_ONLY`` is set."""
    if flag(env(RULES_ONLY_VARIABLE)):
        return None
    return load_lexical_veto()


def kept_by_veto(veto: DealVeto | None, reader: ArticleReader, deals: list[Deal], raw_mentions: set[int],
                 lexical: LexicalVeto | None = None) -> list[Deal]:
    """``deals`` without the valued ones the models judge not to be deals: a mention passes when the cue-based
    model (``veto``) and the lexical one (``lexical``), each where there is one, score it above their thresholds.

    A deal is judged by every mention of its amount in the article (a headline and the body state the same
    deal): it stays when any of them scores above the threshold. ``raw_mentions`` holds ``id()`` of the
    mentions from which the rules made a deal before merging. A deal with no mention of its own amount (a
    share computed from a total) is the rules' alone and stays."""
    mentions: dict[tuple[str, float], list[tuple[int, object]]] = {}
    for index, sentence in enumerate(reader.sentences):
        for amount in sentence.amounts:
            mentions.setdefault((amount.currency, round(amount.amount, 6)), []).append((index, amount))
    confidence: dict[tuple[str, float], float] = {}
    for deal in deals:
        if deal.amount is not None:
            key = (deal.currency, round(deal.amount, 6))
            confidence[key] = max(confidence.get(key, 0.0), deal.confidence)
    verdicts: dict[tuple[str, float], bool] = {}
    kept = []
    for deal in deals:
        key = (deal.currency, round(deal.amount, 6)) if deal.amount is not None else None
        if key not in verdicts:
            found = mentions.get(key) if key else None
            verdicts[key] = not found or any(
                (veto is None or veto.probability(candidate_features(
                    reader, index, amount, rule_deal=True, rule_raw=id(amount) in raw_mentions,
                    rule_confidence=confidence[key], wanted=veto.used)) > veto.threshold)
                and (lexical is None or lexical.mention_probability(reader, index, amount) > lexical.threshold)
                for index, amount in found
            )
        if verdicts[key]:
            kept.append(deal)
    return kept
