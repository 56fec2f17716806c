"""Deals without a value: a signed agreement is still a deal, one per foreign side that signed it."""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity
from ..schema import Deal
from ..text import Span
from .attributes import deal_type_of, jobs_of, resolve_type, sector_of, status_of
from .lexicon import WORD_START, compiled
from .reader import ArticleReader
from .sentence import Sentence
from .sides import pick_party


def unvalued_deals(reader: ArticleReader, sentence: Sentence, previous: Sentence | None) -> list[Deal]:
    """The deals a sentence without an amount reports: one per foreign organisation it names, when it says
    that something was signed."""
    if not sentence.cues:
        return []  # most sentences name no deal at all
    signed = [c for c in sentence.cues if c.payload.kind == "status" and c.payload.value == "signed"]
    if not signed:
        return _given(reader, sentence) or _in_talks(reader, sentence, previous)
    at = signed[0].start
    # The type is what was signed: the words of the signing clause first ("an MoU was signed …, and the bank
    # is weighing a loan" reports an MoU).
    signing_clause = sentence.cues_of([sentence.clause_of(at)], "deal_type")
    deal_type = deal_type_of(signing_clause, sentence.cues_of(sentence.clauses, "deal_type"), costed=False)
    if deal_type is None or _earlier().search(reader.text, sentence.span.start, sentence.span.end):
        return []  # nothing named that was signed, or an agreement "concluded last year", «ранее заключенным»
    if any(c.payload.value == "memorandum" for c in signing_clause):
        deal_type = "agreement_mou"  # "an MoU to set up a joint investment group" is an MoU, not an investment
    party = pick_party(sentence.entities, at) or (previous and pick_party(previous.entities, at)) or reader.sections.party_at(at, reader.article_party)
    if party is None:
        return []
    deals: list[Deal] = []
    seen: set[str] = set()
    signature = any(_agreed().fullmatch(reader.text, c.start, c.end) is None for c in signed)
    for counterparty, position in _counterparties(reader, sentence, party, signature):
        if counterparty.name in seen:
            continue
        seen.add(counterparty.name)
        deals.append(
            _deal_without_value(
                reader, sentence, party, counterparty, position, resolve_type(deal_type, counterparty), "signed", 0.5
            )
        )
    return deals


@lru_cache(maxsize=1)
def _earlier():
    """ "last year", «ранее», "العام الماضي": a signing told as past news, reported before."""
    return compiled(WORD_START + r"{earlier}(?!\w)")


@lru_cache(maxsize=1)
def _agreed():
    """ "agreed", «договорились», "اتفق": a signing cue that is no signature."""
    return compiled(r"{agreed}")


@lru_cache(maxsize=1)
def _both_sides():
    """ "the two countries", «стороны», "البلدين": the pair the article is about."""
    return compiled(WORD_START + r"{both_sides}(?!\w)")


@lru_cache(maxsize=1)
def _both_companies():
    """ "the two companies", «обе компании», "الشركتان": the pair of companies the article is about."""
    return compiled(WORD_START + r"{both_companies}(?![\w\u0600-\u06ff])")


def _counterparties(
    reader: ArticleReader, sentence: Sentence, party: Entity, signature: bool
) -> list[tuple[Entity, int]]:
    """Who signed with the Central Asian side: the foreign organisations the sentence names; else the foreign
    states it names as sides (not as places: "signed in Tehran", "в Иране"); else, when it speaks of "the two
    countries" or «стороны», or in an article about one foreign partner, the foreign side the article is
    about. States only for a signature proper
    (``signature``), not for "agreed" or «договорились»."""
    foreign = [m for m in sentence.entities if not m.payload.is_central_asian and m.payload.kind != "place"]
    organisations = [(m.payload, m.start) for m in foreign if m.payload.kind != "country"]
    if organisations:
        return organisations
    if _both_companies().search(reader.text, sentence.span.start, sentence.span.end):
        # "The two companies also agreed to set up a joint venture": the companies the article is about
        side = reader.article_counterparty(party)
        return [(side, sentence.span.start)] if side is not None and side.kind != "country" else []
    if not signature:
        return []  # "the sides agreed to prepare a road map": a state's intention is no signed deal
    states = [(m.payload, m.start) for m in foreign if m.payload.kind == "country" and not reader.is_location(m)]
    if states:
        return states
    if reader.foreign_partner_countries() == 1 or _both_sides().search(reader.text, sentence.span.start, sentence.span.end):
        side = reader.article_counterparty(party)
        if side is not None:
            return [(side, sentence.span.start)]
    return []


