"""The reviewed table out as CSV, Excel (deals + sources sheets) or JSON, safe to open in a spreadsheet.

A cell that begins with = + - @, a tab or a carriage return is prefixed with an apostrophe, so a spreadsheet
shows it as text instead of running it as a formula (CSV/formula injection).

The Excel file is meant to be usable as soon as it opens: on every sheet the header row is bold and frozen,
an autofilter covers the used range, columns are as wide as their content (8 to 60 characters) and long text
(the evidence, 80 characters wide; titles and objects) wraps. Numbers stay numbers in their own unit, so a
column sums as is; only the display format changes:

- ``value_usd``: ``$#,##0``, whole dollars. Not ``"$"#,##0.0,,"M"``: deals run from a few thousand dollars to
  hundreds of billions, and in millions a $40,000 grant would read "$0.0M"; whole dollars are exact, sort and
  compare at a glance, and an analyst who wants millions divides in one formula.
- ``amount`` (the original currency): ``#,##0.##``, or ``#,##0`` for a whole amount (Excel would show
  "500,000,000." with a dangling point); ``jobs`` ``#,##0``; ``confidence`` ``0.00``; ``fx_rate`` ``0.####``
  (``0`` for a whole rate such as USD's 1).
- ``date`` and ``fx_rate_date`` are text at their precision ("2024", "2024-03", "2024-03-12", as the data contract
  says) in text-formatted cells: never turned into a date or a number.

Empty values are empty cells. Control characters a worksheet cannot hold (a PDF's form feed, say) become
spaces in the Excel file only. The CSV and JSON exports are the table as is (formulas escaped in the CSV).
"""

from __future__ import annotations

import io
import json
import math
import re
import zipfile
from typing import TYPE_CHECKING, Literal

import numpy as np
import pandas as pd

from .fx import rate_for
from .schema import DEAL_FIELDS

if TYPE_CHECKING:
    from openpyxl import Workbook

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
        return xlsx_bytes({"deals": table, "sources": sources_sheet(deals, titles)})
    raise ValueError(f"unknown export format {fmt!r}")


# --- Excel ---------------------------------------------------------------------------------------------------
#
# openpyxl writes the package (workbook, styles, column widths, frozen pane, autofilter, the bold header row);
# the data rows are then streamed into each sheet's <sheetData> as plain SpreadsheetML. Building one openpyxl
# cell per value costs ~10 µs: 100,000 deals are 3.3 million cells over the two sheets, 40-50 s, in normal
# mode and in write-only mode alike; the rows written as text take a few seconds. The cells are the ones
# openpyxl itself writes (inline strings, numbers, booleans, the same style ids).

