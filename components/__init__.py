"""Streamlit widgets of the app; each calls the core package ``dealtracker`` and draws the result."""
