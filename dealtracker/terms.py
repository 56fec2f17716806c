"""Find lexicon terms (names, aliases, cue words) in normalised text, in three scripts.

Hand-rolled on purpose: the gazetteers need Arabic proclitics (و ف ب ك ل before a word, ل + ال → لل),
Russian stems ("Боинг*" for Боинга, Боингом) and case rules (names with capitals are case-sensitive, so
"Meta" never matches "meta" and the country "Того" never matches the Russian word "того"). A general fuzzy
matcher (rapidfuzz) answers a different question — how alike two names are — and is used for that in
duplicate detection, not here.

Term syntax (shared by every CSV in data/): matched at the start of a word; a trailing ``*`` makes the term
a stem; spaces match any whitespace; terms with an uppercase letter (Latin or Cyrillic) are case-sensitive.

How: text and terms are cut into word tokens; terms are indexed by their first token (exact words in one
dict, stems in another keyed by the stem), so matching costs a few dict look-ups per word of text whatever
the size of the lexicon — thousands of aliases stay fast.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from typing import Generic, Iterable, Iterator, TypeVar

from .text import normalise_term

P = TypeVar("P")

_TOKEN = re.compile(r"\w+")
_PROCLITICS = set("\u0648\u0641\u0628\u0643\u0644")  # و ف ب ك ل
_ARTICLE = "\u0627\u0644"  # ال
_LAM_LAM = "\u0644\u0644"  # لل
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


@dataclass(frozen=True)
class TermMatch(Generic[P]):
    start: int
    end: int
    payload: P
    term: str


@dataclass(frozen=True)
class _Term(Generic[P]):
    text: str  # normalised, without the trailing *
    tokens: tuple[str, ...]  # case-folded
    gaps: tuple[str, ...]  # what stands between tokens, whitespace removed ("&", "-", "")
    stem: bool
    case_sensitive: bool
    payload: P


def _prepare(raw: str, payload: P) -> _Term[P] | None:
    term = normalise_term(raw.strip())
    stem = term.endswith("*")
    body = term.rstrip("*").strip()
    pieces = list(_TOKEN.finditer(body))
    if not pieces:
        return None
    gaps = tuple(
        re.sub(r"\s+", "", body[a.end():b.start()]) for a, b in zip(pieces, pieces[1:])
    )
    return _Term(
        text=body,
        tokens=tuple(p.group().casefold() for p in pieces),
        gaps=gaps,
        stem=stem,
        case_sensitive=any(ch.isupper() for ch in body),
        payload=payload,
    )


def _arabic_forms(token: str) -> list[tuple[str, int]]:
    """Forms of a text token with its proclitics taken off, each with how many letters were taken."""
    forms = [(token, 0)]
    if not _ARABIC_LETTER.match(token):
        return forms
    for cut in (1, 2):
        if len(token) > cut + 1 and all(ch in _PROCLITICS for ch in token[:cut]):
            rest = token[cut:]
            forms.append((rest, cut))
            if rest.startswith(_LAM_LAM):
                forms.append((_ARTICLE + rest[2:], cut))
    if token.startswith(_LAM_LAM) and len(token) > 3:
        forms.append((_ARTICLE + token[2:], 0))
    return forms


class _Tokens:
    """The word tokens of one stretch of text, cut once and shared by every matcher that reads it.

    An article is read by several lexicons (names, deal cues, sector words, references) one after the other;
    cutting and case-folding its words once instead of once per lexicon was the first saving the profile
    showed. What stands between two words (the gap) is worked out only when a term of several words asks.
    """

    __slots__ = ("text", "words", "folded", "starts", "ends", "_gaps")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        self.words: list[str] = []
        self.starts: list[int] = []
        self.ends: list[int] = []
        for m in _TOKEN.finditer(text, start, end):
            self.words.append(m.group())
            self.starts.append(m.start())
            self.ends.append(m.end())
        self.folded = [w.casefold() for w in self.words]
        self._gaps: dict[int, str] = {}

    def gap(self, k: int) -> str:
        """What stands between token k and token k + 1, whitespace removed ("&", "-", "")."""
        found = self._gaps.get(k)
        if found is None:
            found = self._gaps[k] = "".join(self.text[self.ends[k]:self.starts[k + 1]].split())
        return found


_last_tokens: tuple[str, int, int, _Tokens] | None = None


def _tokens(text: str, start: int, end: int) -> _Tokens:
    """Tokens of text[start:end], reusing those of the previous call when it read the very same text.

    The identity test (``is``) makes this safe: the cache holds a reference to the text, so no other string
    can take its place; a single tuple is swapped in, so concurrent threads at worst miss the cache.
    """
    global _last_tokens
    last = _last_tokens
    if last is not None and last[0] is text and last[1] == start and last[2] == end:
        return last[3]
    tokens = _Tokens(text, start, end)
    _last_tokens = (text, start, end, tokens)
    return tokens


class TermMatcher(Generic[P]):
    """Index many (term, payload) pairs and report non-overlapping, longest-first matches.

    A term listed with several payloads yields one match per payload at the same place.
    """

    def __init__(self, entries: Iterable[tuple[str, P]]):
        self._exact: dict[str, list[_Term[P]]] = defaultdict(list)
        self._stems: dict[str, list[_Term[P]]] = defaultdict(list)
        self._max_stem = 0
        self._cache: dict[str, list[tuple[_Term[P], str, int]]] = {}
        self._written: dict[int, str] = {}  # id(term) → its text with whitespace runs as one space
        seen: set[tuple] = set()
        for raw, payload in entries:
            term = _prepare(raw, payload)
            if term is None:
                continue
            key = (term.tokens, term.gaps, term.stem, term.text if term.case_sensitive else "", repr(payload))
            if key in seen:
                continue
            seen.add(key)
            if term.case_sensitive:
                self._written[id(term)] = re.sub(r"\s+", " ", term.text)
            if term.stem and len(term.tokens) == 1:
                self._stems[term.tokens[0]].append(term)
                self._max_stem = max(self._max_stem, len(term.tokens[0]))
            else:
                self._exact[term.tokens[0]].append(term)

    def _candidates(self, token: str) -> list[tuple[_Term[P], str, int]]:
        """Terms that may start at this text token (memoised: news repeats its words)."""
        found = self._cache.get(token)
        if found is None:
            if len(self._cache) > 200_000:
                self._cache.clear()
            found = self._cache[token] = list(self._lookup(token))
        return found

    def _lookup(self, token: str) -> Iterator[tuple[_Term[P], str, int]]:
        """Terms that may start at this text token, with the token's form that met them."""
        for form, cut in _arabic_forms(token):
            folded = form.casefold()
            for term in self._exact.get(folded, ()):
                yield term, folded, cut
            for length in range(1, min(len(folded), self._max_stem) + 1):
                for term in self._stems.get(folded[:length], ()):
                    yield term, folded, cut

    def _match_at(self, term: _Term[P], tokens: _Tokens, i: int, first: str, cut: int) -> int | None:
        """End offset if ``term`` matches the text tokens from index i, whose first token reads ``first``."""
        n = len(term.tokens)
        if i + n > len(tokens.words):
            return None
        folded = tokens.folded
        for k in range(n):
            word = first if k == 0 else folded[i + k]
            if k > 0 and tokens.gap(i + k - 1) != term.gaps[k - 1]:
                return None
            if term.stem and k == n - 1:
                if not word.startswith(term.tokens[k]):
                    return None
            elif word != term.tokens[k]:
                return None
        if term.case_sensitive:
            written = re.sub(r"\s+", " ", tokens.text[tokens.starts[i] + cut:tokens.ends[i + n - 1]])
            wanted = self._written[id(term)]
            if not (written.startswith(wanted) if term.stem else written == wanted):
                return None
        return tokens.ends[i + n - 1]

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[TermMatch[P]]:
        """All matches in text[start:end], left to right, the longest where several start at one word."""
        end = len(text) if end is None else end
        tokens = _tokens(text, start, end)
        words = tokens.words
        cache = self._cache
        i = 0
        while i < len(words):
            if not (cache.get(words[i]) if words[i] in cache else self._candidates(words[i])):
                i += 1  # most words start no term: one dictionary look-up each
                continue
            best, best_stop, best_length = self._best_at(tokens, i)
            if not best:
                i += 1
                continue
            # "شركة هيونداي روتيم": a name that starts a word later but reaches further is the fuller name
            if best_length > 1:
                later, later_stop, _ = self._best_at(tokens, i + 1)
                if later and later_stop > best_stop:
                    i += 1
                    continue
            for term in best:
                yield TermMatch(tokens.starts[i], best_stop, term.payload, term.text + ("*" if term.stem else ""))
            i += best_length

    def _best_at(self, tokens: _Tokens, i: int) -> tuple[list[_Term[P]], int, int]:
        """The longest terms starting at token i (several when one word has several meanings)."""
        best: list[_Term[P]] = []
        best_stop, best_length = -1, 0
        if i >= len(tokens.words):
            return best, best_stop, best_length
        for term, first, cut in self._candidates(tokens.words[i]):
            stop = self._match_at(term, tokens, i, first, cut)
            if stop is None:
                continue
            if (stop, len(term.tokens)) > (best_stop, best_length):
                best, best_stop, best_length = [term], stop, len(term.tokens)
            elif (stop, len(term.tokens)) == (best_stop, best_length) and term.payload not in [b.payload for b in best]:
                best.append(term)  # one word, several meanings: "agreed" is a status and a deal type
        return best, best_stop, best_length

    def findall(self, text: str, start: int = 0, end: int | None = None) -> list[TermMatch[P]]:
        return list(self.finditer(text, start, end))
