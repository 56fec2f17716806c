"""Dashboard page: filter the deals, click charts to narrow the others, read the totals, export."""

import streamlit as st

from components import crossfilter, session
from components.chart_grid import GROUPED_FROM, render_charts
from components.deals_table import render_deals_section
from components.doubts import render_doubts
from components.filters import render_filters, stored_choices
from components.kpis import render_kpis
from components.meaning_search import narrowed, render_answer, render_meaning_search

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
figures = render_kpis(filters, crossfilter.active())
render_doubts(filters, crossfilter.active())

# A large store shows one group of charts (or the deals table) at a time: see components/chart_grid.py.
render_charts(filters, grouped=len(deals) >= GROUPED_FROM, deals_tab=render_deals_section if figures.deals else None)
