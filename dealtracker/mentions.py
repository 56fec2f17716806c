"""Mentions (anything with ``start`` and ``end``) in text order, looked up by bisection instead of scans.

Why: an article's amounts, names and cue words were compared with each other by scanning whole lists inside
loops (for every sentence, every cue, every company-like name), work that grew with the square of the
article's length. The answers are exactly those of the scans; a list that is not in text order is scanned
as before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from operator import le
from typing import Generic, Protocol, TypeVar


class _Mention(Protocol):
    start: int
    end: int


M = TypeVar("M", bound=_Mention)


class MentionIndex(Generic[M]):
    """A fixed list of mentions, indexed by where they start."""

    def __init__(self, items: Sequence[M]):
        self.items = list(items)
        self.starts = [i.start for i in self.items]
        self.ordered = all(map(le, self.starts, self.starts[1:]))
        # the furthest end among the first k items: mentions may overlap or nest
        self.reach = list(accumulate((i.end for i in self.items), max))

    def starting_in(self, start: int, end: int) -> list[M]:
        """Items with start <= item.start < end, in list order."""
        if not self.ordered:
            return [i for i in self.items if start <= i.start < end]
        return self.items[bisect_left(self.starts, start):bisect_left(self.starts, end)]

    def covers(self, position: int) -> bool:
        """Whether some item's [start, end) holds ``position``."""
        return self.furthest_end_over(position) is not None

    def furthest_end_over(self, position: int) -> int | None:
        """The furthest end among items whose [start, end) holds ``position``; None when there is none."""
        if not self.ordered:
            ends = [i.end for i in self.items if i.start <= position < i.end]
            return max(ends) if ends else None
        k = bisect_right(self.starts, position)
        return self.reach[k - 1] if k > 0 and self.reach[k - 1] > position else None

    def overlaps(self, start: int, end: int) -> bool:
        """Whether some item shares a character with [start, end) (item.start < end and start < item.end)."""
        if not self.ordered:
            return any(i.start < end and start < i.end for i in self.items)
        k = bisect_left(self.starts, end)
        return k > 0 and self.reach[k - 1] > start
