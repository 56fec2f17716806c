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

# How close the parts' sum must be to the total (rounding: "$22.58 million" of "$13.36 million and $9.22 million").
SUM_TOLERANCE = 0.01
# A sentence pair rarely lists more parts than this; more would make the subset search costly for nothing.
MAX_PARTS = 6


# How many sentences after a total its parts may be told in ("… will provide $140 million. The EBRD will lend
# $60 million. The ADB will add $50 million, and the AIIB $30 million.")
PARTS_REACH = 4


def without_totals_of_parts(by_sentence: list[list[Deal]], headline: bool = False) -> list[Deal]:
    """The deals of each sentence, in order, without those that only sum up deals of that sentence or the few
    after it. ``headline``: the first sentence is the article's headline, which sums up parts the whole body
    may tell ("World Bank, AIIB, OPEC Fund pledge $670m", «ЕБРР, АБР и АБИИ выделят $140 млн»)."""
    kept: list[Deal] = []
    for i, deals in enumerate(by_sentence):
        reach = len(by_sentence) if headline and i == 0 else i + 1 + PARTS_REACH
        nearby = [d for later in by_sentence[i:reach] for d in later]
        kept.extend(d for d in deals if not _sum_of_others(d, nearby))
    return kept


def _sum_of_others(total: Deal, nearby: list[Deal]) -> bool:
    if total.amount is None or total.amount <= 0:
        return False
    parts = [(d.amount, d.counterparty) for d in nearby
             if d is not total and d.amount is not None and d.currency == total.currency and 0 < d.amount < total.amount]
    if len(parts) < 2:
        return False
    parts = sorted(parts, key=lambda p: p[0], reverse=True)[:MAX_PARTS]
    return any(
        abs(sum(amount for amount, _ in chosen) - total.amount) <= SUM_TOLERANCE * total.amount
        and len({side for _, side in chosen}) >= 2
        and (total.counterparty is None or total.counterparty in {side for _, side in chosen})
        for size in range(2, len(parts) + 1)
        for chosen in combinations(parts, size)
    )
