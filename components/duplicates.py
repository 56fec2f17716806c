"""Duplicate groups: every source of a deal reported several times, with a confirm or split decision."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.analytics import format_usd

from .store import get_store
from .text import label_text, markdown_text


def render_duplicate_groups(deals: pd.DataFrame) -> None:
    grouped = deals[deals["group_id"].notna()]
    if grouped.empty:
        st.caption("No deal is reported by more than one article.")
        return
    store = get_store()
    for group_id, members in grouped.groupby("group_id"):
        first = members.iloc[0]
        # the sides come from articles: an expander label is Markdown (an image in it would be fetched)
        title = label_text(f"{first['party']} × {first['counterparty']} — {format_usd(first['value_usd'])} · "
                           f"{len(members)} reports")
        confirmed = members["edited_fields"].fillna("").str.contains("group_id").all()
        with st.expander(("✓ " if confirmed else "") + title):
            for _, row in members.iterrows():
                st.markdown(f"**{markdown_text(row['source'])}** ({markdown_text(row['language'])}): "
                            f"{markdown_text(row['evidence'])}")
            left, right = st.columns(2)
            if left.button("Confirm: same deal", key=f"confirm_{group_id}"):
                store.set_group(list(members["deal_id"]), str(group_id))
                st.rerun()
            if right.button("Split: different deals", key=f"split_{group_id}"):
                store.set_group(list(members["deal_id"]), None)
                st.rerun()
