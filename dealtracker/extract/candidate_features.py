"""Language-independent features of one money mention, for a learned deal / not-a-deal layer (issue 15).

Every amount the reader finds is a *candidate*; ``candidate_features`` describes it by what the rules see
around it — which kinds of cue word stand in the amount's own words and in its sentence, which sides are
named where, counts of projects and countries, where in the article it stands, its size and currency — and
by the rules' own decision. No raw word is a feature, so a model trained on some languages applies to the
others. The function reads only the ``ArticleReader`` it is given and changes nothing. Used by the learned veto
(``deal_veto.py``) at extraction, by its trainer (``scripts/train_deal_veto.py``) and by the measurements
``bench/learned_layer.py`` and ``bench/learned_heldout.py``: a renamed feature must be retrained.
"""

from __future__ import annotations

import math
import re
from collections.abc import Callable, Collection, Iterator
from itertools import islice

from ..schema import CENTRAL_ASIA
from ..text import Span
from .aggregates import counts_many_countries, counts_many_items
from .attributes import YEAR
from .cues import DEAL_TYPE_PRIORITY
from .money import MoneyMention
from .money.mention import usd_value
from .reader import ArticleReader
from .sentence import Sentence, within
from .sides import FINANCIERS

# Cue values of data/lang/*/deal_cues.csv, by kind; a feature per (kind, value) and scope, so the vector's columns
# do not depend on the article.
CUE_VALUES: dict[str, tuple[str, ...]] = {
    "deal_type": (*DEAL_TYPE_PRIORITY, "cost", "deal", "financing"),
    "status": ("signed", "announced", "planned", "potential"),
    "non_deal": ("company", "cumulative", "macro", "own_funds", "running_total", "statistics", "trade"),
    "equipment": ("purchase",),
    "jobs": ("jobs",),
}
QUALIFIERS = ("approximately", "more than", "up to", "at least", "less than")
# The currencies of the Central Asian states themselves.
LOCAL_CURRENCIES = frozenset({"KZT", "UZS", "KGS", "TJS", "TMT"})
_BREAK = re.compile(r"\n\s*")


def candidates(reader: ArticleReader) -> Iterator[tuple[int, Sentence, MoneyMention]]:
    """(sentence index, sentence, amount) of every money mention of the article, in text order."""
    for index, sentence in enumerate(reader.sentences):
        for amount in sentence.amounts:
            yield index, sentence, amount


def _sides(mentions: list) -> dict[str, bool]:
    payloads = [m.payload for m in mentions]
    return {
        "ca": any(e.is_central_asian for e in payloads),
        "ca_org": any(e.is_central_asian and not e.is_state for e in payloads),
        "foreign_org": any(not e.is_central_asian and not e.is_state for e in payloads),
        "foreign_state": any(e.kind == "country" and e.country not in CENTRAL_ASIA for e in payloads),
        "financier": any(not e.is_central_asian and e.kind in FINANCIERS for e in payloads),
    }


def candidate_features(
    reader: ArticleReader,
    index: int,
    amount: MoneyMention,
    rule_deal: bool = False,
    rule_raw: bool = False,
    rule_confidence: float = 0.0,
    wanted: Collection[str] | None = None,
) -> dict[str, float]:
    """The features of ``amount``, which stands in ``reader.sentences[index]``.

    ``rule_deal``: the rules' final decision (a valued deal of this amount and currency survives merging);
    ``rule_raw``: the rules made a deal of this very mention before merging; ``rule_confidence``: that
    deal's confidence (0 when none). ``wanted``: the only features the caller reads (a trained model splits on
    a third of them); the costly others are then left out of the result. None: all of them (training).
    """
    want = _everything if wanted is None else wanted.__contains__
    sentence = reader.sentences[index]
    previous = reader.sentences[index - 1] if index > 0 else None
    own = sentence.region_of(amount)
    f: dict[str, float] = {}
    f.update(_cue_features(sentence, previous, own, want))
    f.update(_side_features(reader, sentence, previous, own, want))
    f.update(_place_features(reader, sentence, index, own, want))
    f.update(_amount_features(reader, sentence, amount, own, want))
    f["rule_deal"] = float(rule_deal)
    f["rule_raw"] = float(rule_raw)
    f["rule_confidence"] = float(rule_confidence)
    return f


def _everything(_: str) -> bool:
    return True


