"""Arabic bank names written without quotes, as the Gulf and Levantine press writes them: «بنك الجزيرة السعودي»,
«البنك التجاري الكويتي», «مصرف الراجحي الإماراتي».

Why: the company-name patterns take an Arabic name only in quotes or after «شركة»; a bank is «بنك»/«مصرف» and one
or two words, followed by its state's adjective. Unread, the sentence names only that state («وشارك بنك الجزيرة
السعودي بمبلغ 35 مليون دولار»: a co-lender's share of a syndicated loan), and is taken for another state's deal.
Only a name whose state's adjective follows it is taken: that adjective says it is a bank of that state.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from .country_words import CountryWords
from .name_patterns import alternation, pattern_word_set


@lru_cache(maxsize=1)
def _bank() -> re.Pattern[str]:
    """A bank word (``bank_word`` in the Arabic pack's organisation_patterns.csv: «بنك», «مصرف», with or without the
    article; «و» "and" may be joined to it) and one or two words, before a word with the article."""
    return re.compile(r"(?<![\w\u0600-\u06ff])(?:\u0648)?(?P<name>(?:" + alternation("bank_word")
                      + r")(?:\s+[\u0621-\u064a]+){1,2}?)(?=\s+\u0627\u0644[\u0621-\u064a]+)")


def arabic_bank_names(text: str, near: CountryWords) -> list[tuple[int, int, Entity]]:
    """(start, end, bank) for each such name whose next word is a foreign state's adjective (a Central Asian
    bank is the gazetteer's to know, or a side the article names otherwise)."""
    if not any(word in text for word in pattern_word_set("bank_word")):
        return []
    found = []
    for m in _bank().finditer(text):
        start, end = m.span("name")
        country = near.adjacent(text, start, end, 0)
        if country is not None and not country.is_central_asian and country.kind == "country":
            found.append((start, end, Entity(name=m.group("name"), country=country.country, kind="bank")))
    return found
