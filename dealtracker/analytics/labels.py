"""How the dashboard names things: vocabulary labels, sector colours, country names and USD amounts.

Apart from the filters and aggregates because labels are presentation: the tables, the review editor and the
manual deal form use them without aggregating anything.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from ..data_files import read_csv
from ..schema import DEAL_TYPES, SECTORS, STATUSES


@lru_cache(maxsize=None)
def vocabulary_labels(field: str) -> dict[str, str]:
    """Friendly labels for a vocabulary field (sector, deal_type, status) from ``data/labels.csv``."""
    ids = {"sector": SECTORS, "deal_type": DEAL_TYPES, "status": STATUSES}[field]
    labels = {row["id"]: row["label"] for row in read_csv("labels.csv") if row["field"] == field}
    return {value: labels.get(value, value.replace("_", " ").capitalize()) for value in ids}


def sector_labels() -> dict[str, str]:
    return vocabulary_labels("sector")


@lru_cache(maxsize=1)
def sector_colours() -> dict[str, str]:
    """Sector label → its fixed colour (``data/sector_colours.csv``): the same sector has the same, distinct hue
    on every chart, whatever sectors a filter leaves."""
    colours = {row["sector"]: row["colour"] for row in read_csv("sector_colours.csv")}
    return {label: colours[sector] for sector, label in sector_labels().items() if sector in colours}


def country_label(code: str | None) -> str:
    """ISO alpha-3 → English name; INT → "Multilateral"; unknown → "Unknown"."""
    if not code:
        return "Unknown"
    if code == "INT":
        return "Multilateral"
    from ..gazetteer import country_names

    return country_names().get(code, code)


def format_usd(value: float | None) -> str:
    """$4.2B, $185.2M, $950K: the scale an analyst reads at a glance."""
    if value is None or value is pd.NA or value != value:  # None, NA or NaN; not pd.isna: this runs per chart point
        return "—"
    for threshold, suffix in ((1e12, "T"), (1e9, "B"), (1e6, "M"), (1e3, "K")):
        if abs(value) >= threshold:
            return f"${value / threshold:,.1f}{suffix}"
    return f"${value:,.0f}"
