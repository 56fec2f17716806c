"""A deal from one money amount: is it a deal of ours, between whom, of what type, status and sector.

An amount is no deal when its own words say so (trade turnover, a budget, a running total "since 1993", the
Central Asian side's own contribution, a past year's figure, a project abroad) or when no second side can
be found.
"""

from __future__ import annotations

from functools import lru_cache

from ..plausibility import DEAL_AT_LEAST_USD
from ..gazetteer import Entity
from ..terms import TermMatch
from ..schema import Deal
from ..text import Span
from .totals import a_total_over_many
from .attributes import PROVIDED, deal_type_of, jobs_of, resolve_type, status_of
from .cues import DEAL_TYPE_PRIORITY
from .lexicon import WORD_START, compiled
from .money import MoneyMention, currency_in_context
from .money.mention import usd_value
from .other_deals import (
    about_another_country, another_pairs_deal, dated_long_ago, earlier_elsewhere, in_the_past, its_own_deal,
    located_abroad, named_as_a_side, one_of_its_deals, other_companies_deal, the_side_named_before,
    two_foreign_sides_alone, with_the_company_before,
)
from .estimates import (a_lenders_estimate, cost_after_own_amount, cost_of_a_cofinanced_project, estimate_word,
                        its_cost_is_estimated, names_several_lenders, outside_estimate)
from .included_parts import a_share_of_the_price, part_of_the_amount_before
from .prices import a_price_per_unit
from .own_money import domestic_lender, own_contribution
from .currency_states import home_of_currency, state_of_the_money
from .list_frames import list_frame
from .reader import ArticleReader
from .sentence import Sentence, within
from .statistics_told import statistic_told_before
from .non_deal_words import a_programme_of_years, non_deal_words, own_non_deal, sentence_says_no_deal, trade_at_a_cost
from .valued_kind import deal_type_for, sector_for, stake_word
from .worked_sites import without_worked_sites
from .sides import FINANCIERS, pick_counterparty, pick_party


@lru_cache(maxsize=1)
def _since_year():
    """ "since 1993", «с 1992 года», "منذ عام 1998": a running total, not a deal."""
    return compiled(WORD_START + r"{since_year}\s+(?:19|20)\d\d\b")


@lru_cache(maxsize=1)
def _opening_since():
    """ "Since 1994, Japan has provided …", «С 1992 года ЕБРД вложил …», "Since Tajikistan became a member in 2016,
    AIIB has approved …": a sentence opened by "since <year>", or by a since-clause with a year, tells a running
    total in every clause, not only in its own."""
    return compiled(r"[\s\"«(]*" + WORD_START + r"(?:{since_year}\s+(?:19|20)\d\d\b"
                    r"|{since_event}(?!\w)[^,.;:\n]{0,80}?\b(?:19|20)\d\d\b[^,.;:\n]{0,40},)")


@lru_cache(maxsize=1)
def _total_word():
    return compiled(WORD_START + r"{total_word}(?!\w)")


