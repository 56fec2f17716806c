"""The sector a deal's neighbours tell, when its own sentence names none.

News states what a project is once and then goes on with "the plant", «проект», "المشروع": "Tongwei will
build a polysilicon plant in Pavlodar. Bank of China will lead a $650 million loan for the plant." The loan's
sentence holds no sector word, and an article about a plant and a road has no one topic (``dominant_sector``),
yet the sentences just before say what "the plant" is; a lead that announces a package is often followed by the
sentence that says what it holds. "Other" is almost never right (37 of some 2,300 gold deals in the dev and
held-out sets), so the sector told next to the deal is a far better guess than none.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from typing import TYPE_CHECKING

from .attributes import WEAK_SECTORS
from .lexicon import WORD_START, compiled
from .sentence import Sentence

if TYPE_CHECKING:
    from .reader import ArticleReader

# How far back a project's description still carries: about a paragraph's worth of sentences.
LOOK_BACK = 3
# A sentence naming this many fields ("covering infrastructure, digital transformation and financial markets",
# «в энергетике, сельском хозяйстве и логистике») lists what a package spans: no one of them is its sector.
FIELDS_OF_A_PACKAGE = 3


def sector_around(reader: ArticleReader, sentence: Sentence) -> str | None:
    """The sector the nearest sentence before (up to ``LOOK_BACK``) names most, else the sentence after's."""
    return reader.remembered(("sector_around", sentence.span.start), lambda: _sector_around(reader, sentence))


def _sector_around(reader: ArticleReader, sentence: Sentence) -> str | None:
    sentences = reader.sentences
    starts = reader.remembered("sentence_starts", lambda: [s.span.start for s in sentences])
    at = bisect_left(starts, sentence.span.start)
    # A table's row is one item among others: its neighbours are other items, so its context is the prose
    # before the table (its caption or lead), not the rows around it.
    row = sentence.tabulated
    earlier = [s for s in reversed(sentences[:at]) if not (row and s.tabulated)][:LOOK_BACK]
    for told in earlier:
        if _lists_fields(reader, told):
            return None
        sector = _leading_sector(told)
        if sector is not None:
            return sector
    if row or at + 1 >= len(sentences) or _lists_fields(reader, sentences[at + 1]):
        return None
    return _leading_sector(sentences[at + 1])


def _lists_fields(reader: ArticleReader, sentence: Sentence) -> bool:
    """Whether the sentence lists the fields a package spans: several sectors under a word for fields (a
    project's description names several too, "heating pipelines and coal-fired boiler houses", but not as
    fields; a headline's "funding for roads, health and water" sums several deals, each with its own)."""
    fields = {c.payload.value for c in sentence.cues_of([sentence.span], "sector") if not c.payload.weak}
    return len(fields) >= FIELDS_OF_A_PACKAGE and compiled(WORD_START + "{fields_of}").search(
        reader.norm.text, sentence.span.start, sentence.span.end) is not None


def _leading_sector(sentence: Sentence) -> str | None:
    """The specific sector a sentence names more often than any other (a tie says nothing; "construction" and
    money words say too little to count)."""
    counts = Counter(c.payload.value for c in sentence.cues_of([sentence.span], "sector")
                     if c.payload.value not in WEAK_SECTORS and not c.payload.weak)
    ranked = counts.most_common(2)
    if not ranked or (len(ranked) == 2 and ranked[0][1] == ranked[1][1]):
        return None
    return ranked[0][0]