MIN_WIDTH, MAX_WIDTH = 8, 60
# column → (number format, the format for a whole number or None); see the module's docstring
NUMBER_FORMATS: dict[str, tuple[str, str | None]] = {
    "value_usd": ("$#,##0", None),
    "amount": ("#,##0.##", "#,##0"),
    "jobs": ("#,##0", None),
    "confidence": ("0.00", None),
    "fx_rate": ("0.####", "0"),
}
TEXT_COLUMNS = frozenset({"date", "fx_rate_date"})  # text at their precision, never dates or numbers
WRAPPED_COLUMNS = {"evidence": 80, "title": MAX_WIDTH, "object": MAX_WIDTH}
_FIXED_WIDTH = frozenset({"evidence"})  # always this wide, so every row wraps the same way
_CHUNK = 5_000  # rows turned into XML at a time: bounds the memory the text takes
# what a worksheet cannot hold: C0 controls but tab and line breaks (openpyxl's ILLEGAL_CHARACTERS_RE), and
# what XML cannot (lone surrogates, U+FFFE, U+FFFF)
_ILLEGAL = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def xlsx_bytes(sheets: dict[str, pd.DataFrame]) -> bytes:
    """A workbook of one formatted sheet per frame."""
    from openpyxl import Workbook  # imported when needed: it adds a quarter of a second to starting the app

    book = Workbook(write_only=True)
    bodies = [_start_sheet(book, title, frame) for title, frame in sheets.items()]
    scaffold = io.BytesIO()
    book.save(scaffold)
    rows_of = {sheet.path.lstrip("/"): (rows, used, text) for sheet, used, text, rows in bodies}
    out = io.BytesIO()
    with zipfile.ZipFile(scaffold) as source, zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target:
        for info in source.infolist():
            data = source.read(info)
            if info.filename not in rows_of:
                target.writestr(info, data)
                continue
            rows, used, text = rows_of[info.filename]
            head, tail = data.split(b"</sheetData>", 1)  # the header row is always there
            # the used range, which write-only mode leaves out (readers size the sheet by it)
            head = head.replace(b"<sheetViews>", f'<dimension ref="{used}"/><sheetViews>'.encode(), 1)
            if text:  # no "number stored as text" flag on every "2024": it is text on purpose
                ignored = f'<ignoredErrors><ignoredError sqref="{text}" numberStoredAsText="1"/></ignoredErrors>'
                # its place is after pageMargins, the last element these sheets have (no drawings, no tables)
                tail = tail.replace(b"</worksheet>", ignored.encode() + b"</worksheet>", 1)
            with target.open(info.filename, "w") as stream:
                stream.write(head)
                for chunk in rows:
                    stream.write(chunk.encode("utf-8"))
                stream.write(b"</sheetData>" + tail)
    return out.getvalue()


def _start_sheet(book: Workbook, title: str, frame: pd.DataFrame):
    """The sheet with its layout and header row; its used range; the ranges of its text columns; and the XML of
    its data rows (a generator of chunks)."""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    sheet = book.create_sheet(title)
    names = [str(name) for name in frame.columns]
    columns = [_cell_values(frame[name], name) for name in frame.columns]
    letters = [get_column_letter(index) for index in range(1, len(names) + 1)]
    for letter, name, values in zip(letters, names, columns):
        sheet.column_dimensions[letter].width = _width(name, values)
    sheet.freeze_panes = "A2"  # the header row stays in view
    used = f"A1:{letters[-1] if letters else 'A'}{len(frame) + 1}"
    sheet.auto_filter.ref = used
    text = " ".join(f"{letter}2:{letter}{len(frame) + 1}" for letter, name in zip(letters, names)
                    if name in TEXT_COLUMNS and len(frame))
    header = []
    for name in names:
        cell = WriteOnlyCell(sheet, value=_text(name))
        cell.font = Font(name="Calibri", size=11, bold=True)
        header.append(cell)
    sheet.append(header)
    wrapped = any(name in WRAPPED_COLUMNS for name in names)
    styles = [_style_ids(sheet, name, wrapped) for name in names]
    return sheet, used, text, _rows_xml(columns, letters, styles)


def _style_ids(sheet, name: str, wrapped: bool) -> tuple[str, str]:
    """The ` s="…"` attribute of a column's cells, and of its whole numbers (registered in the workbook's
    styles now, so the saved styles.xml has them); empty for unstyled cells."""
    if name in NUMBER_FORMATS:
        formats = NUMBER_FORMATS[name]
    elif name in TEXT_COLUMNS:
        formats = ("@", None)
    elif name in WRAPPED_COLUMNS or wrapped:
        formats = ("General", None)
    else:
        return "", ""
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Alignment

    def style(number_format: str) -> str:
        cell = WriteOnlyCell(sheet)
        cell.number_format = number_format
        # wrapped text grows its row; the other cells line up with its first line
        cell.alignment = Alignment(wrap_text=name in WRAPPED_COLUMNS or None, vertical="top")
        return f' s="{cell.style_id}"'

    usual = style(formats[0])
    return usual, (style(formats[1]) if formats[1] else usual)


