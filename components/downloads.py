"""Download the reviewed table as CSV, Excel or JSON (formulas escaped by the core exporter)."""

from __future__ import annotations

from collections.abc import Callable
from functools import partial

import pandas as pd
import streamlit as st

from dealtracker.export import export_bytes

from .store import get_store

_FORMATS = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", "application/json"),
}


def _export(deals: pd.DataFrame, fmt: str) -> bytes:
    return export_bytes(deals, fmt, get_store().article_titles())


def _kept(deals: pd.DataFrame) -> pd.DataFrame:
    return deals[~deals["rejected"].fillna(False).astype(bool)] if "rejected" in deals.columns else deals


def _export_later(deals: Callable[[], pd.DataFrame], fmt: str) -> bytes:
    return _export(_kept(deals()), fmt)


def render_downloads(deals: pd.DataFrame, key: str, later: Callable[[], pd.DataFrame] | None = None) -> None:
    """Three buttons over the deals shown (rejected deals are never exported).

    Each button keeps what it will export until it is clicked (with the session, while it is drawn): ``later``,
    a function that gives the deals again when asked, keeps no frame (the dashboard's, over up to 1,000,000
    deals); without it the buttons keep ``deals``."""
    kept = _kept(deals)
    if kept.empty:
        return
    row = st.container(horizontal=True, horizontal_alignment="left", gap="small")
    for fmt, (label, mime) in _FORMATS.items():
        row.download_button(
            f"Download {label}",
            # built when clicked, not on every rerun: an Excel file of 100,000 deals takes seconds to write
            data=partial(_export, kept, fmt) if later is None else partial(_export_later, later, fmt),
            file_name=f"central-asia-deals.{fmt}",
            mime=mime,
            key=f"{key}_{fmt}",
            icon=":material/download:",
        )
