"""Assemble deals: every money amount and every signing of an article, read against the names and cue
words around it (reader.py), becomes a deal (valued.py, unvalued.py), and each real deal is kept once
(merge.py)."""

from __future__ import annotations

from ..schema import Article, Deal
from .merge import merge_repeats
from .organisations import Tagger
from .reader import ArticleReader
from .shares import each_share
from .unvalued import unvalued_deals
from .valued import valued_deal


def deals_of(reader: ArticleReader) -> list[Deal]:
    """The deals of an article already read into sentences, in text order."""
    found: list[Deal] = []
    previous = None
    for sentence in reader.sentences:
        for amount in sentence.amounts:
            deal = valued_deal(reader, sentence, amount, previous)
            if deal is not None:
                found.append(deal)
                found.extend(each_share(reader, sentence, amount, deal))
        if not sentence.amounts:
            found.extend(unvalued_deals(reader, sentence, previous))
        previous = sentence
    return merge_repeats(found)


def extract_deals(article: Article, tagger: Tagger | None = None) -> list[Deal]:
    """All deals one article reports, in text order.

    ``tagger`` (optional) proposes organisation spans in the normalised text (``dealtracker.models.ner``);
    without it the rules alone decide, and the output does not depend on any model.
    """
    if not article.text.strip():
        return []
    return deals_of(ArticleReader(article, tagger))
