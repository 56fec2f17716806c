"""Page furniture in an article's plain text: the lines that are not the article and must never give a deal.

A news page (or a .txt copy of one) carries text around the story: an exchange-rate ticker
("USD 87.45 EUR 101.91", «Курс доллара 470,5»), a dateline's time of day ("14 марта 2025, 10:15"),
"Read also:" / «Читайте также:» / "اقرأ أيضاً" headings and the related headlines listed under them,
lines of menu words, share buttons and copyright lines. ``furniture_spans`` returns the character ranges
of such text, so that the deal reader can skip the sentences lying inside them.

Furniture is judged by a line's shape, never by a keyword alone, and conservatively: a ticker is pairs of
currency codes and rates with no scale word ("million", «млн», "مليون") and next to no other words; a
dateline is a time of day with nothing but dates, places and section names around it; a related headline
is a short line without a closing full stop that follows a "read also" or "related news" heading; menu and
share lines consist of nothing but menu or share words. A real sentence stating an amount ("The EBRD will
lend USD 100 million …") is never marked. The words are data (``data/furniture.csv``: term, language,
kind — ``read_also``, ``menu``, ``share``, ``copyright``, ``ticker``, ``dateline``; ``block`` rows are the
class and id words the HTML reader drops blocks by), matched with the shared term syntax of ``terms.py``.

API: ``furniture_spans(text) -> list[tuple[int, int]]`` (merged ranges, for skipping sentences);
``find_furniture(text) -> list[Furniture]`` (one item per line, with its kind: ``ticker``, ``dateline``,
``read_also``, ``related`` (a headline under a "read also" heading), ``menu``, ``share``, ``copyright``);
``is_furniture(text, kinds)`` (every word of the text lies in furniture of those kinds; the HTML reader asks
it about page blocks). Pure: a function of the text; offsets index the text as given.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import lru_cache

from .data_files import read_csv
from .terms import TermMatch, TermMatcher
from .text import NormalisedText, normalise_term

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


@dataclass(frozen=True)
class _Lexicons:
    furniture: TermMatcher[frozenset[str]]
    money: TermMatcher[frozenset[str]]  # kinds "code", "word", "symbol", "scale", "month"


def _arabic_article_forms(term: str, language: str) -> list[str]:
    """The term and, for an Arabic word, its form with the article (درهم → الدرهم): proclitics are the
    matcher's business, the article is not."""
    if language == "ar" and not term.startswith(("ال", "أل")) and " " not in term and len(term) > 1:
        return [term, "ال" + term]
    return [term]


def _matcher(rows: Iterable[tuple[str, str, str]]) -> TermMatcher[frozenset[str]]:
    kinds: dict[str, set[str]] = defaultdict(set)
    for term, language, kind in rows:
        for form in _arabic_article_forms(term, language):
            kinds[form].add(kind)
    return TermMatcher((term, frozenset(found)) for term, found in kinds.items())


@lru_cache(maxsize=1)
def _lexicons() -> _Lexicons:
    furniture = _matcher(
        (row["term"], row["language"], row["kind"]) for row in read_csv("furniture.csv") if row.get("kind") != "block"
    )
    money_rows = [(row["term"], row["language"], row["kind"]) for row in read_csv("money_terms.csv")]
    month_rows = [(row["name"], row["language"], "month") for row in read_csv("month_names.csv")]
    return _Lexicons(furniture=furniture, money=_matcher(money_rows + month_rows))


@lru_cache(maxsize=1)
def block_words() -> frozenset[str]:
    """Class and id words of page blocks that are furniture (nav, ticker, related, …), lower case."""
    return frozenset(row["term"].lower() for row in read_csv("furniture.csv") if row.get("kind") == "block")


@lru_cache(maxsize=1)
def _currency_codes() -> frozenset[str]:
    return frozenset(row["term"] for row in read_csv("money_terms.csv") if row.get("kind") == "code")


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


# ---------------------------------------------------------------------------------------------- tickers

@dataclass(frozen=True)
class _TickerShape:
    strong: bool  # a whole ticker on one line: two or more rates
    weak: bool  # one quote ("USD 11.3000", "Brent 86.60"): a ticker only among others
    label: bool  # "Exchange rates of the NBT:", "NBKR:"
    code_items: int
    currency: bool
    ticker_word: bool


