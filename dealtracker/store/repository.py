"""The store's operations: ingest a batch, read the curated table, record a person's edits.

Rules that make human review worth doing:
- an article is stored once (its id is the hash of its normalised text), a deal once (stable ``deal_id``);
- re-extraction refreshes only machine fields: a field a person edited is never overwritten, and a deal a
  person rejected stays rejected;
- every write is one transaction, under the store's write lock (see ``engine``: writers wait for each other),
  and every human change is written to the audit log (field, old, new, when);
- what is written is validated first, whoever writes (``validation``): a refused value says which and why.
"""

from __future__ import annotations

import threading
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pandas as pd
from sqlalchemy import Connection, bindparam, case, func, select, update
from sqlalchemy.engine import Engine
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import sessionmaker

from ..deal_frame import deals_frame
from ..fx import rate_for
from ..schema import DEAL_FIELDS, Article, BatchResult, Deal
from .changes import ChangeProbe
from .engine import for_writing, open_engine
from .errors import InvalidValue, StoreUnavailable
from .location import default_url
from .migrations import ensure_latest
from .models import ArticleRow, AuditRow, DealRow
from ..web.urlkey import url_key
from .validation import EDITABLE_FIELDS, REVIEW_FIELDS, converted, validated, validated_deal

if TYPE_CHECKING:
    from ..dedupe import Similarity

REVIEW_COLUMNS = ("verified", "rejected", "edited_fields", "group_id", "fx_rate", "fx_rate_date", "article_id")
# Groupings of a regroup outside the write lock before the last one, under it (see ``Store.regroup``).
REGROUP_ATTEMPTS = 3
# Rows turned into a frame at a time when the curated table is read (see ``_read_deals``).
READ_CHUNK = 100_000


@dataclass(frozen=True)
class IngestReport:
    """What a batch added to the store. ``refused``: "source: reason" for each deal the store's rules refused
    (a value no deal can have); the batch's other deals are stored."""

    new_articles: int
    new_deals: int
    refreshed_deals: int
    refused: tuple[str, ...] = ()


