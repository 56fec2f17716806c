"""What the pages read: the stored deals, and the latest batch's summary for this browser session."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.doubts import with_checks
from dealtracker.schema import BatchResult
from dealtracker.store import IngestReport

from .store import get_store, keep

_LAST_BATCH = "last_batch"


def add_batch(result: BatchResult) -> IngestReport:
    """Store a batch (articles and deals are kept once) and remember it for the summary."""
    report = keep(result)
    st.session_state[_LAST_BATCH] = (result, report.new_deals)
    return report


def last_batch() -> tuple[BatchResult, int] | None:
    """The latest batch of this session and how many of its deals were new to the store."""
    return st.session_state.get(_LAST_BATCH)


def deals(include_rejected: bool = False) -> pd.DataFrame:
    """All stored deals (rejected ones only on request), with review columns and each deal's reasons to check
    it (``check``, see ``dealtracker.doubts``).

    Read once per change of the store (its revision), not on every rerun: with 100,000 deals, reading the table
    costs seconds while a filter change must redraw in under one.
    """
    store = get_store()
    return _read_deals(store.url, store.revision(), include_rejected)


@st.cache_data(max_entries=4, show_spinner=False)
def _read_deals(url: str, revision: str, include_rejected: bool) -> pd.DataFrame:
    return with_checks(get_store().deals(include_rejected=include_rejected))


def article_count() -> int:
    return get_store().article_count()
