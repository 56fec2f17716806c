"""Dashboard page: filter the deals, click charts to narrow the others, read the totals, export."""

import streamlit as st

from components import crossfilter, session
from components.chart_grid import GROUPED_FROM, render_charts
from components.deals_table import render_deals_section
from components.doubts import render_doubts
from components.filters import render_filters, stored_choices
from components.meaning_search import narrowed, render_answer, render_meaning_search
from dealtracker.analytics import format_usd

st.title("Dashboard")
deals = session.deals()
if deals.empty:
    st.info("No deals yet: upload articles or load the samples first.", icon=":material/info:")
    st.page_link("pages/views/upload.py", label="Upload articles", icon=":material/upload_file:")
    st.stop()

meaning = render_meaning_search()
filters = narrowed(render_filters(stored_choices()), meaning)
render_answer(meaning, deals)
crossfilter.render_active()
figures = session.totals(filters, crossfilter.active())  # cached: a state shown before does not touch the deals
first, second, third, fourth = st.columns(4)
first.metric("Total value", format_usd(figures.total_value_usd), help="Sum of the stated values, in USD")
second.metric("Deals", f"{figures.deals:,}")
third.metric("Counterparties", f"{figures.counterparties:,}")
fourth.metric("Largest deal", format_usd(figures.largest_value_usd))
render_doubts(filters, crossfilter.active())

# A large store shows one group of charts (or the deals table) at a time: see components/chart_grid.py.
render_charts(filters, grouped=len(deals) >= GROUPED_FROM, deals_tab=render_deals_section if figures.deals else None)
