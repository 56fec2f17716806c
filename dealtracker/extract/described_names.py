"""Names that are descriptions: a country word and common words ("the Czech Export Bank", «Чешского экспортного
банка»). News names little-known state lenders and agencies this way; without their country word such a name
says nothing ("Export Bank"), so the country word is part of the name and gives its home.

The words are data (``descriptive_word`` and ``descriptive_head`` in ``data/organisation_patterns.csv``).
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..text import normalise_term
from .name_patterns import pattern_word_set, pattern_words

# Russian writes only the first word of a name with a capital: «Чешский экспортный банк». Between the country
# adjective and the head noun stand one or two lower-case words (adjectives, or a genitive: «банк развития»
# has its head first and is left to the gazetteer).
_LOWER_CYRILLIC_WORD = r"[а-яё][а-яё-]+"


def is_descriptive(rest: str) -> bool:
    """Whether a Latin name's words after its leading country word are only common ones ("Export Bank",
    "National Investment Fund"), its last word the designator."""
    words = rest.split()
    return len(words) >= 2 and all(w in pattern_word_set("descriptive_word") for w in words[:-1])


@lru_cache(maxsize=1)
def _russian_tail() -> re.Pattern[str]:
    heads = "|".join(re.escape(w) for w in sorted(
        [*pattern_words("descriptive_head"), *pattern_words("financier_head")], key=len, reverse=True))
    return re.compile(rf"[ \t]+(?:{_LOWER_CYRILLIC_WORD}[ \t]+){{1,2}}(?:{heads})[а-яё]{{0,3}}(?![\w-])")


def kind_of_described(name: str) -> str:
    """A described name whose head is a bank's or fund's ("Czech Export Bank", «экспортного банка») is a
    lender's: its money is a loan, and its country no recipient of it."""
    last = name.split()[-1].casefold()
    return "bank" if any(last.startswith(h.casefold()) for h in pattern_words("financier_head")) else "company"


def names_a_bank(name: str) -> bool:
    """ "Hamkorbank", "Bank Eskhata", «Ориенбанк», «بنك إسكاتا»: a name one of whose words is, or ends in, a
    bank word (``bank_word``) is a bank's, a lender and a borrower of credit lines, not a company's."""
    words = pattern_words("bank_word")
    return any(token.casefold().endswith(w) for token in re.findall(r"\w+", normalise_term(name)) for w in words)


def russian_described(text: str, countries: list[TermMatch[Entity]]) -> list[tuple[TermMatch[Entity], int]]:
    """(country word, end of the name) of «Чешский экспортный банк», «Венгерского государственного фонда»: a capitalised
    foreign country adjective, one or two lower-case words and a lender's or agency's head noun, in any case."""
    found = []
    for country in countries:
        if country.payload.is_central_asian or not ("\u0410" <= text[country.start] <= "\u042f"):
            continue
        m = _russian_tail().match(text, country.end)
        if m is not None:
            found.append((country, m.end()))
    return found
