"""Evidence sentences compared by the embedding model, for duplicate groups across languages.

The pair rule of ``dealtracker.dedupe`` needs a value on both sides. A report that leaves the value out ("Gazprom
and Uzbekistan signed the gas-chemical deal", next to "$1 billion gas-chemical deal" in another paper) is then
never grouped; the model reads what each sentence says, in any of the three languages, and lets such a report
join the one valued report of the same two sides that it says the same thing as.

Turned on by ``DEALTRACKER_EMBEDDINGS=1`` (the app) or ``ingest --embeddings`` (the command line); off, or with no
model, grouping is the rules' alone. Vectors are remembered per sentence, so regrouping after each upload encodes
only the sentences it has not seen.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Sequence

import numpy as np

from ..settings import EMBEDDINGS_ENV, env, flag
from .loader import Embedder, get_embedder, model_status

MEMO_SIZE = 50_000  # sentences whose vectors are kept (384 float32 each: about 75 MB at most)


def embeddings_enabled() -> bool:
    """``DEALTRACKER_EMBEDDINGS=1``: let the embedding model help group duplicates."""
    return flag(env(EMBEDDINGS_ENV))


class EvidenceSimilarity:
    """``similarity(a, b)``: the cosine of every sentence of ``a`` with every sentence of ``b`` (a matrix).

    Sentences are encoded as e5 ``query`` texts, as e5 advises for symmetric comparisons, in batches, once each.
    """

    def __init__(self, embedder: Embedder, memo_size: int = MEMO_SIZE) -> None:
        self.embedder = embedder
        self.memo_size = memo_size
        self._memo: OrderedDict[str, np.ndarray] = OrderedDict()
        self._lock = threading.Lock()  # app sessions share one instance

    def vectors(self, texts: Sequence[str]) -> np.ndarray:
        with self._lock:
            new = list(dict.fromkeys(t for t in texts if t not in self._memo))
            if new:
                for text, vector in zip(new, self.embedder.encode(new, "query")):
                    self._memo[text] = vector
            rows = []
            for text in texts:
                self._memo.move_to_end(text)
                rows.append(self._memo[text])
            while len(self._memo) > self.memo_size:
                self._memo.popitem(last=False)
        return np.stack(rows) if rows else np.zeros((0, self.embedder.dim), dtype=np.float32)

    def __call__(self, a: Sequence[str], b: Sequence[str]) -> np.ndarray:
        return self.vectors(list(a)) @ self.vectors(list(b)).T


_shared: dict[str | None, EvidenceSimilarity] = {}
_shared_lock = threading.Lock()


def evidence_similarity(model: str | None = None) -> EvidenceSimilarity:
    """The process's similarity for ``model`` (or the configured one); loads the model on the first call.

    Raises :class:`~dealtracker.models.ModelUnavailable` with a human reason when there is no model.
    """
    with _shared_lock:
        if model not in _shared:
            _shared[model] = EvidenceSimilarity(get_embedder(model))
        return _shared[model]


def duplicates_status(model: str | None = None, enabled: bool | None = None) -> str:
    """One line for the app and the CLI: does the model help group duplicates, or why not (loads nothing).
    ``enabled``: as the caller's settings say; None, as the environment says."""
    if not (embeddings_enabled() if enabled is None else enabled):
        return f"Duplicate matching: rules only (set {EMBEDDINGS_ENV}=1 to let the embedding model help)"
    status = model_status(model)
    if not status.active:
        return f"Duplicate matching: rules only (no embedding model: {status.reason})"
    return f"Duplicate matching: rules + {status.message[0].lower()}{status.message[1:]}"
