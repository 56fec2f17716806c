"""The store's rules for a deal's values: the one place they are written, whoever writes (a person's edit in the
grid, a deal added by hand, an extraction being stored, a script using ``Store``).

The grid and the form refuse most bad values before they reach the store, but a script, an older page or a
bug does not: an infinite or negative amount would poison every total, a date such as 9999-12-31 every
timeline. A refused value raises ``InvalidValue`` (a ``ValueError``) whose text names the field and says why.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from functools import lru_cache
from typing import Any

from ..data_files import read_csv
from ..fx import Rate, known_currencies, to_usd
from ..ingest.dates import EARLIEST_YEAR
from ..schema import CENTRAL_ASIA, DEAL_TYPES, MULTILATERAL, QUALIFIERS, SECTORS, STATUSES, Deal, check_date
from .errors import InvalidValue

REVIEW_FIELDS = ("verified", "rejected")
EDITABLE_FIELDS = (
    "party", "party_country", "counterparty", "counterparty_country", "amount", "currency", "value_usd",
    "qualifier", "sector", "deal_type", "status", "object", "jobs", "date",
) + REVIEW_FIELDS
VOCABULARIES: dict[str, tuple[str, ...]] = {
    "sector": SECTORS, "deal_type": DEAL_TYPES, "status": STATUSES, "qualifier": QUALIFIERS, "party_country": CENTRAL_ASIA,
}
# A deal date may lie ahead (a signing set for next spring), but not by more than this.
YEARS_AHEAD = 10
# The names the review grid shows, so a refusal reads like the column a person edited.
LABELS = {
    "party": "Party", "party_country": "Country", "counterparty": "Counterparty",
    "counterparty_country": "Counterparty country", "amount": "Amount", "currency": "Currency",
    "value_usd": "Value (USD)", "qualifier": "Qualifier", "sector": "Sector", "deal_type": "Type",
    "status": "Status", "object": "Object", "jobs": "Jobs", "date": "Date",
}


def validated(field: str, value: Any, today: dt.date | None = None) -> Any:
    """``value`` cleaned for ``field`` (numbers as numbers, codes upper case, blanks as None), or InvalidValue."""
    if field not in EDITABLE_FIELDS:
        raise InvalidValue(field, f"'{field}' cannot be edited")
    if field in REVIEW_FIELDS:
        return bool(value)
    if field in ("amount", "value_usd"):
        return _number(field, value)
    if field == "jobs":
        number = _number(field, value)
        if number is not None and not number.is_integer():
            raise _refused(field, f"{number:g} is not a whole number")
        return None if number is None else int(number)
    if value is None or (isinstance(value, float) and math.isnan(value)):  # a blank cell from pandas
        return None
    if field == "date":
        return _date(value, today or dt.date.today())
    if field in ("currency", "party_country", "counterparty_country"):
        value = str(value).strip().upper() or None
        if value is None:
            return None
    if field == "currency" and value not in _named_currencies() and value not in known_currencies():
        raise _refused(field, f"'{value}' is not a currency the tracker knows: no exchange rate and no name for it "
                              "(data/fx_history.csv, data/lang/*/money_terms.csv)")
    if field == "counterparty_country" and value != MULTILATERAL and value not in _countries():
        raise _refused(field, f"'{value}' is not an ISO alpha-3 country code (or INT for a multilateral institution)")
    if field in VOCABULARIES and value not in VOCABULARIES[field]:
        raise _refused(field, f"'{value}' is not one of the {field} values ({', '.join(VOCABULARIES[field])})")
    return value


def validated_deal(deal: Deal, today: dt.date | None = None) -> Deal:
    """The deal with every editable field validated (a copy), or InvalidValue for the first field refused."""
    values = {field: validated(field, getattr(deal, field), today) for field in EDITABLE_FIELDS if hasattr(deal, field)}
    return dataclasses.replace(deal, **values)


def converted(amount: float | None, currency: str | None, date: str | None) -> tuple[float | None, Rate | None]:
    """A person's amount in US dollars at the rate of ``date``, and the rate: the one conversion of a value a person
    typed, whether edited in the grid or entered by hand. (None, None) when the amount or a rate is unknown (a
    currency the tracker names without a rate is kept in its own currency, in no USD total); InvalidValue when
    the amount is too large to convert."""
    value_usd, rate = to_usd(amount, currency, date)
    if value_usd is not None and not math.isfinite(value_usd):
        raise InvalidValue("amount", f"{amount:g} {currency} is too large to convert to US dollars", "Amount")
    return value_usd, rate


def _refused(field: str, reason: str) -> InvalidValue:
    return InvalidValue(field, reason, LABELS.get(field, field))


def _number(field: str, value: Any) -> float | None:
    """A finite, non-negative number, or None for a blank."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if isinstance(value, bool):
        raise _refused(field, "a yes/no is not a number")
    try:
        number = float(value)
    except (TypeError, ValueError):
        raise _refused(field, f"'{value}' is not a number") from None
    if math.isnan(number):
        raise _refused(field, "NaN is not a number: leave the cell empty when it is not known")
    if math.isinf(number):
        raise _refused(field, f"{number} is not a finite number")
    if number < 0:
        raise _refused(field, f"{number:g} is negative: values are absolute, 0 or more")
    return number


def _date(value: Any, today: dt.date) -> str | None:
    """A contract date (YYYY, YYYY-MM, YYYY-MM-DD) from 1990 up to ``YEARS_AHEAD`` years after today."""
    try:
        text = check_date(value)
    except ValueError as error:
        raise _refused("date", str(error)) from None
    if text is None:
        return None
    year, latest = int(text[:4]), today.year + YEARS_AHEAD
    if year < EARLIEST_YEAR:
        raise _refused("date", f"'{text}' is before {EARLIEST_YEAR}, earlier than any deal the tracker follows")
    if year > latest:
        raise _refused("date", f"'{text}' is more than {YEARS_AHEAD} years ahead (the latest year is {latest})")
    return text


@lru_cache(maxsize=1)
def _named_currencies() -> frozenset[str]:
    """The currencies the extractor names (data/lang/*/money_terms.csv), with a rate or without one: a deal in one
    without a rate is kept in its own currency and named for review (it counts in no USD total).

    Looked at before ``known_currencies``, which loads the ECB's whole history (a second of a short run)."""
    return frozenset(row["value"] for row in read_csv("money_terms.csv") if row.get("kind") in ("code", "symbol", "word"))


@lru_cache(maxsize=1)
def _countries() -> frozenset[str]:
    from ..gazetteer import country_names

    return frozenset(country_names())
