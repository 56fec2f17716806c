"""Every CSV table in ``data/`` keeps its header's shape.

Why: lexicon terms may hold commas ("program, which provides"); written without quotes, such a row splits into
more fields than the header has, ``csv.DictReader`` files the tail under the key ``None`` and the term silently
becomes its first word ("program") — which then matches far more than meant. A row with too few fields loses its
term the same way."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "data"
TABLES = sorted(p for p in DATA.rglob("*.csv") if "samples" not in p.parts)


def test_there_are_tables_to_check():
    assert len(TABLES) > 20


@pytest.mark.parametrize("path", TABLES, ids=lambda p: str(p.relative_to(DATA)))
def test_every_row_has_the_headers_fields(path: Path):
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.reader(handle))
    header, body = rows[0], rows[1:]
    wrong = [(number, row) for number, row in enumerate(body, start=2) if row and len(row) != len(header)]
    assert not wrong, f"{path.name}: rows whose field count is not the header's {len(header)}: {wrong[:5]}"
