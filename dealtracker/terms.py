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
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress
from typing import Generic, NamedTuple, TypeVar

from .languages import letters_of
from .text import normalise_term
from .word_tokens import Classified, Tokens as _Tokens, WordRegister, tokens_of as _tokens, word_tokens

__all__ = ["TermMatch", "TermMatcher", "word_tokens"]

P = TypeVar("P")

_TOKEN = re.compile(r"\w+")
_SPACES = re.compile(r"\s+")
_ARTICLE = "\u0627\u0644"  # ال
_LAM_LAM = "\u0644\u0644"  # لل
_ARABIC_LETTER = re.compile(r"[\u0621-\u064a]")


class TermMatch(NamedTuple, Generic[P]):
    """One match of a lexicon term: where, what it means (payload) and the term as listed.

    A named tuple rather than a frozen dataclass: as immutable and comparable, and made several times faster —
    a news article yields tens of thousands of matches, and building them showed in the profile."""

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
    label: str  # the term as reported in a match: its text, with "*" for a stem
    # the words after the first that must match whole (all of them, or all but a stem's last), as a list so
    # that a slice of the text's words compares with them in one step
    whole_rest: list[str] = field(default_factory=list, compare=False)


def _written_as(written: str, wanted: str, stem: bool) -> bool:
    """Whether a case-sensitive term's word is written so: as the term writes it, or in capitals throughout
    when it has five letters or more ("PROPARCO", "SOCAR", «КАЗМУНАЙГАЗ»: headlines, press releases and tables
    write names in capitals; a short capitalised word may be a common one)."""
    if written.startswith(wanted) if stem else written == wanted:
        return True
    capitals = wanted.upper()
    if len(wanted) >= 5 and written.isupper():
        return written.startswith(capitals) if stem else written == capitals
    # «с АВТОВАЗом», «ЕВРАЗа»: a name in capitals with its Russian case ending in small letters
    head = written.rstrip(_SMALL_CYRILLIC)
    return len(head) >= 5 and head.isupper() and len(written) - len(head) <= 3 and (
        written.upper().startswith(capitals) if stem else written.upper() == capitals)


_SMALL_CYRILLIC = "абвгдеёжзийклмнопрстуфхцчшщъыьэюя"


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
    tokens = tuple(p.group().casefold() for p in pieces)
    return _Term(
        text=body,
        tokens=tokens,
        gaps=gaps,
        stem=stem,
        case_sensitive=any(ch.isupper() for ch in body),
        payload=payload,
        label=body + "*" if stem else body,
        whole_rest=list(tokens[1:-1] if stem else tokens[1:]),
    )


@lru_cache(maxsize=1)
def _proclitics() -> frozenset[str]:
    """Letters a language pack says are written joined to the next word (Arabic و ف ب ك ل)."""
    return frozenset(letters_of("proclitics"))


def _arabic_forms(token: str) -> list[tuple[str, int]]:
    """Forms of a text token with its proclitics taken off, each with how many letters were taken."""
    forms = [(token, 0)]
    if not _ARABIC_LETTER.match(token):
        return forms
    for cut in (1, 2):
        if len(token) > cut + 1 and all(ch in _proclitics() for ch in token[:cut]):
            rest = token[cut:]
            forms.append((rest, cut))
            if rest.startswith(_LAM_LAM):
                forms.append((_ARTICLE + rest[2:], cut))
    if token.startswith(_LAM_LAM) and len(token) > 3:
        forms.append((_ARTICLE + token[2:], 0))
    return forms


