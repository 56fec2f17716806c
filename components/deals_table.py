"""The deals table: the contract's columns, the ones a reviewer reads first on the left, friendly labels."""

from __future__ import annotations

from collections.abc import Callable

import pandas as pd
import streamlit as st

from dealtracker.analytics import format_usd, vocabulary_labels
from dealtracker.fx import describe_rate

_COLUMNS = {
    "check": st.column_config.TextColumn("⚑ Check", help="Why this deal needs a person's look; until verified it "
                                         "stays out of totals"),
    "party": st.column_config.TextColumn("Party"),
    "party_country": st.column_config.TextColumn("Country", width="small"),
    "counterparty": st.column_config.TextColumn("Counterparty"),
    "counterparty_country": st.column_config.TextColumn("Cpty country", width="small", help="Counterparty's home country (ISO 3166; INT = multilateral)"),
    "value": st.column_config.TextColumn("Value (USD)", help="At the rate of the deal's date; the downloads hold the exact figure"),
    "sector": st.column_config.TextColumn("Sector"),
    "deal_type": st.column_config.TextColumn("Type"),
    "status": st.column_config.TextColumn("Status", width="small"),
    "evidence": st.column_config.TextColumn("Evidence", width="large", help="The sentence that states the deal"),
    "amount": st.column_config.NumberColumn("Amount", format="localized", help="In the original currency"),
    "currency": st.column_config.TextColumn("Currency", width="small"),
    "qualifier": st.column_config.TextColumn("Qualifier", width="small"),
    "source": st.column_config.TextColumn("Article"),
    "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f"),
    "date": st.column_config.TextColumn("Date", width="small"),
    "jobs": st.column_config.NumberColumn("Jobs", format="localized"),
    "object": st.column_config.TextColumn("Object"),
    "language": st.column_config.TextColumn("Lang", width="small"),
    "start": st.column_config.NumberColumn("Start", width="small"),
    "end": st.column_config.NumberColumn("End", width="small"),
    "deal_id": st.column_config.TextColumn("Deal id", width="small"),
    "verified": st.column_config.CheckboxColumn("Verified", width="small"),
    "group_id": st.column_config.TextColumn("Duplicate group", width="small"),
    "fx_rate": st.column_config.NumberColumn("USD per unit", width="small"),
    "fx_rate_label": st.column_config.TextColumn("Rate used", help="The exchange rate of the deal's date, and its period"),
}


MAX_ROWS = 500  # a browser table of 100,000 rows costs seconds per redraw and nobody reads it row by row;
# 2,000 rows were 630 kB of the 800 kB a redraw sent (bench/browser_dashboard.py)
# Rows tall enough for the evidence sentence to wrap onto three lines; a table tall enough for a dozen of them.
ROW_HEIGHT = 66
MAX_HEIGHT = 840


def render_deals_table(frame: pd.DataFrame, key: str = "deals_table", empty_message: str | None = None) -> None:
    """The deals, largest first when there are more than ``MAX_ROWS`` (the downloads hold them all)."""
    if frame.empty:
        st.info(empty_message or "No deals to show yet. Upload articles or load the samples.", icon=":material/info:")
        return
    shown = frame.sort_values("value_usd", ascending=False, na_position="last", kind="stable")
    if len(frame) > MAX_ROWS:
        shown = shown.head(MAX_ROWS)
        st.caption(f"Showing the {MAX_ROWS:,} largest of {len(frame):,} deals; the downloads below hold them all.")
    shown = shown.copy()
    for field in ("sector", "deal_type", "status"):
        shown[field] = shown[field].map(vocabulary_labels(field)).fillna(shown[field])
    if "fx_rate" in shown.columns:
        shown["fx_rate_label"] = [
            describe_rate(rate, currency, as_of)
            for rate, currency, as_of in zip(shown["fx_rate"], shown["currency"], shown.get("fx_rate_date", [None] * len(shown)))
        ]
    hidden = {"edited_fields", "article_id", "rejected", "fx_rate_date", "value_usd"}
    # One value format everywhere ($50, $4.0B, $2.4B, as on the KPIs and charts); the table comes sorted largest
    # first, and the downloads keep the exact numbers.
    shown["value"] = shown["value_usd"].map(format_usd).replace("—", "")
    order = [c for c in _COLUMNS if c in shown.columns] + [c for c in shown.columns if c not in _COLUMNS and c not in hidden]
    st.dataframe(shown[order], column_config=_COLUMNS, hide_index=True, width="stretch", key=key, placeholder="",
                 row_height=ROW_HEIGHT, height=min(MAX_HEIGHT, 38 + ROW_HEIGHT * len(shown)))


def render_deals_section(shown: pd.DataFrame, again: Callable[[], pd.DataFrame] | None = None) -> None:
    """The dashboard's deals: the table of the deals counted above, and their downloads (``again`` gives the
    deals anew when a download is clicked, so that the buttons keep no frame: ``render_downloads``)."""
    from .downloads import render_downloads

    st.subheader("Deals")
    render_deals_table(shown, key="dashboard_table")
    st.caption("The downloads hold the deals counted above, with the filters and counting switches applied; "
               "the review page exports every deal.")
    render_downloads(shown, key="dashboard_download", later=again)
