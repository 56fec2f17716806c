"""Dashboard page: filter the deals and chart them by country and sector."""

import streamlit as st

from components import session
from components.charts import render_charts
from components.deals_table import render_deals_table
from components.downloads import render_downloads
from components.filters import render_filters
from dealtracker.analytics import apply_filters, format_usd, kpis

st.title("Dashboard")
deals = session.deals()
if deals.empty:
    st.info("No deals yet: upload articles or load the samples first.", icon=":material/info:")
    st.page_link("pages/views/upload.py", label="Upload articles", icon=":material/upload_file:")
    st.stop()

filtered = apply_filters(deals, render_filters(deals))
figures = kpis(filtered)
first, second, third, fourth = st.columns(4)
first.metric("Total value", format_usd(figures.total_value_usd))
second.metric("Deals", figures.deals)
third.metric("Counterparties", figures.counterparties)
fourth.metric("Largest deal", format_usd(figures.largest_value_usd))
render_charts(filtered)
if not filtered.empty:
    st.subheader("Deals")
    render_deals_table(filtered, key="dashboard_table")
    render_downloads(filtered, key="dashboard_download")