_NOT_TICKER = _TickerShape(False, False, False, 0, False, False)


def _ticker_shape(line: _Line) -> _TickerShape:
    text = line.text
    if line.has_scale:
        return _NOT_TICKER
    stripped = _BULLET.sub("", text).strip()
    ticker_word = line.has("ticker")
    numbers = _NUMBER.findall(text)
    if not numbers:
        words = _WORD.findall(stripped)
        if 0 < len(words) <= 6 and (stripped.endswith(":") or not _residual_words(line, {"ticker"}, set())):
            return _TickerShape(False, False, True, 0, False, ticker_word)
        return _NOT_TICKER
    if _SENTENCE_END.search(stripped) and not re.search(r"\d[\"')\]]*[.…]?\s*$", stripped):
        return _NOT_TICKER
    codes = _codes(text)
    known = _currency_codes()
    # A rate: a code (or code pair) next to a number, before or after it.
    code_items = 0
    for m in _CODE.finditer(text):
        if not any(code in known for code in m.groups() if code) and not m.group(2):
            continue
        before, after = text[:m.start()], text[m.end():]
        if re.match(r"\s*[:=]?\s*\d", after) or re.search(r"\d\s*$", before):
            code_items += 1
    # A rate written with a currency word next to its number: "الدولار 12850 سوم", "доллар 470,5"
    for match in line.money:
        if "word" in match.payload or "symbol" in match.payload:
            before = text[:match.start - line.start]
            after = text[match.end - line.start:]
            if re.search(r"\d\s*$", before) or re.match(r"\s*[:=]?\s*\d", after):
                code_items += 1
    currency = code_items > 0 or bool(line.money_kinds() & {"word", "symbol"})
    upper = [m.span() for m in _UPPER.finditer(text)]
    residual = _residual_words(line, {"ticker"}, {"word", "code", "symbol"}, _number_spans(text) + upper)
    residual = [w for w in residual if not _is_number(w)]
    lower = [w for w in residual if not _is_capitalised(w) and not _is_arabic(w)]
    other = [w for w in residual if w not in lower]
    items = code_items + sum(1 for code in codes if code not in known)
    strong = code_items >= 2 and len(residual) <= code_items + 1 and len(lower) <= 2
    weak = len(_WORD.findall(stripped)) <= 8 and len(other) <= 2 and len(lower) <= (1 if items else 0)
    return _TickerShape(strong, weak or strong, False, code_items, currency, ticker_word)


def _ticker_runs(lines: list[_Line]) -> list[list[_Line]]:
    """Runs of consecutive ticker-shaped lines (blank lines between allowed) that together are a ticker."""
    runs: list[list[_Line]] = []
    current: list[tuple[_Line, _TickerShape]] = []

    def close() -> None:
        if not current:
            return
        while current and current[-1][1].label:  # a label at the end belongs to what follows
            current.pop()
        shapes = [shape for _, shape in current]
        code_items = sum(shape.code_items for shape in shapes)
        quotes = [shape for shape in shapes if not shape.label]
        ticker_word = any(shape.ticker_word for shape in shapes)
        if quotes and (
            any(shape.strong for shape in shapes)
            or code_items >= 2
            or (ticker_word and any(shape.currency for shape in quotes))
        ):
            runs.append([line for line, _ in current])
        current.clear()

    for line in lines:
        if not line.text.strip():
            continue
        if line.paragraph or line.prose:
            close()
            continue
        shape = _ticker_shape(line)
        if shape.weak or shape.label:
            if current and current[-1][1].label and shape.label:
                close()
            current.append((line, shape))
        else:
            close()
    close()
    return [run for run in runs if run]


# ---------------------------------------------------------------------------------------------- datelines

