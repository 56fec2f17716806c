"""Money amounts in Arabic, Russian and English news: "$4.2bn", "4,2 млрд долларов", "8 مليارات دولار".

An amount counts only when a currency is stated (symbol, ISO code or word), so counts of aircraft,
jobs, years and capacities never become values. Scale words, currencies and qualifiers come from
``data/lang/*/money_terms.csv`` and ``data/lang/*/qualifiers.csv``.

One job per module, so that each rule is found in one place and none of them grows past reading:

- ``mention.py``    ``MoneyMention``, what the finder returns
- ``patterns.py``   term lists → fast case-insensitive alternations (factored, skippable first letters)
- ``lexicon.py``    the CSVs → the money regex and the look-up tables (``_lexicon``)
- ``anchoring.py``  the regex searched only near the digits and words every amount contains
- ``values.py``     a match's value: numbers in the article's convention, number words, scales, halves
- ``rates.py``      exchange rates and per-unit prices, which are no amounts
- ``currency.py``   a currency word two states share; whether a sum can be a deal's value (``plausible``)
- ``folding.py``    ranges and restated equivalents folded into one amount
- ``finder.py``     ``find_money`` and ``amounts_stated``: the matches → amounts, compounds joined

The names the rest of the engine uses are imported from here.
"""

from .currency import currency_in_context, plausible
from .finder import amounts_stated, find_money
from .lexicon import scale_words
from .mention import MoneyMention
from .values import parse_number

__all__ = [
    "MoneyMention",
    "amounts_stated",
    "currency_in_context",
    "find_money",
    "parse_number",
    "plausible",
    "scale_words",
]
