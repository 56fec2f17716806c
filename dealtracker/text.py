"""Text normalisation for matching, sentence and clause splitting, language guess.

The article text is never rewritten: matching runs on a normalised copy whose every character remembers
its index in the original, so evidence offsets always point into the text the person sees.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

_ONE_TO_ONE = {
    # Arabic-Indic and Persian digits
    **{chr(0x0660 + i): str(i) for i in range(10)},
    **{chr(0x06F0 + i): str(i) for i in range(10)},
    "\u066b": ".",  # Arabic decimal separator
    "\u066c": ",",  # Arabic thousands separator
    "\u060c": ",",  # Arabic comma: a clause break like ",", and a decimal or thousands mark in "509،2", "24،640"
    "\u00a0": " ", "\u2007": " ", "\u2009": " ", "\u202f": " ", "\u2002": " ", "\u2003": " ",
    "\u201c": '"', "\u201d": '"', "\u201e": '"', "\u00ab": '"', "\u00bb": '"', "\u2033": '"',
    "\u2018": "'", "\u2019": "'", "\u02bc": "'",
    "\u2013": "-", "\u2012": "-", "\u2212": "-",
    # Arabic letter variants that news spells inconsistently
    "\u0623": "\u0627", "\u0625": "\u0627", "\u0622": "\u0627", "\u0671": "\u0627",
    "\u0649": "\u064a", "\u0629": "\u0647",
    "\u0451": "\u0435", "\u0401": "\u0415",  # ё → е
}
_DROPPED = set(
    ["\u0640", "\u00ad", "\u200b", "\u200c", "\u200d", "\u200e", "\u200f", "\ufeff", "\u0670"]
    + [chr(c) for c in range(0x064B, 0x0653)]
    + [chr(c) for c in range(0x0610, 0x061B)]
)


# Every character that normalisation changes or drops, as one pattern: news text holds few of them, so the
# text is copied through the regex engine (in C) and only these characters cost a Python call each.
_CHANGED = re.compile("[" + "".join(re.escape(ch) for ch in sorted(set(_ONE_TO_ONE) | _DROPPED)) + "]")
_DROPPED_RUN = re.compile("[" + "".join(re.escape(ch) for ch in sorted(_DROPPED)) + "]+")


def _replacement(match: re.Match[str]) -> str:
    return _ONE_TO_ONE.get(match.group(), "")


class IndexMap(Sequence[int]):
    """Normalised offset → original offset, for a text from which some runs of characters were dropped.

    Behaves as the list [original index of normalised char 0, 1, …, len(original)] but stores only the
    dropped runs: building the full list cost as much as normalising the article, and only a few offsets
    (evidence, names) are ever mapped back.
    """

    __slots__ = ("_at", "_length", "_shift")

    def __init__(self, original_length: int, dropped: list[tuple[int, int]]):
        self._at: list[int] = []  # normalised position right after each dropped run
        self._shift: list[int] = []  # characters dropped up to and including that run
        shift = 0
        for start, end in dropped:
            self._at.append(start - shift)
            shift += end - start
            self._shift.append(shift)
        self._length = original_length - shift + 1

    def __len__(self) -> int:
        return self._length

    def __getitem__(self, position):  # type: ignore[override]
        if isinstance(position, slice):
            return [self[i] for i in range(*position.indices(self._length))]
        if position < 0:
            position += self._length
        if not 0 <= position < self._length:
            raise IndexError("normalised offset out of range")
        run = bisect_right(self._at, position)
        return position + (self._shift[run - 1] if run else 0)


def normalise_char_stream(text: str) -> tuple[str, IndexMap]:
    """Return (normalised text, index map) where map[i] is the original index of normalised char i.

    The map has one extra entry (len(text)) so that an end offset maps too.
    """
    if _CHANGED.search(text) is None:
        return text, IndexMap(len(text), [])
    normalised = _CHANGED.sub(_replacement, text)
    dropped = [] if len(normalised) == len(text) else [m.span() for m in _DROPPED_RUN.finditer(text)]
    return normalised, IndexMap(len(text), dropped)


def normalise_term(term: str) -> str:
    """Normalise a lexicon term exactly as article text is normalised, so the two always meet."""
    return normalise_char_stream(unicodedata.normalize("NFC", term))[0]


@dataclass(frozen=True)
class NormalisedText:
    """An article's text prepared for matching, with a way back to original offsets."""

    original: str
    text: str
    index: Sequence[int]

    @classmethod
    def of(cls, original: str) -> NormalisedText:
        text, index = normalise_char_stream(original)
        return cls(original=original, text=text, index=index)

    def to_original(self, start: int, end: int) -> tuple[int, int]:
        """Map a normalised [start, end) span to the original text."""
        if end <= start:
            return self.index[start], self.index[start]
        return self.index[start], self.index[end - 1] + 1


