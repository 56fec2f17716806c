"""Publication dates an article states: "12 March 2025", "March 12, 2025", «12 марта 2025 г.», «13 янв. 2005»,
"١٢ مارس ٢٠٢٥", «6 يناير، 2015», "2025-03-12", "2025/03/12", "12.03.2025", "13/03/2024" and "03/13/2024" (a
slash date only where one reading is a date), "05.03.24 14:22" (a two-digit year only before a time).

Only where a publication date stands, in the first lines: on a line of its own ("29 April 2025, 01:29",
"الأحد 30 يونيو 2024", "Published: 12 March 2025"), or opening a paragraph after no more than a place and
closed by a dateline's mark ("BAKU, Azerbaijan, May 7, 2023 – …", «АСТАНА, 12 марта – …», "MANILA (2 December
2024) –"). A dateline may give the month alone ("Abu Dhabi, March 2019" → "2019-03"). A date inside a
sentence is the story's, not the article's; a date later than today is a plan. The date becomes the deal
date when the deal itself has none, so a wrong date is worse than none: a dateline without a year
("ASTANA, March 12 —") gives none. Month names are data (``data/lang/*/month_names.csv``).
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import NamedTuple

from ..data_files import read_csv

# Where a publication date may stand: the first lines, the opening characters.
HEAD_LINES = 8
# A line holding a date and at most this many other characters (weekday, time, "Published:") is a dateline.
DATELINE_EXTRA = 30
EARLIEST_YEAR = 1990

_DIGITS = str.maketrans({**{chr(0x0660 + i): str(i) for i in range(10)}, **{chr(0x06F0 + i): str(i) for i in range(10)}})
_ARABIC_VARIANTS = str.maketrans({"\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627"})
# The characters those two tables change: a text without them is left as it is (translate is costly).
_TRANSLATED = re.compile("[\u0660-\u0669\u06f0-\u06f9\u0622\u0623\u0625]")
# Every date pattern holds a four-digit year, but for a dateline's "05.03.24 14:22": a line without either has no
# date to find.
_YEAR_DIGITS = re.compile(r"\d{4}|\.\d{2},?\s+\d{1,2}:\d{2}")


def _fold(text: str) -> str:
    """Digits to ASCII, Arabic alef variants to bare alef, lower case: one spelling per month name.

    Every character maps to exactly one, so offsets in the folded text are offsets in the original.
    """
    if not text.isascii() and _TRANSLATED.search(text):
        text = text.translate(_DIGITS).translate(_ARABIC_VARIANTS)
    lowered = text.lower()
    # The whole text lowered at once is each character lowered alone, unless one lowers into two ("İ" → "i̇")
    # or a capital sigma ends a word (str.lower gives "ς" there, the character alone "σ").
    if len(lowered) == len(text) and "\u03a3" not in text:
        return lowered
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


class _Lexicon(NamedTuple):
    months: dict[str, int]  # folded month name → month number
    full_dates: list[re.Pattern[str]]  # day, month and year
    month_years: re.Pattern[str]  # a month and a year with no day


def is_month_name(word: str) -> bool:
    """Whether ``word`` is a month's name or short form in a language pack (``month_names.csv``): "Astana, 11 March -
    Slovenian maker …" puts a month where a capitalised name could stand."""
    return _fold(word) in _patterns().months


