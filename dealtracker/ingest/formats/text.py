"""Plain text and Markdown: decode (encoding detected from the bytes), drop Markdown markup."""

from __future__ import annotations

import re
from collections.abc import Iterator

from ...schema import Article, ReadProblem
from ..article import make_article
from ..encoding import decode
from ..limits import Limits

MARKDOWN_SUFFIXES = {".md", ".markdown"}


def read(name: str, data: bytes, limits: Limits) -> Iterator[Article | ReadProblem]:
    decoded = decode(data)
    text = decoded.text
    if name.lower().endswith(tuple(MARKDOWN_SUFFIXES)):
        text = markdown_to_text(text)
    yield make_article(name, text)
    if decoded.note:
        yield ReadProblem(name, decoded.note, warning=True)


_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+", re.MULTILINE)
_MD_LINK = re.compile(r"!?\[([^\]]*)\]\([^)]*\)")
_MD_EMPHASIS = re.compile(r"(\*\*|__)(.+?)\1")


def markdown_to_text(text: str) -> str:
    """Drop Markdown markup that is not article text (heading marks, link targets, bold marks)."""
    text = _MD_HEADING.sub("", text)
    text = _MD_LINK.sub(r"\1", text)
    return _MD_EMPHASIS.sub(r"\2", text)
