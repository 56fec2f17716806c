"""The columns of a table's header and the number cells of its rows, for tables with more than one money
column or with the currency in a column of its own:

    № Контрагент   Назначение   Валюта   Сумма, млн   Экв., млн долл. США
    3 Erste Group Bank AG (Австрия)  Бумажная фабрика   EUR   46,5   53,5

    No. Partner bank   Country   Instrument   SAR million   USD million
    3 Halyk Bank of Kazakhstan   Kazakhstan   Line of credit   168.75   45.0

Why: disclosures and press releases of lenders and ministries state each row's amount in its own currency and
again as a dollar equivalent, or give the currency as a cell ("EUR", "JPY") under a header that states only the
scale («Сумма, млн»). Read as one unit, the row's last number (the equivalent) took the first column's currency
(75 "SAR million" for a row of 281.25 SAR million = 75 USD million), and a row whose currency is a cell was no
row at all. The PDF text of such a header runs over several short lines ("SAR" / "million" / "USD" /
"million"); its units are read in order, one per scale word, by the money reader itself (a "1" put in front of
the scale word), so that the row's numbers, counted from the right (after a status cell such as «подписано»),
line up with them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..text import normalise_term
from .lexicon import compiled
from .money import MoneyMention, find_money, scale_words

__all__ = ["Unit", "cell_currency", "header_block", "header_units", "is_header_line", "row_numbers", "scale_word", "short_digitless"]

# A header's continuation: a PDF puts each wrapped cell of a header on a line of its own ("Сумма," / "млн" /
# "Экв., млн" / "долл. США"); such a line is short and has no digit and no tab (a row's cells are tab-separated)
_CONTINUATION = re.compile(r"[^\d\t\n]{1,39}")
_MOST_HEADER_LINES = 8
# The number cells at a row's end, read from the right: "1 500  18,5", "375.00 100.0", "JPY  14 200,0  95,8"
_LAST_NUMBER = re.compile(r"(?:^|(?<=[\t ]))(?P<number>\d{1,3}(?:[ \u00a0]\d{3})+(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,3})?)[ \t]*$", re.MULTILINE)
# A status cell after the numbers («подписано», "signed", «одобрено»): short, no digit, after a tab
_STATUS_CELL = re.compile(r"\t[^\d\t\n]{1,24}$")


@dataclass(frozen=True)
class Unit:
    """One money column: its scale (1e6 for "million") and its currency (None when the rows give it in a cell)."""

    scale: float
    currency: str | None


@lru_cache(maxsize=1)
def scale_word() -> re.Pattern[str]:
    """Any scale word of any language ("million", «млн», «миллионов», «مليون»)."""
    words = sorted({normalise_term(w) for w in scale_words()}, key=len, reverse=True)
    alternatives = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


_DIGIT = re.compile(r"\d")


def short_digitless(text: str, start: int, end: int, longest: int) -> bool:
    """A stretch of at most ``longest`` characters without a digit: a header's line, not a row's or prose."""
    return end - start <= longest and _DIGIT.search(text, start, end) is None


def is_header_line(text: str, start: int, end: int, longest: int = 150) -> bool:
    """A short line without digits that holds a scale word ("million)", «Сумма, млн»): a header's money column."""
    return short_digitless(text, start, end, longest) and scale_word().search(text, start, end) is not None


def header_block(text: str, lines: list[tuple[int, int]], k: int) -> tuple[int, int]:
    """The lines (first, last) of the header whose scale word stands on line k: the short lines just above it
    ("SAR" over "million") and below it ("руб.", "Экв., млн", "долл. США"), and, past one blank line, a line
    that holds another scale word (the next money column, which a PDF may set apart)."""
    first = k
    while first > 0 and k - first < 2 and _is_continuation(text, lines[first - 1]):
        first -= 1
    last = k
    while last + 1 < len(lines) and last - first < _MOST_HEADER_LINES:
        if _is_continuation(text, lines[last + 1]):
            last += 1
        elif (last + 2 < len(lines) and _blank(text, lines[last + 1]) and _is_continuation(text, lines[last + 2])
              and scale_word().search(text, *lines[last + 2])):
            last += 2
        else:
            break
    return first, last


def _is_continuation(text: str, line: tuple[int, int]) -> bool:
    return _CONTINUATION.fullmatch(text, *line) is not None and not _blank(text, line)


def _blank(text: str, line: tuple[int, int]) -> bool:
    return not text[line[0]:line[1]].strip()


def header_units(header: str, language: str) -> list[Unit]:
    """The money columns a header names, left to right: each scale word read by the money reader with a "1"
    before it ("SAR 1 million", "1 млн долл. США"); a scale word it reads with no currency («Сумма, млн», the
    currency in a column of its own) is read again after a dollar sign, for its scale alone."""
    units = []
    for scale in scale_word().finditer(header):
        unit = _read_unit(header[:scale.start()] + "1 " + header[scale.start():], scale.start(), language)
        if unit is not None:
            units.append(unit)
            continue
        bare = _read_unit(header[:scale.start()] + "$1 " + header[scale.start():], scale.start() + 1, language, own_currency=False)
        if bare is not None:
            units.append(Unit(bare.scale, None))
    return units


def _read_unit(probe: str, at: int, language: str, own_currency: bool = True) -> Unit | None:
    for m in find_money(probe, language):
        if m.number_start == at:
            if own_currency and _equivalent_word().match(probe, m.end):
                return None  # "Amount, million | USD equivalent, million": the dollar opens the next column
            return Unit(m.amount, m.currency)
    return None


@lru_cache(maxsize=1)
def _equivalent_word() -> re.Pattern[str]:
    """ "equivalent", «экв.», «ما يعادل» after a currency (``equivalent_word`` in data/lang/*/context_words.csv)."""
    return compiled(r"[\s,]*{equivalent_word}")


def row_numbers(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of the number cells a row ends with, left to right, a trailing status cell left aside."""
    status = _STATUS_CELL.search(text, start, end)
    if status is not None and status.start() > start:
        end = status.start()
    numbers: list[tuple[int, int]] = []
    while end > start:
        m = _LAST_NUMBER.search(text, start, end)
        if m is None:
            break
        numbers.insert(0, (m.start("number"), m.end("number")))
        end = m.start("number")
    return numbers


def cell_currency(read: list[MoneyMention], number_start: int) -> MoneyMention | None:
    """The money reader's amount whose number is this cell's ("EUR\\t46,5": a currency cell before it)."""
    return next((m for m in read if m.number_start == number_start), None)
