"""What the money reader finds: one amount with its currency and where it stands (``MoneyMention``).

Apart from the finder so that the readers downstream (sentences, sides, shares, statistics) can name the type
without importing the lexicons and patterns that build it.
"""

from __future__ import annotations

from dataclasses import dataclass

from ...fx import to_usd


@dataclass(frozen=True)
class MoneyMention:
    """An amount found in normalised text; ``start``/``end`` cover qualifier to currency.

    ``usd_stated`` holds the text's own dollar equivalent ("985.13 million riyals, or $262.7 million").
    """

    start: int
    end: int
    amount: float
    currency: str
    qualifier: str | None
    number_start: int
    usd_stated: float | None = None
    restated: tuple[float, str] | None = None  # the text's own equivalent in another currency than the dollar


def usd_value(amount: MoneyMention) -> float | None:
    """The mention's value in US dollars, as the rules take it: the text's own equivalent, else our rate (None
    where no rate is known)."""
    return amount.usd_stated if amount.usd_stated is not None else to_usd(amount.amount, amount.currency)[0]
