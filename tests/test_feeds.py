"""Feeds and addresses end to end, on a web server of our own on 127.0.0.1 and on SQLite (and PostgreSQL when
DEALTRACKER_TEST_PG_URL is set): a feed of 20 items in three languages of which 5 report a deal; a second poll
stores nothing; a changed feed adds exactly its new items; an address already stored is not fetched again."""

from __future__ import annotations

import os

import pytest
from fixtures_ingest import en, minimal_pdf, wrapped
from fixtures_web import DEALS, ITEMS, Item, LocalSite, answer, atom, page, rss, send
from sqlalchemy import create_engine, text

from dealtracker.following import follow_feed, new_addresses_batch, poll_feeds
from dealtracker.services import ingest_batch
from dealtracker.settings import Settings
from dealtracker.store import Store
from dealtracker.store.feeds import list_feeds
from dealtracker.store.migrations import LATEST
from dealtracker.store.models import Base
from dealtracker.web.errors import FetchError
from dealtracker.web.fetcher import Fetcher
from dealtracker.web.policy import FetchPolicy
from dealtracker.web.throttle import HostThrottle

PG_URL = os.environ.get("DEALTRACKER_TEST_PG_URL")
SETTINGS = Settings.from_env({"DEALTRACKER_FETCH_ALLOW_PRIVATE": "1"})
NEW = [
    Item("kz-rail", "en", "Wabtec to supply locomotives to Kazakhstan",
         "Kazakhstan signed a $600 million deal with Wabtec on Wednesday for 150 locomotives, the railway said.", "2025-03-08", 6e8),
    Item("kg-cinema", "ru", "В Бишкеке открылся новый кинотеатр",
         "В Бишкеке открылся новый кинотеатр на восемь залов.\n\nПервый сеанс прошёл в пятницу.", "2025-03-09"),
]


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path):
    if request.param == "sqlite":
        url = f"sqlite:///{tmp_path / 'feeds.sqlite'}"
    else:
        if not PG_URL:
            pytest.skip("DEALTRACKER_TEST_PG_URL is not set: no PostgreSQL server for this run")
        url = PG_URL
        engine = create_engine(url)
        with engine.begin() as connection:
            Base.metadata.drop_all(connection)
        engine.dispose()
    opened = Store(url)
    yield opened
    opened.close()


@pytest.fixture
def site():
    served = LocalSite()
    served.serve_items(ITEMS + NEW)
    yield served
    served.close()


@pytest.fixture
def fetcher():
    with Fetcher(FetchPolicy(allow_private=True, host_interval_s=0, backoff_s=0.01), throttle=HostThrottle()) as f:
        yield f


def _conditional_feed(site: LocalSite, body: bytes, etag: str) -> None:
    def feed(request):
        if request.headers.get("If-None-Match") == etag:
            send(request, 304)
        else:
            send(request, 200, body, "application/rss+xml; charset=utf-8", {"ETag": etag})

    site.routes["/rss"] = feed


def test_a_feed_of_20_items_gives_its_5_deals_and_a_second_poll_stores_nothing(store, site, fetcher):
    _conditional_feed(site, rss(site.base, ITEMS), '"v1"')
    follow_feed(store, site.url("/rss"))
    first = poll_feeds(store, fetcher, SETTINGS)[0]
    assert (first.items, first.new_items, first.new_articles, first.new_deals, first.error) == (20, 20, 20, 5, None)
    deals = store.deals()
    assert sorted(deals["value_usd"]) == sorted(item.usd for item in DEALS)
    assert set(deals["language"]) == {"en", "ru", "ar"}
    assert all(source.startswith(site.base + "/news/") for source in deals["source"])
    stored = store.article(deals["article_id"].iloc[0])
    assert stored.url.startswith(site.base + "/news/") and stored.title and stored.date
    feed = list_feeds(store)[0]
    assert (feed.title, feed.etag, feed.new_articles, feed.total_articles, feed.last_error) == ("Test News", '"v1"', 20, 20, None)

    pages = site.hits("/news/kz-wind")
    second = poll_feeds(store, fetcher, SETTINGS)[0]
    assert second.not_modified and second.new_articles == 0
    assert site.log[-1][1].get("if-none-match") == '"v1"'  # a conditional GET
    _conditional_feed(site, rss(site.base, ITEMS), '"v2"')  # a site that changes its ETag without new items
    third = poll_feeds(store, fetcher, SETTINGS)[0]
    assert (third.items, third.new_items, third.new_articles) == (20, 0, 0)
    assert site.hits("/news/kz-wind") == pages  # no item fetched again
    assert store.article_count() == 20 and len(store.deals()) == 5
    assert list_feeds(store)[0].total_articles == 20


def test_a_changed_feed_adds_exactly_its_new_items(store, site, fetcher):
    site.routes["/rss"] = answer(rss(site.base, ITEMS), "application/rss+xml")
    follow_feed(store, site.url("/rss"))
    poll_feeds(store, fetcher, SETTINGS)
    site.routes["/rss"] = answer(rss(site.base, NEW + ITEMS[:18]), "application/rss+xml")  # two new, two dropped
    poll = poll_feeds(store, fetcher, SETTINGS)[0]
    assert (poll.items, poll.new_items, poll.new_articles, poll.new_deals) == (20, 2, 2, 1)
    assert store.article_count() == 22
    assert list_feeds(store)[0].new_articles == 2 and list_feeds(store)[0].total_articles == 22