def valued_deal(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, previous: Sentence | None) -> Deal | None:
    """The deal this amount is the value of, or None when it is no deal of a Central Asian party."""
    text = reader.text
    own = [sentence.region_of(amount)]
    shared = sentence.shared_clauses()
    at = amount.number_start
    if _said_to_be_no_deal(reader, sentence, amount, own[0], previous) or _a_price(amount):
        return None
    party = pick_party(within(sides := without_worked_sites(text, sentence.entities), own), at, reader.is_location)
    if party is None and (
        another_pairs_deal(reader, sentence, amount, own[0]) or two_foreign_sides_alone(sentence, amount, own[0])
    ):
        return None
    if dated_long_ago(reader, amount, own[0]):
        return None  # "… where Rio Tinto and its lenders agreed $4.4bn in project finance in 2015": history
    party, stated_in_sentence = _party_for(reader, sentence, amount, own[0], previous, party, sides)
    if party is None:
        return None
    found = _counterparty_for(reader, sentence, amount, own, shared, party, previous, stated_in_sentence)
    if found is None:
        return None
    counterparty, confidence = found
    if domestic_lender(text, sentence, own[0], counterparty):
        return None
    if _a_total_or_a_borrowed_figure(reader, sentence, amount, own[0], counterparty, previous):
        return None
    if counterparty.kind == "country":
        counterparty = _organisation_for_the_state(reader, sentence, previous, counterparty)
    if not stated_in_sentence and (_another_states_deal(reader, sentence, own[0], counterparty)
                                   or sentence.cues_of([sentence.span], "unnamed_non_deal")):
        return None  # (no Central Asian side here, and bonds, a budget, many deals: the other side's own figure)
    deal_type = deal_type_for(text, sentence, amount, own, shared, counterparty, reader)
    if deal_type is None:
        return None
    if sentence.cues_of(own, "deal_type"):
        confidence += 0.15
    own_status = sentence.cues_of(own, "status") or _list_head_cues(sentence, amount, "status")
    status = status_of(own_status, sentence.cues_of(shared, "status") + _gapped_cues(sentence, amount, "status"), at)
    if previous is not None and any(m.payload == counterparty for m in previous.entities):
        status, deal_type = _continued(sentence, previous, status, deal_type)
        deal_type = resolve_type(deal_type, counterparty)
    if counterparty.kind not in ("country",):
        confidence += 0.1
    if reader.is_headline(sentence):
        confidence -= 0.05  # a headline states a deal in shorthand; the body says it better
    return reader.deal(
        sentence.span if len(sentence.amounts) == 1 else own[0],
        party=party,
        counterparty=counterparty,
        amount=amount.amount,
        currency=currency_in_context(text[amount.start:amount.end], amount.currency, party.country, counterparty.country),
        value_usd=amount.usd_stated,  # else converted at the deal's date (reader.deal)
        qualifier=amount.qualifier,
        sector=sector_for(reader, sentence, amount, own, shared, party, counterparty, previous, deal_type),
        deal_type=deal_type,
        status=status,
        jobs=jobs_of(text, sentence, own if len(sentence.amounts) > 1 else [sentence.span]),
        object=reader.object_of(sentence, own[0]),
        confidence=min(confidence, 0.95),
    )


def _organisation_for_the_state(reader: ArticleReader, sentence: Sentence, previous: Sentence | None,
                                state: Entity) -> Entity:
    """ "the Turkish operator" is the Turkish company named before; "the Indian side", the partner named before."""
    return (reader.organisation_of(state.country, sentence, previous)
            or the_side_named_before(reader.text, sentence, previous, state) or state)


def _a_price(amount: MoneyMention) -> bool:
    """Too small to be a deal's value: a price, a fee or a rate ("$78 a pound", «15 долларов с пассажира»)."""
    usd = usd_value(amount)
    return usd is not None and usd < DEAL_AT_LEAST_USD


def _party_for(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, own: Span, previous: Sentence | None,
               named_in_own: Entity | None, sides: list[TermMatch[Entity]]) -> tuple[Entity | None, bool]:
    """The Central Asian side and whether this sentence names it: in the amount's own words, else in the
    sentence (the speaker's rather than a state named as a destination), the sentence before, the article's,
    the issuer of the amount's currency; the state whose money it is when that is a local currency."""
    at = amount.number_start
    party = named_in_own or pick_party(sides, at, reader.is_location)
    if party is None or party.kind == "country":
        # "we signed 31 documents with Chinese partners": in an interview the first person is the speaker's
        # side, stated in the sentence as much as a name would be
        party = _speaker(reader, sentence, own) or party
    stated_in_sentence = party is not None
    party = party or (previous and pick_party(previous.entities, at)) or reader.sections.party_at(at, reader.article_party) or home_of_currency(amount)
    return (state_of_the_money(party, amount) if party is not None else None), stated_in_sentence


@lru_cache(maxsize=1)
def _first_person():
    return compiled(WORD_START + r"{first_person}(?![\w\u0600-\u06ff])")


def _speaker(reader: ArticleReader, sentence: Sentence, own: Span) -> Entity | None:
    """ "In May we signed a purchase agreement with ATR … for flights to Uzbekistan", «мы подписали», «وقعنا»:
    in an interview or a quote the first person is the speaker's side, the state the article is about, not a
    Central Asian state named later in the clause. Only when it comes before any Central Asian name, and only
    in place of a state (a first person with no side named at all stays unresolved: "we also placed bonds")."""
    if reader.article_party is None:
        return None
    m = _first_person().search(reader.text, sentence.span.start, own.end)
    if m is None or any(e.start < m.start() and e.payload.is_central_asian for e in sentence.entities):
        return None
    return reader.article_party


