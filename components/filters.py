"""Sidebar filters shared by the review page and the dashboard: who, what, how far along, how much, when, free
text; the aggregation switches; one reset button.

Streamlit forgets a widget's value on a page that does not draw it. ``keep_filter_state`` (called by ``app.py``
on every run, whatever the page) re-assigns each filter's value so a choice made on the dashboard is still there
after a visit to the upload page. Defaults live in session state rather than in ``value=`` arguments, so the
re-assignment never clashes with a widget default.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

import pandas as pd
import streamlit as st

from dealtracker.analytics import Filters, country_label, deal_dates, sector_labels, vocabulary_labels

from . import crossfilter, session
from .text import option_text

DEFAULTS: dict[str, object] = {
    "f_country": [], "f_sector": [], "f_counterparty_country": [], "f_counterparty": [], "f_type": [],
    "f_status": [], "f_text": "", "f_min_value": None, "f_max_value": None, "f_date_from": None, "f_date_to": None, "f_verified": False,
    "f_tentative": False, "f_collapse": True, "f_flagged": False, "f_undated": False,
    "f_meaning": "",  # the "Search by meaning" box (components/meaning_search.py): reset with the filters
}
FILTER_KEYS = tuple(DEFAULTS)
# How totals count (not which deals a person selected): not counted as active filters.
SWITCHES = frozenset({"f_tentative", "f_collapse", "f_flagged", "f_undated"})
# How the dashboard shows things (not what it selects): kept across pages too, but not reset with the filters.
VIEW_DEFAULTS: dict[str, object] = {"measure": "value", "period": "Y", "f_meaning_k": 20}


def keep_filter_state() -> None:
    """Give every filter its default once, and carry its value over pages that do not draw it."""
    for key, default in {**DEFAULTS, **VIEW_DEFAULTS}.items():
        if key in st.session_state:
            st.session_state[key] = st.session_state[key]
        else:
            st.session_state[key] = default


def _reset() -> None:
    """Every sidebar filter back to its default, and every chart filter removed: one click, nothing left over."""
    for key, default in DEFAULTS.items():
        st.session_state[key] = default
    crossfilter.clear_all()


def active_filter_count() -> int:
    """How many filters differ from their defaults (shown on pages so a narrowed view is never a surprise)."""
    return sum(1 for key in FILTER_KEYS if key not in SWITCHES and st.session_state.get(key, DEFAULTS[key]) != DEFAULTS[key])


def _options(present: tuple[str, ...], label) -> list[str]:
    """The values present in a column, in the alphabetical order a person reads."""
    return sorted(present, key=label)


def _keep_selected(key: str, options: list[str]) -> list[str]:
    """Options plus values still selected but no longer present, so a stored choice never breaks the widget."""
    chosen = [v for v in st.session_state.get(key) or [] if v not in options]
    return options + chosen


def _date_bounds(frame: pd.DataFrame) -> tuple[dt.date, dt.date] | None:
    dates = deal_dates(frame).dropna()
    if dates.empty:
        return None
    return dates.min().date(), dates.max().date()


# The columns whose present values the multiselects offer.
_CHOICE_COLUMNS = ("party_country", "sector", "counterparty_country", "counterparty", "deal_type", "status")


@dataclass(frozen=True)
class Choices:
    """What the filters offer for a table of deals: the values present in each column, and its date range."""

    present: dict[str, tuple[str, ...]]
    dates: tuple[dt.date, dt.date] | None

    @classmethod
    def of(cls, frame: pd.DataFrame) -> Choices:
        present = {column: tuple(v for v in frame[column].dropna().unique() if v) for column in _CHOICE_COLUMNS}
        return cls(present, _date_bounds(frame))


def stored_choices(include_rejected: bool = False) -> Choices:
    """``Choices`` of the stored deals (``session.deals``), computed once per revision of the store: over 1,000,000
    deals, the distinct values and the date range took a noticeable part of every rerun."""
    return _stored_choices(*session.current(), include_rejected)


@st.cache_resource(max_entries=4, show_spinner=False)
def _stored_choices(url: str, revision: str, include_rejected: bool) -> Choices:
    return Choices.of(session.deals_frame(url, revision, include_rejected))


def render_filters(frame: pd.DataFrame | Choices, totals: bool = True) -> Filters:
    """Draw the filters for the values present in ``frame`` (or its ``Choices``, ``stored_choices``) and return
    what is selected.

    ``totals`` adds the switches of the aggregation rule, which only mean something where totals are shown.
    """
    choices = frame if isinstance(frame, Choices) else Choices.of(frame)
    labels = sector_labels()
    types, statuses = vocabulary_labels("deal_type"), vocabulary_labels("status")

    def choose(label: str, column: str, key: str, name) -> list[str]:
        options = _keep_selected(key, _options(choices.present[column], name))
        # multiselect options are drawn as plain text (not Markdown): shown as written, on one line
        return st.multiselect(label, options, format_func=lambda value: option_text(name(value)), key=key)

    with st.sidebar:
        st.header("Filters")
        countries = choose("Central Asian country", "party_country", "f_country", country_label)
        sectors = choose("Sector", "sector", "f_sector", lambda s: labels.get(s, s))
        counterparty_countries = choose("Counterparty country", "counterparty_country", "f_counterparty_country", country_label)
        counterparties = choose("Counterparty", "counterparty", "f_counterparty", str)
        deal_types = choose("Deal type", "deal_type", "f_type", lambda t: types.get(t, t))
        chosen_statuses = choose("Status", "status", "f_status", lambda t: statuses.get(t, t))
        low, high = st.columns(2)
        min_value = low.number_input("Min value ($M)", min_value=0.0, step=10.0, key="f_min_value")
        max_value = high.number_input("Max value ($M)", min_value=0.0, step=10.0, key="f_max_value")
        date_from, date_to = _date_range(choices.dates)
        text = st.text_input("Search parties and evidence", key="f_text")
        verified_only = st.toggle("Verified deals only", key="f_verified")
        include_tentative, collapse_groups = bool(st.session_state["f_tentative"]), bool(st.session_state["f_collapse"])
        include_flagged = bool(st.session_state["f_flagged"])
        if totals:
            st.divider()
            include_flagged = st.toggle(
                "Include flagged deals not yet verified",
                key="f_flagged",
                help="Deals the extractor doubts (a value over $300B, wording of a total, low confidence, a side "
                     "unknown, no exchange rate) stay out of totals until a person verifies them on the Review page.",
            )
            include_tentative = st.toggle(
                "Include potential deals and MoUs without value",
                key="f_tentative",
                help="Left out of totals by default: they are not money committed.",
            )
            collapse_groups = st.toggle(
                "Count duplicate reports once", key="f_collapse",
                help="The same deal reported by several articles is counted once.",
            )
        st.button("Reset filters", on_click=_reset, icon=":material/filter_alt_off:", key="f_reset")
    return Filters(
        tuple(countries), tuple(sectors), tuple(counterparty_countries),
        counterparties=tuple(counterparties), deal_types=tuple(deal_types), statuses=tuple(chosen_statuses),
        min_value_usd=None if min_value is None else min_value * 1e6,
        max_value_usd=None if max_value is None else max_value * 1e6,
        date_from=date_from, date_to=date_to,
        text=text, verified_only=verified_only,
        include_tentative=include_tentative, collapse_groups=collapse_groups,
        include_flagged=include_flagged, include_undated=bool(st.session_state["f_undated"]),
    )


# Any date a person may type: the picker's bounds must not refuse "2024-01-01" because no deal is that old.
_EARLIEST, _LATEST = dt.date(1991, 1, 1), dt.date(2100, 12, 31)


def _date_range(bounds: tuple[dt.date, dt.date] | None) -> tuple[str | None, str | None]:
    """Two pickers, from and to; either may stay empty. The deals' own dates (``bounds``) are offered as a hint."""
    if bounds is None:
        st.caption("No dated deals to filter by date.")
        return None, None
    hint = f"Deals are dated {bounds[0]:%Y-%m-%d} to {bounds[1]:%Y-%m-%d}. " \
           "A deal dated only by month or year counts from the first day of it."
    low, high = st.columns(2)
    date_from = low.date_input("Date from", value=None, min_value=_EARLIEST, max_value=_LATEST, format="YYYY-MM-DD",
                               key="f_date_from", help=hint)
    date_to = high.date_input("Date to", value=None, min_value=_EARLIEST, max_value=_LATEST, format="YYYY-MM-DD",
                              key="f_date_to", help=hint)
    st.toggle("Include undated deals", key="f_undated", disabled=not (date_from or date_to),
              help="With a date range, deals whose articles give no date are left out unless this is on.")
    return (date_from.isoformat() if date_from else None), (date_to.isoformat() if date_to else None)
