"""Amounts in a table whose unit and currency stand once, in a column header: "Amount (US$ million)",
«Сумма, млн долл. США», «المبلغ (مليون دولار)» above rows that end in a bare number ("IsDB (Istisna'a)  96.0").

Why: press releases of ministries and lenders, and the PDFs made of them, list a programme's parts as a table.
Each row is a lender's deal, but its number carries no currency of its own, so the money reader (which needs
a currency next to each number) read none of them. The header is recognised by the money reader itself: a
line without digits whose scale word, with a "1" put in front of it, reads as an amount ("US$ 1 million").
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import lru_cache

from ..text import normalise_term
from .lexicon import compiled
from .money import MoneyMention, find_money, parse_number, scale_words

__all__ = ["table_amounts"]

# A row's number at the end of its line: "\t120,0", " 96.0", a line of its own "18,5"
_ROW_NUMBER = re.compile(r"(?:^|[\t ])(?P<number>\d{1,3}(?:[ \u00a0]\d{3})*(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,3})?)[ \t]*$", re.MULTILINE)
# A line longer than this is prose: the table has ended
_PROSE_LINE = 150
# How far below its header a table's rows may run, in lines
_TABLE_LINES = 60


@lru_cache(maxsize=1)
def _header_pattern() -> re.Pattern[str]:
    """Any scale word of any language ("million", «млн», «миллионов», «مليون»)."""
    words = sorted({normalise_term(w) for w in scale_words()}, key=len, reverse=True)
    alternatives = [re.escape(w.rstrip("*")) + (r"\w*" if w.endswith("*") else "") for w in words]
    return re.compile(r"(?<!\w)(?:" + "|".join(alternatives) + r")(?!\w)", re.IGNORECASE)


def table_amounts(text: str, language: str, read: list[MoneyMention]) -> tuple[list[MoneyMention], list[tuple[int, int]]]:
    """The amounts of table rows under a header that states their unit and currency, in text order, and the
    spans of those headers (where «(مليون دولار)», "a million dollars" to the money reader, is a unit).
    ``read``: the money reader's amounts of the text, in text order (a row that holds one is read already)."""
    if "\n" not in text:
        return [], []
    if not _may_hold_header(text):
        return [], []  # most texts: every scale word stands in a line with a number (an amount's)
    lines = _lines(text)
    found: list[MoneyMention] = []
    headers: list[tuple[int, int]] = []
    read_starts = [a.start for a in read]
    k = 0
    while k < len(lines):
        # a line holding an amount the money reader read is prose whose number is spelled ("a grant of
        # eighteen million riyals", no digit in it), not a header
        unit = None if _has_amount(read_starts, *lines[k]) else _header_unit(text, lines, k, language)
        if unit is None:
            k += 1
            continue
        headers.append((lines[k][0], lines[k][1]))
        first_row = k + (2 if _continues_header(text, lines, k) else 1)  # (past a header's second line)
        k = _read_rows(text, lines, first_row, unit, language, found, read_starts, headers)
    return found, headers


_DIGIT = re.compile(r"\d")
# A line short enough to be a header (see _PROSE_LINE) and without a digit
_SHORT_DIGITLESS_LINE = re.compile(r"^[^\d\n]{1,150}$", re.MULTILINE)


def _may_hold_header(text: str) -> bool:
    """Whether a short line without digits holds a scale word: such lines are found by one simple regex in C
    (most articles have none), the scale words looked for only in them."""
    header = _header_pattern()
    return any(header.search(m.group()) for m in _SHORT_DIGITLESS_LINE.finditer(text))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _continues_header(text: str, lines: list[tuple[int, int]], k: int) -> bool:
    """Whether line k+1 is the rest of a header begun on line k: short, without digits ("долл. США", "million)")."""
    if k + 1 >= len(lines):
        return False
    nxt = text[lines[k + 1][0]:lines[k + 1][1]]
    return bool(nxt.strip()) and len(nxt) < 40 and not _DIGIT.search(nxt)


