"""What one fetching run allows: timeouts, the size cap, redirects, retries, the pause per host, and whether
private addresses may be reached. Defaults are for reading news sites politely; tests shorten the waits."""

from __future__ import annotations

from dataclasses import dataclass

from ..ingest.limits import Limits
from ..settings import Settings

USER_AGENT = "CentralAsiaDealTracker/1.0 (news reader for deal tracking; honours robots.txt)"
# The name robots.txt rules are matched against (a group for this name wins over ``*``).
ROBOTS_AGENT = "CentralAsiaDealTracker"


@dataclass(frozen=True)
class FetchPolicy:
    """Limits of one fetcher. ``max_bytes``: the one file-size limit of the reader (``DEALTRACKER_MAX_FILE_MB``),
    since a page becomes one file of the pipeline."""

    allow_private: bool = False
    connect_timeout_s: float = 10.0
    read_timeout_s: float = 20.0  # the longest silence while a response is awaited or read
    total_timeout_s: float = 60.0  # a whole response, however steadily it drips
    max_bytes: int = 25 * 1024 * 1024
    max_redirects: int = 5
    attempts: int = 3  # on a 5xx answer, a 429, or a failed connection
    backoff_s: float = 1.0  # before the second attempt; doubled before each next one
    max_retry_after_s: float = 30.0  # a server's Retry-After is honoured up to this
    host_interval_s: float = 1.0  # at least this long between two requests to one host
    max_crawl_delay_s: float = 30.0  # a robots.txt Crawl-delay is honoured up to this
    max_robots_bytes: int = 512 * 1024
    user_agent: str = USER_AGENT

    @classmethod
    def from_settings(cls, settings: Settings, limits: Limits | None = None) -> FetchPolicy:
        """The default policy with the settings' allow-private switch and the reading limits' file size."""
        limits = limits or Limits.from_env(settings.environ or None)
        return cls(allow_private=settings.fetch_allow_private, max_bytes=limits.max_file_bytes)
