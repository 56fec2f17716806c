"""Amounts that are statistics told around a deal rather than deals: one whose introducing clause or
elliptical twin is a statistic, one compared with a year before ("reached $1.2 billion, up from $800 million a
year earlier"). The statistic words are ``non_deal`` cues (data/lang/*/deal_cues.csv)."""

from __future__ import annotations

from ..text import Span
from .money import MoneyMention
from .sentence import Sentence, within


def statistic_told_before(sentence: Sentence, amount: MoneyMention, own: list[Span]) -> bool:
    """Whether the amount is a statistic by what stands around it:
    - the elliptical twin, after a dash, of a statistic's amount («Портфель ЕБРД … составил 4,6 млрд евро,
      Азиатского банка развития — 3,2 млрд долларов»);
    - the figure a comparison follows ("… reached $1.2 billion, up from $800 million a year earlier");
    - with no deal word, status or foreign side of its own: an amount whose introducing clause is a statistic
      («объем инвестиций, привлеченных за последние 30 лет, превысил 8 млрд долларов») or that follows a
      statistic's amount closely ("the 2027 budget plans spending of 420 billion som, while Tajikistan's is
      60.3 billion somoni")."""
    before = [a for a in sentence.amounts if a.end <= amount.start]
    twin = before[-1] if before else None
    if twin is not None and _elliptical_twin_of_statistic(sentence, twin, amount):
        return True
    after = [a for a in sentence.amounts if a.start >= amount.end]
    if after and len(sentence.text[amount.end:after[0].start]) < 60 and any(
        c.payload.value == "comparison" for c in sentence.cues_of([sentence.region_of(after[0])], "non_deal")
    ):
        return True
    # ("worth" is a statistic's word too; a foreign side in its own words makes it a deal: "and with $75 million of
    # support from the ADFD" after a bank's own funds)
    kinds = [c for c in sentence.cues_of(own, "deal_type") if c.payload.value not in ("cost", "build")]
    if kinds or sentence.cues_of(own, "status") or any(not m.payload.is_central_asian for m in within(sentence.entities, own)):
        return False
    lead, _ = sentence.lead_in(amount)
    if lead is not None and sentence.cues_of([lead], "non_deal"):
        return True
    return twin is not None and len(sentence.text[twin.end:amount.start]) < 80 and bool(
        sentence.cues_of([sentence.region_of(twin)], "non_deal")
    )


def _elliptical_twin_of_statistic(sentence: Sentence, twin: MoneyMention, amount: MoneyMention) -> bool:
    """An amount right after a dash that follows a statistic's amount ("…, and the ADB's — $3.2 billion") is
    that statistic told of another side."""
    between = sentence.text[twin.end:amount.start]
    if len(between) > 60 or not any(dash in between for dash in ("—", "–", " - ")):
        return False
    kinds = {c.payload.value for c in sentence.cues_of([sentence.region_of(twin)], "non_deal")}
    return bool(kinds - {"own_funds"})
