"""Amounts written as contracts and official notices write them: the number, then the same number in words in
brackets, then the currency — «52 430 000 000 (пятьдесят два миллиарда … миллионов) тенге», "5,000,000 (five
million) US dollars", «5,000,000 (خمسة ملايين) دولار».

Why apart: the money pattern wants the currency next to the number, and the bracket between them is read as a
restatement's opening. Here the bracket holds no digit and is followed by a currency word: the number and the
currency after the bracket are read together by the money reader itself, so that every currency and scale it
knows works here too, and the bracket is left inside the mention.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from .mention import MoneyMention

# A number with at least two digits, a bracket of words (no digit, no other bracket), then what follows it
_NUMBER_THEN_WORDS = re.compile(r"(?<![\w.,])(?P<number>\d[\d \u00a0.,']*\d)[ \t]*\((?P<words>[^()\d\n]{3,160})\)[ \t]*")
# How far past the bracket the currency may reach
_CURRENCY_REACH = 40


def spelled_restatements(text: str, start: int, end: int, read: Callable[[str], list[MoneyMention]],
                         names_a_number: Callable[[str], bool]) -> list[MoneyMention]:
    """The amounts of ``text[start:end]`` whose number is restated in words in brackets before the currency.
    ``read`` is the money reader applied to a short text (the number joined to what follows the bracket);
    ``names_a_number`` tells whether the bracket's words hold a number word (a long compound such as «тридцать
    семь миллионов двести семьдесят две тысячи пятьсот» need not read as one amount to restate the number)."""
    if "(" not in text[start:end]:
        return []
    found = []
    for m in _NUMBER_THEN_WORDS.finditer(text, start, end):
        number = m.group("number")
        after = text[m.end():min(end, m.end() + _CURRENCY_REACH)]
        joined = f"{number} {after}"
        if not names_a_number(m.group("words")):
            continue  # "in 2024 (last year) dollars": the bracket says no number
        first = next(iter(read(joined)), None)
        if first is None or first.number_start != 0 or first.end <= len(number) + 1:
            continue
        tail = first.end - len(number) - 1  # how much of ``after`` the currency took
        found.append(MoneyMention(m.start("number"), m.end() + tail, first.amount, first.currency, first.qualifier,
                                  m.start("number")))
    return found
