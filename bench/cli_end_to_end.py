"""End to end through the command line: files on disk → JSON Lines, one process, reading included (issue 18).

A folder is built in a temporary directory from the development articles (``../shared/dev/articles``: .txt,
.html and .pdf), copied under distinct names (``c007_ru_12_pdf.pdf``) until it holds ``--mb`` megabytes (10^6
bytes) of files. Then, in turns for ``--rounds`` rounds, so that each run meets the same machine load:

- reading only: every file's bytes from disk → articles (decoding, PDF and HTML text, language, date), in
  this process, through the readers the CLI uses (``dealtracker.ingest.read_file``);
- engine only: the deals of those already-read articles (``dealtracker.pipeline.add_article``), in this process;
- CLI end to end: ``python -m dealtracker extract FOLDER`` as a subprocess, JSON Lines to /dev/null; its
  wall time includes the interpreter's start-up and imports, which are also timed alone (the same command on
  an empty folder) and shown as a row of their own.

MB/s is megabytes of *files* per second for every row, so the rows add up: 1/e2e ≈ 1/reading + 1/engine (+
start-up). Also printed: CPU seconds (less disturbed by other people's processes than wall seconds), the
reading speed per file type, peak resident memory (this process for the in-process rows; the CLI process
alone from ``wait4``), and the ratios: CLI end to end / engine only, the reading share of the in-process time,
and the CLI's overhead over reading + engine. The deal counts of the CLI and of the in-process run must agree.

Not a test: timings on a shared 2-core machine are noisy, so compare the ratios, and medians over rounds.

    python bench/cli_end_to_end.py [--mb 10] [--rounds 3] [--keep DIR]

Issue 18 target: CLI end to end ≥ 2 MB/s on the dev articles repeated to 10 MB, one process.
"""

from __future__ import annotations

import argparse
import os
import re
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "dev" / "articles"
TARGET_MB_S = 2.0


def build_folder(folder: Path, megabytes: float) -> tuple[int, int]:
    """Copies of the dev articles under distinct names until the folder holds ``megabytes`` MB; (files, bytes)."""
    from dealtracker.ingest import SUPPORTED_SUFFIXES

    base = [p for p in sorted(DEV.iterdir()) if p.is_file() and p.suffix.lower() in SUPPORTED_SUFFIXES]
    if not base:
        raise SystemExit(f"no articles in {DEV}")
    wanted = int(megabytes * 1e6)
    files = size = copy = 0
    while size < wanted:
        for path in base:
            if size >= wanted:
                break
            target = folder / f"c{copy:03d}_{path.name}"
            shutil.copyfile(path, target)
            files += 1
            size += target.stat().st_size
        copy += 1
    return files, size


def _cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    return own.ru_utime + own.ru_stime


def read_all(paths: list[Path], limits) -> tuple[list, dict[str, list[float]], int]:
    """Every file read from disk into articles, as the CLI does; also (seconds, bytes) per file type, and problems."""
    from dealtracker.ingest import read_file
    from dealtracker.schema import Article

    articles = []
    per_type: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
    problems = 0
    for path in paths:
        started = time.perf_counter()
        data = path.read_bytes()
        for item in read_file(str(path), data, limits):
            if isinstance(item, Article):
                articles.append(item)
            else:
                problems += 1
        spent = per_type[path.suffix.lower()]
        spent[0] += time.perf_counter() - started
        spent[1] += len(data)
    return articles, per_type, problems


def extract_all(articles: list) -> int:
    from dealtracker.pipeline import add_article
    from dealtracker.schema import BatchResult

    result = BatchResult()
    for article in articles:
        add_article(result, article)
    return len(result.deals)