@lru_cache(maxsize=1)
def _patterns() -> _Lexicon:
    months: dict[str, int] = {}
    for row in read_csv("month_names.csv"):
        months[_fold(row["name"])] = int(row["month"])
    names = "|".join(re.escape(name).replace(r"\ ", r"\s+") for name in sorted(months, key=len, reverse=True))
    # An Arabic date often gives both month names: «12 مارس/آذار 2025», «12 آذار (مارس) 2025».
    month = rf"(?P<month>{names})\.?(?:\s*[/(]\s*(?:{names})\s*\)?)?"
    day = r"(?P<day>\d{1,2})(?:st|nd|rd|th)?"
    year = r"(?P<year>\d{4})"
    # «2025г.» is as common as «2025 г.», so a year may touch the next word
    left, right = r"(?<![\w.])", r"(?![\d])"
    full_dates = [
        re.compile(rf"{left}(?P<year>\d{{4}})-(?P<mnum>\d{{2}})-(?P<day>\d{{2}})(?![\d])"),
        re.compile(rf"{left}(?P<year>\d{{4}})/(?P<mnum>\d{{1,2}})/(?P<day>\d{{1,2}})(?![\d])"),
        # «6 يناير، 2015»: the Arabic comma may stand before the year as the Latin one does
        re.compile(rf"{left}{day}\s+(?:of\s+)?{month}[,\u060c]?\s+{year}{right}"),
        re.compile(rf"{left}{month}\s+{day}[,\u060c]?\s+{year}{right}"),
        re.compile(rf"{left}(?P<day>\d{{1,2}})\.(?P<mnum>\d{{1,2}})\.(?P<year>\d{{4}}){right}"),
        # "13/03/2024", "03/13/2024": only where one reading is a date (a day over 12, or day and month equal);
        # "05/03/2024" is March 5 in Tashkent and May 3 in New York, and a wrong date is worse than none
        re.compile(rf"{left}(?P<first>\d{{1,2}})/(?P<second>\d{{1,2}})/(?P<year>\d{{4}}){right}"),
        # "05.03.24 14:22": a two-digit year, in a dateline with its time
        re.compile(rf"{left}(?P<day>\d{{1,2}})\.(?P<mnum>\d{{1,2}})\.(?P<short_year>\d{{2}})(?=,?\s+\d{{1,2}}:\d{{2}})"),
    ]
    # "March 2024", "March of 2024", «марте 2024 года», «مارس/آذار 2024»
    month_years = re.compile(rf"{left}{month}[,\u060c]?\s+(?:of\s+)?{year}{right}")
    return _Lexicon(months, full_dates, month_years)


def _month_number(match: re.Match[str], months: dict[str, int]) -> int | None:
    return months.get(re.sub(r"\s+", " ", match["month"]))


def _overlaps(found: list[tuple[int, int, object]], start: int, end: int) -> bool:
    return any(s < end and start < e for s, e, _ in found)


def find_months(text: str, full: list[tuple[int, int, dt.date]] | None = None) -> list[tuple[int, int, int, int]]:
    """Every month named with its year but no day, as (start, end, year, month); full dates are not included
    (``find_dates`` gives those; pass them as ``full`` when already found)."""
    return _months_in(_fold(text), find_dates(text) if full is None else full)


def _months_in(folded: str, full: list[tuple[int, int, dt.date]]) -> list[tuple[int, int, int, int]]:
    """``find_months`` of a text already folded."""
    lexicon = _patterns()
    found = []
    for match in lexicon.month_years.finditer(folded):
        year, month = int(match["year"]), _month_number(match, lexicon.months)
        if month and year >= EARLIEST_YEAR and not _overlaps(full, match.start(), match.end()):
            found.append((match.start(), match.end(), year, month))
    return found


def _date_of(match: re.Match[str], months: dict[str, int]) -> dt.date | None:
    groups = match.groupdict()
    if groups.get("first"):
        first, second = int(match["first"]), int(match["second"])
        if first > 12 >= second:
            day, month = first, second
        elif second > 12 >= first or first == second:
            day, month = second, first
        else:
            return None  # both readings are dates: which one the writer meant is not known
    else:
        day = int(match["day"])
        month = _month_number(match, months) if groups.get("month") else int(match["mnum"])
    year = int(match["year"]) if groups.get("year") else 2000 + int(match["short_year"])
    try:
        date = dt.date(year, month or 0, day)
    except ValueError:
        return None
    return date if EARLIEST_YEAR <= date.year else None


