"""Why a fetch ended without a page: a short code a program can test, and a sentence a person reads."""

from __future__ import annotations

# The codes, one per way a fetch can end without a usable body. A message always says more.
NOT_HTTP = "not-http"  # file://, ftp://, javascript: … or no host
PRIVATE_ADDRESS = "private-address"  # loopback, private, link-local, reserved … without the allow-private setting
UNRESOLVED = "unresolved"  # the host name has no address
ROBOTS = "robots-disallowed"
HTTP_STATUS = "http-status"  # 4xx (404, 410, 403 …) and 5xx after the retries
TIMEOUT = "timeout"
CONNECTION = "connection-failed"
TOO_LARGE = "too-large"
BOMB = "decompression-bomb"
ENCODING = "unsupported-encoding"
CONTENT_TYPE = "unsupported-type"
REDIRECT_LOOP = "redirect-loop"
TOO_MANY_REDIRECTS = "too-many-redirects"
BAD_FEED = "bad-feed"


class FetchError(Exception):
    """A fetch refused or failed: ``code`` (one of the names above) and a one-line message naming the address."""

    def __init__(self, code: str, message: str, status: int | None = None):
        super().__init__(message)
        self.code = code
        self.message = message
        self.status = status  # the HTTP status, when one was answered

    def __str__(self) -> str:
        return f"{self.message} [{self.code}]"
