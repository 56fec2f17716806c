"""One long document against the same text as separate articles: extraction must stay linear in length.

Issue 18: cost grew with the square of an article's length (a 1 MB text of deal sentences took 21 s, 2 MB
117 s, and 24 MB did not finish in 10 minutes). Targets: the ``--mb`` document (2 MB) takes at most 1.5 times
the time of the same text as separate articles, and a ``--big-mb`` document (20 MB) finishes in under 60 s
with a peak memory under 600 MB.

The text is our sample articles and, when it is there, the shared development set (``../shared/dev``),
shuffled and repeated to the wanted size (``bench/engine.py``'s corpus). The separate articles and the one
document (the same texts joined by blank lines) take turns over ``--rounds`` in one warm process, so that
both meet the same machine load; the ratio of each round is printed as a spread. The big document runs in a
fresh process of its own, whose peak resident memory (interpreter, lexicons and the text included) is the
figure a user's upload meets.

    python bench/long_document.py [--mb 2] [--big-mb 20] [--rounds 3]

Not a test: compare ratios within one run on this shared machine.
"""

from __future__ import annotations

import argparse
import json
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from engine import build_corpus, size_of  # noqa: E402  (the engine bench's corpus, in bench/)

from dealtracker.extract.assemble import extract_deals  # noqa: E402
from dealtracker.parallel import fewer_collections  # noqa: E402
from dealtracker.schema import Article  # noqa: E402

SEPARATOR = "\n\n"


def _timed(job) -> tuple[float, int]:
    with fewer_collections():
        started = time.perf_counter()
        found = job()
        return time.perf_counter() - started, found


def compare(megabytes: float, rounds: int, seed: int) -> None:
    corpus = build_corpus(megabytes, seed)
    size = sum(size_of(a) for a in corpus) / 1e6
    document = Article(source="long.txt", text=SEPARATOR.join(a.text for a in corpus))
    extract_deals(corpus[0])  # lexicons built before any timing
    separate_times, one_times = [], []
    for _ in range(rounds):
        seconds, separate_deals = _timed(lambda: sum(len(extract_deals(a)) for a in corpus))
        separate_times.append(seconds)
        seconds, one_deals = _timed(lambda: len(extract_deals(document)))
        one_times.append(seconds)
    ratios = [one / separate for one, separate in zip(one_times, separate_times)]
    print(f"{len(corpus)} articles, {size:.2f} MB; medians of {rounds} rounds")
    print(f"  separate articles: {statistics.median(separate_times):6.2f} s  "
          f"{size / statistics.median(separate_times):5.2f} MB/s  {separate_deals} deals")
    print(f"  one document:      {statistics.median(one_times):6.2f} s  "
          f"{size / statistics.median(one_times):5.2f} MB/s  {one_deals} deals (a deal repeated across the "
          f"joined copies is one)")
    print(f"  one document / separate time: median {statistics.median(ratios):.2f} "
          f"(min {min(ratios):.2f}, max {max(ratios):.2f}); target <= 1.5")


def big(megabytes: float, seed: int) -> None:
    corpus = build_corpus(megabytes, seed)
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "big.txt"
        path.write_text(SEPARATOR.join(a.text for a in corpus), encoding="utf-8")
        size = path.stat().st_size / 1e6
        run = subprocess.run([sys.executable, __file__, "--child", str(path)], capture_output=True, text=True,
                             check=True)
    figures = json.loads(run.stdout.strip().splitlines()[-1])
    print(f"one document of {size:.1f} MB in a fresh process: {figures['seconds']:.1f} s "
          f"({size / figures['seconds']:.2f} MB/s), {figures['deals']} deals, peak memory {figures['peak_mb']:.0f} MB "
          f"(of which {figures['start_mb']:.0f} MB before extraction); targets < 60 s, < 600 MB")


def child(path: Path) -> None:
    """Extract one file's text as one article and print the figures as JSON (run by ``big``)."""
    article = Article(source=path.name, text=path.read_text(encoding="utf-8"))
    start_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    seconds, found = _timed(lambda: len(extract_deals(article)))
    peak_mb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux
    print(json.dumps({"seconds": seconds, "deals": found, "peak_mb": peak_mb, "start_mb": start_mb}))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=2.0, help="size of the document compared with separate articles")
    parser.add_argument("--big-mb", type=float, default=20.0, help="size of the long document run alone (0: skip)")
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--seed", type=int, default=18)
    parser.add_argument("--child", type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(args.child)
        return
    compare(args.mb, args.rounds, args.seed)
    if args.big_mb > 0:
        big(args.big_mb, args.seed)


if __name__ == "__main__":
    main()
