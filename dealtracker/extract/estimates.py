"""Estimates of what a project costs, which are not what a deal is worth.

Two kinds, each seen in news of every language:
- an estimate by someone who is no side of the deal ("Independent estimates of its cost range from $2 billion to
  $3 billion", «может превысить 150 млрд тенге, оценивает независимый аналитик», «ويقدر محللون مستقلون تكلفة
  المشروع»): the sides did not state it;
- the whole project's cost told after the counterparty's own amount ("Samruk-Energy signed a $120 million
  contract with Doosan for boilers. The new plant is estimated to cost $900 million", «По нашим оценкам, вся
  станция обойдется в 1,2 млрд долларов»): the contractor's deal is the amount told for it, the rest is what
  the owner will spend with others.
Both only where the sentence does not name the counterparty itself: a deal the sentence tells names its side.
And a third: a project's cost or estimate in a sentence naming two or more lenders that co-finance it ("The
project, estimated to cost $180 million, is co-financed by the World Bank and the ADB"): the sum of their parts
and the borrower's, which each lender's own deal tells.
"""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity
from ..text import Span
from .lexicon import WORD_START, compiled
from .money import MoneyMention
from .money.mention import usd_value
from .reader import ArticleReader
from .sentence import Sentence
from .sides import FINANCIERS


@lru_cache(maxsize=1)
def estimate_word():
    """ "is estimated at", «оценивается в», «по нашим оценкам», «تقدر»: a cost told as an estimate."""
    return compiled(WORD_START + r"{estimate_word}(?!\w)")


@lru_cache(maxsize=1)
def _outside_estimator():
    return compiled(WORD_START + r"{outside_estimator}(?!\w)")


@lru_cache(maxsize=1)
def _cost_word():
    return compiled(WORD_START + r"{cost_word}(?!\w)")


def outside_estimate(text: str, sentence: Sentence) -> bool:
    """The sentence gives an estimate, and names an analyst, an expert or an independent estimator."""
    span = sentence.span
    return (
        estimate_word().search(text, span.start, span.end) is not None
        and _outside_estimator().search(text, span.start, span.end) is not None
    )


def cost_after_own_amount(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, own: Span,
                          counterparty: Entity) -> bool:
    """The amount's own words tell a cost or an estimate, larger than an amount an earlier sentence gave this
    counterparty: the whole project's cost after the contractor's part. (A cost no larger than the side's earlier
    amounts is a part of what it gives: "three grants worth $71 million … The cost of this component comes to
    $11 million".)"""
    text = reader.text
    if estimate_word().search(text, own.start, own.end) is None and _cost_word().search(text, own.start, own.end) is None:
        return False
    usd = usd_value(amount)
    if usd is None:
        return False
    return any(
        (told := usd_value(earlier_amount)) is not None and told < usd
        for earlier in reader.sentences
        if earlier.span.end <= sentence.span.start and any(m.payload == counterparty for m in earlier.entities)
        for earlier_amount in earlier.amounts
    )


def names_several_lenders(sentence: Sentence) -> bool:
    """The sentence names two or more foreign lenders ("ADB, AIIB and EFSD back …")."""
    lenders = {m.payload for m in sentence.entities if m.payload.kind in FINANCIERS and not m.payload.is_central_asian}
    return len(lenders) > 1


def cost_of_a_cofinanced_project(text: str, sentence: Sentence, own: Span) -> bool:
    """The amount's own words tell a cost or an estimate, and the sentence names two or more foreign lenders."""
    if not names_several_lenders(sentence):  # (the cheap test first: most sentences name one lender or none)
        return False
    return estimate_word().search(text, own.start, own.end) is not None or _cost_word().search(text, own.start, own.end) is not None


def a_lenders_estimate(text: str, sentence: Sentence, own: Span, counterparty: Entity) -> bool:
    """A lender estimating what a project costs ("the World Bank estimated its total cost at $6.4 billion",
    «Всемирный банк оценил его стоимость в 6,4 млрд долларов», «قدّر البنك الدولي كلفته الإجمالية بنحو 6.4 مليارات
    دولار»): an estimate and a cost in the amount's own words, a lender as the side, and no loan, grant or other
    deal word of its own there — the lender's view of the project, not money it gives."""
    if counterparty.kind not in FINANCIERS:
        return False
    if any(c.payload.value not in ("cost", "build") for c in sentence.cues_of([own], "deal_type")):
        return False
    return estimate_word().search(text, own.start, own.end) is not None and _cost_word().search(text, own.start, own.end) is not None


def its_cost_is_estimated(text: str, own: Span) -> bool:
    """A cost word and an estimate word in the amount's own words, in either order ("whose cost has been estimated
    at", «стоимость которой оценивается в», «تقدر تكلفته بنحو»)."""
    cost = _cost_word().search(text, own.start, own.end)
    return cost is not None and estimate_word().search(text, own.start, own.end) is not None
