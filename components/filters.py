"""Sidebar filters: Central Asian country, sector, counterparty country."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.analytics import Filters, country_label, sector_labels


def _options(frame: pd.DataFrame, column: str, label) -> list[str]:
    """The values present in a column, in the alphabetical order of what the person reads."""
    return sorted((v for v in frame[column].dropna().unique() if v), key=label)


def render_filters(frame: pd.DataFrame) -> Filters:
    """Draw the filters for the values present in ``frame`` and return what is selected."""
    labels = sector_labels()
    with st.sidebar:
        st.header("Filters")
        countries = st.multiselect(
            "Central Asian country",
            _options(frame, "party_country", country_label),
            format_func=country_label,
            key="f_country",
        )
        sectors = st.multiselect(
            "Sector", _options(frame, "sector", lambda s: labels.get(s, s)), format_func=lambda s: labels.get(s, s), key="f_sector"
        )
        counterparty_countries = st.multiselect(
            "Counterparty country",
            _options(frame, "counterparty_country", country_label),
            format_func=country_label,
            key="f_counterparty_country",
        )
        st.divider()
        include_tentative = st.toggle(
            "Include potential deals and MoUs without value",
            key="f_tentative",
            help="Left out by default: they are not money committed.",
        )
        collapse_groups = st.toggle(
            "Count duplicate reports once", value=True, key="f_collapse",
            help="The same deal reported by several articles is counted once.",
        )
    return Filters(
        tuple(countries), tuple(sectors), tuple(counterparty_countries),
        include_tentative=include_tentative, collapse_groups=collapse_groups,
    )