def _is_dateline(line: _Line, text: str | None = None, start: int = 0) -> bool:
    """A time of day with only dates, weekdays, places, agencies and section names around it."""
    text = line.text if text is None else text
    a, b = line.start + start, line.start + start + len(text)
    sub = _Line(a, b, text, [m for m in line.terms if a <= m.start and m.end <= b],
                [m for m in line.money if a <= m.start and m.end <= b])
    if not _TIME.search(text) or sub.has_currency or sub.has_scale or len(_WORD.findall(text)) > 16:
        return False
    times = [m.span() for m in _TIME.finditer(text)]
    sites = [m.span() for m in _DOMAIN.finditer(text)]
    residual = _residual_words(sub, {"dateline", "menu"}, {"month"}, times + _number_spans(text) + sites)
    residual = [w for w in residual if not _is_number(w)] + ["Site"] * len(sites)
    if len(residual) > 3:
        return False
    return all(_is_capitalised(w) or _is_arabic(w) for w in residual) and sum(map(_is_arabic, residual)) <= 2


def _dateline(line: _Line) -> Furniture | None:
    if _is_dateline(line):
        return Furniture(line.start, line.end, "dateline")
    first = _TIME.search(line.text)
    if first is None:
        return None
    # "ASTANA, 14 March 2025, 10:15 — Kazakhstan signed …": only the leading dateline is furniture.
    after = line.text[first.end():]
    extra = re.match(r"(?:\s*(?:AM|PM|a\.m\.|p\.m\.|GMT|UTC|MSK|мск|ص|م)\b\.?)*", after, re.IGNORECASE)
    cut = first.end() + (extra.end() if extra else 0)
    tail = _DATELINE_TAIL.match(line.text[cut:])
    if tail is None:
        return None
    if not _is_dateline(line, line.text[:cut]):
        return None
    return Furniture(line.start, line.start + cut + tail.end(), "dateline")


# ---------------------------------------------------------------------------------------------- headings, menus

def _read_also(line: _Line) -> str | None:
    """"heading" for a bare "Read also" / "Related news" line, "inline" for "Read also: <headline>"."""
    lead = _BULLET.match(line.text)
    offset = line.start + (lead.end() if lead else 0)
    for match in line.terms:
        if "read_also" not in match.payload:
            continue
        if match.start != offset:
            return None
        tail = line.text[match.end - line.start:]
        if _HEADING_TAIL.match(tail):
            return "heading"
        if _INLINE_TAIL.match(tail):
            return "inline"
        return None
    return None


def _is_headline(line: _Line) -> bool:
    """Short, one sentence, no closing full stop: a related story's headline."""
    text = _BULLET.sub("", line.text).strip()
    if not text or len(text) > MAX_HEADLINE_CHARS or len(_WORD.findall(text)) > MAX_HEADLINE_WORDS:
        return False
    if _SENTENCE_END.search(text) or _INNER_SENTENCE.search(text):
        return False
    return True


def _menu_or_share(line: _Line) -> str | None:
    """"menu" or "share" when every word of the line is a menu or share word."""
    if not _WORD.search(line.text) or _NUMBER.search(line.text):
        return None
    if _residual_words(line, {"menu", "share"}, set()):
        return None
    return "share" if line.has("share") else "menu"


def _is_copyright(line: _Line) -> bool:
    if len(_WORD.findall(line.text)) > MAX_COPYRIGHT_WORDS or line.has_scale:
        return False
    return _COPYRIGHT_SIGN.search(line.text) is not None or line.has("copyright")


# ---------------------------------------------------------------------------------------------- the text

