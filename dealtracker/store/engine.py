"""The database engine, set up so that several processes can share one store.

Several ``ingest`` runs, the app's sessions and a CLI export may use one database at once. Two rules keep that
safe on both backends:

- **One writer at a time, and a writer waits.** A write transaction (opened through ``for_writing``) takes the
  write lock when it starts: on SQLite ``BEGIN IMMEDIATE``, on PostgreSQL a transaction-scoped advisory lock.
  Another writer then waits (SQLite's busy timeout) instead of failing with "database is locked". Taking the
  lock at the start matters on SQLite: a transaction that reads first and writes later cannot wait for the
  lock when another writer committed in between, it fails at once whatever the timeout.
- **Transactions are real on SQLite.** Python's sqlite3 module begins a transaction only before a data change,
  so schema changes ran outside any transaction and two first uses of a new file both created the tables.
  Here SQLAlchemy emits every BEGIN itself (the recipe in SQLAlchemy's SQLite documentation), so a migration
  is one transaction under the write lock.
"""

from __future__ import annotations

from typing import Any

from sqlalchemy import create_engine, event
from sqlalchemy.engine import Connection, Engine, make_url

WRITE_OPTION = "dealtracker_write"
# How long a writer waits for another one on SQLite; a regroup of 100,000 deals holds the lock a few seconds.
BUSY_TIMEOUT_MS = 60_000
# How long opening a PostgreSQL store waits for the server, so a wrong host fails in seconds, not minutes.
CONNECT_TIMEOUT_S = 10
# The PostgreSQL advisory lock every writer of the store takes ("deal" in ASCII): any number fixed for the app.
ADVISORY_LOCK_KEY = 0x6465616C


def open_engine(url: str) -> Engine:
    """An engine for ``url`` with the locking rules above; raises SQLAlchemy's or the driver's errors."""
    parsed = make_url(url)
    connect_args: dict[str, Any] = {}
    if parsed.get_backend_name() == "postgresql" and "connect_timeout" not in parsed.query:
        connect_args["connect_timeout"] = CONNECT_TIMEOUT_S
    engine = create_engine(parsed, connect_args=connect_args)
    if engine.dialect.name == "sqlite":
        event.listen(engine, "connect", _sqlite_connect)
    event.listen(engine, "begin", _begin)
    return engine


def for_writing(engine: Engine) -> Engine:
    """The same engine (same pool) whose transactions start by taking the store's write lock."""
    return engine.execution_options(**{WRITE_OPTION: True})


def _sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    # sqlite3 must not open transactions by itself: ``_begin`` does, with the right kind of BEGIN.
    dbapi_connection.isolation_level = None
    cursor = dbapi_connection.cursor()
    # The timeout first: turning on WAL on a new file takes a lock that another first use may hold.
    cursor.execute(f"PRAGMA busy_timeout={BUSY_TIMEOUT_MS}")
    cursor.execute("PRAGMA journal_mode=WAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.close()


def _begin(connection: Connection) -> None:
    write = bool(connection.get_execution_options().get(WRITE_OPTION))
    if connection.dialect.name == "sqlite":
        connection.exec_driver_sql("BEGIN IMMEDIATE" if write else "BEGIN")
    elif write and connection.dialect.name == "postgresql":
        connection.exec_driver_sql(f"SELECT pg_advisory_xact_lock({ADVISORY_LOCK_KEY})")
