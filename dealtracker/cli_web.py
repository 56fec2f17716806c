"""Command line for the web: addresses given to ``ingest``, ``feeds add|list|remove`` and ``watch``.

Messages follow the rest of the command line: one line per problem on standard error (``error: URL: reason``,
``warning: …``), a summary line, exit 0 when everything went well and 2 when anything failed or was refused.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
from collections.abc import Callable
from datetime import datetime, timezone

from .schema import BatchResult
from .settings import Settings

DB_HELP = "database URL (default: DEALTRACKER_DB_URL or var/dealtracker.sqlite)"
# A feed asked more often than this is asked rudely; news sites publish a few items an hour.
MIN_EVERY_S = 60
_DURATION = re.compile(r"^\s*(\d+(?:\.\d+)?)\s*([smhd]?)\s*$", re.IGNORECASE)
_UNIT_S = {"": 1, "s": 1, "m": 60, "h": 3600, "d": 86400}


def addresses_batch(settings: Settings, store, urls: list[str]) -> BatchResult:
    """The addresses of an ``ingest`` run, fetched and read (those already stored are named, not fetched)."""
    from .following import new_addresses_batch, open_fetcher

    with open_fetcher(settings) as fetcher:
        return new_addresses_batch(store, urls, fetcher, settings)


def merged(first: BatchResult, second: BatchResult) -> BatchResult:
    """One batch of two (files from disk and addresses), counted as one."""
    return BatchResult(first.articles + second.articles, first.deals + second.deals, first.problems + second.problems,
                       first.files + second.files, first.failed + second.failed)


def duration(text: str) -> float:
    """``90s``, ``15m``, ``1h``, ``1d`` or plain seconds → seconds; at least a minute."""
    found = _DURATION.match(text)
    if not found:
        raise argparse.ArgumentTypeError(f"a duration such as 30m, 1h or 1d (not {text!r})")
    seconds = float(found.group(1)) * _UNIT_S[found.group(2).lower()]
    if seconds < MIN_EVERY_S:
        raise argparse.ArgumentTypeError(f"at least 1m between polls (not {text!r}): feeds are not polled more often")
    return seconds


def _feeds_add(args: argparse.Namespace, settings: Settings) -> int:
    from .following import follow_feed
    from .store import Store
    from .web.errors import FetchError

    store = Store(settings.db_url)
    try:
        feed, new = follow_feed(store, args.url)
    except FetchError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    print(f"{'following' if new else 'already following'} {feed.url} (polled by `python -m dealtracker watch`)",
          file=sys.stderr)
    return 0


def _feeds_list(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store
    from .store.feeds import list_feeds

    feeds = list_feeds(Store(settings.db_url))
    if not feeds:
        print("no feeds followed: add one with `python -m dealtracker feeds add URL`", file=sys.stderr)
    for feed in feeds:
        fetched = feed.last_fetched_at.strftime("%Y-%m-%d %H:%M") if feed.last_fetched_at else "never polled"
        state = f"error: {feed.last_error}" if feed.last_error else "ok"
        print(f"{feed.url}\t{feed.title or '-'}\t{fetched}\t{feed.new_articles} new\t{feed.total_articles} in all\t{state}")
    return 0


def _feeds_remove(args: argparse.Namespace, settings: Settings) -> int:
    from .store import Store
    from .store.feeds import remove_feed

    if remove_feed(Store(settings.db_url), args.url):
        print(f"no longer following {args.url} (its articles stay)", file=sys.stderr)
        return 0
    print(f"error: {args.url}: not a followed feed", file=sys.stderr)
    return 2


def poll_once(store, settings: Settings, similarity=None) -> int:
    """One poll of every feed, a line for each on standard error; 2 when a feed failed, 0 otherwise."""
    from .following import open_fetcher, poll_feeds

    with open_fetcher(settings) as fetcher:
        polls = poll_feeds(store, fetcher, settings, similarity)
    if not polls:
        print("error: no feeds followed: add one with `python -m dealtracker feeds add URL`", file=sys.stderr)
        return 2
    stamp = datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    for poll in polls:
        for problem in poll.problems:
            print(f"{'warning' if problem.warning else 'error'}: {problem}", file=sys.stderr)
        print(f"{'error: ' if poll.error else ''}{poll.summary()}", file=sys.stderr)
    new = sum(poll.new_articles for poll in polls)
    deals = sum(poll.new_deals for poll in polls)
    print(f"{stamp}: {len(polls)} feeds polled, {new} new articles, {deals} new deals", file=sys.stderr)
    return 2 if any(poll.error for poll in polls) else 0


def _watch(args: argparse.Namespace, settings: Settings, similarity: Callable[[Settings], object],
           sleep: Callable[[float], None] = time.sleep) -> int:
    from .store import Store

    store = Store(settings.db_url)
    chosen = similarity(settings)
    try:
        while True:
            status = poll_once(store, settings, chosen)
            if args.once:
                return status
            sleep(args.every)
    except KeyboardInterrupt:
        print("stopped", file=sys.stderr)
        return 0


def add_web_commands(commands, settings_of: Callable[[argparse.Namespace], Settings],
                     similarity: Callable[[Settings], object]) -> None:
    """``feeds add|list|remove`` and ``watch`` on the command line's sub-commands."""
    feeds = commands.add_parser("feeds", help="follow RSS/Atom feeds (polled by `watch`)")
    actions = feeds.add_subparsers(dest="action", required=True)
    for name, run, helped in (("add", _feeds_add, "follow a feed"), ("remove", _feeds_remove, "stop following a feed"),
                              ("list", _feeds_list, "the feeds followed and how their latest poll went")):
        action = actions.add_parser(name, help=helped)
        if name != "list":
            action.add_argument("url", metavar="URL")
        action.add_argument("--db", metavar="URL", help=DB_HELP)
        action.set_defaults(run=lambda args, run=run: run(args, settings_of(args)))
    watch = commands.add_parser("watch", help="poll every followed feed now and then every --every")
    watch.add_argument("--every", type=duration, default=3600.0, metavar="DURATION",
                       help="time between polls: 30m, 1h (default), 1d; at least 1m")
    watch.add_argument("--once", action="store_true", help="poll once and exit (2 when a feed failed)")
    watch.add_argument("--db", metavar="URL", help=DB_HELP)
    watch.add_argument("--embeddings", action="store_true", help="as for ingest: the embedding model helps group duplicates")
    watch.set_defaults(run=lambda args: _watch(args, settings_of(args), similarity))
