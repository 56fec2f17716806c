"""Dashboard update cost over 100,000 synthetic deals: filter + aggregate + build every figure.

Prints the median of several runs of one filter change (issue 5 target: under 1 s). Not a test: timings on a
shared 2-core machine are noisy, so the script reports figures instead of asserting them.

    python bench/dashboard.py [--deals 100000] [--runs 5]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import time
from pathlib import Path

import numpy as np
import pandas as pd

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from components import charts  # noqa: E402  (plotly figure builders; importing streamlit is harmless here)
from dealtracker.analytics import Filters, apply_filters, kpis, over_time  # noqa: E402
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
    for build in (charts.country_sector_figure, charts.sector_figure, charts.heatmap_figure, charts.treemap_figure,
                  charts.sankey_figure, charts.top_counterparties_figure):
        build(shown, "value")
    charts.time_figure(over_time(shown, "value", "Y"), "value")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    frame = synthetic_deals(args.deals)
    one_update(frame, Filters())  # warm-up: imports, lexicon loads
    timings = []
    for run in range(args.runs):
        filters = Filters(countries=(CENTRAL_ASIA[run % 5],), min_value_usd=1e6)
        start = time.perf_counter()
        one_update(frame, filters)
        timings.append(time.perf_counter() - start)
    print(f"dashboard update over {args.deals:,} deals: median {statistics.median(timings):.3f} s "
          f"(min {min(timings):.3f}, max {max(timings):.3f}, {args.runs} runs)")


if __name__ == "__main__":
    main()
