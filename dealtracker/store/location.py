"""Where the store is when no URL is given: ``DEALTRACKER_DB_URL``, else an SQLite file under ``var/``."""

from __future__ import annotations

from ..settings import DB_URL_ENV, env, home
from .errors import StoreUnavailable


def default_url() -> str:
    """``DEALTRACKER_DB_URL`` if set, else an SQLite file in ``var/`` beside the code (StoreUnavailable when
    that folder cannot be made)."""
    url = env(DB_URL_ENV)
    if url:
        return url
    folder = home()
    url = f"sqlite:///{folder / 'dealtracker.sqlite'}"
    try:
        folder.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        raise StoreUnavailable.from_error(url, error) from error
    return url
