"""What the pages read: the stored deals, and the latest batch's summary for this browser session."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.analytics import Filters, Kpis, apply_filters, kpis
from dealtracker.crossfilter import CrossFilter, apply_cross_filters
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
    costs seconds while a filter change must redraw in under one. The table is held once per server process and
    shared by every session (a resource: ``st.cache_data`` handed each rerun a copy of it, unpickled, which was
    over a second per rerun at 1,000,000 deals); each caller gets a shallow copy, which it may change without
    changing the shared table (pandas copies on write).
    """
    store = get_store()
    return _read_deals(store.url, store.revision(), include_rejected).copy(deep=False)


def revision() -> str:
    """The store's revision now (what ``deals`` and ``filtered`` are keyed by)."""
    return get_store().revision()


def current() -> tuple[str, str]:
    """The store's URL and revision now: the key of everything cached from the stored deals."""
    store = get_store()
    return store.url, store.revision()


def deals_frame(url: str, revision: str, include_rejected: bool = False) -> pd.DataFrame:
    """``deals`` for a revision read before, as held in the shared cache: not to be changed (read it, or derive
    new frames from it). For what is computed from the deals and cached by the same key."""
    return _read_deals(url, revision, include_rejected)


def filtered(filters: Filters) -> pd.DataFrame:
    """``apply_filters`` over the stored deals (rejected ones left out): what the dashboard's totals and charts
    count. Shared like ``deals``: sessions with the same filters (the default view, most often) share one frame,
    and the dashboard's charts, rerun on their own, take it from here rather than keep a copy per session."""
    store = get_store()
    return _filtered(store.url, store.revision(), filters).copy(deep=False)


def filtered_frame(url: str, revision: str, filters: Filters) -> pd.DataFrame:
    """``filtered`` for a revision read before, as held in the shared cache: not to be changed (read it, or
    derive new frames from it). The dashboard's charts are drawn from it."""
    return _filtered(url, revision, filters)


def totals(filters: Filters, active: list[CrossFilter]) -> Kpis:
    """The KPIs of the deals ``filters`` keep, narrowed by the chart filters ``active``: cached by revision and
    filters, so a rerun that shows a state again does not touch the deals (over 1,000,000 deals a filtered frame
    pushed out of ``filtered``'s few entries took 0.4 s to make again, for four numbers)."""
    return _totals(*current(), filters, tuple(active))


@st.cache_resource(max_entries=64, show_spinner=False)
def _totals(url: str, revision: str, filters: Filters, active: tuple[CrossFilter, ...]) -> Kpis:
    return kpis(apply_cross_filters(_filtered(url, revision, filters), active))


# Two tables: the current revision with and without rejected deals, or the current and the previous revision while
# sessions move over; each is the whole store (about 0.5 GB per 1,000,000 deals).
@st.cache_resource(max_entries=2, show_spinner=False)
def _read_deals(url: str, revision: str, include_rejected: bool) -> pd.DataFrame:
    return with_checks(get_store().deals(include_rejected=include_rejected))


# A few filter states at once (a person switching a toggle back and forth, or several sessions): each is at most
# the stored table again.
@st.cache_resource(max_entries=3, show_spinner=False)
def _filtered(url: str, revision: str, filters: Filters) -> pd.DataFrame:
    return apply_filters(_read_deals(url, revision, False), filters)


def article_count() -> int:
    return get_store().article_count()
