"""Files in, plain-text articles out: one reader per format, one clear message per bad file, row or entry.

Readers take the file's *name* only to choose a format and to name it in messages; the bytes come from
memory, so an uploaded name is never used as a path on disk.
"""

from __future__ import annotations

from .article import make_article, read_text
from .errors import IngestError
from .limits import Limits, LimitsError
from .readers import SUPPORTED_SUFFIXES, read_document, read_documents, read_file

__all__ = [
    "SUPPORTED_SUFFIXES", "IngestError", "Limits", "LimitsError",
    "make_article", "read_document", "read_documents", "read_file", "read_text",
]
