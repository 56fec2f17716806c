"""One article's mentions (amounts, names, cue words) in sentences, and the look-ups the deal rules share.

How far out each attribute is looked for: the amount's own clause, then the clauses its sentence shares,
then further out (the whole sentence for the Central Asian party, which usually governs the sentence; the
previous sentence for a counterparty named there; the article for the party).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections import Counter
from itertools import accumulate
from functools import lru_cache

from ..data_files import read_csv
from ..gazetteer import Entity, country_entity, find_entities
from ..ingest.dates import is_month_name
from ..mentions import MentionIndex
from ..schema import Article, Deal, make_deal_id
from ..terms import TermMatch, TermMatcher
from ..text import NormalisedText, Span, split_sentences
from .article_homes import with_article_homes
from .reference_homes import with_reference_homes
from .attributes import YEAR, dominant_sector, object_span
from .cues import find_cues
from .apposition_homes import with_apposition_homes
from .homonym_homes import with_homonym_homes
from .incorporation_homes import with_incorporation_homes
from .letterhead import without_reference_lines
from .listing_homes import with_listing_homes
from .mention_filters import (
    cues_that_count, without_contained, without_currency_states, without_owners, without_product_brands, without_routes,
)
from .deal_dates import deal_date
from .defined_aliases import with_defined_aliases
from ..furniture import furniture_spans, may_hold_furniture
from ..fx import issuer_state, to_usd
from ..plausibility import CONFIDENCE_WHEN_DOUBTFUL, REVIEW_ABOVE_USD
from .lexicon import WORD_START, compiled
from .money import MoneyMention, find_money
from .organisations import Tagger, find_unknown_organisations
from .arabic_skeletons import known_by_skeleton, quoted_known_names
from .arabic_place_spellings import with_place_spellings
from .inferred_homes import inferred_home
from .asset_places import describes_an_asset
from .boilerplate import boilerplate_span
from .described_names import names_a_bank
from .sections import Sections
from .table_amounts import joined_rows, table_amounts, with_table_amounts
from .tagged_names import proposed_organisations
from .sentence import Sentence, within
from .sides import LENDERS as LENDER_KINDS


@lru_cache(maxsize=1)
def anaphor_matcher() -> TermMatcher[frozenset[str]]:
    """Definite references to an organisation named before ("the bank", «фонд», "الصندوق")."""
    return TermMatcher((row["term"], frozenset(row["kinds"].split("|"))) for row in read_csv("anaphors.csv"))


@lru_cache(maxsize=1)
def _located_in():
    return compiled(WORD_START + r"{located_in}\s+(?:{determiner}\s+)?$")


_QUOTED = re.compile(r'"[^"\n]{1,160}"')
# A quotation of this many words or more is someone's speech ("During the visit we signed 31 documents with
# Chinese partners …"), whose states are sides, not a quoted name
_QUOTED_SPEECH_WORDS = 10


def _outside_amounts(text: str, entities: list[TermMatch[Entity]], amounts: list[MoneyMention]) -> list[TermMatch[Entity]]:
    """Without the names that are part of an amount: "US" in "US$ 15 million" (or in a table's unit "(US$
    million)"), the state after its currency's name («550 млн дирхамов ОАЭ»): a currency, not a side."""
    in_amount = MentionIndex(amounts)
    issuer_after = {a.end + gap: a.currency for a in amounts for gap in (0, 1)}
    return [e for e in entities if not (in_amount.covers(e.start) or text.startswith("$", e.end)
                                        or _issues(issuer_after.get(e.start), e.payload.country))]


def _issues(currency: str | None, country: str) -> bool:
    """Whether the state issues the currency (AED → ARE; the dollar → USA)."""
    return currency is not None and (issuer_state(currency) == country or (currency == "USD" and country == "USA"))