class _Starts(Generic[P]):
    """The terms that may start at one text token, sorted by what their second word must be.

    Most candidates are names of several words ("the bank", "Asian Development Bank", "شركة …"): filed
    under their second word, they are tried only where the text's next word is that word, instead of one by
    one at every "the" or "شركة". Candidates are handed out in their original order, so ties between terms of
    equal length resolve as before.
    """

    __slots__ = ("_any", "_by_second", "_given", "_plain", "by_second", "fixed")

    def __init__(self, candidates: Iterable[tuple[_Term[P], str, int]]):
        self._any: list[tuple[int, _Term[P], str, int]] = []
        self._by_second: dict[str, list[tuple[int, _Term[P], str, int]]] = {}
        for order, (term, first, cut) in enumerate(candidates):
            entry = (order, term, first, cut)
            # the second word is compared whole unless it is the last word of a stem ("Asian Develop*")
            if len(term.tokens) > 1 and not (term.stem and len(term.tokens) == 2):
                self._by_second.setdefault(term.tokens[1], []).append(entry)
            else:
                self._any.append(entry)
        self._plain = [(term, first, cut) for _, term, first, cut in self._any]
        self._given: dict[str, list[tuple[_Term[P], str, int]]] = {}  # next word → the candidates, in order
        self.by_second = self._by_second  # (read by the matcher's inline fast path)
        # When every candidate that needs no second word is one word, the look-up already matched them all
        # (case-sensitive ones were checked against this token by ``TermMatcher._as_written``): the answer at
        # this word is known in advance (unless a longer name follows).
        self.fixed: list[_Term[P]] | None = None
        if all(len(term.tokens) == 1 for _, term, _, _ in self._any):
            self.fixed = []
            for _, term, _, _ in self._any:
                if term.payload not in [b.payload for b in self.fixed]:
                    self.fixed.append(term)

    def __bool__(self) -> bool:
        return bool(self._any or self._by_second)

    def longer(self, following: str | None) -> list[tuple[int, _Term[P], str, int]] | None:
        """Candidates of several words whose second word is ``following`` (case-folded)."""
        return self._by_second.get(following) if following is not None and self._by_second else None

    def given(self, following: str | None) -> list[tuple[_Term[P], str, int]]:
        """Candidates that can match when the text's next word, case-folded, is ``following``."""
        more = self.longer(following)
        if not more:
            return self._plain
        found = self._given.get(following)  # type: ignore[arg-type]
        if found is None:
            found = [(term, first, cut) for _, term, first, cut in sorted(self._any + more, key=lambda e: e[0])]
            self._given[following] = found  # type: ignore[index]
        return found


_NO_STARTS: _Starts = _Starts(())

# A matcher's memo: text token → the terms that may start there; the tokens where some may; how far the word
# register is classified.
_Memo = tuple[dict[str, _Starts[P]], set[str], Classified]


