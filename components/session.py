"""The session's deals and articles (a per-session holding area until the persistent store lands).

Every page reads deals from here, so a page opened later in the session shows what was uploaded before.
"""

from __future__ import annotations

import streamlit as st

from dealtracker.analytics import deals_frame
from dealtracker.schema import BatchResult

_DEALS = "deals"
_ARTICLES = "articles"
_LAST_BATCH = "last_batch"


def _init() -> None:
    st.session_state.setdefault(_DEALS, {})
    st.session_state.setdefault(_ARTICLES, {})


def add_batch(result: BatchResult) -> int:
    """Keep a batch's articles and deals; the same article or deal seen again is kept once.

    Returns how many of the batch's deals were new to the table.
    """
    _init()
    for article in result.articles:
        st.session_state[_ARTICLES][article.article_id] = article
    known = st.session_state[_DEALS]
    new = [deal for deal in result.deals if deal.deal_id not in known]
    for deal in result.deals:
        known[deal.deal_id] = deal.to_dict()
    st.session_state[_LAST_BATCH] = (result, len(new))
    return len(new)


def last_batch() -> tuple[BatchResult, int] | None:
    """The latest batch and how many of its deals were new to the table."""
    return st.session_state.get(_LAST_BATCH)


def deals():
    """All deals of the session as a frame with the contract's columns."""
    _init()
    return deals_frame(st.session_state[_DEALS].values())


def article_count() -> int:
    _init()
    return len(st.session_state[_ARTICLES])


def clear() -> None:
    for key in (_DEALS, _ARTICLES, _LAST_BATCH):
        st.session_state.pop(key, None)
