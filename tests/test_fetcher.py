"""The fetcher against a web server of our own on 127.0.0.1: each way a fetch can end, with its named reason.

No test reaches outside the machine: every address is 127.0.0.1 (allowed by the policy's allow-private switch,
which is what ``DEALTRACKER_FETCH_ALLOW_PRIVATE=1`` sets), or is refused before any connection.
"""

from __future__ import annotations

import gzip
import ipaddress
import time

import pytest
from fixtures_ingest import en, minimal_pdf, wrapped
from fixtures_web import ITEMS, LocalSite, answer, page, send

from dealtracker.settings import Settings
from dealtracker.web import errors
from dealtracker.web.addresses import refused_kind
from dealtracker.web.errors import FetchError
from dealtracker.web.fetcher import FEEDS, Fetcher
from dealtracker.web.policy import FetchPolicy
from dealtracker.web.throttle import HostThrottle
from dealtracker.web.urlkey import url_key

MB = 1024 * 1024
QUICK = FetchPolicy(allow_private=True, host_interval_s=0, backoff_s=0.01, read_timeout_s=1, total_timeout_s=3)


@pytest.fixture
def site():
    served = LocalSite()
    yield served
    served.close()


@pytest.fixture
def fetcher():
    with Fetcher(QUICK, throttle=HostThrottle()) as f:
        yield f


def _refused(fetcher: Fetcher, url: str, **kwargs) -> FetchError:
    with pytest.raises(FetchError) as caught:
        fetcher.fetch(url, **kwargs)
    return caught.value


def test_a_page_is_fetched_with_its_validators(site, fetcher):
    site.routes["/a"] = answer(page(ITEMS[0]), headers={"ETag": '"v1"', "Last-Modified": "Mon, 03 Mar 2025 09:00:00 GMT"})
    got = fetcher.fetch(site.url("/a"))
    assert (got.status, got.kind, got.etag) == (200, "html", '"v1"') and got.data == page(ITEMS[0])
    assert got.last_modified == "Mon, 03 Mar 2025 09:00:00 GMT"
    assert site.log[-1][1]["user-agent"].startswith("CentralAsiaDealTracker")


def test_a_conditional_get_answered_304_is_not_modified(site, fetcher):
    def conditional(request):
        if request.headers.get("If-None-Match") == '"v1"':
            send(request, 304)
        else:
            send(request, 200, page(ITEMS[0]), headers={"ETag": '"v1"'})

    site.routes["/a"] = conditional
    first = fetcher.fetch(site.url("/a"))
    again = fetcher.fetch(site.url("/a"), etag=first.etag)
    assert not first.not_modified and again.not_modified and again.data == b""


def test_404_is_final(site, fetcher):
    error = _refused(fetcher, site.url("/missing"))
    assert (error.code, error.status) == (errors.HTTP_STATUS, 404) and "404" in str(error)
    assert site.hits("/missing") == 1  # a 4xx is not tried again


def test_500_then_200_is_tried_again(site, fetcher):
    answers = iter([500, 200])

    def flaky(request):
        status = next(answers)
        send(request, status, page(ITEMS[0]) if status == 200 else b"oops")

    site.routes["/flaky"] = flaky
    assert fetcher.fetch(site.url("/flaky")).status == 200
    assert site.hits("/flaky") == 2


def test_a_server_that_keeps_failing_ends_with_its_status_after_the_attempts(site, fetcher):
    site.routes["/down"] = answer(b"down", status=503, headers={"Retry-After": "0"})
    error = _refused(fetcher, site.url("/down"))
    assert (error.code, error.status) == (errors.HTTP_STATUS, 503)
    assert site.hits("/down") == QUICK.attempts


def test_a_slow_server_times_out(site, fetcher):
    def slow(request):
        time.sleep(2.5)
        send(request, 200, page(ITEMS[0]))

    site.routes["/slow"] = slow
    started = time.monotonic()
    assert _refused(fetcher, site.url("/slow")).code == errors.TIMEOUT
    assert time.monotonic() - started < 2.4  # given up at the read timeout (1 s), not waited out


