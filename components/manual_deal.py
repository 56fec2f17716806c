"""Add a deal by hand: for what the extractor missed. Every field of such a deal counts as human."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import streamlit as st

from dealtracker.analytics import country_label, vocabulary_labels
from dealtracker.fx import to_usd
from dealtracker.schema import CENTRAL_ASIA, DEAL_TYPES, SECTORS, STATUSES, Deal

from .store import get_store


def render_manual_deal_form() -> None:
    with st.expander("Add a deal by hand", icon=":material/add:"):
        with st.form("manual_deal", clear_on_submit=True):
            left, right = st.columns(2)
            party = left.text_input("Party (Central Asian side)")
            party_country = left.selectbox("Country", CENTRAL_ASIA, format_func=country_label)
            counterparty = right.text_input("Counterparty")
            counterparty_country = right.text_input("Counterparty country (ISO alpha-3, INT for multilateral)", max_chars=3)
            amount = left.number_input("Amount (original currency, absolute)", min_value=0.0, value=0.0, step=1e6)
            currency = right.text_input("Currency (ISO 4217)", value="USD", max_chars=3)
            sector = left.selectbox("Sector", SECTORS, format_func=lambda s: vocabulary_labels("sector")[s])
            deal_type = right.selectbox("Type", DEAL_TYPES, format_func=lambda s: vocabulary_labels("deal_type")[s])
            status = left.selectbox("Status", STATUSES, format_func=lambda s: vocabulary_labels("status")[s])
            date = right.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD)")
            evidence = st.text_area("Evidence or note (where this comes from)")
            if st.form_submit_button("Add deal", type="primary"):
                if not party.strip() or not evidence.strip():
                    st.error("A party and an evidence note are needed.")
                    return
                value = amount or None
                code = currency.strip().upper() or None
                stamp = datetime.now(timezone.utc).isoformat()
                get_store().add_deal(
                    Deal(
                        deal_id=hashlib.sha256(f"manual:{stamp}:{party}:{counterparty}".encode()).hexdigest()[:16],
                        source="added by hand", party=party.strip(), party_country=party_country,
                        counterparty=counterparty.strip() or None,
                        counterparty_country=counterparty_country.strip().upper() or None,
                        amount=value, currency=code if value else None,
                        value_usd=to_usd(value, code)[0] if value else None, qualifier=None,
                        sector=sector, deal_type=deal_type, status=status, object=None, jobs=None,
                        date=date.strip() or None, language="en", evidence=evidence.strip(), start=0, end=0,
                        confidence=1.0,
                    )
                )
                st.success("Deal added.")
