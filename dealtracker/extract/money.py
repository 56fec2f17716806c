"""Money amounts in Arabic, Russian and English news: "$4.2bn", "4,2 млрд долларов", "8 مليارات دولار".

An amount counts only when a currency is stated (symbol, ISO code or word), so counts of aircraft,
jobs, years and capacities never become values. Scale words, currencies and qualifiers come from
``data/money_terms.csv`` and ``data/qualifiers.csv``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from ..data_files import read_csv
from ..text import normalise_term

_NUMBER = r"\d{1,3}(?:(?:[ ,.]\d{3})+(?!\d))(?:[.,]\d+)?|\d+(?:[.,]\d+)?"


@dataclass(frozen=True)
class MoneyMention:
    """An amount found in normalised text; ``start``/``end`` cover qualifier to currency."""

    start: int
    end: int
    amount: float
    currency: str
    qualifier: str | None
    number_start: int


def _alternation(terms: list[str], word_end: bool = True) -> str:
    parts = []
    for raw in sorted({normalise_term(t) for t in terms}, key=len, reverse=True):
        stem = raw.endswith("*")
        body = r"\s+".join(re.escape(w) for w in raw.rstrip("*").split())
        tail = r"\w*" if stem else (r"(?!\w)" if word_end and raw[-1:].isalnum() else "")
        parts.append(body + tail)
    return "|".join(parts)


@dataclass(frozen=True)
class _MoneyLexicon:
    regex: re.Pattern[str]
    scales: dict[str, float]
    currencies: list[tuple[re.Pattern[str], str]]
    qualifiers: list[tuple[re.Pattern[str], str]]


@lru_cache(maxsize=1)
def _lexicon() -> _MoneyLexicon:
    rows = read_csv("money_terms.csv")
    scale_rows = [r for r in rows if r["kind"] == "scale"]
    prefix_rows = [r for r in rows if r["kind"] in ("symbol", "code")]
    suffix_rows = [r for r in rows if r["kind"] in ("word", "code")]
    qualifier_rows = read_csv("qualifiers.csv")
    pattern = (
        r"(?:(?<!\w)(?P<qual>" + _alternation([r["term"] for r in qualifier_rows]) + r")\s+)?"
        r"(?:(?P<pre>" + _alternation([r["term"] for r in prefix_rows], word_end=False) + r")\s?)?"
        r"(?<![\d.,A-Za-z\u0400-\u04ff])\(?(?P<num>" + _NUMBER + r")\)?"
        r"(?:\s?-\s?(?P<num2>" + _NUMBER + r"))?"
        r"(?:\s?(?P<scale>" + _alternation([r["term"] for r in scale_rows]) + r")\.?)?"
        r"(?:\s?(?P<suf>" + _alternation([r["term"] for r in suffix_rows]) + r"))?"
    )
    def compiled(row_list: list[dict[str, str]], key: str) -> list[tuple[re.Pattern[str], str]]:
        ordered = sorted(row_list, key=lambda r: len(r["term"]), reverse=True)
        return [
            (re.compile(_alternation([r["term"]], word_end=False) + r"$", re.IGNORECASE), r[key])
            for r in ordered
        ]
    return _MoneyLexicon(
        regex=re.compile(pattern, re.IGNORECASE),
        scales={normalise_term(r["term"]).rstrip("*").casefold(): float(r["value"]) for r in scale_rows},
        currencies=compiled(prefix_rows + suffix_rows, "value"),
        qualifiers=compiled(qualifier_rows, "qualifier"),
    )


def parse_number(text: str, language: str = "en") -> float:
    """Parse "1,200", "4,2", "1 200", "1.200.000", "4.2" the way the article's language writes them."""
    s = text.replace(" ", "")
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(s.replace(thousands, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in s:
            groups = s.split(sep)
            grouped = all(len(g) == 3 for g in groups[1:])
            # "1,200" is a thousand and two hundred in English but 1.2 in Russian; "1.200.000" is grouped anywhere
            thousands = grouped and (len(groups) > 2 or (sep == "," and language != "ru"))
            if thousands:
                return float(s.replace(sep, ""))
            if len(groups) == 2:
                return float(groups[0] + "." + groups[1])
            return float(s.replace(sep, ""))
    return float(s)


def _lookup(table: list[tuple[re.Pattern[str], str]], text: str | None) -> str | None:
    if not text:
        return None
    for regex, value in table:
        if regex.match(text):
            return value
    return None


def _is_bare_year(number: str, scale: str | None, prefix: str | None) -> bool:
    return scale is None and prefix is None and re.fullmatch(r"(19|20)\d\d", number) is not None


def find_money(text: str, language: str = "en", start: int = 0, end: int | None = None) -> list[MoneyMention]:
    """Every amount with a currency in ``text[start:end]`` (normalised text)."""
    lex = _lexicon()
    found: list[MoneyMention] = []
    for m in lex.regex.finditer(text, start, len(text) if end is None else end):
        prefix, suffix = m.group("pre"), m.group("suf")
        if not (prefix or suffix):
            continue
        number, scale_word = m.group("num"), m.group("scale")
        if _is_bare_year(number, scale_word, prefix):
            continue
        currency = _lookup(lex.currencies, prefix) or _lookup(lex.currencies, suffix)
        if currency is None:
            continue
        scale = 1.0
        if scale_word:
            scale = lex.scales.get(normalise_term(scale_word).casefold().rstrip("."), 0.0)
            if not scale:
                scale = next(
                    (v for k, v in lex.scales.items() if normalise_term(scale_word).casefold().startswith(k)), 1.0
                )
        value_text = m.group("num2") or number
        amount = parse_number(value_text, language) * scale
        qualifier = _lookup(lex.qualifiers, m.group("qual"))
        if m.group("num2") and qualifier is None:
            qualifier = "up to"
        found.append(
            MoneyMention(
                start=m.start(),
                end=m.end(),
                amount=amount,
                currency=currency,
                qualifier=qualifier,
                number_start=m.start("num"),
            )
        )
    return found