class TermMatcher(Generic[P]):
    """Index many (term, payload) pairs and report non-overlapping, longest-first matches.

    A term listed with several payloads yields one match per payload at the same place.
    """

    def __init__(self, entries: Iterable[tuple[str, P]]):
        self._exact: dict[str, list[_Term[P]]] = defaultdict(list)
        self._stems: dict[str, list[_Term[P]]] = defaultdict(list)
        self._max_stem = 0
        # Memo of text token → terms that may start there, the set of tokens where some may, and how far the
        # words of the word register are classified (``word_tokens.Classified``: every word the token cutter
        # met, so a text's words need no check against the memo). Replaced whole (never cleared in place)
        # when the register is, and filled starters-first, so that a call running in another thread always
        # sees a token in the set once it sees it in the memo.
        self._memo: _Memo[P] = ({}, set(), Classified(WordRegister()))
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

    def _starts(self, token: str) -> _Starts[P]:
        """Terms that may start at this text token (memoised: news repeats its words)."""
        memo = self._memo
        found = memo[0].get(token)
        return found if found is not None else self._add_starts(memo, token)

    def _add_starts(self, memo: _Memo[P], token: str) -> _Starts[P]:
        found = _Starts(self._as_written(token, self._lookup(token)))
        if found:
            memo[1].add(token)
        else:
            found = _NO_STARTS  # (most words start no term: one shared answer, not one object per word)
        memo[0][token] = found
        return found

    def _as_written(
        self, token: str, candidates: Iterable[tuple[_Term[P], str, int]]
    ) -> Iterator[tuple[_Term[P], str, int]]:
        """The candidates whose case rule this very token (as written) can meet.

        A case-sensitive term's first word must be written exactly so ("IT", not "it"; "US", not "us"): that
        depends on the token alone, so it is decided once per distinct token here (the memo is keyed by the
        token as written) rather than at every occurrence. A one-word term that passes needs no further test
        (``_match_at`` would compare the same text), so "Kazakhstan" is answered in advance like "kazakh*".
        """
        for term, first, cut in candidates:
            if term.case_sensitive:
                written = token[cut:]
                wanted = self._written[id(term)]
                if len(term.tokens) == 1:
                    if not _written_as(written, wanted, term.stem):
                        continue
                else:  # the written text begins with this token and a non-word character, as must the term
                    lead = _TOKEN.match(wanted)
                    if lead is None or not _written_as(written, lead.group(), False):
                        continue
            yield term, first, cut

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
        if n == 1:
            # The look-up that found a one-word term already matched its word (whole, or as a stem), and one
            # word holds no whitespace: only the case rule is left to test.
            end = tokens.ends[i]
            if term.case_sensitive:
                written = tokens.text[tokens.starts[i] + cut:end]
                if not _written_as(written, self._written[id(term)], term.stem):
                    return None
            return end
        if i + n > len(tokens.words):
            return None
        folded = tokens.folded
        # the words first (most candidates fail there, and one slice comparison runs in C), then what stands
        # between them
        if first != term.tokens[0]:
            return None
        rest = term.whole_rest
        if folded[i + 1:i + 1 + len(rest)] != rest:
            return None
        if term.stem and not folded[i + n - 1].startswith(term.tokens[-1]):
            return None
        for k in range(1, n):
            if tokens.gap(i + k - 1) != term.gaps[k - 1]:
                return None
        if term.case_sensitive:
            written = _SPACES.sub(" ", tokens.text[tokens.starts[i] + cut:tokens.ends[i + n - 1]])
            if not _written_as(written, self._written[id(term)], term.stem):
                return None
        return tokens.ends[i + n - 1]

    def finditer(self, text: str, start: int = 0, end: int | None = None) -> Iterator[TermMatch[P]]:
        """All matches in text[start:end], left to right, the longest where several start at one word."""
        return iter(self.findall(text, start, end))

    def findall(self, text: str, start: int = 0, end: int | None = None) -> list[TermMatch[P]]:
        """``finditer``'s matches, built as a list: a generator resumed at every match cost more."""
        found: list[TermMatch[P]] = []
        append = found.append
        end = len(text) if end is None else end
        tokens = _tokens(text, start, end)
        words = tokens.words
        memo = self._memo
        if memo[2].register is not tokens.register:  # a new register: its words are classified afresh
            memo = self._memo = ({}, set(), Classified(tokens.register))
        cache, starters, classified = memo
        classified.classify(lambda word: self._add_starts(memo, word))  # (the words met since the last call)
        # Most words start no term: only the others are visited, in order, as the word-by-word walk would.
        # (compress and map run in C: no Python step per word of the text.)
        hits = list(compress(range(len(words)), map(starters.__contains__, words)))
        folded, word_starts, word_ends = tokens.folded, tokens.starts, tokens.ends
        last = len(words) - 1
        resume = 0
        for i in hits:
            if i < resume:
                continue
            # The common case inline (a word whose answer is known in advance, and no longer name follows):
            # this is ``_best_at``'s first test without its calls, on the memo filled above.
            starts = cache[words[i]]
            if starts.fixed is not None and (not starts.by_second or i == last or folded[i + 1] not in starts.by_second):
                for term in starts.fixed:
                    append(TermMatch(word_starts[i], word_ends[i], term.payload, term.label))
                resume = i + 1
                continue
            best, best_stop, best_length = self._best_at(tokens, i)
            if not best:
                continue
            # "شركة هيونداي روتيم": a name that starts a word later but reaches further is the fuller name
            if best_length > 1 and i < last and words[i + 1] in starters:  # (no term starts at a non-starter)
                later, later_stop, _ = self._best_at(tokens, i + 1)
                if later and later_stop > best_stop:
                    continue
            for term in best:
                append(TermMatch(word_starts[i], best_stop, term.payload, term.label))
            resume = i + best_length
        return found

    def _best_at(self, tokens: _Tokens, i: int) -> tuple[list[_Term[P]], int, int]:
        """The longest terms starting at token i (several when one word has several meanings)."""
        best: list[_Term[P]] = []
        best_stop, best_length = -1, 0
        if i >= len(tokens.words):
            return best, best_stop, best_length
        following = tokens.folded[i + 1] if i + 1 < len(tokens.words) else None
        starts = self._starts(tokens.words[i])
        if starts.fixed is not None and (following is None or following not in starts.by_second):  # (not longer())
            return (starts.fixed, tokens.ends[i], 1) if starts.fixed else (best, best_stop, best_length)
        for term, first, cut in starts.given(following):
            if len(term.tokens) == 1:
                stop: int | None = tokens.ends[i]  # the look-up (and _as_written) already matched its one word
            else:
                stop = self._match_at(term, tokens, i, first, cut)
            if stop is None:
                continue
            if (stop, len(term.tokens)) > (best_stop, best_length):
                best, best_stop, best_length = [term], stop, len(term.tokens)
            elif (stop, len(term.tokens)) == (best_stop, best_length) and term.payload not in [b.payload for b in best]:
                best.append(term)  # one word, several meanings: "agreed" is a status and a deal type
        return best, best_stop, best_length

