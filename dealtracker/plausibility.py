"""How large a deal's value can be, and which values a person should check.

Two thresholds, in US dollars at the deal's rate:
- above $5 trillion a number is no deal value at all (the world's yearly output is about $100 trillion; the
  largest deals ever made are a few hundred billion): the money reader drops it ("$999,999 trillion",
  "900 trillion dollars"), so it can never swamp the totals;
- below $1,000 a value is a price, a fee or a rate, never a deal's;
- above $300 billion a value is possible but rare, and most often a total read as one deal (a fund's
  worldwide portfolio, a forum's sum over many countries): the deal is kept, its confidence capped, and the
  review shows why it should be checked.
An amount whose currency has no rate at its date is also named for review: it counts in no USD total.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:  # pandas only for a type: the extractor imports this module, and pandas costs 0.25 s to import
    import pandas as pd

IMPLAUSIBLE_ABOVE_USD = 5e12
# Below this no news value is a deal's: "$78 a pound", "a $15 fee per passenger", tuition "from $2,500 a year"
# are prices (the smallest deals the news reports, embassy grants, run to tens of thousands of dollars).
DEAL_AT_LEAST_USD = 10_000
REVIEW_ABOVE_USD = 3e11
# The confidence a deal keeps at most when its value calls for a check: below the review's "doubtful" line.
CONFIDENCE_WHEN_DOUBTFUL = 0.3


def review_reason(amount: float | None, currency: str | None, value_usd: float | None) -> str | None:
    """Why a person should check this deal's value, in words; None when nothing stands out."""
    if value_usd is not None and value_usd == value_usd and value_usd > REVIEW_ABOVE_USD:
        return f"Value over ${REVIEW_ABOVE_USD / 1e9:,.0f} billion: check that it is one deal, not a total"
    if amount is not None and amount == amount and currency and (value_usd is None or value_usd != value_usd):
        return f"No exchange rate for {currency} at this date: kept in {currency}, left out of USD totals"
    return None


def doubts_in_totals(deals: pd.DataFrame) -> tuple[int, float, int]:
    """What a total's reader should know it holds or leaves out: (how many deals over $300 billion that no
    person verified, their sum in USD, how many valued deals have no USD value and so count in no total)."""
    if deals.empty:
        return 0, 0.0, 0
    verified = deals["verified"].fillna(False).astype(bool) if "verified" in deals.columns else False
    large = deals[(deals["value_usd"] > REVIEW_ABOVE_USD) & ~verified]
    unconverted = int((deals["amount"].notna() & deals["value_usd"].isna()).sum())
    return len(large), float(large["value_usd"].sum()), unconverted
