"""Where the engine's data lives and how a CSV from it is read.

Gazetteers, lexicons and exchange rates are data, kept as CSV under ``data/`` so that a reviewer can
correct a name or a rate without touching code. ``DEALTRACKER_DATA_DIR`` points elsewhere (tests, a team's
own lexicons).
"""

from __future__ import annotations

import csv
from pathlib import Path

from .settings import REPO_ROOT, data_dir

__all__ = ["REPO_ROOT", "data_dir", "read_csv", "samples_dir"]


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` as dicts with stripped values; a missing optional file gives no rows."""
    path = data_dir() / name
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(handle)
        ]


def samples_dir() -> Path:
    return data_dir() / "samples"
