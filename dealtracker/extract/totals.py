"""Totals over many items, partners or countries that are no deal, decided for one amount's sentence (split from
valued.py): a portfolio across the world ("$5 billion in 88 countries"), a count of agreements with several
foreign sides, a country's stock of many projects told without a signing, plural projects of an unnamed side in
an article of several partner countries. The counting itself is in aggregates.py."""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity
from ..schema import CENTRAL_ASIA
from ..text import Span
from .aggregates import (
    counts_a_portfolio, counts_many_countries, counts_many_items, names_a_gathering, names_many_items, over_a_past_period,
    says_in_total,
)
from .lexicon import compiled
from .other_deals import foreign_countries, names_the_region
from .reader import ArticleReader
from .sentence import Sentence, within


def a_total_over_many(reader: ArticleReader, sentence: Sentence, own: Span, counterparty: Entity, named_here: bool,
                      named_before: bool, previous: Sentence | None = None) -> bool:
    """Whether the amount is a total over many items, partners or countries (``named_here``: the counterparty
    is named in this sentence; ``named_before``: in the sentence before, ``previous``)."""
    text = reader.text
    span = sentence.span
    # "14 agreements with companies from China, Turkey, the UAE and Germany worth …": a count of agreements with
    # several foreign sides is their total, even though one of them is named here
    # the count of countries in the amount's own words ("$5 billion in 88 countries"), not anywhere in the
    # sentence ("The bank, active in 40 countries, will lend Tajikistan $50 million" is a loan)
    if counts_many_countries(text, own) or names_states_beyond_the_region(sentence, own, counterparty) or (
        (not named_here or sentence.remembered("foreign sides", lambda: foreign_countries(sentence) > 1))
        and sentence.remembered("many items", lambda: counts_many_items(text, span, sentence.amounts))
    ) or (
        counterparty.kind == "country" and not _signed_here(sentence) and counts_a_portfolio(text, span, sentence.amounts)
    ) or (
        len(sentence.amounts) == 1 and _central_asian_states(sentence) >= 2
        and sentence.remembered("plural items", lambda: names_many_items(text, span))
    ) or (
        # "With companies from Saudi Arabia, the UAE and Qatar together, more than $1.1 billion in agreements and
        # memorandums": agreements (plural) with the sides of three foreign states or more are their sum
        sentence.remembered("foreign states", lambda: foreign_countries(sentence)) >= PARTNER_STATES_OF_A_SUM
        and sentence.remembered("plural items", lambda: names_many_items(text, span))
    ) or (
        # "The total value of agreements concluded with the group during the last 12 months … amounts to PLN 10.4
        # billion": a sum over a past period's agreements, whoever the sentence names ("ECI supported transactions
        # worth AED 520 million during the last quarter": where it names no Central Asian side, no "total" needed)
        over_a_past_period(text, span) and (says_in_total(text, span) or not _central_asian_named(sentence))
        and sentence.remembered("plural items", lambda: names_many_items(text, span))
    ) or (
        # "… signed documents with partners from Uzbekistan, Kazakhstan and Kyrgyzstan. The total value of the
        # signed agreements is about $177 million": a sum over the partners of several states the sentence
        # before lists, which names no side itself
        not named_here and previous is not None and _central_asian_states(previous) >= 2
        and says_in_total(text, span) and sentence.remembered("plural items", lambda: names_many_items(text, span))
    ) or (
        # "In total, agreements worth more than $400 million were signed at the forum", «всего в ходе выставки
        # участники подписали соглашения и контракты на сумму свыше 5 млрд»: a gathering's sum, even after a
        # sentence that told one of its deals, or with a source named after it ("…, the ministry said")
        not within(sentence.entities, [own]) and says_in_total(text, span) and names_a_gathering(text, span)
        and sentence.remembered("plural items", lambda: names_many_items(text, span))
    ) or _a_sum_of_many_signers_or_places(text, sentence, own) or (
        not named_here
        and not named_before
        and sentence.remembered("plural items", lambda: names_many_items(text, span))
        and (reader.foreign_partner_countries() > 1 or says_in_total(text, span))
    ):
        # a portfolio across the world, or a total over many projects or agreements whose partner the
        # sentence does not name: counted ("40 projects worth"), or in an article of several partner
        # countries ("a forum yields memorandums on projects worth 2.7 trillion tenge")
        return True
    return False


# How many foreign states' sides, named beside plural agreements, make the amount their sum
PARTNER_STATES_OF_A_SUM = 3


def _central_asian_named(sentence: Sentence) -> bool:
    return any(e.payload.is_central_asian for e in sentence.entities)


