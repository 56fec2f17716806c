"""Find lexicon terms (names, aliases, cue words) in normalised text, in three scripts.

Hand-rolled on purpose: the gazetteers need Arabic proclitics (و ف ب ك ل before a word), Russian stems
("Боинг*" for Боинга, Боингом) and case rules (names with capitals are case-sensitive, so "Meta" never
matches "meta" and the country "Того" never matches the Russian word "того"). A general fuzzy matcher (rapidfuzz) answers a different question — how alike two
names are — and is used for that in duplicate detection, not here.

Term syntax (shared by every CSV in data/): matched at the start of a word; a trailing ``*`` makes the term
a stem; spaces match any whitespace; terms with an uppercase letter (Latin or Cyrillic) are case-sensitive.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

from .text import normalise_term

P = TypeVar("P")

_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")
_PROCLITICS = "(?:[\u0648\u0641\u0628\u0643\u0644]{1,2}(?=\\w))?"
_ARTICLE = "\u0627\u0644"  # ال


@dataclass(frozen=True)
class TermMatch(Generic[P]):
    start: int
    end: int
    payload: P
    term: str


def _term_pattern(term: str) -> str:
    stem = term.endswith("*")
    body = term[:-1] if stem else term
    words = [re.escape(w) for w in body.split()]
    pattern = r"\s+".join(words)
    if _ARABIC_LETTER.match(body):
        variants = [pattern]
        if body.startswith(_ARTICLE) and len(body) > 2:
            variants.append("\u0644\u0644" + re.escape(body[2:]).replace(r"\ ", r"\s+"))  # ل + ال → لل
        pattern = _PROCLITICS + "(?:" + "|".join(variants) + ")"
    tail = r"\w*" if stem else r"(?!\w)"
    lead = r"(?<!\w)" if body[:1].isalnum() or _ARABIC_LETTER.match(body) else ""
    return lead + pattern + tail


def _is_case_sensitive(term: str) -> bool:
    return any(ch.isupper() for ch in term)


class TermMatcher(Generic[P]):
    """Compile many (term, payload) pairs into two regexes and report non-overlapping matches."""

    def __init__(self, entries: Iterable[tuple[str, P]]):
        sensitive: list[tuple[str, P]] = []
        insensitive: list[tuple[str, P]] = []
        seen: set[tuple[str, bool]] = set()
        for raw, payload in entries:
            term = normalise_term(raw.strip())
            if not term or term == "*":
                continue
            case = _is_case_sensitive(term)
            key = (term if case else term.casefold(), case)
            if key in seen:
                continue
            seen.add(key)
            (sensitive if case else insensitive).append((term, payload))
        self._parts = [
            self._compile(sensitive, 0),
            self._compile(insensitive, re.IGNORECASE),
        ]

    @staticmethod
    def _compile(entries: list[tuple[str, P]], flags: int) -> tuple[re.Pattern[str] | None, list[tuple[str, P]]]:
        if not entries:
            return None, []
        ordered = sorted(entries, key=lambda e: len(e[0].rstrip("*")), reverse=True)
        alternatives = [f"(?P<t{i}>{_term_pattern(term)})" for i, (term, _) in enumerate(ordered)]
        return re.compile("|".join(alternatives), flags), ordered

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[TermMatch[P]]:
        """All matches in text[start:end], left to right, longest first where two overlap."""
        end = len(text) if end is None else end
        found: list[TermMatch[P]] = []
        for regex, ordered in self._parts:
            if regex is None:
                continue
            for m in regex.finditer(text, start, end):
                term, payload = ordered[int(m.lastgroup[1:])]
                found.append(TermMatch(m.start(), m.end(), payload, term))
        found.sort(key=lambda t: (t.start, -(t.end - t.start)))
        last_end = -1
        for match in found:
            if match.start >= last_end:
                yield match
                last_end = match.end

    def findall(self, text: str, start: int = 0, end: int | None = None) -> list[TermMatch[P]]:
        return list(self.finditer(text, start, end))
