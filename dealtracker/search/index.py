"""A deal's text to embed, and the in-memory index that answers a query by one matrix product.

Every vector is unit length, so a deal's score is the dot product of its vector with the query's: its cosine.
100,000 deals of 384 dimensions are a 154 MB float32 matrix (stored as float16: half that); a query is one
matrix-vector product and a partial sort for the best ``k`` (about 10 ms on our 2-core machine,
``bench/search_latency.py``), so no approximate index (hnswlib, faiss) is needed at this size.
"""

from __future__ import annotations

import hashlib
from collections.abc import Collection, Sequence
from dataclasses import dataclass

import numpy as np

from ..store.vectors import read_vectors

# How a deal's text is embedded. e5 asks for "passage: " on documents retrieved by "query: " queries, and "query: "
# on both sides of a symmetric comparison. A deal's text is one sentence, much like a query: on our query set
# (bench/search_quality.py) "query: " on both sides found more (cross-language recall@10 0.69 against 0.62).
DEAL_KIND = "query"
# The longest text embedded: e5 reads 512 tokens at most, and an evidence sentence is rarely over 400 characters.
MAX_TEXT = 2_000


def passage_text(evidence: object, object_: object = None, party: object = None, counterparty: object = None) -> str:
    """What a deal is found by: its evidence sentence, its object when the evidence does not already say it, and
    its two sides ("… (50 Airbus A320neo). Kazakhstan – Airbus"). The sides are the gazetteer's names, mostly in
    English whatever the article's language, so a query naming a lender finds its deals in any script, and a
    short evidence ("and $170 million in the second.") still says whose deal it is."""
    text = _words(evidence)
    thing = _words(object_)
    if thing and thing.casefold() not in text.casefold():
        text = f"{text} ({thing})" if text else thing
    sides = " – ".join(side for side in (_words(party), _words(counterparty)) if side)
    if sides:
        text = f"{text}{' ' if text.endswith(('.', '!', '?', '…')) else '. '}{sides}" if text else sides
    return text[:MAX_TEXT]


def _words(value: object) -> str:
    return " ".join(value.split()) if isinstance(value, str) else ""  # a frame's missing value is NaN


def text_hash(key: str, text: str) -> str:
    """Which model embedded which text, and how: a stored vector whose hash differs is embedded again."""
    return hashlib.sha256(f"{key}\n{DEAL_KIND}\n{text}".encode()).hexdigest()[:32]


@dataclass(frozen=True)
class VectorIndex:
    """Deal ids and their unit vectors (float32, one row each) for one model key."""

    key: str
    ids: tuple[str, ...]
    matrix: np.ndarray

    @classmethod
    def from_vectors(cls, key: str, ids: Sequence[str], vectors: np.ndarray) -> VectorIndex:
        matrix = np.ascontiguousarray(vectors, dtype=np.float32)
        if len(ids):
            # float16 storage leaves a norm within 1e-3 of one: put it back, so scores are cosines
            matrix /= np.maximum(np.linalg.norm(matrix, axis=1, keepdims=True), 1e-12)
        return cls(key, tuple(ids), matrix)

    @classmethod
    def from_store(cls, store, key: str, include_rejected: bool = False) -> VectorIndex:
        ids, vectors = read_vectors(store, key, include_rejected)
        return cls.from_vectors(key, ids, vectors)

    def __len__(self) -> int:
        return len(self.ids)

    def top(self, query: np.ndarray, k: int = 10, among: Collection[str] | None = None) -> list[tuple[str, float]]:
        """The ``k`` deals nearest to the unit vector ``query``, best first, as (deal id, cosine); only the deals
        of ``among`` when given."""
        if not self.ids or k < 1:
            return []
        scores = self.matrix @ np.asarray(query, dtype=np.float32).reshape(-1)
        if among is not None:
            wanted = set(among)
            scores = np.where([deal_id in wanted for deal_id in self.ids], scores, -np.inf)
        k = min(k, len(self.ids))
        best = np.argpartition(-scores, k - 1)[:k]
        best = best[np.argsort(-scores[best], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in best if np.isfinite(scores[i])]
