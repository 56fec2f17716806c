"""What the dashboard's totals leave out or hold that a person should know, said right under them."""

from __future__ import annotations

import streamlit as st

from dealtracker.analytics import Filters, Missing, flagged_left_out, left_out_by_date
from dealtracker.crossfilter import CrossFilter, apply_cross_filters
from dealtracker.doubts import LeftOut, left_out

from . import session
from .text import markdown_text


def render_doubts(filters: Filters, active: list[CrossFilter]) -> None:
    """Under the KPIs: the flagged deals left out (how many, how much, why) or, when the person included them,
    how many of the counted deals (``session.filtered``, narrowed by the chart filters ``active``) are unverified
    doubts; the undated deals a date range drops. (A valued deal without a rate is one of the flagged deals, named
    among their reasons.)"""
    url, revision = session.current()
    if filters.include_flagged:
        doubtful = _counted_doubts(url, revision, filters, tuple(active))  # the same figures, for the deals now counted
        if doubtful.deals:
            st.warning(
                f"These totals include {markdown_text(doubtful.describe())}. Check them on the Review page.",
                icon=":material/flag:",
            )
    else:
        out = _left_out(url, revision, filters)[0]
        if out.deals:
            st.caption(
                f":material/flag: Left out of these totals: {markdown_text(out.describe())}. Verify them on the Review "
                "page, or switch on “Include flagged deals not yet verified” in the sidebar."
            )
    by_date = _left_out(url, revision, filters)[1]
    if by_date.deals:
        st.caption(f":material/event_busy: {markdown_text(by_date.describe('have no date and are left out by the date range'))}; "
                   "“Include undated deals” keeps them.")


# Cached by the store's revision and the filters (each a few numbers): the reasons are read from every flagged
# deal's evidence, a sixth of a dashboard rerun over 100,000 deals when done on each (issue 17).
@st.cache_resource(max_entries=64, show_spinner=False)
def _left_out(url: str, revision: str, filters: Filters) -> tuple[LeftOut, Missing]:
    deals = session.deals_frame(url, revision)
    return flagged_left_out(deals, filters), left_out_by_date(deals, filters)


@st.cache_resource(max_entries=64, show_spinner=False)
def _counted_doubts(url: str, revision: str, filters: Filters, active: tuple[CrossFilter, ...]) -> LeftOut:
    return left_out(apply_cross_filters(session.filtered_frame(url, revision, filters), active))


def render_undated_note(missing: Missing) -> None:
    """Under the timeline: the deals it cannot place."""
    if missing.deals:
        st.caption(f":material/event_busy: Not on the timeline: {markdown_text(missing.describe('have no date'))}.")
