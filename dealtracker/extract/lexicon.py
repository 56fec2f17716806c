"""Function words the assembly rules look for (prepositions, conjunctions, "since" …), read from
``data/lang/*/context_words.csv`` so that a language is added by adding rows, not by editing regular expressions.

A word ending in ``*`` is a stem ("тыс*" is «тыс.», «тысяч», «тысячи»); a space matches any run of spaces.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data_files import read_csv
from ..text import normalise_term
from .skippable import any_of


@lru_cache(maxsize=None)
def _words(group: str) -> tuple[str, ...]:
    """The group's words, longest first (so "as well as" wins over "as")."""
    # as written and normalised: the engine reads normalised text (Arabic «الإجمالية» is read as «الاجماليه»), the
    # review's checks read the evidence as the article wrote it
    written = [row["word"] for row in read_csv("context_words.csv") if row["group"] == group]
    words = {*written, *map(normalise_term, written)}
    if not words:
        raise KeyError(f"data/lang/*/context_words.csv has no words in group {group!r}")
    return tuple(sorted(words, key=lambda w: (-len(w), w)))


def _first_and_rest(word: str) -> tuple[str, str]:
    """A word's first character, and the rest of it as a regex (a space: any whitespace; a stem: any ending)."""
    pieces = word.rstrip("*").split()
    body = re.escape(pieces[0][1:]) + "".join(r"\s+" + re.escape(piece) for piece in pieces[1:])
    return pieces[0][0], body + (r"\w*" if word.endswith("*") else "")


@lru_cache(maxsize=None)
def alternatives(group: str) -> str:
    """The group's words as one regular-expression alternation (longest first, so "as well as" wins over
    "as"), without surrounding parentheses' capture."""
    return "(?:" + "|".join(re.escape(first) + rest for first, rest in map(_first_and_rest, _words(group))) + ")"


# Before a function word: not inside a Latin or Cyrillic word, while an Arabic one may carry a prefix
# ("وفي", "ومن"), as Arabic writes its conjunctions joined to the next word.
# One Arabic letter (hamza to yeh): the rules' test of whether a word or a name is written in Arabic
ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_LATIN_OR_CYRILLIC_WORD_CHAR = r"[^\W\u0600-\u06ff]"
WORD_START = "(?<!" + _LATIN_OR_CYRILLIC_WORD_CHAR + ")"


@lru_cache(maxsize=None)
def skippable(group: str, not_after: str = "") -> str:
    """``(?<!not_after)`` (a one-character class; no test when empty) and the group's alternation, meaning
    exactly the same, written so that the regex engine skips in C to the characters a word of the group can
    begin with.

    Why: a pattern that begins with a look-behind, or with case-insensitive letters, is tried at every position
    of the text; each such search of a clause showed in the profile (a tenth of the engine's time over twenty
    patterns). Here the pattern begins with a case-sensitive set that holds every character a first letter can
    match (``skippable.any_of``); then the look-behind, one character later; then each word, in the same
    order, behind a case-insensitive look-back at its first letter (consecutive words with one first letter
    share it) — the very test the letter made before.
    """
    split = [_first_and_rest(word) for word in _words(group)]
    runs: list[tuple[str, list[str]]] = []
    for first, rest in split:
        if runs and runs[-1][0] == first:
            runs[-1][1].append(rest)
        else:
            runs.append((first, [rest]))
    words = "|".join(
        "(?<=" + re.escape(first) + ")" + (rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")")
        for first, rests in runs
    )
    guard = "(?<!" + not_after + "(?s:.))" if not_after else ""  # (the test before the first letter, after it)
    return any_of({first for first, _ in split}) + guard + "(?:" + words + ")"


@lru_cache(maxsize=None)
def compiled(template: str, flags: int = re.IGNORECASE) -> re.Pattern[str]:
    """A template whose ``{group}`` fields are filled with that group's alternation, compiled. Memoised here, once
    for every rule: a rule may ask for its pattern on every call (a wrapper that forgot its own memo compiled a
    lexicon-sized alternation per amount), and two rules asking for the same template share one pattern."""
    groups = re.findall(r"\{([a-z_]+)\}", template)
    text = template
    for group in groups:
        # a pattern's usual starts, made skippable
        text = text.replace(WORD_START + "{" + group + "}", skippable(group, _LATIN_OR_CYRILLIC_WORD_CHAR))
        if text.startswith("{" + group + "}"):
            text = skippable(group) + text[len(group) + 2:]
        text = text.replace("{" + group + "}", alternatives(group))
    return re.compile(text, flags)
