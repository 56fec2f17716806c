"""Duplicate groups: the same deal reported by several articles, in any of the three scripts.

Two deals from different articles are the same deal when they have the same Central Asian country, the
same counterparty (equal canonical names, or names alike after transliteration to Latin — rapidfuzz over
anyascii), values within 10% (or both without value and of the same type), and dates, when both are known,
within a few months. Groups are the connected pairs. A person's decision (a confirmed or split group) is
kept by the store and never recomputed.

With an evidence similarity (the optional embedding model, ``dealtracker.models.similarity``), a report that
states no value may also join a valued report of the same country and counterparty that its sentence says the
same thing as — the most similar one, when the cosine reaches ``SEMANTIC_LINK``. The model only adds such links;
it never overrules the pair rule, because on our cross-language pairs (``bench/duplicates``) look-alike
different deals (the same bank's two loans in one month) scored as high as true twins.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date

import numpy as np

import pandas as pd
from anyascii import anyascii
from rapidfuzz import fuzz

VALUE_TOLERANCE = 0.10
NAME_SIMILARITY = 85
MAX_DAYS_APART = 120
# Cosine of two evidence sentences (multilingual-e5-small) from which a report without a value joins a valued one.
# On bench/duplicates the same deal in two languages scored 0.81-0.94 and look-alike different deals 0.83-0.91;
# among candidates that already share country and counterparty, 0.85 keeps the clear restatements.
SEMANTIC_LINK = 0.85

# similarity(a_texts, b_texts) -> cosine matrix, rows for a, columns for b.
Similarity = Callable[[Sequence[str], Sequence[str]], np.ndarray]


def _latin(name: str | None) -> str:
    return anyascii(name or "").casefold().strip()


def same_counterparty(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    if a == b:
        return True
    return fuzz.token_set_ratio(_latin(a), _latin(b)) >= NAME_SIMILARITY


def _values_close(a: float | None, b: float | None) -> bool:
    if a is None or b is None or pd.isna(a) or pd.isna(b):
        return False
    return abs(a - b) <= VALUE_TOLERANCE * max(abs(a), abs(b))


def _as_date(value: str | None) -> date | None:
    if not value or pd.isna(value):
        return None
    parts = [int(p) for p in str(value).split("-")[:3]]
    while len(parts) < 3:
        parts.append(15 if len(parts) == 2 else 6)  # middle of the month / year when only that is known
    try:
        return date(*parts)
    except ValueError:
        return None


def _dates_close(a: str | None, b: str | None) -> bool:
    first, second = _as_date(a), _as_date(b)
    return first is None or second is None or abs((first - second).days) <= MAX_DAYS_APART


@dataclass(frozen=True)
class _Report:
    """What the pair rule reads of one deal, taken out of the frame once (row access in pandas is slow)."""

    deal_id: str
    source: str
    country: str
    counterparty: str | None
    value: float | None
    deal_type: str
    date: str | None
    evidence: str = ""


def _reports(frame: pd.DataFrame) -> list[_Report]:
    """One record per deal. "The same article" is judged by the article's id where the store gives one: two
    pasted texts, or two files both named article.txt, are different reports."""
    frame = frame.assign(source=frame["article_id"].fillna(frame["source"])) if "article_id" in frame.columns else frame
    if "evidence" not in frame.columns:
        frame = frame.assign(evidence="")
    columns = ["deal_id", "source", "party_country", "counterparty", "value_usd", "deal_type", "date", "evidence"]
    return [
        _Report(str(d), str(s), str(c), None if pd.isna(cp) else str(cp), None if pd.isna(v) else float(v), str(t),
                None if pd.isna(dt) else str(dt), "" if pd.isna(ev) else str(ev))
        for d, s, c, cp, v, t, dt, ev in frame[columns].itertuples(index=False, name=None)
    ]


def is_same_deal(a: _Report, b: _Report) -> bool:
    """The pair rule."""
    if a.source == b.source or a.country != b.country:
        return False
    if not same_counterparty(a.counterparty, b.counterparty):
        return False
    if a.value is not None and b.value is not None:
        values_ok = _values_close(a.value, b.value)
    else:
        values_ok = a.value is None and b.value is None and a.deal_type == b.deal_type
    return values_ok and _dates_close(a.date, b.date)


def candidate_pairs(reports: list[_Report]):
    """Only pairs the rule could accept: same country, and values within the tolerance (a sliding window over
    values sorted within a country) or both without value and of the same type. This keeps regrouping near
    linear in the number of deals instead of comparing every pair."""
    blocks: dict[tuple, list[_Report]] = {}
    for report in reports:
        key = (report.country, "valued") if report.value is not None else (report.country, report.deal_type)
        blocks.setdefault(key, []).append(report)
    for (_, kind), block in blocks.items():
        if kind == "valued":
            block.sort(key=lambda r: r.value)
            for i, a in enumerate(block):
                limit = a.value / (1 - VALUE_TOLERANCE) if a.value > 0 else 0.0
                for b in block[i + 1:]:
                    if b.value > limit:
                        break
                    yield a, b
        else:
            for i, a in enumerate(block):
                for b in block[i + 1:]:
                    yield a, b


def semantic_links(reports: list[_Report], similarity: Similarity) -> Iterator[tuple[_Report, _Report]]:
    """Each report without a value, with the valued report of the same country and counterparty (another article,
    dates close) whose evidence its own says the same as — the most similar one, if it reaches SEMANTIC_LINK.

    Candidates share the counterparty's name as written in Latin letters (canonical names are the same in every
    language), so the model compares a handful of sentences per report, never the whole store.
    """
    valued: dict[tuple[str, str], list[_Report]] = {}
    unvalued: list[_Report] = []
    for report in reports:
        if not report.counterparty or not report.evidence:
            continue
        if report.value is None:
            unvalued.append(report)
        else:
            valued.setdefault((report.country, _latin(report.counterparty)), []).append(report)
    for report in unvalued:
        candidates = [
            other for other in valued.get((report.country, _latin(report.counterparty)), [])
            if other.source != report.source and _dates_close(report.date, other.date)
        ]
        if not candidates:
            continue
        cosines = similarity([report.evidence], [c.evidence for c in candidates])[0]
        best = int(np.argmax(cosines))
        if cosines[best] >= SEMANTIC_LINK:
            yield report, candidates[best]


def duplicate_groups(frame: pd.DataFrame, similarity: Similarity | None = None) -> dict[str, str]:
    """deal_id → group id (the smallest deal_id of its group), for deals that have at least one twin.

    ``similarity`` (optional) compares evidence sentences, adding the links of :func:`semantic_links`.
    """
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        while parent.get(x, x) != x:
            parent[x] = parent.get(parent[x], parent[x])
            x = parent[x]
        return x

    def join(a: _Report, b: _Report) -> None:
        ra, rb = find(a.deal_id), find(b.deal_id)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)

    reports = _reports(frame)
    for a, b in candidate_pairs(reports):
        if is_same_deal(a, b):
            join(a, b)
    if similarity is not None:
        for a, b in semantic_links(reports, similarity):
            join(a, b)
    groups = {deal_id: find(deal_id) for deal_id in parent}
    for root in set(groups.values()):
        groups[root] = root
    return groups
