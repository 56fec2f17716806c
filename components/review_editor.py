"""The editable deals table. Edits are saved by the editor's change callback, straight into the store.

The callback reads only the editor's delta (``edited_rows``) and maps row positions to deal ids remembered
when the table was drawn; the editor's output is never fed back as its input, so no edit is lost or replayed.
"""

from __future__ import annotations

import hashlib
import re

import pandas as pd
import streamlit as st

from dealtracker.analytics import country_label, format_usd, vocabulary_labels
from dealtracker.doubts import CHECK_COLUMN, check_reasons
from dealtracker.schema import CENTRAL_ASIA, DEAL_TYPES, QUALIFIERS, SECTORS, STATUSES

from .store import get_store
from .text import markdown_text

EDITOR_KEY = "review_editor"
_ROW_IDS = "review_row_ids"
_ROW_VALUES = "review_row_values"  # each row's value as drawn ("$4.2B"), to tell a changed value from a re-typed one
_ERRORS = "review_errors"
_NOTICE = "review_notice"
EDITABLE = [  # in the order shown: the value right after the sides, where it is read without scrolling
    "verified", "rejected", "party", "party_country", "counterparty", "counterparty_country", "value_usd", "amount",
    "currency", "qualifier", "sector", "deal_type", "status", "object", "jobs", "date",
]
# Rows tall enough for a reason or an evidence sentence to wrap onto a second line.
ROW_HEIGHT = 56
SHOWN = EDITABLE + ["evidence", "source", "confidence", "group_id", "deal_id"]


def _config() -> dict:
    return {
        # fixed widths keep the grid's layout that the browser test clicks by position; short labels fit them
        "check": st.column_config.TextColumn("⚑ Check", disabled=True, width="medium",
                                             help="Why this deal needs a person's look. Until it is verified, it stays out of totals."),
        "verified": st.column_config.CheckboxColumn("Verified", width="small", help="A person checked this deal against its article"),
        "rejected": st.column_config.CheckboxColumn("Rejected", width="small", help="Not a deal: left out of totals and exports"),
        "party": st.column_config.TextColumn("Party"),
        "party_country": st.column_config.SelectboxColumn("Country", options=list(CENTRAL_ASIA), format_func=country_label),
        "counterparty": st.column_config.TextColumn("Counterparty"),
        "counterparty_country": st.column_config.TextColumn("Cpty country", max_chars=3, help="ISO alpha-3; INT for multilateral"),
        "amount": st.column_config.NumberColumn("Amount", min_value=0.0, format="localized"),
        "currency": st.column_config.TextColumn("Currency", max_chars=3),
        # the value as everywhere else ($4.2B, $185.2M: ``format_usd``), and edited in the same words (``parse_usd``)
        "value_usd": st.column_config.TextColumn(
            "Value (USD)", help="Type a new value as 4.2B, 185.2M, 950K or 4200000000. The downloads hold the exact "
                                "figure; a corrected amount or currency recomputes it."),
        "qualifier": st.column_config.SelectboxColumn("Qualifier", options=list(QUALIFIERS), width="small"),
        # the options are the contract's ids (what is stored); people read the labels
        "sector": st.column_config.SelectboxColumn("Sector", options=list(SECTORS), required=True,
                                                   format_func=vocabulary_labels("sector").get),
        "deal_type": st.column_config.SelectboxColumn("Type", options=list(DEAL_TYPES), required=True,
                                                      format_func=vocabulary_labels("deal_type").get),
        "status": st.column_config.SelectboxColumn("Status", options=list(STATUSES), required=True,
                                                   format_func=vocabulary_labels("status").get),
        "object": st.column_config.TextColumn("Object"),
        "jobs": st.column_config.NumberColumn("Jobs", min_value=0, step=1),
        "date": st.column_config.TextColumn("Date", width="small"),
        "evidence": st.column_config.TextColumn("Evidence", width="large", disabled=True),
        "source": st.column_config.TextColumn("Article", disabled=True),
        "confidence": st.column_config.ProgressColumn("Confidence", min_value=0.0, max_value=1.0, format="%.2f"),
        "group_id": st.column_config.TextColumn("Duplicate group", disabled=True, width="small"),
        "deal_id": st.column_config.TextColumn("Deal id", disabled=True, width="small"),
    }


_SCALES = {"": 1.0, "k": 1e3, "thousand": 1e3, "m": 1e6, "mn": 1e6, "mln": 1e6, "million": 1e6, "b": 1e9,
           "bn": 1e9, "billion": 1e9, "t": 1e12, "tn": 1e12, "trillion": 1e12}
_AMOUNT = re.compile(r"(\d+(?:\.\d*)?|\.\d+)([a-z]*)")
_NOT_THOUSANDS = re.compile(r",(?!\d{3}(?!\d))")  # a comma that does not start a group of three digits


