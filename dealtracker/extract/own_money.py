"""The Central Asian side's own money, no deal: "co-financing of $6.45 million from the Kyrgyz Republic", "the
Development Bank of Kazakhstan will provide another 20 billion tenge", «فيما تساهم حكومة طاجيكستان بمبلغ», "the
government plans to invest 8 trillion tenge". The giving words are data (``gives``, ``gives_first``,
``gives_modifier``, ``own_subject``, ``from_source``, ``own_share`` in data/lang/*/context_words.csv)."""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..text import Span
from .lexicon import WORD_START, compiled
from .sentence import Sentence, within
from .sides import LENDERS


@lru_cache(maxsize=1)
def _from_source():
    return compiled(WORD_START + r"{from_source}\s+(?:{determiner}\s+)?$")


def own_contribution(text: str, sentence: Sentence, clause: Span) -> bool:
    """ "co-financing of $6.45 million from the Kyrgyz Republic", "the Development Bank of Kazakhstan will
    provide another 20 billion tenge", «فيما تساهم حكومة طاجيكستان بمبلغ»: the Central Asian side's own money
    (from it, or given by it with no foreign side in the clause)."""
    entities = within(sentence.entities, [clause])
    if any(not e.payload.is_central_asian for e in entities):
        return False
    if _state_gives().search(text, clause.start, clause.end) is not None:
        return True  # "noting that the government plans to invest 8 trillion tenge in gas infrastructure"
    # "Government contribution: Government of Tajikistan, $8 million", «مساهمة الحكومة: …، 8 ملايين دولار»: the
    # words may stand in another clause of a sentence that holds this amount only and no foreign side
    scope = sentence.span if len(sentence.amounts) == 1 and all(
        e.payload.is_central_asian or e.payload.kind == "place" for e in sentence.entities) else clause
    if _gives_then_state().search(text, scope.start, scope.end) is not None:
        return True  # («Свою долю, 90 млн сомони, вносит государство»: the verb and the state after the amount)
    # "own funds" in another clause are the Central Asian side's only when the sentence names that side: "…, paid
    # at closing from the group's own resources" with no side named is the buyer's money, whoever the buyer is
    named = any(e.payload.kind != "place" for e in sentence.entities)
    if _own_share().search(text, *(scope if named else clause)) is not None:
        return True
    return any(
        (_from_source().search(text, max(clause.start, e.start - 12), e.start) is not None
         and _ordered_from().search(text, max(clause.start, e.start - 30), e.start) is None)
        or _gives_after().match(text, e.end, clause.end) is not None
        or _gives_before().search(text, max(clause.start, e.start - 30), e.start) is not None
        or _gives_before_state().search(text, max(clause.start, e.start - 40), e.start) is not None
        for e in entities
    )


@lru_cache(maxsize=1)
def _own_share():
    """ "counterpart funding", «софинансирование», «مساهمة وطنية» (``own_share`` in data/lang/*/context_words.csv)."""
    return compiled(WORD_START + r"{own_share}(?!\w)")


@lru_cache(maxsize=1)
def _ordered_from():
    """ "won an $18 million order from Kyrgyzstan's grid", «получила заказ от …», «بعقد من …»: what comes from the
    Central Asian side is an order, so it is the buyer, not a co-financier (``order_word``)."""
    return compiled(WORD_START + r"{order_word}\s+{from_source}\s+(?:\S+\s+)?$")


@lru_cache(maxsize=1)
def _gives_after():
    """A giving verb after its Central Asian subject: "… will provide", «… выделит»; the subject may be a state's
    adjective and a common noun ("the Kyrgyz government will contribute"), or own it ("Food Contract
    Corporation's contribution is …")."""
    return compiled(r"(?:['’]s)?[\s\"»)]+(?:{state_noun}\s+)?(?:{gives_modifier}\s+)*{gives}(?!\w)")


@lru_cache(maxsize=1)
def _state_gives():
    """The state itself, named by a common noun, giving: "the government plans to invest", «правительство выделит»."""
    return compiled(WORD_START + r"{own_subject}\s+(?:{gives_modifier}\s+)*{gives}(?!\w)")


@lru_cache(maxsize=1)
def _gives_then_state():
    """The same with the verb first, a Russian inversion: «Свою долю, 90 млн сомони, вносит государство»."""
    return compiled(WORD_START + r"{gives}\s+{own_subject}(?!\w)")


@lru_cache(maxsize=1)
def _gives_before():
    """In Arabic the verb comes first: «تساهم حكومة طاجيكستان» (one word, such as حكومة, between, or a city's
    government: «وستخصص بلدية مدينة ألماتي»)."""
    return compiled(WORD_START + r"{gives_first}\s+(?:{state_noun}\s+|\S+\s+)?$")


@lru_cache(maxsize=1)
def _gives_before_state():
    """A giving verb before the state named as subject by its government: a Russian inversion «из которых 30 млн
    обеспечит Правительство Туркменистана» (not «выделит Таджикистану», which gives to the state)."""
    return compiled(WORD_START + r"{gives}\s+{state_noun}\s+$")


# A Central Asian bank's own lending: money raised at home, not brought in from abroad.
_DOMESTIC_LENDERS = frozenset({"bank", "development_bank"})


# A name in Latin letters ("Malayan Banking Berhad") inside a Cyrillic or Arabic sentence: a foreign organisation
# the gazetteer may not know
_LATIN_NAME = re.compile(r"\b[A-Z][A-Za-z&.'-]{2,}")
_NON_LATIN_LETTER = re.compile(r"[\u0400-\u04ff\u0600-\u06ff]")


def domestic_lender(text: str, sentence: Sentence, clause: Span, counterparty: Entity) -> bool:
    """ "Еще 78 млрд тенге компании предоставит Банк развития Казахстана", "the Development Bank of Kazakhstan
    will lend the project 78 billion tenge": a Central Asian bank stands in the amount's words and the other side
    would be a company from elsewhere in the article (the borrower, not a lender): the money is domestic credit,
    not a foreign deal. A foreign lender taken from the context ("the corporation signed a credit line with
    Orien Bank") still makes a deal with the bank, and so does a name in Latin letters in a Russian or Arabic
    sentence (a foreign lender the gazetteer does not know: "Malayan Banking Berhad открыл АКБ … кредитную линию").
    The foreign company may stand in the sentence when what it sells is said to be financed by the local bank
    («Контракт с Doppelmayr будет профинансирован за счет … кредита «Амонатбонка» на 90 млн сомони»)."""
    lenders = [m for m in within(sentence.entities, [clause]) if m.payload.is_central_asian and m.payload.kind in _DOMESTIC_LENDERS]
    if not lenders or counterparty.kind in LENDERS:
        return False
    if _financed_by(text, clause, lenders[0]):
        return True
    if any(m.payload == counterparty for m in sentence.entities):
        return False
    words = text[sentence.span.start:sentence.span.end]
    return not (_NON_LATIN_LETTER.search(words) and _LATIN_NAME.search(words))


@lru_cache(maxsize=1)
def _financed_by_before():
    return compiled(WORD_START + r"{financed_by}(?!\w)[^.;]{0,80}$")


def _financed_by(text: str, clause: Span, lender: TermMatch[Entity]) -> bool:
    """A financing word before the local lender in the amount's words: "financed by … a loan from Halyk Bank",
    «профинансирован за счет … кредита «Амонатбонка»», «بتمويل من … بنك …»."""
    return _financed_by_before().search(text, clause.start, lender.start) is not None
