"""Process-wide settings of the app server that no page draws: the garbage collector's view of imported code.

Streamlit runs a full garbage collection after every script run (``runner.postScriptGC``), while the browser
waits: the collection holds the interpreter lock, so the session's last messages (the run's end among them) are
not sent until it is over. A full collection walks every tracked object, and almost all of them are the
imported modules' functions, classes and dicts (about 150,000 in this app), which live as long as the server:
0.1-0.25 s per rerun on our 2-core machine (py-spy on the server under bench/browser_dashboard.py, issue 17).
``gc.freeze`` moves the objects alive at a moment out of the collector's sight for good. It is called at the
start of a run (before the page makes anything of its own) whenever modules were imported since the last call,
so it stops after the first runs; objects made later are collected as before. A frozen object that becomes
garbage is still freed when nothing refers to it (reference counting: a cached deals table of an old revision, a
closed session's frames); only garbage in reference cycles among frozen objects stays, which is at most what the
first runs' sessions left when their server process froze them.
"""

from __future__ import annotations

import gc
import sys
import threading

_lock = threading.Lock()
_modules_seen = 0


def freeze_imported_objects() -> None:
    """Collect, then freeze every object alive now, if modules were imported since the last time (cheap no-op
    otherwise). What is alive at the start of a run is the imported code, the caches and the sessions' state:
    long-lived objects, which a full collection only walks."""
    global _modules_seen
    if len(sys.modules) == _modules_seen:
        return
    with _lock:
        if len(sys.modules) == _modules_seen:
            return
        gc.collect()
        gc.freeze()
        _modules_seen = len(sys.modules)
