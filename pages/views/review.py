"""Review page: correct, verify or reject deals, check each against its article, merge duplicates."""

import streamlit as st

from components import session
from components.downloads import render_downloads
from components.duplicates import render_duplicate_groups
from components.evidence import render_article_link, render_evidence
from components.filters import active_filter_count, render_filters, stored_choices
from components.manual_deal import render_manual_deal_form
from components.meaning_search import in_rank_order, narrowed, render_answer, render_meaning_search
from components.no_deals import render_articles_without_deals
from components.review_editor import render_review_editor
from components.review_rows import deal_labels, filtered_deals
from components.store import get_store

# A person reviews a few hundred rows at a time; sending 100,000 editable rows (and as many choices in the
# evidence picker) to the browser would take seconds per rerun.
MAX_REVIEW_ROWS = 5_000

st.title("Review deals")
show_rejected = st.toggle("Show rejected deals", key="show_rejected")
stored = session.deals(include_rejected=show_rejected)
meaning = render_meaning_search()
filters = narrowed(render_filters(stored_choices(include_rejected=show_rejected), totals=False), meaning)
deals = in_rank_order(filtered_deals(stored, filters), meaning)
render_answer(meaning, stored)
if active_filter_count():
    st.caption(f"{len(deals):,} of {len(stored):,} deals match the filters in the sidebar.")
if len(deals) > MAX_REVIEW_ROWS:
    st.caption(f"Showing the first {MAX_REVIEW_ROWS:,} of {len(deals):,}: narrow them with the filters to review the rest.")
    deals = deals.head(MAX_REVIEW_ROWS)
render_review_editor(deals)
render_downloads(deals, key="review_download")
render_manual_deal_form()

if not deals.empty:
    st.subheader("Check a deal against its article")
    labels = deal_labels(deals)
    chosen = st.selectbox("Deal", list(labels), format_func=labels.get, key="evidence_deal")
    row = deals.set_index("deal_id").loc[chosen]
    article = get_store().article(row["article_id"]) if isinstance(row["article_id"], str) else None
    render_article_link(article.url if article else None)
    render_evidence(article.text if article else None, {**row.to_dict(), "deal_id": chosen})

    st.subheader("Reported more than once")
    render_duplicate_groups(deals)

render_articles_without_deals(key="review_no_deals")
