"""Hostile names in Chromium (issue 18): articles whose counterparties are a Markdown image, an HTML image, a
Markdown link and a plotly link, and a file whose name is Markdown, uploaded through the page. The review page
(duplicate-group heading and its reports, the evidence picker), the dashboard (charts, the counterparty filter,
a cross-filter chip on the hostile name) show every name as the literal text, draw no image or link from it, and
no request leaves 127.0.0.1 — the browser's (every request's host is checked) and the server's (netguard).

Skipped with a message when Chromium or Playwright is missing, as test_browser.py is."""

from __future__ import annotations

from urllib.parse import urlsplit

import pytest

from test_browser import SCREENSHOTS, _kpi, _settle, _upload_folder, running_app

pytestmark = pytest.mark.slow  # a real browser, the app served in a subprocess

PIXEL = "![p](http://evil.example/px.png)"
IMAGE = "<img src=http://evil.example/img.png>"
LINK = "[click](http://evil.example/link)"
PLOTLY_LINK = "<a href=http://evil.example/a>Evil Link</a>"
AMPERSAND = "Smith & Sons <Ltd>"
MARKDOWN_FILE = "**bold** :red[r] $x$ :smile:.txt"  # the second report of the pixel's deal

ARTICLES = {
    "pixel.txt": f'14 March 2025\nKazakhstan signed a $4.2 billion deal with the company "{PIXEL}" for 300 locomotives.',
    MARKDOWN_FILE: f'20 March 2025\nKazakhstan signed a $4.3 billion contract with the company "{PIXEL}" for 300 '
                   "locomotives.",
    "image.txt": f'10 May 2025\nUzbekistan signed a $900 million agreement with the company "{IMAGE}" to build a '
                 "power plant.",
    "link.txt": f'12 June 2025\nKyrgyzstan signed a $120 million loan agreement with the company "{LINK}" to rebuild '
                "roads.",
    "plotly.txt": f'2 July 2025\nTajikistan signed a $300 million deal with the company "{PLOTLY_LINK}" for a cement '
                  "plant.",
    "ampersand.txt": f'3 August 2025\nTurkmenistan signed a $250 million deal with the company "{AMPERSAND}" for a '
                     "gas pipeline.",
}

# Attributes through which a page fetches or links something
_EVIL_ATTRIBUTES = """() => {
    const found = [];
    for (const element of document.querySelectorAll('*')) {
        for (const attribute of element.attributes) {
            const name = attribute.name.toLowerCase();
            const fetches = ['src', 'srcset', 'href', 'xlink:href', 'poster', 'action', 'formaction', 'background']
                .includes(name) || (name === 'style' && attribute.value.includes('url('));
            if (fetches && attribute.value.includes('evil')) found.push(`<${element.tagName} ${name}="${attribute.value}">`);
        }
    }
    return found;
}"""


def _nothing_fetched(page, requested: list[str], where: str) -> None:
    """No image or link made of a name in the page, and no request so far to an address off this machine."""
    assert page.evaluate(_EVIL_ATTRIBUTES) == [], where
    images = page.evaluate("() => Array.from(document.images).map(i => i.currentSrc || i.src).filter(s => s.includes('evil'))")
    assert images == [], where
    off_machine = [url for url in requested if not _local(url)]
    assert off_machine == [], f"the {where} requested addresses off this machine: {off_machine[:5]}"


def _shown(page, text: str, where: str) -> None:
    """``text`` is on the page as text (Playwright's text match ignores the zero-width spaces the escaper adds)."""
    assert page.get_by_text(text).count() >= 1, f"{text!r} is not shown literally on the {where}"


