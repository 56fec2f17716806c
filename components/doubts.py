"""What the dashboard's totals hold that a person should check, and what they leave out."""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.analytics import format_usd
from dealtracker.plausibility import REVIEW_ABOVE_USD, doubts_in_totals


def render_doubts(deals: pd.DataFrame) -> None:
    """A warning under the totals when unverified deals over $300 billion are in them, a note when valued
    deals without a USD value are left out of them."""
    large, large_usd, unconverted = doubts_in_totals(deals)
    if large:
        st.warning(
            f"{large:,} deal{'s' if large > 1 else ''} over {format_usd(REVIEW_ABOVE_USD)}, not yet verified, "
            f"make{'' if large > 1 else 's'} {format_usd(large_usd)} of the total: check on the Review page that "
            "each is one deal and not a total.",
            icon=":material/warning:",
        )
    if unconverted:
        st.caption(
            f"{unconverted:,} deal{'s' if unconverted > 1 else ''} with a value in a currency we have no rate for "
            "at its date count in no USD total (see the Check column on the Review page)."
        )
