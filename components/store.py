"""The app's one Store, opened once per server process (st.cache_resource), and the upload → store step."""

from __future__ import annotations

from typing import NoReturn

import streamlit as st

from dealtracker.schema import BatchResult
from dealtracker.store import IngestReport, Store, StoreUnavailable, default_url

from .text import markdown_text


@st.cache_resource(show_spinner=False)
def _open(url: str) -> Store:
    return Store(url)


def get_store() -> Store:
    """The store named by DEALTRACKER_DB_URL (or the default SQLite file); reopened if the URL changes.

    When it cannot be opened, the page says so, with the URL (password masked) and the reason, and stops: a
    traceback would show server paths and tell a reader nothing about which setting to fix. A failed opening is
    not cached, so the next page load tries again (after the setting or the server is fixed).
    """
    try:
        return _open(default_url())
    except StoreUnavailable as error:
        _stop(error)


def _stop(error: StoreUnavailable) -> NoReturn:
    st.error(
        f"**The deal store cannot be opened** at {markdown_text(error.url)}: {markdown_text(error.reason)}.  \n"
        "Set DEALTRACKER\\_DB\\_URL to a database this server can reach (or leave it unset for the local SQLite "
        "file), then reload the page.",
        icon=":material/database:",
    )
    st.stop()


def keep(result: BatchResult) -> IngestReport:
    """Store a parsed batch, refresh duplicate groups (with the embedding model's help when it is turned on) and
    store the new deals' search vectors (when a model is here)."""
    # Imported here: the services bring the extraction engine, which the review page and the dashboard never use
    # (0.06 s of a first page; issue 17).
    from dealtracker.services import embed_for_search, ingest_batch

    from .models import duplicate_similarity

    store = get_store()
    report = ingest_batch(store, result, duplicate_similarity()).report
    embed_for_search(store, result)  # search vectors of the new deals, when a model is here
    return report
