"""Readers for plain text, Markdown and HTML articles.

HTML goes through trafilatura, which keeps the article body and drops navigation, scripts and comments;
text encodings are detected (BOM, UTF-8, then charset-normalizer) rather than guessed from the extension.
"""

from __future__ import annotations

import re
from pathlib import PurePath

from ..schema import Article
from ..text import guess_language

MAX_FILE_BYTES = 25 * 1024 * 1024
TEXT_SUFFIXES = {".txt", ".text", ".md", ".markdown"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
SUPPORTED_SUFFIXES = tuple(sorted(TEXT_SUFFIXES | HTML_SUFFIXES))


class IngestError(Exception):
    """A file that cannot become an article; the message is shown to people as is."""


def read_text(text: str, source: str = "pasted text") -> Article:
    """An article from text a person pasted or a reader produced."""
    # Surrounding blank space is not part of the article: stripping it keeps offsets (and so deal ids) the same
    # for the same text however it was saved.
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip("\ufeff").strip()
    if not text.strip():
        raise IngestError("the text is empty")
    return Article(source=source, text=text, title=_first_line(text), language=guess_language(text))


def read_document(name: str, data: bytes) -> Article:
    """Read one uploaded or local file's bytes as an article, or raise IngestError saying why not."""
    suffix = PurePath(name).suffix.lower()
    if len(data) > MAX_FILE_BYTES:
        raise IngestError(f"the file is {len(data) / 1e6:.1f} MB; the limit is {MAX_FILE_BYTES / 1e6:.0f} MB")
    if not data.strip():
        raise IngestError("the file is empty")
    if suffix in HTML_SUFFIXES:
        return _read_html(name, _decode(data))
    if suffix in TEXT_SUFFIXES or suffix == "":
        text = _decode(data)
        if suffix in (".md", ".markdown"):
            text = _markdown_to_text(text)
        return read_text(text, source=name)
    raise IngestError(
        f"'{suffix}' files are not supported yet; use one of {', '.join(SUPPORTED_SUFFIXES)}"
    )


def _decode(data: bytes) -> str:
    if data.startswith(b"\xef\xbb\xbf"):
        return data[3:].decode("utf-8", errors="replace")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return data.decode("utf-16")
    if _looks_binary(data):
        raise IngestError("this looks like a binary file, not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise IngestError("the text encoding could not be recognised")
    return str(best)


def _looks_binary(data: bytes) -> bool:
    sample = data[:4096]
    if b"\x00" in sample:
        return True
    control = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return control > len(sample) * 0.05


def _first_line(text: str) -> str | None:
    for line in text.splitlines():
        if line.strip():
            line = line.strip()
            return line if len(line) <= 300 else line[:297] + "…"
    return None


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def _markdown_to_text(text: str) -> str:
    """Drop Markdown markup that is not article text (heading marks, link targets, bold marks)."""
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)


def _published_date(html: str) -> str | None:
    """The date a page states in its metadata (meta tags, JSON-LD, <time>), never a guess.

    htmldate's extensive search would turn a footer's "© 2025" into 2025-01-01; a wrong deal date is worse
    than none.
    """
    from htmldate import find_date

    try:
        return find_date(html, extensive_search=False, original_date=True)
    except Exception:  # htmldate raises on some malformed pages; the date is optional
        return None


def _read_html(name: str, html: str) -> Article:
    import trafilatura

    body = trafilatura.extract(
        html, include_comments=False, include_tables=True, favor_recall=True, deduplicate=False
    )
    if not body or not body.strip():
        raise IngestError("no article text was found in this web page")
    metadata = trafilatura.extract_metadata(html)
    title = metadata.title if metadata is not None and metadata.title else None
    date = _published_date(html)
    text = f"{title}\n{body}" if title and not body.lstrip().startswith(title) else body
    article = read_text(text, source=name)
    return Article(source=name, text=article.text, title=title or article.title, date=date, language=article.language)
