"""Any supported file → articles, with every file, row or archive entry that cannot be read named.

Readers take a file's *name* only to choose a format and to name it in messages; the bytes come from
memory, so an uploaded name is never used as a path on disk.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import PurePosixPath

from ..schema import Article, ReadProblem
from .archive import ARCHIVE_SUFFIXES, open_files
from .errors import IngestError
from .formats import READERS
from .limits import Limits, check_file_size

SUPPORTED_SUFFIXES = tuple(sorted(set(READERS) | ARCHIVE_SUFFIXES))
# Formats people try that have a better-known cousin we read.
_HINTS = {
    ".doc": "save it as .docx",
    ".rtf": "save it as .docx or .txt",
    ".odt": "save it as .docx",
    ".xls": "save it as .csv",
    ".xlsx": "save it as .csv",
}


def suffix_of(name: str) -> str:
    """The lower-case suffix; a file without one is read as text."""
    return PurePosixPath(name.replace("\\", "/")).suffix.lower() or ".txt"


def read_file(name: str, data: bytes, limits: Limits) -> Iterator[Article | ReadProblem]:
    """One file that is not an archive: its articles, and problems named after it (or its rows).

    An IngestError from the reader becomes one ReadProblem for ``name``; anything the reader yielded
    before it (articles of earlier rows) stands.
    """
    try:
        too_big = check_file_size(len(data), limits)
        if too_big:
            raise IngestError(too_big)
        if not data or data.isspace():  # as ``not data.strip()``, without copying the file
            raise IngestError("the file is empty")
        suffix = suffix_of(name)
        reader = READERS.get(suffix)
        if reader is None:
            hint = _HINTS.get(suffix)
            raise IngestError(
                f"'{suffix}' files are not supported" + (f"; {hint}" if hint else f"; use one of {', '.join(SUPPORTED_SUFFIXES)}")
            )
        yield from reader(name, data, limits)
    except IngestError as error:
        yield ReadProblem(name, str(error))


def read_documents(name: str, data: bytes, limits: Limits | None = None) -> Iterator[Article | ReadProblem]:
    """Any supported file, an archive included: every article in it, and a ReadProblem for what failed."""
    limits = limits or Limits.from_env()
    too_big = check_file_size(len(data), limits)
    if too_big:
        yield ReadProblem(name, too_big)
        return
    for item in open_files(name, data, limits, set(READERS)):
        if isinstance(item, ReadProblem):
            yield item
        else:
            yield from read_file(*item, limits)


def read_document(name: str, data: bytes, limits: Limits | None = None) -> Article:
    """The one article of a single-article file (the evaluation and tests read such files), else IngestError."""
    articles: list[Article] = []
    for item in read_documents(name, data, limits):
        if isinstance(item, ReadProblem) and not item.warning:
            raise IngestError(item.reason)
        if isinstance(item, Article):
            articles.append(item)
    if len(articles) != 1:
        raise IngestError(f"expected one article, found {len(articles)}")
    return articles[0]
