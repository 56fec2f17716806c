"""Persistent, curated deals: SQLAlchemy over SQLite by default, PostgreSQL by URL.

Human edits are the point of the store: they survive re-extraction, re-ingestion and restarts, and every one
is written to an audit log.
"""

from .repository import IngestReport, Store, default_url

__all__ = ["IngestReport", "Store", "default_url"]
