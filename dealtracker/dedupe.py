"""Duplicate groups: the same deal reported by several articles, in any of the three scripts.

The pair rule: two deals from different articles are the same deal when they have the same Central Asian
country, the same counterparty (equal canonical names, or names alike after transliteration to Latin —
rapidfuzz over anyascii), counterparties from the same country when both countries are known, values within
10% (or both without value and of the same type), and dates, when both are known, within a few months.

A group is not the connected pairs: a chain A~B~C would put A and C together though they fail the rule (values
19% apart, two different fund loans linked by a report that names no country, a headline and its body linked
through another article's report). Every two deals of a group must be *compatible*: different articles, the
same country, counterparty countries not both known and different, names alike, values within the tolerance and
dates within the window where both are known, the same type when both lack a value. Groups are built greedily:
the pairs the rule accepts are taken most alike first (closest values by whole percent, then most alike names,
then closest dates, then deal ids: see ``_most_alike_first``), and a pair merges its two groups only when every
pair across them is compatible.
Greedy because the best partition (fewest groups, or most pairs kept) is a clique-partition problem, NP-hard
and too slow for a store of 100,000 deals; most-alike-first makes the closest reports form a group before a
looser one could claim one of them, and the result depends on the deals, not on the order they come in.
A person's decision (a confirmed or split group) is kept by the store and never recomputed.

With an evidence similarity (the optional embedding model, ``dealtracker.models.similarity``), a report that
states no value may also join a valued report of the same country and counterparty that its sentence says the
same thing as — the most similar compatible one, when the cosine reaches ``SEMANTIC_LINK``, and only if its
group is compatible with that report's group. These links are merged after every pair of the rule (the
model only adds links; it never overrules the pair rule, because on our cross-language pairs
(``bench/duplicates``) look-alike different deals (the same bank's two loans in one month) scored as high as
true twins).
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


def _name_score(a: str, b: str) -> float:
    """How alike two counterparty names are (0-100); equal names score 100."""
    return 100.0 if a == b else fuzz.token_set_ratio(_latin(a), _latin(b))


def same_counterparty(a: str | None, b: str | None) -> bool:
    if not a or not b:
        return False
    return _name_score(a, b) >= NAME_SIMILARITY


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


def _article_keys(frame: pd.DataFrame) -> pd.Series:
    """"The same article" is judged by the article's id where the store gives one (two pasted texts, or two
    files both named article.txt, are different reports), else by the source's name."""
    if "article_id" in frame.columns:
        return frame["article_id"].fillna(frame["source"])
    return frame["source"]


@dataclass(frozen=True)
class _Report:
    """What the pair rule reads of one deal, as plain values: the reference rule (:func:`is_same_deal`,
    :func:`compatible`) the grouping's column-wise version is tested against, and the semantic links' input."""

    deal_id: str
    source: str  # the article: its id where the store gives one, else the source's name
    country: str
    counterparty: str | None
    value: float | None
    deal_type: str
    date: str | None
    evidence: str = ""
    counterparty_country: str | None = None


def _reports(frame: pd.DataFrame) -> list[_Report]:
    """One record per deal, in the frame's order."""
    frame = frame.assign(source=_article_keys(frame))
    for column in ("evidence", "counterparty_country"):
        if column not in frame.columns:
            frame = frame.assign(**{column: None})
    columns = ["deal_id", "source", "party_country", "counterparty", "value_usd", "deal_type", "date", "evidence",
               "counterparty_country"]
    return [
        _Report(str(d), str(s), str(c), None if pd.isna(cp) else str(cp), None if pd.isna(v) else float(v), str(t),
                None if pd.isna(dt) else str(dt), "" if pd.isna(ev) else str(ev), None if pd.isna(cc) else str(cc))
        for d, s, c, cp, v, t, dt, ev, cc in frame[columns].itertuples(index=False, name=None)
    ]


def compatible(a: _Report, b: _Report) -> bool:
    """May the two deals sit in one group? Every two deals of a group must be (see the module's docstring)."""
    if a.source == b.source or a.country != b.country:
        return False
    if a.counterparty_country and b.counterparty_country and a.counterparty_country != b.counterparty_country:
        return False
    if not same_counterparty(a.counterparty, b.counterparty) or not _dates_close(a.date, b.date):
        return False
    if a.value is not None and b.value is not None:
        return _values_close(a.value, b.value)
    return a.value is not None or b.value is not None or a.deal_type == b.deal_type


