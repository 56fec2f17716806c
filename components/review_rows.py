"""The review page's rows: the stored deals the sidebar's filters select, and a one-line label per deal for the
picker that opens a deal beside its article. (Pages compose components; they do not call the core directly.)"""

from __future__ import annotations

import pandas as pd

from dealtracker.analytics import Filters, format_usd, select

from .text import option_text


def filtered_deals(stored: pd.DataFrame, filters: Filters) -> pd.DataFrame:
    """Only the person's selections, without the aggregation rule: every deal they pick, counted or not."""
    return select(stored, filters)


def deal_labels(deals: pd.DataFrame) -> dict[str, str]:
    """deal id → "party × counterparty · value · source", on one line (selectbox options are plain text: the
    names as the articles wrote them)."""
    return {
        row.deal_id: option_text(f"{row.party} × {row.counterparty or '—'} · {format_usd(row.value_usd)} · {row.source}")
        for row in deals.itertuples()
    }
