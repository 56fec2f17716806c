"""One amount that several sides give each: "the EBRD and PROPARCO will each provide a loan of €21.8 million",
«ЕБРР и АБР выделят по … каждый», "يقدم كل منهما". Each side named beside the amount has its own deal of that
value, so the total over the lenders is what the article says."""

from __future__ import annotations

from dataclasses import replace
from functools import lru_cache

from ..schema import Deal, make_deal_id
from .lexicon import WORD_START, compiled
from .money import MoneyMention
from .reader import ArticleReader
from .sentence import Sentence, within


@lru_cache(maxsize=1)
def _each():
    return compiled(WORD_START + r"{each}(?!\w)")


def each_share(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, deal: Deal) -> list[Deal]:
    """The deals of the other sides that give the same amount 'each' (none when the sentence says no 'each')."""
    # (a fact of the sentence, asked by each of its deals: searched once)
    if not sentence.remembered("each", lambda: _each().search(reader.text, sentence.span.start, sentence.span.end) is not None):
        return []  # most sentences: no "each" at all
    clause = sentence.clause_of(amount.number_start)
    lead, _ = sentence.lead_in(amount)
    spans = [clause] + ([lead] if lead is not None else [])
    if not any(_each().search(reader.text, s.start, s.end) for s in spans):
        return []
    sides = [
        m.payload for m in within(sentence.entities, spans)
        if not m.payload.is_central_asian and m.payload.kind not in ("country", "place")
    ]
    others, seen = [], {deal.counterparty}
    for side in sides:
        if side.name in seen:
            continue
        seen.add(side.name)
        others.append(replace(
            deal,
            counterparty=side.name,
            counterparty_country=side.country or None,
            # keyed by the side (as a deal without a value is): the first side's deal keeps the amount's own id
            deal_id=make_deal_id(reader.article.text, deal.start, deal.end, None, side.name),
        ))
    return others
