"""Sources page: follow news feeds and poll them; their new articles go through the same reading as uploads."""

import streamlit as st

from components.sources import render_sources

st.title("Sources")
st.caption(
    "Follow the RSS or Atom feeds of the outlets you read. Each poll fetches only the items not stored yet — politely "
    "(robots.txt, one request at a time per site) and safely (public addresses only, size and time limits) — and "
    "reads their deals like uploaded articles. `python -m dealtracker watch` polls them on a schedule."
)
render_sources()
