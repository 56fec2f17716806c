"""Download the reviewed table as CSV, Excel or JSON (formulas escaped by the core exporter)."""

from __future__ import annotations

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


def render_downloads(deals: pd.DataFrame, key: str) -> None:
    """Three buttons over the deals shown (rejected deals are never exported)."""
    kept = deals[~deals["rejected"].fillna(False).astype(bool)] if "rejected" in deals.columns else deals
    if kept.empty:
        return
    row = st.container(horizontal=True, horizontal_alignment="left", gap="small")
    for fmt, (label, mime) in _FORMATS.items():
        row.download_button(
            f"Download {label}",
            # built when clicked, not on every rerun: an Excel file of 100,000 deals takes seconds to write
            data=partial(_export, kept, fmt),
            file_name=f"central-asia-deals.{fmt}",
            mime=mime,
            key=f"{key}_{fmt}",
            icon=":material/download:",
        )