def _said_to_be_no_deal(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, own: Span,
                        previous: Sentence | None) -> bool:
    """The amount's own words, or its sentence's, say it is no deal: trade, statistics, the side's own money, a
    running total, a price, a project abroad, a past year, a table's total row, another side's own deal in words
    with no Central Asian side («…: основную загрузку цеха обеспечивает РЖД, действующий контракт с российской
    монополией … оценивается в 100 млрд рублей», after «Узбекский заказ …»), or after words that set the article's
    deal beside that side's others ("For Akbank the Uzbek market is not the only one: in March it lent …")."""
    text = reader.text
    return bool(
        own_non_deal(sentence, own)
        or sentence_says_no_deal(sentence, own)
        or own_contribution(text, sentence, own)
        or part_of_the_amount_before(text, sentence, amount, own)
        or a_share_of_the_price(text, sentence, amount)  # "a guarantee of 10% of the contract price ($38.6 million)"
        or in_the_past(reader, sentence.span)
        or (own.start > sentence.span.start and in_the_past(reader, own))  # "…: in 2022 it signed …"
        or _since_year().search(text, own.start, own.end) is not None
        or _opening_since().match(text, sentence.span.start) is not None  # "Since 1994, Japan has provided …"
        or a_price_per_unit(text, amount, own.start, frozenset(c.start for c in sentence.cues if c.payload.kind == "deal_type"))
        or located_abroad(reader, sentence, own)
        or statistic_told_before(sentence, amount, [own])
        or _under_a_total_label(text, sentence, previous)
        or trade_at_a_cost(sentence, own)
        or ((its_own_deal().search(text, own.start, own.end) is not None
             or one_of_its_deals().search(text, sentence.span.start, own.start) is not None)
            and not any(m.payload.is_central_asian for m in within(sentence.entities, [own])))
    )


def _counterparty_for(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, own: list[Span],
                      shared: list[Span], party: Entity, previous: Sentence | None,
                      stated_in_sentence: bool) -> tuple[Entity, float] | None:
    """The other side and the confidence it gives: named in the amount's words, else in the clause that leads
    into them or a free one, the list's head, an antecedent, the sentence before, the article's."""
    at = amount.number_start
    counterparty = pick_counterparty(within(sentence.entities, own), at, party)
    confidence = 0.65 if counterparty is not None else 0.45
    # Never borrow a counterparty from a clause that owns or introduces another amount: it belongs to that deal.
    lead, free = sentence.lead_in(amount)
    # (outside the amount's own words a state named as a place is where a side works: "Orascom, which also builds in Belgium, …")
    sides = [m for m in sentence.entities if m.payload.kind != "country" or not reader.is_location(m)]
    counterparty = (
        counterparty
        or (lead is not None and pick_counterparty(within(sides, [lead]), at, party))
        or pick_counterparty(within(sides, free), at, party)
        or _list_head_counterparty(sentence, amount, party)
        or reader.antecedent(sentence, own + shared)
        or (pick_counterparty([m for m in previous.entities if m.payload.kind != "country" or not reader.is_location(m)], at, party)
            if previous is not None and not (sentence.tabulated and previous.tabulated) else None)  # (a row's neighbour: another item)
        or next((c for frame in list_frame(reader, sentence) if (c := pick_counterparty(frame.entities, at, party))), None)
    )
    if counterparty is None:
        if stated_in_sentence and party.kind not in ("country", "place") and not sentence.tabulated:
            # "the Aktobesteel company plans to invest $278.6 million": a Central Asian company spending with
            # no foreign side in sight is a domestic investment, whoever else the article is about
            return None
        counterparty = reader.article_counterparty(party)
    if counterparty is None:
        return None  # a deal is between two sides; an amount with one side is a plan, a budget or a past cost
    return counterparty, confidence