def _given(reader: ArticleReader, sentence: Sentence) -> list[Deal]:
    """A grant or a loan told as given, without a value and without a signature: "KOICA provided Kyrgyzstan
    with a grant to equip university laboratories", «Катарский фонд передал Кыргызстану грант на школы».

    Only when the sentence names the Central Asian side and a foreign giver itself: a bare "the bank lends to
    many countries" is no deal."""
    cues = sentence.cues_of([sentence.span], "deal_type")
    values = {c.payload.value for c in cues}
    if "allocation" not in values or not values & {"grant", "loan_financing"}:
        return []
    at = next(c.start for c in cues if c.payload.value in ("grant", "loan_financing"))
    party = pick_party(sentence.entities, at)
    if party is None:
        return []
    givers = [
        m for m in sentence.entities
        if not m.payload.is_central_asian and m.payload.kind != "place" and not reader.is_location(m)
    ]
    organisations = [m for m in givers if m.payload.kind != "country"] or givers
    if not organisations or _earlier().search(reader.text, sentence.span.start, sentence.span.end):
        return []
    giver = organisations[0]
    deal_type = "grant" if "grant" in values else "loan_financing"
    status = status_of(sentence.cues_of([sentence.span], "status"), [], at)
    return [_deal_without_value(reader, sentence, party, giver.payload, at, deal_type, status, 0.45)]


@lru_cache(maxsize=1)
def _talks_with():
    return compiled(WORD_START + r"{talks_with}(?![\w\u0600-\u06ff])")


def _in_talks(reader: ArticleReader, sentence: Sentence, previous: Sentence | None) -> list[Deal]:
    """A deal under negotiation with a named foreign organisation: "Samruk-Kazyna is in early talks with
    Denmark's APM Terminals about a possible stake", «Ведем переговоры с китайской Jiangsu Haifeng Blade о
    создании производства», «نحن في مفاوضات متقدمة مع شركة "رؤية"». Status potential; the type its words
    name (a stake, a joint venture, a loan), else an agreement. Talks with a state ("talks with China on
    trade") are diplomacy, not a deal."""
    if not any(c.payload.kind == "status" and c.payload.value == "potential" for c in sentence.cues):
        return []  # (the talks words are status cues too: most sentences are passed over without a search)
    m = _talks_with().search(reader.text, sentence.span.start, sentence.span.end)
    if m is None or _earlier().search(reader.text, sentence.span.start, sentence.span.end):
        return []
    foreign = [
        e for e in sentence.entities
        if not e.payload.is_central_asian and e.payload.kind not in ("place", "country") and e.start > m.start()
    ]
    if not foreign:
        return []
    at = m.start()
    party = pick_party(sentence.entities, at) or (previous and pick_party(previous.entities, at)) or reader.sections.party_at(at, reader.article_party)
    if party is None:
        return []
    counterparty = foreign[0].payload
    deal_type = deal_type_of(sentence.cues_of([sentence.span], "deal_type"), [], costed=False) or "agreement_mou"
    return [_deal_without_value(reader, sentence, party, counterparty, foreign[0].start,
                                resolve_type(deal_type, counterparty) or "agreement_mou", "potential", 0.4)]


def _deal_without_value(
    reader: ArticleReader, sentence: Sentence, party: Entity, counterparty: Entity, position: int,
    deal_type: str | None, status: str, confidence: float,
) -> Deal:
    """A deal whose evidence is the whole sentence and which states no amount: its sector, jobs and object
    are read from the sentence."""
    return reader.deal(
        sentence.span,
        party=party,
        counterparty=counterparty,
        amount=None,
        currency=None,
        value_usd=None,
        qualifier=None,
        sector=sector_of(sentence, [sentence.span], [], position, (party, counterparty), reader.article_sector),
        deal_type=deal_type,
        status=status,
        jobs=jobs_of(reader.text, sentence, [sentence.span]),
        object=reader.object_of(sentence, sentence.span),
        confidence=confidence,
    )


@lru_cache(maxsize=1)
def _another_deal():
    return compiled(WORD_START + r"{another_deal}(?![\w\u0600-\u06ff])")


def says_another_deal(text: str, span: Span) -> bool:
    """ "The two companies also signed a memorandum on …", «Кроме того, … подписал меморандум», «كما وقّعت …»: the
    sentence tells a deal besides one told before, even between the same sides (see merge.py)."""
    return _another_deal().search(text, span.start, span.end) is not None
