"""Two amounts that are one: a range ("between $200m and $300m") and a restatement ("… riyals, or $262.7m").

Apart from the finder because folding reads only the found mentions and the text between them, after every
amount is found: a range becomes its upper bound, "up to"; a restatement in dollars is kept as the text's own
USD value, one in another currency as ``restated``.
"""

from __future__ import annotations

import re
from dataclasses import replace

from .lexicon import only_number_words
from .mention import MoneyMention


# "between $200 million and $300 million", "from €1bn to €1.5bn", «от $200 млн до $300 млн», "بين 3 و5 مليارات"
_RANGE_GAP = re.compile(r"\s*(?:to|and|-|–|—|до|и|إلى|الى|الي|و)\s*$", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s*(?:to|-|–|—|до|إلى|الى|الي)\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:between|from|of|от|بين|من)\s+$", re.IGNORECASE)


def _fold_ranges(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    """A range of two amounts in one currency is one amount: its upper bound, "up to". Only when the words
    around say range ("between … and", "from … to", «от … до», "بين … و", or "to" or a dash alone between bounds
    of one size): "$200 million and $300 million" after two names are two deals."""
    folded: list[MoneyMention] = []
    for mention in mentions:
        previous = folded[-1] if folded else None
        if (
            previous is not None
            and previous.currency == mention.currency
            and mention.amount > previous.amount
            and (
                _RANGE_GAP.match(text[previous.end:mention.start]) is not None
                # «от $200 млн до $300 млн»: the second amount's "up to" took the «до»
                or (mention.qualifier == "up to" and not text[previous.end:mention.start].strip())
            )
            and (
                _RANGE_OPENER.search(text[max(0, previous.start - 12):previous.start]) is not None
                # "could cost $1.2 billion to $1.5 billion", «$10–12 млрд»: "to" or a dash alone says range
                # (unlike "and", which also joins two deals), when the bounds are of one size
                or (_RANGE_TO.fullmatch(text[previous.end:mention.start]) is not None
                    and mention.amount <= 10 * previous.amount)
            )
        ):
            folded[-1] = MoneyMention(
                previous.start, mention.end, mention.amount, mention.currency, "up to", previous.number_start,
                mention.usd_stated,
            )
            continue
        folded.append(mention)
    return folded


# "985.13 million riyals, or $262.7 million", "$600 million (over 550 million euros)", "… евро (около $55 млн)"
_EQUIVALENT_MARKERS = (
    r"or|i\.e\.|which is|that is|equivalent to|equal to|about|around|approximately|almost|nearly|roughly|over|some|или|"
    r"что эквивалентно|почти|примерно|"
    r"что составляет|около|порядка|более|свыше|\u0627\u064a|\u0645\u0627 \u064a\u0639\u0627\u062f\u0644|"
    r"\u0645\u0627 \u064a\u0648\u0627\u0632\u064a|\u062d\u0648\u0627\u0644\u064a|\u0646\u062d\u0648"
)
# A restatement is opened by a bracket or by a word such as "or", "или", "أي ما يعادل"; a bare comma is a list.
_EQUIVALENT_GAP = re.compile(
    r"\s*(?:\(\s*(?:(?:" + _EQUIVALENT_MARKERS + r")\s+)*"
    r"|[,;\u060c\u061b]?\s*(?:(?:" + _EQUIVALENT_MARKERS + r")\s+)+\(?\s*)",
    re.IGNORECASE,
)


def _gap(text: str, previous: MoneyMention, mention: MoneyMention) -> str:
    """What stands between two amounts, counting a bracket the second amount opened with."""
    opening = text[mention.start] if text[mention.start] == "(" else ""
    return text[previous.end:mention.start] + opening


def _fold_equivalents(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    """An amount restated in another currency right after itself is one amount, not two.

    When the restatement is in dollars, it is kept as the text's own USD value.
    """
    folded: list[MoneyMention] = []
    for mention in mentions:
        previous = folded[-1] if folded else None
        if previous is not None and _restated_in_words(text, previous, mention):
            folded[-1] = replace(previous, end=_past_closing_bracket(text, mention.end))
            continue
        if (
            previous is not None
            and previous.currency != mention.currency
            and mention.start - previous.end <= 30
            and _EQUIVALENT_GAP.fullmatch(_gap(text, previous, mention)) is not None
        ):
            if mention.currency == "USD" and previous.usd_stated is None:
                folded[-1] = MoneyMention(
                    previous.start, mention.end, previous.amount, previous.currency, previous.qualifier,
                    previous.number_start, usd_stated=mention.amount,
                )
            elif mention.currency != "USD" and previous.restated is None:
                folded[-1] = MoneyMention(
                    previous.start, mention.end, previous.amount, previous.currency, previous.qualifier,
                    previous.number_start, previous.usd_stated, restated=(mention.amount, mention.currency),
                )
            continue
        folded.append(mention)
    return folded


def _restated_in_words(text: str, previous: MoneyMention, mention: MoneyMention) -> bool:
    """ "110 млн евро (сто десять миллионов евро)": the same amount in the same currency, restated right after
    itself (in words, as contracts and ministries write it), is one amount. A bracket of words after the number
    restates it even when its words are read as less than the number: «386,250,000 ريال سعودي (ثلاثمائة وستة
    وثمانون مليونا ومئتان وخمسون ألف ريال سعودي)» is one amount, not a second one of the words' last part."""
    if previous.currency != mention.currency:
        return False
    in_words = not any(ch.isdigit() for ch in text[mention.number_start:mention.end])
    opening = _WORDS_OPENING_A_BRACKET.fullmatch(text, previous.end, mention.start)
    if in_words and opening is not None and only_number_words(opening.group(1)):
        # the same amount in words, or only the words' last part read: the whole bracket restates it
        return mention.amount <= 1.005 * previous.amount
    if mention.start - previous.end > 30 or _EQUIVALENT_GAP.fullmatch(_gap(text, previous, mention)) is None:
        return False
    return abs(previous.amount - mention.amount) <= 0.005 * previous.amount


# A bracket opened right after an amount whose first words (no digit, no closing bracket) spell the start of a
# long number: the amount found inside it is the number's tail, read apart
_WORDS_OPENING_A_BRACKET = re.compile(r"\s*\(([^()\d]{0,160})")


def _past_closing_bracket(text: str, end: int) -> int:
    """Where a restatement in brackets ends: past its closing bracket, so that what follows it ("), i.e. $103
    million") is read as the next restatement of the same amount."""
    m = re.match(r"[ \t]*\)", text[end:end + 4])
    return end + m.end() if m else end
