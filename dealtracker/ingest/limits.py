"""How much one batch may ask of the machine: file size, PDF pages, archive entries and size, bulk rows.

The defaults live in ``data/ingest_limits.csv`` (one place, with the environment variable that overrides
each one and what it means), so a deployment can raise a limit without touching code — and every message
that cites a limit can name the variable that changes it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, fields

from ..data_files import read_csv
from ..settings import environment

MB = 1024 * 1024
_TABLE = "ingest_limits.csv"


class LimitsError(ValueError):
    """A limit set in the environment that is not a positive number; the message says which."""


@dataclass(frozen=True)
class Limits:
    """Every limit a reader enforces. Sizes are in bytes."""

    max_file_bytes: int
    max_pdf_pages: int
    max_archive_entries: int
    max_archive_bytes: int
    max_rows: int

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Limits:
        """Defaults from data/ingest_limits.csv, each overridden by its environment variable when set."""
        environ = environment() if environ is None else environ
        table = {row["name"]: row for row in read_csv(_TABLE)}
        values: dict[str, int] = {}
        for f in fields(cls):
            row = table.get(f.name)
            if row is None:
                raise LimitsError(f"{_TABLE} has no row for '{f.name}'")
            raw = environ.get(row["env"], "").strip() or row["default"]
            try:
                number = float(raw)
            except ValueError:
                number = -1.0
            if not number > 0:
                raise LimitsError(f"{row['env']} must be a positive number of {row['unit']} (got '{raw}')")
            values[f.name] = int(number * MB) if row["unit"] == "MB" else int(number)
        return cls(**values)


def describe(name: str, value: int) -> str:
    """A limit as people read it, with the variable that changes it: '25 MB (DEALTRACKER_MAX_FILE_MB)'."""
    row = next((r for r in read_csv(_TABLE) if r["name"] == name), None)
    unit = row["unit"] if row else ""
    shown = format_size(value) if unit == "MB" else f"{value:,} {unit}".strip()
    return f"{shown} ({row['env']})" if row else shown


def format_size(size: int) -> str:
    """Bytes as MB with one decimal when needed: '25 MB', '25.4 MB', '0.5 MB'."""
    shown = f"{size / MB:.1f}"
    return f"{shown.removesuffix('.0')} MB"


def check_file_size(size: int, limits: Limits) -> str | None:
    """The reason a file of ``size`` bytes is refused, or None when it is within the limit."""
    if size > limits.max_file_bytes:
        return f"the file is {format_size(size)}; the limit is {describe('max_file_bytes', limits.max_file_bytes)}"
    return None