class Store:
    """One database of articles and reviewed deals."""

    def __init__(self, url: str | None = None):
        """Open (and create or migrate) the database; StoreUnavailable, one line without the password, when
        the URL is wrong or the database cannot be reached."""
        self.url = url or default_url()
        try:
            self.engine: Engine = open_engine(self.url)
        except (SQLAlchemyError, ImportError, ValueError) as error:  # an unknown kind, a missing driver
            raise StoreUnavailable.from_error(self.url, error) from error
        try:
            ensure_latest(self.engine)
        except (SQLAlchemyError, OSError) as error:
            self.engine.dispose()
            raise StoreUnavailable.from_error(self.url, error) from error
        self._sessions = sessionmaker(self.engine, expire_on_commit=False)
        # Every write goes through these: they take the write lock as they begin (see ``engine``).
        self._writes = sessionmaker(for_writing(self.engine), expire_on_commit=False)
        self._changes = ChangeProbe.open(self.engine)
        self._revision_lock = threading.Lock()
        self._known_revision: tuple[int, str] | None = None  # (the probe's version, the revision read then)

    def close(self) -> None:
        if self._changes is not None:
            self._changes.close()
        self.engine.dispose()

    # --- writing ----------------------------------------------------------------------------------------

    def ingest(self, result: BatchResult) -> IngestReport:
        """Store a batch's articles and deals in one transaction (idempotent); a deal the store's rules refuse
        is left out and named in the report."""
        new_articles = new_deals = refreshed = 0
        deals, refused = [], []
        for deal in result.deals:
            try:
                deals.append(validated_deal(deal))
            except InvalidValue as error:
                refused.append(f"{deal.source}: {error}")
        # Rates looked up before the write lock is taken: the first look-up loads the rate history, and other
        # writers wait while the lock is held.
        rates = {deal.deal_id: _fx_rate(deal) for deal in deals}
        with self._writes.begin() as session:
            for article in result.articles:
                if session.get(ArticleRow, article.article_id) is None:
                    session.add(_article_row(article))
                    new_articles += 1
            session.flush()
            for deal in deals:
                row = session.get(DealRow, deal.deal_id)
                if row is None:
                    session.add(_deal_row(deal, _article_id_of(result.articles, deal), rates[deal.deal_id]))
                    new_deals += 1
                elif _refresh(row, deal, rates[deal.deal_id]):
                    refreshed += 1
        return IngestReport(new_articles, new_deals, refreshed, tuple(refused))

    def update_deal(self, deal_id: str, changes: dict[str, Any]) -> None:
        """A person's edit: validated (InvalidValue, a ValueError, names the field and the reason), applied,
        marked as human, and written to the audit log."""
        changes = {field: validated(field, value) for field, value in changes.items()}
        with self._writes.begin() as session:
            row = session.get(DealRow, deal_id)
            if row is None:
                raise KeyError(f"no deal {deal_id}")
            edited = set(filter(None, row.edited_fields.split(",")))
            if ({"amount", "currency"} & changes.keys()) and "value_usd" not in changes:
                # The USD value follows a corrected amount or currency (totals and charts read it); it is then
                # as human as they are, so a later extraction does not put the machine's value back.
                amount = changes.get("amount", row.amount)
                currency = changes.get("currency", row.currency)
                changes["value_usd"], rate = converted(amount, currency, changes.get("date", row.date))
                changes["fx_rate"] = rate.usd_per_unit if rate else None
                changes["fx_rate_date"] = rate.as_of if rate else None
            for field, value in changes.items():
                old = getattr(row, field)
                if old == value:
                    continue
                setattr(row, field, value)
                if field not in REVIEW_FIELDS and field not in ("fx_rate", "fx_rate_date"):
                    edited.add(field)
                session.add(AuditRow(deal_id=deal_id, field=field, old=_text(old), new=_text(value)))
            row.edited_fields = ",".join(sorted(edited))

    def add_deal(self, deal: Deal, article_id: str | None = None) -> None:
        """A deal a person entered by hand (from an article the extractor found nothing in, ``article_id``, or
        from elsewhere): all its fields count as human, and it is verified (the person vouches for it).
        InvalidValue when one of its values is refused."""
        deal = validated_deal(deal)
        with self._writes.begin() as session:
            if article_id is not None and session.get(ArticleRow, article_id) is None:
                raise KeyError(f"no article {article_id}")
            row = _deal_row(deal, article_id)
            row.added_by_person = True
            row.verified = True
            row.edited_fields = ",".join(f for f in EDITABLE_FIELDS if f not in REVIEW_FIELDS)
            session.add(row)
            session.add(AuditRow(deal_id=deal.deal_id, field="*", old=None, new="added by hand"))

    def set_group(self, deal_ids: Iterable[str], group_id: str | None) -> None:
        """A person confirms a group (same id for all) or splits it (None): never recomputed afterwards."""
        with self._writes.begin() as session:
            for deal_id in deal_ids:
                row = session.get(DealRow, deal_id)
                if row is None:
                    continue
                session.add(AuditRow(deal_id=deal_id, field="group_id", old=row.group_id, new=group_id))
                row.group_id = group_id
                row.edited_fields = ",".join(sorted(set(filter(None, row.edited_fields.split(","))) | {"group_id"}))

    # --- reading ----------------------------------------------------------------------------------------

    def deals(self, include_rejected: bool = True) -> pd.DataFrame:
        """The curated table: the contract's columns plus review columns."""
        with self.engine.connect() as connection:
            return _read_deals(connection, include_rejected)

    def revision(self) -> str:
        """A token that changes whenever the stored deals or articles do (a row added or changed), so readers can
        cache what they read.

        Every write stamps ``updated_at`` (``added_at`` for an article), and nothing is ever deleted, so counts and
        latest stamps are enough and cost one aggregate query each instead of reading the tables.

        Those queries scan the deals (0.2-0.4 s over 1,000,000 on SQLite, and the app asks on every rerun), so on
        SQLite they run only when something was committed since the last time: ``PRAGMA data_version`` on a
        connection of its own, which changes whenever any other connection, of any process, commits. The version
        is read before the aggregates, so a commit in between only makes the next call read them again.
        """
        if self._changes is None:
            with self.engine.connect() as connection:
                return _revision(connection)
        with self._revision_lock:
            version = self._changes.version()
            known = self._known_revision
            if known is not None and known[0] == version:
                return known[1]
            with self.engine.connect() as connection:
                revision = _revision(connection)
            self._known_revision = (version, revision)
            return revision

    def article(self, article_id: str) -> Article | None:
        with self._sessions() as session:
            row = session.get(ArticleRow, article_id)
            if row is None:
                return None
            return Article(source=row.source, text=row.text, title=row.title, date=row.date, language=row.language,
                           url=row.url)

    def article_titles(self) -> dict[str, str | None]:
        """source → title, for the sources sheet of an export."""
        with self._sessions() as session:
            return dict(session.execute(select(ArticleRow.source, ArticleRow.title)).all())

    def regroup(self, similarity: Similarity | None = None) -> int:
        """Recompute duplicate groups, keeping every group a person confirmed or split; returns groups found.

        ``similarity`` compares evidence sentences (the optional embedding model), see ``dedupe.semantic_links``.

        Grouping runs outside the write lock (with the embedding model it takes a while, and every writer would
        wait): the write then checks, under the lock, that no other writer changed the deals meanwhile, and groups
        again if one did. Otherwise two ingests at once would each write groups made without the other's deals.
        The last attempt groups under the lock, so a busy store still gets its groups.
        """
        for attempt in range(1, REGROUP_ATTEMPTS + 1):
            if attempt == REGROUP_ATTEMPTS:
                with for_writing(self.engine).begin() as connection:
                    groups = _groups(_read_deals(connection, include_rejected=False), similarity)
                    _write_groups(connection, groups)
                    return groups.count
            seen = self.revision()
            groups = _groups(self.deals(include_rejected=False), similarity)
            with for_writing(self.engine).begin() as connection:
                if _revision(connection) == seen:
                    _write_groups(connection, groups)
                    return groups.count
        raise AssertionError("not reached: the last attempt returns")

    def articles_without_values(self) -> pd.DataFrame:
        """The stored articles that gave no deal, or only deals without a value (rejected deals do not count):
        one row each with article_id, source, title, date, language, ``deals`` (how many unvalued deals) and
        ``added_at``, newest first. What the extractor did not find must be visible, so that a person can read
        these articles and add a deal by hand."""
        valued = func.sum(case((DealRow.amount.is_not(None), 1), else_=0))
        counts = (
            select(DealRow.article_id, func.count(DealRow.deal_id).label("deals"), valued.label("valued"))
            .where(DealRow.rejected.is_(False), DealRow.article_id.is_not(None))
            .group_by(DealRow.article_id)
            .subquery()
        )
        query = (
            select(ArticleRow.article_id, ArticleRow.source, ArticleRow.title, ArticleRow.date, ArticleRow.language,
                   func.coalesce(counts.c.deals, 0).label("deals"), ArticleRow.added_at)
            .outerjoin(counts, counts.c.article_id == ArticleRow.article_id)
            .where(func.coalesce(counts.c.valued, 0) == 0)
            .order_by(ArticleRow.added_at.desc(), ArticleRow.source)
        )
        columns = ["article_id", "source", "title", "date", "language", "deals", "added_at"]
        with self.engine.connect() as connection:
            return pd.DataFrame.from_records(connection.execute(query).all(), columns=columns)

    def article_count(self) -> int:
        with self._sessions() as session:
            return session.query(ArticleRow).count()

    def audit(self, deal_id: str | None = None) -> list[AuditRow]:
        with self._sessions() as session:
            query = select(AuditRow).order_by(AuditRow.id)
            if deal_id is not None:
                query = query.where(AuditRow.deal_id == deal_id)
            return list(session.execute(query).scalars().all())


