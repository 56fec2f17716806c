"""Names after what the company makes, opening a sentence: "Copper producer KGHM Polska Miedz and Kazakhmys signed
…", "Rail maker Tarvonex signed …", «Производитель удобрений Тарвонекс подписал …».

Why: wires and trade papers name a little-known company by its trade first, with no state before it ("the Dutch
firm Melkveld" is ``partner_names``' pattern). At a sentence's start the trade and a company word
(``company_noun`` in ``data/lang/*/organisation_patterns.csv``) are the name's description, and the capitalised
words after them the name. Only there: inside a sentence, "the rail maker" may be a reference to a name before.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .name_patterns import alternation, pattern_word_set

__all__ = ["names_after_a_trade"]

# where a sentence opens: the text's start, after a sentence's end mark and spaces, after a line break
_OPENINGS = re.compile(r"(?:[.!?…][ \t]+|\n[ \t]*)(?=[A-ZА-ЯЁ])")
# a capitalised name word in Latin or Cyrillic script, at most four of them
_NAME = r"(?P<name>[A-ZА-ЯЁ][\w&'-]*(?:[ \t]+[A-ZА-ЯЁ][\w&'-]*){0,3})"


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str]]:
    nouns = alternation("company_noun")
    # English: the trade (its first word capitalised as the sentence's), then the company word, then the name
    trade_first = re.compile(rf"(?P<first>[A-Z][a-z-]+)(?:[ \t]+[a-z-]+){{0,2}}?[ \t]+(?:{nouns})[ \t]+{_NAME}(?![\w-])")
    # Russian: the company word (capitalised), the trade in the genitive, then the name
    noun_first = re.compile(rf"(?P<first>(?i:{nouns}))(?:[ \t]+[а-яё-]+){{1,2}}?[ \t]+{_NAME}(?![\w-])")
    return trade_first, noun_first


def names_after_a_trade(text: str) -> list[tuple[int, int, None]]:
    """(start, end, no home) of each name a trade and a company word open a sentence with (not "Our developer
    Murad Buildings": a pronoun or determiner, ``not_subject``, is no trade)."""
    not_trade = pattern_word_set("not_subject")
    starts = [0, *(m.end() for m in _OPENINGS.finditer(text))]  # (tried there only: a few dozen per article)
    found = (pattern.match(text, start) for start in starts for pattern in _patterns())
    return [(m.start("name"), m.end("name"), None) for m in found if m is not None and m.group("first") not in not_trade]
