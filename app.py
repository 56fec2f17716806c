"""Central Asia Deal Tracker: the Streamlit entry point (navigation and shared state only; pages do the work)."""

import streamlit as st

from components.filters import keep_filter_state
from components.process import freeze_imported_objects

freeze_imported_objects()  # out of the post-run garbage collection: see components/process.py

st.set_page_config(page_title="Central Asia Deal Tracker", page_icon="📈", layout="wide")
keep_filter_state()  # runs on every page, so sidebar filters survive a visit to a page that does not draw them

navigation = st.navigation(
    [
        st.Page("pages/views/upload.py", title="Upload articles", icon=":material/upload_file:", default=True),
        st.Page("pages/views/review.py", title="Review", icon=":material/rate_review:", url_path="review"),
        st.Page("pages/views/dashboard.py", title="Dashboard", icon=":material/bar_chart:", url_path="dashboard"),
        st.Page("pages/views/sources.py", title="Sources", icon=":material/rss_feed:", url_path="sources"),
    ]
)
navigation.run()
