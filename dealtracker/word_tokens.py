"""The word tokens of a text, cut once and shared by every reader of it, and the register of every distinct word
met so far, which lets each reader classify a word once in its life instead of checking every text's words.

Split from ``terms.py``: the lexicon matchers (``terms.py``) and the money reader's anchoring
(``extract/money/anchoring.py``) both read these tokens.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from itertools import accumulate

_WORD_SPLIT = re.compile(r"(\w+)")

# Distinct words kept in one register before a new one is started (memory stays bounded on an endless stream;
# each reader then classifies the words of the new register afresh).
REGISTER_LIMIT = 200_000


class WordRegister:
    """Every distinct word met by the token cutter, in the order first met.

    Why: each lexicon matcher (names, deal cues, sectors, references) and the money reader's anchoring classify
    a word once (does a term start here? is it an anchor?) and remember the answer. They used to find the
    words of each text they had not classified by a set difference of the text's words against their memo —
    four or five such passes per article, each a hash look-up per distinct word. Now the text's words are
    checked against this register once, when cut, and a reader only classifies the words added since it last
    looked (``words[upto:]``): nothing at all, once the common words are known.

    Only ever appended to (words first, then the set, so a word found in ``seen`` is already in ``words``), and
    replaced whole when full: a reader that remembers where it stopped in one register never mixes it with
    another. Threads sharing it may add a word twice, which only costs a second classification.
    """

    __slots__ = ("seen", "words")

    def __init__(self) -> None:
        self.words: list[str] = []
        self.seen: set[str] = set()


_register = WordRegister()


def register_words(words: list[str]) -> WordRegister:
    """Add the words not met before to the current register, and return that register."""
    global _register
    register = _register
    if len(register.words) > REGISTER_LIMIT:
        register = _register = WordRegister()
    # (in C; most texts bring no new word once the common ones are known, and then no set of the text's words is
    # built: one look-up per word)
    if not register.seen.issuperset(words):
        new = set(words) - register.seen
        register.words.extend(new)
        register.seen.update(new)
    return register


class Tokens:
    """The word tokens of one stretch of text, cut once and shared by every matcher that reads it.

    An article is read by several lexicons (names, deal cues, sector words, references) one after the other;
    cutting and case-folding its words once instead of once per lexicon was the first saving the profile
    showed. The text is cut by one ``re.split`` and the offsets summed by ``accumulate``, both in C.
    ``register``: the word register that holds every word of this text (see ``WordRegister``).
    """

    __slots__ = ("_gaps", "_pieces", "ends", "folded", "register", "starts", "text", "words")

    def __init__(self, text: str, start: int, end: int):
        self.text = text
        # [gap, word, gap, word, …, gap]: \w+ has no look-around, so cutting the slice finds the same words
        # as searching text between start and end
        pieces = _WORD_SPLIT.split(text[start:end])
        offsets = list(accumulate(map(len, pieces), initial=start))
        self.words: list[str] = pieces[1::2]
        self.starts: list[int] = offsets[1::2]
        self.ends: list[int] = offsets[2::2]
        self.folded: list[str] = list(map(str.casefold, self.words))
        self.register = register_words(self.words)
        self._pieces = pieces
        self._gaps: dict[int, str] = {}

    def gap(self, k: int) -> str:
        """What stands between token k and token k + 1, whitespace removed ("&", "-", "")."""
        found = self._gaps.get(k)
        if found is None:
            found = self._gaps[k] = "".join(self._pieces[2 * k + 2].split())
        return found


_recent_tokens: tuple[tuple[str, int, int, Tokens], ...] = ()
# How many recent cuts are kept: the whole article's, and a few lines' (page furniture) read in between
# before the reference matcher reads the whole article again.
RECENT_TOKENS = 4


def tokens_of(text: str, start: int, end: int) -> Tokens:
    """Tokens of text[start:end], reusing those of a recent call that read the very same text.

    The identity test (``is``) makes this safe: the cache holds a reference to the text, so no other string
    can take its place; a new tuple is swapped in whole, so concurrent threads at worst miss the cache.
    """
    global _recent_tokens
    recent = _recent_tokens
    for cached_text, cached_start, cached_end, tokens in recent:
        if cached_text is text and cached_start == start and cached_end == end:
            return tokens
    tokens = Tokens(text, start, end)
    _recent_tokens = ((text, start, end, tokens), *recent[: RECENT_TOKENS - 1])
    return tokens


def word_tokens(text: str, start: int, end: int) -> Tokens:
    """The word tokens (``\\w+`` runs) of text[start:end]: ``words``, ``starts``, ``ends`` (and ``folded``,
    ``register``), cut once and shared with the lexicon matchers that read the same text afterwards."""
    return tokens_of(text, start, end)


class Classified:
    """How far a reader has classified the words of one register: ``upto`` words of ``register.words``.

    Replaced whole (with the reader's memo) when the register changes, so the count always speaks of the memo
    it was stored with. A count is stored only after the words below it were classified; a thread that stores
    a smaller count than another's merely makes the next call classify some words again."""

    __slots__ = ("register", "upto")

    def __init__(self, register: WordRegister):
        self.register = register
        self.upto = 0

    def classify(self, add: Callable[[str], None]) -> None:
        """Hand each word of the register not classified yet to ``add`` (none, once the common words are
        known), then count them as classified."""
        words = self.register.words
        upto, end = self.upto, len(words)
        if upto < end:
            for word in words[upto:end]:
                add(word)
            self.upto = end
