"""Currency → US dollars from the dated rate table in ``data/fx_rates.csv``.

One rate per currency for now (the table says when and where it is from); the rate used travels with the
converted value so a reviewer can see it.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from .data_files import read_csv


@dataclass(frozen=True)
class Rate:
    currency: str
    usd_per_unit: float
    as_of: str
    source: str


@lru_cache(maxsize=1)
def rates() -> dict[str, Rate]:
    return {
        row["currency"]: Rate(row["currency"], float(row["usd_per_unit"]), row["as_of"], row["source"])
        for row in read_csv("fx_rates.csv")
    }


def to_usd(amount: float | None, currency: str | None) -> tuple[float | None, Rate | None]:
    """Convert an amount; (None, None) when the amount or the currency's rate is unknown."""
    if amount is None or currency is None:
        return None, None
    rate = rates().get(currency)
    if rate is None:
        return None, None
    return round(amount * rate.usd_per_unit, 2), rate
