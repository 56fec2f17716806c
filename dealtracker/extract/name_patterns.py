"""The words of ``data/organisation_patterns.csv`` by kind, and the regex pieces built from them, shared by the
two modules that find names no gazetteer holds (``organisations.py`` by form, ``partner_names.py`` by place)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..data_files import read_csv
from ..text import normalise_term

# "(?<!\w)" written after the first character, as "(?<!\w.)": the same test one character later. A pattern
# that begins with a character (not a look-behind) lets the regex engine skip in C to the places where that
# character occurs, instead of trying the pattern at every position of the text.
NOT_AFTER_WORD = r"(?<!\w(?s:.))"


@lru_cache(maxsize=None)
def pattern_words(kind: str) -> list[str]:
    """The normalised words of one kind, longest first (so an alternation tries the longest first)."""
    rows = read_csv("organisation_patterns.csv")
    return sorted({normalise_term(r["term"]) for r in rows if r["kind"] == kind}, key=len, reverse=True)


@lru_cache(maxsize=None)
def pattern_word_set(kind: str) -> frozenset[str]:
    return frozenset(pattern_words(kind))


def alternation(kind: str) -> str:
    """The words of one kind as a regex alternation."""
    return "|".join(re.escape(w) for w in pattern_words(kind))


def after_first(words: list[str], guard: str = NOT_AFTER_WORD) -> str:
    r"""The words as an alternation with ``guard`` written after each one's first character (see above).

    Factored on the first character (``к(?<!\w(?s:.))(?:омпания|онцерн)|…``), each group in the words' order:
    the same matches, since words with different first characters never match at one place, but the regex
    engine tries one group where it tried every word — at each "к" of a Russian text, a hundred trigger words
    one by one cost as much as the rest of the name search."""
    groups: dict[str, list[str]] = {}
    for w in words:
        if w:
            groups.setdefault(w[:1], []).append(re.escape(w[1:]))
    return "|".join(
        re.escape(first) + guard + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in groups.items()
    )
