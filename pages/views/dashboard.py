"""Dashboard page: filter the deals, click charts to narrow the others, read the totals, export."""

import streamlit as st

from components import crossfilter, session
from components.chart_grid import GROUPED_FROM, render_charts
from components.deals_table import render_deals_table
from components.doubts import render_doubts
from components.downloads import render_downloads
from components.filters import render_filters
from dealtracker.analytics import apply_filters, format_usd, kpis
from dealtracker.crossfilter import apply_cross_filters

st.title("Dashboard")
deals = session.deals()
if deals.empty:
    st.info("No deals yet: upload articles or load the samples first.", icon=":material/info:")
    st.page_link("pages/views/upload.py", label="Upload articles", icon=":material/upload_file:")
    st.stop()

filters = render_filters(deals)
filtered = apply_filters(deals, filters)
crossfilter.render_active()
shown = apply_cross_filters(filtered, crossfilter.active())
figures = kpis(shown)
first, second, third, fourth = st.columns(4)
first.metric("Total value", format_usd(figures.total_value_usd), help="Sum of the stated values, in USD")
second.metric("Deals", f"{figures.deals:,}")
third.metric("Counterparties", f"{figures.counterparties:,}")
fourth.metric("Largest deal", format_usd(figures.largest_value_usd))
render_doubts(deals, shown, filters)


def deals_table() -> None:
    st.subheader("Deals")
    render_deals_table(shown, key="dashboard_table")
    st.caption("The downloads hold the deals counted above, with the filters and counting switches applied; "
               "the review page exports every deal.")
    render_downloads(shown, key="dashboard_download")


# A large store shows one group of charts (or the deals table) at a time: see components/chart_grid.py.
render_charts(filtered, grouped=len(deals) >= GROUPED_FROM, deals_tab=None if shown.empty else deals_table)
