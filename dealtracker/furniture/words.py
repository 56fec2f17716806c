"""The furniture words, read once from data: ``data/furniture.csv`` (and the money and month words a ticker
or dateline holds, from ``money_terms.csv`` and ``month_names.csv``).

Apart from the tests so that what is data (terms, their kinds, the quick first-word sets derived from them)
is built in one place and cached; the tests only ask.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

from ..data_files import read_csv
from ..terms import TermMatcher
from ..text import normalise_term
from .shapes import _BULLET


@dataclass(frozen=True)
class _Lexicons:
    furniture: TermMatcher[frozenset[str]]
    money: TermMatcher[frozenset[str]]  # kinds "code", "word", "symbol", "scale", "month"


def _arabic_article_forms(term: str, language: str) -> list[str]:
    """The term and, for an Arabic word, its form with the article (درهم → الدرهم): proclitics are the
    matcher's business, the article is not."""
    if language == "ar" and not term.startswith(("ال", "أل")) and " " not in term and len(term) > 1:
        return [term, "ال" + term]
    return [term]


def _matcher(rows: Iterable[tuple[str, str, str]]) -> TermMatcher[frozenset[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for term, language, kind in rows:
        for form in _arabic_article_forms(term, language):
            kinds[form].add(kind)
    return TermMatcher((term, frozenset(found)) for term, found in kinds.items())


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    furniture = _matcher(
        (row["term"], row["language"], row["kind"]) for row in read_csv("furniture.csv") if row.get("kind") != "block"
    )
    money_rows = [(row["term"], row["language"], row["kind"]) for row in read_csv("money_terms.csv")]
    month_rows = [(row["name"], row["language"], "month") for row in read_csv("month_names.csv")]
    return _Lexicons(furniture=furniture, money=_matcher(money_rows + month_rows))


@lru_cache(maxsize=1)
def block_words() -> frozenset[str]:
    """Class and id words of page blocks that are furniture (nav, ticker, related, …), lower case."""
    return frozenset(row["term"].lower() for row in read_csv("furniture.csv") if row.get("kind") == "block")


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    return frozenset(row["term"] for row in read_csv("money_terms.csv") if row.get("kind") == "code")


@lru_cache(maxsize=1)
def _prose_exceptions() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """What makes even a sentence worth reading as furniture: a "read also" heading at the line's head (a
    pattern), a copyright word anywhere (plain lower-case strings: a substring test is far cheaper than a
    case-insensitive pattern tried at every position of every line)."""
    rows = read_csv("furniture.csv")
    read_also = {normalise_term(row["term"]) for row in rows if row.get("kind") == "read_also"}
    parts = sorted((re.escape(t.rstrip("*")) for t in read_also), key=len, reverse=True)
    head = re.compile(_BULLET.pattern + "(?:" + ("|".join(parts) or "(?!)") + ")", re.IGNORECASE)
    copyright = tuple(sorted({normalise_term(row["term"]).rstrip("*").lower() for row in rows if row.get("kind") == "copyright"}))
    return head, copyright


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The words a menu, share or ticker line can begin with (such a line holds nothing but those words)."""
    words = set()
    for row in read_csv("furniture.csv"):
        if row.get("kind") in ("menu", "share", "ticker") and row["term"].strip():
            for form in _arabic_article_forms(normalise_term(row["term"]), row.get("language", "")):
                words.add(form.split()[0].rstrip("*").casefold())
    return frozenset(words)


@lru_cache(maxsize=1)
def _read_also_first_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The first words of the "read also" terms, whole and as stems (a term ending in "*")."""
    firsts = [
        (normalise_term(row["term"]).split()[0].lower(), row["term"].split()[0].endswith("*") or " " not in row["term"] and row["term"].endswith("*"))
        for row in read_csv("furniture.csv") if row.get("kind") == "read_also" and row["term"].strip()
    ]
    return frozenset(w.rstrip("*") for w, _ in firsts), tuple(w.rstrip("*") for w, stem in firsts if stem)
