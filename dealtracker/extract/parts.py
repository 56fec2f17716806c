"""A total stated next to its parts is not one more deal.

"Uzbekistan will buy trams for €90 million: the Czech bank will lend €70 million and the EBRD €20 million",
«Проект стоимостью 90 млн евро профинансируют два банка: 70 млн евро … еще 20 млн евро …»: the lenders' parts
are the deals; the €90 million is their sum, and counting it too would double the money in every total. So a
valued deal whose amount is the sum of two or more other deals' amounts, in the same currency, of at least two
different counterparties, stated in its own sentence or the few after it (anywhere in the body for a
headline), is dropped — when its own counterparty is
one of those (or none): the total borrowed a part's lender. A lender named with its own amount ("the EIB will
lend €43.7 million, while the EBRD and PROPARCO will each provide €21.8 million") keeps its deal, however the
numbers happen to add up. One lender's tranches or a
facility's loan and grant ("€43.7 million in two tranches") leave the total standing: there the total is the
deal. Only the numbers and the sides decide, in any language.
"""

from __future__ import annotations

from itertools import combinations

from ..schema import Deal
from ..text import Span
from .aggregates import names_many_items

# How close the parts' sum must be to the total (rounding: "$22.58 million" of "$13.36 million and $9.22 million").
SUM_TOLERANCE = 0.01
# A headline's dollar total against body parts converted at our rates, which may be of another date.
HEADLINE_SUM_TOLERANCE = 0.03
# A sentence pair rarely lists more parts than this; more would make the subset search costly for nothing.
MAX_PARTS = 6


# How many sentences after a total its parts may be told in ("… will provide $140 million. The EBRD will lend
# $60 million. The ADB will add $50 million, and the AIIB $30 million.")
PARTS_REACH = 4


def without_totals_of_parts(by_sentence: list[list[Deal]], headline: bool = False, titled: bool = False) -> list[Deal]:
    """The deals of each sentence, in order, without those that only sum up deals of that sentence or the few
    after it. ``headline``: the first sentence is the article's headline, which sums up parts the whole body
    may tell ("World Bank, AIIB, OPEC Fund pledge $670m", «ЕБРР, АБР и АБИИ выделят $140 млн»). ``titled``: that
    first sentence is a title, a line of its own, whose sum may also be of one side's deals (_headline_sum)."""
    kept: list[Deal] = []
    for i, deals in enumerate(by_sentence):
        reach = len(by_sentence) if headline and i == 0 else i + 1 + PARTS_REACH
        nearby = [d for later in by_sentence[i:reach] for d in later]
        in_headline = titled and i == 0
        kept.extend(d for d in deals if not _sum_of_others(d, nearby) and not (in_headline and _headline_sum(d, nearby)))
    return kept


def _sum_of_others(total: Deal, nearby: list[Deal]) -> bool:
    if total.amount is None or total.amount <= 0:
        return False
    parts = [(d.amount, d.counterparty) for d in nearby
             if d is not total and d.amount is not None and d.currency == total.currency and 0 < d.amount < total.amount]
    # (one side's framework of projects and its projects: "three projects worth $286 million … a complex — $96
    # million; a water plant — $112 million; a brick factory — $78 million": three parts or more, where two may be
    # a loan's tranches, and only a total of projects or agreements, where a loan's uses are no deals of their own)
    return _sums_up(total.amount, total.counterparty, parts, SUM_TOLERANCE, sides=2) or (
        names_many_items(total.evidence, Span(0, len(total.evidence)))
        and _sums_up(total.amount, total.counterparty, parts, SUM_TOLERANCE, sides=1, least=3))


def _headline_sum(total: Deal, body: list[Deal]) -> bool:
    """ "ITFC signs financing agreements worth $210 million with Tajikistan" over a body that tells $60 million
    and €130 million (about $150 million) from it: a headline sums the body's deals, also of one side and in
    several currencies (compared in dollars, within what conversions at other dates allow)."""
    if not total.value_usd:
        return False
    parts = [(d.value_usd, d.counterparty) for d in body
             if d is not total and d.value_usd and 0 < d.value_usd < total.value_usd]
    return _sums_up(total.value_usd, total.counterparty, parts, HEADLINE_SUM_TOLERANCE, sides=1)


def _sums_up(total: float, side: str | None, parts: list[tuple[float, str | None]], tolerance: float, sides: int,
             least: int = 2) -> bool:
    """Whether some of the parts (at least ``least``, of at least ``sides`` sides, the total's among them) sum to it."""
    if len(parts) < least:
        return False
    parts = sorted(parts, key=lambda p: p[0], reverse=True)[:MAX_PARTS]
    return any(
        abs(sum(amount for amount, _ in chosen) - total) <= tolerance * total
        and len({s for _, s in chosen}) >= sides
        and (side is None or side in {s for _, s in chosen})
        for size in range(least, len(parts) + 1)
        for chosen in combinations(parts, size)
    )
