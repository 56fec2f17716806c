"""Exchange-rate tickers: lines of currency codes (or words) and rates, with no scale word, alone or in a run.

Apart from the other kinds because a ticker is judged over a run of lines, not one line.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from .line import _codes, _is_arabic, _is_capitalised, _is_number, _Line, _number_spans, _residual_words
from .shapes import _BULLET, _CODE, _NUMBER, _SENTENCE_END, _UPPER, _WORD
from .words import _currency_codes


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
