"""App cold start: a fresh process imports the app and renders its first page (streamlit's AppTest).

Prints the seconds to import streamlit (what the server does before running the app), the seconds for the first
page on an empty store (app.py and the upload page: their own imports and drawing), the first visit to the
dashboard after it, and whether torch or transformers were imported on the way (they must not be: models load
lazily). Target: first
page in under 2 s. Not a test: it prints figures.

    python bench/app_start.py [--runs 3]
"""

from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

_ONE_START = r"""
import json, os, sys, time
sys.path.insert(0, os.getcwd())
start = time.perf_counter()
import streamlit  # what the server process imports before it runs the app
from streamlit.testing.v1 import AppTest
imported = time.perf_counter() - start
at = AppTest.from_file(os.path.join(os.getcwd(), "app.py"), default_timeout=120)
start = time.perf_counter()
at.run()  # app.py and the upload page: their own imports (pandas, the core package, the store) and drawing
first_page = time.perf_counter() - start
assert not at.exception, at.exception
heavy = sorted(m for m in ("torch", "transformers") if m in sys.modules)
start = time.perf_counter()
at.switch_page("pages/views/dashboard.py").run()  # the chart modules load here, on first use
dashboard = time.perf_counter() - start
assert not at.exception, at.exception
print(json.dumps({"imports": imported, "first_page": first_page, "dashboard": dashboard, "heavy": heavy}))
"""


def one_start(db_url: str) -> dict:
    done = subprocess.run(
        [sys.executable, "-c", _ONE_START], cwd=ROOT, capture_output=True, text=True, timeout=300,
        env={**__import__("os").environ, "DEALTRACKER_DB_URL": db_url},
    )
    if done.returncode != 0:
        raise SystemExit(done.stderr)
    return json.loads(done.stdout.strip().splitlines()[-1])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        runs = [one_start(f"sqlite:///{folder}/start.sqlite") for _ in range(args.runs)]
    imports = statistics.median(r["imports"] for r in runs)
    first = statistics.median(r["first_page"] for r in runs)
    dashboard = statistics.median(r["dashboard"] for r in runs)
    heavy = sorted({m for r in runs for m in r["heavy"]})
    print(f"app cold start: streamlit import {imports:.2f} s, first page (app imports + upload page) {first:.2f} s, "
          f"together {imports + first:.2f} s (median of {args.runs} fresh processes, empty store)")
    print(f"then the first visit to /dashboard (chart modules load on first use): {dashboard:.2f} s")
    print(f"model libraries imported at start-up: {', '.join(heavy) if heavy else 'none (torch and transformers not loaded)'}")


if __name__ == "__main__":
    main()
