"""Assemble deals: link each money amount to the parties, action and sector of its clause.

How a sentence is read: it is cut into clauses (commas, Arabic commas, semicolons, dashes). A clause that
holds an amount *owns* that amount; clauses without an amount are *shared* by every amount of the sentence.
Each attribute of a deal is looked up nearest-first in the amount's own clause, then in the shared clauses,
and only then further out (the whole sentence for the Central Asian party, which usually governs the
sentence; the previous sentence for a counterparty named there; the article for the party). This is what
keeps "a potential $100 bn package, including an $8 bn Boeing purchase" as two deals with their own
status and sector, while "The agreement, worth $4.2 billion, was signed by KTZ and Wabtec" still finds
its parties and its signing outside the amount's clause.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache

from ..data_files import read_csv
from ..fx import to_usd
from ..gazetteer import Entity, country_entity, find_entities
from ..mentions import MentionIndex
from ..schema import Article, Deal, make_deal_id
from ..terms import TermMatch, TermMatcher
from ..text import NormalisedText, Span, split_clauses, split_sentences
from .cues import DEAL_TYPE_PRIORITY, Cue, find_cues
from .deal_dates import deal_date
from .money import MoneyMention, find_money, parse_number
from .organisations import Tagger, find_unknown_organisations, proposed_organisations

FINANCIERS = {"bank", "development_bank", "multilateral", "fund"}
GENERIC_SECTORS = {"infrastructure_construction"}
_COUNT = re.compile(r"(?<![\d.,$€£¥])(\d{1,3}(?:[ ,]\d{3})*|\d+)\s+(?!%|per\b|процент|بالمئة|في المئة)")
_MODEL_WORD = re.compile(r'\s*(?:"[^"]{1,40}"|[A-Z0-9][\w-]*)')
# A year 1950–2049 not inside a longer number. "(?<!\d)" is tested after the first digit, as "(?<!\d.)", so
# that the engine can skip in C to the digits 1 and 2 instead of trying every position of the article.
_YEAR = re.compile(r"(?:1(?<!\d(?s:.))9[5-9]|2(?<!\d(?s:.))0[0-4])\d(?!\d)")
_PAST_FRAME = re.compile(
    r"(?:In|Back in|As early as|В|Еще в|Ещё в|\u0641\u064a \u0639\u0627\u0645|\u0639\u0627\u0645)\s+((?:19|20)\d\d)\b", re.IGNORECASE
)
# "since 1993", «с 1992 года», "منذ عام 1998": a running total, not a deal
_SINCE_YEAR = re.compile(r"(?:\bsince|(?<!\w)[сС]|\u0645\u0646\u0630(?:\s+\u0639\u0627\u0645)?)\s+(?:19|20)\d\d\b", re.IGNORECASE)
_CONJUNCTION = re.compile(r"\s(?:and|as well as|while|whereas|и|а также|а|\u0648)(?=\s)|\s\u0648(?=\w)", re.IGNORECASE)
_LOCATED_IN = re.compile(r"(?:\bin|\bв|\bво|\u0641\u064a)\s+(?:the\s+)?$", re.IGNORECASE)
_FROM_SOURCE = re.compile(r"(?:\bfrom|\bby|\bот|\bсо стороны|\u0645\u0646)\s+(?:the\s+)?$", re.IGNORECASE)
_JOBS_NUMBER = re.compile(r"(\d[\d,. ]*\d|\d)\s*(thousand|тыс\w*|الف|آلاف|الاف)?\s*(?:new\s+|новых\s+|جديدة\s+)?$", re.IGNORECASE)


@dataclass
class _Sentence:
    text: str
    span: Span
    amounts: list[MoneyMention] = field(default_factory=list)
    entities: list[TermMatch[Entity]] = field(default_factory=list)
    cues: list[TermMatch[Cue]] = field(default_factory=list)
    _clauses: list[Span] | None = field(default=None, repr=False)

    @property
    def clauses(self) -> list[Span]:
        """The sentence's clauses, cut when first asked for: only sentences with an amount or a signing are
        ever read clause by clause, and most sentences have neither."""
        if self._clauses is None:
            self._clauses = split_clauses(self.text, self.span)
        return self._clauses

    def clause_of(self, position: int) -> Span:
        for clause in self.clauses:
            if clause.start <= position < clause.end:
                return clause
        return self.span

    def region_of(self, amount: MoneyMention) -> Span:
        """The amount's own words: its clause, narrowed to the stretch between its neighbours when the
        clause holds several amounts ("$300 million with the ADB for roads and €150 million with the EIB …")."""
        clause = self.clause_of(amount.number_start)
        inside = sorted((a for a in self.amounts if clause.start <= a.number_start < clause.end), key=lambda a: a.start)
        if len(inside) < 2:
            return clause
        i = next(k for k, a in enumerate(inside) if a is amount)
        start = clause.start if i == 0 else self._split(inside[i - 1].end, amount.start)
        end = clause.end if i == len(inside) - 1 else self._split(amount.end, inside[i + 1].start)
        return Span(start, end)

    def _split(self, left: int, right: int) -> int:
        """Where the words of one amount end and the next amount's begin: at the last "and"/«и»/"و" between
        them, else halfway."""
        cut = None
        for m in _CONJUNCTION.finditer(self.text, left, right):
            cut = m.start()
        return cut if cut is not None else (left + right) // 2

    def shared_clauses(self) -> list[Span]:
        owned = {self.clause_of(a.number_start) for a in self.amounts}
        return [c for c in self.clauses if c not in owned]


def _within(items: list, spans: list[Span]) -> list:
    if len(spans) == 1:  # the usual case, without a generator per item
        start, end = spans[0].start, spans[0].end
        return [i for i in items if start <= i.start < end]
    return [i for i in items if any(s.start <= i.start < s.end for s in spans)]


def _nearest(items: list, position: int) -> list:
    return sorted(items, key=lambda i: abs(i.start - position))


def _central_asian(entity: Entity) -> Entity:
    """A city or region stands for its state; a named state company or ministry stays itself."""
    return country_entity(entity.country) if entity.kind == "place" else entity


def _pick_party(candidates: list[TermMatch[Entity]], position: int) -> Entity | None:
    ca = [m for m in candidates if m.payload.is_central_asian]
    if not ca:
        return None
    named = [m for m in ca if m.payload.kind not in ("country", "place")]
    states = [m for m in ca if m.payload.kind == "country"]
    for group in (named, states, ca):
        if group:
            return _central_asian(_nearest(group, position)[0].payload)
    return None


def _pick_counterparty(candidates: list[TermMatch[Entity]], position: int, party: Entity | None) -> Entity | None:
    foreign = [m for m in candidates if not m.payload.is_central_asian and m.payload.kind != "place"]
    if party is not None:
        foreign = [m for m in foreign if m.payload.name != party.name]
    organisations = [m for m in foreign if m.payload.kind != "country"]
    for group in (organisations, foreign):
        if group:
            return _nearest(group, position)[0].payload
    return None


def _cues(sentence: _Sentence, spans: list[Span], kind: str) -> list[TermMatch[Cue]]:
    return _within([c for c in sentence.cues if c.payload.kind == kind], spans)  # the cheaper test first


@lru_cache(maxsize=1)
def _anaphor_matcher() -> TermMatcher[frozenset[str]]:
    """Definite references to an organisation named before ("the bank", «фонд», "الصندوق")."""
    return TermMatcher((row["term"], frozenset(row["kinds"].split("|"))) for row in read_csv("anaphors.csv"))


def _informative_sector(side: Entity, is_lender: bool) -> bool:
    """An organisation's usual sector says what a deal is about, except a lender's (banks lend for roads)."""
    if not side.sector or side.sector == "other":
        return False
    return not (is_lender and (side.kind in FINANCIERS or side.sector == "finance_banking"))


def _dominant_sector(cues: list[TermMatch[Cue]]) -> str | None:
    """The sector most of an article's specific cue words point to, when one clearly leads (≥ 60%)."""
    counts = Counter(c.payload.value for c in cues if c.payload.kind == "sector" and c.payload.value not in GENERIC_SECTORS)
    if not counts:
        return None
    sector, top = counts.most_common(1)[0]
    return sector if top >= 2 and top / sum(counts.values()) >= 0.6 else None


