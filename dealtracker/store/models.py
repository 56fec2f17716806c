"""Tables: articles, deals (the contract's fields + review state), the audit log, the followed feeds, the deals'
search vectors, the schema version."""

from __future__ import annotations

from datetime import datetime, timezone

from sqlalchemy import Boolean, DateTime, Float, ForeignKey, Integer, LargeBinary, String, Text
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def utcnow() -> datetime:
    return datetime.now(timezone.utc)


class Base(DeclarativeBase):
    pass


class SchemaVersion(Base):
    __tablename__ = "schema_version"

    version: Mapped[int] = mapped_column(Integer, primary_key=True)
    applied_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class ArticleRow(Base):
    __tablename__ = "articles"

    article_id: Mapped[str] = mapped_column(String(32), primary_key=True)  # hash of the normalised text
    source: Mapped[str] = mapped_column(Text)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    language: Mapped[str] = mapped_column(String(8))
    text: Mapped[str] = mapped_column(Text)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    url: Mapped[str | None] = mapped_column(Text, nullable=True)  # where it was fetched from (since version 3)
    url_key: Mapped[str | None] = mapped_column(Text, nullable=True, index=True)  # ``web.urlkey``: one per page


class DealRow(Base):
    __tablename__ = "deals"

    deal_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    article_id: Mapped[str | None] = mapped_column(ForeignKey("articles.article_id"), nullable=True, index=True)
    source: Mapped[str] = mapped_column(Text)
    party: Mapped[str] = mapped_column(Text)
    party_country: Mapped[str] = mapped_column(String(3), index=True)
    counterparty: Mapped[str | None] = mapped_column(Text, nullable=True)
    counterparty_country: Mapped[str | None] = mapped_column(String(3), nullable=True)
    amount: Mapped[float | None] = mapped_column(Float, nullable=True)
    currency: Mapped[str | None] = mapped_column(String(3), nullable=True)
    value_usd: Mapped[float | None] = mapped_column(Float, nullable=True)
    fx_rate: Mapped[float | None] = mapped_column(Float, nullable=True)  # USD per unit the value was converted at
    fx_rate_date: Mapped[str | None] = mapped_column(String(32), nullable=True)  # the period of that rate: "2014"
    qualifier: Mapped[str | None] = mapped_column(String(16), nullable=True)
    sector: Mapped[str] = mapped_column(String(32))
    deal_type: Mapped[str] = mapped_column(String(32))
    status: Mapped[str] = mapped_column(String(16))
    object: Mapped[str | None] = mapped_column(Text, nullable=True)
    jobs: Mapped[int | None] = mapped_column(Integer, nullable=True)
    date: Mapped[str | None] = mapped_column(String(10), nullable=True)
    language: Mapped[str] = mapped_column(String(8))
    evidence: Mapped[str] = mapped_column(Text)
    start: Mapped[int] = mapped_column(Integer)
    end: Mapped[int] = mapped_column(Integer)
    confidence: Mapped[float] = mapped_column(Float)
    # review state
    verified: Mapped[bool] = mapped_column(Boolean, default=False)
    rejected: Mapped[bool] = mapped_column(Boolean, default=False)
    edited_fields: Mapped[str] = mapped_column(Text, default="")  # comma-separated: fields a person set
    added_by_person: Mapped[bool] = mapped_column(Boolean, default=False)
    group_id: Mapped[str | None] = mapped_column(String(32), nullable=True, index=True)
    updated_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow, onupdate=utcnow)


class AuditRow(Base):
    __tablename__ = "audit_log"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    deal_id: Mapped[str] = mapped_column(String(32), index=True)
    field: Mapped[str] = mapped_column(String(32))
    old: Mapped[str | None] = mapped_column(Text, nullable=True)
    new: Mapped[str | None] = mapped_column(Text, nullable=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)


class FeedRow(Base):
    """An RSS/Atom feed followed, and how its latest poll went (since version 3)."""

    __tablename__ = "feeds"

    feed_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=True)
    url: Mapped[str] = mapped_column(Text)
    url_key: Mapped[str] = mapped_column(Text, unique=True)
    title: Mapped[str | None] = mapped_column(Text, nullable=True)
    added_at: Mapped[datetime] = mapped_column(DateTime(timezone=True), default=utcnow)
    last_fetched_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True), nullable=True)
    etag: Mapped[str | None] = mapped_column(Text, nullable=True)  # validators for the next conditional GET
    last_modified: Mapped[str | None] = mapped_column(Text, nullable=True)
    new_articles: Mapped[int] = mapped_column(Integer, default=0)  # stored by the latest poll
    total_articles: Mapped[int] = mapped_column(Integer, default=0)  # stored by every poll so far
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)  # None when the latest poll went well


class DealVectorRow(Base):
    """A deal's search vector (since version 4): its evidence and object embedded by ``model``, float16 bytes.

    ``text_hash`` says which text was embedded, so a deal whose evidence changed is embedded again; a vector of
    another model is never compared with this model's queries. No foreign key: deals are never deleted, and a
    vector is read joined with its deal."""

    __tablename__ = "deal_vectors"

    deal_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    model: Mapped[str] = mapped_column(String(200), index=True)
    text_hash: Mapped[str] = mapped_column(String(32))
    vector: Mapped[bytes] = mapped_column(LargeBinary)