def _central_asian_states(sentence: Sentence) -> int:
    """How many Central Asian states the sentence names (as states, or by their places). "Investors signed deals
    worth $2.1 billion in Uzbekistan and Kazakhstan this week": one amount for deals (plural) in two states of
    the region is the week's total over them, not a deal of either."""
    return len({e.payload.country for e in sentence.entities
                if e.payload.is_central_asian and e.payload.kind in ("country", "place")})


def _signed_here(sentence: Sentence) -> bool:
    """The sentence tells a signing: "14 agreements worth $2 billion were signed with Italy" is a package, while
    «итальянские компании реализуют 45 проектов общей стоимостью 3,2 млрд долларов» counts a country's stock."""
    return any(c.payload.value == "signed" for c in sentence.cues_of([sentence.span], "status"))


# Three states or more named in the amount's own words (besides the counterparty's own), two of them Central
# Asian and one outside the region, share that amount (a company's home adjectives name one state of the region)
MANY_STATES = 3


def names_states_beyond_the_region(sentence: Sentence, own: Span, counterparty: Entity) -> bool:
    """ "financing agreements totalling US$ 612.5 million with the Kyrgyz Republic, the Republic of Uzbekistan,
    Turkmenistan, the Republic of Senegal and Bangladesh": a lender's total over several states, some of them
    outside Central Asia — each state's part, where told, is the deal. (The amount's own words, or the whole
    sentence when it holds one amount.)"""
    words = own if len(sentence.amounts) > 1 else sentence.span  # (a list of states runs over commas)
    text = sentence.text
    states = {e.payload.country for e in sentence.entities
              if words.start <= e.start < words.end and e.payload.kind == "country" and e.payload.country != counterparty.country
              and not _passed_through(text, e.start)}
    return len(states) >= MANY_STATES and len(states.intersection(CENTRAL_ASIA)) >= 2 and bool(states.difference(CENTRAL_ASIA))


@lru_cache(maxsize=1)
def _transit_before():
    """ "via Turkmenistan and Iran", «транзитом через Туркменистан и Иран», "مرورا بتركمانستان وإيران": a word
    of passing through, a few words before a state."""
    return compiled(r"(?<!\w){transit_word}(?!\w)[^.;:\n]{0,30}$")


def _passed_through(text: str, start: int) -> bool:
    """A state a shipment or a route passes through is no side of the deal nor a partner of a total: a wheat
    contract "delivered by rail via Turkmenistan and Iran" is one deal with one buyer."""
    return _transit_before().search(text, max(0, start - 40), start) is not None


def _a_sum_of_many_signers_or_places(text: str, sentence: Sentence, own: Span) -> bool:
    """Sums over many signers, countries or the region as a whole, whoever the sentence names."""
    span = sentence.span
    plural = sentence.remembered("plural items", lambda: names_many_items(text, span))
    return (
        # "approved USD 1.27 billion for 16 new projects in 28 countries, bringing in total investment of USD 4.6
        # billion": a total in the amount's words, beside a count of many countries in its sentence
        (says_in_total(text, own) and counts_many_countries(text, span))
        # "Three of the approved projects, with GCF funding of USD 96.0 million, are in Central Asia": projects of
        # the region as a whole, no state of it named, and their sum
        or (plural and not _central_asian_named(sentence) and names_the_region(text, span))
        # "Vietnamese and Kazakh businesses signed a series of documents worth …": the companies of both states,
        # many on each side, and the sum of what they signed
        or (plural and _companies_of_both_states(sentence))
    )


@lru_cache(maxsize=1)
def _companies_after():
    return compiled(r"^[ \t]+{business_plural}(?!\w)")


@lru_cache(maxsize=1)
def _companies_before():
    return compiled(r"(?<!\w){business_plural}[ \t]+$")


@lru_cache(maxsize=1)
def _joined_by_and():
    return compiled(r"^[ \t,]*{conjunction}[ \t]*$|^[ \t]+\u0648$")


def _companies_of_both_states(sentence: Sentence) -> bool:
    """ "Vietnamese and Kazakh businesses", «вьетнамские и казахстанские компании», «شركات فيتنامية وكازاخستانية»:
    a Central Asian state and another joined by "and", with a plural word for companies after them (before them in
    Arabic) — the companies of both states, many on each side, are the signers (``business_plural`` words)."""
    text = sentence.text
    states = [e for e in sentence.entities if e.payload.kind == "country"]
    for first, second in zip(states, states[1:]):
        if first.payload.is_central_asian == second.payload.is_central_asian:
            continue
        between = text[first.end:second.start]
        # (the Arabic "و" may be joined to the second state's word, and so inside its mention)
        if not (_joined_by_and().match(between) or (between.strip(" \t") == "" and text[second.start] == "\u0648")):
            continue
        if _companies_after().match(text[second.end:second.end + 30]) or _companies_before().search(
                text[max(0, first.start - 30):first.start]):
            return True
    return False
