"""Exchange rates are no amounts: "USD/KZT 470.5", "1 евро = 12,09 сомони", "519,8 тенге за доллар".

Apart from the finder because these tests look around a match (a slash, an equals sign, a per-unit phrase),
not at the amount itself; the per-unit words are data (``per_unit`` rows of ``data/lang/*/money_terms.csv``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...data_files import read_csv
from .patterns import _alternation


# "USD/KZT 470.5", "EUR/USD 1.0850": a currency pair's rate in a ticker
_PAIR = re.compile(r"[A-Z]{3}\s?/\s?$")
# "519,62 тенге/$1", "3.67 AED/USD": a slash, then a currency sign or code, after an amount
_PER_CURRENCY_AFTER = re.compile(r"/\s?(?:[$€£¥₽₸]|[A-Z]{3}(?![A-Za-z]))")


def _is_rate_pair(text: str, m: re.Match[str]) -> bool:
    """A rate written as a pair: "USD/KZT 470.5", "519,62 тенге/$1" (both of its numbers)."""
    if _PER_CURRENCY_AFTER.match(text, m.end()) is not None:
        return True
    if not m.group("pre"):
        return False
    at = m.start("pre")
    return (
        _PAIR.search(text, max(0, at - 5), at) is not None
        or text[m.end("pre"):m.end("pre") + 1] == "/"
        or text[at - 1:at] == "/"
    )


# "1 евро = 12,09 сомони": either side of an equals sign between two amounts
_EQUALS_AFTER = re.compile(r"(?:\s+\w{1,4}\.?)?\s*=\s*\d")
_EQUALS_BEFORE = re.compile(r"\d\D{0,25}=\s*$")


@lru_cache(maxsize=1)
def _per_unit() -> re.Pattern[str]:
    """ "519,8 тенге за доллар", "470 tenge per dollar", "3.67 دراهم مقابل الدولار" (``per_unit`` in money_terms)."""
    terms = [r["term"] for r in read_csv("money_terms.csv") if r["kind"] == "per_unit"]
    return re.compile(r"\s*(?:" + _alternation(terms) + r")", re.IGNORECASE)


def _is_exchange_rate(text: str, m: re.Match[str]) -> bool:
    """An exchange rate's number, not an amount: one side of "1 евро = 12,09 сомони", or a price of one unit of
    another currency ("519,8 тенге за доллар")."""
    end = m.end()
    if _EQUALS_AFTER.match(text, end) is not None or _per_unit().match(text, end) is not None:
        return True
    return _EQUALS_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None
