"""Files a person sent through the app, and the sample articles shipped with it (``data/samples``)."""

from __future__ import annotations

from collections.abc import Iterable

from ..data_files import samples_dir
from ..ingest import SUPPORTED_SUFFIXES
from . import Document


def uploaded(files: Iterable[tuple[str, bytes]]) -> list[Document]:
    """Uploaded files, as (name, bytes) the browser sent."""
    return [Document(name, data, {"kind": "upload"}) for name, data in files]


def samples() -> list[Document]:
    """The sample articles, in name order."""
    return [
        Document(path.name, path.read_bytes(), {"kind": "sample", "path": str(path)})
        for path in sorted(samples_dir().iterdir())
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES
    ]
