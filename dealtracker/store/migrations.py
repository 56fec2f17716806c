"""Versioned schema changes, applied in order by the app and the CLI at start-up.

A hand-kept list rather than Alembic: the schema is small, there is one deployment path (the app creates
its own database), and each step is a plain function that a test runs against a database of the version
before it. Add a step to the end of ``STEPS``; never edit a released one.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, inspect, select, text

from .models import Base, SchemaVersion


def _v1_initial(connection: Connection) -> None:
    """Articles, deals with review state, the audit log."""
    Base.metadata.create_all(connection, tables=[t for name, t in Base.metadata.tables.items() if name != "schema_version"])


def _v2_fx_rate_date(connection: Connection) -> None:
    """The period of the rate a deal's USD value was converted at (rates are dated since version 2)."""
    if "fx_rate_date" not in {c["name"] for c in inspect(connection).get_columns("deals")}:
        connection.execute(text("ALTER TABLE deals ADD COLUMN fx_rate_date VARCHAR(32)"))


STEPS: list[Callable[[Connection], None]] = [_v1_initial, _v2_fx_rate_date]
LATEST = len(STEPS)


def current_version(connection: Connection) -> int:
    if not inspect(connection).has_table("schema_version"):
        return 0
    versions = connection.execute(select(SchemaVersion.version)).scalars().all()
    return max(versions, default=0)


def migrate(connection: Connection) -> int:
    """Bring the schema to the latest version inside the caller's transaction; returns the version."""
    SchemaVersion.__table__.create(connection, checkfirst=True)
    version = current_version(connection)
    for number, step in enumerate(STEPS[version:], start=version + 1):
        step(connection)
        connection.execute(SchemaVersion.__table__.insert().values(version=number))
    return LATEST
