"""The learned vetoes' model files (``data/models/*.json``): where they are and how a damaged one is treated.

Both vetoes (``deal_veto.py``, ``lexical_veto.py``) are optional second opinions: a missing or damaged file must mean
"no such veto" (the rules decide), never an error in the middle of an extraction, so every failure to read or
validate a file reads as None. Read once per path (extraction asks for the model once per article).
"""

from __future__ import annotations

import json
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

from ..settings import data_dir

M = TypeVar("M")
MODELS = Path("models")  # under the data folder


def model_file(name: str) -> Path:
    """``data/models/<name>`` of the data folder in use (``DEALTRACKER_DATA_DIR`` may point elsewhere)."""
    return data_dir() / MODELS / name


def read_model(path: Path, from_json: Callable[[dict], M]) -> M | None:
    """The model stored at ``path`` as ``from_json`` builds it from the file's JSON, or None when the file is missing
    or damaged (unreadable, not JSON, a field missing or out of range)."""
    return _read(path, from_json)


@lru_cache(maxsize=8)
def _read(path: Path, from_json: Callable[[dict], M]) -> M | None:
    try:
        return from_json(json.loads(path.read_text(encoding="utf-8")))
    except (OSError, ValueError, KeyError, TypeError, AttributeError):  # (binascii.Error is a ValueError)
        return None
