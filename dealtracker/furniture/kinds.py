"""The one-line kinds of furniture: datelines, "read also" headings and their headlines, menus, share bars and
copyright lines.

Apart from the finder, which decides the order the tests are asked in and what a heading takes below it.
"""

from __future__ import annotations

import re

from .line import _is_arabic, _is_capitalised, _is_number, _Line, _number_spans, _residual_words
from .shapes import (
    _BULLET,
    _COPYRIGHT_SIGN,
    _DATELINE_TAIL,
    _DOMAIN,
    _HEADING_TAIL,
    _INLINE_TAIL,
    _INNER_SENTENCE,
    _NUMBER,
    _SENTENCE_END,
    _TIME,
    _WORD,
    MAX_COPYRIGHT_WORDS,
    MAX_HEADLINE_CHARS,
    MAX_HEADLINE_WORDS,
    Furniture,
)


# ---------------------------------------------------------------------------------------------- datelines

def _is_dateline(line: _Line, text: str | None = None, start: int = 0) -> bool:
    """A time of day with only dates, weekdays, places, agencies and section names around it."""
    text = line.text if text is None else text
    a, b = line.start + start, line.start + start + len(text)
    sub = _Line(a, b, text, [m for m in line.terms if a <= m.start and m.end <= b],
                [m for m in line.money if a <= m.start and m.end <= b])
    if not _TIME.search(text) or sub.has_currency or sub.has_scale or len(_WORD.findall(text)) > 16:
        return False
    times = [m.span() for m in _TIME.finditer(text)]
    sites = [m.span() for m in _DOMAIN.finditer(text)]
    residual = _residual_words(sub, {"dateline", "menu"}, {"month"}, times + _number_spans(text) + sites)
    residual = [w for w in residual if not _is_number(w)] + ["Site"] * len(sites)
    if len(residual) > 3:
        return False
    return all(_is_capitalised(w) or _is_arabic(w) for w in residual) and sum(map(_is_arabic, residual)) <= 2


def _dateline(line: _Line) -> Furniture | None:
    if _is_dateline(line):
        return Furniture(line.start, line.end, "dateline")
    first = _TIME.search(line.text)
    if first is None:
        return None
    # "ASTANA, 14 March 2025, 10:15 — Kazakhstan signed …": only the leading dateline is furniture.
    after = line.text[first.end():]
    extra = re.match(r"(?:\s*(?:AM|PM|a\.m\.|p\.m\.|GMT|UTC|MSK|мск|ص|م)\b\.?)*", after, re.IGNORECASE)
    cut = first.end() + (extra.end() if extra else 0)
    tail = _DATELINE_TAIL.match(line.text[cut:])
    if tail is None:
        return None
    if not _is_dateline(line, line.text[:cut]):
        return None
    return Furniture(line.start, line.start + cut + tail.end(), "dateline")


# ---------------------------------------------------------------------------------------------- headings, menus

def _read_also(line: _Line) -> str | None:
    """"heading" for a bare "Read also" / "Related news" line, "inline" for "Read also: <headline>"."""
    lead = _BULLET.match(line.text)
    offset = line.start + (lead.end() if lead else 0)
    for match in line.terms:
        if "read_also" not in match.payload:
            continue
        if match.start != offset:
            return None
        tail = line.text[match.end - line.start:]
        if _HEADING_TAIL.match(tail):
            return "heading"
        if _INLINE_TAIL.match(tail):
            return "inline"
        return None
    return None


def _is_headline(line: _Line) -> bool:
    """Short, one sentence, no closing full stop: a related story's headline."""
    text = _BULLET.sub("", line.text).strip()
    if not text or len(text) > MAX_HEADLINE_CHARS or len(_WORD.findall(text)) > MAX_HEADLINE_WORDS:
        return False
    if _SENTENCE_END.search(text) or _INNER_SENTENCE.search(text):
        return False
    return True


def _menu_or_share(line: _Line) -> str | None:
    """"menu" or "share" when every word of the line is a menu or share word."""
    if not _WORD.search(line.text) or _NUMBER.search(line.text):
        return None
    if _residual_words(line, {"menu", "share"}, set()):
        return None
    return "share" if line.has("share") else "menu"


def _is_copyright(line: _Line) -> bool:
    if len(_WORD.findall(line.text)) > MAX_COPYRIGHT_WORDS or line.has_scale:
        return False
    return _COPYRIGHT_SIGN.search(line.text) is not None or line.has("copyright")
