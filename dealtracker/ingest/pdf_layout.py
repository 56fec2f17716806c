"""A PDF page's text layer → logical, readable lines, and a document's pages → one article text.

pypdf reads a page as the content stream draws it, which is not how a reader reads it:
- Arabic comes as *presentation forms* (U+FB50–U+FDFF, U+FE70–U+FEFF: one code per letter shape, the
  lam-alef ligature as one code), and Latin ligatures as U+FB00–U+FB06 ("ﬁnancing"); no lexicon term
  matches those. They are folded back (NFKC on those characters only).
- Glyphs are drawn in *visual* order. pypdf turns each run of Arabic letters around, but it places the
  pieces of a line (an Arabic run, a number, a Latin name — often separate text objects) left to right, so
  in a right-to-left line the number lands at the wrong end, Arabic-Indic digits come out reversed
  ("٥٨٫٣" for "٣٫٨٥") and brackets mirrored. Here the pieces of a line are ordered by their position and
  read right to left when the line is Arabic, keeping left-to-right runs (numbers, Latin) in their own order
  (the inverse of the Unicode bidi algorithm, at the level of pypdf's pieces).
- Letterheads, running headers and footers — a document number, a telephone number, "Page 1 of 2",
  «Стр. 1 из 2», "صفحة 1 من 2", a line repeated on every page — are not article text; their numbers would
  read as amounts. Lines at the top and bottom of a page are dropped while they are such lines (the words
  that mark them are in ``data/lang/*/pdf_furniture.csv``).
- A sentence cut by a page break is joined again, and a table's cells (far apart on one line) are kept on
  one line of their own, separated by a tab, so a row is never glued to the paragraph around it.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field, replace
from functools import lru_cache

from ..data_files import read_csv
from .dates import find_dates
from .pdf_cells import filled

FURNITURE_FILE = "pdf_furniture.csv"

# Presentation forms: Latin/Armenian/Hebrew/Arabic-A (FB00–FDFF) and Arabic-B (FE70–FEFE).
_PRESENTATION = re.compile("[\ufb00-\ufdff\ufe70-\ufefe]+")
_ARABIC_LETTER = re.compile("[\u0620-\u064a\u066e-\u06d3\u06fa-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufefe]")
_LTR_LETTER = re.compile(r"[A-Za-z\u00c0-\u024f\u0400-\u04ff0-9]")
# Arabic-Indic numbers (with their decimal and thousands separators), which pypdf reverses with the Arabic.
_INDIC_NUMBER = re.compile("[\u0660-\u0669\u06f0-\u06f9][\u0660-\u0669\u06f0-\u06f9\u066b\u066c.,]*[\u0660-\u0669\u06f0-\u06f9]")
_LETTER = re.compile(r"[^\W\d_]")
_MIRROR = str.maketrans("()[]{}<>«»‹›", ")(][}{><»«›‹")

# Lines whose baselines are closer than this share a line (in font sizes).
SAME_LINE = 0.4
# A vertical step this many times the page's usual one starts a new paragraph.
PARAGRAPH_GAP = 1.5
# Pieces of one line further apart than this (in font sizes, after the piece's estimated width) are table cells.
CELL_GAP = 3.0
# Generous average glyph width (in font sizes), so ordinary word spacing is never taken for a cell gap.
GLYPH_WIDTH = 0.65
# How many lines at the top and at the bottom of a page may be letterhead, header or footer.
EDGE_LINES = 4
# What is left of a letterhead line once its marks are removed: at most this many words.
FURNITURE_WORDS = 2


def fold_presentation_forms(text: str) -> str:
    """Presentation forms and ligatures → the letters they stand for; other characters are left alone."""

    def fold(match: re.Match[str]) -> str:
        out = []
        for char in match.group():
            folded = unicodedata.normalize("NFKC", char)
            # Isolated forms of a vowel sign fold to a space + the mark: the mark belongs to the letter before.
            if len(folded) > 1 and folded[0] == " " and unicodedata.combining(folded[1]):
                folded = folded[1:]
            out.append(folded)
        return "".join(out)

    return _PRESENTATION.sub(fold, text)


# --- pieces of text and lines ------------------------------------------------------------------------


@dataclass
class Piece:
    """One piece of text pypdf hands over, where the page draws it (device space, y upwards)."""

    text: str
    x: float
    y: float
    size: float


@dataclass
class Line:
    text: str
    y: float
    size: float
    cells: bool = False  # a table row: pieces far apart
    pieces: list[Piece] = field(default_factory=list, repr=False)


def page_pieces(page) -> list[Piece]:
    """The text pieces of a pypdf page in drawing order, with their position and font size.

    A piece's own position is not always where it is drawn: pypdf hands the pieces of a text object over
    in drawing order, but it may date a right-to-left run from the start of the object, before the neutral
    characters drawn left of it. So within a text object (BT … ET) and a baseline, a piece is never placed
    left of the piece before it: the object's drawing order stands.
    """
    pieces: list[Piece] = []
    state = {"block": 0, "last": None}  # the text object's number; its last piece (block, y, x)

    def operator(op, args, cm, tm) -> None:
        if op == b"BT":
            state["block"] += 1

    def visit(text, cm, tm, font, size) -> None:
        text = text.replace("\x00", "")  # a glyph the font does not map to any character
        if not text.strip("\n"):
            return
        # The text's origin in device space: the text matrix's translation through the current matrix.
        x = tm[4] * cm[0] + tm[5] * cm[2] + cm[4]
        y = tm[4] * cm[1] + tm[5] * cm[3] + cm[5]
        scale = (abs(tm[0] * cm[0] + tm[1] * cm[2]) + abs(tm[2] * cm[1] + tm[3] * cm[3])) / 2 or 1.0
        size = (size or 10) * scale
        last = state["last"]
        if last and last[0] == state["block"] and abs(last[1] - y) < SAME_LINE * size:
            x = max(x, last[2])
        state["last"] = (state["block"], y, x)
        for k, part in enumerate(text.split("\n")):
            if part:
                # pypdf hands several printed lines over as one piece only when it moved down by itself (T*,
                # ' and "); each further part is one line lower.
                pieces.append(Piece(part, x, y - k * size * 1.2, size))

    page.extract_text(visitor_text=visit, visitor_operand_before=operator)
    return pieces


def group_lines(pieces: list[Piece]) -> list[Line]:
    """Pieces → printed lines, in drawing order; pieces on one baseline make one line."""
    lines: list[Line] = []
    for piece in pieces:
        if lines and abs(piece.y - lines[-1].y) < SAME_LINE * max(piece.size, lines[-1].size):
            lines[-1].pieces.append(piece)
        else:
            lines.append(Line("", piece.y, piece.size, pieces=[piece]))
    # The page's direction: right-to-left when most of its letters are Arabic.
    arabic = sum(len(_ARABIC_LETTER.findall(p.text)) for p in pieces)
    rtl = arabic > sum(len(_LETTER.findall(p.text)) for p in pieces) - arabic
    for line in lines:
        line.size = max(p.size for p in line.pieces)
        line.text, line.cells = logical_line(line.pieces, rtl)
    return [line for line in lines if line.text]


def _direction(text: str) -> str:
    """'R' (Arabic letters), 'L' (Latin or Cyrillic letters), 'N' (a number) or '' (spaces, punctuation)."""
    if _ARABIC_LETTER.search(text):
        return "R"
    if _LTR_LETTER.search(text):
        return "N" if not re.search(r"[^\W\d_]", text) else "L"
    if re.search("[\u0660-\u0669\u06f0-\u06f9]", text):
        return "N"
    return ""


def _fix_piece(text: str) -> str:
    """Undo what pypdf does to a right-to-left piece: Arabic-Indic numbers reversed, brackets mirrored."""
    text = _INDIC_NUMBER.sub(lambda m: m.group()[::-1], text)
    if _ARABIC_LETTER.search(text):
        text = text.translate(_MIRROR)
    return text


def logical_line(pieces: list[Piece], rtl: bool = False) -> tuple[str, bool]:
    """A printed line's pieces → its logical text, and whether it is a table row (cells far apart).

    A line whose letters are all Arabic is right-to-left, all Latin or Cyrillic left-to-right; a mixed line
    or one without letters takes the page's direction (``rtl``): an Arabic article's line that ends with
    "Asian Development Bank" is still an Arabic line.
    """
    ordered = sorted(pieces, key=lambda p: p.x)  # stable: the pieces of one text object keep their order
    # pypdf puts a space before a piece that stands apart from the one before; only a gap far wider than the
    # piece's (generously) estimated width makes two table cells.
    cell_gap = [
        right.x - (left.x + len(left.text) * left.size * GLYPH_WIDTH) > CELL_GAP * max(left.size, right.size)
        for left, right in zip(ordered, ordered[1:])
    ]
    texts = [_fix_piece(p.text) for p in ordered]
    arabic = sum(len(_ARABIC_LETTER.findall(t)) for t in texts)
    others = sum(len(_LETTER.findall(t)) for t in texts) - arabic
    if arabic and any(cell_gap) and filled(ordered):
        cell_gap = [False] * len(cell_gap)  # a line of running Arabic text whose pieces pypdf placed apart
    if not (arabic and others):  # a line of one script reads in its direction; a mixed one, in the page's
        rtl = bool(arabic) if arabic or others else rtl
    parts: list[str] = []
    previous: list[int] = []
    for run in _visual_to_logical([_direction(t) for t in texts], rtl=rtl):
        if previous and cell_gap[min(max(previous), max(run))]:  # runs are side by side: one boundary
            parts.append("\t")
        # A left-to-right piece read from the right (a number inside an Arabic phrase of a left-to-right
        # line) or a left-to-right run in a right-to-left line: the space at its right edge separates it
        # from what is read before it, the one at its left edge from what is read after it.
        run_texts = [
            _swap_edges(texts[k]) if not rtl and len(run) > 1 and _direction(texts[k]) == "N" else texts[k] for k in run
        ]
        run_text = "".join(t + ("\t" if k + 1 in run and cell_gap[k] else "") for k, t in zip(run[:-1], run_texts)) + run_texts[-1]
        if rtl and _direction(run_text) in ("L", "N"):
            run_text = _swap_edges(run_text)
        parts.append(run_text)
        previous = run
    text = re.sub(r"[ \u00a0]+", " ", fold_presentation_forms("".join(parts)))
    text = re.sub(r" *\t[ \t]*", "\t", text).strip()
    return text, any(cell_gap)


def _swap_edges(text: str) -> str:
    """" 12  " → "  12 ": the spaces around a left-to-right text read from the right change sides."""
    core = text.strip(" ")
    if not core:
        return text
    lead, trail = text[: text.index(core)], text[text.index(core) + len(core) :]
    return trail + core + lead


def _visual_to_logical(directions: list[str], rtl: bool) -> list[list[int]]:
    """Runs of piece indexes in reading order, given each piece's direction in visual (left-to-right) order.

    In a right-to-left line the pieces are read from the right, except that a run of left-to-right pieces
    keeps its own order: Latin words and numbers side by side, and the neutral pieces between two Latin
    words (between two numbers they stay right-to-left, as the bidi algorithm has it: "2025 · +7 …" after
    Arabic is two runs). In a left-to-right line, the reverse: a run of Arabic pieces, with the numbers and
    neutrals between them, is read from the right.
    """
    inside = ("L", "N") if rtl else ("R",)
    bridged = "L" if rtl else "R"  # what stands between two such pieces belongs to the run:
    between = ("",) if rtl else ("", "N")  # neutrals; in a left-to-right line, numbers too (Arabic's own)
    n = len(directions)
    runs: list[list[int]] = []
    k = 0
    while k < n:
        if directions[k] not in inside:
            runs.append([k])
            k += 1
            continue
        end = j = k
        while j + 1 < n:
            nxt = j + 1
            if directions[nxt] in inside:
                end = j = nxt
                continue
            # neutral pieces: part of the run only when strong letters of the run stand on both sides
            m = nxt
            while m < n and directions[m] in between:
                m += 1
            if m < n and directions[m] == bridged and directions[end] == bridged:
                end = j = m
                continue
            break
        runs.append(list(range(k, end + 1)))
        k = end + 1
    if rtl:
        return list(reversed(runs))
    return [list(reversed(run)) for run in runs]


# --- letterheads, running headers and footers ------------------------------------------------------------


@dataclass(frozen=True)
class _Furniture:
    page_number: re.Pattern[str]
    marks: re.Pattern[str]


def _alternatives(terms: list[str]) -> str:
    return "|".join(re.escape(t) for t in sorted(set(terms), key=len, reverse=True))


@lru_cache(maxsize=1)
def _furniture() -> _Furniture:
    kinds: dict[str, list[str]] = {}
    for row in read_csv(FURNITURE_FILE):
        if row.get("term"):
            kinds.setdefault(row["kind"], []).append(row["term"])
    page = _alternatives(kinds.get("page", [])) or "(?!)"
    of = _alternatives(kinds.get("of", [])) or "(?!)"
    phone = _alternatives(kinds.get("phone", [])) or "(?!)"
    number = _alternatives(kinds.get("number", [])) or "(?!)"
    label = _alternatives(kinds.get("label", [])) or "(?!)"
    start, end = r"(?<![^\W\d_])", r"(?![^\W\d_])"  # whole words, whatever the script
    counter = rf"\d{{1,4}}\s*(?:(?:{of}){end}|/)\s*\d{{1,4}}"
    page_number = re.compile(
        rf"^[\s\-–—|·•]*(?:{start}(?:{page}){end}\.?\s*)?(?:{counter}|\d{{1,4}})[\s\-–—|·•]*$", re.IGNORECASE
    )
    marks = re.compile(
        "|".join(
            [
                rf"{start}(?:{page}){end}\.?\s*\d{{1,4}}(?:\s*(?:(?:{of}){end}|/)\s*\d{{1,4}})?",  # Page 1 of 2
                rf"(?<![\d/.-]){counter}(?![\d/.-])",  # 1/2, 1 of 2
                rf"{start}(?:{phone}){end}\.?:?\s*\+?[\d\s().-]{{5,}}\d",  # tel. +7 (7172) 55-14-24
                r"\+\d[\d\s().-]{6,}\d",  # +7 (7172) 55-14-24
                rf"{start}(?:{number})\s*:?\s*[\w/.-]*\d[\w/.-]*",  # No. 07/104-2025, № 15/2
                rf"{start}(?:{label}){end}",
                r"[©®]\s*(?:\d{4}\b)?",  # © 2025
                r"\b\d{4}\s*[©®]",  # 2025 © (a right-to-left footer)
                r"[\w.+-]+@[\w-]+\.[\w.-]+",  # e-mail
                r"(?:https?://|www\.)\S+",  # web address
            ]
        ),
        re.IGNORECASE,
    )
    return _Furniture(page_number, marks)


def is_page_number(text: str) -> bool:
    """"Page 1 of 2", «Стр. 1 из 2», "صفحة 1 من 2", "- 3 -", "1/2", "3"."""
    return bool(_furniture().page_number.match(text))


def is_letterhead(text: str) -> bool:
    """A letterhead/header/footer line: document or phone numbers, page counters, notices — and little else."""
    marks = _furniture().marks
    if not marks.search(text):
        return False
    rest = marks.sub(" ", text)
    words = re.findall(r"[^\W\d_]{2,}", rest)
    return len(words) <= FURNITURE_WORDS


def strip_marks(text: str) -> str:
    """A letterhead line without its numbers and notices ("No. 15/2 · Astana, 5 May 2025" → "Astana, 5 May 2025")."""
    rest = _furniture().marks.sub(" ", text)
    rest = re.sub(r"(?:\s*[·|•]\s*)+", " · ", rest)
    return re.sub(r"\s+", " ", rest).strip(" ·|•-–—")


def _shape(text: str) -> str:
    """A line with its numbers blanked, to see the same running header on every page."""
    return re.sub(r"\d+", "#", text.casefold()).strip()


def drop_furniture(pages: list[list[Line]]) -> list[list[Line]]:
    """Drop letterhead, running header/footer and page-number lines at the top and bottom of each page."""
    repeated: set[str] = set()
    if len(pages) > 1:
        seen: dict[str, int] = {}
        for lines in pages:
            edge = {_shape(line.text) for line in lines[:EDGE_LINES] + lines[-EDGE_LINES:]}
            for shape in edge:
                seen[shape] = seen.get(shape, 0) + 1
        repeated = {shape for shape, count in seen.items() if count >= 2}

    def kind(line: Line, running: set[str]) -> str:
        """'drop', 'keep' (a letterhead line with a full date: it may be the only publication date there
        is, so it stays, and the lines beyond it are still looked at) or 'body' (the article begins)."""
        if is_page_number(line.text) or _shape(line.text) in running:
            return "drop"
        if is_letterhead(line.text):
            return "keep" if find_dates(line.text) else "drop"
        return "body"

    def body(lines: list[Line], running: set[str]) -> list[Line]:
        verdicts: dict[int, str] = {}
        for edge in (range(min(EDGE_LINES, len(lines))), range(len(lines) - 1, max(-1, len(lines) - 1 - EDGE_LINES), -1)):
            for k in edge:
                verdicts[k] = kind(lines[k], running)
                if verdicts[k] == "body":
                    break
        out = []
        for k, line in enumerate(lines):
            verdict = verdicts.get(k, "body")
            if verdict == "keep":
                line = replace(line, text=strip_marks(line.text))
            if verdict != "drop":
                out.append(line)
        return out

    # A page that would be all running lines is a page printed twice, not a header: it keeps its text.
    return [body(lines, repeated) or body(lines, set()) for lines in pages]


# --- lines → text ---------------------------------------------------------------------------------------


def page_text(lines: list[Line]) -> str:
    """A page's lines as text: a blank line where the vertical step or the font size says a paragraph ends."""
    if not lines:
        return ""
    # The usual step between two lines of a paragraph: the smallest step between lines of one size that
    # recurs, else the smallest (the median is a paragraph gap on a page of two-line paragraphs).
    steps = sorted(a.y - b.y for a, b in zip(lines, lines[1:]) if a.y - b.y > 0 and abs(a.size - b.size) < 0.5)
    recurring = [s for s in steps if sum(abs(t - s) <= 0.1 * s for t in steps) >= 2]
    usual = recurring[0] if recurring else (steps[0] if steps else 0.0)
    out = [lines[0].text]
    for before, line in zip(lines, lines[1:]):
        step = before.y - line.y
        # A step back up (a new column, a text box) is a line break like any other: reflow decides.
        new_paragraph = (
            (usual and step > PARAGRAPH_GAP * usual)
            or abs(line.size - before.size) > 0.15 * max(line.size, before.size)
        )
        if new_paragraph or line.cells or before.cells:
            out.append("")  # a table row stands alone: never joined to its neighbours
        out.append(line.text)
    return "\n".join(out)
