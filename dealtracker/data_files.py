"""Where the engine's data lives and how a CSV from it is read.

Gazetteers, lexicons and exchange rates are data, kept as CSV under ``data/`` so that a reviewer can
correct a name or a rate without touching code. ``DEALTRACKER_DATA_DIR`` points elsewhere (tests, a team's
own lexicons).

What belongs to one language lives in its pack, ``data/lang/<code>/`` (as spaCy keeps ``lang/xx/``): the same
file names as the shared tables, without their ``language`` column, which the folder's name gives. Reading
``money_terms.csv`` therefore reads the shared file (where one is left, e.g. rows for every language) and then
each pack's, with ``language`` filled in: a new language is a new folder, not an edit of code or of the other
languages' rows. ``dealtracker.languages`` answers what the packs say about each language itself.
"""

from __future__ import annotations

import csv
from functools import lru_cache
from pathlib import Path

from .settings import REPO_ROOT, data_dir, language_pack_dirs

__all__ = ["REPO_ROOT", "data_dir", "pack_folders", "read_csv", "samples_dir"]

# The file that makes a folder a language pack (its name, number conventions, proclitics …).
PACK_MARKER = "language.csv"


def read_csv(name: str) -> list[dict[str, str]]:
    """Rows of ``data/<name>`` and then of every language pack's ``<name>`` (with ``language`` set to the pack's
    code), as dicts with stripped values; a missing optional file gives no rows."""
    rows = _rows(data_dir() / name)
    for code, folder in pack_folders():
        rows.extend({**row, "language": code} for row in _rows(folder / name))
    return rows


def pack_folders() -> tuple[tuple[str, Path], ...]:
    """(code, folder) of every language pack, the built-in ones first, each code once (the first wins)."""
    return _packs_in(language_pack_dirs())


@lru_cache(maxsize=8)
def _packs_in(roots: tuple[Path, ...]) -> tuple[tuple[str, Path], ...]:
    """Packs under each root: the root itself when it holds a pack's marker file, else its sub-folders that do
    (by name, so the order is the same on every machine)."""
    found: dict[str, Path] = {}
    for root in roots:
        folders = [root] if (root / PACK_MARKER).is_file() else sorted(p for p in root.glob("*") if p.is_dir())
        for folder in folders:
            if (folder / PACK_MARKER).is_file():
                found.setdefault(folder.name, folder)
    return tuple(found.items())


def read_pack_file(folder: Path, name: str) -> list[dict[str, str]]:
    """Rows of one pack's file (its ``language.csv``, for the registry)."""
    return _rows(folder / name)


def _rows(path: Path) -> list[dict[str, str]]:
    if not path.exists():
        return []
    with path.open(encoding="utf-8", newline="") as handle:
        return [
            {key.strip(): (value or "").strip() for key, value in row.items() if key}
            for row in csv.DictReader(handle)
        ]


def samples_dir() -> Path:
    return data_dir() / "samples"
