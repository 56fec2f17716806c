"""One deal per real deal within an article: the headline, the lead and the body often state it each."""

from __future__ import annotations

import math
from bisect import insort
from dataclasses import replace
from functools import lru_cache

from ..fx import local_currency
from ..gazetteer import country_entity
from ..schema import CENTRAL_ASIA, Deal

# A value restated in another currency ("13 billion yen, about 46 billion tenge") converts at our rates to
# within this factor of the first: rates of other dates, rounding and "more than" make up the difference.
RESTATED_VALUE_FACTOR = 1.25


def merge_repeats(deals: list[Deal], headline_end: int = 0, separate: set[int] | frozenset[int] = frozenset()) -> list[Deal]:
    """The headline and the body often state the same deal twice: keep it once, the better-read copy.

    A mention without a value of a pair that also has a valued deal of the same type in the article is that
    deal; so is the headline's of any type ("Kazakhstan signs deal with Wabtec" over the body's $600 million
    contract), which ends at ``headline_end`` in the article's text (0: no headline). In the body, an
    agreement without a value beside a valued contract of the same pair may be another deal (a memorandum
    on training beside a supply contract), so there the type must agree; and one whose sentence says it is
    another deal ("also", «кроме того»: its start is in ``separate``) is kept whatever its type.
    """
    kept: list[Deal] = []
    candidates = _Candidates()
    for deal in deals:
        twin = next((k for k in candidates.of(deal) if _same_deal(kept[k], deal, headline_end)
                     and not _another_sides_deal(kept[k], deal, separate, headline_end)), None)
        if twin is None:
            candidates.add(deal, len(kept))
            kept.append(deal)
            continue
        better, other = (deal, kept[twin]) if _better(deal, kept[twin]) else (kept[twin], deal)
        merged = _with_furthest_status(better, other)
        candidates.move(kept[twin], merged, twin)
        kept[twin] = merged
    valued = {(d.party_country, d.counterparty, d.deal_type) for d in kept if d.amount is not None}
    pairs = {(d.party_country, d.counterparty) for d in kept if d.amount is not None}
    return [
        d for d in kept
        if d.amount is not None
        or (d.start in separate and d.start >= headline_end)
        or not ((d.party_country, d.counterparty, d.deal_type) in valued
                or (d.start < headline_end and (d.party_country, d.counterparty) in pairs))
    ]


# Bucket widths in natural-log units: two amounts in one currency are one only within 0.5% of each other
# (|ln a - ln b| < 0.00502), a restated value within RESTATED_VALUE_FACTOR in dollars (ln 1.25 = 0.223).
_SAME_AMOUNT_WIDTH = 0.01
_RESTATED_WIDTH = 0.25


class _Candidates:
    """The kept deals that may be a new report's twin, by buckets of the keys ``_same_deal`` requires.

    Why: a long text (a 300-page report, many articles pasted as one) has thousands of amounts, and asking
    every kept deal made merging cost the square of their number. A deal is its twin's candidate only when it
    shares its party's country and, valued, an amount within the same or the next bucket (in its currency,
    or in dollars for a value restated in another currency); ``_same_deal`` still decides, and the earliest
    kept twin is taken, as in a scan."""

    def __init__(self) -> None:
        self._buckets: dict[tuple, list[int]] = {}
        # (party's country, dollar bucket) -> the currencies of the kept deals in it
        self._currencies: dict[tuple, set[str | None]] = {}

    @staticmethod
    def _keys(deal: Deal) -> list[tuple]:
        """The buckets a kept deal sits in."""
        if deal.amount is None:
            return [(deal.party_country, None, deal.counterparty, deal.deal_type)]
        keys: list[tuple] = [(deal.party_country, deal.currency, _bucket(deal.amount, _SAME_AMOUNT_WIDTH))]
        if deal.value_usd:
            keys.append((deal.party_country, "restated", _bucket(deal.value_usd, _RESTATED_WIDTH), deal.currency))
        return keys

    def of(self, deal: Deal) -> list[int]:
        """Positions of kept deals that may be ``deal``'s twin, in the order they were kept."""
        if deal.amount is None:
            return self._buckets.get(self._keys(deal)[0], [])
        found: set[int] = set()
        same = _bucket(deal.amount, _SAME_AMOUNT_WIDTH)
        for b in (same - 1, same, same + 1) if same is not None else (None,):
            found.update(self._buckets.get((deal.party_country, deal.currency, b), ()))
        if deal.value_usd:  # a restatement is in another currency: only those buckets are asked
            near = _bucket(deal.value_usd, _RESTATED_WIDTH)
            for b in (near - 1, near, near + 1) if near is not None else ():
                for currency in self._currencies.get((deal.party_country, b), ()):
                    if currency != deal.currency:
                        found.update(self._buckets[(deal.party_country, "restated", b, currency)])
        return sorted(found)

    def add(self, deal: Deal, position: int) -> None:
        for key in self._keys(deal):
            self._put(key, position)

    def move(self, old: Deal, new: Deal, position: int) -> None:
        """The kept deal at ``position`` is replaced by a better report of it."""
        for key in self._keys(old):
            self._buckets[key].remove(position)
        for key in self._keys(new):
            self._put(key, position)

    def _put(self, key: tuple, position: int) -> None:
        insort(self._buckets.setdefault(key, []), position)
        if key[1] == "restated":
            party_country, _, bucket, currency = key
            self._currencies.setdefault((party_country, bucket), set()).add(currency)