def parse_usd(text: str) -> float | None:
    """A value in USD as a person types it in the review grid: "$4.2B", "185.2M", "950k", "4.2 billion",
    "4,200,000,000", "US$ 12 mn", "4.2e9"; "" is no value. ValueError (saying what to write) for anything else,
    a decimal comma included ("4,2B" could be 4.2 or 42: refused, not guessed)."""
    if _NOT_THOUSANDS.search(text):
        raise ValueError(f"value_usd: {text!r}: write decimals with a point (4.2B); commas only group thousands")
    compact = re.sub(r"[\s,_']", "", text).lower()
    compact = re.sub(r"^(?:usd|us\$|\$)|(?:usd|\$)$", "", compact)
    if not compact:
        return None
    try:
        value = float(compact)
    except ValueError:
        match = _AMOUNT.fullmatch(compact)
        if match is None or match.group(2) not in _SCALES:
            raise ValueError(f"value_usd: {text!r} is not an amount in USD; write it as 4.2B, 185.2M, 950K or "
                             "4200000000") from None
        value = float(match.group(1)) * _SCALES[match.group(2)]
    if value != value or value in (float("inf"), float("-inf")):
        raise ValueError(f"value_usd: {text!r} is not an amount in USD")
    return value


def _shown_value(value: float | None) -> str | None:
    """A value as the grid shows it: ``format_usd``, blank when there is none."""
    text = format_usd(value)
    return None if text == "—" else text


def save_edits(key: str) -> None:
    """on_change: write each edited cell to the store (validated there, audited there)."""
    state = st.session_state.get(key) or {}
    row_ids: list[str] = st.session_state.get(_ROW_IDS, [])
    row_values: list[str | None] = st.session_state.get(_ROW_VALUES, [])
    errors: list[str] = []
    store = get_store()
    for position, changes in (state.get("edited_rows") or {}).items():
        index = int(position)
        if index >= len(row_ids):
            continue
        clean = {field: (None if value == "" else value) for field, value in changes.items() if field in EDITABLE}
        if "value_usd" in clean:
            shown = row_values[index] if index < len(row_values) else None
            if clean["value_usd"] == shown:  # the value as drawn, committed again: not a change (it is rounded)
                del clean["value_usd"]
            elif isinstance(clean["value_usd"], str):
                try:
                    clean["value_usd"] = parse_usd(clean["value_usd"])
                except ValueError as error:  # the row's other edits are still saved
                    errors.append(f"{row_ids[index]}: {error}")
                    del clean["value_usd"]
        if not clean:
            continue
        try:
            store.update_deal(row_ids[index], clean)
        except (ValueError, KeyError) as error:
            errors.append(f"{row_ids[index]}: {error}")
        else:
            if clean.get("rejected"):
                st.session_state[_NOTICE] = "Deal rejected: it leaves the table and every total. Turn on “Show rejected deals” to bring it back."
    st.session_state[_ERRORS] = errors


def render_review_editor(deals: pd.DataFrame) -> str | None:
    """Draw the editor; returns its widget key (None when there is nothing to edit)."""
    for error in st.session_state.pop(_ERRORS, []) or []:
        st.error(f"Not saved — {markdown_text(str(error))}", icon=":material/error:")
    notice = st.session_state.pop(_NOTICE, None)
    if notice:
        st.toast(notice, icon=":material/undo:")
    if deals.empty:
        st.info("No deals to review here: upload articles, or loosen the filters.", icon=":material/info:")
        return None
    reasons = deals[CHECK_COLUMN] if CHECK_COLUMN in deals.columns else check_reasons(deals)
    table = deals[SHOWN].reset_index(drop=True)
    # first, where a reviewer starts reading a row (blank where nothing is doubted)
    table.insert(0, "check", reasons.replace("", None).reset_index(drop=True))
    # one value format everywhere: "$4.2B" as on the dashboard, not "$4,200,000,000.00"
    table["value_usd"] = pd.Series([_shown_value(v) for v in table["value_usd"].tolist()], dtype="object")
    row_ids = list(table["deal_id"])
    st.session_state[_ROW_IDS] = row_ids
    st.session_state[_ROW_VALUES] = table["value_usd"].tolist()
    # The editor's delta is kept by row position. A different set of rows (a filter, show rejected) gets a new
    # editor, so an old delta can never be replayed onto other deals.
    key = f"{EDITOR_KEY}_{hashlib.sha1(' '.join(row_ids).encode()).hexdigest()[:12]}"
    st.data_editor(
        table,
        column_config=_config(),
        disabled=["evidence", "source", "confidence", "group_id", "deal_id", "check"],
        hide_index=True,
        placeholder="",  # an empty cell reads blank, not "None"
        row_height=ROW_HEIGHT,
        num_rows="fixed",
        width="stretch",
        key=key,
        on_change=save_edits,
        args=(key,),
    )
    st.caption(
        "Edits are saved as you make them and are never overwritten by a later extraction. "
        f"Countries: ISO codes ({', '.join(f'{c} {country_label(c)}' for c in CENTRAL_ASIA)})."
    )
    return key
