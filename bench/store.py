"""Store ingest rate: articles (and their deals) written per second into a fresh SQLite store.

The articles are the samples (and ../shared/dev when present), each copied with a numbered line appended so
every copy is a new article with new deals. Extraction is done first and timed apart; the figure is the store
alone: ``Store.ingest`` (one transaction per batch of 100 articles, as an upload would) and then one
``regroup`` (duplicate detection over everything stored). Not a test: it prints figures.

    python bench/store.py [--articles 1000]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dealtracker.data_files import samples_dir  # noqa: E402
from dealtracker.pipeline import process_documents  # noqa: E402
from dealtracker.schema import BatchResult  # noqa: E402
from dealtracker.store import Store  # noqa: E402

SHARED_DEV = Path(__file__).resolve().parent.parent.parent / "shared" / "dev" / "articles"


def source_texts() -> list[tuple[str, str]]:
    folders = [samples_dir()] + ([SHARED_DEV] if SHARED_DEV.is_dir() else [])
    if not SHARED_DEV.is_dir():
        print(f"note: {SHARED_DEV} is absent; using the samples only")
    texts = []
    for folder in folders:
        for path in sorted(folder.iterdir()):
            if path.suffix in {".txt", ".md"}:
                texts.append((path.name, path.read_text(encoding="utf-8")))
    return texts


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=1000)
    args = parser.parse_args()
    texts = source_texts()
    documents = [
        (f"copy{i}_{name}", f"{text}\n\nCopy {i}.".encode("utf-8"))
        for i, (name, text) in ((i, texts[i % len(texts)]) for i in range(args.articles))
    ]
    start = time.perf_counter()
    batches = [process_documents(documents[i:i + 100]) for i in range(0, len(documents), 100)]
    extraction = time.perf_counter() - start
    deals = sum(len(b.deals) for b in batches)
    print(f"extraction (not the store): {args.articles} articles, {deals} deals in {extraction:.1f} s")
    with tempfile.TemporaryDirectory() as folder:
        store = Store(f"sqlite:///{folder}/bench.sqlite")
        start = time.perf_counter()
        for batch in batches:
            store.ingest(batch)
        ingest = time.perf_counter() - start
        start = time.perf_counter()
        groups = store.regroup()
        regroup = time.perf_counter() - start
        again = time.perf_counter()
        store.ingest(BatchResult(articles=[a for b in batches for a in b.articles], deals=[d for b in batches for d in b.deals]))
        repeat = time.perf_counter() - again
        store.close()
    print(f"store ingest into SQLite: {args.articles / ingest:,.0f} articles/s, {deals / ingest:,.0f} deals/s "
          f"({ingest:.2f} s for {args.articles} articles in batches of 100)")
    print(f"store regroup (duplicate detection over {deals} deals): {regroup:.2f} s, {groups} groups")
    print(f"store re-ingest of the same {args.articles} articles (nothing new): {repeat:.2f} s")


if __name__ == "__main__":
    main()