def _revision(connection: Connection) -> str:
    count, latest = connection.execute(select(func.count(DealRow.deal_id), func.max(DealRow.updated_at))).one()
    articles, added = connection.execute(select(func.count(ArticleRow.article_id), func.max(ArticleRow.added_at))).one()
    return f"{count}:{latest}:{articles}:{added}"


@dataclass(frozen=True)
class _Groups:
    """A regroup's result: how many groups, and the (deal id, group id) pairs to write."""

    count: int
    changed: list[dict[str, str | None]]


def _groups(frame: pd.DataFrame, similarity: Similarity | None) -> _Groups:
    """Duplicate groups of the deals no person grouped, and the rows whose group changed."""
    from ..dedupe import duplicate_groups

    if frame.empty:  # an empty mask of objects would select columns, not rows: a store with no deal has no group
        return _Groups(0, [])
    locked = frame["edited_fields"].fillna("").str.split(",").map(lambda fields: "group_id" in fields)
    free = frame[~locked]
    groups = duplicate_groups(free, similarity)
    new = free["deal_id"].map(groups)
    old = free["group_id"]
    changed = free[new.astype("object").fillna("") != old.astype("object").fillna("")]
    rows = [{"b_deal_id": d, "b_group_id": groups.get(d)} for d in changed["deal_id"]]
    return _Groups(len(set(groups.values())), rows)


