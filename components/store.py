"""The app's one Store, opened once per server process (st.cache_resource), and the upload → store step."""

from __future__ import annotations

import streamlit as st

from dealtracker.schema import BatchResult
from dealtracker.store import IngestReport, Store, default_url


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Store:
    return Store(url)


def get_store() -> Store:
    """The store named by DEALTRACKER_DB_URL (or the default SQLite file); reopened if the URL changes."""
    return _open(default_url())


def keep(result: BatchResult) -> IngestReport:
    """Store a parsed batch and refresh duplicate groups (with the embedding model's help when it is turned on)."""
    from .models import duplicate_similarity

    store = get_store()
    report = store.ingest(result)
    store.regroup(duplicate_similarity())
    return report