class Span(NamedTuple):
    """A [start, end) range of the normalised text.

    A named tuple rather than a frozen dataclass: as immutable, with the same hash (that of the tuple of its
    fields, so sets of clauses iterate in the same order), and built, hashed and compared in C — an article
    cuts a few dozen of them and the deal rules compare and look them up in sets for every amount."""

    start: int
    end: int


# Words after which a full stop does not end a sentence (lower-cased, without the dot).
_ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "st", "no", "inc", "ltd", "co", "corp", "jr", "sr", "vs", "etc", "e.g", "i.e",
    "approx", "est", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec",
    "млн", "млрд", "трлн", "тыс", "г", "гг", "руб", "долл", "им", "ул", "т.е", "т.д", "т.п", "т.к", "см",
    "др", "проц", "ок", "в", "с", "п",
}
# Abbreviated units after which a capitalised word starts a new sentence.
_UNIT_ABBREVIATIONS = {"млн", "млрд", "трлн", "тыс", "руб", "долл"}
# A run of end marks (with closing quotes or brackets) before whitespace, or a run of newlines. Written to
# begin with one character class, so that the regex engine skips in C to the next candidate character
# instead of trying the pattern at every position (3x faster; same matches as
# "[.!?\u061f\u2026]+[\"')\]]*(?=\s)|\n+").
_SENTENCE_END = re.compile(
    r"[.!?\u061f\u2026\n](?:(?<=\n)\n*|(?<=[.!?\u061f\u2026])[.!?\u061f\u2026]*[\"')\]]*(?=\s))"
)
# Dashes are not clause breaks: Russian writes "с АБР — на $200 млн" (X — for Y) inside one clause.
_CLAUSE_SEP = re.compile(r"[,\u060c;\u061b:]")
_LAST_WORD = re.compile(r"([\w.]+)$")
_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")


def split_sentences(text: str) -> list[Span]:
    """Split normalised text into sentences, keeping abbreviations ("U.S.", "млн.", "г.") intact."""
    spans: list[Span] = []
    start = 0
    for m in _SENTENCE_END.finditer(text):
        if m.group().startswith(".") and not _is_sentence_end(text, m.start(), m.end()):
            continue
        if m.group() == "\n" and _is_wrapped_line(text, m.start()):
            continue
        _add_stripped(spans, text, start, m.end())
        start = m.end()
    if start < len(text):
        _add_stripped(spans, text, start, len(text))
    if any(s.end - s.start > MAX_SENTENCE_CHARS for s in spans):
        spans = [window for span in spans for window in _bounded(text, span)]
    return spans


# A "sentence" longer than this is a table, a list or a text without full stops (a PDF's columns, a pasted
# dump): it is read in windows of at most this length, cut after a clause mark or a space. Why: the rules
# compare every amount of a sentence with its clauses and names, so one sentence of 50,000 characters cost
# seconds and one of a megabyte hours. News sentences are far shorter (the development set's longest: 484).
MAX_SENTENCE_CHARS = 2000
_CLAUSE_MARK = re.compile(r"[,\u060c;\u061b:](?=\s)")  # not the comma inside "4,200"


def _bounded(text: str, span: Span) -> list[Span]:
    """``span`` cut into windows of at most MAX_SENTENCE_CHARS, each ending at the last clause mark (else
    space) of its second half; a run with neither is cut where the limit falls."""
    windows: list[Span] = []
    start = span.start
    while span.end - start > MAX_SENTENCE_CHARS:
        limit = start + MAX_SENTENCE_CHARS
        half = start + MAX_SENTENCE_CHARS // 2
        chunk = text[half:limit]
        clause = max((m.end() for m in _CLAUSE_MARK.finditer(chunk)), default=-1)
        space = max(chunk.rfind(" "), chunk.rfind("\n"))
        cut = half + (clause if clause >= 0 else space + 1 if space >= 0 else len(chunk))
        _add_stripped(windows, text, start, cut)
        start = cut
    _add_stripped(windows, text, start, span.end)
    return windows


