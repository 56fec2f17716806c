"""The Sources page and the upload page's web addresses, driven headlessly (AppTest) against a web server of our
own on 127.0.0.1 (allowed by DEALTRACKER_FETCH_ALLOW_PRIVATE=1, which the test sets): a feed added, a refused
address said, a poll that stores the feed's deals, addresses pasted on the upload page; text from the web escaped."""

from __future__ import annotations

import pytest
from conftest import ROOT
from fixtures_web import ITEMS, LocalSite, answer, rss
from streamlit.testing.v1 import AppTest

from components.text import markdown_text, web_link

APP = str(ROOT / "app.py")


@pytest.fixture
def site(monkeypatch):
    monkeypatch.setenv("DEALTRACKER_FETCH_ALLOW_PRIVATE", "1")
    served = LocalSite()
    served.serve_items(ITEMS[:4])
    served.routes["/rss"] = answer(rss(served.base, ITEMS[:4], title="Feed *bold* [x](http://evil.example)"),
                                   "application/rss+xml")
    yield served
    served.close()


def _sources() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.switch_page("pages/views/sources.py").run()
    assert not at.exception
    return at


def _button(at: AppTest, label: str):
    return next(b for b in at.button if b.label == label)


def test_add_a_feed_poll_it_and_see_its_state(site):
    at = _sources()
    assert _button(at, "Poll feeds now").disabled  # no feed yet
    at.text_input(key="feed_url").input("ftp://example.org/rss")
    at.button[0].click().run()
    assert "only http and https" in at.error[0].value
    at.text_input(key="feed_url").input(site.url("/rss"))
    at.button[0].click().run()
    assert at.success[0].value.startswith("Following")
    _button(at, "Poll feeds now").click().run()
    assert not at.exception
    assert markdown_text("4 items, 4 new: 4 articles, 2 deals stored") in at.success[-1].value  # escaped as Markdown
    table = at.dataframe[0].value
    assert table["Title"].tolist() == ["Feed *bold* [x](http://evil.example)"]  # a plain-text cell: shown as written
    assert table["New articles"].tolist() == [4]


def test_addresses_pasted_on_the_upload_page_are_fetched_and_read(site):
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    at.text_area(key="pasted_urls").input(f"{site.url('/news/kz-wind')}\n{site.url('/news/missing')}, not-an-address").run()
    _button(at, "Fetch and read").click().run()
    assert not at.exception
    texts = [element.value for element in at.warning]
    assert any("Read 1 article from 2 files" in text for text in texts)
    assert any("404" in text for text in texts)


@pytest.mark.parametrize("value, target", [
    ("https://news.example/a?b=1", "https://news.example/a?b=1"), ("javascript:alert(1)", None),
    ("data:text/html,<script>", None), ("https://x.example/\"><img src=x>", None), ("  ", None), (None, None),
])
def test_only_plain_web_addresses_become_link_targets(value, target):
    assert web_link(value) == target


def test_an_address_as_text_is_not_a_link():
    assert "://" not in markdown_text("http://evil.example/x")  # broken with a zero-width space: no autolink