def _lines(normalised: str, relevant: Callable[[int, int], bool] | None = None) -> list[_Line]:
    """The text's non-blank lines, each read for furniture words unless it cannot be furniture.

    Furniture stands around the article's body — menus, tickers, the title's dateline above it; related
    lists, share bars and copyright below — or under a "read also" heading inside it. So the lines from the
    first sentence of the article to its last are not tested one by one (reading every sentence of every
    article cost a sixth of the engine's time); among them only a "read also" heading and the lines under it
    are. ``relevant(start, end)``, when given, says whether a line holds anything furniture would hide (an
    amount, a name, a cue word): a line that holds nothing is not read (a date line, an empty heading) unless
    it is a "read also" heading, whose list below may.
    """
    raw_lines = []
    offset = 0
    for raw in normalised.split("\n"):
        line_start, offset = offset, offset + len(raw) + 1
        body = raw.strip()
        if body:
            start = line_start + (len(raw) - len(raw.lstrip()))
            raw_lines.append((start, start + len(body), body))
    prose: dict[int, bool] = {}  # line index → _is_prose, each line tested once

    def is_prose(i: int) -> bool:
        found = prose.get(i)
        if found is None:
            found = prose[i] = _is_prose(raw_lines[i][2])
        return found

    first = next((i for i in range(len(raw_lines)) if is_prose(i)), len(raw_lines))
    last = next((i for i in range(len(raw_lines) - 1, first, -1) if is_prose(i)), first)
    lines = []
    under_heading = 0  # lines left that may be a "read also" heading's list
    for i, (start, end, body) in enumerate(raw_lines):
        inside = first < i < last
        if inside and _starts_read_also(body) and _prose_exceptions()[0].match(body):
            under_heading = MAX_RELATED_LINES + 1
        elif inside and under_heading:
            under_heading -= 1
        if (
            (inside and not under_heading)
            or is_prose(i)
            or not _may_be_furniture(body)
            or (relevant is not None and not relevant(start, end) and not _starts_read_also(body))
        ):
            lines.append(_Line(start, end, body, [], [], prose=True))
            continue
        lines.append(_line(normalised, start, end, body))
    return lines


def _line(normalised: str, start: int, end: int, body: str) -> _Line:
    """A line read for furniture words. A paragraph (longer than any headline, ticker or menu line) can be
    furniture only by its head: a leading dateline or a "Read also:" heading, the only two tests made of it."""
    lex = _lexicons()
    return _Line(
        start, end, body,
        lex.furniture.findall(normalised, start, end),
        lex.money.findall(normalised, start, end),
        end - start > MAX_LOOKED_CHARS,
    )


@lru_cache(maxsize=1)
def _prose_exceptions() -> tuple[re.Pattern[str], tuple[str, ...]]:
    """What makes even a sentence worth reading as furniture: a "read also" heading at the line's head (a
    pattern), a copyright word anywhere (plain lower-case strings: a substring test is far cheaper than a
    case-insensitive pattern tried at every position of every line)."""
    rows = read_csv("furniture.csv")
    read_also = {normalise_term(row["term"]) for row in rows if row.get("kind") == "read_also"}
    parts = sorted((re.escape(t.rstrip("*")) for t in read_also), key=len, reverse=True)
    head = re.compile(_BULLET.pattern + "(?:" + ("|".join(parts) or "(?!)") + ")", re.IGNORECASE)
    copyright = tuple(sorted({normalise_term(row["term"]).rstrip("*").lower() for row in rows if row.get("kind") == "copyright"}))
    return head, copyright


@lru_cache(maxsize=1)
def _first_words() -> frozenset[str]:
    """The words a menu, share or ticker line can begin with (such a line holds nothing but those words)."""
    words = set()
    for row in read_csv("furniture.csv"):
        if row.get("kind") in ("menu", "share", "ticker") and row["term"].strip():
            for form in _arabic_article_forms(normalise_term(row["term"]), row.get("language", "")):
                words.add(form.split()[0].rstrip("*").casefold())
    return frozenset(words)


_DIGIT = re.compile(r"\d")
_FIRST_WORD = re.compile(r"[^\W\d_]+")


def _may_be_furniture(body: str) -> bool:
    """Whether a line that is no sentence can still be furniture, told cheaply. A dateline holds a time of
    day; a "read also" heading or a copyright notice its words; a ticker line digits; a menu, share or
    ticker-label line has no digit and begins with one of their words. Titles without a digit mostly are
    none of these."""
    head, copyright = _prose_exceptions()
    if "©" in body or head.match(body) or (":" in body and _TIME.search(body)):
        return True
    lower = body.lower()
    if body.count(" ") <= MAX_COPYRIGHT_WORDS and any(word in lower for word in copyright):
        return True
    if _DIGIT.search(body):
        return True  # a ticker, a list of rates in words ("الدولار 12850 سوم | اليورو 13900 سوم"), a date
    if ":" in body:
        return True  # a label ("Exchange rates of the NBT:") or a heading
    first = _FIRST_WORD.search(_BULLET.sub("", body, count=1))
    if first is None:
        return True  # symbols only (a share bar of icons): let the full tests judge
    word = first.group().casefold()
    starts = _first_words()
    return any(word[:k] in starts for k in range(1, len(word) + 1))


