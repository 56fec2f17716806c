"""Upload page: bring articles in and see the deals found in them."""

import streamlit as st

from components import session
from components.deals_table import render_deals_table
from components.models import render_model_status
from components.no_deals import render_articles_without_deals
from components.uploader import render_batch_summary, render_uploader

st.title("Central Asia Deal Tracker")
st.caption(
    "Turn news about investment in Kazakhstan, Uzbekistan, Kyrgyzstan, Tajikistan and Turkmenistan — "
    "in Arabic, Russian or English — into a table of deals with the evidence for every row."
)
render_model_status()  # which optional models are active, or why the rules work alone (loads nothing)
render_uploader()
render_batch_summary()
latest = session.last_batch()
if latest is not None and latest[0].articles:  # what the latest upload gave nothing for, right under its summary
    render_articles_without_deals({a.article_id for a in latest[0].articles}, key="upload_no_deals")
st.subheader("Deals")
render_deals_table(session.deals())
if session.article_count():
    left, right = st.columns(2)
    left.page_link("pages/views/review.py", label="Review and correct these deals", icon=":material/rate_review:")
    right.page_link("pages/views/dashboard.py", label="Explore them on the dashboard", icon=":material/bar_chart:")
