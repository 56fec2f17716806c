"""App cold start: a fresh process imports the app and renders its first page (streamlit's AppTest).

Prints the seconds to import the app's modules, the seconds to render the first page on an empty store, and
whether torch or transformers were imported on the way (they must not be: models load lazily). Target: first
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
import streamlit, pandas, plotly.express  # what every page needs
import components.uploader, components.charts, components.chart_grid, components.filters, dealtracker.pipeline
imported = time.perf_counter() - start
from streamlit.testing.v1 import AppTest
at = AppTest.from_file(os.path.join(os.getcwd(), "app.py"), default_timeout=120)
start = time.perf_counter()
at.run()
first_page = time.perf_counter() - start
assert not at.exception, at.exception
print(json.dumps({"imports": imported, "first_page": first_page,
                  "heavy": sorted(m for m in ("torch", "transformers") if m in sys.modules)}))
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
    heavy = sorted({m for r in runs for m in r["heavy"]})
    print(f"app cold start: imports {imports:.2f} s, first page {first:.2f} s, together {imports + first:.2f} s "
          f"(median of {args.runs} fresh processes)")
    print(f"model libraries imported at start-up: {', '.join(heavy) if heavy else 'none (torch and transformers not loaded)'}")


if __name__ == "__main__":
    main()
