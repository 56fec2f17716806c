"""Central Asia Deal Tracker: the Streamlit entry point (navigation only; pages do the work)."""

import streamlit as st

st.set_page_config(page_title="Central Asia Deal Tracker", page_icon="📈", layout="wide")

navigation = st.navigation(
    [
        st.Page("pages/views/upload.py", title="Upload articles", icon=":material/upload_file:", default=True),
        st.Page("pages/views/review.py", title="Review", icon=":material/rate_review:", url_path="review"),
        st.Page("pages/views/dashboard.py", title="Dashboard", icon=":material/bar_chart:", url_path="dashboard"),
    ]
)
navigation.run()