_END_MARKS = ".!?\u061f\u2026"
_CLOSERS = " \t\"')]»"


def _is_prose(body: str) -> bool:
    """A sentence of the article, told cheaply so that it is not read for furniture at all (most lines of an
    article are, and reading each with two lexicons doubled the engine's time): it ends a sentence after a
    word, has more words than any ticker label, and holds no time of day, no copyright mark or word and no
    "read also" at its head. None of the furniture tests can accept such a line."""
    if body.count(" ") < MAX_TICKER_LABEL_WORDS:  # as many words as a ticker label or a menu line may have
        return False
    tail = body.rstrip(_CLOSERS)
    if not tail or tail[-1] not in _END_MARKS or tail[:-1].rstrip()[-1:].isdigit():
        return False
    if (":" in body and _TIME.search(body)) or ("©" in body or "(" in body and _COPYRIGHT_SIGN.search(body)):
        return False
    head, copyright = _prose_exceptions()
    if _starts_read_also(body) and head.match(body):
        return False
    if body.count(" ") > MAX_COPYRIGHT_WORDS:  # longer than any copyright notice (see _is_copyright)
        return True
    lower = body.lower()
    return not any(word in lower for word in copyright)


@lru_cache(maxsize=1)
def _read_also_first_words() -> tuple[frozenset[str], tuple[str, ...]]:
    """The first words of the "read also" terms, whole and as stems (a term ending in "*")."""
    firsts = [
        (normalise_term(row["term"]).split()[0].lower(), row["term"].split()[0].endswith("*") or " " not in row["term"] and row["term"].endswith("*"))
        for row in read_csv("furniture.csv") if row.get("kind") == "read_also" and row["term"].strip()
    ]
    return frozenset(w.rstrip("*") for w, _ in firsts), tuple(w.rstrip("*") for w, stem in firsts if stem)


def _starts_read_also(body: str) -> bool:
    """Whether the line's first word (after a bullet) begins a "read also" term: a set look-up that spares
    trying the whole heading pattern on every sentence."""
    first = _FIRST_WORD.search(body, 0, 40)
    if first is None:
        return True
    word = first.group().lower()
    whole, stems = _read_also_first_words()
    return word in whole or word.startswith(stems) or word.startswith(("ال", "و", "ف")) and (
        word[2:] in whole or word[1:] in whole
    )


def find_furniture(
    text: str, normalised: bool = False, relevant: Callable[[int, int], bool] | None = None
) -> list[Furniture]:
    """Every furniture line (or leading dateline) of the text, in text order, with its kind.

    ``normalised``: the text is already normalised (the deal reader's): offsets then index it as it is.
    ``relevant``: see ``_lines`` (the deal reader asks only about lines that hold its mentions).
    """
    if not text:
        return []
    norm = None if normalised else NormalisedText.of(text)
    lines = _lines(text if norm is None else norm.text, relevant)
    found: dict[int, Furniture] = {}  # by the line's start

    def add(line: _Line, kind: str, end: int | None = None) -> None:
        if line.start not in found:
            found[line.start] = Furniture(line.start, line.end if end is None else end, kind)

    for run in _ticker_runs(lines):
        for line in run:
            add(line, "ticker")
    i = 0
    while i < len(lines):
        line = lines[i]
        i += 1
        if not line.text or line.prose:
            continue
        if line.paragraph:
            if _read_also(line) == "inline":
                add(line, "read_also")
            elif _TIME.search(line.text, 0, PARAGRAPH_HEAD_CHARS):
                dateline = _dateline(line)
                if dateline:
                    add(line, "dateline", dateline.end)
            continue
        heading = _read_also(line)
        if heading:
            add(line, "read_also")
            if heading == "heading":
                taken = 0
                j = i
                while j < len(lines) and taken < MAX_RELATED_LINES:
                    nxt = lines[j]
                    if not nxt.text:
                        j += 1
                        continue
                    if _read_also(nxt) or not _is_headline(nxt):
                        break
                    add(nxt, "related")
                    taken += 1
                    j += 1
                i = j
            continue
        if _is_copyright(line):
            add(line, "copyright")
            continue
        kind = _menu_or_share(line)
        if kind:
            add(line, kind)
            continue
        dateline = _dateline(line)
        if dateline:
            add(line, "dateline", dateline.end)
    spans = []
    for item in sorted(found.values(), key=lambda f: f.start):
        # The end maps through the next character, so that marks normalisation dropped at the end of a line
        # (an Arabic tanween: "أيضاً") stay inside the range.
        start, end = (item.start, item.end) if norm is None else (norm.index[item.start], norm.index[item.end])
        spans.append(Furniture(start, end, item.kind))
    return spans


