"""The date of a deal when its own sentence states one: "In March 2024, Kazakhstan signed …", «12 мая 2025 года
подписано …», «في مارس 2024 وقعت …». The data contract asks for the deal's date, else the article's.

A sentence names other dates too: deadlines ("to be completed by March 2027"), periods ("deliveries from May
2026"), plans. So a date counts only when
- it is a full date or a month with its year (a bare year is most often a target: "by 2030");
- none of the few words before it marks a deadline, a period or a plan (``data/lang/*/date_markers.csv``);
- it is not later than the article (or, undated, than today): a deal is reported after it is made, and a later
  date in its sentence is a plan.
The first such date in the sentence wins; otherwise the article's date stands. Precision is kept: a month gives
"2024-03", a full date "2024-03-12".
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache

from ..data_files import read_csv
from ..ingest.dates import find_dates, find_months

# How many words before a date are read for a marker ("to be completed by" → "by" is 1 word back).
MARKER_WINDOW = 3
_WORD = re.compile(r"\w+")
# Every date this module accepts has a four-digit year (\d also matches Arabic-Indic digits): "(?<!\d)\d{4}(?!\d)",
# with the test before the first digit written after it ("(?<!\d\d)"), so that the regex engine skips to digits in C
_YEAR = re.compile(r"\d(?<!\d\d)\d{3}(?!\d)")
# A date's text before its year: "12th of September 2025", «12 كانون الثاني/يناير 2025»; after it: "-03-12".
_BEFORE_YEAR = 40
_AFTER_YEAR = 6


@lru_cache(maxsize=1)
def _markers() -> frozenset[str]:
    return frozenset(row["marker"].casefold() for row in read_csv("date_markers.csv"))


def _marked(sentence: str, start: int) -> bool:
    """Whether a deadline, period or plan word stands just before the date at ``start``."""
    before = _WORD.findall(sentence[:start].casefold())[-MARKER_WINDOW:]
    return any(word in _markers() for word in before)


def _limit(article_date: str | None, today: dt.date | None) -> str:
    """The latest ISO date a deal of this article may carry, compared as text at the candidate's precision."""
    return article_date or (today or dt.date.today()).isoformat()


def _windows(sentence: str) -> list[tuple[int, int]]:
    """Where dates can stand: around each four-digit year, from the start of a word far enough before it to
    hold a day, a month name and "of", to just past an ISO date's month and day. Most evidence sentences hold
    no year at all, and the month-name patterns then need not run over them."""
    windows: list[tuple[int, int]] = []
    for year in _YEAR.finditer(sentence):
        start = max(0, year.start() - _BEFORE_YEAR)
        start = sentence.rfind(" ", 0, start) + 1 if start else 0  # never inside a word
        end = min(len(sentence), year.end() + _AFTER_YEAR)
        if windows and start <= windows[-1][1]:
            windows[-1] = (windows[-1][0], end)
        else:
            windows.append((start, end))
    return windows


@lru_cache(maxsize=64)
def _candidates(sentence: str) -> tuple[tuple[int, str], ...]:
    """(offset in the sentence, ISO date at its precision) of every full date and month with year.

    Remembered for the last sentences: the amounts of one sentence make several deals with the same evidence,
    of which the within-article merge keeps one."""
    found: list[tuple[int, str]] = []
    for offset, end in _windows(sentence):
        window = sentence[offset:end]
        full = find_dates(window)
        found += [(offset + start, date.isoformat()) for start, _, date in full]
        found += [(offset + start, f"{year:04d}-{month:02d}") for start, _, year, month in find_months(window, full)]
    return tuple(sorted(found))


def deal_date(sentence: str, article_date: str | None, today: dt.date | None = None) -> str | None:
    """The deal's date from its evidence sentence, else the article's date (ISO, at the precision known)."""
    candidates = _candidates(sentence)
    if not candidates:
        return article_date
    latest = _limit(article_date, today)
    for start, iso in candidates:
        if _marked(sentence, start):
            continue
        if iso > latest[: len(iso)]:  # "2025-09" against "2025-08-14" compares "2025-09" with "2025-08"
            continue
        return iso
    return article_date
