"""Prices that are no deal's value: an amount per unit ("$9,800 a tonne", «за баррель», «لكل طن») and the price
of one unit ("An average electric car costs about $27,000", «Один электропоезд … обходится заказчику примерно
в 620 млн рублей», «متوسط السعر اليومي للحفار … يبلغ نحو 42 ألف دولار»). The words are the language packs'
(``per_unit``, ``per_period``, ``unit_subject``, ``unit_cost_verb`` in ``data/lang/*/context_words.csv``)."""

from __future__ import annotations

from functools import lru_cache

from .lexicon import WORD_START, compiled
from .money import MoneyMention


def a_price_per_unit(text: str, amount: MoneyMention, own_start: int, deal_words: frozenset[int] = frozenset()) -> bool:
    """Whether ``amount`` is a price: per unit right after it, or of one unit named before it in its own words
    (which begin at ``own_start``). ``deal_words``: where deal-type words start ("… and $15 million a grant" names
    a part of the deal, not a unit)."""
    item = _per_item().match(text, amount.end)
    if _per_unit().match(text, amount.end) is not None or (item is not None and item.start("item") not in deal_words):
        return True
    return _unit_price().search(text, own_start, amount.start) is not None


@lru_cache(maxsize=1)
def _unit_price():
    """ "An average electric car in Tashkent costs about $27,000", «Один электропоезд … обходится заказчику
    примерно в 620 млн рублей», «متوسط السعر اليومي للحفار … يبلغ نحو 42 ألف دولار»: one unit (or an average)
    and a verb of price (in either order) a few words before the amount — a price, not a deal ("each of the lenders
    will provide" is no price verb)."""
    words = r"(?:[\w'’-]+\s+)"
    return compiled(
        WORD_START + r"(?:{unit_subject}\s+" + words + r"{0,7}?{unit_cost_verb}"  # «одна машина обойдется …»
        + r"|{unit_cost_verb}\s+" + words + r"{0,2}?{unit_subject})"  # «ستكلف القاطرة الواحدة …» (verb first)
        + r"\s+" + words + r"{0,5}$"  # (whom it costs, a qualifier, a preposition: «киргизской стороне примерно в»)
    )


@lru_cache(maxsize=1)
def _per_unit():
    """ "$9,800 a tonne", "$160 per thousand cubic meters", «за баррель», «لكل طن»: a price per unit right after the
    amount ("$100 million per year" is a yearly sum, not a price)."""
    return compiled(r"\s*(?:{per_unit})(?!\w)(?!\s+{per_period}\b)")


@lru_cache(maxsize=1)
def _per_item():
    """ "about USD31,000 a tractor.", «по 31 тыс. долларов за трактор»: an amount followed by "a" (``per_item``) and
    one word that ends its clause is the price of one of the things bought, whatever they are ("$100 million a
    year" is a yearly sum: ``per_period``)."""
    return compiled(r"\s+{per_item}\s+(?!(?:{per_period})\b)(?P<item>[^\W\d_]+)\s*(?:[.,;:!?)]|$)")

