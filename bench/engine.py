"""Extraction engine throughput on a corpus of at least 20 MB, against one plain money regex as a yardstick.

The corpus is built in memory from our sample articles (``data/samples``) and, when it is there, the shared
development set (``../shared/dev/articles``): every article read once through the normal readers, then
repeated and shuffled with a fixed seed until the corpus holds ``--mb`` megabytes (10^6 bytes of UTF-8 text).

The three runs (one process, the pool, the regex) take turns over ``--rounds`` slices of the corpus, so that
each meets the same machine load: run one after the other on this shared machine, the ratio swung from 18x to
29x on unchanged code. Each round's regex / engine ratio is printed as a spread (min, median, max).

Prints, for one process and for a pool of ``--workers`` processes (``dealtracker.parallel``): start-up
seconds apart from the warm run (for the first row, building the lexicons; for the pool, starting its
workers, which inherit the lexicons already built), then MB, articles, wall and CPU seconds, MB/s,
articles/s and the peak resident memory (of this process; of the largest worker for the pool); then one compiled money regex over the same texts and the
ratio regex speed / engine speed; then a digest of every deal found, which must be the same for one process
and for the pool (and stays the same across optimisations that do not change behaviour).

Not a test: timings on a shared 2-core machine are noisy, so compare ratios between runs. CPU seconds
(MB/CPU-s) are less disturbed by other people's processes than wall seconds; the last line measures how
many cores were actually free, which bounds what the pool can show.

    python bench/engine.py [--mb 20] [--workers 2] [--rounds 10] [--seed 8] [--profile | --stages]

Issue 8 targets: engine at least 2 MB/s in one process; the regex at most 20 times faster than the engine;
2 workers at least 1.7 times one.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import random
import re
import resource
import statistics
import sys
import time
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

_started = time.perf_counter()
from dealtracker.ingest import SUPPORTED_SUFFIXES, IngestError, read_document  # noqa: E402
from dealtracker.parallel import Extracted, ExtractionPool  # noqa: E402
from dealtracker.schema import Article  # noqa: E402

IMPORT_SECONDS = time.perf_counter() - _started

SAMPLES = ROOT / "data" / "samples"
DEV = ROOT.parent / "shared" / "dev" / "articles"

# The yardstick: what a naive tool would do — one regex for "$4.2 billion", "4,2 млрд долларов",
# "8 مليارات دولار", with no parties, clauses or rules around it.
MONEY_REGEX = re.compile(
    r"(?:US\$|[$€£])\s?\d[\d.,]*(?:\s?(?:billion|million|bn|mln|m)\b)?"
    r"|\d[\d.,]*\s?(?:billion|million|млрд|млн|тыс|مليار|مليون)\w*\.?"
    r"(?:\s(?:dollars?|euros?|долл\w*|евро|руб\w*|دولار|يورو))?",
    re.IGNORECASE,
)


def read_folder(folder: Path) -> list[Article]:
    articles = []
    for path in sorted(folder.iterdir()):
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES:
            try:
                articles.append(read_document(path.name, path.read_bytes()))
            except IngestError as error:
                print(f"skipped {path}: {error}", file=sys.stderr)
    return articles


def build_corpus(megabytes: float, seed: int) -> list[Article]:
    """Whole copies of the base articles, shuffled, until the corpus reaches the wanted size."""
    base = read_folder(SAMPLES)
    if DEV.is_dir():
        base += read_folder(DEV)
    else:
        print(f"{DEV} is absent: the corpus is built from data/samples only", file=sys.stderr)
    if not base:
        raise SystemExit("no articles to build a corpus from")
    base_bytes = sum(size_of(a) for a in base)
    copies = max(1, -(-int(megabytes * 1e6) // base_bytes))
    corpus = base * copies
    random.Random(seed).shuffle(corpus)
    return corpus


def size_of(article: Article) -> int:
    return len(article.text.encode("utf-8"))


def digest(results: list[Extracted]) -> str:
    """One hash over every deal (and error) in article order: equal digests, equal outputs."""
    h = hashlib.sha256()
    for result in results:
        for deal in result.deals:
            h.update(json.dumps(deal.to_dict(), ensure_ascii=False, sort_keys=True).encode())
        h.update(f"|{result.error}\n".encode())
    return h.hexdigest()[:16]


def peak_mb(who: int) -> float:
    return resource.getrusage(who).ru_maxrss / 1024  # kilobytes on Linux


def _slices(corpus: list[Article], rounds: int) -> list[list[Article]]:
    size = -(-len(corpus) // rounds)
    return [corpus[i:i + size] for i in range(0, len(corpus), size)]


def _regex_count(articles: list[Article]) -> int:
    found = 0
    for article in articles:
        for _ in MONEY_REGEX.finditer(article.text):
            found += 1
    return found


def _own_cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def _children_cpu() -> float:
    children = resource.getrusage(resource.RUSAGE_CHILDREN)
    return children.ru_utime + children.ru_stime


def run_interleaved(corpus: list[Article], workers: int, rounds: int) -> tuple[dict, dict, dict, list[float]]:
    """The three runs taken in turns over ``rounds`` slices of the corpus: slice 1 by one process, by the pool
    and by the regex, then slice 2, and so on. On a shared machine the load changes from minute to minute; run
    one after the other, a quiet minute for the regex and a busy one for the engine made the ratio anywhere from
    18x to 29x on the same code. In turns, each run meets the same load. Also returns each round's regex /
    engine ratio, whose spread shows how noisy the machine was."""
    rows = {name: {"startup": 0.0, "seconds": 0.0, "cpu": 0.0, "deals": 0, "errors": 0, "results": []}
            for name in ("one", "pool", "regex")}
    started = time.perf_counter()
    with ExtractionPool(1) as one:
        rows["one"]["startup"] = time.perf_counter() - started
        started = time.perf_counter()
        with ExtractionPool(workers) as pool:
            rows["pool"]["startup"] = time.perf_counter() - started
            children_before = _children_cpu()
            per_round = []
            for part in _slices(corpus, rounds):
                took = {}
                for name, run in (("one", one.map), ("pool", pool.map), ("regex", _regex_count)):
                    cpu, started = _own_cpu(), time.perf_counter()
                    found = run(part)
                    took[name] = time.perf_counter() - started
                    rows[name]["seconds"] += took[name]
                    rows[name]["cpu"] += _own_cpu() - cpu  # for the pool: the parent's share (sending, receiving)
                    if name == "regex":
                        rows[name]["deals"] += found
                    else:
                        rows[name]["results"].extend(found)
                per_round.append(took["one"] / max(took["regex"], 1e-9))
        rows["pool"]["cpu"] += _children_cpu() - children_before  # the workers' CPU, known once they exit
    for name in ("one", "pool"):
        results = rows[name].pop("results")
        rows[name].update(deals=sum(len(r.deals) for r in results), errors=sum(r.error is not None for r in results),
                          digest=digest(results))
    rows["one"]["peak"] = peak_mb(resource.RUSAGE_SELF)
    rows["pool"]["peak"] = peak_mb(resource.RUSAGE_CHILDREN)
    rows["regex"].update(digest="", peak=0.0)
    rows["regex"].pop("results")
    return rows["one"], rows["pool"], rows["regex"], per_round


def _spin(n: int) -> int:
    total = 0
    for i in range(n):
        total += i
    return total


def spare_cores(workers: int) -> float:
    """How many busy loops this machine runs at once right now: ``workers`` on an idle machine, less when
    other people's processes hold cores. Read the pool's speed-up against this figure."""
    started = time.perf_counter()
    _spin(5_000_000)
    one = time.perf_counter() - started
    with ProcessPoolExecutor(workers) as pool:
        list(pool.map(_noop, range(workers)))
        started = time.perf_counter()
        list(pool.map(_spin, [5_000_000] * workers))
        many = time.perf_counter() - started
    return workers * one / many


def _noop(_: int) -> None:
    return None


def profile(corpus: list[Article]) -> None:
    """Profile one warm single-process pass (pyinstrument, a development dependency)."""
    from pyinstrument import Profiler

    with ExtractionPool(1) as pool:
        profiler = Profiler(interval=0.0005)
        profiler.start()
        pool.map(corpus)
        profiler.stop()
    print(profiler.output_text(unicode=True, color=False, show_all=False))


def stages(corpus: list[Article]) -> None:
    """CPU seconds of each stage of one warm single-process pass, timed around each stage's call without a
    profiler (a profiler inflates the many small Python calls inside the stages and skews the shares)."""
    from dealtracker.extract import assemble, reader, sentence
    from dealtracker.extract.money import anchoring as money_anchoring
    from dealtracker.parallel import warm_up

    warm_up()
    spent: dict[str, float] = {}
    patched: list[tuple[object, str, object]] = []

    def timed(owner, name: str, label: str) -> None:
        inner = getattr(owner, name)
        patched.append((owner, name, owner.__dict__[name] if isinstance(owner, type) else inner))

        def wrapper(*args, **kwargs):
            started = time.process_time()
            try:
                return inner(*args, **kwargs)
            finally:
                spent[label] = spent.get(label, 0.0) + time.process_time() - started

        setattr(owner, name, wrapper)

    timed(money_anchoring, "word_tokens", "  of which cutting the words (shared with the matchers)")
    timed(reader, "find_money", "money")
    timed(reader, "find_entities", "name matcher")
    timed(reader, "find_cues", "deal-cue and sector matchers")
    timed(reader, "find_unknown_organisations", "unknown organisations")
    timed(reader, "split_sentences", "sentences")
    timed(sentence, "split_clauses", "  of which cutting clauses")
    timed(assemble, "deals_of", "assembling deals")
    matcher = reader.anaphor_matcher()

    class _TimedAnaphors:
        def findall(self, *args):
            started = time.process_time()
            try:
                return matcher.findall(*args)
            finally:
                label = "  of which the reference matcher"
                spent[label] = spent.get(label, 0.0) + time.process_time() - started

    patched.append((reader, "anaphor_matcher", reader.anaphor_matcher))
    reader.anaphor_matcher = lambda: _TimedAnaphors()
    normalised_of = reader.NormalisedText.__dict__["of"]

    def of(original: str):
        started = time.process_time()
        try:
            return normalised_of.__func__(reader.NormalisedText, original)
        finally:
            spent["normalisation"] = spent.get("normalisation", 0.0) + time.process_time() - started

    patched.append((reader.NormalisedText, "of", normalised_of))
    reader.NormalisedText.of = staticmethod(of)
    try:
        started = time.process_time()
        for article in corpus:
            assemble.extract_deals(article)
        total = time.process_time() - started
    finally:
        for owner, name, original in reversed(patched):
            setattr(owner, name, original)
    megabytes = sum(size_of(a) for a in corpus) / 1e6
    print(f"one warm pass: {total:.2f} CPU s, {megabytes / total:.2f} MB/CPU-s")
    # "of which" stages run inside the stage listed above them: not counted twice
    spent["the rest (an article's mentions read into sentences, years, …)"] = total - sum(
        seconds for label, seconds in spent.items() if not label.startswith(" ")
    )
    inside = {"money": ["  of which cutting the words (shared with the matchers)"],
              "assembling deals": ["  of which cutting clauses", "  of which the reference matcher"]}
    nested = {label for labels in inside.values() for label in labels}
    for label, seconds in sorted(spent.items(), key=lambda item: -item[1]):
        if label in nested:
            continue
        print(f"  {seconds:6.2f} s {100 * seconds / total:5.1f}%  {label}")
        for part in inside.get(label, []):
            if part in spent:
                print(f"  {spent[part]:6.2f} s {100 * spent[part] / total:5.1f}%  {part}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=20.0, help="corpus size in MB of UTF-8 text (default 20)")
    parser.add_argument("--workers", type=int, default=2, help="processes in the pool run (default 2)")
    parser.add_argument("--seed", type=int, default=8, help="shuffle seed (default 8)")
    parser.add_argument("--rounds", type=int, default=10,
                        help="slices of the corpus over which the three runs take turns (default 10)")
    parser.add_argument("--profile", action="store_true", help="profile one single-process pass instead")
    parser.add_argument("--stages", action="store_true", help="CPU seconds per stage of one pass, no profiler")
    args = parser.parse_args()

    corpus = build_corpus(args.mb, args.seed)
    megabytes = sum(size_of(a) for a in corpus) / 1e6
    if args.profile:
        profile(corpus)
        return
    if args.stages:
        stages(corpus)
        return

    spare_before = spare_cores(args.workers)
    one, pool, regex, per_round = run_interleaved(corpus, args.workers, args.rounds)
    rows = [("engine, 1 process", one), (f"engine, {args.workers} workers", pool), ("money regex (yardstick)", regex)]

    print(f"corpus: {megabytes:.1f} MB, {len(corpus)} articles (seed {args.seed}); import {IMPORT_SECONDS:.2f} s")
    print(
        f"{'run':<26}{'start-up s':>11}{'seconds':>9}{'MB/s':>8}{'articles/s':>12}"
        f"{'CPU s':>8}{'MB/CPU-s':>10}{'found':>8}{'peak MB':>9}  digest"
    )
    for name, r in rows:
        print(
            f"{name:<26}{r['startup']:>11.2f}{r['seconds']:>9.2f}{megabytes / r['seconds']:>8.2f}"
            f"{len(corpus) / r['seconds']:>12.0f}{r['cpu']:>8.2f}{megabytes / max(r['cpu'], 1e-9):>10.2f}"
            f"{r['deals']:>8}{r['peak']:>9.0f}  {r['digest']}"
        )
    one_cpu, regex_cpu = one["cpu"], regex["cpu"]
    per_round.sort()
    print(
        f"{args.workers} workers / 1 process: {one['seconds'] / pool['seconds']:.2f}x   regex / engine (1 process): "
        f"{one['seconds'] / regex['seconds']:.1f}x (by CPU time: {one_cpu / max(regex_cpu, 1e-9):.1f}x; "
        f"per round of the {len(per_round)}: {per_round[0]:.1f}x to {per_round[-1]:.1f}x, "
        f"median {statistics.median(per_round):.1f}x)"
    )
    print(
        f"machine check: {args.workers} busy loops ran {spare_before:.2f}x / {spare_cores(args.workers):.2f}x as fast as one "
        f"(before / after the runs; {args.workers}.00x when no one else is using the cores)"
    )
    if one["digest"] != pool["digest"]:
        print("WARNING: the pool found other deals than one process", file=sys.stderr)
    if one["errors"]:
        print(f"WARNING: {one['errors']} articles failed", file=sys.stderr)


if __name__ == "__main__":
    main()
