"""The frame of a list: the line that opens it ("Contracts were signed for the supply of wheels:", «Перечень выглядит
так:») or the sentence before that line. A list's items each hold an amount and often one side only
("- Uzbek Railways — 24,000 wheels for 2.9 billion roubles;"): what they share, the other side and the kind of deal,
the frame says once for all of them."""

from __future__ import annotations

from bisect import bisect_left
from typing import TYPE_CHECKING

from .sentence import Sentence

if TYPE_CHECKING:
    from .reader import ArticleReader

# How many items of a list may stand between one and the line that opens it
LIST_REACH = 12


def list_frame(reader: ArticleReader, item: Sentence) -> list[Sentence]:
    """The line that opens the list this sentence is an item of, and the sentence before it (nearest first);
    empty when the sentence is no list item (prose stands between it and any line ending in a colon)."""
    text, sentences = reader.text, reader.sentences
    starts = reader.remembered("sentence_starts", lambda: [s.span.start for s in sentences])
    at = bisect_left(starts, item.span.start)
    if at >= len(sentences) or sentences[at] is not item:
        return []
    for k in range(at - 1, max(-1, at - 1 - LIST_REACH), -1):
        if text[sentences[k].span.start:sentences[k].span.end].rstrip().endswith(":"):
            return sentences[max(0, k - 1):k + 1][::-1]
        if not sentences[k].amounts:
            return []  # (the items of a list each hold their amount; prose between ends the list)
    return []
