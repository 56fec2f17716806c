"""robots.txt, read with protego (Google's matching rules: longest match wins, ``*`` and ``$``), fetched once per
site and fetcher, as RFC 9309 says: a missing file (4xx) allows everything; a file the server fails to give (a
5xx answer) allows nothing for now; Crawl-delay sets the pause between requests to that site. A site whose
robots.txt cannot be reached at all (refused address, no such host, no connection, too slow) fails every fetch
there with that same reason: the page itself would fail the same way."""

from __future__ import annotations

from collections.abc import Callable
from urllib.parse import urlsplit

from protego import Protego

from .errors import FetchError

# get(robots_url) → (status, body): the fetcher's own request, with every safety check but robots itself.
GetRobots = Callable[[str], tuple[int, bytes]]


class _Rules:
    """One site's verdict: parsed rules, or all allowed / all refused, or the error reaching the site."""

    def __init__(self, parsed: Protego | None, allow_all: bool, why: str = "", error: FetchError | None = None):
        self.parsed, self.allow_all, self.why, self.error = parsed, allow_all, why, error


class RobotsCache:
    def __init__(self, get: GetRobots, agent: str):
        self._get, self._agent = get, agent
        self._sites: dict[str, _Rules] = {}

    def verdict(self, url: str) -> str | None:
        """None when ``url`` may be fetched, else why not (in words)."""
        rules = self._rules(url)
        if rules.error is not None:
            raise rules.error
        if rules.parsed is None:
            return None if rules.allow_all else rules.why
        if rules.parsed.can_fetch(url, self._agent):
            return None
        return f"{_site(url)}/robots.txt disallows it"

    def crawl_delay(self, url: str) -> float | None:
        rules = self._rules(url)
        return rules.parsed.crawl_delay(self._agent) if rules.parsed is not None else None

    def _rules(self, url: str) -> _Rules:
        site = _site(url)
        if site not in self._sites:
            self._sites[site] = self._load(site)
        return self._sites[site]

    def _load(self, site: str) -> _Rules:
        try:
            status, body = self._get(f"{site}/robots.txt")
        except FetchError as error:
            return _Rules(None, False, error=error)
        if 200 <= status < 300:
            return _Rules(Protego.parse(body.decode("utf-8", "replace")), True)
        if 400 <= status < 500:
            return _Rules(None, True)
        return _Rules(None, False, f"{site}/robots.txt answered {status}, so nothing there is fetched for now")


def _site(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
