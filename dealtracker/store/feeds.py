"""The feeds a person follows, and which web addresses the store already holds.

Apart from ``repository`` (the articles and deals) because it is a job of its own: a small list of feeds with
the state of each one's latest poll, written under the same write lock as every other write (``engine``). A feed
is known by its URL key (``web.urlkey``), so the same feed added twice, with a tracking parameter or a trailing
slash, is one feed.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from sqlalchemy import delete, select, update

from ..web.urlkey import url_key
from .engine import for_writing
from .models import ArticleRow, FeedRow, utcnow
from .repository import Store

# Keys asked about in one query (SQLite allows 32,766 parameters; PostgreSQL more).
KEYS_PER_QUERY = 500


@dataclass(frozen=True)
class Feed:
    """A followed feed and its latest poll: when, what it stored, what went wrong (None: nothing)."""

    feed_id: int
    url: str
    title: str | None
    added_at: datetime
    last_fetched_at: datetime | None
    etag: str | None
    last_modified: str | None
    new_articles: int
    total_articles: int
    last_error: str | None


@dataclass(frozen=True)
class PollRecord:
    """What one poll of a feed found, to be written to its row."""

    title: str | None = None
    etag: str | None = None
    last_modified: str | None = None
    new_articles: int = 0
    error: str | None = None


def add_feed(store: Store, url: str) -> tuple[Feed, bool]:
    """Follow ``url`` (already checked to be a web address); the feed and whether it is new (False: already
    followed under this or an equivalent address)."""
    key = url_key(url)
    with for_writing(store.engine).begin() as connection:
        found = connection.execute(select(FeedRow.feed_id).where(FeedRow.url_key == key)).scalar()
        if found is None:
            found = connection.execute(FeedRow.__table__.insert().values(
                url=url.strip(), url_key=key, added_at=utcnow(), new_articles=0, total_articles=0,
            )).inserted_primary_key[0]
            new = True
        else:
            new = False
    return feed_by_id(store, found), new


def remove_feed(store: Store, url: str) -> bool:
    """Stop following a feed (its articles stay); False when it was not followed."""
    with for_writing(store.engine).begin() as connection:
        return connection.execute(delete(FeedRow).where(FeedRow.url_key == url_key(url))).rowcount > 0


def list_feeds(store: Store) -> list[Feed]:
    """Every followed feed, in the order they were added."""
    with store.engine.connect() as connection:
        rows = connection.execute(select(FeedRow).order_by(FeedRow.feed_id)).all()
    return [_feed(row) for row in rows]


def feed_by_id(store: Store, feed_id: int) -> Feed:
    with store.engine.connect() as connection:
        return _feed(connection.execute(select(FeedRow).where(FeedRow.feed_id == feed_id)).one())


def record_poll(store: Store, feed_id: int, record: PollRecord) -> None:
    """Write a poll's outcome. The validators and title are kept from before when the poll brought none (a
    304 answer, a failed fetch), so the next conditional GET still has them."""
    values: dict[str, object] = {"last_fetched_at": utcnow(), "new_articles": record.new_articles,
                                 "total_articles": FeedRow.total_articles + record.new_articles,
                                 "last_error": record.error}
    for name in ("title", "etag", "last_modified"):
        if getattr(record, name):
            values[name] = getattr(record, name)
    with for_writing(store.engine).begin() as connection:
        connection.execute(update(FeedRow).where(FeedRow.feed_id == feed_id).values(**values))


def stored_url_keys(store: Store, keys: Iterable[str]) -> set[str]:
    """Those of ``keys`` (``web.urlkey`` keys) that some stored article was fetched from."""
    wanted = sorted(set(keys))
    found: set[str] = set()
    with store.engine.connect() as connection:
        for start in range(0, len(wanted), KEYS_PER_QUERY):
            part = wanted[start:start + KEYS_PER_QUERY]
            found.update(connection.execute(select(ArticleRow.url_key).where(ArticleRow.url_key.in_(part))).scalars())
    return found


def _feed(row) -> Feed:
    return Feed(row.feed_id, row.url, row.title, row.added_at, row.last_fetched_at, row.etag, row.last_modified,
                row.new_articles or 0, row.total_articles or 0, row.last_error)
