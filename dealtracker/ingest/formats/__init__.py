"""One reader per file format, chosen by the file name's suffix.

Every reader has the same shape: ``read(name, data, limits)`` yields Articles (many, for a bulk export)
and ReadProblems (a skipped row, a note such as mixed encodings), or raises IngestError when the file as a
whole cannot be read. ``name`` only names the file in messages and in the articles' ``source``.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ...schema import Article, ReadProblem
from ..limits import Limits
from . import bulk, docx, eml, html, pdf, text

Reader = Callable[[str, bytes, Limits], Iterable[Article | ReadProblem]]

READERS: dict[str, Reader] = {
    **{suffix: text.read for suffix in (".txt", ".text", ".md", ".markdown")},
    **{suffix: html.read for suffix in (".html", ".htm", ".xhtml")},
    ".pdf": pdf.read,
    ".docx": docx.read,
    ".eml": eml.read,
    **{suffix: bulk.read for suffix in bulk.BULK_SUFFIXES},
}