def test_hostile_names_are_shown_as_text_and_fetch_nothing(tmp_path):
    folder = tmp_path / "hostile"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    db_url = f"sqlite:///{tmp_path / 'hostile.sqlite'}"
    outside: list[str] = []  # running_app's record: browser requests off the app's address, and the server's
    requested: list[str] = []  # every request the browser made
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    with running_app(db_url, height=3400, outside=outside) as (app, page):
        page.on("request", lambda request: requested.append(request.url))
        # should the escaping ever fail, the fetch is recorded above and then refused here: nothing leaves
        page.route("**/*", lambda route: route.continue_() if _local(route.request.url) else route.abort())
        _upload_folder(app, page, folder)
        page.wait_for_selector('[data-testid="stAlertContentSuccess"]', timeout=120_000)
        _settle(page)
        assert f"Read {len(ARTICLES)} articles" in page.locator('[data-testid="stAlertContentSuccess"]').inner_text()
        _nothing_fetched(page, requested, "upload page")

        page.get_by_role("link", name="Review").first.click()
        page.wait_for_selector("text=Reported more than once", timeout=60_000)
        _settle(page)
        _nothing_fetched(page, requested, "review page")
        heading = page.locator('[data-testid="stExpander"] summary', has_text=f"Kazakhstan × {PIXEL}")
        assert heading.count() == 1, "the duplicate group's heading does not show the name literally"
        heading.click()  # open the group: each report's file name and evidence sentence
        _settle(page)
        _shown(page, MARKDOWN_FILE, "review page (a report's file name)")
        _shown(page, f'the company "{PIXEL}" for 300 locomotives', "review page (a report's evidence)")
        _nothing_fetched(page, requested, "review page with the group open")
        page.screenshot(path=str(SCREENSHOTS / "review_hostile.png"), full_page=True)

        page.get_by_role("link", name="Dashboard").first.click()
        page.wait_for_selector(".st-key-chart_top .js-plotly-plot", timeout=60_000)
        _settle(page)
        _nothing_fetched(page, requested, "dashboard")
        assert _kpi(page, "Deals") == "5"  # the two reports of one deal counted once
        ticks = page.locator(".st-key-chart_top .ytick text").all_text_contents()
        for name in (PIXEL, IMAGE, LINK, PLOTLY_LINK, AMPERSAND):  # plotly draws the names as they were written
            assert name in ticks, (name, ticks)
        assert page.locator(".js-plotly-plot svg a").count() == 0  # plotly made no link of "<a href>"
        sidebar = page.locator('[data-testid="stSidebar"]')
        sidebar.locator('[data-testid="stMultiSelect"]').nth(3).click()  # the counterparty filter's options
        for name in (PIXEL, IMAGE, LINK, PLOTLY_LINK, AMPERSAND):
            assert page.get_by_role("option", name=name, exact=True).count() == 1, name
        page.keyboard.press("Escape")
        _settle(page)
        _nothing_fetched(page, requested, "dashboard with the counterparty options open")

        # a click on the pixel's bar: the cross-filter chip names it
        names = page.evaluate("() => document.querySelector('.st-key-chart_top .js-plotly-plot').data[0].y")
        bar = page.locator(".st-key-chart_top .js-plotly-plot g.point path").nth(names.index(PIXEL)).bounding_box()
        page.mouse.click(bar["x"] + bar["width"] / 2, bar["y"] + bar["height"] / 2)
        _settle(page)
        chip = page.locator(".st-key-xf_remove_chart_top button").first
        chip.wait_for(timeout=30_000)
        _nothing_fetched(page, requested, "dashboard with a chart filter")
        assert chip.inner_text().replace("\u200b", "").strip().endswith(f"Counterparty: {PIXEL}")
        _shown(page, f"Counterparty: {PIXEL}", "dashboard (the chart filter's chip)")
        assert _kpi(page, "Deals") == "1"
        page.screenshot(path=str(SCREENSHOTS / "dashboard_hostile.png"), full_page=True)

    off_machine = [url for url in requested if not _local(url)]
    assert off_machine == [], f"the browser requested addresses off this machine: {off_machine[:5]}"
    assert outside == [], f"requests left the machine: {outside[:5]}"


def _local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in ("data", "blob") or parts.hostname == "127.0.0.1"
