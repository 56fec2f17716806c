"""The one exception readers raise: its message is shown to people as it is, after the file's name."""

from __future__ import annotations


class IngestError(Exception):
    """A file (or a row, or an archive entry) that cannot become an article, and why, in plain words."""