def test_a_body_that_drips_past_the_total_time_is_refused(site, fetcher):
    def drip(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        request.end_headers()
        for _ in range(40):
            request.wfile.write(b"<p>x</p>" * 10)
            request.wfile.flush()
            time.sleep(0.2)

    site.routes["/drip"] = drip
    started = time.monotonic()
    assert _refused(fetcher, site.url("/drip")).code == errors.TIMEOUT
    assert time.monotonic() - started < 5  # at the total time (3 s), not when the server is done (8 s)


def _fifty_mb(declared: bool):
    def big(request):
        request.send_response(200)
        request.send_header("Content-Type", "text/html")
        if declared:
            request.send_header("Content-Length", str(50 * MB))
        else:
            request.send_header("Connection", "close")
        request.end_headers()
        block = b"<p>" + b"a" * (MB - 7) + b"</p>"
        try:
            for _ in range(50):
                request.wfile.write(block)
        except OSError:
            pass  # the client hung up, as it should

    return big


@pytest.mark.parametrize("declared", [True, False], ids=["content-length", "no-length"])
def test_a_50_mb_body_is_refused_at_the_size_cap(site, declared):
    site.routes["/big"] = _fifty_mb(declared)
    policy = FetchPolicy(allow_private=True, host_interval_s=0, total_timeout_s=30)  # default 25 MB cap
    with Fetcher(policy, throttle=HostThrottle()) as fetcher:
        error = _refused(fetcher, site.url("/big"))
    assert error.code == errors.TOO_LARGE and "25 MB" in str(error)


def test_a_gzip_bomb_is_refused_without_expanding_it(site):
    bomb = gzip.compress(b"\0" * (60 * MB), 9)  # about 60 KB on the wire
    site.routes["/bomb"] = answer(bomb, headers={"Content-Encoding": "gzip"})
    policy = FetchPolicy(allow_private=True, host_interval_s=0, max_bytes=10 * MB)
    with Fetcher(policy, throttle=HostThrottle()) as fetcher:
        error = _refused(fetcher, site.url("/bomb"))
    assert error.code == errors.BOMB and "decompression bomb" in str(error)


def test_a_gzipped_page_is_read(site, fetcher):
    site.routes["/gz"] = answer(gzip.compress(page(ITEMS[0])), headers={"Content-Encoding": "gzip"})
    assert fetcher.fetch(site.url("/gz")).data == page(ITEMS[0])


def test_a_redirect_loop_and_a_long_chain_are_refused(site, fetcher):
    site.routes["/a"] = answer(b"", status=302, headers={"Location": "/b"})
    site.routes["/b"] = answer(b"", status=301, headers={"Location": site.url("/a")})
    assert _refused(fetcher, site.url("/a")).code == errors.REDIRECT_LOOP
    for n in range(10):
        site.routes[f"/chain{n}"] = answer(b"", status=307, headers={"Location": f"/chain{n + 1}"})
    assert _refused(fetcher, site.url("/chain0")).code == errors.TOO_MANY_REDIRECTS
    assert site.hits("/chain6") == 0  # five redirects followed, no more


def test_a_redirect_is_followed_and_each_hop_is_checked_again(site, fetcher):
    site.routes["/old"] = answer(b"", status=301, headers={"Location": "/new#top"})
    site.routes["/new"] = answer(page(ITEMS[0]))
    got = fetcher.fetch(site.url("/old"))
    assert got.final_url == site.url("/new") and got.url == site.url("/old")
    site.routes["/to-file"] = answer(b"", status=302, headers={"Location": "file:///etc/passwd"})
    assert _refused(fetcher, site.url("/to-file")).code == errors.NOT_HTTP
    site.routes["/robots.txt"] = answer(b"User-agent: *\nDisallow: /secret\n", "text/plain")
    site.routes["/to-secret"] = answer(b"", status=302, headers={"Location": "/secret"})
    site.routes["/secret"] = answer(page(ITEMS[0]))
    with Fetcher(QUICK, throttle=HostThrottle()) as fresh:  # robots.txt is read once per fetcher
        assert _refused(fresh, site.url("/to-secret")).code == errors.ROBOTS
    assert site.hits("/secret") == 0


def test_a_pdf_link_is_fetched_as_a_pdf(site, fetcher):
    site.routes["/report.pdf"] = answer(minimal_pdf(wrapped(en(39))), "application/pdf")
    assert fetcher.fetch(site.url("/report.pdf")).kind == "pdf"


def test_other_content_types_are_refused_by_name(site, fetcher):
    site.routes["/logo"] = answer(b"\x89PNG\r\n\x1a\n", "image/png")
    error = _refused(fetcher, site.url("/logo"))
    assert error.code == errors.CONTENT_TYPE and "image/png" in str(error)
    site.routes["/feed.xml"] = answer(b"<rss/>", "application/rss+xml")
    assert _refused(fetcher, site.url("/feed.xml")).code == errors.CONTENT_TYPE  # a page was asked for
    site.routes["/page"] = answer(page(ITEMS[0]))
    assert _refused(fetcher, site.url("/page"), accept=FEEDS).code == errors.CONTENT_TYPE  # a feed was asked for
    site.routes["/untyped"] = answer(page(ITEMS[0]), content_type="application/octet-stream")
    assert fetcher.fetch(site.url("/untyped")).kind == "html"  # no type said: the first bytes tell


def test_robots_txt_disallow_is_obeyed_and_crawl_delay_kept(site):
    site.routes["/robots.txt"] = answer(b"User-agent: *\nDisallow: /private\nCrawl-delay: 7\n", "text/plain")
    site.routes["/private/a"] = answer(page(ITEMS[0]))
    site.routes["/public"] = answer(page(ITEMS[0]))
    waits: list[tuple[str, float]] = []

    class Recording(HostThrottle):
        def wait(self, host, interval):
            waits.append((host, interval))

    with Fetcher(QUICK, throttle=Recording()) as fetcher:
        error = _refused(fetcher, site.url("/private/a"))
        fetcher.fetch(site.url("/public"))
    assert error.code == errors.ROBOTS and "robots.txt disallows" in str(error)
    assert site.hits("/private/a") == 0 and site.hits("/robots.txt") == 1
    assert waits[-1][1] == 7  # the page request waited the site's Crawl-delay


def test_robots_txt_answering_5xx_allows_nothing_and_404_allows_everything(site, fetcher):
    site.routes["/a"] = answer(page(ITEMS[0]))
    assert fetcher.fetch(site.url("/a")).status == 200  # robots.txt: 404
    site.routes["/robots.txt"] = answer(b"", status=503)
    with Fetcher(QUICK, throttle=HostThrottle()) as fresh:
        assert _refused(fresh, site.url("/a")).code == errors.ROBOTS


def test_loopback_and_private_addresses_are_refused_without_the_setting(site):
    site.routes["/a"] = answer(page(ITEMS[0]))
    with Fetcher(FetchPolicy(host_interval_s=0), throttle=HostThrottle()) as fetcher:
        for url in (site.url("/a"), site.url("/a").replace("127.0.0.1", "localhost"), "http://[::1]:9/x",
                    "http://10.0.0.1/x", "http://192.168.0.1/x", "http://169.254.169.254/latest/meta-data"):
            assert _refused(fetcher, url).code == errors.PRIVATE_ADDRESS, url
        assert _refused(fetcher, "file:///etc/passwd").code == errors.NOT_HTTP
        assert _refused(fetcher, "ftp://example.org/x").code == errors.NOT_HTTP
    assert site.log == []  # nothing reached the server


def test_the_setting_is_read_through_settings():
    assert FetchPolicy.from_settings(Settings.from_env({})).allow_private is False
    assert FetchPolicy.from_settings(Settings.from_env({"DEALTRACKER_FETCH_ALLOW_PRIVATE": "1"})).allow_private is True


@pytest.mark.parametrize("address, kind", [
    ("127.0.0.1", "loopback"), ("10.1.2.3", "private"), ("172.16.0.1", "private"), ("192.168.1.1", "private"),
    ("169.254.1.1", "link-local"), ("100.64.0.1", "non-public"), ("0.0.0.0", "unspecified"), ("240.0.0.1", "reserved"),
    ("224.0.0.1", "multicast"), ("::1", "loopback"), ("fe80::1", "link-local"), ("fc00::1", "private"),
    ("::ffff:10.0.0.1", "private"), ("93.184.216.34", None), ("2606:4700::1111", None),
])
def test_address_kinds(address, kind):
    assert refused_kind(ipaddress.ip_address(address)) == kind


def test_the_throttle_spaces_requests_to_one_host():
    now = [0.0]
    slept: list[float] = []
    throttle = HostThrottle(clock=lambda: now[0], sleep=slept.append)
    throttle.wait("a.example", 1.0)
    throttle.wait("a.example", 1.0)
    throttle.wait("b.example", 1.0)
    assert slept == [1.0]


@pytest.mark.parametrize("given, same_as", [
    ("https://Example.org/news/1/?utm_source=x&utm_medium=rss#top", "http://example.org/news/1"),
    ("http://example.org:80/news/1?b=2&a=1&fbclid=z", "https://example.org/news/1?a=1&b=2"),
    ("https://example.org", "https://example.org/"),
])
def test_url_keys_fold_what_does_not_change_the_page(given, same_as):
    assert url_key(given) == url_key(same_as)


def test_url_keys_keep_what_does():
    assert url_key("https://example.org/news/1?id=2") != url_key("https://example.org/news/1?id=3")
    assert url_key("https://www.example.org/a") != url_key("https://example.org/a")
