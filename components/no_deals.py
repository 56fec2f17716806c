"""The articles the extractor found no valued deal in: listed, openable, and a deal added by hand from each.

What was not found must be as visible as what was: an analyst who uploads 60 articles and gets 48 with deals
needs to know which 12 gave nothing (one may hold a $300M hospital in its headline) to trust the totals.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from .manual_deal import announce_added, render_manual_deal_form
from .store import get_store
from .text import option_text

# An article's text shown at most this long (a whole news page can be long; the box scrolls)
TEXT_HEIGHT = 320


def _found(deals: int) -> str:
    return "no deal" if deals == 0 else f"{deals} deal{'s' if deals != 1 else ''} without a value"


def render_articles_without_deals(only: set[str] | None = None, key: str = "no_deals") -> None:
    """The list, newest first (``only``: just these article ids, e.g. the latest upload's), a picker to open
    one, its text, and the form to add its deal by hand."""
    announce_added()
    store = get_store()
    frame = _articles_without_values(store.url, store.revision())
    if only is not None:
        frame = frame[frame["article_id"].isin(only)]
    if frame.empty:
        return
    st.subheader(f"Articles without a valued deal ({len(frame):,})")
    st.caption("The extractor found no deal in these articles, or only deals without a value. Open one to read "
               "it and, if it reports a deal, add it by hand.")
    table = pd.DataFrame({
        "Article": frame["source"], "Title": frame["title"], "Language": frame["language"], "Date": frame["date"],
        "Found": frame["deals"].map(_found),
    })
    st.dataframe(table, hide_index=True, width="stretch", key=f"{key}_table", placeholder="",
                 height=min(36 + 35 * len(table), 320))
    # a selectbox option is plain text (not Markdown): the file name as it was uploaded, on one line
    labels = {article_id: option_text(f"{source} — {_found(deals)}")
              for article_id, source, deals in zip(frame["article_id"], frame["source"], frame["deals"])}
    chosen = st.selectbox("Open an article", list(labels), format_func=labels.get, index=None,
                          placeholder="Choose an article to read", key=f"{key}_open")
    if chosen is None:
        return
    article = store.article(chosen)
    if article is None:  # (the store changed under us)
        st.info("That article is no longer stored.", icon=":material/info:")
        return
    with st.container(height=TEXT_HEIGHT, border=True):
        st.text(article.text)  # plain text: nothing in an article is read as Markdown or HTML
    render_manual_deal_form(article, chosen, key=f"{key}_form_{chosen}", expanded=True)


@st.cache_data(max_entries=4, show_spinner=False)
def _articles_without_values(url: str, revision: str) -> pd.DataFrame:
    """Read once per change of the store (its revision): a rerun for a filter does not query again."""
    return get_store().articles_without_values()
