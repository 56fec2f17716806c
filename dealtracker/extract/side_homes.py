"""The states a sentence gives a side besides its own deal: the home it tells beside the side's name, and the
state of the group the side belongs to.

Why: a sentence with no Central Asian side that names a second state is read as that state's deal ("Suriname
will receive $47 million from the IsDB"). A state that is only a side's home as the article tells it ("Spain's
EDP Renewables", where the gazetteer files the name under its group's Portugal) or the home of its parent group
("part of Portugal's Galp group") is no such second state.
"""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity
from .lexicon import WORD_START, compiled
from .sentence import Sentence


def told_homes(sentence: Sentence, counterparty: Entity) -> set[str]:
    """The states the sentence sets right beside the counterparty's name ("Spain's EDP Renewables", «испанской
    EDP Renewables», «إي دي بي رينوفابلز الإسبانية»): its home as the article tells it, even where the gazetteer
    files the name under its group's state."""
    named = [e for e in sentence.entities if e.payload.kind != "country" and e.payload.name == counterparty.name]
    return {e.payload.country for e in sentence.entities if e.payload.kind == "country" and any(
        0 <= m.start - e.end <= 3 or (0 <= e.start - m.end <= 2 and sentence.text.startswith(_ARABIC_THE, e.start))
        for m in named)}


# An Arabic state adjective after a name carries the article («الإسبانية»); «للبنان» after one is "to Lebanon"
_ARABIC_THE = "\u0627\u0644"


def parents_homes(sentence: Sentence) -> set[str]:
    """The states of the groups a side is said to belong to ("Spain's EDP Renewables, part of Portugal's EDP
    group", «входящей в португальскую группу EDP», «التابعة لمجموعة … البرتغالية»): a parent's state is no
    other deal's side."""
    homes = set()
    for word in _part_of().finditer(sentence.text, sentence.span.start, sentence.span.end):
        parent = next((e for e in sentence.entities if word.end() <= e.start <= word.end() + _PARENT_REACH), None)
        if parent is not None:
            homes.add(parent.payload.country)
            homes.update(e.payload.country for e in sentence.entities
                         if e.payload.kind != "country" and parent.end <= e.start <= parent.end + _PARENT_REACH)
    return homes


# How far after "part of" its group's name (or the group's state word) may start and end: "part of the
# Portuguese energy group EDP"
_PARENT_REACH = 40


@lru_cache(maxsize=1)
def _part_of():
    return compiled(WORD_START + r"{part_of}(?!\w)")