def is_same_deal(a: _Report, b: _Report) -> bool:
    """The pair rule: compatible, and both valued or both without value (a report without a value joins a valued
    one only through a semantic link)."""
    return (a.value is None) == (b.value is None) and compatible(a, b)


class _Deals:
    """The frame's columns the rule reads, as arrays (codes for equality), for comparing many pairs at once."""

    def __init__(self, frame: pd.DataFrame):
        self.n = len(frame)
        self.ids = frame["deal_id"].astype(str).to_numpy()
        # Rank of each deal id: the tie-breaker that makes the result independent of the frame's order.
        self.rank = np.empty(self.n, dtype=np.int64)
        self.rank[np.argsort(self.ids, kind="stable")] = np.arange(self.n)
        self.article = pd.factorize(_article_keys(frame).astype(str))[0]
        self.country = pd.factorize(frame["party_country"], use_na_sentinel=False)[0]
        self.type = pd.factorize(frame["deal_type"], use_na_sentinel=False)[0]
        partner = frame["counterparty_country"] if "counterparty_country" in frame.columns else pd.Series(None, index=frame.index, dtype=object)
        self.partner = pd.factorize(partner.where(partner.astype(str).str.len() > 0))[0]  # -1: unknown
        self.name, self.names = pd.factorize(frame["counterparty"].where(frame["counterparty"].astype(str).str.len() > 0))
        self.names = [str(n) for n in self.names]
        self.value = pd.to_numeric(frame["value_usd"], errors="coerce").to_numpy(dtype=float)
        dates, distinct = pd.factorize(frame["date"])
        days = np.array([np.nan if (d := _as_date(s)) is None else float(d.toordinal()) for s in distinct] + [np.nan])
        self.day = days[dates]  # code -1 (no date) reads the trailing NaN
        self._scores: dict[tuple[int, int], float] = {}
        self._plain: tuple | None = None

    def name_score(self, a: int, b: int) -> float:
        if a == b:
            return 100.0
        key = (a, b) if a < b else (b, a)
        score = self._scores.get(key)
        if score is None:
            score = self._scores[key] = _name_score(self.names[key[0]], self.names[key[1]])
        return score

    def name_scores(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """Name scores of many pairs, each distinct pair of names compared once."""
        low, high = np.minimum(a, b), np.maximum(a, b)
        keys, inverse = np.unique(low.astype(np.int64) * max(len(self.names), 1) + high, return_inverse=True)
        width = max(len(self.names), 1)
        scores = np.array([self.name_score(int(k // width), int(k % width)) for k in keys], dtype=float)
        return scores[inverse.reshape(-1)]

    def compatible_arrays(self, a: np.ndarray, b: np.ndarray) -> np.ndarray:
        """:func:`compatible` for many pairs, names aside (the costly part: :meth:`name_scores` does it)."""
        keep = (self.article[a] != self.article[b]) & (self.country[a] == self.country[b]) & (self.name[a] >= 0) & (self.name[b] >= 0)
        pa, pb = self.partner[a], self.partner[b]
        keep &= (pa < 0) | (pb < 0) | (pa == pb)
        keep &= ~(np.abs(self.day[a] - self.day[b]) > MAX_DAYS_APART)  # NaN (a date unknown) compares False
        va, vb = self.value[a], self.value[b]
        both = ~np.isnan(va) & ~np.isnan(vb)
        with np.errstate(invalid="ignore"):
            close = np.abs(va - vb) <= VALUE_TOLERANCE * np.maximum(np.abs(va), np.abs(vb))
        neither = np.isnan(va) & np.isnan(vb)
        keep &= np.where(both, close, ~neither | (self.type[a] == self.type[b]))
        return keep

    def compatible(self, a: int, b: int) -> bool:
        """:func:`compatible` for one pair, on plain Python values (numpy's per-call cost is too high here)."""
        if self._plain is None:
            self._plain = tuple(column.tolist() for column in (self.article, self.country, self.partner, self.name, self.value, self.day, self.type))
        article, country, partner, name, value, day, kind = self._plain
        if article[a] == article[b] or country[a] != country[b]:
            return False
        if partner[a] >= 0 and partner[b] >= 0 and partner[a] != partner[b]:
            return False
        if abs(day[a] - day[b]) > MAX_DAYS_APART:  # NaN compares False
            return False
        va, vb = value[a], value[b]
        if va == va and vb == vb:  # both valued (NaN != NaN)
            if abs(va - vb) > VALUE_TOLERANCE * max(abs(va), abs(vb)):
                return False
        elif va != va and vb != vb and kind[a] != kind[b]:
            return False
        return name[a] >= 0 and name[b] >= 0 and self.name_score(name[a], name[b]) >= NAME_SIMILARITY


def _windows(order: np.ndarray, end: np.ndarray) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Pairs (order[i], order[k]) for i < k < end[i], in slices by offset k - i, never materialising them all."""
    position = np.arange(len(order))
    active = position[end > position + 1]
    offset = 1
    while active.size:
        yield order[active], order[active + offset]
        offset += 1
        active = active[end[active] > active + offset]


def _candidates(deals: _Deals) -> Iterator[tuple[np.ndarray, np.ndarray]]:
    """Only pairs the rule could accept: same country and both named; values within the tolerance (a sliding
    window over values sorted within a country), or both without value, of the same type and with dates that
    may be close. This keeps regrouping near linear in the number of deals instead of comparing every pair."""
    named = deals.name >= 0
    valued = named & ~np.isnan(deals.value)
    index = np.flatnonzero(valued)
    index = index[np.lexsort((deals.value[index], deals.country[index]))]
    for block in np.split(index, np.flatnonzero(np.diff(deals.country[index])) + 1):
        values = deals.value[block]
        # a's partners b >= a satisfy b - a <= 0.1 b, i.e. b <= a / 0.9 (a hair more, for rounding: the exact test follows)
        limit = np.where(values > 0, values / (1 - VALUE_TOLERANCE) * (1 + 1e-9), 0.0)
        yield from _windows(block, np.searchsorted(values, limit, side="right"))
    # Without value: the same country and type, and dates within the window. Undated reports first, each paired
    # with every report after it; then the dated ones by date, each paired with those up to MAX_DAYS_APART later.
    index = np.flatnonzero(named & np.isnan(deals.value))
    days = deals.day[index]
    dated = ~np.isnan(days)
    index = index[np.lexsort((np.nan_to_num(days), dated, deals.type[index], deals.country[index]))]
    key = deals.country[index].astype(np.int64) * (int(deals.type.max(initial=0)) + 1) + deals.type[index]
    for block in np.split(index, np.flatnonzero(np.diff(key)) + 1):
        days = deals.day[block]
        undated = int(np.isnan(days).sum())
        end = np.full(len(block), len(block))
        end[undated:] = undated + np.searchsorted(days[undated:], days[undated:] + MAX_DAYS_APART, side="right")
        yield from _windows(block, end)


def _rule_pairs(deals: _Deals) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Every pair the rule accepts (indices a, b) and its name score."""
    firsts, seconds = [np.empty(0, dtype=np.int64)], [np.empty(0, dtype=np.int64)]
    pending: list[tuple[np.ndarray, np.ndarray]] = []
    size = 0

    def check() -> None:  # many small slices compared at once: numpy's cost per call, not per pair, dominates them
        a, b = np.concatenate([p[0] for p in pending]), np.concatenate([p[1] for p in pending])
        keep = deals.compatible_arrays(a, b)
        firsts.append(a[keep])
        seconds.append(b[keep])
        pending.clear()

    for pair in _candidates(deals):
        pending.append(pair)
        size += len(pair[0])
        if size >= 100_000:
            check()
            size = 0
    if pending:
        check()
    a, b = np.concatenate(firsts), np.concatenate(seconds)
    scores = deals.name_scores(deals.name[a], deals.name[b])
    alike = scores >= NAME_SIMILARITY
    return a[alike], b[alike], scores[alike]


def _most_alike_first(deals: _Deals, a: np.ndarray, b: np.ndarray, scores: np.ndarray) -> np.ndarray:
    """The order pairs are merged in: closest values by whole percent (below a percent apart is one rounding
    or exchange rate away, no closer), then most alike names (equal canonical names first), then closest dates
    (a date unknown after every known one), then the exact value gap, then deal ids."""
    va, vb = deals.value[a], deals.value[b]
    with np.errstate(invalid="ignore", divide="ignore"):
        gap = np.abs(va - vb) / np.maximum(np.abs(va), np.abs(vb))
    gap = np.nan_to_num(gap, nan=0.0)  # both without value, or both zero
    days = np.nan_to_num(np.abs(deals.day[a] - deals.day[b]), nan=MAX_DAYS_APART + 1)
    low, high = np.minimum(deals.rank[a], deals.rank[b]), np.maximum(deals.rank[a], deals.rank[b])
    return np.lexsort((high, low, gap, days, -scores, np.floor(gap * 100)))


class _Groups:
    """Groups that merge only when every pair across them is compatible."""

    def __init__(self, deals: _Deals):
        self.deals = deals
        self.group = list(range(deals.n))
        self.members: dict[int, list[int]] = {}
        self.refused: set[tuple[int, int]] = set()  # stays true as groups grow: growing only adds pairs

    def merge(self, a: int, b: int) -> bool:
        ga, gb = self.group[a], self.group[b]
        if ga == gb:
            return True
        key = (ga, gb) if ga < gb else (gb, ga)
        if key in self.refused:
            return False
        first, second = self.members.get(ga, [a]), self.members.get(gb, [b])
        if not all(self.deals.compatible(x, y) for x in first for y in second):
            self.refused.add(key)
            return False
        if len(first) < len(second):
            ga, gb, first, second = gb, ga, second, first
        for x in second:
            self.group[x] = ga
        self.members[ga] = first + second
        self.members.pop(gb, None)
        return True

    def ids(self) -> dict[str, str]:
        """deal_id → the smallest deal_id of its group, for deals in a group of two or more."""
        ids = self.deals.ids
        result: dict[str, str] = {}
        for members in self.members.values():
            root = min(str(ids[m]) for m in members)
            result.update((str(ids[m]), root) for m in members)
        return result


def semantic_links(reports: list[_Report], similarity: Similarity) -> Iterator[tuple[_Report, _Report, float]]:
    """Each report without a value, with the valued report of the same country and counterparty (another article,
    compatible with it) whose evidence its own says the same as — the most similar one, if it reaches
    SEMANTIC_LINK — and the cosine.

    Candidates share the counterparty's name as written in Latin letters (canonical names are the same in every
    language), so the model compares a handful of sentences per report, never the whole store.
    """
    valued: dict[tuple[str, str], list[_Report]] = {}
    unvalued: list[_Report] = []
    for report in sorted(reports, key=lambda r: r.deal_id):
        if not report.counterparty or not report.evidence:
            continue
        if report.value is None:
            unvalued.append(report)
        else:
            valued.setdefault((report.country, _latin(report.counterparty)), []).append(report)
    for report in unvalued:
        candidates = [other for other in valued.get((report.country, _latin(report.counterparty)), [])
                      if compatible(report, other)]
        if not candidates:
            continue
        cosines = similarity([report.evidence], [c.evidence for c in candidates])[0]
        best = int(np.argmax(cosines))
        if cosines[best] >= SEMANTIC_LINK:
            yield report, candidates[best], float(cosines[best])


def duplicate_groups(frame: pd.DataFrame, similarity: Similarity | None = None) -> dict[str, str]:
    """deal_id → group id (the smallest deal_id of its group), for deals that have at least one twin.

    ``similarity`` (optional) compares evidence sentences, adding the links of :func:`semantic_links`.
    """
    frame = frame.reset_index(drop=True)
    deals = _Deals(frame)
    groups = _Groups(deals)
    a, b, scores = _rule_pairs(deals)
    for i in _most_alike_first(deals, a, b, scores):
        groups.merge(int(a[i]), int(b[i]))
    if similarity is not None:
        position = {deal_id: i for i, deal_id in enumerate(deals.ids)}
        links = sorted(semantic_links(_reports(frame), similarity), key=lambda l: (-l[2], l[0].deal_id, l[1].deal_id))
        for first, second, _ in links:
            groups.merge(position[first.deal_id], position[second.deal_id])
    return groups.ids()
