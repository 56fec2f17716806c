"""Download the reviewed table as CSV, Excel or JSON (formulas escaped by the core exporter)."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.export import export_bytes

from .store import get_store

_FORMATS = {
    "csv": ("CSV", "text/csv"),
    "xlsx": ("Excel", "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    "json": ("JSON", "application/json"),
}


def render_downloads(deals: pd.DataFrame, key: str) -> None:
    """Three buttons over the deals shown (rejected deals are never exported)."""
    kept = deals[~deals["rejected"].fillna(False).astype(bool)] if "rejected" in deals.columns else deals
    if kept.empty:
        return
    titles = get_store().article_titles()
    columns = st.columns(len(_FORMATS))
    for column, (fmt, (label, mime)) in zip(columns, _FORMATS.items()):
        column.download_button(
            f"Download {label}",
            data=export_bytes(kept, fmt, titles),
            file_name=f"central-asia-deals.{fmt}",
            mime=mime,
            key=f"{key}_{fmt}",
            icon=":material/download:",
        )
