"""Which lines of a text are read for furniture at all: the cheap tests that spare reading every sentence.

Apart from the tests of each kind because this is a speed rule with its own guarantee: a line set aside here
(a sentence of the article, a line holding nothing furniture could hide) is one no furniture test accepts.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .line import _Line
from .shapes import (
    _BULLET,
    _COPYRIGHT_SIGN,
    _TIME,
    MAX_COPYRIGHT_WORDS,
    MAX_LOOKED_CHARS,
    MAX_RELATED_LINES,
    MAX_TICKER_LABEL_WORDS,
)
from .words import _first_words, _lexicons, _prose_exceptions, _read_also_first_words


def _lines(normalised: str, relevant: Callable[[int, int], bool] | None = None) -> list[_Line]:
    """The text's non-blank lines, each read for furniture words unless it cannot be furniture.

    Furniture stands around the article's body — menus, tickers, the title's dateline above it; related
    lists, share bars and copyright below — or under a "read also" heading inside it. So the lines from the
    first sentence of the article to its last are not tested one by one (reading every sentence of every
    article cost a sixth of the engine's time); among them only a "read also" heading and the lines under it
    are. ``relevant(start, end)``, when given, says whether a line holds anything furniture would hide (an
    amount, a name, a cue word): a line that holds nothing is not read (a date line, an empty heading) unless
    it is a "read also" heading, whose list below may.
    """
    raw_lines = []
    offset = 0
    for raw in normalised.split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        body = raw.strip()
        if body:
            start = line_start + (len(raw) - len(raw.lstrip()))
            raw_lines.append((start, start + len(body), body))
    prose: dict[int, bool] = {}  # line index → _is_prose, each line tested once

    def is_prose(i: int) -> bool:
        found = prose.get(i)
        if found is None:
            found = prose[i] = _is_prose(raw_lines[i][2])
        return found

    first = next((i for i in range(len(raw_lines)) if is_prose(i)), len(raw_lines))
    last = next((i for i in range(len(raw_lines) - 1, first, -1) if is_prose(i)), first)
    lines = []
    under_heading = 0  # lines left that may be a "read also" heading's list
    for i, (start, end, body) in enumerate(raw_lines):
        inside = first < i < last
        if inside and _starts_read_also(body) and _prose_exceptions()[0].match(body):
            under_heading = MAX_RELATED_LINES + 1
        elif inside and under_heading:
            under_heading -= 1
        if (
            (inside and not under_heading)
            or is_prose(i)
            or not _may_be_furniture(body)
            or (relevant is not None and not relevant(start, end) and not _starts_read_also(body))
        ):
            lines.append(_Line(start, end, body, [], [], prose=True))
            continue
        lines.append(_line(normalised, start, end, body))
    return lines


def _line(normalised: str, start: int, end: int, body: str) -> _Line:
    """A line read for furniture words. A paragraph (longer than any headline, ticker or menu line) can be
    furniture only by its head: a leading dateline or a "Read also:" heading, the only two tests made of it."""
    lex = _lexicons()
    return _Line(
        start, end, body,
        lex.furniture.findall(normalised, start, end),
        lex.money.findall(normalised, start, end),
        end - start > MAX_LOOKED_CHARS,
    )


_DIGIT = re.compile(r"\d")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _may_be_furniture(body: str) -> bool:
    """Whether a line that is no sentence can still be furniture, told cheaply. A dateline holds a time of
    day; a "read also" heading or a copyright notice its words; a ticker line digits; a menu, share or
    ticker-label line has no digit and begins with one of their words. Titles without a digit mostly are
    none of these."""
    head, copyright = _prose_exceptions()
    if "©" in body or head.match(body) or (":" in body and _TIME.search(body)):
        return True
    lower = body.lower()
    if body.count(" ") <= MAX_COPYRIGHT_WORDS and any(word in lower for word in copyright):
        return True
    if _DIGIT.search(body):
        return True  # a ticker, a list of rates in words ("الدولار 12850 سوم | اليورو 13900 سوم"), a date
    if ":" in body:
        return True  # a label ("Exchange rates of the NBT:") or a heading
    first = _FIRST_WORD.search(_BULLET.sub("", body, count=1))
    if first is None:
        return True  # symbols only (a share bar of icons): let the full tests judge
    word = first.group().casefold()
    starts = _first_words()
    return any(word[:k] in starts for k in range(1, len(word) + 1))


_END_MARKS = ".!?\u061f\u2026"
_CLOSERS = " \t\"')]»"


def _is_prose(body: str) -> bool:
    """A sentence of the article, told cheaply so that it is not read for furniture at all (most lines of an
    article are, and reading each with two lexicons doubled the engine's time): it ends a sentence after a
    word, has more words than any ticker label, and holds no time of day, no copyright mark or word and no
    "read also" at its head. None of the furniture tests can accept such a line."""
    if body.count(" ") < MAX_TICKER_LABEL_WORDS:  # as many words as a ticker label or a menu line may have
        return False
    tail = body.rstrip(_CLOSERS)
    if not tail or tail[-1] not in _END_MARKS or tail[:-1].rstrip()[-1:].isdigit():
        return False
    if (":" in body and _TIME.search(body)) or ("©" in body or "(" in body and _COPYRIGHT_SIGN.search(body)):
        return False
    head, copyright = _prose_exceptions()
    if _starts_read_also(body) and head.match(body):
        return False
    if body.count(" ") > MAX_COPYRIGHT_WORDS:  # longer than any copyright notice (see _is_copyright)
        return True
    lower = body.lower()
    return not any(word in lower for word in copyright)


def _starts_read_also(body: str) -> bool:
    """Whether the line's first word (after a bullet) begins a "read also" term: a set look-up that spares
    trying the whole heading pattern on every sentence."""
    first = _FIRST_WORD.search(body, 0, 40)
    if first is None:
        return True
    word = first.group().lower()
    whole, stems = _read_also_first_words()
    return word in whole or word.startswith(stems) or word.startswith(("ال", "و", "ف")) and (
        word[2:] in whole or word[1:] in whole
    )
