"""Function words the assembly rules look for (prepositions, conjunctions, "since" …), read from
``data/lang/*/context_words.csv`` so that a language is added by adding rows, not by editing regular expressions.

A word ending in ``*`` is a stem ("тыс*" is «тыс.», «тысяч», «тысячи»); a space matches any run of spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data_files import read_csv
from ..text import normalise_term


@lru_cache(maxsize=None)
def alternatives(group: str) -> str:
    """The group's words as one regular-expression alternation (longest first, so "as well as" wins over
    "as"), without surrounding parentheses' capture."""
    # as written and normalised: the engine reads normalised text (Arabic «الإجمالية» is read as «الاجماليه»), the
    # review's checks read the evidence as the article wrote it
    written = [row["word"] for row in read_csv("context_words.csv") if row["group"] == group]
    words = {*written, *map(normalise_term, written)}
    if not words:
        raise KeyError(f"data/lang/*/context_words.csv has no words in group {group!r}")
    parts = []
    for word in sorted(words, key=lambda w: (-len(w), w)):
        stem = word.endswith("*")
        body = r"\s+".join(re.escape(piece) for piece in word.rstrip("*").split())
        parts.append(body + (r"\w*" if stem else ""))
    return "(?:" + "|".join(parts) + ")"


# Before a function word: not inside a Latin or Cyrillic word, while an Arabic one may carry a prefix
# ("وفي", "ومن"), as Arabic writes its conjunctions joined to the next word.
WORD_START = r"(?<![^\W\u0600-\u06ff])"


def compiled(template: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A template whose ``{group}`` fields are filled with that group's alternation, compiled."""
    groups = re.findall(r"\{([a-z_]+)\}", template)
    text = template
    for group in groups:
        text = text.replace("{" + group + "}", alternatives(group))
    return re.compile(text, flags)
