"""Totals that are not one deal: many projects or agreements summed, money spread over many countries.

"The country intends to carry out more than 70 projects worth $1.6 billion", «стартовало строительство по 31
проекту стоимостью $6,3 млрд», "تنفيذ قرابة 40 مشروعاً ... قيمتها الإجمالية 1.5 مليار دولار": a count of many
projects (or agreements, contracts) before an amount makes it their total. When the sentence also names the
one foreign side they were signed with, it is a package, which the contract counts as one deal; without it,
a total over many partners, which is no deal. "… in 88 countries" makes any amount a worldwide portfolio.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from functools import lru_cache

from ..data_files import read_csv
from ..text import Span
from .lexicon import alternatives, skippable

# Five Central Asian states: a count of countries above it cannot be "to the five states of Central Asia".
MANY_COUNTRIES = 6
# Ten projects or more, named by a country and not signed in the sentence, are that country's stock of projects:
# one investor's package at a signing names a few ("three projects worth 233.6 billion tenge").
PORTFOLIO_COUNT = 10


@lru_cache(maxsize=1)
def _number_words() -> dict[str, float]:
    return {row["term"].casefold(): float(row["value"]) for row in read_csv("number_words.csv") if row["kind"] == "number"}


@lru_cache(maxsize=None)
def _noun_pattern(group: str) -> re.Pattern[str]:
    return re.compile(skippable(group, r"\w") + r"(?!\w)", re.IGNORECASE)  # (?<!\w){group}(?!\w), skippable


@lru_cache(maxsize=1)
def _count_before() -> re.Pattern[str]:
    """A count, then up to three words (adjectives: "70 critical mineral projects"), right before a noun; none
    of those words a preposition ("a 500 kV line in the south of the country" counts no countries)."""
    spelled = "|".join(re.escape(w) for w in sorted(_number_words(), key=len, reverse=True))
    word = rf"(?!(?:{alternatives('not_in_count')})\s)[^\W\d]+"
    return re.compile(rf"(?<!\w)(\d[\d\s,.]*|{spelled})\s+(?:{word}\s+){{0,3}}$", re.IGNORECASE)


# How far before a counted noun its count may stand: three adjectives and a long number
_COUNT_REACH = 60


# A bare number in this range before a counted noun is a date's year ("signed on 12 August 2026 a contract",
# «بتاريخ 12 أغسطس 2026 عقداً»), not a count
_YEARS = range(1900, 2101)


def _count_value(token: str) -> float:
    digits = re.sub(r"[\s,.]", "", token)
    if digits.isdigit():
        return 0.0 if digits == token.strip() and int(digits) in _YEARS else float(digits)
    return _number_words().get(token.casefold(), 0.0)


def _largest_count(text: str, span: Span, group: str, amounts: Sequence[Span] = ()) -> float:
    """The largest count standing before a noun of the group in the span. The nouns are looked for first
    (most sentences have none), then the count in the few words before each; a number that is part of an
    amount ("invest $3 billion in projects") counts nothing."""
    largest = 0.0
    for noun in _noun_pattern(group).finditer(text, span.start, span.end):
        window = max(span.start, noun.start() - _COUNT_REACH)
        count = _count_before().search(text[window:noun.start()])
        if count is not None:
            at = window + count.start(1)
            if any(a.start <= at < a.end for a in amounts):
                continue
            largest = max(largest, _count_value(count.group(1)))
    return largest


def counts_many_items(text: str, span: Span, amounts: Sequence[Span] = ()) -> bool:
    """Whether the span counts two or more projects, agreements, contracts or documents (``amounts``: the
    spans of the money mentions, whose numbers are no counts) — more than it has amounts: "three agreements:
    a $60 million grant, a $90 million loan and a $35 million grant" tells each item its amount."""
    count = _largest_count(text, span, "items", amounts)
    return count >= 2 and count > len(amounts)


def counts_a_portfolio(text: str, span: Span, amounts: Sequence[Span] = ()) -> bool:
    """Whether the span counts a country's stock of projects rather than one investor's package: "45 projects
    worth $3.2 billion" (``PORTFOLIO_COUNT`` or more), not «три проекта стоимостью 233,6 млрд тенге»."""
    return _largest_count(text, span, "items", amounts) >= PORTFOLIO_COUNT


def counts_many_countries(text: str, span: Span) -> bool:
    """Whether the span counts more countries than Central Asia has, or says there were many without a count
    ("with companies from several countries", «из нескольких стран», «من عدة دول»)."""
    return (
        _noun_pattern("vague_many_countries").search(text, span.start, span.end) is not None
        or _largest_count(text, span, "countries") >= MANY_COUNTRIES
    )


def names_many_items(text: str, span: Span) -> bool:
    """Whether the span names projects, agreements or contracts in the plural, counted or not."""
    return _noun_pattern("plural_items").search(text, span.start, span.end) is not None


def says_in_total(text: str, span: Span) -> bool:
    """Whether the span sums something up: "a total of", «в общей сложности», "بإجمالي"."""
    return _in_total().search(text, span.start, span.end) is not None


@lru_cache(maxsize=1)
def _in_total() -> re.Pattern[str]:
    return re.compile(skippable("in_total", r"\w") + r"(?!\w)", re.IGNORECASE)


def names_a_gathering(text: str, span: Span) -> bool:
    """Whether the span names a forum, an exhibition, a summit («выставка», «المنتدى»), whose deals a total
    sums up (``gathering``)."""
    return _noun_pattern("gathering").search(text, span.start, span.end) is not None


def over_a_past_period(text: str, span: Span) -> bool:
    """Whether the span sums up a past period: "during the last 12 months", «за последние пять лет», «خلال
    الأشهر الاثني عشر الماضية» (``past_period``)."""
    return _noun_pattern("past_period").search(text, span.start, span.end) is not None

