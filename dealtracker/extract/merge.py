"""One deal per real deal within an article: the headline, the lead and the body often state it each."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..schema import Deal

# A value restated in another currency ("13 billion yen, about 46 billion tenge") converts at our rates to
# within this factor of the first: rates of other dates, rounding and "more than" make up the difference.
RESTATED_VALUE_FACTOR = 1.25


@lru_cache(maxsize=None)
def _local_currency(country: str) -> str | None:
    """The currency of a state (KAZ → KZT), from CLDR through babel."""
    import pycountry
    from babel.numbers import get_territory_currencies

    found = pycountry.countries.get(alpha_3=country)
    currencies = get_territory_currencies(found.alpha_2) if found else []
    return currencies[0] if currencies else None


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
            continue
        better, other = (deal, twin) if _better(deal, twin) else (twin, deal)
        kept[kept.index(twin)] = _with_furthest_status(better, other)
    valued = {(d.party_country, d.counterparty, d.deal_type) for d in kept if d.amount is not None}
    return [d for d in kept if d.amount is not None or (d.party_country, d.counterparty, d.deal_type) not in valued]


# How far along a deal a status says it is; "announced" is also what a deal gets when nothing is said.
_PROGRESS = {"announced": 0, "potential": 1, "planned": 2, "signed": 3}


def _with_furthest_status(kept: Deal, other: Deal) -> Deal:
    """The kept report, with the furthest status either report states ("Russia will lend Uzbekistan $4
    billion … The agreement on the $4 billion loan was signed in Moscow" is one signed loan), and the sector
    the other report names when the kept one names none (a headline's "a loan of half a billion dollars", the
    body's "… to modernise power distribution")."""
    changes = {}
    if _PROGRESS.get(other.status, 0) > _PROGRESS.get(kept.status, 0):
        changes["status"] = other.status
    if kept.sector == "other" and other.sector != "other":
        changes["sector"] = other.sector
    return replace(kept, **changes) if changes else kept


def _better(a: Deal, b: Deal) -> bool:
    """Which of two reports of one deal to keep: the value in the deal's own currency rather than its
    conversion into the Central Asian side's money for local readers; else the surer, better-named one."""
    if a.currency != b.currency:
        local = _local_currency(a.party_country)
        if (a.currency == local) != (b.currency == local):
            return b.currency == local
    return (a.confidence, len(a.counterparty or "")) > (b.confidence, len(b.counterparty or ""))


def _same_deal(a: Deal, b: Deal) -> bool:
    if a.party_country != b.party_country:
        return False
    if (a.start, a.end) == (b.start, b.end) and a.counterparty != b.counterparty:
        return False  # one sentence's amount given by each of several sides: their deals (shares.py)
    if a.amount is None or b.amount is None:
        return a.amount is None and b.amount is None and a.counterparty == b.counterparty and a.deal_type == b.deal_type
    if a.currency != b.currency:
        if not _restated(a, b):
            return False
    elif abs(a.amount - b.amount) > 0.005 * max(a.amount, b.amount):
        return False
    if a.counterparty is None or b.counterparty is None or a.counterparty == b.counterparty:
        return True
    return a.counterparty_country == b.counterparty_country


def _restated(a: Deal, b: Deal) -> bool:
    """The same value in two currencies, said of the same counterparty."""
    if not a.value_usd or not b.value_usd:
        return False
    if max(a.value_usd, b.value_usd) > RESTATED_VALUE_FACTOR * min(a.value_usd, b.value_usd):
        return False
    # two lenders of one project (the ADB's $200 million, the AIIB's €180 million) are two deals
    return a.counterparty == b.counterparty or a.counterparty is None or b.counterparty is None
