"""MentionIndex answers exactly what a scan of the list answers, for ordered, overlapping and unordered lists."""

import random
from dataclasses import dataclass

from dealtracker.mentions import MentionIndex


@dataclass
class _M:
    start: int
    end: int


def _random_mentions(rng: random.Random, ordered: bool) -> list[_M]:
    items = []
    for _ in range(rng.randint(0, 12)):
        start = rng.randint(0, 40)
        items.append(_M(start, start + rng.randint(0, 10)))
    return sorted(items, key=lambda m: m.start) if ordered else items


def test_every_query_agrees_with_a_scan():
    rng = random.Random(5)
    for trial in range(400):
        items = _random_mentions(rng, ordered=trial % 3 != 0)
        index = MentionIndex(items)
        for _ in range(20):
            a, b = rng.randint(-2, 55), rng.randint(-2, 55)
            assert index.starting_in(a, b) == [m for m in items if a <= m.start < b]
            assert index.covers(a) == any(m.start <= a < m.end for m in items)
            over = [m.end for m in items if m.start <= a < m.end]
            assert index.furthest_end_over(a) == (max(over) if over else None)
            assert index.overlaps(a, b) == any(m.start < b and a < m.end for m in items)


def test_a_long_name_covering_later_ones_is_seen():
    index = MentionIndex([_M(0, 30), _M(5, 8), _M(10, 12)])
    assert index.covers(20) and index.furthest_end_over(9) == 30
    assert not index.covers(30) and index.overlaps(29, 40) and not index.overlaps(30, 40)
