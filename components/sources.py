"""The web as a source: follow a feed, see each feed's state, poll the feeds now, and fetch pasted addresses.

Renders and calls only: checking an address, fetching, reading, storing and recording a poll are the core's
(``dealtracker.following``). Everything that came from the web (feed titles, addresses, errors quoting a server)
is escaped for the element that shows it (``text``); the feeds table shows plain text cells.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from dealtracker.following import follow_feed, new_addresses_batch, open_fetcher, poll_feeds
from dealtracker.sources.urls import addresses_in
from dealtracker.store.feeds import Feed, list_feeds
from dealtracker.web.errors import FetchError

from . import session
from .models import duplicate_similarity
from .store import get_store
from .text import markdown_text

_LAST_POLL = "last_poll_lines"


def render_add_feed() -> None:
    """A form for one feed address; says whether it is now followed, was already, or why it cannot be."""
    with st.form("add_feed", clear_on_submit=True, border=False):
        url = st.text_input("Feed address (RSS or Atom)", placeholder="https://example.org/rss", key="feed_url")
        submitted = st.form_submit_button("Add feed", icon=":material/add:")
    if not (submitted and url.strip()):
        return
    try:
        feed, new = follow_feed(get_store(), url.strip())
    except FetchError as error:
        st.error(f"Not added: {markdown_text(error)}", icon=":material/error:")
        return
    if new:
        st.success(f"Following {markdown_text(feed.url)}: press *Poll feeds now* to read it.", icon=":material/rss_feed:")
    else:
        st.info(f"Already following {markdown_text(feed.url)}.", icon=":material/info:")


def render_poll_now(feeds: list[Feed]) -> None:
    """The button that polls every feed now, with progress, and what the latest poll of this session found."""
    if st.button("Poll feeds now", icon=":material/refresh:", disabled=not feeds, type="primary"):
        bar = st.progress(0.0, text="Polling feeds…")

        def report(done: int, total: int, label: str) -> None:
            bar.progress(done / max(total, 1), text=f"Read {done} of {total} new items: {markdown_text(label)}")

        with open_fetcher() as fetcher:
            polls = poll_feeds(get_store(), fetcher, similarity=duplicate_similarity(), progress=report)
        bar.empty()
        st.session_state[_LAST_POLL] = [(poll.summary(), bool(poll.error)) for poll in polls]
    for line, failed in st.session_state.get(_LAST_POLL, []):
        (st.warning if failed else st.success)(markdown_text(line), icon=":material/rss_feed:")


def render_feeds_table(feeds: list[Feed]) -> None:
    """Every followed feed and how its latest poll went."""
    if not feeds:
        st.info("No feeds followed yet: add one above.", icon=":material/info:")
        return
    st.dataframe(pd.DataFrame({
        "Feed": [feed.url for feed in feeds],
        "Title": [feed.title or "" for feed in feeds],
        "Last fetched (UTC)": [feed.last_fetched_at.strftime("%Y-%m-%d %H:%M") if feed.last_fetched_at else "never"
                               for feed in feeds],
        "New articles": [feed.new_articles for feed in feeds],
        "All articles": [feed.total_articles for feed in feeds],
        "Last error": [feed.last_error or "" for feed in feeds],
    }), hide_index=True, width="stretch")


def render_sources() -> None:
    """The Sources page's body: add a feed, poll now, the feeds and their state."""
    render_add_feed()
    feeds = list_feeds(get_store())
    render_poll_now(feeds)
    render_feeds_table(list_feeds(get_store()))


def render_address_intake() -> None:
    """Web addresses pasted on the upload page, fetched and read like uploaded files (those stored before are
    named, not fetched again)."""
    with st.expander("Fetch articles from web addresses", expanded=False):
        text = st.text_area("Addresses, one per line", key="pasted_urls", height=120,
                            placeholder="https://example.org/news/kazakhstan-signs-wind-deal")
        urls = addresses_in(text)
        if st.button("Fetch and read", disabled=not urls, icon=":material/public:"):
            bar = st.progress(0.0, text="Fetching…")

            def report(done: int, total: int, label: str) -> None:
                bar.progress(done / max(total, 1), text=f"Fetched {done} of {total}: {markdown_text(label)}")

            with open_fetcher() as fetcher:
                session.add_batch(new_addresses_batch(get_store(), urls, fetcher, progress=report))
            bar.empty()
