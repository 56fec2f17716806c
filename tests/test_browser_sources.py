"""The Sources page in a real browser (Chromium driven by Playwright, against ``streamlit run``): a person adds a
feed served by a web server of our own on 127.0.0.1, polls it once, and finds its new deals on the dashboard;
the review page links a deal's article to its address. The app runs under the network guard of
``test_browser.py``: no request of the browser or the server leaves 127.0.0.1. The server may fetch from
127.0.0.1 only because the test sets ``DEALTRACKER_FETCH_ALLOW_PRIVATE=1``."""

from __future__ import annotations

import pytest
from fixtures_web import ITEMS, LocalSite, answer, rss
from test_browser import SCREENSHOTS, _kpi, _settle, running_app

from dealtracker.store import Store

pytestmark = pytest.mark.slow  # a real browser, the app served in a subprocess

FEED_ITEMS = ITEMS[:7]  # two of them report a deal ($1.2 billion and $45 million)


def test_a_feed_added_and_polled_on_the_sources_page_shows_its_deals_on_the_dashboard(tmp_path, monkeypatch):
    monkeypatch.setenv("DEALTRACKER_FETCH_ALLOW_PRIVATE", "1")  # the app process inherits it
    site = LocalSite()
    site.serve_items(FEED_ITEMS)
    site.routes["/rss"] = answer(rss(site.base, FEED_ITEMS), "application/rss+xml")
    db_url = f"sqlite:///{tmp_path / 'sources.sqlite'}"
    outside: list[str] = []
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    try:
        with running_app(db_url, height=1400, outside=outside) as (app, page):
            page.goto(app.url + "/sources")
            page.wait_for_selector("h1", timeout=60_000)
            _settle(page)
            page.get_by_label("Feed address (RSS or Atom)").fill(site.url("/rss"))
            page.get_by_role("button", name="Add feed").click()
            page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=60_000)
            _settle(page)
            page.get_by_role("button", name="Poll feeds now").click()
            page.wait_for_function(
                "() => Array.from(document.querySelectorAll('[data-testid=\"stAlertContentSuccess\"]'))"
                ".some(e => e.innerText.includes('items, 7 new'))", timeout=120_000,
            )
            _settle(page)
            polled = page.locator('[data-testid="stAlertContentSuccess"]').last.inner_text()
            table = page.evaluate(
                "() => Array.from(document.querySelectorAll('[data-testid=\"stDataFrame\"] table td')).map(td => td.innerText)"
            )
            page.screenshot(path=str(SCREENSHOTS / "sources_after_poll.png"), full_page=True)

            page.get_by_role("link", name="Dashboard").first.click()
            page.wait_for_selector('[data-testid="stMetric"]', timeout=60_000)
            _settle(page)
            deals, total = _kpi(page, "Deals"), _kpi(page, "Total value")
            page.screenshot(path=str(SCREENSHOTS / "dashboard_after_poll.png"), full_page=True)

            page.get_by_role("link", name="Review").first.click()
            page.wait_for_selector('[data-testid="stLinkButton"]', timeout=60_000)
            link = page.locator('[data-testid="stLinkButton"] a').first.get_attribute("href")
    finally:
        site.close()

    assert "7 items, 7 new: 7 articles, 2 deals stored" in polled
    assert deals == "2" and total == "$1.2B"
    assert link is not None and link.startswith(site.base + "/news/")
    assert "Test News" in table and site.url("/rss") in table  # the feeds table: its title and address
    assert Store(db_url).article_count() == 7
    assert site.hits("/rss") == 1 and all(site.hits(f"/news/{item.slug}") == 1 for item in FEED_ITEMS)
    assert outside == [], f"requests left the machine: {outside[:5]}"