def _without_quoted_places(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """A state or city inside a quoted name is part of that name, not a side: the project «Reconstruction of
    the Talas — Taraz — Suusamyr road», the programme "Kazakhstan 2050"."""
    if '"' not in text:
        return entities
    quoted = [m.span() for m in _QUOTED.finditer(text) if len(m.group().split()) < _QUOTED_SPEECH_WORDS]
    if not quoted:
        return entities
    # The quotes do not overlap: only the last one opening before a name can hold it (a bisection per name).
    opening = [a for a, _ in quoted]

    def in_quotes(e: TermMatch[Entity]) -> bool:
        k = bisect_left(opening, e.start) - 1
        return k >= 0 and e.end < quoted[k][1]

    return [e for e in entities if e.payload.kind not in ("country", "place") or not in_quotes(e)]


def _outside(spans: list[tuple[int, int]]):
    """A filter that keeps the mentions starting outside every one of the (sorted, merged) spans."""
    if not spans:
        return lambda mentions: mentions
    starts = [start for start, _ in spans]

    def keep(mentions: list) -> list:
        kept = []
        for m in mentions:
            k = bisect_right(starts, m.start) - 1
            if k < 0 or m.start >= spans[k][1]:
                kept.append(m)
        return kept

    return keep


def _with_homes_told(norm: NormalisedText, entities: list[TermMatch[Entity]]) -> tuple[list[TermMatch[Entity]], list[Span]]:
    """The names with the homes the text tells right by them (an apposition, an incorporation clause, a stock
    exchange), without the states that only name a currency or a route; and the listing phrases."""
    text = norm.text
    homed = with_incorporation_homes(text, with_apposition_homes(text, with_homonym_homes(norm, entities)))
    return with_listing_homes(text, without_routes(text, without_currency_states(text, homed)))


_DATELINE_MARK = re.compile(r"\s?[.,—–-]\s")


class ArticleReader:
    """Holds one article's mentions so each amount can look around it cheaply."""

    def __init__(self, article: Article, tagger: Tagger | None = None, window: Span | None = None):
        """``window``: the part of a long article's text to read (see ``reading_windows``); by default all."""
        self.article = article
        self.tagger = tagger
        # where the window starts in the article's text: every offset handed out is the article's
        self.offset = window.start if window else 0
        self.norm = NormalisedText.of(article.text[window.start:window.end] if window else article.text)
        text = self.norm.text
        amounts = find_money(text, article.language)
        table = table_amounts(text, article.language, amounts)
        amounts = with_table_amounts(amounts, table)
        entities = _outside_amounts(text, with_place_spellings(text, find_entities(text)), amounts)
        entities = without_contained(sorted(entities + self._unknown_organisations(text, entities), key=lambda m: m.start))
        cues = cues_that_count(text, find_cues(text))
        # Tickers, datelines' times, "read also" lists, menus: not the article, so none of their words count.
        # Only lines holding some of these mentions need reading for furniture.
        signings = [c.start for c in cues if c.payload.kind == "status" and c.payload.value == "signed"]
        if may_hold_furniture(text, [(a.start, a.amount) for a in amounts], signings):
            held = MentionIndex(sorted([*amounts, *entities, *cues], key=lambda m: m.start))
            outside = _outside(furniture_spans(text, normalised=True, relevant=held.overlaps))
            amounts, entities, cues = outside(amounts), outside(entities), outside(cues)
        entities, listings = _with_homes_told(self.norm, entities)
        entities = with_defined_aliases(text, with_article_homes(with_reference_homes(text, _without_quoted_places(text, entities))))
        self.entities = entities = _outside_amounts(text, entities, amounts)  # ("… Corporation (SEK)", "SEK 2.1 billion")
        self._anaphors: MentionIndex[TermMatch[frozenset[str]]] | None = None
        self._partner_states: set[str] | None = None
        self._lenders: int | None = None
        self._article_counterparty: dict[str, Entity | None] = {}
        self._groups: dict[tuple[str, str], tuple[list[int], list[int]]] | None = None
        self._memo: dict = {}
        years = [int(y) for y in YEAR.findall(text)]
        self.latest_year = max(years) if years else 0
        # A cue word inside a name ("Reconstruction" in the EBRD's, "Petroleum" in CNPC's) says nothing.
        names = MentionIndex(entities)
        cues = [c for c in cues if not names.covers(c.start) and not any(a <= c.start < b for a, b in listings)]
        self.article_sector = dominant_sector(cues)
        amounts_in, cues_in = MentionIndex(amounts).starting_in, MentionIndex(cues).starting_in
        sentences = [Sentence(text, span, amounts_in(*span), without_product_brands(text, span, without_owners(
            text, names.starting_in(*span))), cues_in(*span))
            for span in joined_rows(split_sentences(text), table[2], text)]  # (a table's row a PDF wrapped is one)
        self.sentences, self._title_start = without_reference_lines(text, sentences)  # ("Ref.: GCF/PR/…")
        # A press release's closing section about its issuer tells no deal (boilerplate.py).
        cut = boilerplate_span(text, self.sentences[0].span.end) if self.sentences else None
        if cut is not None:
            self.sentences = [s for s in self.sentences if not cut[0] <= s.span.start < cut[1]]
        # The state the article is about: the one it names most, counting its cities and regions only when it
        # names no state at all (a road "Talas — Taraz — Suusamyr" names Taraz thrice in a Kyrgyz story).
        # Its own bodies and companies count for it too: an interview with a Tajik state committee's head that
        # names Uzbekistan twice (trade) and Tajikistan once is about Tajikistan (its committee, its bank).
        named_states = [m for m in entities if m.payload.is_central_asian and m.payload.kind == "country"]
        places = [m for m in entities if m.payload.is_central_asian and m.payload.kind == "place"]
        bodies = [m for m in entities if m.payload.is_central_asian and m.payload.kind not in ("country", "place")]
        states = Counter(m.payload.country for m in (named_states + bodies if named_states else places))
        self.article_party: Entity | None = None
        if states:
            self.article_party = country_entity(states.most_common(1)[0][0])
        self.sections = Sections.of(text, entities)  # a digest's headings: whose news each part is

    @property
    def text(self) -> str:
        """The normalised text every offset of a mention refers to."""
        return self.norm.text

    def anaphors(self) -> MentionIndex[TermMatch[frozenset[str]]]:
        """ "the bank", «фонд», "الصندوق" in the article, found when first needed: only an amount whose
        sentence names no counterparty looks for one, and most articles have none."""
        if self._anaphors is None:
            self._anaphors = MentionIndex(anaphor_matcher().findall(self.norm.text))
        return self._anaphors

    def _unknown_organisations(self, text: str, known: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
        """Names no gazetteer holds, renamed to exactly how the article writes them: found by their form, and,
        when an organisation tagger is given, proposed by it."""
        found = []
        matches = find_unknown_organisations(text, known)
        if self.tagger is not None:
            matches = matches + proposed_organisations(text, self.tagger(text), known, matches)
        for match in matches:
            start, end = self.original(match.start, match.end)
            # (" ميناتو للهندسة الصناعية ": a PDF's quotes may stand apart from the name they hold)
            name = self.article.text[start:end].strip()
            if is_month_name(name):
                continue  # "Astana, 11 March - Slovenian aircraft maker Pipistrel …": a dateline's month, no company
            kind = "bank" if match.payload.kind in ("company", "state_company") and names_a_bank(name) else match.payload.kind
            # «سمروك كازينا»: another Arabic spelling of a name the gazetteer holds
            entity = known_by_skeleton(name) or Entity(name, match.payload.country or "", kind)
            found.append(TermMatch(match.start, match.end, entity, match.term))
        return found + quoted_known_names(text, known + found)

    def article_counterparty(self, party: Entity) -> Entity | None:
        """The foreign side the article is about (named most often), for an amount whose sentence names none.
        (Remembered per party: every amount of the article may ask.)"""
        if party.name not in self._article_counterparty:
            self._article_counterparty[party.name] = self._most_named_foreign_side(party)
        return self._article_counterparty[party.name]

    def _most_named_foreign_side(self, party: Entity) -> Entity | None:
        counts = Counter(
            m.payload for m in self.entities
            if not m.payload.is_central_asian and m.payload.kind != "place" and m.payload.name != party.name
        )
        if not counts:
            return None
        organisations = [e for e in counts if e.kind != "country"]
        pool = organisations or list(counts)
        return max(pool, key=lambda e: counts[e])

    def foreign_partner_countries(self) -> int:
        """How many foreign states the article's foreign sides come from: a total over projects is one
        partner's package when there is one, and a sum over partners when there are several."""
        return len(self.partner_states())

    def partner_states(self) -> set[str]:
        """The foreign states (ISO alpha-3) the article's foreign sides come from, found when first asked."""
        if self._partner_states is None:
            self._partner_states = set(self.foreign_state_mentions())
        return self._partner_states

    def foreign_state_mentions(self) -> list[str]:
        """The foreign state (ISO alpha-3) of each mention of a foreign state or of one of its bodies or companies,
        in text order (no places, no multilateral bodies): what the article says about whom it deals with."""
        return [m.payload.country for m in self.entities
                if not m.payload.is_central_asian and m.payload.kind != "place" and m.payload.country not in ("", "INT")]

    def remembered(self, key, compute):
        """A fact about the whole article, computed once however many of its amounts ask."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]

    def co_financed(self) -> bool:
        """Whether the article names two or more banks, funds or aid agencies: a project several lenders finance,
        whose total cost is none of their deals."""
        if self._lenders is None:
            self._lenders = len({m.payload.name for m in self.entities if m.payload.kind in LENDER_KINDS})
        return self._lenders >= 2

    def is_location(self, mention: TermMatch[Entity]) -> bool:
        """ "in Egypt", «в Египте», "في مصر", "بمصر", "the Azerbaijani Absheron field": a state named as a place, not
        as a side."""
        text = self.norm.text
        before = text[max(0, mention.start - 8):mention.start]
        return (
            bool(_located_in().search(before))
            or (text[mention.start] == "\u0628" and not mention.term.startswith("\u0628"))
            or describes_an_asset(text, mention.start, mention.end)
            or (text[mention.start - 1:mention.start] in ("", "\n") and _DATELINE_MARK.match(text, mention.end) is not None)
        )  # ("Luxembourg. The EIB signed …", "SINGAPORE, March 5 –": a dateline's state is where the news was written)

    def organisation_of(self, country: str, sentence: Sentence, previous: Sentence | None) -> Entity | None:
        """A named organisation of that country in the sentence's shared clauses, the previous sentence, or
        earlier in the article (never one from a clause that owns another amount)."""
        shared = within(sentence.entities, sentence.shared_clauses())
        for pool in (shared, previous.entities if previous else []):
            named = [m.payload for m in pool if m.payload.country == country and m.payload.kind not in ("country", "place")]
            if named:
                return named[0]
        return self._latest_before(sentence.span.start, "organisation", country)

    def antecedent(self, sentence: Sentence, spans: list[Span]) -> Entity | None:
        """ "the bank", «фонд», "الصندوق": the latest organisation of that kind named before the sentence."""
        if not spans:
            return None
        # (the anaphors of the region the spans cover, by bisection: then the exact test on those few)
        nearby = self.anaphors().starting_in(min(s.start for s in spans), max(s.end for s in spans))
        for mention in within(nearby, spans):
            found = [self._latest_index_before(sentence.span.start, "kind", kind) for kind in mention.payload]
            found = [k for k in found if k is not None]
            if found:
                return self.entities[max(found)].payload
        return None

    def _latest_before(self, position: int, group: str, key: str) -> Entity | None:
        k = self._latest_index_before(position, group, key)
        return None if k is None else self.entities[k].payload

    def _latest_index_before(self, position: int, group: str, key: str) -> int | None:
        """The last name of a group (foreign organisations by kind, organisations by country) that ends at or
        before ``position``. Every amount asks about the names before it: an index per group and a
        bisection, not a scan of the article per question (that scan made a long text cost the square of
        its length). Names are in text order and do not overlap, so their ends are sorted too."""
        if self._groups is None:
            self._groups = self._index_groups()
        latest, ends = self._groups.get((group, key), ((), []))
        k = bisect_right(ends, position)
        return latest[k - 1] if k else None

    def _index_groups(self) -> dict[tuple[str, str], tuple[list[int], list[int]]]:
        groups: dict[tuple[str, str], tuple[list[int], list[int]]] = {}

        def add(key: tuple[str, str], k: int) -> None:
            positions, ends = groups.setdefault(key, ([], []))
            if ends and ends[-1] > self.entities[k].end:  # (names whose ends are out of order: kept sorted)
                at = bisect_right(ends, self.entities[k].end)
                positions.insert(at, k)
                ends.insert(at, self.entities[k].end)
            else:
                positions.append(k)
                ends.append(self.entities[k].end)

        for k, mention in enumerate(self.entities):
            entity = mention.payload
            if entity.kind not in ("country", "place"):
                add(("organisation", entity.country), k)
            if not entity.is_central_asian:
                add(("kind", entity.kind), k)
        # by end, the latest name in text order among those ending so far (the same list when ends are sorted)
        return {key: (list(accumulate(positions, max)), ends) for key, (positions, ends) in groups.items()}

    def object_of(self, sentence: Sentence, clause: Span) -> str | None:
        """What is bought or built, as the article writes it."""
        span = object_span(self.norm.text, sentence, clause)
        if span is None:
            return None
        start, stop = self.original(span.start, span.end)
        return self.article.text[start:stop]

    def original(self, start: int, end: int) -> tuple[int, int]:
        """A span of the normalised text as offsets of the article's own text."""
        start, end = self.norm.to_original(start, end)
        return start + self.offset, end + self.offset

    def is_headline(self, sentence: Sentence) -> bool:
        """The article's first line: a deal stated there in shorthand is better read in the body."""
        return self.offset == 0 and (self.norm.text.find("\n", 0, sentence.span.start) == -1
                                     or sentence.span.start == self._title_start > 0)

    def deal(self, span: Span, *, party: Entity, counterparty: Entity | None, **fields) -> Deal:
        """A deal whose evidence is ``span`` of the normalised text, mapped back to the article's own text.

        A value in US dollars the article does not state is converted here, at the rate of the deal's date
        (else the article's): only now is that date known."""
        start, end = self.original(span.start, span.end)
        article = self.article
        evidence = article.text[start:end]
        date = deal_date(evidence, article.date)
        if fields.get("value_usd") is None and fields.get("amount") is not None:
            fields["value_usd"] = to_usd(fields["amount"], fields["currency"], date)[0]
        if fields.get("value_usd") is not None and fields["value_usd"] > REVIEW_ABOVE_USD:
            fields["confidence"] = min(fields["confidence"], CONFIDENCE_WHEN_DOUBTFUL)  # the review says why
        return Deal(
            deal_id=make_deal_id(article.text, start, end, fields["amount"], counterparty and counterparty.name),
            source=article.source,
            party=party.name,
            party_country=party.country,
            counterparty=counterparty.name if counterparty else None,
            counterparty_country=(counterparty.country or inferred_home(self, counterparty, fields.get("currency")))
            if counterparty else None,
            date=date,
            language=article.language,
            evidence=evidence,
            start=start,
            end=end,
            **fields,
        )
