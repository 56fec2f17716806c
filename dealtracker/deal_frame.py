"""The deals as a table: the contract's columns in order, numbers typed as numbers.

Beside the schema rather than in ``analytics``: the store builds its curated table with it, and the store must not
depend on the dashboard's aggregations (an arrow from the store up to analytics). ``analytics`` re-exports it.
"""

from __future__ import annotations

from collections.abc import Iterable

import pandas as pd

from .schema import DEAL_FIELDS, Deal


def deals_frame(deals: Iterable[Deal | dict] | pd.DataFrame, extra: tuple[str, ...] = ()) -> pd.DataFrame:
    """A frame with the contract's columns in order (then any ``extra`` ones), numeric columns typed as numbers."""
    if isinstance(deals, pd.DataFrame):
        frame = deals.reindex(columns=[*DEAL_FIELDS, *extra])
    else:
        rows = [d.to_dict() if isinstance(d, Deal) else dict(d) for d in deals]
        frame = pd.DataFrame(rows, columns=[*DEAL_FIELDS, *extra])
    for column in ("amount", "value_usd", "confidence"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("float64")
    for column in ("jobs", "start", "end"):
        frame[column] = pd.to_numeric(frame[column], errors="coerce").astype("Int64")
    return frame
