"""The dashboard's KPI row: total value, deals, counterparties and the largest deal of the deals shown.

The figures are ``dealtracker.analytics.kpis`` of the deals the sidebar's filters and the chart filters keep,
cached by the store's revision and those filters (``session.totals``): a state shown before does not touch the
deals."""

from __future__ import annotations

import streamlit as st

from dealtracker.analytics import Filters, Kpis, format_usd
from dealtracker.crossfilter import CrossFilter

from . import session


def render_kpis(filters: Filters, active: list[CrossFilter]) -> Kpis:
    """Four metrics in a row; returns the figures (the page shows the deals table only when some deal is left)."""
    figures = session.totals(filters, active)
    first, second, third, fourth = st.columns(4)
    first.metric("Total value", format_usd(figures.total_value_usd), help="Sum of the stated values, in USD")
    second.metric("Deals", f"{figures.deals:,}")
    third.metric("Counterparties", f"{figures.counterparties:,}")
    fourth.metric("Largest deal", format_usd(figures.largest_value_usd))
    return figures
