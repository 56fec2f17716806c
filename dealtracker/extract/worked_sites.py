"""A Central Asian body named as the site the money is spent on is not the side that spends or borrows it.

"KazMunayGas received a $200 million loan … to modernise the Shymkent refinery", «… на 200 млн долларов для
модернизации Шымкентского НПЗ», «… لتحديث مصفاة شيمكنت»: the refinery (a known organisation of its own) is where the
works are done; the borrower is the company the sentence opens with. The nearest Central Asian name to the amount
would be the refinery in Russian and Arabic, where the purpose follows the amount, so the site is set aside when
another Central Asian organisation is named in the sentence (alone, it may well be the side: "the ADB lent $50
million to modernise the Shymkent refinery"). The works words are ``works_on`` in each language's context words.
"""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from .lexicon import WORD_START, compiled

# How far before a name its works word may end: the word, an article and an opening quote.
_LOOKBACK = 40


@lru_cache(maxsize=1)
def _works_before():
    return compiled(WORD_START + r"{works_on}[ \t]+(?:the[ \t]+)?\"?$")


def _worked_on(text: str, entity: TermMatch[Entity]) -> bool:
    return _works_before().search(text, max(0, entity.start - _LOOKBACK), entity.start) is not None


def without_worked_sites(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The sentence's names without the Central Asian organisations named as the site of the works the money pays
    for, when another Central Asian organisation is named (see the module's docstring)."""
    named = [e for e in entities if e.payload.is_central_asian and e.payload.kind not in ("country", "place")]
    if len(named) < 2:
        return entities
    worked = [e for e in named if _worked_on(text, e)]
    if not worked or len(worked) == len(named):
        return entities
    return [e for e in entities if e not in worked]
