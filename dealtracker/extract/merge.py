"""One deal per real deal within an article: the headline, the lead and the body often state it each."""

from __future__ import annotations

from ..schema import Deal


def merge_repeats(deals: list[Deal]) -> list[Deal]:
    """The headline and the body often state the same deal twice: keep it once, the better-read copy.

    A mention without a value of a pair that also has a valued deal of the same type in the article is that
    deal.
    """
    kept: list[Deal] = []
    for deal in deals:
        twin = next((k for k in kept if _same_deal(k, deal)), None)
        if twin is None:
            kept.append(deal)
        elif _better(deal, twin):
            kept[kept.index(twin)] = deal
    valued = {(d.party_country, d.counterparty, d.deal_type) for d in kept if d.amount is not None}
    return [d for d in kept if d.amount is not None or (d.party_country, d.counterparty, d.deal_type) not in valued]


def _better(a: Deal, b: Deal) -> bool:
    return (a.confidence, len(a.counterparty or "")) > (b.confidence, len(b.counterparty or ""))


def _same_deal(a: Deal, b: Deal) -> bool:
    if a.party_country != b.party_country:
        return False
    if a.amount is None or b.amount is None:
        return a.amount is None and b.amount is None and a.counterparty == b.counterparty and a.deal_type == b.deal_type
    if a.currency != b.currency or abs(a.amount - b.amount) > 0.005 * max(a.amount, b.amount):
        return False
    if a.counterparty is None or b.counterparty is None or a.counterparty == b.counterparty:
        return True
    return a.counterparty_country == b.counterparty_country
