"""Which of the names and cue words found in an article count: an owner named to say who a side is, a known name
inside a longer one, a figure word inside a business's name. (Split from reader.py.)"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..mentions import MentionIndex
from ..terms import TermMatch
from ..text import Span, split_clauses
from .cues import Cue
from .lexicon import WORD_START, compiled


@lru_cache(maxsize=1)
def _member_of():
    """ "part of the", "a subsidiary of", «входящая в группу», "التابعة لمجموعة": what stands before an owner's name
    (``member_of`` in data/lang/*/context_words.csv)."""
    return compiled(WORD_START + r"{member_of}(?:\s+\S+){0,2}?\s*[\"«(]?$")


_A_SHARE = re.compile(r"%|\u0628\u0646\u0633\u0628\u0629|\u043f\u0440\u043e\u0446\u0435\u043d\u0442")  # «بنسبة», «процент»


def without_owners(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """A sentence's names without those of another name's owner ("ITFC, part of the Islamic Development Bank
    Group, will lend …", «ITFC, входящая в группу Исламского банка развития, выделит …»): the owner is told to say
    who the side is, and is no side itself — when the sentence names another foreign organisation."""
    foreign = [m for m in entities if not m.payload.is_central_asian and m.payload.kind not in ("country", "place")]
    if len(foreign) < 2:
        return entities
    # (an owner of a share — «المملوكة لأوراسكوم بنسبة 50%», "owned 50% by" — is a partner that may lead the deal)
    owners = {id(m) for m in foreign if _member_of().search(text, max(0, m.start - 40), m.start) is not None
              and _A_SHARE.search(text, m.end, m.end + 30) is None}
    if not owners or len(owners) == len(foreign):
        return entities
    return [m for m in entities if id(m) not in owners]


# A model designation right after a maker's name: "Airbus A320neo", "Boeing 737-8", «Boeing 787», "إيرباص A321LR",
# "Embraer E195-E2", "Komatsu 930E" (letters and three or four digits, or a letter and two; not a year).
_MODEL_CODE = re.compile(r"[ \t]*-?[ \t]*(?!(?:19|20)\d\d(?![\w-]))(?:[A-Z]{1,3}-?\d{2,4}|\d{3,4})(?![\d])[\w-]*")


def without_product_brands(text: str, span: Span, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """A sentence's names without a maker named only as its product's brand ("signed an operating lease with
    Avolon for three Airbus A320neo aircraft", «взяла в лизинг у AerCap два самолета Boeing 737-8») when another
    foreign side and a Central Asian side stand in the same clause: the lessor or seller is the side. That side
    may be named by its state alone ("Iraq's state airline … to wet-lease two Airbus A321", «Иракская
    авиакомпания»), a state other than the maker's own.
    Alone, the maker stays the side ("ordered 12 Boeing 787s"), as it does in a clause of two foreign companies
    ("…, while Emirates ordered 65 Boeing 777X": another pair's deal)."""
    foreign = [m for m in entities if not m.payload.is_central_asian and m.payload.kind != "place"]
    if len(foreign) < 2:
        return entities
    brands = [m for m in foreign if m.payload.kind != "country" and _MODEL_CODE.match(text, m.end) is not None]
    if not brands:
        return entities
    clauses = split_clauses(text, span)

    def clause(m: TermMatch[Entity]) -> int:
        return next((k for k, c in enumerate(clauses) if c.start <= m.start < c.end), -1)

    ours = {clause(m) for m in entities if m.payload.is_central_asian}
    makers = {b.payload.country for b in brands}
    others = {clause(m) for m in foreign if all(m is not b for b in brands)
              and not (m.payload.kind == "country" and m.payload.country in makers)}
    if all(m.payload.kind == "country" or any(m is b for b in brands) for m in foreign) and not others:
        return entities
    dropped = {id(b) for b in brands if clause(b) in others and clause(b) in ours}
    return [m for m in entities if id(m) not in dropped]


def without_figures_in_business_names(cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """Without a non-deal word inside a longer sector phrase: «شركة "لونيت" لإدارة الأصول» (an asset management
    company) names a business, not its assets as a figure."""
    sectors = MentionIndex(sorted((c for c in cues if c.payload.kind == "sector"), key=lambda c: c.start))
    if not sectors.items:
        return cues
    return [c for c in cues if c.payload.kind != "non_deal" or not _inside_a_longer(sectors, c)]


def _inside_a_longer(phrases: MentionIndex, cue: TermMatch[Cue]) -> bool:
    """Whether a phrase holds the cue and is longer: one ending past it, or one starting before it and reaching
    its end (bisection over the phrases sorted by start, not a scan of them all)."""
    reach = phrases.furthest_end_over(cue.start)
    if reach is None:
        return False
    if reach > cue.end:
        return True
    before = phrases.furthest_end_over(cue.start - 1) if cue.start > 0 else None
    return reach == cue.end and before is not None and before >= cue.end


def cues_that_count(text: str, cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """The cue words of an article that say what they seem to: without figure words in business names, trade as a
    purpose, negated sectors, conversion notes, vehicles' fuels, records "to date" and postponed signings (each
    filter below)."""
    cues = without_postponed_signings(text, without_figures_in_business_names(cues))
    cues = without_conversion_notes(text, without_negated_sectors(text, without_trade_as_purpose(text, cues)))
    cues = without_fuels_of_vehicles(text, cues)
    return without_superlative_records(text, cues)


def without_contained(entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """Without a known organisation's name inside a longer name found around it ("Sany" in "Sany Renewable
    Energy", the unit being the side): one span, one side. ``entities`` are sorted by start."""
    kept: list[TermMatch[Entity]] = []
    outer_end, outer_span = -1, (-1, -1)
    for m in sorted(entities, key=lambda e: (e.start, -e.end)):  # the longer of two at one start first
        inside = m.end <= outer_end and (m.start, m.end) != outer_span
        if inside and m.payload.kind not in ("country", "place"):
            continue
        kept.append(m)
        if m.end > outer_end:
            outer_end, outer_span = m.end, (m.start, m.end)
    return kept if len(kept) < len(entities) else entities


def _without_preceded(text: str, cues: list[TermMatch[Cue]], kind: str, value: str | None, pattern: re.Pattern[str],
                      reach: int, through_cue: bool = False) -> list[TermMatch[Cue]]:
    """Without the cues of one kind (and value, when given) whose ``reach`` characters before them (and the cue
    itself, ``through_cue``) end on ``pattern``: the filters below differ only in these."""
    return [
        c for c in cues
        if not (c.payload.kind == kind and (value is None or c.payload.value == value)
                and pattern.search(text, max(0, c.start - reach), c.end if through_cue else c.start))
    ]


@lru_cache(maxsize=1)
def _negation_before():
    return compiled(WORD_START + r"{sector_negation}[\s-]*$")


def without_negated_sectors(text: str, cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """Without sector words that say what a deal is not about: "imports of non-oil goods", «السلع غير
    النفطية», «не нефтяных товаров» (a credit line for trade is no oil deal)."""
    return _without_preceded(text, cues, "sector", None, _negation_before(), 12)


@lru_cache(maxsize=1)
def _fuel_of_before():
    # ("compressed", «сжатом»: up to two words between; Arabic joins "on" to the fuel: «تعمل بالغاز»)
    return compiled(WORD_START + r"{fuel_of}(?:\s+[\w-]+){0,2}?\s*\u0628?$")


def without_fuels_of_vehicles(text: str, cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """Without the fuel a vehicle or machine runs on: "120 buses running on compressed natural gas", «автобусов,
    работающих на газе», «حافلة تعمل بالغاز الطبيعي» are a transport deal, not a gas one."""
    return _without_preceded(text, cues, "sector", None, _fuel_of_before(), 40)


@lru_cache(maxsize=1)
def _conversion_before():
    return compiled(WORD_START + r"{conversion_at}(?:\s+[\w'’]+){0,2}\s+$")


def without_conversion_notes(text: str, cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """Without exchange-rate words that say how an amount was converted: "KZT 210 billion, roughly $400 million
    at today's exchange rate", «по нынешнему курсу доллара», «وفق سعر الصرف الحالي» — a note on the amount, not a
    rate quoted as a figure."""
    return _without_preceded(text, cues, "non_deal", "rate", _conversion_before(), 30)


@lru_cache(maxsize=1)
def _postponed_before():
    return compiled(WORD_START + r"{postponed}(?:\s+[\w'’]+){0,3}\s+$")


def without_postponed_signings(text: str, cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """Without a signing that was put off: "the utility postponed the signing of an OPEC Fund loan", «перенес
    подписание кредита», «أجلت الشركة توقيع القرض» — no signature (yet)."""
    return _without_preceded(text, cues, "status", "signed", _postponed_before(), 40)


@lru_cache(maxsize=1)
def _superlative_until_now():
    """A superlative a few words before "to date": "its largest order in Central Asia to date"."""
    return compiled(WORD_START + r"{superlative}(?:\s+\S+){0,6}\s+{until_now}$")


def without_superlative_records(text: str, cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """Without "to date" that closes a superlative: "it is the company's largest order in Central Asia to date",
    «крупнейший контракт компании за всё время», «أكبر طلبية للشركة في آسيا الوسطى حتى الآن» rank one deal
    among the others; they sum nothing up."""
    return _without_preceded(text, cues, "non_deal", "cumulative", _superlative_until_now(), 80, through_cue=True)


@lru_cache(maxsize=1)
def _purpose_before():
    return compiled(WORD_START + r"{purpose}\s+$")


def without_trade_as_purpose(text: str, cues: list[TermMatch[Cue]]) -> list[TermMatch[Cue]]:
    """Without trade words that say what a deal is for: «اتفاقية بقيمة 60 مليون دولار لاستيراد الوقود» (the
    purpose «ل» joined to the word), «кредит для импорта удобрений», "to import fuel" — the deal's purpose, not a
    trade figure."""
    return [
        c for c in cues
        if not (c.payload.kind == "non_deal" and c.payload.value == "trade" and _as_purpose(text, c))
    ]


def _as_purpose(text: str, cue: TermMatch[Cue]) -> bool:
    if text[cue.start] == "\u0644" and not cue.term.startswith("\u0644"):
        return True  # «لاستيراد»: the joined «ل» (for) before the word
    return _purpose_before().search(text, max(0, cue.start - 8), cue.start) is not None


# What joins the states of a route's name: a hyphen or a dash, spaced or not ("China-Kyrgyzstan-Uzbekistan",
# «Китай — Кыргызстан — Узбекистан», «الصين - قرغيزستان - أوزبكستان»)
_ROUTE_JOINT = re.compile(r"[ \t]*[-‐‑–—][ \t]*")
# A chain of this many states or more is a route, not a list of sides
ROUTE_STATES = 3


@lru_cache(maxsize=1)
def _unit_after():
    return compiled(r"[ \t]+{state_before_currency_unit}(?![\w\u0600-\u06ff])")


@lru_cache(maxsize=1)
def _unit_before():
    return compiled(WORD_START + r"{state_after_currency_unit}[ \t]+$")


def without_currency_states(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """Without a state named as part of its currency's name where the money reader read no amount ("a tariff of
    4.8 US cents per kWh", «по тарифу 4,8 цента США», «4.8 سنت أمريكي»): the currency, not a side of a deal. (After
    a major unit a state may be the borrower: «кредит на 300 млн долларов Вьетнаму».)"""
    def currency_name(e: TermMatch[Entity]) -> bool:
        return e.payload.kind == "country" and (
            _unit_after().match(text, e.end) is not None
            or _unit_before().search(text[max(0, e.start - 24):e.start]) is not None
        )
    return [e for e in entities if not currency_name(e)]


def without_routes(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """Without the states of a route's name: three or more states joined by dashes name a railway, a road or a
    pipeline ("the China-Kyrgyzstan-Uzbekistan railway, whose cost is estimated at $4.7 billion"), not the
    sides of a deal."""
    countries = [e for e in entities if e.payload.kind == "country"]
    in_route: set[int] = set()
    chain: list[TermMatch[Entity]] = []
    for e in countries:
        if chain and _ROUTE_JOINT.fullmatch(text, chain[-1].end, e.start):
            chain.append(e)
            continue
        if len(chain) >= ROUTE_STATES:
            in_route.update(id(c) for c in chain)
        chain = [e]
    if len(chain) >= ROUTE_STATES:
        in_route.update(id(c) for c in chain)
    return [e for e in entities if id(e) not in in_route] if in_route else entities