def run_cli(folder: Path) -> dict:
    """``python -m dealtracker extract FOLDER`` with its output to /dev/null: wall and CPU seconds, peak RSS, deals."""
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        process = subprocess.Popen(
            [sys.executable, "-m", "dealtracker", "extract", str(folder)],
            cwd=ROOT, stdout=subprocess.DEVNULL, stderr=errors, env={**os.environ, "PYTHONPATH": str(ROOT)},
        )
        _, status, usage = os.wait4(process.pid, 0)
        wall = time.perf_counter() - started
        process.returncode = os.waitstatus_to_exitcode(status)
        errors.seek(0)
        stderr = errors.read().decode("utf-8", "replace")
    summary = stderr.strip().splitlines()[-1] if stderr.strip() else ""
    found = re.search(r"(\d+) deals?\b", summary)
    return {
        "seconds": wall, "cpu": usage.ru_utime + usage.ru_stime, "peak": usage.ru_maxrss / 1024,
        "deals": int(found.group(1)) if found else -1, "summary": summary, "exit": process.returncode,
    }


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mb", type=float, default=10.0, help="megabytes of files in the folder (default 10)")
    parser.add_argument("--rounds", type=int, default=3, help="rounds of the three runs, taken in turns (default 3)")
    parser.add_argument("--keep", metavar="DIR", help="build the folder in DIR and leave it there")
    args = parser.parse_args()
    if not DEV.is_dir():
        print(f"skipped: the development articles are not here ({DEV}); nothing to measure")
        return 0

    from dealtracker.ingest import Limits

    limits = Limits.from_env()
    with tempfile.TemporaryDirectory(prefix="cli_e2e_") as scratch:
        folder = Path(args.keep) if args.keep else Path(scratch) / "articles"
        folder.mkdir(parents=True, exist_ok=True)
        empty = Path(scratch) / "empty"
        empty.mkdir()
        files, size = build_folder(folder, args.mb)
        megabytes = size / 1e6
        paths = sorted(p for p in folder.iterdir() if p.is_file())

        # Warm-up, untimed: lazy imports (pypdf, trafilatura) and the engine's lexicons, as a long batch has them.
        warm = read_all(paths[:120], limits)[0]
        extract_all(warm)

        rows: dict[str, dict[str, list[float]]] = defaultdict(lambda: defaultdict(list))
        per_type_total: dict[str, list[float]] = defaultdict(lambda: [0.0, 0.0])
        counts: dict[str, int] = {}
        for round_number in range(args.rounds):
            # rotate the order, so that no run always goes first (or last) into a busy minute
            runs = ["read", "cli", "startup"] if round_number % 2 == 0 else ["cli", "startup", "read"]
            for run in runs:
                if run == "read":
                    started, cpu = time.perf_counter(), _cpu()
                    articles, per_type, problems = read_all(paths, limits)
                    rows["reading only"]["seconds"].append(time.perf_counter() - started)
                    rows["reading only"]["cpu"].append(_cpu() - cpu)
                    for suffix, (seconds, size_of_type) in per_type.items():
                        per_type_total[suffix][0] += seconds
                        per_type_total[suffix][1] += size_of_type
                    started, cpu = time.perf_counter(), _cpu()
                    counts["deals in process"] = extract_all(articles)
                    rows["engine only"]["seconds"].append(time.perf_counter() - started)
                    rows["engine only"]["cpu"].append(_cpu() - cpu)
                    counts["articles"], counts["problems"] = len(articles), problems
                    del articles
                elif run == "cli":
                    cli = run_cli(folder)
                    rows["CLI end to end"]["seconds"].append(cli["seconds"])
                    rows["CLI end to end"]["cpu"].append(cli["cpu"])
                    rows["CLI end to end"]["peak"].append(cli["peak"])
                    counts["deals by the CLI"] = cli["deals"]
                    counts["CLI exit"] = cli["exit"]
                    counts["CLI summary"] = cli["summary"]
                else:
                    startup = run_cli(empty)
                    rows["CLI start-up (empty folder)"]["seconds"].append(startup["seconds"])
                    rows["CLI start-up (empty folder)"]["cpu"].append(startup["cpu"])
                    rows["CLI start-up (empty folder)"]["peak"].append(startup["peak"])
        own_peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024

    def median(name: str, key: str = "seconds") -> float:
        return statistics.median(rows[name][key])

    rows["reading + engine (sum)"]["seconds"] = [
        r + e for r, e in zip(rows["reading only"]["seconds"], rows["engine only"]["seconds"])
    ]
    rows["reading + engine (sum)"]["cpu"] = [r + e for r, e in zip(rows["reading only"]["cpu"], rows["engine only"]["cpu"])]
    print(f"folder: {files} files, {megabytes:.2f} MB (dev articles repeated), {args.rounds} rounds; "
          f"{counts['articles']} articles, {counts['problems']} problems")
    print(f"{'run':<30}{'median s':>9}{'MB/s':>7}{'(min-max)':>13}{'CPU s':>8}{'MB/CPU-s':>10}{'peak MB':>9}")
    for name in ("reading only", "engine only", "reading + engine (sum)", "CLI end to end", "CLI start-up (empty folder)"):
        seconds = rows[name]["seconds"]
        startup = name.startswith("CLI start-up")
        speed = "" if startup else f"{megabytes / median(name):>7.2f}"
        spread = "" if startup else f"({megabytes / max(seconds):.2f}-{megabytes / min(seconds):.2f})"
        peak = (f"{max(rows[name]['peak']):>9.0f}" if rows[name]["peak"] else
                f"{own_peak:>9.0f}" if name != "reading + engine (sum)" else f"{'':>9}")
        cpu = median(name, "cpu")
        print(f"{name:<30}{median(name):>9.2f}{speed:>7}{spread:>13}{cpu:>8.2f}"
              f"{'' if startup else f'{megabytes / cpu:>10.2f}':>10}{peak}")
    print("reading by file type: " + ", ".join(
        f"{suffix} {size_of_type / 1e6 / args.rounds:.2f} MB at {size_of_type / 1e6 / seconds:.2f} MB/s"
        for suffix, (seconds, size_of_type) in sorted(per_type_total.items())
    ))
    read_s, engine_s, cli_s = median("reading only"), median("engine only"), median("CLI end to end")
    print("ratios (medians): "
          f"CLI end to end / engine only {engine_s / cli_s:.2f}x the speed; "
          f"reading / engine speed {engine_s / read_s:.2f}x; "
          f"reading share of reading + engine {100 * read_s / (read_s + engine_s):.0f}%; "
          f"CLI time / (reading + engine) {cli_s / (read_s + engine_s):.2f}")
    agree = counts["deals by the CLI"] == counts["deals in process"]
    print(f"deals: CLI {counts['deals by the CLI']}, in process {counts['deals in process']} "
          f"({'the same' if agree else 'DIFFERENT'}); CLI exit {counts['CLI exit']}: {counts['CLI summary']}")
    met = megabytes / cli_s >= TARGET_MB_S
    print(f"issue 18 target, CLI end to end >= {TARGET_MB_S} MB/s: {'met' if met else 'missed'} "
          f"({megabytes / cli_s:.2f} MB/s)")
    return 0 if agree else 1


if __name__ == "__main__":
    raise SystemExit(main())
