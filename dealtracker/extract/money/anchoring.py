"""The anchored search: the money regex tried only shortly before the places an amount must contain.

Apart from the lexicon because it is an optimisation with its own proof obligation (the leftmost match found is
the one ``finditer`` finds; ``tests/test_money.py`` compares both on recombined and generated text), and the
memos it keeps are shared by threads.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import compress

from ...word_tokens import Classified, WordRegister, word_tokens
from ...text import normalise_term
from .patterns import _runs, _word_test


@dataclass(frozen=True)
class _Anchoring:
    """What it takes to look for amounts only near the words that every amount must contain.

    Every amount holds an *anchor*: the first digit of its number, the scale word after a number word ("two
    billion"), or a dual ("ملياري"). Before the anchor stand at most a qualifier, a currency prefix and number
    words, and each whole word (``\\w+`` run) of those is a word of those lexicons: ``transparent``. So
    the leftmost amount at or after a position starts after the last non-transparent word before the next
    anchor, and the money regex is searched from there instead of at every position of the text in between.
    """

    anchor_word: re.Pattern[str]  # a word where a scale word (after a number word) or a dual can begin
    transparent: re.Pattern[str]  # a word that can be part of what stands before an anchor
    memo: dict[str, bool] = field(default_factory=dict, compare=False)  # word → transparent
    # [(how far the word register is classified, the anchor words among its words)]: replaced whole when the
    # register is, never cleared in place, and counted only once classified, so that a thread sharing it
    # never takes an anchor word for an ordinary one
    anchors: list[tuple[Classified, set[str]]] = field(
        default_factory=lambda: [(Classified(WordRegister()), set())], compare=False
    )

    @staticmethod
    def of(qualifiers: list[str], prefixes: list[str], numbers: list[str], scales: list[str], duals: list[str]):
        """None when the lexicons break the assumptions (a digit in a word, a scale word not starting with a
        letter): then the plain search is used."""
        every = qualifiers + prefixes + numbers + scales + duals
        if any(re.search(r"\d", normalise_term(t)) for t in every):
            return None
        if any(not re.match(r"\w", normalise_term(t)) for t in scales + duals):
            return None
        first_exact, first_stem = [], []
        for runs, stem in _runs(scales + duals):
            (first_stem if stem and len(runs) == 1 else first_exact).append(runs[0])
        exact, stems, ends = [], [], []
        for terms, open_end in ((qualifiers, False), (numbers, False), (prefixes, True)):
            for runs, stem in _runs(terms):
                if not runs:
                    continue  # "$", "€": not words, they stand between words
                exact.extend(runs[:-1])
                # the last word of a stem, or of a currency prefix (which may run on into a word): any word
                # that begins with it
                (stems if stem or open_end else exact).append(runs[-1])
                if open_end:
                    ends.append(runs[0])  # a prefix may begin inside a word ("XUSD 5"): its first run ends it
        return _Anchoring(_word_test(first_exact, first_stem), _word_test(exact, stems, ends))

    def is_transparent(self, word: str) -> bool:
        found = self.memo.get(word)
        if found is None:
            if len(self.memo) > 100_000:
                self.memo.clear()
            found = self.memo[word] = self.transparent.match(word) is not None
        return found


def _note_anchor(anchoring: _Anchoring, anchor_words: set[str], word: str) -> None:
    if anchoring.anchor_word.match(word) is not None:
        anchor_words.add(word)


_DIGITS = re.compile(r"\d\d*")  # not "\d+": a pattern that begins with a class is skipped to in C


def _anchored_finditer(regex: re.Pattern[str], anchoring: _Anchoring, text: str) -> Iterator[re.Match[str]]:
    """Exactly ``regex.finditer(text)``, with the regex searched only from shortly before each anchor.

    Why: the money regex costs about a hundred nanoseconds at every position of the text it is tried at —
    a third of the engine's time went into trying it at positions far from any number. See ``_Anchoring``
    for why no match can begin between ``pos`` and the start of the search (so the leftmost match found from
    there is the one ``finditer`` finds); when an anchor holds no amount, the search simply runs on to the
    next one, as ``finditer`` would.
    """
    tokens = word_tokens(text, 0, len(text))
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    classified, anchor_words = anchoring.anchors[0]
    if classified.register is not tokens.register:  # a new word register: its words are classified afresh
        classified, anchor_words = anchoring.anchors[0] = (Classified(tokens.register), set())
    classified.classify(lambda word: _note_anchor(anchoring, anchor_words, word))  # (the words met since)
    anchors = [m.start() for m in _DIGITS.finditer(text)]
    anchors += compress(starts, map(anchor_words.__contains__, words))
    anchors.sort()
    is_transparent, transparent = anchoring.is_transparent, anchoring.memo.get
    search = regex.search
    pos, k, n = 0, 0, len(anchors)
    while True:
        k = bisect_left(anchors, pos, k)  # the first anchor at or after pos
        if k == n:
            return
        j = bisect_right(starts, anchors[k]) - 2  # the word before the anchor's word
        while j >= 0 and ends[j] > pos:
            word = words[j]
            known = transparent(word)
            if not (is_transparent(word) if known is None else known):
                break
            j -= 1
        m = search(text, max(pos, ends[j]) if j >= 0 else pos)
        if m is None:
            return
        yield m
        pos = m.end()
