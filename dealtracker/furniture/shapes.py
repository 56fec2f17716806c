"""The shapes furniture is told by: the patterns of numbers, codes, times and marks, and the bounds of a line.

Apart so that every test (tickers, datelines, headings, the cheap prose test) reads the same patterns and
bounds from one place, and so that ``Furniture`` and ``KINDS`` can be named without the lexicons.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

KINDS = ("ticker", "dateline", "read_also", "related", "menu", "share", "copyright")

# A number as tickers and datelines write it: 12 180,45 · 1,085,000 · 87.45 · ١٢٫٥ (normalised to 12.5).
_NUMBER = re.compile(r"(?<![\w.,])\d{1,3}(?:(?:[ ,.]\d{3})+(?!\d))(?:[.,]\d+)?(?!\w)|(?<![\w.,])\d+(?:[.,]\d+)?(?!\w)")
# Rate changes and arrows: ▲0.41%  ▼0.6%  +1.2%  -0.3
_CHANGE = re.compile(r"[▲▼△▽↑↓+\-]?\s*\d+(?:[.,]\d+)?\s*%|[▲▼△▽↑↓]")
# An ISO-shaped code, alone or as a pair (USD/SAR), written in capitals.
_CODE = re.compile(r"(?<![A-Za-z])([A-Z]{3})(?:\s*/\s*([A-Z]{3}))?(?![A-Za-z])")
_UPPER = re.compile(r"(?<!\w)[A-Z]{2,8}(?!\w)|(?<!\w)[А-ЯЁ]{2,8}(?!\w)")
# A time of day: 10:15, 9:05, 21:40:12 (a colon only: "10.15" is as often a number).
_TIME = re.compile(r"(?<![\d:.,])(?:[01]?\d|2[0-3]):[0-5]\d(?::[0-5]\d)?(?![\d:])")
_WORD = re.compile(r"\w+")
# A site's name written as its address ("Gazeta.uz", "24.kg") in a dateline or a source line.
_DOMAIN = re.compile(r"\b\w+(?:\.[a-z]{2,6})+\b")
# One letter after a number is a scale ("$5m", "2.1bn", "10 тыс."): checked apart from the lexicon's words.
_GLUED_SCALE = re.compile(r"\d\s?(?:bn|mn|m|b|k|млн|млрд|трлн|тыс)(?!\w)", re.IGNORECASE)
_BULLET = re.compile(r"^[\s\-–—•·*▪►>»]*(?:\d{1,2}[.)]\s+)?")
_SENTENCE_END = re.compile(r"[.!?\u061f\u2026][\"')\]»]*\s*$")
_INNER_SENTENCE = re.compile(r"[^\d\s][.!?\u061f]\s+[A-ZА-ЯЁ\u0621-\u064a]")
# After a "read also" term, a heading ends or a colon, dash or bracket introduces the headline.
_HEADING_TAIL = re.compile(r"^\s*(?:[:\-—–|»>…›]|\.{3})?\s*$")
_INLINE_TAIL = re.compile(r"^\s*(?:[:\-—–|»>…›]|\.{3})\s*\S")
_DATELINE_TAIL = re.compile(r"^\s*(?:[-—|/]+|\.\s)\s*")
_COPYRIGHT_SIGN = re.compile(r"©|\([cCсС]\)\s*\d{4}")

MAX_HEADLINE_CHARS = 250
MAX_HEADLINE_WORDS = 35
MAX_RELATED_LINES = 12
MAX_COPYRIGHT_WORDS = 40
MAX_TICKER_LABEL_WORDS = 8
PARAGRAPH_HEAD_CHARS = 120  # of a paragraph: where a dateline or a "Read also:" heading stands
MAX_LOOKED_CHARS = 260  # of a line, read for furniture words (longer than any headline: MAX_HEADLINE_CHARS)


@dataclass(frozen=True)
class Furniture:
    """One line (or a line's leading dateline) of furniture: [start, end) of the text, and its kind."""

    start: int
    end: int
    kind: str
