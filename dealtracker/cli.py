"""Command line: ``python -m dealtracker extract|ingest|export|evaluate|feeds|watch|search|embeddings``.

``extract`` writes one deal per line (JSON Lines with exactly the contract's fields, or CSV) to standard
output; problems, one line each, and a summary line ("12 files read, 5 failed, 40 articles, 31 deals") go to
standard error. Exit 0 when every input was read, 2 when some could not be (warnings alone do not count).
It never needs a network or a model.

A store that cannot be opened or used (a wrong ``--db`` or ``DEALTRACKER_DB_URL``, a server that does not
answer) gives one line on standard error, "dealtracker: cannot open the store at URL: reason" with the password
masked, and exit 2: no traceback.
"""

from __future__ import annotations

import argparse
import csv
import json
import sys
from collections.abc import Sequence
from pathlib import Path

from .ingest import Limits, LimitsError
from .models.ner import ner_status, organisation_taggers
from .pipeline import process_documents
from .schema import DEAL_FIELDS, BatchResult
from .settings import DB_URL_ENV, Settings, env
from .sources import as_pipeline_input
from .sources.files import expand, read_files

# The progress bar appears only when standard error is a terminal and the batch has run this long.
PROGRESS_DELAY_S = 1.0


def _settings(args: argparse.Namespace) -> Settings:
    """The environment's settings with the flags given put over them."""
    return Settings.from_env().with_flags(
        ner=getattr(args, "ner", None), embeddings=getattr(args, "embeddings", None),
        embedding_model=getattr(args, "model", None), db_url=getattr(args, "db", None),
    )


def _process(paths: Sequence[str], workers: int, settings: Settings, ner_flag: bool = False) -> BatchResult:
    """Read every input with a progress bar on a terminal; limits come from the settings' environment. With the
    ``--ner`` flag, which tagger is used is said first."""
    from tqdm import tqdm

    limits = Limits.from_env(settings.environ)
    if ner_flag:
        print(ner_status(settings), file=sys.stderr)
    files = expand(paths)
    # tqdm rather than a hand-written bar: it measures the terminal, shows rate and time left, and with
    # ``delay`` stays silent for short batches. Off entirely when standard error is not a terminal.
    with tqdm(total=len(files), file=sys.stderr, unit="file", delay=PROGRESS_DELAY_S, leave=False,
              disable=not sys.stderr.isatty(), dynamic_ncols=True) as bar:
        def report(done: int, total: int, label: str) -> None:
            bar.set_postfix_str(label[-40:], refresh=False)
            bar.update(done - bar.n)

        return process_documents(
            as_pipeline_input(read_files(files, limits)), progress=report, limits=limits, total=len(files), workers=workers,
            taggers=organisation_taggers(settings),
        )


def _report(result: BatchResult) -> None:
    """One line per problem on standard error: 'error: file: reason' or 'warning: file: reason'."""
    for problem in result.problems:
        print(f"{'warning' if problem.warning else 'error'}: {problem}", file=sys.stderr)


