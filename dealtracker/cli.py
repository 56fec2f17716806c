"""Command line: ``python -m dealtracker extract|ingest|export|evaluate``.

``extract`` writes one deal per line (JSON Lines with exactly the contract's fields, or CSV) to standard
output and human-readable problems to standard error; exit 0 when every input was read, 2 when some could
not be. It never needs a network or a model.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path

from .ingest import SUPPORTED_SUFFIXES
from .pipeline import process_documents
from .schema import DEAL_FIELDS, ReadProblem


def _expand(paths: Sequence[str], problems: list[ReadProblem]) -> Iterator[tuple[str, Path]]:
    """Each file as (name as given, path); a folder gives every supported file inside it, recursively."""
    for given in paths:
        path = Path(given)
        if path.is_dir():
            for child in sorted(path.rglob("*")):
                if child.is_file() and child.suffix.lower() in SUPPORTED_SUFFIXES:
                    yield str(child), child
        elif path.is_file():
            yield given, path
        else:
            problems.append(ReadProblem(given, "no such file or folder"))


def _read_all(paths: Sequence[str], problems: list[ReadProblem]) -> Iterator[tuple[str, bytes]]:
    for name, path in _expand(paths, problems):
        try:
            yield name, path.read_bytes()
        except OSError as error:
            problems.append(ReadProblem(name, f"could not be opened ({error.strerror or error})"))


def _extract(args: argparse.Namespace) -> int:
    problems: list[ReadProblem] = []
    result = process_documents(_read_all(args.paths, problems))
    problems = problems + result.problems
    rows = [deal.to_dict() for deal in result.deals]
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(DEAL_FIELDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    return 2 if problems else 0


def _ingest(args: argparse.Namespace) -> int:
    from .store import Store

    problems: list[ReadProblem] = []
    result = process_documents(_read_all(args.paths, problems))
    problems = problems + result.problems
    store = Store(args.db)
    report = store.ingest(result)
    groups = store.regroup()
    for problem in problems:
        print(f"error: {problem}", file=sys.stderr)
    print(
        f"{len(result.articles)} articles read ({report.new_articles} new), {len(result.deals)} deals "
        f"({report.new_deals} new, {report.refreshed_deals} refreshed), {groups} duplicate groups; "
        f"{len(problems)} files failed",
        file=sys.stderr,
    )
    return 2 if problems else 0


def _export(args: argparse.Namespace) -> int:
    from .export import export_bytes
    from .store import Store

    store = Store(args.db)
    deals = store.deals(include_rejected=False)
    Path(args.output).write_bytes(export_bytes(deals, args.format, store.article_titles()))
    print(f"{len(deals)} deals written to {args.output}", file=sys.stderr)
    return 0


def _evaluate(args: argparse.Namespace) -> int:
    from .evaluate import evaluate, format_report

    gold, articles = Path(args.gold), Path(args.articles)
    if not gold.is_file() or not articles.is_dir():
        print(f"error: need a gold file and an articles folder (got {gold}, {articles})", file=sys.stderr)
        return 2
    log: list[str] = []
    tallies = evaluate(gold, articles, log)
    if args.verbose:
        print("\n".join(log))
    print(format_report(tallies))
    return 0


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dealtracker", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print the deals found in files or folders")
    extract.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    extract.set_defaults(run=_extract)
    ingest = commands.add_parser("ingest", help="store files' articles and deals (idempotent)")
    ingest.add_argument("paths", nargs="+", metavar="PATH")
    ingest.add_argument("--db", metavar="URL", help="database URL (default: DEALTRACKER_DB_URL or var/dealtracker.sqlite)")
    ingest.set_defaults(run=_ingest)
    export = commands.add_parser("export", help="write the reviewed deals table")
    export.add_argument("--db", metavar="URL", help="database URL (default: DEALTRACKER_DB_URL or var/dealtracker.sqlite)")
    export.add_argument("--format", choices=("csv", "xlsx", "json"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.set_defaults(run=_export)
    evaluate = commands.add_parser("evaluate", help="score the engine against a gold file")
    evaluate.add_argument("gold", metavar="GOLD_JSONL")
    evaluate.add_argument("articles", metavar="ARTICLES_DIR")
    evaluate.add_argument("--verbose", "-v", action="store_true", help="list each miss, false and wrong deal")
    evaluate.set_defaults(run=_evaluate)
    from .models.cli import add_models_command  # the optional embedding model: `models prepare|status`
    add_models_command(commands)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `... | head` is a normal way to look at output
        return 0
