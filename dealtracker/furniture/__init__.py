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

One job per module: ``shapes.py`` (the patterns and bounds, ``Furniture``, ``KINDS``), ``words.py`` (the words,
from data), ``line.py`` (a line's words and what is left of them), ``reading.py`` (which lines are read at
all), ``tickers.py``, ``kinds.py`` (datelines, headings and headlines, menus, share bars, copyright) and
``finder.py`` (the API below, and the order the tests are asked in). The API is imported from here.
"""

from .finder import TICKER_RATE_CEILING, find_furniture, furniture_spans, is_furniture, may_hold_furniture
from .shapes import KINDS, MAX_HEADLINE_CHARS, Furniture
from .words import block_words

__all__ = [
    "KINDS",
    "MAX_HEADLINE_CHARS",
    "TICKER_RATE_CEILING",
    "Furniture",
    "block_words",
    "find_furniture",
    "furniture_spans",
    "is_furniture",
    "may_hold_furniture",
]
