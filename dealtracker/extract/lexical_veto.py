"""A lexical second opinion on the rules' valued deals (issue 15): a logistic regression over the hashed words
around each money mention (``lexical_features``) that may veto a deal the rules made.

It sits beside the cue-based veto (``deal_veto.py``): that one judges the rules' own view of a mention, this one
the words themselves, which is what differs from one outlet's phrasing to the next. Trained by
``scripts/train_lexical_veto.py`` on every gold set and the short cases, its threshold chosen out of fold
grouped by gold set (a set is one annotator's news: what a new outlet looks like), and capped so that it vetoes
no deal a case asserts. Stored as plain JSON (``data/models/lexical_veto.json``: bias, threshold, and the
weight of each hashed slot that training saw), read without scikit-learn. Without the file, or with
``DEALTRACKER_RULES_ONLY=1``, nothing is vetoed by it.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from ..settings import data_dir
from .lexical_features import BUCKETS, lexical_features
from .money import MoneyMention
from .reader import ArticleReader

MODEL_FILE = Path("models") / "lexical_veto.json"  # under the data folder


@dataclass(frozen=True)
class LexicalVeto:
    """Log-odds ``bias + Σ weight[slot] · feature[slot]``; a deal stays when p > ``threshold``."""

    bias: float
    weights: dict[int, float]
    threshold: float

    def __post_init__(self) -> None:
        # a damaged file must fail here (rules only), not in the middle of an extraction
        if not (math.isfinite(self.bias) and 0.0 <= self.threshold < 1.0):
            raise ValueError("the model's bias or threshold is out of range")
        if any(not 0 <= slot < BUCKETS or not math.isfinite(w) for slot, w in self.weights.items()):
            raise ValueError("the model holds a slot or weight out of range")

    def probability(self, features: dict[int, float]) -> float:
        weights = self.weights
        raw = self.bias + sum(value * weights.get(slot, 0.0) for slot, value in features.items())
        return 1.0 / (1.0 + math.exp(-max(-60.0, min(60.0, raw))))

    def mention_probability(self, reader: ArticleReader, index: int, amount: MoneyMention) -> float:
        """The probability that ``amount``, in ``reader.sentences[index]``, is a deal's value."""
        return self.probability(mention_features(reader, index, amount))

    @classmethod
    def from_json(cls, data: dict) -> LexicalVeto:
        return cls(float(data["bias"]), {int(k): float(v) for k, v in data["weights"].items()},
                   float(data["threshold"]))


def mention_features(reader: ArticleReader, index: int, amount: MoneyMention) -> dict[int, float]:
    """``lexical_features`` of a mention as the reader holds it (its own words, its sentence, the one before)."""
    text = reader.text
    sentence = reader.sentences[index]
    own = sentence.region_of(amount)
    previous = reader.sentences[index - 1].span if index > 0 else None
    return lexical_features(text[own.start:own.end], text[sentence.span.start:sentence.span.end],
                            text[previous.start:previous.end] if previous else "")


def lexical_model_path() -> Path:
    """Where the model is read from: ``data/models/lexical_veto.json`` of the data folder in use."""
    return data_dir() / MODEL_FILE


def load_lexical_veto(path: Path | None = None) -> LexicalVeto | None:
    """The stored model, or None when there is none or it is damaged: no lexical veto."""
    return _load(path or lexical_model_path())


@lru_cache(maxsize=4)
def _load(path: Path) -> LexicalVeto | None:
    try:
        return LexicalVeto.from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        return None