def _deal_type(own: list[TermMatch[Cue]], shared: list[TermMatch[Cue]]) -> str | None:
    """The most specific type named in the own clause, else in the shared clauses.

    Generic words only say that there is a deal: a bare "deal"/"сделка"/"صفقة" becomes an agreement, a
    cost ("worth", «стоимостью», "بتكلفة") an investment, when nothing more specific is named around the amount.
    A valued agreement about locomotives, aircraft or turbines is a purchase.
    """
    for pool in (own, shared):
        values = {c.payload.value for c in pool}
        for deal_type in DEAL_TYPE_PRIORITY:
            if deal_type in values:
                if deal_type == "agreement_mou" and any(c.payload.kind == "equipment" for c in own):
                    return "purchase_contract"
                return deal_type
    values = {c.payload.value for c in own + shared}
    if "deal" in values:
        return "purchase_contract" if any(c.payload.kind == "equipment" for c in own) else "agreement_mou"
    if "cost" in values:
        return "investment"
    return None


def _status(own: list[TermMatch[Cue]], shared: list[TermMatch[Cue]], at: int) -> str:
    """The verb that governs an amount usually comes before it ("signed … $X", "وقّع … بقيمة", "подписали …
    на сумму"), so the nearest cue before the amount wins over one after it ("… that will build")."""
    before = [c for c in own if c.start < at]
    after = [c for c in own if c.start >= at]
    for pool in (before, after, [c for c in shared if c.payload.scope == "sentence"]):
        if pool:
            return _nearest(pool, at)[0].payload.value
    return "announced"


