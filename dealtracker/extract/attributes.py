"""A deal's attributes read from the cue words around its amount: type, status, sector, jobs, object.

Each attribute is looked up nearest-first in the amount's own clause, then in the clauses the sentence's
amounts share. Generic words are only a fallback: "construction" says less than "hydropower plant".
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..text import NormalisedText, Span
from .cues import DEAL_TYPE_PRIORITY, Cue, sector_matcher
from .lexicon import compiled
from .money import parse_number
from .sentence import Sentence, nearest, within
from .sides import AID_AGENCIES, FINANCIERS

GENERIC_SECTORS = {"infrastructure_construction"}
# Words of money itself ("credit line", "lenders", "bonds", "stock exchange") tell how a deal is paid for,
# rarely what it is about: the finance sector is taken only when nothing else is named, after construction.
WEAK_SECTORS = GENERIC_SECTORS | {"finance_banking"}
_MODEL_WORD = re.compile(r'\s*(?:"[^"]{1,40}"|[A-Z0-9][\w-]*)')
# A year 1950–2049 not inside a longer number. "(?<!\d)" is tested after the first digit, as "(?<!\d.)", so
# that the engine can skip in C to the digits 1 and 2 instead of trying every position of the article.
YEAR = re.compile(r"(?:1(?<!\d(?s:.))9[5-9]|2(?<!\d(?s:.))0[0-4])\d(?!\d)")


@lru_cache(maxsize=1)
def _count():
    """A number of things ("22 aircraft"), not a share ("22 per cent")."""
    return compiled(r"(?<![\d.,$€£¥])(\d{1,3}(?:[ ,]\d{3})*|\d+)\s+(?!%|{percent})")


@lru_cache(maxsize=1)
def _jobs_number():
    return compiled(r"(\d[\d,. ]*\d|\d)\s*({thousand})?\s*(?:{new}\s+)?$")


def informative_sector(side: Entity, is_lender: bool) -> bool:
    """An organisation's usual sector says what a deal is about, except a lender's (banks lend for roads)."""
    if not side.sector or side.sector == "other":
        return False
    return not (is_lender and (side.kind in FINANCIERS or side.sector == "finance_banking"))


@lru_cache(maxsize=4096)
def name_sector(name: str) -> str | None:
    """What an organisation's own name says it does ("Ferghana Textile Park", «Жамбылский цементный завод»,
    "Norfolk Fertilizer Company"), when it names one specific sector. The words of a name are no cue of the
    clause (reader.py drops them: "Reconstruction" in the EBRD's), but for a name no gazetteer holds they are
    the only word on the side's business."""
    cues = sector_matcher().findall(NormalisedText.of(name).text)
    found = {c.payload.value for c in cues if c.payload.value not in WEAK_SECTORS and not c.payload.weak}
    return found.pop() if len(found) == 1 else None


def _usual_sector(side: Entity) -> Entity:
    """The side with the sector its name tells, when the gazetteer gives it none."""
    if side.sector or side.kind in ("country", "place"):
        return side
    return replace(side, sector=name_sector(side.name))


def dominant_sector(cues: list[TermMatch[Cue]], least: int = 2) -> str | None:
    """The sector most of an article's specific cue words point to, when one clearly leads (≥ 60%, and named
    at least ``least`` times)."""
    counts = Counter(c.payload.value for c in cues if c.payload.kind == "sector" and c.payload.value not in WEAK_SECTORS and not c.payload.weak)
    if not counts:
        return None
    sector, top = counts.most_common(1)[0]
    return sector if top >= least and top / sum(counts.values()) >= 0.6 else None


# A memorandum is an agreement, except that what was signed is told by it alone (see unvalued.py).
_AS_TYPE = {"memorandum": "agreement_mou"}


def deal_type_of(own: list[TermMatch[Cue]], shared: list[TermMatch[Cue]], generic: bool = True,
                 costed: bool = True) -> str | None:
    """The most specific type named in the own clause, else in the shared clauses.

    "Financing", «финансирование», "تمويل" say that money is provided, not how: a grant or a loan named
    beside them decides ("grant financing of $50 million" is a grant); alone, who provides it (resolve_type).
    Generic words only say that there is a deal: a bare "deal"/"сделка"/"صفقة" becomes an agreement, a
    cost ("worth", «стоимостью», "بتكلفة") or a building («о строительстве», "لإنشاء") an investment, when nothing
    more specific is named around the amount (``costed=False``, for an unvalued deal, leaves building words out).
    A valued agreement about locomotives, aircraft or turbines is a purchase. ``generic=False`` leaves the
    generic words out, for a caller that looks further before settling for them.
    """
    if not costed:
        # building words type an agreement only when it states what the building costs: an agreement "to build
        # a fertiliser plant" with no amount is an agreement like any other
        own, shared = _without_building(own), _without_building(shared)
    for pool in (own, shared):
        values = {_AS_TYPE.get(c.payload.value, c.payload.value) for c in pool}
        for deal_type in DEAL_TYPE_PRIORITY:
            if deal_type == "agreement_mou":
                # "a financing agreement", "under the first agreement, 275 million will be directed to …": money
                # provided, whose kind depends on who gives it (see resolve_type)
                if "financing" in values:
                    return "financing"
                if "allocation" in values and pool is own:
                    return "allocation"
                if "build" in values and "agreement_mou" in values and not _memorandum(pool):
                    # «اتفاقية ... لإنشاء مصنع بقيمة», «соглашение о строительстве завода стоимостью»: an agreement
                    # to build something at a stated cost is the builder's investment (a memorandum stays one)
                    return "investment"
            if deal_type in values:
                if deal_type == "agreement_mou" and any(c.payload.kind == "equipment" for c in own):
                    return "purchase_contract"
                return deal_type
        if "financing" in values:
            return "financing"
        if "allocation" in values and pool is own:
            return "allocation"  # "allocated", «выделил», "خصص": what kind depends on who gives (see resolve_type)
    if not generic:
        return None
    values = {_AS_TYPE.get(c.payload.value, c.payload.value) for c in own + shared}
    if "deal" in values:
        return "purchase_contract" if any(c.payload.kind == "equipment" for c in own) else "agreement_mou"
    if "cost" in values or "build" in values:
        return "investment"
    return None


def _without_building(cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    return [c for c in cues if c.payload.value != "build"]


def _memorandum(pool: list[TermMatch[Cue]]) -> bool:
    """A memorandum (of understanding) among the cues: an intention, whatever it says will be built."""
    return any(c.payload.value == "memorandum" for c in pool)


# Types that say money is provided but not how: who provides it decides (resolve_type).
PROVIDED = ("allocation", "financing")


def resolve_type(deal_type: str | None, giver: Entity) -> str | None:
    """Money "allocated", «выделено», "خُصص" or "financed" is lent by a bank or fund, given by a state or an aid
    agency, and invested by a company (financing by a company: lent, as a supplier's or trader's credit)."""
    if deal_type not in PROVIDED:
        return deal_type
    if giver.kind in FINANCIERS:
        return "loan_financing"
    if deal_type == "financing" and giver.kind not in AID_AGENCIES and giver.kind != "country":
        return "loan_financing"
    if giver.kind in AID_AGENCIES or giver.kind in ("country", "government_agency", "ministry"):
        return "grant"
    return "investment"


def status_of(own: list[TermMatch[Cue]], shared: list[TermMatch[Cue]], at: int) -> str:
    """The verb that governs an amount usually comes before it ("signed … $X", "وقّع … بقيمة", "подписали …
    на сумму"), so the nearest cue before the amount wins over one after it ("… that will build")."""
    before = [c for c in own if c.start < at]
    after = [c for c in own if c.start >= at]
    for pool in (before, after, [c for c in shared if c.payload.scope == "sentence"]):
        if pool:
            return nearest(pool, at)[0].payload.value
    return "announced"


def sector_of(
    sentence: Sentence,
    own: list[Span],
    shared: list[Span],
    at: int,
    sides: tuple[Entity, Entity | None],
    article_sector: str | None,
    nearby_sector: str | None = None,
) -> str:
    """Sector cues of the own clause, then the shared clauses; then what the parties usually do; then the
    article's one topic, if it has one; then construction or money words of the sentence; then the sector the
    sentences next to it tell (``nearby_sector``, see context_sector.py).

    "Construction" and "infrastructure" say little on their own ("construction of a hydropower plant" is
    power), so that sector is taken only when no more specific cue or party sector is there.
    """
    own_cues, shared_cues = sentence.cues_of(own, "sector"), sentence.cues_of(shared, "sector")
    for weak_word in (False, True):  # "a plant to produce polyethylene": the product, then the plant
        for pool in (own_cues, shared_cues):
            specific = [c for c in pool if c.payload.value not in WEAK_SECTORS and c.payload.weak == weak_word]
            if specific:
                return nearest(specific, at)[0].payload.value
    party, counterparty = sides
    for side, is_lender in ((party, False), (counterparty, True)):
        if side is not None and informative_sector(usual := _usual_sector(side), is_lender):
            return usual.sector
    # "construction" named around the amount itself says more than the article's topic guessed from elsewhere
    generic_own = [c for c in own_cues if c.payload.value in GENERIC_SECTORS]
    if generic_own:
        return nearest(generic_own, at)[0].payload.value
    if article_sector is not None:
        return article_sector
    for weak in (GENERIC_SECTORS, WEAK_SECTORS):
        for pool in (own_cues, shared_cues):
            cues = [c for c in pool if c.payload.value in weak]
            if cues:
                return nearest(cues, at)[0].payload.value
    if nearby_sector is not None:
        return nearby_sector
    for side in sides:
        # last, a lender's own field when it has one (IFAD lends for farming): better than "other"
        if side is not None and side.sector and side.sector not in ("other", "finance_banking"):
            return side.sector
    return "other"


def jobs_of(text: str, sentence: Sentence, spans: list[Span]) -> int | None:
    """Jobs said to be created, looked up only where the deal's own words are (the own clause when a sentence holds several amounts)."""
    for cue in within(sentence.cues, spans):
        if cue.payload.kind != "jobs":
            continue
        m = _jobs_number().search(text, max(sentence.span.start, cue.start - 30), cue.start)
        if m:
            try:
                value = parse_number(m.group(1))
            except ValueError:
                continue
            if m.group(2):
                value *= 1000
            return int(value)
    return None


def object_span(text: str, sentence: Sentence, clause: Span) -> Span | None:
    """What is bought or built, as written: a count right before equipment ("22 Boeing 787 Dreamliners",
    "300 قاطرة", «1000 полувагонов»), with the model name that follows it."""
    equipment = [c for c in within(sentence.cues, [clause]) if c.payload.kind == "equipment"]
    for cue in equipment:
        counts = [  # the first count before the equipment word: "12" in "12 Boeing 787-9 Dreamliner aircraft"
            m for m in _count().finditer(text, max(clause.start, cue.start - 40), cue.start)
            if not any(a.start <= m.start() < a.end for a in sentence.amounts)
        ]
        count = counts[0] if counts else None
        if count is None or YEAR.fullmatch(count.group(1)) or re.search(r"[,.;:\u060c]", text[count.end():cue.start]):
            continue
        end = cue.end
        for _ in range(4):
            model = _MODEL_WORD.match(text, end, clause.end)
            if model is None:
                break
            end = model.end()
        return Span(count.start(), end)
    return None