def _write_groups(connection: Connection, groups: _Groups) -> None:
    # Only the rows whose group changed are written, in one executemany: loading and updating every row through
    # the ORM took 8 of the 9.5 s of a regroup over 100,000 deals.
    if groups.changed:
        statement = (
            update(DealRow.__table__)
            .where(DealRow.__table__.c.deal_id == bindparam("b_deal_id"))
            .values(group_id=bindparam("b_group_id"))
        )
        connection.execute(statement, groups.changed)


def _read_deals(connection: Connection, include_rejected: bool, chunk: int = READ_CHUNK) -> pd.DataFrame:
    """The curated table read on ``connection`` (so a regroup reads and writes in one transaction)."""
    columns = [getattr(DealRow, name) for name in DEAL_FIELDS + REVIEW_COLUMNS]
    query = select(*columns)
    if not include_rejected:
        query = query.where(DealRow.rejected.is_(False))
    # Plain rows rather than ORM objects: reading 100,000 deals this way is several times faster. The frame is
    # built column by column: handed the rows themselves, pandas asked each one for named-tuple fields, which a
    # SQLAlchemy row answers by raising inside: a third of reading 100,000 deals. And in chunks: a million rows
    # held at once as Python objects (a string object per cell) took 2.2 GB to make a 0.4 GB frame; chunk by chunk,
    # 0.8 GB (issue 17). A chunk's column of nothing but NULLs is typed "object", so the whole is typed again
    # (``infer_objects``): the same frame as one built from every row at once (tested).
    names = list(DEAL_FIELDS + REVIEW_COLUMNS)
    result = connection.execute(query.order_by(DealRow.source, DealRow.start))
    parts = [pd.DataFrame(dict(zip(names, zip(*rows))), columns=names) for rows in result.partitions(chunk)]
    if not parts:
        frame = pd.DataFrame(None, columns=names)
    elif len(parts) == 1:
        frame = parts[0]
    else:
        frame = pd.concat(parts, ignore_index=True).infer_objects()
    return deals_frame(frame, extra=REVIEW_COLUMNS)


def _article_row(article: Article) -> ArticleRow:
    return ArticleRow(
        article_id=article.article_id, source=article.source, title=article.title, date=article.date,
        language=article.language, text=article.text, url=article.url,
        url_key=url_key(article.url) if article.url else None,
    )


def _article_id_of(articles: list[Article], deal: Deal) -> str | None:
    """The article a deal was read from: by name, and by its evidence where two articles share a name (two
    files called article.txt in one upload)."""
    named = [a for a in articles if a.source == deal.source]
    if len(named) > 1:
        named = [a for a in named if a.text[deal.start:deal.end] == deal.evidence] or named
    return named[0].article_id if named else None


def _fx_rate(deal: Deal) -> tuple[float | None, str | None]:
    """The rate the deal's USD value stands for, and its period: the dated rate when the value is that
    conversion, else the article's own (a value it states in dollars: "985 million riyals ($262.7 million)")."""
    if not deal.amount or deal.value_usd is None:
        return None, None
    rate = rate_for(deal.currency, deal.date)
    if rate is not None and abs(deal.amount * rate.usd_per_unit - deal.value_usd) <= 0.01 + 1e-9 * deal.value_usd:
        return rate.usd_per_unit, rate.as_of
    return deal.value_usd / deal.amount, "as stated"


def _deal_row(deal: Deal, article_id: str | None, rate: tuple[float | None, str | None] | None = None) -> DealRow:
    fx_rate, fx_rate_date = rate or _fx_rate(deal)
    return DealRow(**deal.to_dict(), article_id=article_id, fx_rate=fx_rate, fx_rate_date=fx_rate_date,
                   verified=False, rejected=False, edited_fields="", added_by_person=False)


def _refresh(row: DealRow, deal: Deal, rate: tuple[float | None, str | None]) -> bool:
    """Update machine fields from a new extraction; a person's fields and decisions stay as they are."""
    edited = set(filter(None, row.edited_fields.split(",")))
    changed = False
    for field, value in deal.to_dict().items():
        if field in edited or field in ("deal_id", "source"):
            continue
        if getattr(row, field) != value:
            setattr(row, field, value)
            changed = True
    if "value_usd" not in edited:
        row.fx_rate, row.fx_rate_date = rate
    return changed


def _text(value: Any) -> str | None:
    return None if value is None else str(value)
