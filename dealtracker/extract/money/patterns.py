"""Term lists → fast regex alternations: how the money lexicons become one pattern.

Apart from the lexicon so that the regex craft (factoring on the first letter, letters written so that the
engine can skip them, whole-word tests) is read and tested on its own; the per-unit test of ``rates.py`` and
the anchoring of ``anchoring.py`` build from the same pieces. Every pattern means exactly what a plain
case-insensitive alternation of the terms, longest first, would mean: only its speed differs.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ...text import normalise_term
from ..skippable import any_of


def _terms(terms: list[str], word_end: bool) -> list[tuple[str, str]]:
    """(first character, regex for the rest) of each term, longest term first."""
    parts = []
    for raw in sorted({normalise_term(t) for t in terms}, key=len, reverse=True):
        stem = raw.endswith("*")
        words = raw.rstrip("*").split()
        if not words:
            continue
        rest = re.escape(words[0][1:]) + "".join(r"\s+" + re.escape(w) for w in words[1:])
        tail = r"\w*" if stem else (r"(?!\w)" if word_end and raw[-1:].isalnum() else "")
        parts.append((words[0][0], rest + tail))
    return parts


def _case_key(ch: str) -> str:
    """Letters that one case-insensitive letter of a pattern can match share a key (s, S and ſ; i, I, ı and İ)."""
    return ch.upper().casefold()[:1]


@lru_cache(maxsize=None)  # a few dozen letters, each asked for by many terms: 0.1 s of every start
def _first(ch: str) -> str:
    """``ch`` as the first letter of an alternative, written so that the regex engine can skip it fast.

    The engine skips an alternative of ``a|b|c`` without entering it only when it begins with a
    case-sensitive character or set. So a cased letter becomes a case-sensitive set of every character that
    could match it case-insensitively (``skippable.any_of``: every character but those of its blocks that the engine itself
    does not match to it) followed by a case-insensitive look-back at that same letter: exactly what the
    letter alone matched, but skippable.
    """
    if ch.lower() == ch.upper():
        return re.escape(ch)
    return any_of({ch}) + "(?<=" + re.escape(ch) + ")"


def _alternation(terms: list[str], word_end: bool = True, fast_skip: bool = False) -> str:
    r"""All terms as one case-insensitive alternation, longest first, factored on the first letter.

    Factored for speed, with the same meaning: Python's regex engine tries the alternatives of ``a|b|c`` one
    by one at every position, and a case-insensitive literal gives it no quick way to skip one, so 250 money
    words cost 250 attempts at every word of the text. Grouped by first letter (``m(?:ore\s+than|ln)|…``), a
    position costs one attempt per first letter (and with ``fast_skip``, see ``_first``, hardly any).
    Terms whose first letters differ can never match at the same place, so putting them in separate groups
    changes no match; within a group the longest-first order is kept.
    """
    first_of = _first if fast_skip else re.escape
    groups: dict[str, list[tuple[str, str]]] = {}
    for first, rest in _terms(terms, word_end):
        groups.setdefault(_case_key(first), []).append((first, rest))
    out = []
    for members in groups.values():
        firsts = {first for first, _ in members}
        if len(firsts) == 1:
            rests = [rest for _, rest in members]
            body = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
            out.append(first_of(members[0][0]) + body)
        else:  # the same letter written in two cases: keep each term whole
            out.append("(?:" + "|".join(first_of(first) + rest for first, rest in members) + ")")
    return "|".join(out)


def _first_letters(terms: list[str]) -> str:
    """A regex class of the letters the terms can start with."""
    return "[" + "".join(re.escape(first) for first in sorted({f for f, _ in _terms(terms, False)})) + "]"


def _word_test(exact: list[str], prefixes: list[str], suffixes: list[str] = ()) -> re.Pattern[str]:
    """One case-insensitive test of a whole word: equal to a word of ``exact``, beginning with one of
    ``prefixes`` or ending with one of ``suffixes`` (the regex engine's own case rules, as in the money regex)."""
    def alternation(words) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"
    return re.compile(
        r"(?:" + alternation(exact) + r")\Z|(?:" + alternation(prefixes) + r")|\w*(?:" + alternation(suffixes) + r")\Z",
        re.IGNORECASE,
    )


def _runs(terms: list[str]) -> list[tuple[list[str], bool]]:
    """Each normalised term's word runs (``\\w+``) and whether it is a stem."""
    out = []
    for raw in {normalise_term(t) for t in terms}:
        out.append((re.findall(r"\w+", raw.rstrip("*")), raw.endswith("*")))
    return out