def _a_total_or_a_borrowed_figure(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, own: Span,
                                  counterparty: Entity, previous: Sentence | None) -> bool:
    """Totals over many items, partners or lenders, and figures whose side is only borrowed from elsewhere."""
    text = reader.text
    named_here = any(m.payload == counterparty for m in sentence.entities)
    named_before = previous is not None and any(m.payload == counterparty for m in previous.entities)
    if reader.is_headline(sentence) and reader.co_financed() and (not named_here or (
            len(sentence.amounts) == 1 and names_several_lenders(sentence) and _a_title(text, sentence))):
        # "Uzbekistan lines up $412 million for Bukhara water programme" (or "ADB, AIIB and EFSD back $203
        # million upgrade") over a story of several lenders: the headline's sum of their parts (and the side's
        # own money), which the body tells one by one
        return True
    if cost_of_a_cofinanced_project(text, sentence, own):
        return True
    if (not named_here or counterparty.kind == "country") and _since_year().search(text, *sentence.span) is not None:
        # a running total since a year in any clause, of a borrowed side or of a whole state («Объем германских
        # инвестиций, вложенных с 2018 года, превысил 3 млрд долларов»)
        return True
    if not named_here and (non_deal_words(sentence, own) or sentence.cues_of([sentence.span], "unnamed_non_deal")
                           or a_programme_of_years(sentence, text)):
        # The counterparty is borrowed (from the sentence before, or the article), and this sentence speaks of
        # trade, statistics, a budget or a borrower's own bonds in any of its clauses ("Net inflows, after
        # repatriation of earnings, were $3.2 billion"; "the 2026 budget foresees spending of 430 billion
        # som"): its amount is that figure. A deal the sentence tells names its other side.
        return True
    if a_total_over_many(reader, sentence, own, counterparty, named_here, named_before, previous):
        return True
    # "The total cost of the project is estimated at $7.4 billion" after a bank's loan or several lenders' parts is
    # a builder's or investor's deal, a lender's only when its own amount is told; after a stake bought ("… 5% of
    # Ruwais LNG for $275 million. … estimated to cost $5.5 billion") the stake is the deal; so after the
    # counterparty's own amount, or an outsider's estimate (see estimates.py).
    if named_here and a_lenders_estimate(text, sentence, own, counterparty):
        return True
    if (not named_here or counterparty.kind == "country") and outside_estimate(text, sentence):
        return True  # an analyst's estimate, whatever deal word it speaks of ("… could cost the partners $150m";
        # a "Tokyo-based analyst" names a state, not the side)
    estimated = estimate_word().search(text, own.start, own.end) is not None
    if estimated and (not named_here or counterparty.kind == "country") and not named_before \
            and its_cost_is_estimated(text, own):
        return True  # "The line, whose cost has been estimated at $4.7 billion and which is being built by a joint
        # venture …": a project's estimated cost, whatever deal follows, no side in sight (a state here is a place)
    if not named_here and estimated and _total_word().search(text, *own) and cost_after_own_amount(reader, sentence, amount, own, counterparty):
        return True  # "The Owner's total investment … is estimated at $260 million" after Sinoma's $168.5 million
    if named_here or not all(c.payload.value in ("cost", "build") for c in sentence.cues_of([own], "deal_type")):
        return False  # (a deal type of its own, or none)
    return (
        (counterparty.kind in FINANCIERS or reader.co_financed() or _stake_bought(reader, sentence))
        and (_total_word().search(text, own.start, own.end) is not None or estimated)
    ) or (estimated and not named_before) or outside_estimate(text, sentence) or cost_after_own_amount(
        reader, sentence, amount, own, counterparty)


def _a_title(text: str, sentence: Sentence) -> bool:
    """The first line stands alone, a body after it (not a one-paragraph text whose first sentence is its lead)."""
    return text[sentence.span.end:sentence.span.end + 4].lstrip(" \t.").startswith("\n")


def _stake_bought(reader: ArticleReader, sentence: Sentence) -> bool:
    """An earlier sentence of the article gives an amount for a stake («حصة», «долю», "stake")."""
    first = reader.remembered("first stake amount", lambda: _first_stake_amount(reader))
    return first is not None and first < sentence.span.start


def _first_stake_amount(reader: ArticleReader) -> int | None:
    text = reader.text
    return next((
        a.start for s in reader.sentences for a in s.amounts
        if stake_word().search(text, s.region_of(a).start, s.region_of(a).end) is not None
    ), None)


