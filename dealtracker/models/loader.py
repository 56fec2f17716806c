"""Load the embedding model once, on first use, and turn texts into e5 sentence vectors.

torch and transformers are imported inside the functions that need them, so importing this module (and the
app that imports it) stays cheap and works without them; the app pays for the model only when a feature asks
for it. A missing or broken model is a :class:`ModelUnavailable` with a human reason, which callers show as
a note and answer with the rules instead.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Literal

import numpy as np

from .settings import INSTALL_HINT, ModelSource, ModelUnavailable, check_available, resolve_source, torch_threads

Kind = Literal["query", "passage"]


class Embedder:
    """An e5 encoder: ``"query: "``/``"passage: "`` prefix, mean pooling over real tokens, L2 norm.

    Texts are tokenised once, then run in batches of similar length (sorted by token count) so that little
    padding is computed; results come back in the input order.
    """

    def __init__(self, model, tokenizer, source: ModelSource, load_seconds: float, threads: int) -> None:
        self.model = model
        self.tokenizer = tokenizer
        self.source = source
        self.load_seconds = load_seconds
        self.threads = threads  # torch's intra-op threads when it was loaded
        self.dim = int(model.config.hidden_size)
        self.max_length = min(int(tokenizer.model_max_length), int(model.config.max_position_embeddings))

    def encode(self, texts: Sequence[str], kind: Kind = "query", batch_size: int = 32) -> np.ndarray:
        """Unit-length float32 vectors, one row per text; the dot product of two rows is their cosine.

        e5 was trained with ``query: `` on short texts to match and ``passage: `` on documents to retrieve;
        for symmetric tasks (similar sentences, classification by nearest label) use ``query`` on both sides.
        """
        import torch

        if kind not in ("query", "passage"):
            raise ValueError(f"kind must be 'query' or 'passage', not {kind!r}")
        if batch_size < 1:
            raise ValueError(f"batch_size must be 1 or more, not {batch_size}")
        texts = list(texts)
        vectors = np.zeros((len(texts), self.dim), dtype=np.float32)
        if not texts:
            return vectors
        ids = self.tokenizer(
            [f"{kind}: {text}" for text in texts], truncation=True, max_length=self.max_length
        )["input_ids"]
        order = sorted(range(len(texts)), key=lambda i: len(ids[i]))
        with torch.inference_mode():
            for start in range(0, len(order), batch_size):
                rows = order[start:start + batch_size]
                batch = self.tokenizer.pad(
                    {"input_ids": [ids[i] for i in rows]}, padding=True, return_tensors="pt"
                )
                hidden = self.model(
                    input_ids=batch["input_ids"], attention_mask=batch["attention_mask"]
                ).last_hidden_state
                mask = batch["attention_mask"].unsqueeze(-1).to(hidden.dtype)
                pooled = (hidden * mask).sum(dim=1) / mask.sum(dim=1).clamp(min=1)
                vectors[rows] = torch.nn.functional.normalize(pooled, dim=-1).float().numpy()
        return vectors


def load_embedder(source: ModelSource) -> Embedder:
    """Load ``source`` now (seconds, hundreds of MB); prefer :func:`get_embedder`, which loads once."""
    check_available(source)
    threads = torch_threads()
    try:
        import torch
        from transformers import AutoModel, AutoTokenizer
        from transformers.utils import logging as transformers_logging
    except ImportError as error:
        raise ModelUnavailable(f"the model libraries cannot be imported ({error}); {INSTALL_HINT}") from error
    transformers_logging.disable_progress_bar()  # a "Loading weights" bar is noise in server logs and the CLI
    if threads is not None:
        torch.set_num_threads(threads)
    started = time.perf_counter()
    try:
        tokenizer = AutoTokenizer.from_pretrained(source.location, local_files_only=source.local_files_only)
        model = AutoModel.from_pretrained(source.location, local_files_only=source.local_files_only)
    except (OSError, ValueError, KeyError) as error:
        first_line = str(error).strip().splitlines()[0] if str(error).strip() else type(error).__name__
        raise ModelUnavailable(f"{source.describe()} could not be loaded: {first_line}") from error
    model.eval()
    return Embedder(model, tokenizer, source, time.perf_counter() - started, torch.get_num_threads())


_lock = threading.Lock()
_loaded: dict[ModelSource, Embedder] = {}
_failed: dict[ModelSource, str] = {}


def get_embedder(model: str | None = None) -> Embedder:
    """The process's embedder for ``model`` (or the configured one), loaded on the first call.

    A failure is remembered too, so a page that asks on every rerun does not retry a broken model each time.
    """
    source = resolve_source(model)
    with _lock:
        if source in _failed:
            raise ModelUnavailable(_failed[source])
        if source not in _loaded:
            try:
                _loaded[source] = load_embedder(source)
            except ModelUnavailable as error:
                _failed[source] = str(error)
                raise
        return _loaded[source]


def forget_loaded() -> None:
    """Drop loaded models and remembered failures (tests; a settings change within one process)."""
    with _lock:
        _loaded.clear()
        _failed.clear()


@dataclass(frozen=True)
class ModelStatus:
    """Which embedding model is active, or why none is — what the app and the CLI display."""

    active: bool
    source: ModelSource | None
    reason: str | None = None
    embedder: Embedder | None = None

    @property
    def message(self) -> str:
        if not self.active:
            return f"No embedding model, rules only: {self.reason}"
        assert self.source is not None
        if self.embedder is None:
            return f"Embedding model: {self.source.describe()}, loads on first use"
        return (
            f"Embedding model: {self.source.describe()}, {self.embedder.dim} dimensions, "
            f"loaded in {self.embedder.load_seconds:.1f} s, {self.embedder.threads} torch threads"
        )


def model_status(model: str | None = None) -> ModelStatus:
    """What :func:`get_embedder` would give, without loading anything (no torch import)."""
    try:
        source = resolve_source(model)
    except ModelUnavailable as error:
        return ModelStatus(False, None, str(error))
    with _lock:
        if source in _loaded:
            return ModelStatus(True, source, embedder=_loaded[source])
        if source in _failed:
            return ModelStatus(False, source, _failed[source])
    try:
        check_available(source)
        torch_threads()
    except ModelUnavailable as error:
        return ModelStatus(False, source, str(error))
    return ModelStatus(True, source)
