"""Where, in an article, a deal's evidence, sides and amount are written — for showing them to a reviewer.

The engine keeps canonical English names; the reviewer reads the article's own script. So the marks are
found again inside the evidence span with the same gazetteer and money reader the engine used.
"""

from __future__ import annotations

from dataclasses import dataclass

from .extract.money import find_money
from .gazetteer import country_entity, find_entities
from .text import NormalisedText


@dataclass(frozen=True)
class Mark:
    start: int  # offsets in the article text
    end: int
    kind: str  # evidence | party | counterparty | amount


def deal_marks(text: str, deal: dict) -> list[Mark]:
    """The evidence span plus the party, counterparty and amount inside it (offsets into ``text``)."""
    start, end = int(deal["start"]), int(deal["end"])
    if not (0 <= start < end <= len(text)):
        return []
    marks = [Mark(start, end, "evidence")]
    norm = NormalisedText.of(text[start:end])
    for match in find_entities(norm.text):
        entity = match.payload
        names = {entity.name, country_entity(entity.country).name if entity.kind == "place" else entity.name}
        kind = "party" if deal.get("party") in names else "counterparty" if deal.get("counterparty") in names else None
        if kind:
            s, e = norm.to_original(match.start, match.end)
            marks.append(Mark(start + s, start + e, kind))
    amount = deal.get("amount")
    for money in find_money(norm.text, deal.get("language") or "en"):
        if amount is not None and abs(money.amount - float(amount)) <= 0.005 * float(amount):
            s, e = norm.to_original(money.start, money.end)
            marks.append(Mark(start + s, start + e, "amount"))
    return marks
