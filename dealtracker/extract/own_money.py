"""The Central Asian side's own money, no deal: "co-financing of $6.45 million from the Kyrgyz Republic", "the
Development Bank of Kazakhstan will provide another 20 billion tenge", «فيما تساهم حكومة طاجيكستان بمبلغ», "the
government plans to invest 8 trillion tenge". The giving words are data (``gives``, ``gives_first``,
``gives_modifier``, ``own_subject``, ``from_source``, ``own_share`` in data/lang/*/context_words.csv)."""

from __future__ import annotations

from functools import lru_cache

from ..text import Span
from .lexicon import WORD_START, compiled
from .sentence import Sentence, within


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
    if _own_share().search(text, scope.start, scope.end) is not None:
        return True
    return any(
        _from_source().search(text, max(clause.start, e.start - 12), e.start) is not None
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
def _gives_before():
    """In Arabic the verb comes first: «تساهم حكومة طاجيكستان» (one word, such as حكومة, between)."""
    return compiled(WORD_START + r"{gives_first}\s+(?:\S+\s+)?$")


@lru_cache(maxsize=1)
def _gives_before_state():
    """A giving verb before the state named as subject by its government: a Russian inversion «из которых 30 млн
    обеспечит Правительство Туркменистана» (not «выделит Таджикистану», which gives to the state)."""
    return compiled(WORD_START + r"{gives}\s+{state_noun}\s+$")
