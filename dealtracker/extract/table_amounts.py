"""Amounts in a table whose unit and currency stand once, in a column header: "Amount (US$ million)",
«Сумма, млн долл. США», «المبلغ (مليون دولار)» above rows that end in a bare number ("IsDB (Istisna'a)  96.0").

Why: press releases of ministries and lenders, and the PDFs made of them, list a programme's parts as a table.
Each row is a lender's deal, but its number carries no currency of its own, so the money reader (which needs
a currency next to each number) read none of them. The header is recognised by the money reader itself: a
line without digits whose scale word, with a "1" put in front of it, reads as an amount ("US$ 1 million").
Headers of several money columns, or of one whose currency is a cell of each row, are read by ``table_columns``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right

from ..mentions import MentionIndex
from ..text import Span
from .lexicon import compiled
from .money import MoneyMention, parse_number
from .table_columns import Unit, cell_currency, header_block, header_units, is_header_line, row_numbers, scale_word

__all__ = ["joined_rows", "table_amounts", "with_table_amounts"]

TableReading = tuple[list[MoneyMention], list[tuple[int, int]], list[tuple[int, int]]]

# A row's number at the end of its line: "\t120,0", " 96.0", a line of its own "18,5"
_ROW_NUMBER = re.compile(r"(?:^|[\t ])(?P<number>\d{1,3}(?:[ \u00a0]\d{3})*(?:[.,]\d{1,3})?|\d+(?:[.,]\d{1,3})?)[ \t]*$", re.MULTILINE)
# A line longer than this is prose: the table has ended
_PROSE_LINE = 150
# How far below its header a table's rows may run, in lines
_TABLE_LINES = 60


def table_amounts(text: str, language: str, read: list[MoneyMention]) -> TableReading:
    """The amounts of table rows under a header that states their unit and currency, in text order; the
    spans of those headers (where «(مليون دولار)», "a million dollars" to the money reader, is a unit); and the
    spans of rows whose cells a PDF wrapped over several lines (each is one sentence to the reader).
    ``read``: the money reader's amounts of the text, in text order (a row that holds one is read already)."""
    if "\n" not in text:
        return [], [], []
    if not _may_hold_header(text):
        return [], [], []  # most texts: every scale word stands in a line with a number (an amount's)
    lines = _lines(text)
    found: list[MoneyMention] = []
    headers: list[tuple[int, int]] = []
    rows: list[tuple[int, int]] = []
    read_starts = [a.start for a in read]
    k = 0
    while k < len(lines):
        # a line holding an amount the money reader read is prose whose number is spelled ("a grant of
        # eighteen million riyals", no digit in it), not a header
        if _has_amount(read_starts, *lines[k]) or not is_header_line(text, *lines[k], _PROSE_LINE):
            k += 1
            continue
        first, last = header_block(text, lines, k)
        header = " ".join(text[s:e].strip() for s, e in lines[first:last + 1] if text[s:e].strip())
        units = header_units(header, language)
        if not units:
            k += 1
            continue
        headers.append((lines[first][0], lines[last][1]))
        body = _without_repeated_labels(text, lines, first)
        if len(units) == 1 and units[0].currency is not None:
            unit = (units[0].scale, units[0].currency)
            k = _read_rows(text, body, last + 1, unit, language, found, read_starts, headers, rows)
        else:
            k = read_column_rows(text, body, last + 1, units, language, found, read, headers, rows)
    return found, headers, rows


_DIGIT = re.compile(r"\d")


def _without_repeated_labels(text: str, lines: list[tuple[int, int]], first: int) -> list[tuple[int, int]]:
    """The lines, each ending before the table's column labels where a PDF's page break glued them on ("3 LINET
    …  18.5 No. Exporter  Buyer  Country Subject": the next page repeats the labels): the row's number ends it."""
    above = next((lines[j] for j in range(first - 1, max(-1, first - 4), -1) if text[lines[j][0]:lines[j][1]].strip()), None)
    if above is None or _DIGIT.search(text, *above) or above[1] - above[0] < 8:
        return lines
    labels = text[above[0]:above[1]].strip()
    trimmed = []
    for start, end in lines:
        at = text.rfind(labels, start, end)
        trimmed.append((start, at) if at > start and text[at - 1] in " \t" and at + len(labels) >= end - 1 else (start, end))
    return trimmed


# A line short enough to be a header (see _PROSE_LINE) and without a digit
_SHORT_DIGITLESS_LINE = re.compile(r"^[^\d\n]{1,150}$", re.MULTILINE)


def _may_hold_header(text: str) -> bool:
    """Whether a short line without digits holds a scale word: such lines are found by one simple regex in C
    (most articles have none), the scale words looked for only in them."""
    header = scale_word()
    return any(header.search(m.group()) for m in _SHORT_DIGITLESS_LINE.finditer(text))


