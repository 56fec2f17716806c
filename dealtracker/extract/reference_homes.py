"""A home told by a later reference: "… has awarded Xylem a $27.4m contract … The US group's first order …",
«… с компанией Essen … Российская компания построит …», «مع مجموعة "جيمس للتعليم" … وتملك المجموعة الإماراتية 60%».

Why: news names a little-known company once and then refers to it by its nationality and a company word ("the
Canadian frozen-potato giant"), where an apposition right after the name would have said the same (see
``apposition_homes``). The reader takes that nationality as the company's home, and the reference as the
company: it is no side of its own, as the state's adjective inside it is not.

Only for the one organisation without a home named shortly before (``NEAR`` characters: a sentence or two), and
only when the reference is no apposition of a name that follows it ("the US group Xylem") nor a new company
("another Chinese company"). The words are data (``referring_company``, ``reference_opener`` and
``another_reference`` in ``data/lang/*/context_words.csv``); the word order is each script's: in English the
article, the adjective and then the company word; in Russian the adjective and the company word; in Arabic the
company word and then the adjective."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from .lexicon import compiled

__all__ = ["with_reference_homes"]

# How far back the named company may stand: the reference follows it in the same or the next sentence or two
NEAR = 400
_PLACES = ("country", "place")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_ARABIC = re.compile(r"[\u0600-\u06ff]")
# A Russian state word that is an adjective («американская», «российской»), not a noun («США», «Россия»)
_RUSSIAN_ADJECTIVE = re.compile(r"(?:ая|ой|ую|ий|ый|ое|ого|ому|им|ым|ие|ые|ых|их|ими|ыми)$", re.IGNORECASE)
# «الشركة العمانية للاتصالات (عمانتل)», «الشركة الصينية الوطنية للهندسة»: a name goes on after the state's adjective
# with a bracket, a word joined to «ل» ("of/for …") or another adjective; a reference does not
_ARABIC_NAME_GOES_ON = re.compile(r"[ \t]*\(|[ \t]+(?:لل|ل(?=[\u0621-\u064a]{3}))|[ \t]+ال[\u0621-\u064a]+(?:ية|يه)(?![\u0621-\u064a])")
# After the reference, the start of a name it would be an apposition of: quotes or a capital
_NAME_FOLLOWS = re.compile(r"\s*[\"«“]|[ \t]+[A-ZА-ЯЁ]")


@lru_cache(maxsize=1)
def _latin_or_cyrillic_reference():
    """After the state's adjective: up to two words ("frozen-potato"), then a company word, maybe possessive."""
    return compiled(r"(?:[ \t]+[\w-]+){0,2}?[ \t]+{referring_company}(?:['’]s)?(?![\w-])")


@lru_cache(maxsize=1)
def _arabic_reference():
    """Before the state's adjective: the company word (with a joined conjunction: «وتملك المجموعة الإماراتية»)."""
    return compiled(r"(?<![\u0600-\u06ff]){referring_company}[ \t]+$")


@lru_cache(maxsize=1)
def _russian_opens():
    """Where a Russian reference may stand: opening its sentence or clause, or after «эта», «данная»
    (``reference_demonstrative``)."""
    return compiled(r"(?:^|[.!?:;]|\n|(?<![\w-]){reference_demonstrative})[ \t]*$")


@lru_cache(maxsize=1)
def _opener():
    return compiled(r"(?<![\w-]){reference_opener}[ \t]+$")


@lru_cache(maxsize=1)
def _another():
    return compiled(r"(?<![\w-]){another_reference}[ \t]+(?:\S+[ \t]+)?$")


def _is_reference(text: str, state: TermMatch[Entity]) -> bool:
    """Whether this state's mention opens a reference "the <state's adjective> … <company word>" (neither an
    apposition of a following name nor "another" company)."""
    written = text[state.start:state.end]
    before = text[max(0, state.start - 40):state.start]
    if _another().search(before):
        return False
    if _ARABIC.search(written):
        if (not written.startswith("ال") or not _arabic_reference().search(before)
                or _ARABIC_NAME_GOES_ON.match(text, state.end)):
            return False
        end = state.end
    else:
        if _CYRILLIC.search(written):
            # Russian has no article: only a reference that opens its sentence or clause (or follows «эта»)
            # points back; «лицензиаром выступает американская компания» introduces a new one
            if not _RUSSIAN_ADJECTIVE.search(written) or not _russian_opens().search(before):
                return False
        elif not _opener().search(before):
            return False
        found = _latin_or_cyrillic_reference().match(text, state.end)
        # (in lower case: "the Polish Development Fund" is a name, no reference)
        if found is None or any(ch.isupper() for ch in found.group()):
            return False
        end = found.end()
    return not _NAME_FOLLOWS.match(text, end)


def _the_named_company(entities: list[TermMatch[Entity]], k: int) -> int | None:
    """Index of the one organisation without a home named within ``NEAR`` characters before mention k, when the
    organisations between have none of another home (a reference is to the latest company of its state)."""
    state = entities[k]
    homeless: dict[str, int] = {}
    for j in range(k - 1, -1, -1):
        name = entities[j]
        if state.start - name.end > NEAR:
            break
        payload = name.payload
        if payload.kind in _PLACES or payload.is_central_asian:
            continue
        if payload.country == state.payload.country:
            return None  # a company of that state is already named: the reference is to it, its home is told
        if not payload.country:
            homeless.setdefault(payload.name.casefold(), j)
    return next(iter(homeless.values())) if len(homeless) == 1 else None


def with_reference_homes(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The mentions, each homeless organisation that a later "the <nationality> company" refers to given that
    state as its home, and each such reference read as the company it refers to."""
    homes: dict[int, str] = {}
    references: dict[int, int] = {}  # reference's index → the company's index
    for k, state in enumerate(entities):
        if state.payload.kind != "country" or state.payload.is_central_asian or not state.payload.country:
            continue
        if not _is_reference(text, state):
            continue
        named = _the_named_company(entities, k)
        if named is not None and homes.get(named, state.payload.country) == state.payload.country:
            homes[named] = state.payload.country
            references[k] = named
    if not homes:
        return entities
    homed = {j: e._replace(payload=replace(e.payload, country=homes[j])) for j, e in enumerate(entities) if j in homes}
    # (a reference keeps the state's word as its span: the words after it, "frozen-food giant", still tell the sector)
    return [e._replace(payload=homed[references[k]].payload) if k in references else homed.get(k, e)
            for k, e in enumerate(entities)]
