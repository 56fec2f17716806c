"""Add a deal by hand: for what the extractor missed. Every field of such a deal counts as human."""

from __future__ import annotations

import hashlib
from datetime import datetime, timezone

import streamlit as st

from dealtracker.analytics import country_label, vocabulary_labels
from dealtracker.fx import to_usd
from dealtracker.gazetteer import country_names
from dealtracker.schema import CENTRAL_ASIA, DEAL_TYPES, SECTORS, STATUSES, Article, Deal, check_date

from .store import get_store
from .text import markdown_text


def _problems(party, party_country, sector, deal_type, status, evidence, counterparty_country, date) -> list[str]:
    """What is missing or malformed, in words; empty when the deal can be stored."""
    problems = []
    if not party.strip():
        problems.append("name the party")
    missing = [label for label, value in (("country", party_country), ("sector", sector), ("type", deal_type),
                                          ("status", status)) if value is None]
    if missing:
        problems.append("choose the " + ", ".join(missing))
    if not evidence.strip():
        problems.append("say where this comes from")
    code = counterparty_country.strip().upper()
    if code and code != "INT" and code not in country_names():
        problems.append(f"'{code}' is not an ISO alpha-3 country code")
    try:
        check_date(date)
    except ValueError as error:
        problems.append(str(error))
    return problems


_ADDED = "manual_deal_added"


def announce_added() -> None:
    """The confirmation of a deal just added, shown once after the rerun that follows it (the rerun is what
    lets every list on the page — the articles without a deal among them — show the new deal at once)."""
    message = st.session_state.pop(_ADDED, None)
    if message:
        st.toast(message, icon=":material/check_circle:")
        st.success(message)


def _where(article: Article | None, evidence: str) -> tuple[int, int]:
    """Where the evidence stands in its article, when it was copied from it: the offsets let a reader check the
    deal against its source like any extracted one. (0, 0) when it is a note of the person's own."""
    at = article.text.find(evidence) if article is not None and evidence else -1
    return (at, at + len(evidence)) if at >= 0 else (0, 0)


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
                problems = _problems(party, party_country, sector, deal_type, status, evidence, counterparty_country, date)
                if problems:
                    # a problem quotes what was typed (a code, a date): shown as text, not Markdown
                    st.error("Not added: " + "; ".join(markdown_text(problem) for problem in problems) + ".")
                    return
                value = amount or None
                code = currency.strip().upper() or None
                stamp = datetime.now(timezone.utc).isoformat()
                start, end = _where(article, evidence.strip())
                try:
                    get_store().add_deal(Deal(
                        deal_id=hashlib.sha256(f"manual:{stamp}:{party}:{counterparty}".encode()).hexdigest()[:16],
                        source=article.source if article is not None else "added by hand",
                        party=party.strip(), party_country=party_country,
                        counterparty=counterparty.strip() or None,
                        counterparty_country=counterparty_country.strip().upper() or None,
                        amount=value, currency=code if value else None,
                        value_usd=to_usd(value, code, check_date(date))[0] if value else None, qualifier=None,
                        sector=sector, deal_type=deal_type, status=status, object=None, jobs=None,
                        date=check_date(date), language=article.language if article is not None else "en",
                        evidence=evidence.strip(), start=start, end=end, confidence=1.0,
                    ), article_id=article_id)
                except ValueError as refused:  # the store's own rules (a date, a currency): said, not raised
                    st.error("Not added: " + markdown_text(str(refused)) + ".")
                    return
                where = f" from {markdown_text(article.source)}" if article is not None else ""  # toast: Markdown
                st.session_state[_ADDED] = f"Deal added{where}, marked as verified."
                st.rerun()