def _rows_xml(columns: list[list], letters: list[str], styles: list[tuple[str, str]]):
    rows = len(columns[0]) if columns else 0
    for first in range(0, rows, _CHUNK):
        last = min(first + _CHUNK, rows)
        numbers = range(first + 2, last + 2)  # row 1 is the header
        cells = [
            [_cell_xml(f"{letter}{row}", value, usual, whole) for row, value in zip(numbers, values[first:last])]
            for letter, values, (usual, whole) in zip(letters, columns, styles)
        ]
        yield "".join(f'<row r="{row}">{"".join(parts)}</row>' for row, parts in zip(numbers, zip(*cells)))


def _cell_xml(ref: str, value, style: str, whole_style: str) -> str:
    if value is None:
        return ""
    if isinstance(value, str):
        text = value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        if "\r" in text:
            text = text.replace("\r", "&#13;")  # else an XML reader reads it as a line feed
        space = ' xml:space="preserve"' if value != value.strip() else ""
        return f'<c r="{ref}"{style} t="inlineStr"><is><t{space}>{text}</t></is></c>'
    if isinstance(value, bool):
        return f'<c r="{ref}"{style} t="b"><v>{int(value)}</v></c>'
    if isinstance(value, int):
        return f'<c r="{ref}"{whole_style} t="n"><v>{value}</v></c>'
    return f'<c r="{ref}"{whole_style if value.is_integer() else style} t="n"><v>{value!r}</v></c>'


def _cell_values(column: pd.Series, name: str) -> list:
    """The column as cell values: None where empty (NaN, NA, NaT, None, "", ±inf); text escaped and freed of
    characters a sheet cannot hold; the date columns as text; numbers as Python int or float; anything else
    (a timestamp, say) as its text."""
    values = column.tolist()
    missing = column.isna().tolist()
    if name in TEXT_COLUMNS:
        return [None if gone else _text(_as_text(value)) for value, gone in zip(values, missing)]
    return [None if gone else _value(value) for value, gone in zip(values, missing)]


def _as_text(value) -> str:
    """A date column's value as text: "2024" stays "2024", and so does a year a reader made a number."""
    if isinstance(value, (float, np.floating)) and float(value).is_integer():
        return str(int(value))
    return str(value)


def _value(value):
    if isinstance(value, str):
        return _text(value)
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, np.integer)):
        return int(value)
    if isinstance(value, (float, np.floating)):
        return float(value) if math.isfinite(value) else None  # Excel has no infinity
    return _text(str(value))


def _text(value: str):
    if value == "":
        return None
    if _ILLEGAL.search(value):
        value = _ILLEGAL.sub(" ", value)
    return escape_formula(value)


def _width(name: str, values: list) -> float:
    """Characters wide: the longest shown value or the header (with room for the filter button), within
    bounds; the evidence is always its fixed width."""
    if name in _FIXED_WIDTH:
        return WRAPPED_COLUMNS[name]
    longest = max((len(_shown(name, value)) for value in _widest(values)), default=0)
    return max(MIN_WIDTH, min(WRAPPED_COLUMNS.get(name, MAX_WIDTH), max(longest, len(name) + 3) + 1))


def _widest(values: list) -> list:
    """The values whose display is widest: the longest text, the largest and smallest numbers, a boolean."""
    texts = [value for value in values if isinstance(value, str)]
    numbers = [value for value in values if isinstance(value, (int, float)) and not isinstance(value, bool)]
    found = [max(texts, key=len)] if texts else []
    if numbers:
        found += [max(numbers), min(numbers)]
    if any(isinstance(value, bool) for value in values):
        found.append(False)
    return found


def _shown(name: str, value) -> str:
    """About how a spreadsheet shows ``value`` in the column's format."""
    if isinstance(value, str):
        return value
    if isinstance(value, bool):
        return "FALSE"
    if name == "value_usd":
        return f"${value:,.0f}"
    if name in ("amount", "jobs"):
        return f"{value:,.2f}"
    if name == "confidence":
        return f"{value:.2f}"
    if name == "fx_rate":
        return f"{value:.4f}"
    return f"{value:.10g}"
