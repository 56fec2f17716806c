"""The network guard the browser tests put around the app's server (tests/netguard) catches what it must."""

import os
import subprocess
import sys
from pathlib import Path

NETGUARD = Path(__file__).parent / "netguard"
_PROBE = """
import socket
for host in ("192.0.2.1", "example.org"):  # an address, then a name (which needs a DNS look-up)
    try:
        socket.create_connection((host, 80), timeout=1)
    except OSError as error:
        print("refused" if "network guard" in str(error) else f"other: {error}")
with socket.socket() as server:  # the loopback stays open: the app serves the browser there
    server.bind(("127.0.0.1", 0)); server.listen()
    socket.create_connection(server.getsockname(), timeout=1).close()
print("loopback ok")
"""


def test_the_guard_logs_and_refuses_outside_connections_and_lets_the_loopback_through(tmp_path):
    log = tmp_path / "outside.log"
    env = {**os.environ, "PYTHONPATH": str(NETGUARD), "DEALTRACKER_NETGUARD_LOG": str(log)}
    done = subprocess.run([sys.executable, "-c", _PROBE], env=env, capture_output=True, text=True, timeout=60)
    assert done.stdout.split() == ["refused", "refused", "loopback", "ok"], done.stdout + done.stderr
    assert log.read_text().splitlines() == ["connect 192.0.2.1", "lookup example.org"]
