"""What a currency tells in context: a word two states share, and whether a sum can be a deal's value at all.

Apart from the finder: ``currency_in_context`` is asked by the deal reader once it knows the deal's Central
Asian side, long after the amounts were found; ``plausible`` is the one bound of ``dealtracker.plausibility``
that the finder applies.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...data_files import read_csv
from ...fx import local_currency, to_usd
from ...plausibility import IMPLAUSIBLE_ABOVE_USD
from ...text import normalise_term


@lru_cache(maxsize=1)
def _shared_words() -> list[tuple[re.Pattern[str], str, frozenset[str]]]:
    """Currency words two states share in one language (Arabic «سوم»: the Uzbek soum and the Kyrgyz som; the
    dirham: the Emirates' and Morocco's; the riyal: Saudi, Omani, Qatari), with the other currency the word may
    be (``shared_word`` in money_terms; a trailing * takes any ending) and the currencies the word is read as
    when nothing tells (its ``word`` rows: «سوم» the soum, "riyal" the Saudi riyal)."""
    rows = read_csv("money_terms.csv")
    shared = []
    for row in (r for r in rows if r["kind"] == "shared_word"):
        pattern = re.compile(r"(?<!\w)" + re.escape(normalise_term(row["term"].rstrip("*")))
                             + (r"\w*" if row["term"].endswith("*") else "") + r"(?!\w)")
        read_as = frozenset(r["value"] for r in rows
                            if r["kind"] == "word" and pattern.fullmatch(normalise_term(r["term"].rstrip("*"))))
        shared.append((pattern, row["value"], read_as))
    return shared


def currency_in_context(mention: str, currency: str, party_country: str | None,
                        counterparty_country: str | None = None) -> str:
    """The currency of an amount whose word two states share, told by the deal's sides: «2.6 مليار سوم» in a
    Kyrgyz deal is som, in an Uzbek one soum (the Central Asian side first); «64,4 مليون درهم» with a Moroccan
    company is Moroccan dirhams, «14.6 مليون ريال» with an Omani one Omani rials (then the other side).

    Only an amount the shared word itself names is re-read: "$20 million (about 7.7 million riyals)" stays in
    dollars, the riyals being only its restatement in brackets."""
    for country in (party_country, counterparty_country):
        local = local_currency(country) if country else None
        if local is None or local == currency:
            continue
        for pattern, other, read_as in _shared_words():
            if other == local and currency in read_as and pattern.search(mention):
                return other
    return currency


def plausible(amount: float, currency: str) -> bool:
    """Whether an amount can be a deal's value (``dealtracker.plausibility``): at most $5 trillion at the latest
    rate (currencies without a
    rate: the same number of units as a bound, the weakest currencies being worth far less than a dollar)."""
    if amount <= IMPLAUSIBLE_ABOVE_USD / 1000:
        return True  # no currency's unit is worth $1,000: most amounts need no look-up
    usd = to_usd(amount, currency)[0]
    return (usd if usd is not None else amount / 1e5) <= IMPLAUSIBLE_ABOVE_USD
