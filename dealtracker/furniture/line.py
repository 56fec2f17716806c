"""One line of text as the furniture tests see it (``_Line``): its words, its money words, and the words left
over once given kinds are covered.

Apart because every test (tickers, datelines, headings, menus) asks these same questions of a line.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from ..terms import TermMatch
from .shapes import _CHANGE, _CODE, _GLUED_SCALE, _NUMBER, _WORD
from .words import _currency_codes


@dataclass
class _Line:
    """What one line holds; offsets index the normalised text."""

    start: int
    end: int
    text: str
    terms: list[TermMatch[frozenset[str]]]
    money: list[TermMatch[frozenset[str]]]
    # longer than any headline, ticker or menu: only its head can be furniture (a dateline, "Read also: …")
    paragraph: bool = False
    prose: bool = False  # a sentence of the article (see _is_prose): no furniture test is made of it

    def kinds(self) -> set[str]:
        return {kind for match in self.terms for kind in match.payload}

    def has(self, kind: str) -> bool:
        return any(kind in match.payload for match in self.terms)

    def money_kinds(self) -> set[str]:
        return {kind for match in self.money for kind in match.payload}

    @property
    def has_scale(self) -> bool:
        return "scale" in self.money_kinds() or _GLUED_SCALE.search(self.text) is not None

    @property
    def has_currency(self) -> bool:
        kinds = self.money_kinds()
        return bool(kinds & {"word", "symbol", "code"}) or any(
            code in _currency_codes() for code in _codes(self.text)
        )


def _codes(text: str) -> list[str]:
    found = []
    for m in _CODE.finditer(text):
        found.extend(code for code in m.groups() if code)
    return found


def _covered(length: int, spans: Iterable[tuple[int, int]]) -> list[bool]:
    mask = [False] * length
    for a, b in spans:
        for i in range(max(a, 0), min(b, length)):
            mask[i] = True
    return mask


def _residual_words(
    line: _Line, kinds: set[str], money_kinds: set[str], extra: Iterable[tuple[int, int]] = ()
) -> list[str]:
    """The words of the line that none of the given term kinds, money terms or extra spans cover."""
    spans = [(m.start - line.start, m.end - line.start) for m in line.terms if m.payload & kinds]
    spans += [(m.start - line.start, m.end - line.start) for m in line.money if m.payload & money_kinds]
    spans += list(extra)
    mask = _covered(len(line.text), spans)
    return [w.group() for w in _WORD.finditer(line.text) if not any(mask[w.start():w.end()])]


def _number_spans(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _NUMBER.finditer(text)] + [m.span() for m in _CHANGE.finditer(text)]


def _is_upper_word(word: str) -> bool:
    return len(word) >= 2 and word.isupper()


def _is_capitalised(word: str) -> bool:
    return word[:1].isupper()


def _is_arabic(word: str) -> bool:
    return any("\u0600" <= ch <= "\u06ff" for ch in word)


def _is_number(word: str) -> bool:
    return word.isdigit()
