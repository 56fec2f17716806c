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

# The longest text embedded: e5 reads 512 tokens at most, and an evidence sentence is rarely over 400 characters.
MAX_TEXT = 2_000


def passage_text(evidence: str | None, object_: str | None) -> str:
    """What a deal is found by: its evidence sentence, and its object when the evidence does not already say it."""
    text = " ".join((evidence or "").split())
    thing = " ".join((object_ or "").split())
    if thing and thing.casefold() not in text.casefold():
        text = f"{text} ({thing})" if text else thing
    return text[:MAX_TEXT]


def text_hash(key: str, text: str) -> str:
    """Which model embedded which text: a stored vector whose hash differs is embedded again."""
    return hashlib.sha256(f"{key}\n{text}".encode()).hexdigest()[:32]


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