def _is_wrapped_line(text: str, newline: int) -> bool:
    """A single line break inside a sentence: hard-wrapped text (a PDF's lines, an e-mail, a wire copy) goes
    on in lower case after a line that ends without a full stop, colon or semicolon ("has signed a £175 million
    (about $232 million)\ndirect loan agreement"). A title, a list item or a menu entry starts in capitals."""
    following = text[newline + 1:newline + 2]
    if not following or not following.islower():
        return False
    before = text[max(0, newline - 2):newline].rstrip()
    return bool(before) and before[-1] not in ".!?:;\u061f\u061b\u2026"


def _is_sentence_end(text: str, dot: int, after: int) -> bool:
    """A dot ends a sentence unless it closes an abbreviation, an initial or a dotted acronym ("U.S.")."""
    word = _LAST_WORD.search(text, max(0, dot - 12), dot)
    if not word:
        return True
    token = word.group(1)
    if token.lower() in _ABBREVIATIONS:
        # "получит $1,153 млрд. Из этой суммы …": a unit's abbreviation ends the sentence when a capitalised
        # word follows; "5 млрд. долларов" goes on
        following = text[after:after + 3].lstrip()[:1]
        return token.lower() in _UNIT_ABBREVIATIONS and following.isupper()
    if _DOTTED.fullmatch(token):  # U.S, D.C, т.е
        return False
    if len(token) == 1 and token.isupper():  # an initial: "J. Smith"
        return False
    return True


def _add_stripped(spans: list[Span], text: str, start: int, end: int) -> None:
    """Append text[start:end] without its outer whitespace, unless nothing is left.

    (``str.strip`` takes off exactly the characters ``str.isspace`` tells, in C: stepping over them one by
    one in Python showed in the profile, every sentence and clause being cut so.)"""
    piece = text[start:end]
    kept = piece.strip()
    if kept:
        start += len(piece) - len(piece.lstrip())
        spans.append(Span(start, start + len(kept)))


def split_clauses(text: str, sentence: Span) -> list[Span]:
    """Split one sentence into clauses at commas (Latin and Arabic), semicolons and colons.

    Separators inside numbers ("4,2", "1,200") are not clause breaks.
    """
    spans: list[Span] = []
    start = sentence.start
    for m in _CLAUSE_SEP.finditer(text, sentence.start, sentence.end):
        if m.group() == "," and m.start() > 0 and text[m.start() - 1].isdigit() and text[m.end():m.end() + 1].isdigit():
            continue
        _add_stripped(spans, text, start, m.start())
        start = m.end()
    _add_stripped(spans, text, start, sentence.end)
    return spans


_ARABIC = re.compile(r"[\u0600-\u06ff]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")


def guess_language(text: str) -> str:
    """ISO 639-1 code from the dominant script: Arabic → ar, Cyrillic → ru, Latin → en."""
    sample = text[:20000]
    counts = {
        "ar": len(_ARABIC.findall(sample)),
        "ru": len(_CYRILLIC.findall(sample)),
        "en": len(_LATIN.findall(sample)),
    }
    best = max(counts, key=lambda k: counts[k])
    return best if counts[best] else "en"


def reading_windows(text: str, size: int) -> list[Span]:
    """``text`` as consecutive windows of at most ``size`` characters (one window when it is shorter), each
    cut at the last paragraph break of its second half, else the last line break, full stop or space.

    Why: a long report read whole holds every mention of every page in memory at once; read in windows of a
    news article's scale, the memory stays bounded and each deal is read against the pages around it."""
    windows: list[Span] = []
    start = 0
    while len(text) - start > size:
        half, limit = start + size // 2, start + size
        cut = -1
        for mark in ("\n\n", "\n", ". ", " "):
            cut = text.rfind(mark, half, limit)
            if cut >= 0:
                cut += len(mark)
                break
        cut = cut if cut > start else limit
        windows.append(Span(start, cut))
        start = cut
    windows.append(Span(start, len(text)))
    return windows
