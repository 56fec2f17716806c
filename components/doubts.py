"""What the dashboard's totals leave out or hold that a person should know, said right under them."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.analytics import Filters, Missing, flagged_left_out, left_out_by_date
from dealtracker.doubts import left_out

from .text import markdown_text


def render_doubts(deals: pd.DataFrame, shown: pd.DataFrame, filters: Filters) -> None:
    """Under the KPIs: the flagged deals left out (how many, how much, why) or, when the person included them,
    how many of the counted deals are unverified doubts; the undated deals a date range drops. (A valued deal
    without a rate is one of the flagged deals, named among their reasons.)"""
    if filters.include_flagged:
        doubtful = left_out(shown)  # the same figures, for the deals now counted
        if doubtful.deals:
            st.warning(
                f"These totals include {markdown_text(doubtful.describe())}. Check them on the Review page.",
                icon=":material/flag:",
            )
    else:
        out = flagged_left_out(deals, filters)
        if out.deals:
            st.caption(
                f":material/flag: Left out of these totals: {markdown_text(out.describe())}. Verify them on the Review "
                "page, or switch on “Include flagged deals not yet verified” in the sidebar."
            )
    by_date = left_out_by_date(deals, filters)
    if by_date.deals:
        st.caption(f":material/event_busy: {markdown_text(by_date.describe('have no date and are left out by the date range'))}; "
                   "“Include undated deals” keeps them.")


def render_undated_note(missing: Missing) -> None:
    """Under the timeline: the deals it cannot place."""
    if missing.deals:
        st.caption(f":material/event_busy: Not on the timeline: {markdown_text(missing.describe('have no date'))}.")
