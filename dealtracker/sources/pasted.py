"""Text a person pasted: one article, named after its first words so pasted articles can be told apart.

Its bytes are the text in UTF-8; it is read as the text it is (``ingest.read_text``), not by a file reader: a
pasted text has no file type, and no encoding to guess.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..ingest import IngestError, read_text
from ..schema import Article, ReadProblem
from . import Document

# The name a problem with pasted text is reported under (the text has none of its own when it is empty).
PROBLEM_SOURCE = "pasted text"


def pasted_name(text: str) -> str:
    """A name that tells pasted articles apart in the review page: its first words."""
    first = " ".join(text.split()[:8])
    return f"pasted: {first[:60]}{'…' if len(first) > 60 or len(text.split()) > 8 else ''}"


def pasted(text: str) -> Document:
    return Document(pasted_name(text), text.encode("utf-8", "surrogatepass"), {"kind": "pasted"})


def read_pasted_document(document: Document) -> Iterator[Article | ReadProblem]:
    """The pasted text's one article, or the problem with it (empty text), as a reader yields them."""
    try:
        yield read_text(document.data.decode("utf-8", "surrogatepass"), source=document.name)
    except IngestError as error:
        yield ReadProblem(PROBLEM_SOURCE, str(error))
