"""Only http(s), and only public addresses unless the allow-private setting says otherwise.

The check runs where the connection is made (``GuardedBackend.connect_tcp``): the host is resolved, every address
it resolves to is judged, and the connection goes to an address that was judged — never to a name resolved a
second time. So a redirect to an internal host, or a name that answers a public address to the check and a
private one to the connection (DNS rebinding), cannot reach this machine or its network.
"""

from __future__ import annotations

import ipaddress
import socket
from typing import Any

import httpcore

from .errors import NOT_HTTP, PRIVATE_ADDRESS, UNRESOLVED, FetchError

SCHEMES = ("http", "https")
Address = ipaddress.IPv4Address | ipaddress.IPv6Address


def check_scheme(url: str, scheme: str, host: str | None) -> None:
    """FetchError unless ``url`` is http(s) with a host (no file://, ftp://, data: …)."""
    if scheme not in SCHEMES:
        raise FetchError(NOT_HTTP, f"{url}: only http and https addresses are fetched, not {scheme or 'this'}")
    if not host:
        raise FetchError(NOT_HTTP, f"{url}: the address has no host")


def refused_kind(address: Address) -> str | None:
    """Why this address is not public ("loopback", "private" …), or None when it is."""
    if isinstance(address, ipaddress.IPv6Address) and address.ipv4_mapped is not None:
        return refused_kind(address.ipv4_mapped)
    for kind in ("loopback", "link_local", "multicast", "unspecified", "reserved", "private"):
        if getattr(address, f"is_{kind}"):
            return kind.replace("_", "-")
    return None if address.is_global else "non-public"


def resolve(host: str, port: int, allow_private: bool) -> list[str]:
    """Every address ``host`` resolves to, each judged; FetchError if the name has none or any is refused (a
    name with one private address among public ones is refused whole: which one a client picks is not ours)."""
    try:
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
    except (socket.gaierror, UnicodeError) as error:
        raise FetchError(UNRESOLVED, f"{host}: the host name could not be resolved ({error})") from None
    addresses = list(dict.fromkeys(info[4][0] for info in infos))
    if not allow_private:
        for text in addresses:
            kind = refused_kind(ipaddress.ip_address(text.split("%")[0]))
            if kind:
                what = f"is a {kind} address" if text == host else f"resolves to a {kind} address ({text})"
                raise FetchError(PRIVATE_ADDRESS, f"{host}: {what}; only public "
                                 "addresses are fetched (DEALTRACKER_FETCH_ALLOW_PRIVATE=1 allows others)")
    if not addresses:
        raise FetchError(UNRESOLVED, f"{host}: the host name has no address")
    return addresses


class GuardedBackend(httpcore.NetworkBackend):
    """httpcore's own socket backend, dialling only addresses ``resolve`` allowed (TLS still checks the name)."""

    def __init__(self, allow_private: bool):
        self.allow_private = allow_private
        self._backend = httpcore.SyncBackend()

    def connect_tcp(self, host: str, port: int, timeout: float | None = None, local_address: str | None = None,
                    socket_options: Any = None) -> httpcore.NetworkStream:
        last: Exception | None = None
        for address in resolve(host, port, self.allow_private):
            try:
                return self._backend.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as error:  # the next address of the name, as a browser would
                last = error
        raise last or httpcore.ConnectError(f"{host}: no address answered")

    def connect_unix_socket(self, path: str, timeout: float | None = None, socket_options: Any = None) -> Any:
        raise FetchError(NOT_HTTP, "unix sockets are not fetched")

    def sleep(self, seconds: float) -> None:
        self._backend.sleep(seconds)
