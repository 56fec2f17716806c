"""Sidebar filters: who, what, how far along, how much, when, free text; the aggregation switches; reset."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.analytics import Filters, country_label, sector_labels, vocabulary_labels

FILTER_KEYS = (
    "f_country", "f_sector", "f_counterparty_country", "f_counterparty", "f_type", "f_status", "f_text",
    "f_min_value", "f_max_value", "f_verified", "f_tentative", "f_collapse",
)


def _reset() -> None:
    for key in FILTER_KEYS:
        st.session_state.pop(key, None)


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
        counterparties = st.multiselect("Counterparty", _options(frame, "counterparty", str), key="f_counterparty")
        types, statuses = vocabulary_labels("deal_type"), vocabulary_labels("status")
        deal_types = st.multiselect(
            "Deal type", _options(frame, "deal_type", lambda t: types.get(t, t)), format_func=lambda t: types.get(t, t), key="f_type"
        )
        chosen_statuses = st.multiselect(
            "Status", _options(frame, "status", lambda t: statuses.get(t, t)), format_func=lambda t: statuses.get(t, t), key="f_status"
        )
        low, high = st.columns(2)
        min_value = low.number_input("Min value ($M)", min_value=0.0, value=None, step=10.0, key="f_min_value")
        max_value = high.number_input("Max value ($M)", min_value=0.0, value=None, step=10.0, key="f_max_value")
        text = st.text_input("Search parties and evidence", key="f_text")
        verified_only = st.toggle("Verified deals only", key="f_verified")
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
        st.button("Reset filters", on_click=_reset, icon=":material/filter_alt_off:")
    return Filters(
        tuple(countries), tuple(sectors), tuple(counterparty_countries),
        counterparties=tuple(counterparties), deal_types=tuple(deal_types), statuses=tuple(chosen_statuses),
        min_value_usd=None if min_value is None else min_value * 1e6,
        max_value_usd=None if max_value is None else max_value * 1e6,
        text=text, verified_only=verified_only,
        include_tentative=include_tentative, collapse_groups=collapse_groups,
    )
