"""A part of an amount told just before it, in the same sentence, or a share of a contract's price: no second deal.

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


@lru_cache(maxsize=1)
def _share_of_the_price():
    """ "a bank guarantee of 10% of the contract price ($38.6 million)", «в размере 10% цены договора», «بنسبة 10% من
    قيمة العقد»: a share of a contract's price (its guarantee, its advance) counted out."""
    return compiled(r"\d\s*(?:%|٪|{percent}\w*|percent|per cent)\s+(?:of\s+|من\s+)?{contract_price}(?![\w\u0600-\u06ff])")


# How far before the amount its share may be told ("15% of the contract price, or $45 million"): across a comma
SHARE_REACH = 80


def a_share_of_the_price(text: str, sentence: Sentence, amount: MoneyMention) -> bool:
    """The words just before the amount, in its sentence, give it as a percentage of a contract's price: a term
    of that contract (a guarantee, an advance payment, a retention), which is told as a deal of its own elsewhere
    or not at all."""
    start = max(sentence.span.start, amount.start - SHARE_REACH)
    return _share_of_the_price().search(text, start, amount.start) is not None