def find_dates(text: str) -> list[tuple[int, int, dt.date]]:
    """Every full date in ``text`` as (start, end, date), in reading order (offsets into ``text``)."""
    return _dates_in(_fold(text))


def _dates_in(folded: str) -> list[tuple[int, int, dt.date]]:
    """``find_dates`` of a text already folded."""
    lexicon = _patterns()
    found: list[tuple[int, int, dt.date]] = []
    for pattern in lexicon.full_dates:
        for match in pattern.finditer(folded):
            date = _date_of(match, lexicon.months)
            if date is not None and not _overlaps(found, match.start(), match.end()):
                found.append((match.start(), match.end(), date))
    return sorted(found)


def parse_date(value: str) -> str | None:
    """An ISO date from a date cell or header ("2025-03-12T10:00:00Z", "12 March 2025"), else None."""
    value = value.strip()
    if not value:
        return None
    dates = find_dates(value)
    return dates[0][2].isoformat() if dates else None


@lru_cache(maxsize=1)
def _dateline_end() -> re.Pattern[str]:
    """After a dateline's date, before the story: a dash, a colon, a full stop, an agency in brackets, a slash
    («/وام/»), the bracket that closes a dated place ("MANILA (2 December 2024) –"); a year word may stand
    between («5 марта 2024 года —», ``data/lang/*/year_words.csv``)."""
    words = "|".join(re.escape(r["word"]) for r in sorted(read_csv("year_words.csv"), key=lambda r: -len(r["word"])))
    return re.compile(rf"(?:\s*(?:{words})(?!\w))?\s*(?:[-–—:|/()]|\.\s|$)")


def _opens_line(line: str, start: int, end: int) -> bool:
    """ "BAKU, Azerbaijan, May 7, 2023 – The …", "DUBAI, 28th April, 2023 (WAM) -- …": a date that opens a
    paragraph, after no more than a place, and that a dateline's mark closes, dates the article (a date
    inside a sentence does not)."""
    before = re.sub(r"[\W\d_]+", " ", line[:start]).strip()
    return len(before) <= DATELINE_EXTRA and _dateline_end().match(line, end) is not None


def head_lines(text: str, count: int = HEAD_LINES) -> list[str]:
    """The first ``count`` non-blank lines of ``text`` (as ``text.splitlines()`` cuts them), read from the text's
    start: a growing prefix, not the whole text, is split."""
    size = 4096
    while True:
        lines = text[:size].splitlines()
        whole = size >= len(text)
        if not whole:
            lines.pop()  # the last piece may be cut short by the prefix (or be a "\r" of a "\r\n" cut in two)
        found = [line for line in lines if line.strip()]
        if whole or len(found) >= count:
            return found[:count]
        size *= 4


def publication_date(text: str, today: dt.date | None = None) -> str | None:
    """The ISO date the article states for itself, or None (see the module docstring for where it looks)."""
    today = today or dt.date.today()
    lines = head_lines(text)
    for line in lines:
        folded = _fold(line)
        if not _YEAR_DIGITS.search(folded):
            continue  # no year, so neither a full date nor a month with its year
        full = _dates_in(folded)
        for start, end, date in full:
            rest = re.sub(r"[\W\d_]+", " ", line[:start] + " " + line[end:]).strip()
            if (len(rest) <= DATELINE_EXTRA or _opens_line(line, start, end)) and date <= today:
                return date.isoformat()
        # "Abu Dhabi / Tashkent, March 2019": a dateline may give only the month
        for start, end, year, month in _months_in(folded, full):
            if re.search(r"\d\s*$", line[:start]):
                continue  # "31 February 2024": a day that is no day, not a month
            rest = re.sub(r"[\W\d_]+", " ", line[:start] + " " + line[end:]).strip()
            if len(rest) <= DATELINE_EXTRA and (year, month) <= (today.year, today.month):
                return f"{year:04d}-{month:02d}"
    return None
