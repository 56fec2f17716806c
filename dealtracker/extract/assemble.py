"""Assemble deals: every money amount and every signing of an article, read against the names and cue
words around it (reader.py), becomes a deal (valued.py, unvalued.py), and each real deal is kept once
(merge.py)."""

from __future__ import annotations

from ..schema import Article, Deal
from ..text import Span, reading_windows
from .merge import merge_repeats
from .parts import without_totals_of_parts
from .organisations import Tagger
from .reader import ArticleReader
from .sentence import Sentence
from .shares import each_share
from .unvalued import says_another_deal, unvalued_deals
from .deal_veto import active_lexical_veto, active_veto, kept_by_veto
from .valued import valued_deal

# Past this many characters (about 100 pages) an article is read in windows: far above a news article (the
# development set's longest text has 3,614; a long feature, 20,000), so only long reports and pasted dumps are
# cut, each window at a paragraph break.
WINDOW_CHARS = 200_000


def deals_of(reader: ArticleReader) -> list[Deal]:
    """The deals of an article already read into sentences, in text order."""
    first = reader.sentences[0] if reader.sentences else None
    headline_end = reader.original(first.span.start, first.span.end)[1] if first and reader.is_headline(first) else 0
    separate: set[int] = set()
    raw: set[int] = set()
    deals = merge_repeats(_reported(reader, separate, raw), headline_end, separate)
    veto, lexical = active_veto(), active_lexical_veto()
    return deals if veto is None and lexical is None else kept_by_veto(veto, reader, deals, raw, lexical)


def _reported(reader: ArticleReader, separate: set[int], raw: set[int]) -> list[Deal]:
    """Every report of a deal in the text the reader holds, repeats included. Adds to ``separate`` where the
    deals without a value start whose sentence says they are another deal ("also", «кроме того», "كما"), and
    to ``raw`` the ``id()`` of each money mention the rules made a deal of."""
    by_sentence: list[list[Deal]] = []
    previous = None
    for sentence in reader.sentences:
        found: list[Deal] = []
        for amount in sentence.amounts:
            deal = valued_deal(reader, sentence, amount, previous)
            if deal is not None:
                raw.add(id(amount))
                found.append(deal)
                found.extend(each_share(reader, sentence, amount, deal))
        if not sentence.amounts:
            unvalued = unvalued_deals(reader, sentence, previous)
            if unvalued and says_another_deal(reader.text, sentence.span):
                separate.update(d.start for d in unvalued)
            found.extend(unvalued)
        by_sentence.append(found)
        if _has_words(reader.text, sentence):  # ("3." of a numbered list, cut as a sentence, tells nothing)
            previous = sentence
    headline = bool(reader.sentences) and reader.is_headline(reader.sentences[0])
    # a title: the first line holds one sentence only (a one-paragraph text's first sentence is its lead)
    titled = headline and (len(reader.sentences) < 2 or "\n" in reader.text[reader.sentences[0].span.end:reader.sentences[1].span.start])
    return without_totals_of_parts(by_sentence, headline, titled)


def _has_words(text: str, sentence: Sentence) -> bool:
    """Whether the sentence holds a word at all ("3." of a numbered list, cut as a sentence, holds none)."""
    return any(ch.isalpha() for ch in text[sentence.span.start:sentence.span.end])


def extract_deals(article: Article, tagger: Tagger | None = None) -> list[Deal]:
    """All deals one article reports, in text order.

    ``tagger`` (optional) proposes organisation spans in the normalised text (``dealtracker.models.ner``);
    without it the rules alone decide, and the output does not depend on any model.

    An article's valued deals then pass the learned veto (``deal_veto``) when its model is installed.

    A very long text (a report of hundreds of pages, many articles pasted as one) is read in windows of
    about ``WINDOW_CHARS``, cut between paragraphs, so that memory stays bounded whatever the length; a deal
    stated in several windows is still kept once. Such a text is read by the rules alone.
    """
    if not article.text.strip():
        return []
    windows = reading_windows(article.text, WINDOW_CHARS)
    if len(windows) == 1:
        return deals_of(ArticleReader(article, tagger))
    separate: set[int] = set()
    return merge_repeats([deal for window in windows for deal in _window_deals(article, tagger, window, separate)],
                         separate=separate)


def _window_deals(article: Article, tagger: Tagger | None, window: Span, separate: set[int]) -> list[Deal]:
    """The deals one window of a long text reports, before merging across windows, by the rules alone: the
    learned veto was trained on news articles, and its features of place (headline, lead, position) mean
    nothing in a window of a report or of many articles pasted as one."""
    return _reported(ArticleReader(article, tagger, window), separate, set())