def _bucket(value: float, width: float) -> int | None:
    """Which bucket of ``width`` on a log scale ``value`` falls in; None for zero (it matches only zero)."""
    return math.floor(math.log(value) / width) if value > 0 and math.isfinite(value) else None


# How far along a deal a status says it is; "announced" is also what a deal gets when nothing is said.
_PROGRESS = {"announced": 0, "potential": 1, "planned": 2, "signed": 3}


def _with_furthest_status(kept: Deal, other: Deal) -> Deal:
    """The kept report, with the furthest status either report states ("Russia will lend Uzbekistan $4
    billion … The agreement on the $4 billion loan was signed in Moscow" is one signed loan), and the sector
    the other report names when the kept one names none (a headline's "a loan of half a billion dollars", the
    body's "… to modernise power distribution"), and the company the other report names where the kept one
    names only its state."""
    changes = {}
    if other.counterparty and _state_and_its_company(kept, other) and _is_state(kept):
        # the company is the side; the state word said where it is from
        changes["counterparty"] = other.counterparty
        changes["counterparty_country"] = other.counterparty_country or kept.counterparty_country
    if _PROGRESS.get(other.status, 0) > _PROGRESS.get(kept.status, 0):
        changes["status"] = other.status
    if kept.sector == "other" and other.sector != "other":
        changes["sector"] = other.sector
    return replace(kept, **changes) if changes else kept


def _better(a: Deal, b: Deal) -> bool:
    """Which of two reports of one deal to keep: the value in the deal's own currency rather than its
    conversion into the Central Asian side's money for local readers; else the surer, better-named one."""
    if a.currency != b.currency:
        local = local_currency(a.party_country)
        if (a.currency == local) != (b.currency == local):
            return b.currency == local
    return (a.confidence, len(a.counterparty or "")) > (b.confidence, len(b.counterparty or ""))


def _another_sides_deal(kept: Deal, deal: Deal, separate: set[int] | frozenset[int], headline_end: int) -> bool:
    """A deal without a value its sentence calls another ("Simultaneously, the Issuer and Turkmengeologiya signed
    an agreement", after its contract with Turkmennebit) signed by another Central Asian side than the kept
    twin's: a deal of its own, though the state and the foreign side are the same. (Both sides named as
    organisations: a state and its ministry may be one side told twice.)"""
    return (deal.amount is None and deal.start in separate and deal.start >= headline_end
            and kept.party != deal.party and not _a_state(kept.party) and not _a_state(deal.party))


def _a_state(name: str | None) -> bool:
    return name is None or name in _state_names()


def _same_deal(a: Deal, b: Deal, headline_end: int = 0) -> bool:
    if a.party_country != b.party_country:
        return False
    if (a.start, a.end) == (b.start, b.end) and a.counterparty != b.counterparty:
        return False  # one sentence's amount given by each of several sides: their deals (shares.py)
    if a.amount is None or b.amount is None:
        return a.amount is None and b.amount is None and a.counterparty == b.counterparty and a.deal_type == b.deal_type
    if a.currency != b.currency:
        if not _restated(a, b, (a.start < headline_end) != (b.start < headline_end)):
            return False
    elif abs(a.amount - b.amount) > 0.005 * max(a.amount, b.amount):
        return False
    if a.counterparty is None or b.counterparty is None or a.counterparty == b.counterparty:
        return True
    return a.counterparty_country == b.counterparty_country or _state_and_its_company(a, b)


def _restated(a: Deal, b: Deal, in_headline: bool = False) -> bool:
    """The same value in two currencies, said of the same counterparty (or, by a headline, of one of the same
    country under a shorter name: "Korea's Eximbank agrees $198 mil. loan" over the body's €185.19 million of
    the Export-Import Bank of Korea). ``in_headline``: one of the two is the headline's, the other the body's.
    International lenders share no country: the ADB's $200 million and the AIIB's €150 million stay two."""
    if not a.value_usd or not b.value_usd:
        return False
    if max(a.value_usd, b.value_usd) > RESTATED_VALUE_FACTOR * min(a.value_usd, b.value_usd):
        return False
    # two lenders of one project (the ADB's $200 million, the AIIB's €180 million) are two deals
    return a.counterparty == b.counterparty or a.counterparty is None or b.counterparty is None \
        or _state_and_its_company(a, b) or (
            in_headline and a.counterparty_country == b.counterparty_country and a.counterparty_country != "INT"
        )


def _is_state(deal: Deal) -> bool:
    """The counterparty is a state itself ("Russia"), as a deal gets when only a country word named the side."""
    return deal.counterparty_country is not None and deal.counterparty == country_entity(deal.counterparty_country).name


def _state_and_its_company(a: Deal, b: Deal) -> bool:
    """One report names the state ("Russia"), the other a company of no known country or of that state
    ("Danaflex"): «Татарстанская Danaflex … около 15 млрд тенге» and «… в 2,5 млрд рублей» are one deal."""
    for state, company in ((a, b), (b, a)):
        if _is_state(state) and not _is_state(company) \
                and company.counterparty_country in (None, state.counterparty_country):
            return True
    return False


@lru_cache(maxsize=1)
def _state_names() -> frozenset[str]:
    return frozenset(country_entity(code).name for code in CENTRAL_ASIA)
