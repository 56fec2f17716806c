"""Duplicate groups: the same deal reported by several articles, in any of the three scripts.

Two deals from different articles are the same deal when they have the same Central Asian country, the
same counterparty (equal canonical names, or names alike after transliteration to Latin — rapidfuzz over
anyascii), values within 10% (or both without value and of the same type), and dates, when both are known,
within a few months. Groups are the connected pairs. A person's decision (a confirmed or split group) is
kept by the store and never recomputed.
"""

from __future__ import annotations

from datetime import date

import pandas as pd
from anyascii import anyascii
from rapidfuzz import fuzz

VALUE_TOLERANCE = 0.10
NAME_SIMILARITY = 85
MAX_DAYS_APART = 120


def _latin(name: str | None) -> str:
    return anyascii(name or "").casefold().strip()


def same_counterparty(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    return fuzz.token_set_ratio(_latin(a), _latin(b)) >= NAME_SIMILARITY


def _values_close(a: float | None, b: float | None) -> bool:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return False
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b))


def _as_date(value: str | None) -> date | None:
    if not value or pd.isna(value):
        return None
    parts = [int(p) for p in str(value).split("-")[:3]]
    while len(parts) < 3:
        parts.append(15 if len(parts) == 2 else 6)  # middle of the month / year when only that is known
    try:
        return date(*parts)
    except ValueError:
        return None


def _dates_close(a: str | None, b: str | None) -> bool:
    first, second = _as_date(a), _as_date(b)
    return first is None or second is None or abs((first - second).days) <= MAX_DAYS_APART


def is_same_deal(a: pd.Series, b: pd.Series) -> bool:
    """The pair rule, on two rows of the deals frame."""
    if a["source"] == b["source"] or a["party_country"] != b["party_country"]:
        return False
    if not same_counterparty(a["counterparty"], b["counterparty"]):
        return False
    a_valued, b_valued = not pd.isna(a["value_usd"]), not pd.isna(b["value_usd"])
    if a_valued and b_valued:
        values_ok = _values_close(a["value_usd"], b["value_usd"])
    else:
        values_ok = not a_valued and not b_valued and a["deal_type"] == b["deal_type"]
    return values_ok and _dates_close(a["date"], b["date"])


def duplicate_groups(frame: pd.DataFrame) -> dict[str, str]:
    """deal_id → group id (the smallest deal_id of its group), for deals that have at least one twin."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    rows = [row for _, row in frame.iterrows()]
    by_country: dict[str, list[pd.Series]] = {}
    for row in rows:
        by_country.setdefault(row["party_country"], []).append(row)
    for bucket in by_country.values():
        for i, a in enumerate(bucket):
            for b in bucket[i + 1:]:
                if is_same_deal(a, b):
                    ra, rb = find(a["deal_id"]), find(b["deal_id"])
                    if ra != rb:
                        parent[max(ra, rb)] = min(ra, rb)
    groups = {deal_id: find(deal_id) for deal_id in parent}
    for root in set(groups.values()):
        groups[root] = root
    return groups
