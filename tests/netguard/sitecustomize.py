"""A network guard for the app under test: on ``PYTHONPATH`` of the server process the browser tests start,
Python loads it at start-up, before streamlit. Every attempt to connect to (or look up) a host other than this
machine is written to the file named by ``DEALTRACKER_NETGUARD_LOG`` and refused, so a test can assert that
the server asked nothing of the network, its start included (streamlit once fetched the machine's public IP
there)."""

from __future__ import annotations

import ipaddress
import os
import socket

_LOG = os.environ.get("DEALTRACKER_NETGUARD_LOG")
_LOCAL_NAMES = {"localhost", "localhost.localdomain", "", None}


def _is_local(host) -> bool:
    if isinstance(host, bytes):
        host = host.decode(errors="replace")
    if host in _LOCAL_NAMES:
        return True
    try:
        return ipaddress.ip_address(str(host).split("%")[0]).is_loopback
    except ValueError:
        return False  # a name other than localhost: it would need a DNS look-up


def _refuse(what: str, host) -> None:
    if _LOG:
        with open(_LOG, "a", encoding="utf-8") as log:
            log.write(f"{what} {host}\n")
    raise OSError(f"network guard: {what} {host} refused (the app must not leave this machine)")


if _LOG:
    _connect, _connect_ex, _getaddrinfo = socket.socket.connect, socket.socket.connect_ex, socket.getaddrinfo

    def _guarded_connect(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            _refuse("connect", address[0])
        return _connect(self, address)

    def _guarded_connect_ex(self, address):
        if self.family in (socket.AF_INET, socket.AF_INET6) and not _is_local(address[0]):
            _refuse("connect", address[0])
        return _connect_ex(self, address)

    def _is_address(host) -> bool:
        try:
            ipaddress.ip_address(str(host.decode() if isinstance(host, bytes) else host).split("%")[0])
            return True
        except ValueError:
            return False

    def _guarded_getaddrinfo(host, *args, **kwargs):
        if not _is_local(host) and not _is_address(host):  # an address needs no look-up: ``connect`` judges it
            _refuse("lookup", host)
        return _getaddrinfo(host, *args, **kwargs)

    socket.socket.connect = _guarded_connect
    socket.socket.connect_ex = _guarded_connect_ex
    socket.getaddrinfo = _guarded_getaddrinfo
