"""One request at a time per host, with a pause between two: a news site is read the way a person reads it.

One throttle is shared by every fetcher of the process (the app's sessions, a watch loop), so two people polling
at once still do not hammer a site together.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable


class HostThrottle:
    """``wait(host, interval)`` returns when at least ``interval`` seconds have passed since the previous request
    to ``host`` was let through (by any thread)."""

    def __init__(self, clock: Callable[[], float] = time.monotonic, sleep: Callable[[float], None] = time.sleep):
        self._clock, self._sleep = clock, sleep
        self._next: dict[str, float] = {}
        self._lock = threading.Lock()

    def wait(self, host: str, interval: float) -> None:
        with self._lock:  # claim a slot under the lock, sleep outside it: other hosts are not held up
            now = self._clock()
            slot = max(now, self._next.get(host, now))
            self._next[host] = slot + interval
        if slot > now:
            self._sleep(slot - now)


SHARED = HostThrottle()
