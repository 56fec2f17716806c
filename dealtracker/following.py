"""What the app and the command line share for the web: read addresses, follow feeds, poll them.

An address already stored (by its key: ``web.urlkey``) is not fetched again, so a second poll of an unchanged
feed asks the site only for the feed itself (and gets a 304 when the site keeps validators). New items are
fetched politely (``web.fetcher``), read by the reader of what they serve (``sources.urls``), extracted, and
stored with their address; duplicate groups are recomputed once at the end of a poll.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from .ingest import Limits
from .pipeline import add_file
from .schema import BatchResult, ReadProblem
from .services import taggers_for
from .settings import Settings
from .sources.feeds import parse_feed
from .sources.urls import fetched, read_fetched
from .store import Store
from .store.feeds import Feed, PollRecord, add_feed, list_feeds, record_poll, stored_url_keys
from .web.errors import FetchError
from .web.fetcher import FEEDS, Fetcher, checked_url
from .web.policy import FetchPolicy
from .web.urlkey import url_key

# progress(done, total, label), as the pipeline's.
Progress = Callable[[int, int, str], None]
ALREADY_STORED = "already stored (fetched before); not fetched again"


def open_fetcher(settings: Settings | None = None) -> Fetcher:
    """A fetcher with the settings' policy (allow-private switch, file-size limit)."""
    return Fetcher(FetchPolicy.from_settings(settings or Settings.from_env()))


def read_addresses(urls: Sequence[str], fetcher: Fetcher, settings: Settings | None = None,
                   known: Collection[str] = frozenset(), progress: Progress | None = None) -> BatchResult:
    """Fetch and read each address into one batch, one file each (a failure names the address and the reason).
    An address whose key is in ``known`` is not fetched: a warning says it was stored before."""
    settings = settings or Settings.from_env()
    limits, taggers = Limits.from_env(settings.environ or None), taggers_for(settings)
    result = BatchResult()
    fresh = [url for url in urls if url_key(url) not in known]
    for url in urls:
        if url_key(url) in known:
            add_file(result, url, [ReadProblem(url, ALREADY_STORED, warning=True)])
    for done, item in enumerate(fetched(fresh, fetcher), start=1):
        if isinstance(item, ReadProblem):
            add_file(result, item.source, [item])
        else:
            add_file(result, item.name, read_fetched(item, limits), taggers=taggers)
        if progress is not None:
            progress(done, len(fresh), item.source if isinstance(item, ReadProblem) else item.name)
    return result


def new_addresses_batch(store: Store, urls: Sequence[str], fetcher: Fetcher, settings: Settings | None = None,
                        progress: Progress | None = None) -> BatchResult:
    """``read_addresses`` of the addresses the store does not hold yet (the others are named as stored)."""
    return read_addresses(urls, fetcher, settings, stored_url_keys(store, map(url_key, urls)), progress)


def follow_feed(store: Store, url: str) -> tuple[Feed, bool]:
    """Follow a feed: its address checked (http or https, with a host), then stored once. FetchError (code
    not-http) for anything else; the feed is first fetched by the next poll."""
    return add_feed(store, checked_url(url))


@dataclass
class FeedPoll:
    """One feed's poll: how many items it listed, how many were new, what was stored, what went wrong."""

    feed: Feed
    items: int = 0
    new_items: int = 0
    new_articles: int = 0
    new_deals: int = 0
    not_modified: bool = False
    error: str | None = None
    problems: list[ReadProblem] = field(default_factory=list)

    def summary(self) -> str:
        """One line: "feed URL: 20 items, 3 new: 3 articles, 2 deals stored" or its error."""
        name = self.feed.url
        if self.error and not self.new_items:
            return f"{name}: {self.error}"
        if self.not_modified:
            return f"{name}: not modified since the last poll"
        line = (f"{name}: {_count(self.items, 'item')}, {self.new_items} new: {_count(self.new_articles, 'article')}, "
                f"{_count(self.new_deals, 'deal')} stored")
        return line + (f" ({self.error})" if self.error else "")


def _count(number: int, word: str) -> str:
    return f"{number} {word}{'' if number == 1 else 's'}"


def poll_feed(store: Store, feed: Feed, fetcher: Fetcher, settings: Settings | None = None,
              progress: Progress | None = None) -> FeedPoll:
    """Fetch one feed (conditionally), read its new items, store them, and record how it went on the feed."""
    poll = FeedPoll(feed)
    try:
        got = fetcher.fetch(feed.url, FEEDS, feed.etag, feed.last_modified)
        parsed = None if got.not_modified else parse_feed(got.final_url, got.data)
    except FetchError as error:
        poll.error = str(error)
        record_poll(store, feed.feed_id, PollRecord(error=poll.error))
        return poll
    if parsed is None:
        poll.not_modified = True
        record_poll(store, feed.feed_id, PollRecord())
        return poll
    links = [item.link for item in parsed.items]
    known = stored_url_keys(store, map(url_key, links))
    fresh = [link for link in links if url_key(link) not in known]
    poll.items, poll.new_items = len(links), len(fresh)
    result = read_addresses(fresh, fetcher, settings, progress=progress)
    report = store.ingest(result)
    poll.new_articles, poll.new_deals, poll.problems = report.new_articles, report.new_deals, result.problems
    failed = [p for p in result.problems if not p.warning]
    if failed:
        poll.error = f"{len(failed)} of {len(fresh)} new items could not be read; first: {failed[0]}"
    record_poll(store, feed.feed_id, PollRecord(parsed.title, got.etag, got.last_modified, report.new_articles, poll.error))
    return poll


def poll_feeds(store: Store, fetcher: Fetcher, settings: Settings | None = None, similarity=None,
               progress: Progress | None = None) -> list[FeedPoll]:
    """Poll every followed feed in turn; duplicate groups recomputed once if anything was stored. ``similarity``:
    as ``services.duplicate_similarity`` gives it (None: the rules alone)."""
    polls = []
    for feed in list_feeds(store):
        polls.append(poll_feed(store, feed, fetcher, settings, progress))
    if any(poll.new_articles for poll in polls):
        store.regroup(similarity)
    return polls
