"""A province the gazetteer does not know as Central Asian, named where the money goes, is abroad.

«"Мираторг" вкладывает 12 млрд рублей в расширение мощностей в Брянской области», "invests RUB 12 billion in
the Bryansk region", «يستثمر … في منطقة بريانسك»: every province of the five states is in
``data/central_asia_places.csv`` in the three languages (their Russian adjectives, Latin and Uzbek spellings,
Arabic names), so a capitalised name with a province word that matches none of them is another state's province
(Russia's oblasts and krais above all) — the company's spending at home, not a deal of ours. The province words are
``province_after`` (after the name: "region", «области») and ``province_before`` (before it: «منطقة») in the
context words.
"""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..text import Span
from .lexicon import compiled


@lru_cache(maxsize=1)
def _name_then_province():
    return compiled(r"(?<![\w-])(?P<name>[A-ZА-ЯЁ][\w'-]+)[ \t]+(?i:{province_after})(?!\w)", flags=0)


@lru_cache(maxsize=1)
def _province_then_name():
    return compiled(r"(?<!\w){province_before}[ \t]+(?P<name>[\u0621-\u064a]{3,})")


def names_a_foreign_province(text: str, region: Span, entities: list[TermMatch[Entity]]) -> bool:
    """Whether ``region`` names a province that no known name covers (see the module's docstring)."""
    for pattern in (_name_then_province(), _province_then_name()):
        for m in pattern.finditer(text, region.start, region.end):
            start, end = m.span("name")
            if not any(e.start < end and start < e.end for e in entities):
                return True
    return False