def _header_unit(text: str, lines: list[tuple[int, int]], k: int, language: str) -> tuple[float, str] | None:
    """(scale, currency) of a header starting on line k (it may run onto the next line), or None."""
    start, end = lines[k]
    line = text[start:end]
    if not line.strip() or len(line) > _PROSE_LINE or _DIGIT.search(line):
        return None
    if _continues_header(text, lines, k):
        line = line + " " + text[lines[k + 1][0]:lines[k + 1][1]]  # "Сумма, млн" / "долл. США"
    scale = _header_pattern().search(line)
    if scale is None:
        return None
    probe = line[:scale.start()] + "1 " + line[scale.start():]
    for m in find_money(probe, language):
        if m.number_start == scale.start():
            return m.amount, m.currency  # the "1" read with its scale and currency: the unit of the rows
    return None


def _read_rows(text: str, lines: list[tuple[int, int]], k: int, unit: tuple[float, str], language: str,
               found: list[MoneyMention], read_starts: list[int], unread: list[tuple[int, int]]) -> int:
    """Reads rows from line k until prose; returns the line to go on from. A total row ("Total  173.7",
    «Итого 273,5») is the table's sum, and a row of the Central Asian side's own share ("Counterpart funding",
    «софинансирование») no lender's: neither is read, and where the money reader read such a row's amount
    («Собственные\nсредства … 12,0 млн USD», cells a PDF wrapped over lines) its line joins ``unread``."""
    scale, currency = unit
    stop = min(len(lines), k + _TABLE_LINES)
    row_start = lines[k][0] if k < len(lines) else len(text)  # where the row being read began
    ordinal = 0  # the number the last row opened with ("4 ЕИБ  кредит  100,0"): the rows' own count
    while k < stop:
        start, end = lines[k]
        if end - start > _PROSE_LINE:
            break
        m = _ROW_NUMBER.search(text, start, end)
        opening = _ORDINAL.match(text, start, end)
        if m is None or _has_amount(read_starts, start, end):
            ordinal = int(opening.group(1)) if opening else ordinal
            if m is not None and compiled(r"{own_share}").search(text, row_start, end):
                unread.append((start, end))
            if m is not None:
                row_start = end
            k += 1
            continue
        label = text[start:m.start("number")].strip(" \t:.")
        # a number alone on its line ends a row whose cells ran over the lines above it
        row = text[row_start:m.start("number")] if not label else label
        row_start = end
        k += 1
        if not label and not row.strip():
            # a number alone with nothing since the header or the last row ends no row: it opens one ("1" of a
            # first row whose cells a PDF wrapped onto the lines below)
            ordinal = int(m.group("number")) if m.group("number").isdigit() else ordinal
            continue
        if _next_ordinal(m.group("number"), label, ordinal):
            ordinal += 1  # a number alone that counts on from the rows' ordinals opens the next row ("4", then "5")
            continue
        total = compiled(r"{total_label}")
        if (total.fullmatch(label) if label else total.match(row.strip())) or compiled(r"{own_share}").search(row):
            continue  # («Итого по проекту\nтеплоснабжения г. Ош\n60,7»: a total row whose label a PDF wrapped)
        ordinal = int(opening.group(1)) if opening else ordinal
        try:
            value = parse_number(m.group("number"), language)
        except ValueError:
            continue
        if value > 0:
            at = m.start("number")
            found.append(MoneyMention(at, m.end("number"), value * scale, currency, None, at))
    return k


# A row's ordinal at its start: "4 ЕИБ", "12. KfW"
_ORDINAL = re.compile(r"(\d{1,3})[.)]?[ \t]")


def _next_ordinal(number: str, label: str, ordinal: int) -> bool:
    """A number alone on its line that is the next of the rows' ordinals ("5" after rows "1 …" to "4 …"): the
    row it opens runs over the lines below it (a PDF's wrapped cells), and it is no amount."""
    return not label and ordinal > 0 and number.isdigit() and int(number) == ordinal + 1


def _has_amount(read_starts: list[int], start: int, end: int) -> bool:
    """A row whose line holds an amount with its own currency is the money reader's already."""
    k = bisect_left(read_starts, start)
    return k < len(read_starts) and read_starts[k] < end
