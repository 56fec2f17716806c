"""Mentions (anything with ``start`` and ``end``) in text order, looked up by bisection instead of scans.

Why: an article's amounts, names and cue words were compared with each other by scanning whole lists inside
loops (for every sentence, every cue, every company-like name), work that grew with the square of the
article's length. The answers are exactly those of the scans; a list that is not in text order is scanned
as before.
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable, Sequence
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
        if not self.ordered:
            return self.furthest_end_over(position) is not None
        k = bisect_right(self.starts, position)  # (``furthest_end_over`` inline: asked for every name and cue)
        return k > 0 and self.reach[k - 1] > position

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


class ClaimedSpans:
    """Spans taken so far, which never overlap one another: a new span is tested against them by bisection.

    Why: names found by several patterns are each checked against every name found before, a scan that made
    a long text cost the square of its number of names."""

    def __init__(self, spans: Iterable[tuple[int, int]] = ()):
        self._starts: list[int] = []
        self._ends: list[int] = []
        for start, end in spans:
            self.add(start, end)

    def overlaps(self, start: int, end: int) -> bool:
        """Whether a claimed span shares a character with [start, end)."""
        k = bisect_left(self._starts, end)  # the claimed spans starting before ``end``…
        # …of which, not overlapping each other, only the last can reach past ``start``
        return k > 0 and self._ends[k - 1] > start

    def add(self, start: int, end: int) -> None:
        """Claim [start, end), which must overlap no claimed span."""
        k = bisect_left(self._starts, start)
        self._starts.insert(k, start)
        self._ends.insert(k, end)
