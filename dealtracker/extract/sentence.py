"""A sentence read clause by clause: which words belong to which amount.

A sentence is cut into clauses (commas, Arabic commas, semicolons, dashes). A clause that holds an amount
*owns* that amount; clauses without an amount are *shared* by every amount of the sentence. This is what
keeps "a potential $100 bn package, including an $8 bn Boeing purchase" as two deals with their own status
and sector.
"""

from __future__ import annotations

from bisect import bisect_left
from dataclasses import dataclass, field
from functools import lru_cache
from operator import le

from ..gazetteer import Entity
from ..terms import TermMatch
from ..text import Span, split_clauses
from .asides import without_asides
from .cues import Cue
from .lexicon import compiled
from .money import MoneyMention


@lru_cache(maxsize=1)
def _conjunction():
    """ "and", «и», "و" between two amounts: where the first amount's words end (the Arabic "و" also as a
    prefix of the next word)."""
    return compiled(r"\s{conjunction}(?=\s)|\s\u0648(?=\w)")


@lru_cache(maxsize=1)
def _opens_relative():
    """ "whose", "which", «который», «الذي» (``relative_word``): a clause that opens on a relative word."""
    return compiled(r"[\s,]*{relative_word}(?!\w)")


@dataclass(slots=True)
class Sentence:
    text: str
    span: Span
    amounts: list[MoneyMention] = field(default_factory=list)
    entities: list[TermMatch[Entity]] = field(default_factory=list)
    cues: list[TermMatch[Cue]] = field(default_factory=list)
    _clauses: list[Span] | None = field(default=None, repr=False)
    _memo: dict = field(default_factory=dict, repr=False)
    _cues_by_kind: dict[str, tuple[list[TermMatch[Cue]], list[int] | None]] | None = field(default=None, repr=False)

    def with_antecedent(self, region: Span) -> Span:
        """The region, reaching back over the clause before when it opens on a relative word: "the Noor project in
        Cairo, whose investment exceeds EGP 500 billion", «سوق التجارة الإلكترونية، الذي تقدر قيمته بنحو 1.5
        مليار»: what the relative clause speaks of is named in the clause it hangs on."""
        if region.start <= self.span.start or _opens_relative().match(self.text, region.start) is None:
            return region
        before = [c for c in self.clauses if c.end <= region.start]
        return Span(before[-1].start if before else self.span.start, region.end)

    @property
    def tabulated(self) -> bool:
        """A table's row (cells cut by tabs): its sides are cells, and the document's subject is its other side."""
        return "\t" in self.text[self.span.start:self.span.end]

    @property
    def clauses(self) -> list[Span]:
        """The sentence's clauses, cut when first asked for: only sentences with an amount or a signing are
        ever read clause by clause, and most sentences have neither."""
        if self._clauses is None:
            self._clauses = without_asides(self.text, split_clauses(self.text, self.span))
        return self._clauses

    def clause_of(self, position: int) -> Span:
        for clause in self.clauses:
            if clause.start <= position < clause.end:
                return clause
        return self.span

    def region_of(self, amount: MoneyMention) -> Span:
        """The amount's own words: its clause, narrowed to the stretch between its neighbours when the
        clause holds several amounts ("$300 million with the ADB for roads and €150 million with the EIB …").
        (Asked for by several rules per amount: remembered.)"""
        key = ("region", amount.start, amount.end)
        found = self._memo.get(key)  # (``remembered`` inline: asked about a dozen times per amount)
        if found is None:
            found = self._memo[key] = self._region_of(amount)
        return found

    def _region_of(self, amount: MoneyMention) -> Span:
        clause = self.clause_of(amount.number_start)
        inside = sorted((a for a in self.amounts if clause.start <= a.number_start < clause.end), key=lambda a: a.start)
        if len(inside) < 2 or not any(a is amount for a in inside):
            # (an amount whose number lies past the sentence's end: a window of a text without full stops
            # cut between "USD" and "87.45")
            return clause
        i = next(k for k, a in enumerate(inside) if a is amount)
        start = clause.start if i == 0 else self._split(inside[i - 1].end, amount.start)
        end = clause.end if i == len(inside) - 1 else self._split(amount.end, inside[i + 1].start)
        return Span(start, end)

    def _split(self, left: int, right: int) -> int:
        """Where the words of one amount end and the next amount's begin: at the last "and"/«и»/"و" between
        them, else halfway."""
        cut = None
        # (one character past ``right``: the Arabic "و" is joined to the next amount, "و3 ملايين", and the
        # look-ahead after it must see that amount's first digit)
        for m in _conjunction().finditer(self.text, left, min(len(self.text), right + 1)):
            if m.start() < right:
                cut = m.start()
        return cut if cut is not None else (left + right) // 2

    def _owned_clauses(self) -> set[Span]:
        """The clauses that hold an amount."""
        return self.remembered("owned clauses", lambda: {self.clause_of(a.number_start) for a in self.amounts})

    def shared_clauses(self) -> list[Span]:
        owned = self._owned_clauses()
        return [c for c in self.clauses if c not in owned]

    def lead_in(self, amount: MoneyMention) -> tuple[Span | None, list[Span]]:
        """The shared clause that introduces this amount, and the shared clauses free for any amount.

        In a list ("… from the Islamic Development Bank, which provides $70 million, the OPEC Fund, with $30
        million, and the Saudi Fund, with $25 million") a clause without an amount that stands right before
        an amount's clause introduces that amount: its names belong to that amount, not to its neighbours.
        """
        clauses = self.clauses
        owned = self._owned_clauses()
        # clauses of amounts that are no deal ("…, whose portfolio exceeds $16 billion, signed …") introduce
        # no rival deal: the subject before them is free for the sentence's deal
        rivals = self.remembered("deal clauses", lambda: {
            self.clause_of(a.number_start) for a in self.amounts if not self.cues_of([self.region_of(a)], "non_deal")
        })
        mine = self.clause_of(amount.number_start)
        lead, free = None, []
        for k, clause in enumerate(clauses):
            if clause in owned:
                continue
            following = clauses[k + 1] if k + 1 < len(clauses) else None
            if following == mine:
                lead = clause
            elif following not in rivals or len(rivals | {mine}) == 1:
                free.append(clause)
        return lead, free

    def cues_of(self, spans: list[Span], kind: str) -> list[TermMatch[Cue]]:
        """This sentence's cues of one kind inside the given spans (the cues are sorted by kind once: the deal
        rules ask for one kind in one span dozens of times per amount). For one span, the cues in text order
        are cut out by bisection on their starts: the same list as ``within``, without a Python step per cue."""
        by_kind = self._cues_by_kind
        if by_kind is None:
            by_kind = self._cues_by_kind = self._sort_cues()
        found = by_kind.get(kind)
        if not found:
            return []
        cues, starts = found
        if len(spans) == 1 and starts is not None:
            span = spans[0]
            return cues[bisect_left(starts, span.start):bisect_left(starts, span.end)]
        return within(cues, spans)

    def _sort_cues(self) -> dict[str, tuple[list[TermMatch[Cue]], list[int] | None]]:
        """The cues by kind, each with their starts when they are in text order (None when not)."""
        by_kind: dict[str, list[TermMatch[Cue]]] = {}
        for cue in self.cues:
            by_kind.setdefault(cue.payload.kind, []).append(cue)
        sorted_by_kind = {}
        for kind, cues in by_kind.items():
            starts = [c.start for c in cues]
            sorted_by_kind[kind] = (cues, starts if all(map(le, starts, starts[1:])) else None)
        return sorted_by_kind

    def remembered(self, key, compute):
        """A fact about the whole sentence, computed once however many of its amounts ask."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]


def within(items: list, spans: list[Span]) -> list:
    """The items that start inside one of the spans."""
    if len(spans) == 1:  # the usual case, without a generator per item
        start, end = spans[0].start, spans[0].end
        return [i for i in items if start <= i.start < end]
    return [i for i in items if any(s.start <= i.start < s.end for s in spans)]


def nearest(items: list, position: int) -> list:
    """The items sorted by distance from a position, nearest first."""
    return sorted(items, key=lambda i: abs(i.start - position))
