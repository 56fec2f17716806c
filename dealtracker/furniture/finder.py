"""Furniture of a whole text: ``find_furniture`` (each line's kind), ``furniture_spans`` (merged ranges),
``is_furniture`` (a page block wholly furniture) and ``may_hold_furniture`` (a quick "need not look").

Apart from the tests of each kind: this module decides the order they are asked in (tickers over runs of
lines first, then line by line: a "read also" heading and the headlines under it, copyright, menus and share
bars, datelines) and maps the found lines back to the text as given.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from ..text import NormalisedText
from .kinds import _dateline, _is_copyright, _is_headline, _menu_or_share, _read_also
from .line import _covered, _Line
from .reading import _is_prose, _lines, _starts_read_also
from .shapes import (
    _COPYRIGHT_SIGN,
    _SENTENCE_END,
    _TIME,
    _WORD,
    KINDS,
    MAX_COPYRIGHT_WORDS,
    MAX_RELATED_LINES,
    PARAGRAPH_HEAD_CHARS,
    Furniture,
)
from .tickers import _ticker_runs
from .words import _prose_exceptions


def find_furniture(
    text: str, normalised: bool = False, relevant: Callable[[int, int], bool] | None = None
) -> list[Furniture]:
    """Every furniture line (or leading dateline) of the text, in text order, with its kind.

    ``normalised``: the text is already normalised (the deal reader's): offsets then index it as it is.
    ``relevant``: see ``_lines`` (the deal reader asks only about lines that hold its mentions).
    """
    if not text:
        return []
    norm = None if normalised else NormalisedText.of(text)
    found = _furniture_of_lines(_lines(text if norm is None else norm.text, relevant))
    spans = []
    for item in sorted(found.values(), key=lambda f: f.start):
        # The end maps through the next character, so that marks normalisation dropped at the end of a line
        # (an Arabic tanween: "أيضاً") stay inside the range.
        start, end = (item.start, item.end) if norm is None else (norm.index[item.start], norm.index[item.end])
        spans.append(Furniture(start, end, item.kind))
    return spans


def _furniture_of_lines(lines: list[_Line]) -> dict[int, Furniture]:
    """The furniture among the lines, by the line's start: ticker runs first, then each line's kind."""
    found: dict[int, Furniture] = {}  # by the line's start

    def add(line: _Line, kind: str, end: int | None = None) -> None:
        if line.start not in found:
            found[line.start] = Furniture(line.start, line.end if end is None else end, kind)

    for run in _ticker_runs(lines):
        for line in run:
            add(line, "ticker")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.text or line.prose:
            continue
        if line.paragraph:
            if _read_also(line) == "inline":
                add(line, "read_also")
            elif _TIME.search(line.text, 0, PARAGRAPH_HEAD_CHARS):
                dateline = _dateline(line)
                if dateline:
                    add(line, "dateline", dateline.end)
            continue
        heading = _read_also(line)
        if heading:
            add(line, "read_also")
            if heading == "heading":
                i = _related_under(lines, i, add)
            continue
        if _is_copyright(line):
            add(line, "copyright")
            continue
        kind = _menu_or_share(line)
        if kind:
            add(line, kind)
            continue
        dateline = _dateline(line)
        if dateline:
            add(line, "dateline", dateline.end)
    return found


def _related_under(lines: list[_Line], i: int, add: Callable[[_Line, str], None]) -> int:
    """Marks the related headlines listed under a "read also" heading, from ``lines[i]`` on; the index of the
    first line after them."""
    taken = 0
    j = i
    while j < len(lines) and taken < MAX_RELATED_LINES:
        nxt = lines[j]
        if not nxt.text:
            j += 1
            continue
        if _read_also(nxt) or not _is_headline(nxt):
            break
        add(nxt, "related")
        taken += 1
        j += 1
    return j


# A ticker quotes rates (87.45, 12 850): an amount this large on a line is a deal's value, not a rate.
TICKER_RATE_CEILING = 100_000


def may_hold_furniture(text: str, amounts: Iterable[tuple[int, float]], signings: Iterable[int] = ()) -> bool:
    """Whether any of the deal reader's amounts ((position, value)) or signings lies on a line that could be
    furniture. When none does, furniture cannot hide anything that makes a deal, and the text need not be read
    for it: a quick answer for most articles, told by cheap tests of those few lines only.

    A line can be furniture if it is no plain sentence and: holds a time of day (a dateline), a copyright mark
    or word, a "read also" at its head or under a "read also" heading a few lines above (a related headline),
    or — a ticker — a small number, not a deal's value.
    """
    lines: dict[int, list[float | None]] = {}
    for position, value in amounts:
        lines.setdefault(text.rfind("\n", 0, position) + 1, []).append(value)
    for position in signings:
        lines.setdefault(text.rfind("\n", 0, position) + 1, []).append(None)
    head, copyright = _prose_exceptions()
    for start, values in lines.items():
        end = text.find("\n", start)
        body = text[start:len(text) if end == -1 else end].strip()
        if not body or _is_prose(body):
            continue
        if any(value is not None and value < TICKER_RATE_CEILING for value in values):
            return True
        if "©" in body or (":" in body and _TIME.search(body)) or head.match(body):
            return True
        if body.count(" ") <= MAX_COPYRIGHT_WORDS and any(word in body.lower() for word in copyright):
            return True
        if _under_read_also_heading(text, start):
            return True
    return False


def _under_read_also_heading(text: str, start: int) -> bool:
    """Whether a "read also" heading stands within the few lines above this line's start."""
    head = _prose_exceptions()[0]
    above = start
    for _ in range(MAX_RELATED_LINES + 1):
        if above <= 0:
            return False
        line_start = text.rfind("\n", 0, above - 1) + 1
        body = text[line_start:above - 1].strip()
        if body and _starts_read_also(body) and head.match(body):
            return True
        above = line_start
    return False


def furniture_spans(
    text: str, normalised: bool = False, relevant: Callable[[int, int], bool] | None = None
) -> list[tuple[int, int]]:
    """Character ranges [start, end) of ``text`` that are page furniture, sorted and merged.

    Ranges that only whitespace separates are merged (a "related news" heading and its headlines are one
    range). A sentence lying inside a range is not article text and never states a deal.
    """
    merged: list[list[int]] = []
    for item in find_furniture(text, normalised, relevant):
        if merged and not text[merged[-1][1]:item.start].strip():
            merged[-1][1] = max(merged[-1][1], item.end)
        else:
            merged.append([item.start, item.end])
    return [(start, end) for start, end in merged]


def is_furniture(text: str, kinds: Iterable[str] = KINDS) -> bool:
    """True when every non-blank line of the text is furniture of the given kinds (whole lines)."""
    wanted = set(kinds)
    for line in text.splitlines():
        # A long sentence with its full stop is article text (only a copyright notice may look so): answered
        # without the full reading, which matters when a page reader asks about every block of a page.
        if len(_WORD.findall(line)) > 16 and _SENTENCE_END.search(line) and not _COPYRIGHT_SIGN.search(line):
            return False
    items = [item for item in find_furniture(text) if item.kind in wanted]
    if not text.strip():
        return False
    mask = _covered(len(text), [(item.start, item.end) for item in items])
    return all(mask[i] for i, ch in enumerate(text) if ch.isalnum())
