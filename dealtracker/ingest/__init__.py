"""Files in, plain-text articles out: one reader per format, one clear message per bad file.

Readers take the file's *name* only to choose a format and to name it in messages; the bytes come from
memory, so an uploaded name is never used as a path on disk.
"""

from __future__ import annotations

from .readers import MAX_FILE_BYTES, SUPPORTED_SUFFIXES, IngestError, read_document, read_text

__all__ = ["MAX_FILE_BYTES", "SUPPORTED_SUFFIXES", "IngestError", "read_document", "read_text"]
