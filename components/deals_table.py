"""The deals table: contract columns, friendly headers, evidence on every row."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.analytics import sector_labels

_COLUMNS = {
    "party": st.column_config.TextColumn("Party"),
    "party_country": st.column_config.TextColumn("Country", width="small"),
    "counterparty": st.column_config.TextColumn("Counterparty"),
    "counterparty_country": st.column_config.TextColumn("Counterparty country", width="small"),
    "value_usd": st.column_config.NumberColumn("Value (USD)", format="compact"),
    "amount": st.column_config.NumberColumn("Amount", format="compact"),
    "currency": st.column_config.TextColumn("Currency", width="small"),
    "qualifier": st.column_config.TextColumn("Qualifier", width="small"),
    "sector": st.column_config.TextColumn("Sector"),
    "deal_type": st.column_config.TextColumn("Type"),
    "status": st.column_config.TextColumn("Status", width="small"),
    "evidence": st.column_config.TextColumn("Evidence", width="large"),
    "source": st.column_config.TextColumn("Article"),
    "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f"),
}


def render_deals_table(frame: pd.DataFrame, key: str = "deals_table") -> None:
    if frame.empty:
        st.info("No deals to show yet. Upload articles or load the samples.", icon=":material/info:")
        return
    shown = frame.assign(sector=frame["sector"].map(sector_labels()).fillna(frame["sector"]))
    order = list(_COLUMNS) + [c for c in shown.columns if c not in _COLUMNS]
    st.dataframe(shown[order], column_config=_COLUMNS, hide_index=True, width="stretch", key=key)
