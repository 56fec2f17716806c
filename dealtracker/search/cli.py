"""``python -m dealtracker search QUERY`` and ``python -m dealtracker embeddings backfill``.

``search`` writes the best deals as JSON Lines on standard output: each line is a deal with exactly the contract's
fields, plus ``score`` (the cosine of the deal's text with the query for a meaning search; for a literal one, how
often the deal says the query) and ``rank``. Standard error says which search ran, and for a literal one without
a model, how to enable the model. Rejected deals are never listed.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable

from ..models.cli import add_model_flag
from ..schema import DEAL_FIELDS

DB_HELP = "database URL (default: DEALTRACKER_DB_URL or var/dealtracker.sqlite)"


def _k(value: str) -> int:
    if not value.isdigit() or int(value) < 1:
        raise argparse.ArgumentTypeError(f"a number of deals, 1 or more (not {value!r})")
    return int(value)


def add_search_commands(commands: argparse._SubParsersAction, settings_of: Callable) -> None:
    """Register ``search`` and ``embeddings backfill``; ``settings_of(args)`` builds the run's Settings."""
    search = commands.add_parser(
        "search", help="the stored deals that best match a query, by meaning when a model is there (JSON Lines)",
        description="Rank the stored deals by how close their evidence (and object) is in meaning to QUERY, in any "
                    "language the model knows; without a model, the deals whose party, counterparty or evidence "
                    "contain QUERY.")
    search.add_argument("query", metavar="QUERY")
    search.add_argument("--db", metavar="URL", help=DB_HELP)
    search.add_argument("--k", type=_k, default=10, metavar="N", help="how many deals (default 10)")
    search.add_argument("--literal", action="store_true", help="match the letters of QUERY, as the free-text filter")
    add_model_flag(search)
    search.set_defaults(run=lambda args: _search(args, settings_of(args)))

    embeddings = commands.add_parser("embeddings", help="the deals' search vectors")
    actions = embeddings.add_subparsers(dest="embeddings_command", required=True)
    backfill = actions.add_parser("backfill", help="embed every stored deal that has no search vector of the model")
    backfill.add_argument("--db", metavar="URL", help=DB_HELP)
    add_model_flag(backfill)
    backfill.set_defaults(run=lambda args: _backfill(args, settings_of(args)))


def _search(args: argparse.Namespace, settings) -> int:
    from ..store import Store
    from .service import search_deals

    store = Store(settings.db_url)
    frame = store.deals(include_rejected=False)
    outcome = search_deals(store, args.query, args.k, literal=args.literal, model=settings.embedding_model,
                           frame=frame)
    rows = frame.set_index("deal_id", drop=False)
    for rank, (deal_id, score) in enumerate(outcome.hits, start=1):
        if deal_id not in rows.index:
            continue
        row = rows.loc[deal_id]
        deal = {field: _plain(row[field]) for field in DEAL_FIELDS}
        line = {**deal, "score": round(score, 4), "rank": rank}
        sys.stdout.write(json.dumps(line, ensure_ascii=False) + "\n")
    sys.stdout.flush()
    how = f"by meaning ({outcome.runtime})" if outcome.mode == "meaning" else "literal"
    print(f"{len(outcome.hits)} deals, search {how}", file=sys.stderr)
    if outcome.note:
        print(outcome.note, file=sys.stderr)
    return 0


def _plain(value):
    """A frame cell as JSON: numpy numbers as Python ones, missing values as null."""
    if value is None:
        return None
    try:
        import pandas as pd

        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value.item() if hasattr(value, "item") else value


def _backfill(args: argparse.Namespace, settings) -> int:
    from ..models.settings import ModelUnavailable
    from ..store import Store
    from .encoders import ENABLE_HINT, get_encoder
    from .service import embed_deals

    store = Store(settings.db_url)
    try:
        encoder = get_encoder(settings.embedding_model, bulk=True)
    except ModelUnavailable as error:
        print(f"error: no embedding model ({error}); {ENABLE_HINT}", file=sys.stderr)
        return 2
    interactive = sys.stderr.isatty()

    def progress(done: int, total: int) -> None:
        if interactive:
            print(f"\r{done:,} of {total:,} deals embedded", end="", file=sys.stderr, flush=True)

    embedded = embed_deals(store, encoder, progress=progress)
    if interactive and embedded:
        print(file=sys.stderr)
    print(f"{embedded} deals embedded for search by meaning ({encoder.key}, {encoder.runtime}); "
          "the others had a vector already", file=sys.stderr)
    return 0
