"""The deals' search vectors in the store (table ``deal_vectors``, schema version 4): what is missing, saving, reading.

Plain database work on a ``Store``'s engine; which text is embedded and by which model is ``dealtracker.search``'s
business. Vectors are float16 bytes (384 dimensions: 768 bytes a deal, 77 MB per 100,000 deals), written under
the store's write lock like every other write, and read back as one matrix.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING, NamedTuple

import numpy as np
from sqlalchemy import delete, func, insert, select

from .engine import for_writing
from .models import DealRow, DealVectorRow

if TYPE_CHECKING:
    from .repository import Store

# Deal ids per IN (...) list: well under SQLite's limit of host parameters.
ID_CHUNK = 500


class DealText(NamedTuple):
    """A deal's text to embed, with the vector stored for it now (model and text hash; None when there is none)."""

    deal_id: str
    evidence: str
    object: str | None
    party: str
    counterparty: str | None
    model: str | None
    text_hash: str | None


def deal_texts(store: Store, deal_ids: Iterable[str] | None = None) -> list[DealText]:
    """Every deal (or those of ``deal_ids``) with its evidence, object, sides and stored vector's model and hash."""
    query = (
        select(DealRow.deal_id, DealRow.evidence, DealRow.object, DealRow.party, DealRow.counterparty,
               DealVectorRow.model, DealVectorRow.text_hash)
        .outerjoin(DealVectorRow, DealVectorRow.deal_id == DealRow.deal_id)
        .order_by(DealRow.deal_id)
    )
    with store.engine.connect() as connection:
        if deal_ids is None:
            return [DealText(*row) for row in connection.execute(query)]
        ids = sorted(set(deal_ids))
        rows: list[DealText] = []
        for start in range(0, len(ids), ID_CHUNK):
            chunk = ids[start:start + ID_CHUNK]
            rows.extend(DealText(*row) for row in connection.execute(query.where(DealRow.deal_id.in_(chunk))))
        return rows


def save_vectors(store: Store, model: str, items: Sequence[tuple[str, str, np.ndarray]]) -> None:
    """Store ``(deal_id, text_hash, vector)`` for ``model`` in one transaction, replacing a deal's older vector."""
    if not items:
        return
    rows = [
        {"deal_id": deal_id, "model": model, "text_hash": text_hash,
         "vector": np.asarray(vector, dtype=np.float16).tobytes()}
        for deal_id, text_hash, vector in items
    ]
    with for_writing(store.engine).begin() as connection:
        ids = [row["deal_id"] for row in rows]
        for start in range(0, len(ids), ID_CHUNK):
            connection.execute(delete(DealVectorRow).where(DealVectorRow.deal_id.in_(ids[start:start + ID_CHUNK])))
        connection.execute(insert(DealVectorRow), rows)


def read_vectors(store: Store, model: str, include_rejected: bool = False) -> tuple[list[str], np.ndarray]:
    """The deal ids and their ``model`` vectors (float16, one row each), of deals still stored (rejected ones on
    request). An empty matrix of width 0 when there is none."""
    query = (
        select(DealVectorRow.deal_id, DealVectorRow.vector)
        .join(DealRow, DealRow.deal_id == DealVectorRow.deal_id)
        .where(DealVectorRow.model == model)
        .order_by(DealVectorRow.deal_id)
    )
    if not include_rejected:
        query = query.where(DealRow.rejected.is_(False))
    with store.engine.connect() as connection:
        rows = connection.execute(query).all()
    if not rows:
        return [], np.zeros((0, 0), dtype=np.float16)
    width = len(rows[0][1]) // 2
    matrix = np.frombuffer(b"".join(bytes(row[1]) for row in rows if len(row[1]) == width * 2), dtype=np.float16)
    ids = [row[0] for row in rows if len(row[1]) == width * 2]
    return ids, matrix.reshape(len(ids), width)


def vector_count(store: Store, model: str) -> int:
    """How many deals have a ``model`` vector: part of a cached index's key (a backfill changes no deal)."""
    with store.engine.connect() as connection:
        return int(connection.execute(
            select(func.count()).select_from(DealVectorRow).where(DealVectorRow.model == model)
        ).scalar_one())
