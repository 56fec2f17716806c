"""The reviewed table out as CSV, Excel (deals + sources sheets) or JSON, safe to open in a spreadsheet.

A cell that begins with = + - @, a tab or a carriage return is prefixed with an apostrophe, so a spreadsheet
shows it as text instead of running it as a formula (CSV/formula injection).
"""

from __future__ import annotations

import io
import json
from typing import Literal

import pandas as pd

from .fx import rate_for
from .schema import DEAL_FIELDS

Format = Literal["csv", "xlsx", "json"]
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
REVIEW_COLUMNS = ["verified", "group_id", "fx_rate", "fx_rate_date"]
SOURCE_COLUMNS = ["deal_id", "source", "title", "date", "language", "evidence", "start", "end"]


def escape_formula(value):
    """'=HYPERLINK(…)' → "'=HYPERLINK(…)"; numbers and other text unchanged."""
    if isinstance(value, str) and value.startswith(_FORMULA_START):
        return "'" + value
    return value


def _safe(frame: pd.DataFrame) -> pd.DataFrame:
    return frame.apply(lambda column: column.map(escape_formula))


def deals_sheet(deals: pd.DataFrame) -> pd.DataFrame:
    """The contract's fields, then the review's, then the rate each USD value was converted at and its period
    (looked up from the currency and date when the table does not carry them)."""
    if "fx_rate" not in deals.columns:
        deals = deals.assign(**_rates_of(deals))
    columns = list(DEAL_FIELDS) + [c for c in REVIEW_COLUMNS if c in deals.columns]
    return deals[columns].reset_index(drop=True)


def _rates_of(deals: pd.DataFrame) -> dict[str, list]:
    rates = [
        rate_for(currency, date) if isinstance(currency, str) and value == value and value is not None else None
        for currency, date, value in zip(deals["currency"], deals["date"], deals["value_usd"])
    ]
    return {
        "fx_rate": [r.usd_per_unit if r else None for r in rates],
        "fx_rate_date": [r.as_of if r else None for r in rates],
    }


def sources_sheet(deals: pd.DataFrame, titles: dict[str, str | None] | None = None) -> pd.DataFrame:
    """One row per deal: the article it came from and the evidence, for checking every cell."""
    frame = deals.assign(title=deals["source"].map(titles or {}))
    return frame[SOURCE_COLUMNS].reset_index(drop=True)


def export_bytes(deals: pd.DataFrame, fmt: Format, titles: dict[str, str | None] | None = None) -> bytes:
    """The deals in the chosen format, formulas escaped."""
    table = deals_sheet(deals)
    if fmt == "csv":
        return _safe(table).to_csv(index=False).encode("utf-8-sig")  # BOM: Excel then reads Arabic/Cyrillic right
    if fmt == "json":
        records = json.loads(table.to_json(orient="records", force_ascii=False))
        return json.dumps(records, ensure_ascii=False, indent=1).encode("utf-8")
    if fmt == "xlsx":
        buffer = io.BytesIO()
        with pd.ExcelWriter(buffer, engine="openpyxl") as writer:
            _safe(table).to_excel(writer, sheet_name="deals", index=False)
            _safe(sources_sheet(deals, titles)).to_excel(writer, sheet_name="sources", index=False)
        return buffer.getvalue()
    raise ValueError(f"unknown export format {fmt!r}")
