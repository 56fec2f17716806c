"""The date of a deal when its own sentence states one: "In March 2024, Kazakhstan signed …", «12 мая 2025 года
подписано …», «في مارس 2024 وقعت …». The data contract asks for the deal's date, else the article's.

A sentence names other dates too: deadlines ("to be completed by March 2027"), periods ("deliveries from May
2026"), plans. So a date counts only when
- it is a full date or a month with its year (a bare year is most often a target: "by 2030");
- none of the few words before it marks a deadline, a period or a plan (``data/date_markers.csv``);
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
# Every date this module accepts has a four-digit year (\d also matches Arabic-Indic digits).
_YEAR = re.compile(r"(?<!\d)\d{4}(?!\d)")


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


def deal_date(sentence: str, article_date: str | None, today: dt.date | None = None) -> str | None:
    """The deal's date from its evidence sentence, else the article's date (ISO, at the precision known)."""
    if not _YEAR.search(sentence):  # most evidence sentences hold no year: skip the month-name patterns
        return article_date
    full = find_dates(sentence)
    candidates = [(start, date.isoformat()) for start, _, date in full]
    candidates += [(start, f"{year:04d}-{month:02d}") for start, _, year, month in find_months(sentence, full)]
    latest = _limit(article_date, today)
    for start, iso in sorted(candidates):
        if _marked(sentence, start):
            continue
        if iso > latest[: len(iso)]:  # "2025-09" against "2025-08-14" compares "2025-09" with "2025-08"
            continue
        return iso
    return article_date
