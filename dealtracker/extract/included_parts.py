"""A part of an amount told just before it, in the same sentence: no second deal.

"The government will contribute $20 million, including about 900 million som for land acquisition", «150 млн
долларов, из которых 30 млн обеспечит правительство», «15 مليون دولار، بما في ذلك نحو 50 مليار سوم»: the second
amount is a share of the first, and counting it too would count the same money twice. Only when the part's own
words name no foreign side: "agreements worth $5 billion, including a $1.2 billion contract with Airbus" tells a
deal of its own, with its own side.
"""

from __future__ import annotations

from functools import lru_cache

from ..text import Span
from .lexicon import WORD_START, compiled
from .money import MoneyMention
from .sentence import Sentence, within


@lru_cache(maxsize=1)
def _including():
    return compiled(WORD_START + r"{including}(?!\w)")


def part_of_the_amount_before(text: str, sentence: Sentence, amount: MoneyMention, own: Span) -> bool:
    """The amount's own words open with "including", «из которых», «بما في ذلك» before it, an amount of the sentence
    comes before it, and no foreign side is named in its own words."""
    if not any(other.start < amount.start for other in sentence.amounts):
        return False
    if _including().search(text, own.start, amount.start) is None:
        return False
    return all(m.payload.is_central_asian for m in within(sentence.entities, [own]))
