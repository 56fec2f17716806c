"""The polite, safe fetcher: one GET of a web page, feed or PDF, or a named reason why not.

In order, for every request: the address must be http(s) (``addresses``); robots.txt must allow it (``robots``);
the host's pause is kept (``throttle``, longer when robots.txt asks for a Crawl-delay); the connection goes only
to an address judged public (``addresses.GuardedBackend``; ``DEALTRACKER_FETCH_ALLOW_PRIVATE=1`` lifts this for
test servers). Redirects are followed by hand, at most ``max_redirects``, each new address checked like the first
(scheme, robots, address), and a redirect back to an address already visited is a loop. A 5xx answer, a 429 or a
failed connection is tried again after a pause that doubles (or the server's Retry-After, within a cap); a 4xx
is final. A conditional GET (ETag, Last-Modified) that the server answers 304 comes back as ``not_modified``.
Only web pages, feeds and PDFs are read; the body within the size cap (``body``). Environment proxies are
ignored: a proxy would dial the address, and our check would judge only the proxy's.
"""

from __future__ import annotations

import ssl
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from email.utils import parsedate_to_datetime
from urllib.parse import urldefrag, urljoin, urlsplit

import certifi
import httpcore
import httpx

from .addresses import GuardedBackend, check_scheme
from .body import FEED, HTML, PDF, BodyReader, check_declared_length, declared_kind, refuse_type, sniffed_kind
from .errors import (CONNECTION, HTTP_STATUS, NOT_HTTP, REDIRECT_LOOP, ROBOTS, TIMEOUT, TOO_MANY_REDIRECTS,
                     FetchError)
from .policy import ROBOTS_AGENT, FetchPolicy
from .robots import RobotsCache
from .throttle import SHARED, HostThrottle

PAGE = (HTML, PDF)  # what an article's address may serve
FEEDS = (FEED,)
_ACCEPT = {HTML: "text/html, application/xhtml+xml", PDF: "application/pdf",
           FEED: "application/rss+xml, application/atom+xml, application/xml;q=0.9, text/xml;q=0.9"}
_REDIRECTS = frozenset({301, 302, 303, 307, 308})


@dataclass(frozen=True)
class Fetched:
    """A fetched body: ``url`` as asked, ``final_url`` after redirects, its ``kind`` (html, feed, pdf), and the
    validators for the next conditional GET. ``not_modified``: the server answered 304 (no body)."""

    url: str
    final_url: str
    status: int
    kind: str
    data: bytes
    etag: str | None = None
    last_modified: str | None = None

    @property
    def not_modified(self) -> bool:
        return self.status == 304


class _GuardedTransport(httpx.HTTPTransport):
    """httpx's transport over a connection pool whose every connection goes through ``GuardedBackend``."""

    def __init__(self, allow_private: bool):
        super().__init__(trust_env=False)
        self._pool = httpcore.ConnectionPool(
            ssl_context=ssl.create_default_context(cafile=certifi.where()), max_connections=10,
            network_backend=GuardedBackend(allow_private),
        )