def _cue_features(sentence: Sentence, previous: Sentence | None, own: Span, want: Callable[[str], bool]
                  ) -> dict[str, float]:
    """Cue words, in the amount's own words and anywhere in the sentence (and the sentence before)."""
    whole = [sentence.span]
    f: dict[str, float] = {}
    for kind, values in CUE_VALUES.items():
        for scope, spans in (("own", [own]), ("sent", whole)):
            if not any(want(f"{scope}_{kind}_{value}") for value in (*values, "any")):
                continue
            found = {c.payload.value for c in sentence.cues_of(spans, kind)}
            for value in values:
                f[f"{scope}_{kind}_{value}"] = float(value in found)
            f[f"{scope}_{kind}_any"] = float(bool(found))
    f["sent_non_deal_sentence_scope"] = float(
        any(c.payload.scope == "sentence" for c in sentence.cues_of(whole, "non_deal"))
    )
    f["own_sector_cues"] = float(len(sentence.cues_of([own], "sector")))
    f["sent_sector_kinds"] = float(len({c.payload.value for c in sentence.cues_of(whole, "sector")}))
    f["prev_deal_type_any"] = float(bool(previous and previous.cues_of([previous.span], "deal_type")))
    f["prev_status_signed"] = float(
        bool(previous and any(c.payload.value == "signed" for c in previous.cues_of([previous.span], "status")))
    )
    return f


def _side_features(reader: ArticleReader, sentence: Sentence, previous: Sentence | None, own: Span,
                   want: Callable[[str], bool]) -> dict[str, float]:
    """Sides: the Central Asian one, foreign organisations and states, lenders."""
    f: dict[str, float] = {}
    places = [
        ("own", within(sentence.entities, [own])),
        ("sent", sentence.entities),
        ("prev", previous.entities if previous else []),
    ]
    for scope, mentions in places:
        for name, value in _sides(mentions).items():
            f[f"{scope}_{name}"] = float(value)
    if want("sent_foreign_state_as_place"):
        f["sent_foreign_state_as_place"] = float(any(
            m.payload.kind == "country" and not m.payload.is_central_asian and reader.is_location(m)
            for m in sentence.entities
        ))
    f["sent_foreign_names"] = float(len({m.payload.name for m in sentence.entities if not m.payload.is_central_asian}))
    f["article_has_party"] = float(reader.article_party is not None)
    return f


def _place_features(reader: ArticleReader, sentence: Sentence, index: int, own: Span, want: Callable[[str], bool]
                    ) -> dict[str, float]:
    """Totals over many projects or countries, and where the amount stands in the article."""
    text = reader.text
    f: dict[str, float] = {}
    if want("own_many_items"):
        f["own_many_items"] = float(counts_many_items(text, own))
    if want("sent_many_items"):
        f["sent_many_items"] = float(counts_many_items(text, sentence.span))
    if want("sent_many_countries"):
        f["sent_many_countries"] = float(counts_many_countries(text, sentence.span))
    headline = reader.is_headline(sentence)
    breaks_before = sum(1 for _ in islice(_BREAK.finditer(text, 0, sentence.span.start), 2))  # (0, 1 or "more")
    f["headline"] = float(headline)
    f["first_paragraph"] = float(not headline and breaks_before <= 1)
    f["relative_position"] = sentence.span.start / max(len(text), 1)
    f["sentence_index"] = math.log1p(index)
    return f


def _amount_features(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, own: Span,
                     want: Callable[[str], bool]) -> dict[str, float]:
    """The amount itself, its neighbours, and the years around it (a sentence of dates is often a history)."""
    text = reader.text
    f: dict[str, float] = {}
    for qualifier in QUALIFIERS:
        f[f"qualifier_{qualifier.replace(' ', '_')}"] = float(amount.qualifier == qualifier)
    f["currency_local"] = float(amount.currency in LOCAL_CURRENCIES)
    f["currency_usd"] = float(amount.currency == "USD")
    f["usd_stated"] = float(amount.usd_stated is not None)
    usd = usd_value(amount)
    f["log10_usd"] = math.log10(usd) if usd and usd > 0 else 0.0
    f["usd_unknown"] = float(not usd)
    others = [a for a in sentence.amounts if a is not amount]
    f["amounts_in_sentence"] = float(len(sentence.amounts))
    f["largest_in_sentence"] = float(bool(usd) and all((usd_value(a) or 0) <= usd for a in others))
    f["first_in_sentence"] = float(all(a.start >= amount.start for a in others))
    if want("amounts_in_article") or want("same_value_elsewhere"):
        article_amounts = [a for s in reader.sentences for a in s.amounts]
        f["amounts_in_article"] = math.log1p(len(article_amounts))
        f["same_value_elsewhere"] = float(
            sum(1 for a in article_amounts if a is not amount and a.currency == amount.currency
                and abs(a.amount - amount.amount) <= 0.005 * max(abs(amount.amount), 1e-9))
        )
    if want("years_in_sentence") or want("past_year_in_sentence"):
        years = [int(y) for y in YEAR.findall(text, sentence.span.start, sentence.span.end)]
        f["years_in_sentence"] = float(len(years))
        f["past_year_in_sentence"] = float(bool(years) and min(years) < reader.latest_year)
    f["year_in_own"] = float(YEAR.search(text, own.start, own.end) is not None)
    return f
