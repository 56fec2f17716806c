"""Add a deal by hand: for what the extractor missed. Every field of such a deal counts as human."""

from __future__ import annotations

import streamlit as st

from dealtracker.analytics import country_label, vocabulary_labels
from dealtracker.schema import CENTRAL_ASIA, DEAL_TYPES, SECTORS, STATUSES, Article
from dealtracker.services import DealRefused, ManualDeal, add_manual_deal

from .store import get_store
from .text import markdown_text


_ADDED = "manual_deal_added"


def announce_added() -> None:
    """The confirmation of a deal just added, shown once after the rerun that follows it (the rerun is what
    lets every list on the page — the articles without a deal among them — show the new deal at once)."""
    message = st.session_state.pop(_ADDED, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
        st.success(message)


def render_manual_deal_form(article: Article | None = None, article_id: str | None = None, key: str = "manual_deal",
                            expanded: bool = False) -> None:
    """The form; with an ``article`` (and its stored ``article_id``) the deal is that article's: its source,
    language and date are taken from it, and evidence copied from its text keeps its place in it."""
    announce_added()
    label = "Add a deal from this article by hand" if article is not None else "Add a deal by hand"
    with st.expander(label, icon=":material/add:", expanded=expanded):
        with st.form(key):  # not cleared on submit: a refused deal keeps what was typed
            left, right = st.columns(2)
            party = left.text_input("Party (Central Asian side)")
            # No preselected choice: an unnoticed default (Kazakhstan, oil & gas …) would be saved as a fact.
            party_country = left.selectbox("Country", CENTRAL_ASIA, format_func=country_label, index=None, placeholder="Choose")
            counterparty = right.text_input("Counterparty")
            counterparty_country = right.text_input("Counterparty country (ISO alpha-3, INT for multilateral)", max_chars=3)
            amount = left.number_input("Amount (original currency, absolute)", min_value=0.0, value=0.0, step=1e6)
            currency = right.text_input("Currency (ISO 4217)", value="USD", max_chars=3)
            sector = left.selectbox("Sector", SECTORS, format_func=lambda s: vocabulary_labels("sector")[s], index=None, placeholder="Choose")
            deal_type = right.selectbox("Type", DEAL_TYPES, format_func=lambda s: vocabulary_labels("deal_type")[s], index=None, placeholder="Choose")
            status = left.selectbox("Status", STATUSES, format_func=lambda s: vocabulary_labels("status")[s], index=None, placeholder="Choose")
            date = right.text_input("Date (YYYY, YYYY-MM or YYYY-MM-DD)", value=(article.date or "") if article else "")
            evidence = st.text_area("Evidence: the sentence, copied from the article" if article is not None
                                    else "Evidence or note (where this comes from)")
            if st.form_submit_button("Add deal", type="primary"):
                entry = ManualDeal(party=party, party_country=party_country, counterparty=counterparty,
                                   counterparty_country=counterparty_country, amount=amount, currency=currency,
                                   sector=sector, deal_type=deal_type, status=status, date=date, evidence=evidence)
                try:  # the store's rules, every problem at once: said, not raised
                    add_manual_deal(get_store(), entry, article, article_id)
                except DealRefused as refused:  # a problem quotes what was typed (a code, a date): shown as text
                    st.error("Not added: " + "; ".join(markdown_text(problem) for problem in refused.problems) + ".")
                    return
                where = f" from {markdown_text(article.source)}" if article is not None else ""  # toast: Markdown
                st.session_state[_ADDED] = f"Deal added{where}, marked as verified."
                st.rerun()
