"""Versioned schema changes, applied in order by the app and the CLI at start-up.

A hand-kept list rather than Alembic: the schema is small, there is one deployment path (the app creates
its own database), and each step is a plain function that a test runs against a database of the version
before it. Add a step to the end of ``STEPS``; never edit a released one.

Any number of processes may open a new database at once (several ``ingest`` runs, the app): the steps run in a
transaction that holds the store's write lock (see ``engine``), and the version is read again under it, so one
process creates the schema and the others find it done.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text
from sqlalchemy.engine import Engine
from sqlalchemy.exc import DBAPIError

from .engine import for_writing
from .models import ArticleRow, Base, DealVectorRow, FeedRow, SchemaVersion

# Attempts at migrating when another process's schema change still collides with ours (a process of an older
# version of this code, which took no lock): each attempt reads the version again first.
ATTEMPTS = 3


def _v1_initial(connection: Connection) -> None:
    """Articles, deals with review state, the audit log."""
    Base.metadata.create_all(connection, tables=[t for name, t in Base.metadata.tables.items() if name != "schema_version"])


def _v2_fx_rate_date(connection: Connection) -> None:
    """The period of the rate a deal's USD value was converted at (rates are dated since version 2)."""
    if "fx_rate_date" not in {c["name"] for c in inspect(connection).get_columns("deals")}:
        connection.execute(text("ALTER TABLE deals ADD COLUMN fx_rate_date VARCHAR(32)"))


def _v3_urls_and_feeds(connection: Connection) -> None:
    """Each article's web address and its key (an item met again is not fetched twice), and the feeds followed.
    Each part only if missing: a database created at version 1 by this code has them already."""
    columns = {c["name"] for c in inspect(connection).get_columns("articles")}
    for column in ("url", "url_key"):
        if column not in columns:
            connection.execute(text(f"ALTER TABLE articles ADD COLUMN {column} TEXT"))
    index = next(i for i in ArticleRow.__table__.indexes if list(i.columns.keys()) == ["url_key"])
    if index.name not in {i["name"] for i in inspect(connection).get_indexes("articles")}:
        index.create(connection)
    FeedRow.__table__.create(connection, checkfirst=True)


def _v4_deal_vectors(connection: Connection) -> None:
    """The deals' search vectors (``store.vectors``); already there in a database created at version 1 by this code."""
    DealVectorRow.__table__.create(connection, checkfirst=True)


STEPS: list[Callable[[Connection], None]] = [_v1_initial, _v2_fx_rate_date, _v3_urls_and_feeds, _v4_deal_vectors]
LATEST = len(STEPS)


def current_version(connection: Connection) -> int:
    if not inspect(connection).has_table("schema_version"):
        return 0
    versions = connection.execute(select(SchemaVersion.version)).scalars().all()
    return max(versions, default=0)


def migrate(connection: Connection) -> int:
    """Bring the schema to the latest version inside the caller's transaction; returns the version.

    The transaction must hold the write lock (``engine.for_writing``), or two first uses can both find no
    tables and both create them."""
    SchemaVersion.__table__.create(connection, checkfirst=True)
    version = current_version(connection)
    for number, step in enumerate(STEPS[version:], start=version + 1):
        step(connection)
        connection.execute(SchemaVersion.__table__.insert().values(version=number))
    return LATEST


def ensure_latest(engine: Engine) -> int:
    """Migrate the database if it is behind; returns the version.

    A look without the lock first: a database already at the latest version (every start but the first) is
    opened without waiting for writers. Otherwise the migration runs under the write lock and reads the version
    again there, and a collision with a process that took no lock is retried after reading it once more.
    """
    with engine.connect() as connection:
        if current_version(connection) >= LATEST:
            return LATEST
    for attempt in range(1, ATTEMPTS + 1):
        try:
            with for_writing(engine).begin() as connection:
                return migrate(connection)
        except DBAPIError:
            if attempt == ATTEMPTS:
                raise
            with engine.connect() as connection:
                if current_version(connection) >= LATEST:
                    return LATEST
    return LATEST  # not reached: the last attempt returns or raises
