"""Persistent, curated deals: SQLAlchemy over SQLite by default, PostgreSQL by URL.

Human edits are the point of the store: they survive re-extraction, re-ingestion and restarts, and every one
is written to an audit log. Any number of processes may share one database (writers wait for each other), and
what is written is validated whoever writes.
"""

from .errors import InvalidValue, StoreUnavailable
from .repository import IngestReport, Store, default_url

__all__ = ["IngestReport", "InvalidValue", "Store", "StoreUnavailable", "default_url"]
