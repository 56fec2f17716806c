"""Word (.docx): paragraphs and tables in document order (python-docx).

A .docx is a ZIP package, so it gets the archive's checks (entry count, expanded size) before python-docx
reads it — a Word file can be a zip bomb too.
"""

from __future__ import annotations

import io
from collections.abc import Iterator

from ...schema import Article, ReadProblem
from ..archive import open_zip
from ..article import make_article
from ..errors import IngestError
from ..limits import Limits

DOCUMENT_PART = "word/document.xml"


def read(name: str, data: bytes, limits: Limits) -> Iterator[Article | ReadProblem]:
    if not data.startswith(b"PK"):
        raise IngestError("this is not a Word file (.docx must be a ZIP package; an old .doc must be saved as .docx)")
    with open_zip(data, limits, what="Word package") as package:
        if DOCUMENT_PART not in package.namelist():
            raise IngestError(f"this ZIP package is not a Word document ({DOCUMENT_PART} is missing)")
    import docx

    try:
        document = docx.Document(io.BytesIO(data))
        blocks = list(_blocks(document))
        title = document.core_properties.title
    except Exception as error:  # python-docx / lxml on a damaged package: the file is what is wrong
        raise IngestError(f"the Word file is damaged and could not be read ({type(error).__name__})") from None
    text = "\n\n".join(block for block in blocks if block.strip())
    if not text.strip():
        raise IngestError("the Word file has no text")
    yield make_article(name, text, title=title.strip() if title and title.strip() else None)


def _blocks(document) -> Iterator[str]:
    """Each paragraph's text, and each table row as its cells joined by ' | ' (merged cells once)."""
    from docx.table import Table

    for item in document.iter_inner_content():
        if isinstance(item, Table):
            for row in item.rows:
                cells: list[str] = []
                for cell in row.cells:
                    text = " ".join(cell.text.split())
                    if text and (not cells or cells[-1] != text):
                        cells.append(text)
                if cells:
                    yield " | ".join(cells)
        else:
            yield item.text