def _lines(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in re.finditer(r"\n", text):
        spans.append((start, m.start()))
        start = m.end()
    spans.append((start, len(text)))
    return spans


def _read_rows(text: str, lines: list[tuple[int, int]], k: int, unit: tuple[float, str], language: str,
               found: list[MoneyMention], read_starts: list[int], unread: list[tuple[int, int]],
               rows: list[tuple[int, int]]) -> int:
    """Reads rows from line k until prose (each row's span joins ``rows``); returns the line to go on from. A total row ("Total  173.7",
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
            if m is not None or _ends_without_amount(text, start, end):
                row_start = end
            k += 1
            continue
        label = text[start:m.start("number")].strip(" \t:.")
        # a number alone on its line ends a row whose cells ran over the lines above it
        row = text[row_start:m.start("number")] if not label else label
        row_span, row_start = (row_start, end), end
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
            rows.append(row_span)
            found.append(MoneyMention(at, m.end("number"), value * scale, currency, None, at))
    return k


# A row whose amount cell is a dash ("Uzbekistan Airways  Aviation  –", «—  —  —»: no value stated)
_NO_AMOUNT_CELL = re.compile(r"[\t ][-–—][ \t]*$")


def _ends_without_amount(text: str, start: int, end: int) -> bool:
    """A row that ends in a dash ends there: the next row's cells are its own."""
    return _NO_AMOUNT_CELL.search(text, start, end) is not None


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


def read_column_rows(text: str, lines: list[tuple[int, int]], k: int, units: list[Unit], language: str,
                     found: list[MoneyMention], read: list[MoneyMention], unread: list[tuple[int, int]],
                     rows: list[tuple[int, int]]) -> int:
    """Rows under a header of several money columns, or of one whose currency is a cell of each row
    (``table_columns``): a row's amount is its number under the first column, with that column's currency or
    the row's currency cell ("EUR  46,5  53,5"); a row without as many numbers as the header has columns is
    the label of a row a PDF wrapped, or a total's. The money reader's reading of such a row ("EUR 46,5": 46.5
    euros) is a cell's, and its line joins ``unread``. Reads until prose; returns the line to go on from."""
    stop = min(len(lines), k + _TABLE_LINES)
    row_start = lines[k][0] if k < len(lines) else len(text)
    while k < stop:
        start, end = lines[k]
        if end - start > _PROSE_LINE:
            break
        k += 1
        numbers = row_numbers(text, start, end)
        if len(numbers) < len(units):
            row_start = end if _ends_without_amount(text, start, end) else row_start
            continue
        at, stop_at = numbers[-len(units)]
        cell = cell_currency(read, at)
        currency = units[0].currency or (cell.currency if cell is not None else None)
        label = text[start:cell.start if cell is not None else at].strip(" \t:.")
        whole = text[row_start:at]  # (a row's cells a PDF wrapped over the lines above its numbers)
        row_span, row_start = (row_start, end), end
        if currency is None or _is_total_or_own_share(label, label or whole) or compiled(r"{own_share}").search(whole):
            continue
        try:
            value = parse_number(text[at:stop_at], language)
        except ValueError:
            continue
        if value > 0:
            unread.append((start, end))
            rows.append(row_span)
            found.append(MoneyMention(at, stop_at, value * units[0].scale, currency, None, at))
    return k


def _is_total_or_own_share(label: str, row: str) -> bool:
    total = compiled(r"{total_label}")
    return bool(total.fullmatch(label) if label else total.match(row.strip())) or compiled(r"{own_share}").search(row) is not None


def with_table_amounts(amounts: list[MoneyMention], table: TableReading) -> list[MoneyMention]:
    """The money reader's amounts and the table rows' (those it did not read), in text order; none from a
    table's header («المبلغ (مليون دولار)» is a unit there, not "a million dollars") nor a cell it reads whole."""
    rows, headers, _spans = table
    if not headers:
        return amounts
    amounts = [a for a in amounts if not any(start <= a.start < end for start, end in headers)]
    read = MentionIndex(amounts)
    return sorted(amounts + [r for r in rows if not read.overlaps(r.start, r.end)], key=lambda m: m.start)


def joined_rows(sentences: list[Span], rows: list[tuple[int, int]], text: str) -> list[Span]:
    """The sentences, those within one table row joined into one: a row whose cells a PDF wrapped ("3 Erste
    Group Bank AG (Австрия)" / "Бумажная фабрика," / "EUR  46,5  53,5") names its sides and its amount apart; and a
    row whose line runs on past its number (the column labels a page break glued on: "12,4 № Экспортер …") ends
    at its number, the rest a sentence of its own."""
    if not rows:
        return sentences
    joined: list[Span] = []
    starts = [start for start, _ in rows]
    last_row = -1
    for span in sentences:
        k = bisect_right(starts, span.start) - 1
        if k >= 0 and span.start < rows[k][1] < span.end and text[rows[k][1]:span.end].strip():
            joined.append(Span(span.start, rows[k][1]))
            rest = rows[k][1] + len(text[rows[k][1]:span.end]) - len(text[rows[k][1]:span.end].lstrip())
            joined.append(Span(rest, span.end))
            last_row = -1
            continue
        inside = k >= 0 and span.end <= rows[k][1]
        if inside and k == last_row and joined:
            joined[-1] = Span(joined[-1].start, span.end)
        else:
            joined.append(span)
        last_row = k if inside else -1
    return joined