def _extract(args: argparse.Namespace) -> int:
    result = _process(args.paths, args.workers, _settings(args), args.ner)
    rows = [deal.to_dict() for deal in result.deals]
    if args.format == "csv":
        writer = csv.DictWriter(sys.stdout, fieldnames=list(DEAL_FIELDS), lineterminator="\n")
        writer.writeheader()
        writer.writerows(rows)
    else:
        for row in rows:
            sys.stdout.write(json.dumps(row, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    _report(result)
    print(result.summary(), file=sys.stderr)
    return 2 if result.errors else 0


def _ingest(args: argparse.Namespace) -> int:
    from .services import embed_for_search, ingest_batch
    from .store import Store

    from .cli_web import addresses_batch, merged
    from .sources.urls import is_web_address

    settings = _settings(args)
    store = Store(settings.db_url)  # first: a wrong URL is said before the files are read, not after
    urls = [given for given in args.paths if is_web_address(given)]
    result = _process([given for given in args.paths if not is_web_address(given)], args.workers, settings, args.ner)
    if urls:
        result = merged(result, addresses_batch(settings, store, urls))
    report, groups = ingest_batch(store, result, _similarity(settings))
    embedded, runtime = embed_for_search(store, result, settings)
    _report(result)
    for refused in report.refused:
        print(f"warning: {refused} (deal not stored)", file=sys.stderr)
    refused = f"; {len(report.refused)} refused" if report.refused else ""
    print(
        f"{result.summary()} ({report.new_articles} new articles; {report.new_deals} new deals, "
        f"{report.refreshed_deals} refreshed{refused}; {groups} duplicate groups)",
        file=sys.stderr,
    )
    if embedded:
        print(f"{embedded} deals embedded for search by meaning ({runtime})", file=sys.stderr)
    return 2 if result.errors else 0


def _similarity(settings: Settings):
    """The embedding model's evidence similarity when asked for (``--embeddings`` or the environment), else None.

    A missing model is said on standard error and grouping keeps to the rules; it is not a failure of the run.
    """
    from .models.similarity import duplicates_status
    from .services import duplicate_similarity

    similarity, unavailable = duplicate_similarity(settings.embeddings, settings.embedding_model)
    if unavailable:
        print(f"warning: duplicate matching by the rules only, no embedding model: {unavailable}", file=sys.stderr)
    elif similarity is not None:
        print(duplicates_status(settings.embedding_model, enabled=True), file=sys.stderr)
    return similarity


def _export(args: argparse.Namespace) -> int:
    from .export import export_bytes
    from .store import Store

    store = Store(_settings(args).db_url)
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
    print(format_report(tallies, verbose=args.verbose))
    return 0


def _workers(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"a number of worker processes, 1 or more (not {value!r})")
    return int(value)


def _add_workers(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--workers", "-j", type=_workers, default=1, metavar="N",
        help="extract with N worker processes (default 1; worth it for large batches on several cores)",
    )
    parser.add_argument(
        "--ner", action="store_true",
        help="let an organisation tagger propose names no gazetteer holds (natasha for Russian, or the model in "
             "DEALTRACKER_NER_MODEL); same as DEALTRACKER_NER=1",
    )


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m dealtracker", description=__doc__.splitlines()[0])
    commands = parser.add_subparsers(dest="command", required=True)
    extract = commands.add_parser("extract", help="print the deals found in files or folders")
    extract.add_argument("--format", choices=("jsonl", "csv"), default="jsonl")
    extract.add_argument("paths", nargs="+", metavar="PATH")
    _add_workers(extract)
    extract.set_defaults(run=_extract)
    ingest = commands.add_parser("ingest", help="store the articles and deals of files, folders and web addresses (idempotent)")
    ingest.add_argument("paths", nargs="+", metavar="PATH_OR_URL",
                        help="a file, a folder, or a web page's address (http/https; fetched politely, see README)")
    _add_workers(ingest)
    ingest.add_argument("--db", metavar="URL", help="database URL (default: DEALTRACKER_DB_URL or var/dealtracker.sqlite)")
    ingest.add_argument(
        "--embeddings", action="store_true",
        help="let the embedding model group a report without a value with the valued report it restates "
             "(same as DEALTRACKER_EMBEDDINGS=1; rules only when no model is prepared)",
    )
    ingest.add_argument("--model", metavar="PATH_OR_ID", help="embedding model folder or id (default: the configured one)")
    ingest.set_defaults(run=_ingest)
    export = commands.add_parser("export", help="write the reviewed deals table")
    export.add_argument("--db", metavar="URL", help="database URL (default: DEALTRACKER_DB_URL or var/dealtracker.sqlite)")
    export.add_argument("--format", choices=("csv", "xlsx", "json"), required=True)
    export.add_argument("-o", "--output", required=True, metavar="FILE")
    export.set_defaults(run=_export)
    evaluate = commands.add_parser("evaluate", help="score the engine against a gold file")
    evaluate.add_argument("gold", metavar="GOLD_JSONL")
    evaluate.add_argument("articles", metavar="ARTICLES_DIR")
    evaluate.add_argument(
        "--verbose", "-v", action="store_true",
        help="list each miss, false and wrong deal; add the strict counts and field accuracy per language",
    )
    evaluate.set_defaults(run=_evaluate)
    from .models.cli import add_models_command  # the optional embedding model: `models prepare|status`
    add_models_command(commands)
    from .cli_web import add_web_commands  # `feeds add|list|remove`, `watch`
    add_web_commands(commands, _settings, _similarity)
    from .search.cli import add_search_commands  # `search`, `embeddings backfill`
    add_search_commands(commands, _settings)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    try:
        return args.run(args)
    except BrokenPipeError:  # `... | head` is a normal way to look at output
        return 0
    except LimitsError as error:  # a limit set wrongly in the environment
        print(f"error: {error}", file=sys.stderr)
        return 2
    except Exception as error:
        failure = _store_failure(args, error)
        if failure is None:
            raise
        print(f"dealtracker: {failure}", file=sys.stderr)
        return 2


def _store_failure(args: argparse.Namespace, error: Exception) -> str | None:
    """The one line for a store that could not be opened or failed in use; None for any other error.

    Looked up only when something failed, so ``extract`` (which has no store) never imports SQLAlchemy.
    """
    if "sqlalchemy" not in sys.modules:
        return None
    from sqlalchemy.exc import SQLAlchemyError

    from .store import StoreUnavailable, default_url

    if isinstance(error, StoreUnavailable):
        return str(error)
    if isinstance(error, SQLAlchemyError):  # after opening: the server went away, the disk is full …
        url = getattr(args, "db", None) or env(DB_URL_ENV) or default_url()
        return str(StoreUnavailable.from_error(url, error, opening=False))
    return None
