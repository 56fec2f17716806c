"""Deals without a value: a signed agreement with a named organisation is still a deal, one per organisation."""

from __future__ import annotations

from ..schema import Deal
from .attributes import deal_type_of, jobs_of, resolve_type, sector_of
from .reader import ArticleReader
from .sentence import Sentence
from .sides import pick_party


def unvalued_deals(reader: ArticleReader, sentence: Sentence, previous: Sentence | None) -> list[Deal]:
    """The deals a sentence without an amount reports: one per foreign organisation it names, when it says
    that something was signed."""
    signed = [c for c in sentence.cues if c.payload.kind == "status" and c.payload.value == "signed"]
    if not signed:
        return []
    at = signed[0].start
    # The type is what was signed: the words of the signing clause first ("an MoU was signed …, and the bank
    # is weighing a loan" reports an MoU).
    deal_type = deal_type_of(
        sentence.cues_of([sentence.clause_of(at)], "deal_type"), sentence.cues_of(sentence.clauses, "deal_type")
    )
    if deal_type is None:
        return []
    organisations = [
        m for m in sentence.entities if m.payload.kind not in ("country", "place") and not m.payload.is_central_asian
    ]
    party = pick_party(sentence.entities, at) or (previous and pick_party(previous.entities, at)) or reader.article_party
    if party is None:
        return []
    deals: list[Deal] = []
    seen: set[str] = set()
    for match in organisations:
        counterparty = match.payload
        if counterparty.name in seen:
            continue
        seen.add(counterparty.name)
        deals.append(
            reader.deal(
                sentence.span,
                party=party,
                counterparty=counterparty,
                amount=None,
                currency=None,
                value_usd=None,
                qualifier=None,
                sector=sector_of(sentence, [sentence.span], [], match.start, (party, counterparty), reader.article_sector),
                deal_type=resolve_type(deal_type, counterparty),
                status="signed",
                jobs=jobs_of(reader.text, sentence, [sentence.span]),
                object=reader.object_of(sentence, sentence.span),
                confidence=0.5,
            )
        )
    return deals