def _another_states_deal(reader: ArticleReader, sentence: Sentence, own: Span, counterparty: Entity) -> bool:
    """No Central Asian side in the sentence, and the only other side is a state it names ("a loan agreement with
    Jordan", «кредит … Вьетнаму»), two foreign companies (one of them maybe "the company" told before), or a
    side's earlier work elsewhere: not ours."""
    text = reader.text
    return (
        about_another_country(sentence, counterparty)
        or other_companies_deal(sentence, text)
        or with_the_company_before(reader, sentence, counterparty)
        or earlier_elsewhere().search(text, own.start, own.end) is not None
        or its_own_deal().search(text, sentence.span.start, sentence.span.end) is not None
        or (counterparty.kind == "country" and any(m.payload == counterparty and not named_as_a_side(text, m)
                                                   for m in sentence.entities))
    )


def _list_head_cues(sentence: Sentence, amount: MoneyMention, kind: str) -> list:
    """The cues of one kind in the head of the list this amount is an item of, within one clause ("The EBRD
    will lend $120 million and the ADB $45 million": the second loan is as planned as the first); none for
    the head itself."""
    first = min(sentence.amounts, key=lambda a: a.start)
    if first is amount or sentence.clause_of(first.number_start) != sentence.clause_of(amount.number_start):
        return []  # "a potential package of $10 billion, including a $2 billion purchase": its own clause
    return sentence.cues_of([sentence.region_of(first)], kind)


def _list_head_counterparty(sentence: Sentence, amount: MoneyMention, party: Entity) -> Entity | None:
    """ "The Korea Exim Bank will lend ₩180 billion for a hospital and ₩95 billion for trains for Uzbekistan
    Railways": an item of a list, in the clause of the amount before it, whose own words name no foreign side,
    has the head's."""
    before = [a for a in sentence.amounts if a.end <= amount.start]
    if not before:
        return None
    head = max(before, key=lambda a: a.end)
    if sentence.clause_of(head.number_start) != sentence.clause_of(amount.number_start):
        return None
    return pick_counterparty(within(sentence.entities, [sentence.region_of(head)]), amount.number_start, party)


def _gapped_cues(sentence: Sentence, amount: MoneyMention, kind: str) -> list:
    """The cues of one kind of the amount before this one, when this amount's own words have none: "the EBRD
    will lend up to €100 million, and the AIIB — €50 million" leaves out the verb of the second loan, which is
    the first's."""
    if sentence.cues_of([sentence.region_of(amount)], kind):
        return []
    # back to the nearest amount that has them: "the World Bank will lend $150m, the AIIB $100m, while the
    # OPEC Fund adds $30m"
    for before in sorted((a for a in sentence.amounts if a.end <= amount.start), key=lambda a: -a.end):
        found = sentence.cues_of([sentence.region_of(before)], kind)
        if found:
            return found
    return []


def _continued(sentence: Sentence, previous: Sentence, status: str, deal_type: str) -> tuple[str, str]:
    """ "… signed a contract with Saipem. The contract is worth €480 million.": the value continues the
    previous sentence's deal, and so do its status and, when this sentence names no type, its type."""
    earlier = [c for c in previous.cues if c.payload.kind == "status" and c.payload.scope == "sentence"]
    if status == "announced" and earlier and not sentence.cues_of([sentence.span], "status"):
        status = earlier[0].payload.value
    named = {c.payload.value for c in sentence.cues_of([sentence.span], "deal_type")} & {*DEAL_TYPE_PRIORITY, *PROVIDED}
    before = deal_type_of(
        previous.cues_of([previous.span], "deal_type") + previous.cues_of([previous.span], "equipment"), []
    )
    if not named and before is not None:
        deal_type = before
    return status, deal_type


def _under_a_total_label(text: str, sentence: Sentence, previous: Sentence | None) -> bool:
    """A table's total row read from a PDF or a page, its label on a line of its own («Итого» / "108,1 млн
    долл."): the amount under a line that is only a total word is the table's sum."""
    if previous is None or text.find("\n", previous.span.end, sentence.span.start) == -1:
        return False
    label = text[previous.span.start:previous.span.end].strip(" \t:.")
    return bool(label) and compiled(r"{total_label}").fullmatch(label) is not None
