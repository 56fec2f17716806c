"""Files and folders on disk: what the command line is given. A folder gives every supported file inside it,
recursively and in name order; a file over the size limit is refused before it is read."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path

from ..ingest import SUPPORTED_SUFFIXES, Limits
from ..ingest.limits import check_file_size
from ..schema import ReadProblem
from . import Document


def expand(paths: Sequence[str]) -> list[tuple[str, Path] | ReadProblem]:
    """Each file as (name as given, path); a folder gives every supported file inside it, recursively."""
    found: list[tuple[str, Path] | ReadProblem] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            found.extend(
                (str(child), child)
                for child in sorted(path.rglob("*"))
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES
            )
        elif path.is_file():
            found.append((given, path))
        else:
            found.append(ReadProblem(given, "no such file or folder"))
    return found


def read_files(files: list[tuple[str, Path] | ReadProblem], limits: Limits) -> Iterator[Document | ReadProblem]:
    """Each file's bytes, read one at a time; a file over the size limit is refused before it is read."""
    for item in files:
        if isinstance(item, ReadProblem):
            yield item
            continue
        name, path = item
        try:
            too_big = check_file_size(path.stat().st_size, limits)
            yield ReadProblem(name, too_big) if too_big else Document(name, path.read_bytes(), {"kind": "file", "path": str(path)})
        except OSError as error:
            yield ReadProblem(name, f"could not be opened ({error.strerror or error})")