# A ticker quotes rates (87.45, 12 850): an amount this large on a line is a deal's value, not a rate.
TICKER_RATE_CEILING = 100_000


def may_hold_furniture(text: str, amounts: Iterable[tuple[int, float]], signings: Iterable[int] = ()) -> bool:
    """Whether any of the deal reader's amounts ((position, value)) or signings lies on a line that could be
    furniture. When none does, furniture cannot hide anything that makes a deal, and the text need not be read
    for it: a quick answer for most articles, told by cheap tests of those few lines only.

    A line can be furniture if it is no plain sentence and: holds a time of day (a dateline), a copyright mark
    or word, a "read also" at its head or under a "read also" heading a few lines above (a related headline),
    or — a ticker — a small number, not a deal's value.
    """
    lines: dict[int, list[float | None]] = {}
    for position, value in amounts:
        lines.setdefault(text.rfind("\n", 0, position) + 1, []).append(value)
    for position in signings:
        lines.setdefault(text.rfind("\n", 0, position) + 1, []).append(None)
    head, copyright = _prose_exceptions()
    for start, values in lines.items():
        end = text.find("\n", start)
        body = text[start:len(text) if end == -1 else end].strip()
        if not body or _is_prose(body):
            continue
        if any(value is not None and value < TICKER_RATE_CEILING for value in values):
            return True
        if "©" in body or (":" in body and _TIME.search(body)) or head.match(body):
            return True
        if body.count(" ") <= MAX_COPYRIGHT_WORDS and any(word in body.lower() for word in copyright):
            return True
        if _under_read_also_heading(text, start):
            return True
    return False


def _under_read_also_heading(text: str, start: int) -> bool:
    """Whether a "read also" heading stands within the few lines above this line's start."""
    head = _prose_exceptions()[0]
    above = start
    for _ in range(MAX_RELATED_LINES + 1):
        if above <= 0:
            return False
        line_start = text.rfind("\n", 0, above - 1) + 1
        body = text[line_start:above - 1].strip()
        if body and _starts_read_also(body) and head.match(body):
            return True
        above = line_start
    return False


def furniture_spans(
    text: str, normalised: bool = False, relevant: Callable[[int, int], bool] | None = None
) -> list[tuple[int, int]]:
    """Character ranges [start, end) of ``text`` that are page furniture, sorted and merged.

    Ranges that only whitespace separates are merged (a "related news" heading and its headlines are one
    range). A sentence lying inside a range is not article text and never states a deal.
    """
    merged: list[list[int]] = []
    for item in find_furniture(text, normalised, relevant):
        if merged and not text[merged[-1][1]:item.start].strip():
            merged[-1][1] = max(merged[-1][1], item.end)
        else:
            merged.append([item.start, item.end])
    return [(start, end) for start, end in merged]


def is_furniture(text: str, kinds: Iterable[str] = KINDS) -> bool:
    """True when every non-blank line of the text is furniture of the given kinds (whole lines)."""
    wanted = set(kinds)
    for line in text.splitlines():
        # A long sentence with its full stop is article text (only a copyright notice may look so): answered
        # without the full reading, which matters when a page reader asks about every block of a page.
        if len(_WORD.findall(line)) > 16 and _SENTENCE_END.search(line) and not _COPYRIGHT_SIGN.search(line):
            return False
    items = [item for item in find_furniture(text) if item.kind in wanted]
    if not text.strip():
        return False
    mask = _covered(len(text), [(item.start, item.end) for item in items])
    return all(mask[i] for i, ch in enumerate(text) if ch.isalnum())