def _jobs(text: str, sentence: _Sentence, spans: list[Span]) -> int | None:
    """Jobs said to be created, looked up only where the deal's own words are (the own clause when a sentence holds several amounts)."""
    for cue in _within(sentence.cues, spans):
        if cue.payload.kind != "jobs":
            continue
        m = _JOBS_NUMBER.search(text, max(sentence.span.start, cue.start - 30), cue.start)
        if m:
            try:
                value = parse_number(m.group(1))
            except ValueError:
                continue
            if m.group(2):
                value *= 1000
            return int(value)
    return None


class _ArticleReader:
    """Holds one article's mentions so each amount can look around it cheaply."""

    def __init__(self, article: Article, tagger: Tagger | None = None):
        self.article = article
        self.tagger = tagger
        self.norm = NormalisedText.of(article.text)
        text = self.norm.text
        amounts = find_money(text, article.language)
        entities = [  # "US" in "US$ 15 million" is a currency, not a counterparty
            e for e in find_entities(text) if not any(a.start <= e.start < a.end for a in amounts)
        ]
        entities = sorted(entities + self._unknown_organisations(text, entities), key=lambda m: m.start)
        cues = find_cues(text)
        self.entities = entities
        self._anaphors: list[TermMatch[frozenset[str]]] | None = None
        years = [int(y) for y in _YEAR.findall(text)]
        self.latest_year = max(years) if years else 0
        # A cue word inside a name ("Reconstruction" in the EBRD's, "Petroleum" in CNPC's) says nothing.
        names = MentionIndex(entities)
        cues = [c for c in cues if not names.covers(c.start)]
        self.article_sector = _dominant_sector(cues)
        self.sentences: list[_Sentence] = []
        by_start = [MentionIndex(amounts), names, MentionIndex(cues)]
        for span in split_sentences(text):
            inside = [items.starting_in(span.start, span.end) for items in by_start]
            self.sentences.append(_Sentence(text, span, *inside))
        states = Counter(
            _central_asian(m.payload).name
            for m in entities
            if m.payload.is_central_asian and m.payload.kind in ("country", "place")
        )
        self.article_party: Entity | None = None
        if states:
            top = states.most_common(1)[0][0]
            self.article_party = next(
                _central_asian(m.payload) for m in entities if _central_asian(m.payload).name == top
            )

    def anaphors(self) -> list[TermMatch[frozenset[str]]]:
        """ "the bank", «фонд», "الصندوق" in the article, found when first needed: only an amount whose
        sentence names no counterparty looks for one, and most articles have none."""
        if self._anaphors is None:
            self._anaphors = _anaphor_matcher().findall(self.norm.text)
        return self._anaphors

    def _unknown_organisations(self, text: str, known: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
        """Names no gazetteer holds, renamed to exactly how the article writes them: found by their form, and,
        when an organisation tagger is given, proposed by it."""
        found = []
        matches = find_unknown_organisations(text, known)
        if self.tagger is not None:
            matches = matches + proposed_organisations(text, self.tagger(text), known, matches)
        for match in matches:
            start, end = self.norm.to_original(match.start, match.end)
            entity = Entity(self.article.text[start:end], match.payload.country or "", match.payload.kind)
            found.append(TermMatch(match.start, match.end, entity, match.term))
        return found

    def deals(self) -> list[Deal]:
        found: list[Deal] = []
        previous: _Sentence | None = None
        for sentence in self.sentences:
            for amount in sentence.amounts:
                deal = self._valued_deal(sentence, amount, previous)
                if deal is not None:
                    found.append(deal)
            if not sentence.amounts:
                found.extend(self._unvalued_deals(sentence, previous))
            previous = sentence
        return _merge_repeats(found)

    def _valued_deal(self, sentence: _Sentence, amount: MoneyMention, previous: _Sentence | None) -> Deal | None:
        own = [sentence.region_of(amount)]
        shared = sentence.shared_clauses()
        at = amount.number_start
        if (
            _cues(sentence, own, "non_deal")
            or self._own_contribution(sentence, own[0])
            or self._in_the_past(sentence.span)
            or _SINCE_YEAR.search(self.norm.text, own[0].start, own[0].end) is not None
            or self._located_abroad(sentence, own[0])
        ):
            return None

        party = _pick_party(_within(sentence.entities, own), at) or _pick_party(sentence.entities, at)
        stated_in_sentence = party is not None
        party = party or (previous and _pick_party(previous.entities, at)) or self.article_party
        if party is None:
            return None
        counterparty = _pick_counterparty(_within(sentence.entities, own), at, party)
        confidence = 0.45
        if counterparty is not None:
            confidence += 0.2
        # Never borrow a counterparty from a clause that owns another amount: it belongs to that deal.
        counterparty = (
            counterparty
            or _pick_counterparty(_within(sentence.entities, shared), at, party)
            or self._antecedent(sentence, own + shared, party)
            or (previous and _pick_counterparty(previous.entities, at, party))
            or self._article_counterparty(party)
        )
        if counterparty is None:
            return None  # a deal is between two sides; an amount with one side is a plan, a budget or a past cost
        if counterparty.kind == "country":  # "the Turkish operator" is the Turkish company named before
            counterparty = self._organisation_of(counterparty.country, sentence, previous) or counterparty
        if not stated_in_sentence and (
            self._about_another_country(sentence, counterparty)
            or (counterparty.kind == "country" and any(m.payload == counterparty for m in sentence.entities))
        ):
            # No Central Asian side in the sentence, and the only other side is a state it names ("a loan
            # agreement with Jordan", «кредит … Вьетнаму»): that state's deal, not a Central Asian one.
            return None

        deal_type = _deal_type(
            _cues(sentence, own, "deal_type") + _cues(sentence, own, "equipment"), _cues(sentence, shared, "deal_type")
        )
        if deal_type is None and counterparty is not None and counterparty.kind in FINANCIERS:
            deal_type = "loan_financing"
        if deal_type is None:
            return None
        if _cues(sentence, own, "deal_type"):
            confidence += 0.15

        status = _status(_cues(sentence, own, "status"), _cues(sentence, shared, "status"), at)
        if previous is not None and any(m.payload == counterparty for m in previous.entities):
            # "… signed a contract with Saipem. The contract is worth €480 million.": the value continues the
            # previous sentence's deal, and so do its status and, when this sentence names no type, its type.
            earlier = [c for c in previous.cues if c.payload.kind == "status" and c.payload.scope == "sentence"]
            if status == "announced" and earlier and not _cues(sentence, [sentence.span], "status"):
                status = earlier[0].payload.value
            named = {c.payload.value for c in _cues(sentence, [sentence.span], "deal_type")} & set(DEAL_TYPE_PRIORITY)
            before = _deal_type(
                _cues(previous, [previous.span], "deal_type") + _cues(previous, [previous.span], "equipment"), []
            )
            if not named and before is not None:
                deal_type = before

        sector = self._sector(sentence, own, shared, at, party, counterparty)
        value_usd = amount.usd_stated if amount.usd_stated is not None else to_usd(amount.amount, amount.currency)[0]
        evidence_span = sentence.span if len(sentence.amounts) == 1 else own[0]
        if counterparty is not None and counterparty.kind not in ("country",):
            confidence += 0.1
        if "\n" not in self.norm.text[: sentence.span.start]:
            confidence -= 0.05  # a headline states a deal in shorthand; the body says it better
        return self._deal(
            evidence_span,
            party=party,
            counterparty=counterparty,
            amount=amount.amount,
            currency=amount.currency,
            value_usd=value_usd,
            qualifier=amount.qualifier,
            sector=sector,
            deal_type=deal_type,
            status=status,
            jobs=_jobs(self.norm.text, sentence, own if len(sentence.amounts) > 1 else [sentence.span]),
            object=self._object(sentence, own[0]),
            confidence=min(confidence, 0.95),
        )

    def _own_contribution(self, sentence: _Sentence, clause: Span) -> bool:
        """ "co-financing of $6.45 million from the Kyrgyz Republic": the Central Asian side's own money."""
        entities = _within(sentence.entities, [clause])
        if any(not e.payload.is_central_asian for e in entities):
            return False
        return any(
            _FROM_SOURCE.search(self.norm.text, max(clause.start, e.start - 12), e.start) is not None
            for e in entities
        )

    def _object(self, sentence: _Sentence, clause: Span) -> str | None:
        """What is bought or built, as written: a count right before equipment ("22 Boeing 787 Dreamliners",
        "300 قاطرة", «1000 полувагонов»), with the model name that follows it."""
        text = self.norm.text
        equipment = [c for c in _within(sentence.cues, [clause]) if c.payload.kind == "equipment"]
        for cue in equipment:
            counts = [  # the first count before the equipment word: "12" in "12 Boeing 787-9 Dreamliner aircraft"
                m for m in _COUNT.finditer(text, max(clause.start, cue.start - 40), cue.start)
                if not any(a.start <= m.start() < a.end for a in sentence.amounts)
            ]
            count = counts[0] if counts else None
            if count is None or _YEAR.fullmatch(count.group(1)) or re.search(r"[,.;:\u060c]", text[count.end():cue.start]):
                continue
            end = cue.end
            for _ in range(4):
                model = _MODEL_WORD.match(text, end, clause.end)
                if model is None:
                    break
                end = model.end()
            start, stop = self.norm.to_original(count.start(), end)
            return self.article.text[start:stop]
        return None

    def _in_the_past(self, sentence: Span) -> bool:
        """ "In 2015 Tau-Ken Samruk paid …": a sentence framed by a year before the article's latest is history."""
        framed = _PAST_FRAME.match(self.norm.text, sentence.start, sentence.end)
        return framed is not None and int(framed.group(1)) < self.latest_year

    def _article_counterparty(self, party: Entity) -> Entity | None:
        """The foreign side the article is about (named most often), for an amount whose sentence names none."""
        counts = Counter(
            m.payload for m in self.entities
            if not m.payload.is_central_asian and m.payload.kind != "place" and m.payload.name != party.name
        )
        if not counts:
            return None
        organisations = [e for e in counts if e.kind != "country"]
        pool = organisations or list(counts)
        return max(pool, key=lambda e: counts[e])

    @staticmethod
    def _about_another_country(sentence: _Sentence, counterparty: Entity) -> bool:
        """A sentence naming no Central Asian side but another state than the counterparty's is about that
        state's deal ("Suriname will receive $47 million from the IsDB")."""
        return any(
            e.payload.kind == "country" and not e.payload.is_central_asian and e.payload.country != counterparty.country
            for e in sentence.entities
        )

    def _located_abroad(self, sentence: _Sentence, region: Span) -> bool:
        """ "signed a $1.1 billion agreement in Egypt": the amount's own words place it in a foreign state."""
        inside = _within(sentence.entities, [region])
        if any(e.payload.is_central_asian for e in inside):
            return False
        return any(
            e.payload.kind == "country" and self._is_location(e) for e in inside if not e.payload.is_central_asian
        )

    def _is_location(self, mention: TermMatch[Entity]) -> bool:
        """ "in Egypt", «в Египте», "في مصر", "بمصر": a state named as a place, not as a side."""
        text = self.norm.text
        before = text[max(0, mention.start - 8):mention.start]
        return bool(_LOCATED_IN.search(before)) or (text[mention.start] == "\u0628" and not mention.term.startswith("\u0628"))

    def _organisation_of(self, country: str, sentence: _Sentence, previous: _Sentence | None) -> Entity | None:
        """A named organisation of that country in the sentence's shared clauses, the previous sentence, or
        earlier in the article (never one from a clause that owns another amount)."""
        shared = _within(sentence.entities, sentence.shared_clauses())
        earlier = [m for m in self.entities if m.end <= sentence.span.start][::-1]
        for pool in (shared, previous.entities if previous else [], earlier):
            named = [m.payload for m in pool if m.payload.country == country and m.payload.kind not in ("country", "place")]
            if named:
                return named[0]
        return None

    def _antecedent(self, sentence: _Sentence, spans: list[Span], party: Entity) -> Entity | None:
        """ "the bank", «фонд», "الصندوق": the latest organisation of that kind named before the sentence."""
        for mention in _within(self.anaphors(), spans):
            kinds = mention.payload
            earlier = [
                m.payload for m in self.entities
                if m.end <= sentence.span.start and m.payload.kind in kinds and not m.payload.is_central_asian
            ]
            if earlier:
                return earlier[-1]
        return None

    def _sector(
        self,
        sentence: _Sentence,
        own: list[Span],
        shared: list[Span],
        at: int,
        party: Entity,
        counterparty: Entity | None,
    ) -> str:
        """Sector cues of the own clause, then the shared clauses; then what the parties usually do; then the
        article's one topic, if it has one.

        "Construction" and "infrastructure" say little on their own ("construction of a hydropower plant" is
        power), so that sector is taken only when no more specific cue or party sector is there.
        """
        own_cues, shared_cues = _cues(sentence, own, "sector"), _cues(sentence, shared, "sector")
        for pool in (own_cues, shared_cues):
            specific = [c for c in pool if c.payload.value not in GENERIC_SECTORS]
            if specific:
                return _nearest(specific, at)[0].payload.value
        for side in (party, counterparty):
            if side is not None and _informative_sector(side, is_lender=side is counterparty):
                return side.sector
        if self.article_sector is not None:
            return self.article_sector
        for pool in (own_cues, shared_cues):
            if pool:
                return _nearest(pool, at)[0].payload.value
        return "other"

    def _unvalued_deals(self, sentence: _Sentence, previous: _Sentence | None) -> list[Deal]:
        """A signed agreement with a named organisation and no amount is still a deal: one per organisation."""
        signed = [c for c in sentence.cues if c.payload.kind == "status" and c.payload.value == "signed"]
        if not signed:
            return []
        at = signed[0].start
        # The type is what was signed: the words of the signing clause first ("an MoU was signed …, and the bank
        # is weighing a loan" reports an MoU).
        deal_type = _deal_type(_cues(sentence, [sentence.clause_of(at)], "deal_type"), _cues(sentence, sentence.clauses, "deal_type"))
        if deal_type is None:
            return []
        organisations = [
            m for m in sentence.entities if m.payload.kind not in ("country", "place") and not m.payload.is_central_asian
        ]
        party = _pick_party(sentence.entities, at) or (previous and _pick_party(previous.entities, at)) or self.article_party
        if party is None:
            return []
        deals: list[Deal] = []
        seen: set[str] = set()
        for match in organisations:
            counterparty = match.payload
            if counterparty.name in seen:
                continue
            seen.add(counterparty.name)
            deals.append(
                self._deal(
                    sentence.span,
                    party=party,
                    counterparty=counterparty,
                    amount=None,
                    currency=None,
                    value_usd=None,
                    qualifier=None,
                    sector=self._sector(sentence, [sentence.span], [], match.start, party, counterparty),
                    deal_type=deal_type,
                    status="signed",
                    jobs=_jobs(self.norm.text, sentence, [sentence.span]),
                    object=self._object(sentence, sentence.span),
                    confidence=0.5,
                )
            )
        return deals

    def _deal(self, span: Span, *, party: Entity, counterparty: Entity | None, **fields) -> Deal:
        start, end = self.norm.to_original(span.start, span.end)
        article = self.article
        evidence = article.text[start:end]
        return Deal(
            deal_id=make_deal_id(article.text, start, end, fields["amount"], counterparty and counterparty.name),
            source=article.source,
            party=party.name,
            party_country=party.country,
            counterparty=counterparty.name if counterparty else None,
            counterparty_country=(counterparty.country or None) if counterparty else None,
            date=deal_date(evidence, article.date),
            language=article.language,
            evidence=evidence,
            start=start,
            end=end,
            **fields,
        )


def _merge_repeats(deals: list[Deal]) -> list[Deal]:
    """The headline and the body often state the same deal twice: keep it once, the better-read copy.

    A mention without a value of a pair that also has a valued deal of the same type in the article is that
    deal.
    """
    kept: list[Deal] = []
    for deal in deals:
        twin = next((k for k in kept if _same_deal(k, deal)), None)
        if twin is None:
            kept.append(deal)
        elif _better(deal, twin):
            kept[kept.index(twin)] = deal
    valued = {(d.party_country, d.counterparty, d.deal_type) for d in kept if d.amount is not None}
    return [d for d in kept if d.amount is not None or (d.party_country, d.counterparty, d.deal_type) not in valued]


def _better(a: Deal, b: Deal) -> bool:
    return (a.confidence, len(a.counterparty or "")) > (b.confidence, len(b.counterparty or ""))


def _same_deal(a: Deal, b: Deal) -> bool:
    if a.party_country != b.party_country:
        return False
    if a.amount is None or b.amount is None:
        return a.amount is None and b.amount is None and a.counterparty == b.counterparty and a.deal_type == b.deal_type
    if a.currency != b.currency or abs(a.amount - b.amount) > 0.005 * max(a.amount, b.amount):
        return False
    if a.counterparty is None or b.counterparty is None or a.counterparty == b.counterparty:
        return True
    return a.counterparty_country == b.counterparty_country


def extract_deals(article: Article, tagger: Tagger | None = None) -> list[Deal]:
    """All deals one article reports, in text order.

    ``tagger`` (optional) proposes organisation spans in the normalised text (``dealtracker.models.ner``);
    without it the rules alone decide, and the output does not depend on any model.
    """
    if not article.text.strip():
        return []
    return _ArticleReader(article, tagger).deals()
