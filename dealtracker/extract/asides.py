"""A short attribution set off by commas inside a sentence joins the clauses around it back into one.

"Swedfund's portfolio, according to the fund, amounts to about EUR 1.3 billion", «Портфель Swedfund по всему миру,
по данным фонда, составляет около 1,3 млрд евро», «وتبلغ محفظة الصندوق، بحسب بياناته، نحو 1.3 مليار يورو»: cut at
its commas, the amount's clause would be "amounts to about EUR 1.3 billion" alone, its subject (a portfolio, a
worldwide total) in another clause, and the words that say what the figure is would not be the amount's own. The
aside is a source, not a clause of its own; the attribution openers are ``attribution`` in the context words.
"""

from __future__ import annotations

from functools import lru_cache

from ..text import Span
from .lexicon import compiled

# An aside longer than this is a clause of its own ("according to the ministry, which signed the deal in May").
_MOST_WORDS = 7


@lru_cache(maxsize=1)
def _attribution():
    return compiled(r"{attribution}(?!\w)")


def without_asides(text: str, clauses: list[Span]) -> list[Span]:
    """The clauses, with each inner attribution and the clauses on both sides of it made one — when the clause
    before it holds no figure, so is a subject waiting for its verb ("… fell to $450 million from $720 million,
    according to the statistics committee, with China the largest source" stays three clauses)."""
    if len(clauses) < 3:
        return clauses
    joined = list(clauses)
    i = 1
    while i < len(joined) - 1:
        aside = joined[i]
        words = text[aside.start:aside.end].split()
        before = text[joined[i - 1].start:joined[i - 1].end]
        if len(words) <= _MOST_WORDS and not any(ch.isdigit() for ch in before) \
                and _attribution().match(text, aside.start, aside.end):
            joined[i - 1:i + 2] = [Span(joined[i - 1].start, joined[i + 1].end)]
        else:
            i += 1
    return joined
