"""News-database exports: CSV, JSON Lines and JSON with one article per row or object.

Columns: ``text`` (required), ``title``, ``date``, ``url`` — or the synonyms in ``data/bulk_columns.csv``
(body, headline, published_at …). Each row is an article named ``export.csv row 17`` (the spreadsheet's
row number, the header being row 1), ``export.jsonl line 17`` or ``export.json item 17``. Rows that cannot
be read are reported in one line per file and reason ("rows 17, 40 have no text"), not one line each: an
export with hundreds of empty rows should not bury the other messages. Rows past the limit are not read.
"""

from __future__ import annotations

import csv
import io
import json
from collections import defaultdict
from collections.abc import Iterable, Iterator
from functools import lru_cache
from pathlib import PurePosixPath
from typing import Any

from ...data_files import read_csv
from ...schema import Article, ReadProblem
from ..article import make_article
from ..dates import parse_date
from ..encoding import decode
from ..errors import IngestError
from ..limits import Limits, describe

BULK_SUFFIXES = {".csv", ".jsonl", ".ndjson", ".json"}
# How many row numbers a grouped message lists before "…".
SHOWN_ROWS = 10


@lru_cache(maxsize=1)
def _columns() -> dict[str, str]:
    """Column name (lower case) → field: text, title, date or url."""
    return {row["column"].lower(): row["field"] for row in read_csv("bulk_columns.csv")}


def read(name: str, data: bytes, limits: Limits) -> Iterator[Article | ReadProblem]:
    decoded = decode(data)
    suffix = PurePosixPath(name).suffix.lower()
    if suffix == ".csv":
        records, unit = _csv_records(decoded.text), "row"
    elif suffix in (".jsonl", ".ndjson"):
        records, unit = _jsonl_records(decoded.text), "line"
    else:
        records, unit = _json_records(decoded.text), "item"
    if decoded.note:
        yield ReadProblem(name, decoded.note, warning=True)
    yield from _articles(name, records, unit, limits)


def _articles(name: str, records: Iterable[tuple[int, Any]], unit: str, limits: Limits) -> Iterator[Article | ReadProblem]:
    failed: dict[str, list[int]] = defaultdict(list)
    read_rows = 0
    for number, record in records:
        if read_rows >= limits.max_rows:
            yield ReadProblem(
                name,
                f"only the first {limits.max_rows:,} {unit}s were read; the limit is {describe('max_rows', limits.max_rows)}",
            )
            break
        read_rows += 1
        try:
            yield _article(name, number, record, unit)
        except IngestError as error:
            failed[str(error)].append(number)
    if not read_rows and not failed:
        raise IngestError(f"there is no {unit} with an article in it")
    for reason, numbers in failed.items():
        shown = ", ".join(str(n) for n in numbers[:SHOWN_ROWS]) + (", …" if len(numbers) > SHOWN_ROWS else "")
        many = len(numbers) > 1
        count = f" ({len(numbers):,} {unit}s)" if len(numbers) > SHOWN_ROWS else ""
        yield ReadProblem(name, f"{unit}{'s' if many else ''} {shown}{count} {'have' if many else 'has'} {reason}; skipped")


def _article(name: str, number: int, record: Any, unit: str) -> Article:
    if isinstance(record, IngestError):
        raise record
    if not isinstance(record, dict):
        raise IngestError("no 'text' field (it is not an object)")
    fields: dict[str, Any] = {}
    for key, value in record.items():
        field = _columns().get(str(key).strip().lower())
        if field and field not in fields and value not in (None, ""):
            fields[field] = value
    text = fields.get("text")
    if not isinstance(text, str) or not text.strip():
        raise IngestError("no text")
    title = fields.get("title")
    date = fields.get("date")
    url = fields.get("url")
    source = f"{name} {unit} {number}" + (f" ({url})" if isinstance(url, str) and url.strip() else "")
    return make_article(
        source,
        text,
        title=str(title) if title is not None else None,
        date=parse_date(str(date)) if date is not None else None,
    )


def _csv_records(text: str) -> Iterator[tuple[int, Any]]:
    lines = text.splitlines()
    if not lines:
        return
    try:
        dialect = csv.Sniffer().sniff("\n".join(lines[:20])[:20000], delimiters=",;\t|")
        delimiter = dialect.delimiter
    except csv.Error:
        delimiter = ","
    _allow_long_fields()
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    try:
        header = next(reader)
    except (StopIteration, csv.Error):
        return
    columns = [column.strip().lstrip("\ufeff") for column in header]
    if "text" not in {_columns().get(column.lower()) for column in columns}:
        raise IngestError(f"no 'text' column (the columns are: {', '.join(columns[:12]) or 'none'})")
    row_number = 1
    while True:
        try:
            values = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            row_number += 1
            yield row_number, IngestError(f"a CSV error ({error})")
            continue
        row_number += 1
        if not any(value.strip() for value in values):
            continue  # a blank line between rows
        yield row_number, dict(zip(columns, values))


def _allow_long_fields() -> None:
    """The csv module refuses cells over 128 KB; an article can be longer (the file limit still applies)."""
    if csv.field_size_limit() < 2**31 - 1:
        csv.field_size_limit(2**31 - 1)


def _jsonl_records(text: str) -> Iterator[tuple[int, Any]]:
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        try:
            yield number, json.loads(line)
        except (ValueError, RecursionError):
            yield number, IngestError("no valid JSON")


def _json_records(text: str) -> Iterator[tuple[int, Any]]:
    try:
        value = json.loads(text)
    except RecursionError:
        raise IngestError("the JSON is nested too deeply to read") from None
    except ValueError as error:
        raise IngestError(f"this is not valid JSON ({error})") from None
    if isinstance(value, dict) and isinstance(value.get("articles"), list):
        value = value["articles"]
    elif isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        raise IngestError("the JSON holds neither a list of articles nor an object with an 'articles' list")
    yield from enumerate(value, start=1)