class Fetcher:
    """One fetching run (a poll, a batch of addresses): a client, its robots.txt cache, the shared throttle."""

    def __init__(self, policy: FetchPolicy | None = None, throttle: HostThrottle = SHARED,
                 sleep: Callable[[float], None] = time.sleep):
        self.policy = policy or FetchPolicy()
        self._throttle, self._sleep = throttle, sleep
        self._client = httpx.Client(
            transport=_GuardedTransport(self.policy.allow_private), follow_redirects=False, trust_env=False,
            timeout=httpx.Timeout(self.policy.read_timeout_s, connect=self.policy.connect_timeout_s),
            headers={"User-Agent": self.policy.user_agent, "Accept-Encoding": "gzip, deflate"},
        )
        self.robots = RobotsCache(self._robots_get, ROBOTS_AGENT)

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def close(self) -> None:
        self._client.close()

    def fetch(self, url: str, accept: Collection[str] = PAGE, etag: str | None = None,
              last_modified: str | None = None) -> Fetched:
        """The body at ``url`` if it is one of the ``accept`` kinds; FetchError with a named reason otherwise."""
        headers = {"Accept": ", ".join(_ACCEPT[kind] for kind in accept)}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        final, response = self._follow(url, headers, obey_robots=True)
        try:
            return self._finish(url, final, response, accept)
        finally:
            response.close()

    # --- requests ------------------------------------------------------------------------------------------

    def _follow(self, url: str, headers: dict[str, str], obey_robots: bool) -> tuple[str, httpx.Response]:
        """The final address and its open response, redirects followed and each hop checked."""
        current = checked_url(url)
        seen = {current}
        for _hop in range(self.policy.max_redirects + 1):
            if obey_robots:
                why = self.robots.verdict(current)
                if why:
                    raise FetchError(ROBOTS, f"{current}: {why}")
            response = self._send(current, headers, obey_robots)
            location = response.headers.get("location") if response.status_code in _REDIRECTS else None
            if not location:
                return current, response
            response.close()
            target = checked_url(urldefrag(urljoin(current, location.strip()))[0])
            if target in seen:
                raise FetchError(REDIRECT_LOOP, f"{url}: the redirects go round in a loop (back to {target})")
            seen.add(target)
            current = target
        raise FetchError(TOO_MANY_REDIRECTS, f"{url}: more than {self.policy.max_redirects} redirects")

    def _send(self, url: str, headers: dict[str, str], obey_robots: bool) -> httpx.Response:
        """One GET, tried again on a 5xx, a 429 or a failed connection; the response is open (streamed)."""
        attempts = self.policy.attempts
        for attempt in range(1, attempts + 1):
            self._pause(url, obey_robots)
            try:
                response = self._client.send(self._client.build_request("GET", url, headers=headers), stream=True)
            except httpx.TimeoutException:
                raise FetchError(TIMEOUT, f"{url}: no answer within {self.policy.read_timeout_s:g} s") from None
            except httpx.TransportError as error:
                if attempt == attempts:
                    raise FetchError(CONNECTION, f"{url}: could not connect ({error or type(error).__name__})") from None
                self._sleep(self.policy.backoff_s * 2 ** (attempt - 1))
                continue
            status = response.status_code
            if (status >= 500 or status == 429) and attempt < attempts:
                wait = self._retry_wait(response, attempt)
                response.close()
                self._sleep(wait)
                continue
            return response
        raise AssertionError("not reached: the last attempt returns or raises")

    def _pause(self, url: str, obey_robots: bool) -> None:
        interval = self.policy.host_interval_s
        if obey_robots:
            delay = self.robots.crawl_delay(url)
            if delay:
                interval = max(interval, min(float(delay), self.policy.max_crawl_delay_s))
        self._throttle.wait(urlsplit(url).netloc.lower(), interval)

    def _retry_wait(self, response: httpx.Response, attempt: int) -> float:
        """The server's Retry-After (seconds or a date) within the cap, else the doubling back-off."""
        header = (response.headers.get("retry-after") or "").strip()
        wait = None
        if header.isdigit():
            wait = float(header)
        elif header:
            try:
                wait = parsedate_to_datetime(header).timestamp() - time.time()
            except (TypeError, ValueError):
                wait = None
        if wait is None or wait < 0:
            wait = self.policy.backoff_s * 2 ** (attempt - 1)
        return min(wait, self.policy.max_retry_after_s)

    # --- bodies --------------------------------------------------------------------------------------------

    def _finish(self, url: str, final: str, response: httpx.Response, accept: Collection[str]) -> Fetched:
        status = response.status_code
        validators = response.headers.get("etag"), response.headers.get("last-modified")
        if status == 304:
            return Fetched(url, final, status, "", b"", *validators)
        if not 200 <= status < 300:
            reason = f" {response.reason_phrase}" if response.reason_phrase else ""
            raise FetchError(HTTP_STATUS, f"{final}: the server answered {status}{reason}", status)
        content_type = response.headers.get("content-type")
        kind = declared_kind(content_type)  # None: a type we never read; "": none said, the body will tell
        if kind is None or (kind and kind not in accept):
            raise refuse_type(final, content_type, accept)
        data = self._body(final, response, self.policy.max_bytes)
        kind = kind or sniffed_kind(data) or ""
        if kind not in accept:
            raise refuse_type(final, content_type, accept)
        return Fetched(url, final, status, kind, data, *validators)

    def _body(self, url: str, response: httpx.Response, max_bytes: int) -> bytes:
        check_declared_length(url, response.headers.get("content-length"), max_bytes)
        reader = BodyReader(url, response.headers.get("content-encoding"), max_bytes,
                            time.monotonic() + self.policy.total_timeout_s)
        try:
            return reader.read(response.iter_raw())  # as the network gives it: a chunk size would wait to fill it
        except httpx.TimeoutException:
            raise FetchError(TIMEOUT, f"{url}: the server stopped sending for {self.policy.read_timeout_s:g} s") from None
        except httpx.TransportError as error:
            raise FetchError(CONNECTION, f"{url}: the connection broke while reading ({type(error).__name__})") from None

    def _robots_get(self, robots_url: str) -> tuple[int, bytes]:
        """robots.txt: its status and body (any type), with every check but robots itself."""
        final, response = self._follow(robots_url, {"Accept": "text/plain"}, obey_robots=False)
        try:
            if not 200 <= response.status_code < 300:
                return response.status_code, b""
            return response.status_code, self._body(final, response, self.policy.max_robots_bytes)
        finally:
            response.close()


def checked_url(url: str) -> str:
    """``url`` as httpx writes it (host lower-cased, spaces quoted), if it is an http(s) address with a host."""
    try:
        parsed = httpx.URL(url.strip())
    except (httpx.InvalidURL, TypeError) as error:
        raise FetchError(NOT_HTTP, f"{url}: not a valid web address ({error})") from None
    check_scheme(url, parsed.scheme, parsed.host)
    return str(parsed)