def test_an_atom_feed_and_an_item_already_stored_under_another_form_of_its_address(store, site, fetcher):
    batch = new_addresses_batch(store, [site.url("/news/kz-wind?utm_source=mail#comments")], fetcher, SETTINGS)
    ingest_batch(store, batch)
    site.routes["/atom"] = answer(atom(site.base, ITEMS[:3]), "application/atom+xml")
    follow_feed(store, site.url("/atom"))
    poll = poll_feeds(store, fetcher, SETTINGS)[0]
    assert (poll.items, poll.new_items, poll.new_articles) == (3, 2, 2)
    assert site.hits("/news/kz-wind") == 1


def test_the_same_text_at_another_address_is_stored_once(store, site, fetcher):
    site.routes["/mirror/kz-wind"] = answer(page(DEALS[0]))
    for url in (site.url("/news/kz-wind"), site.url("/mirror/kz-wind")):
        ingest_batch(store, new_addresses_batch(store, [url], fetcher, SETTINGS))
    assert store.article_count() == 1 and len(store.deals()) == 1


def test_feed_errors_are_kept_on_the_feed_and_other_feeds_still_polled(store, site, fetcher):
    site.routes["/not-a-feed"] = answer(b"<?xml version='1.0'?><note>hello</note>", "text/xml")
    site.routes["/rss"] = answer(rss(site.base, ITEMS[:2] + [Item("gone", "en", "Gone", "x", "2025-01-01")]),
                                 "application/rss+xml")
    for path in ("/missing", "/not-a-feed", "/rss"):
        follow_feed(store, site.url(path))
    missing, bad, good = poll_feeds(store, fetcher, SETTINGS)
    assert "404" in missing.error and "http-status" in missing.error
    assert "not an RSS or Atom feed" in bad.error
    assert good.new_articles == 2 and "1 of 3 new items could not be read" in good.error
    states = {feed.url: feed.last_error for feed in list_feeds(store)}
    assert "404" in states[site.url("/missing")] and states[site.url("/rss")].startswith("1 of 3")


def test_following_a_feed_twice_or_a_non_web_address(store):
    first, new = follow_feed(store, "https://news.example/rss/?utm_source=a")
    again, new_again = follow_feed(store, "https://NEWS.example/rss")
    assert new and not new_again and first.feed_id == again.feed_id
    with pytest.raises(FetchError, match="only http and https"):
        follow_feed(store, "file:///etc/passwd")


def test_a_pdf_link_is_read_by_the_pdf_reader(store, site, fetcher):
    site.routes["/report.pdf"] = answer(minimal_pdf(wrapped(en(39))), "application/pdf")
    site.routes["/broken.pdf"] = answer(b"%PDF-1.4 nothing else", "application/pdf")
    batch = new_addresses_batch(store, [site.url("/report.pdf"), site.url("/broken.pdf")], fetcher, SETTINGS)
    assert [deal.value_usd for deal in batch.deals] == [39e6]
    assert batch.articles[0].url == site.url("/report.pdf")
    assert [problem.source for problem in batch.problems] == [site.url("/broken.pdf")]


def test_a_store_at_version_2_is_migrated_to_keep_addresses_and_feeds(tmp_path):
    url = f"sqlite:///{tmp_path / 'old.sqlite'}"
    Store(url).close()
    engine = create_engine(url)
    with engine.begin() as connection:  # back to version 2: no feeds, no address columns
        connection.execute(text("DROP TABLE feeds"))
        connection.execute(text("DROP INDEX ix_articles_url_key"))
        connection.execute(text("ALTER TABLE articles DROP COLUMN url_key"))
        connection.execute(text("ALTER TABLE articles DROP COLUMN url"))
        connection.execute(text("DELETE FROM schema_version WHERE version >= 3"))
    engine.dispose()
    store = Store(url)
    with store.engine.connect() as connection:
        assert connection.execute(text("SELECT max(version) FROM schema_version")).scalar() == LATEST
    follow_feed(store, "https://news.example/rss")
    assert [feed.url for feed in list_feeds(store)] == ["https://news.example/rss"]
    store.close()


def test_storing_a_batch_that_read_nothing_into_an_empty_store(store):
    from dealtracker.schema import BatchResult

    assert ingest_batch(store, BatchResult()).groups == 0  # a poll whose every item failed, on a new store


def test_a_feed_cannot_make_the_parser_fetch_an_external_entity(store, site, fetcher):
    site.routes["/secret"] = answer(b"secret", "text/plain")
    body = (f'<?xml version="1.0"?><!DOCTYPE rss [<!ENTITY x SYSTEM "{site.url("/secret")}">]>'
            f'<rss version="2.0"><channel><title>&x;</title><item><title>a</title><link>{site.url("/news/kz-wind")}</link>'
            "</item></channel></rss>").encode()
    site.routes["/rss"] = answer(body, "application/rss+xml")
    follow_feed(store, site.url("/rss"))
    poll = poll_feeds(store, fetcher, SETTINGS)[0]
    assert site.hits("/secret") == 0 and poll.new_articles == 1
