"""Text a reader extracted → an Article: tidied the same way for every format, with language and date.

Every format ends here, so the same words give the same article (and the same deal ids) whether they
came as a .txt, a PDF, an e-mail or a row of a news export.
"""

from __future__ import annotations

from ..schema import Article
from .dates import head_lines, publication_date
from .errors import IngestError
from .language import detect_language

MAX_TITLE = 300


def make_article(source: str, text: str, title: str | None = None, date: str | None = None) -> Article:
    """An Article from extracted text; ``date`` (the page's or the row's) wins over a date in the text."""
    # Surrounding blank space is not part of the article: stripping it keeps offsets (and so deal ids) the same
    # for the same text however it was saved. A zero byte is never article text (and PostgreSQL refuses it).
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\x00", "").strip("\ufeff").strip()
    if not text:
        raise IngestError("there is no text in it")
    title = " ".join(title.split()) if title else None
    return Article(
        source=source,
        text=text,
        title=_shorten(title) if title else first_line(text),
        date=date or publication_date(text),
        language=detect_language(text),
    )


def read_text(text: str, source: str = "pasted text") -> Article:
    """An article from text a person pasted or typed."""
    if not text.strip():
        raise IngestError("the text is empty")
    return make_article(source, text)


def first_line(text: str) -> str | None:
    """The first non-blank line, as the title of a text that has no other (read from the text's start)."""
    lines = head_lines(text, 1)
    return _shorten(lines[0].strip()) if lines else None


def _shorten(line: str) -> str:
    return line if len(line) <= MAX_TITLE else line[: MAX_TITLE - 1] + "…"
