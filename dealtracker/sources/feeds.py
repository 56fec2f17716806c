"""RSS and Atom feeds (feedparser): a feed's title and its items' links, which ``sources.urls`` then fetches.

feedparser is only ever given the bytes our fetcher brought (given a string that looks like an address it would
fetch it itself, past every rule of ``web``). A body that is no feed, or that feedparser cannot read at all, is
refused with the reason; a feed with small faults (feedparser's "bozo" flag) is read for what it holds.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urljoin

from ..web.errors import BAD_FEED, FetchError
from ..web.urlkey import url_key

# Items taken from one poll, in the feed's order (newest first, as feeds are written): at one request per second
# per host a feed of thousands of items would hold a poll for an hour; the rest wait for the next poll.
MAX_ITEMS = 100


@dataclass(frozen=True)
class FeedItem:
    link: str
    title: str | None = None


@dataclass(frozen=True)
class ParsedFeed:
    title: str | None
    items: tuple[FeedItem, ...]
    without_link: int = 0  # items that name no page to fetch


def parse_feed(url: str, data: bytes) -> ParsedFeed:
    """The feed at ``url`` (for relative links) from its bytes; FetchError (bad-feed) when it is no feed."""
    import feedparser

    parsed = feedparser.parse(data, resolve_relative_uris=False, sanitize_html=False)
    if not parsed.get("version") and not parsed.entries:
        why = parsed.get("bozo_exception")
        raise FetchError(BAD_FEED, f"{url}: not an RSS or Atom feed" + (f" ({why})" if why else ""))
    items: dict[str, FeedItem] = {}
    without = 0
    for entry in parsed.entries:
        link = (entry.get("link") or "").strip()
        if not link:
            without += 1
            continue
        link = urljoin(url, link)
        items.setdefault(url_key(link), FeedItem(link, (entry.get("title") or "").strip() or None))
    title = (parsed.feed.get("title") or "").strip() or None
    return ParsedFeed(title, tuple(items.values())[:MAX_ITEMS], without)
