"""One key per web address, so the same article reached through two links is stored once.

Links to one article differ in ways that do not change the page: the case of the scheme and host, a default
port, a ``#fragment``, tracking parameters added by newsletters and social sites (``utm_*``, ``fbclid`` …), the
order of the other query parameters, a trailing slash on the path, and ``http`` against ``https`` (a site serves
one page under both). The key drops or folds all of those. A ``www.`` host is kept apart from the bare name: it
can be another server.
"""

from __future__ import annotations

from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

TRACKING_PREFIXES = ("utm_",)
TRACKING_PARAMETERS = frozenset({"fbclid", "gclid", "yclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga"})
DEFAULT_PORTS = {"http": 80, "https": 443}


def url_key(url: str) -> str:
    """The address reduced to what names the page (see the module's note); an address without a host is kept
    as written, stripped."""
    url = url.strip()
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    if scheme not in DEFAULT_PORTS or not parts.hostname:
        return url
    host = parts.hostname.rstrip(".")
    try:
        host = host.encode("idna").decode("ascii")
    except UnicodeError:
        pass  # a name the IDNA codec refuses stays as written (lower case)
    port = parts.port if parts.port not in (None, DEFAULT_PORTS[scheme]) else None
    path = parts.path or "/"
    if len(path) > 1:
        path = path.rstrip("/") or "/"
    query = sorted(
        (name, value) for name, value in parse_qsl(parts.query, keep_blank_values=True)
        if not name.lower().startswith(TRACKING_PREFIXES) and name.lower() not in TRACKING_PARAMETERS
    )
    netloc = host + (f":{port}" if port else "")
    return urlunsplit(("http", netloc, path, urlencode(query), ""))
