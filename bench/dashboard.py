"""Dashboard update cost over 100,000 synthetic deals, measured two ways.

1. Core: filter + aggregate + build every figure, straight from a DataFrame.
2. App: the deals written to a SQLite store, the real app run headlessly (streamlit's AppTest) on /dashboard,
   then a sidebar filter changed: the whole rerun (cached table, filters, KPIs, every chart serialised for the
   browser, the deals table). Also the process's peak memory once the app holds the 100,000 deals.

Prints medians of several filter changes (target: under 1 s). Not a test: timings on a shared 2-core machine
are noisy, so the script reports figures instead of asserting them.

    python bench/dashboard.py [--deals 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import resource
import tempfile
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import charts  # noqa: E402  (plotly figure builders; importing streamlit is harmless here)
from dealtracker.analytics import Filters, apply_filters, kpis  # noqa: E402
from dealtracker.schema import CENTRAL_ASIA, DEAL_FIELDS, DEAL_TYPES, SECTORS, STATUSES  # noqa: E402


def synthetic_deals(n: int, seed: int = 7):
    rng = np.random.default_rng(seed)
    partners = ["USA", "CHN", "RUS", "TUR", "KOR", "JPN", "DEU", "FRA", "ARE", "SAU", "INT"]
    counterparties = [f"Company {i}" for i in range(400)]
    years = rng.integers(2015, 2027, n)
    months = rng.integers(1, 13, n)
    rows = {
        "deal_id": [f"d{i}" for i in range(n)],
        "source": [f"article_{i // 3}.txt" for i in range(n)],
        "party": rng.choice(["Kazakhstan", "Uzbekistan", "Kyrgyzstan", "Tajikistan", "Turkmenistan"], n),
        "party_country": rng.choice(CENTRAL_ASIA, n),
        "counterparty": rng.choice(counterparties, n),
        "counterparty_country": rng.choice(partners, n),
        "amount": rng.lognormal(18, 2, n),
        "currency": "USD",
        "qualifier": None,
        "sector": rng.choice(SECTORS, n),
        "deal_type": rng.choice(DEAL_TYPES, n),
        "status": rng.choice(STATUSES, n),
        "object": None,
        "jobs": None,
        "date": [f"{y}-{m:02d}" for y, m in zip(years, months)],
        "language": rng.choice(["ar", "ru", "en"], n),
        "evidence": "synthetic evidence sentence",
        "start": 0,
        "end": 27,
        "confidence": rng.random(n),
    }
    rows["value_usd"] = rows["amount"]
    frame = pd.DataFrame(rows)[list(DEAL_FIELDS)]
    frame["verified"] = False
    frame["rejected"] = False
    frame["group_id"] = None
    return frame


def one_update(frame, filters: Filters) -> None:
    shown = apply_filters(frame, filters)
    kpis(shown)
    for build in (charts.country_sector_figure, charts.sector_figure, charts.map_figure, charts.heatmap_figure,
                  charts.treemap_figure, charts.sankey_figure, charts.top_counterparties_figure):
        build(shown, "value")
    charts.time_figure(shown, "value", "Y")


def _median(timings: list[float]) -> str:
    return f"median {statistics.median(timings):.3f} s (min {min(timings):.3f}, max {max(timings):.3f}, {len(timings)} runs)"


def bench_core(frame: pd.DataFrame, runs: int) -> None:
    one_update(frame, Filters())  # warm-up: imports, lexicon loads
    timings = []
    for run in range(runs):
        filters = Filters(countries=(CENTRAL_ASIA[run % 5],), min_value_usd=1e6)
        start = time.perf_counter()
        one_update(frame, filters)
        timings.append(time.perf_counter() - start)
    print(f"core  filter + aggregate + every figure over {len(frame):,} deals: {_median(timings)}")


def fill_store(frame: pd.DataFrame, url: str) -> None:
    """Write the synthetic deals straight into a store's table (the ingest path is benchmarked elsewhere)."""
    from sqlalchemy import insert

    from dealtracker.store import Store
    from dealtracker.store.models import DealRow

    store = Store(url)
    rows = frame.drop(columns=["group_id"]).assign(edited_fields="", added_by_person=False).to_dict("records")
    with store.engine.begin() as connection:
        for start in range(0, len(rows), 20_000):
            connection.execute(insert(DealRow), rows[start:start + 20_000])
    store.close()


def bench_app(frame: pd.DataFrame, runs: int) -> None:
    """Fill a store, then time the app in a fresh process, so its peak memory is the app's alone."""
    import subprocess

    with tempfile.TemporaryDirectory() as folder:
        url = f"sqlite:///{folder}/bench.sqlite"
        start = time.perf_counter()
        fill_store(frame, url)
        print(f"store {len(frame):,} synthetic deals written in {time.perf_counter() - start:.1f} s")
        subprocess.run([sys.executable, __file__, "--app-process", url, "--runs", str(runs)], check=True)


def app_process(url: str, runs: int) -> None:
    """Run in its own process: the real app headlessly (AppTest) on /dashboard over the store at ``url``."""
    from streamlit.testing.v1 import AppTest

    os.environ["DEALTRACKER_DB_URL"] = url
    root = Path(__file__).resolve().parent.parent
    os.chdir(root)
    at = AppTest.from_file(str(root / "app.py"), default_timeout=600)
    start = time.perf_counter()
    at.run()
    print(f"app   first page (imports, reads and caches the 100,000-deal table, draws the upload page): "
          f"{time.perf_counter() - start:.2f} s")
    start = time.perf_counter()
    at.switch_page("pages/views/dashboard.py").run()
    first = time.perf_counter() - start
    assert not at.exception, at.exception
    print(f"app   dashboard opened ({at.metric[1].value} deals counted): {first:.2f} s")
    timings = []
    for run in range(runs):
        start = time.perf_counter()
        at.multiselect(key="f_country").set_value([CENTRAL_ASIA[run % 5]]).run()
        timings.append(time.perf_counter() - start)
        assert not at.exception, at.exception
    print(f"app   one sidebar filter change, whole dashboard rerun: {_median(timings)}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"app   peak memory of the app process holding the deals: {peak:.0f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--core-only", action="store_true", help="skip the app measurement")
    parser.add_argument("--app-process", metavar="DB_URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.app_process:
        app_process(args.app_process, args.runs)
        return
    frame = synthetic_deals(args.deals)
    bench_core(frame, args.runs)
    if not args.core_only:
        bench_app(frame, args.runs)


if __name__ == "__main__":
    main()
