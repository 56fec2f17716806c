"""Score the engine against a gold file of deals (the shared development set's format).

Valued deals match on the Central Asian country plus value within 3% in USD (or the same amount and
currency). Gold deals marked ``kind: historical`` are neither required nor penalised, nor are the mentions
listed as ``optional``. Reported: precision, recall and F1 per language, and on matched deals the accuracy
of counterparty country, counterparty, sector and deal type.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from .extract.assemble import extract_deals
from .models.ner import organisation_tagger
from .gazetteer import find_entities
from .ingest import IngestError, read_document
from .schema import Deal
from .text import NormalisedText

SCALES = {None: 1.0, "": 1.0, "thousand": 1e3, "million": 1e6, "billion": 1e9, "trillion": 1e12}


@dataclass
class Tally:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    unvalued_found: int = 0
    unvalued_total: int = 0
    fields: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0]))

    def add_field(self, name: str, ok: bool) -> None:
        self.fields[name][0] += int(ok)
        self.fields[name][1] += 1

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0


def _as_list(value) -> list:
    if value is None:
        return []
    return value if isinstance(value, list) else [value]


def _gold_value(gold: dict) -> tuple[float | None, float | None]:
    if gold.get("amount") is None:
        return None, None
    amount = float(gold["amount"]) * SCALES.get(gold.get("scale"), 1.0)
    return amount, gold.get("value_usd")


def _value_matches(deal: Deal, gold: dict) -> bool:
    amount, usd = _gold_value(gold)
    if amount is None or deal.amount is None:
        return False
    if deal.currency == gold.get("currency") and abs(deal.amount - amount) <= 0.005 * amount:
        return True
    return usd is not None and deal.value_usd is not None and abs(deal.value_usd - usd) <= 0.03 * usd


def _country_matches(deal: Deal, gold: dict) -> bool:
    return deal.party_country in _as_list(gold.get("party_country"))


def _counterparty_matches(deal: Deal, gold: dict) -> bool:
    if deal.counterparty is None:
        return gold.get("counterparty") is None
    names = [gold.get("counterparty") or "", *gold.get("counterparty_aliases", [])]
    for name in names:
        if name.casefold() == deal.counterparty.casefold():
            return True
        norm = NormalisedText.of(name).text
        if any(m.payload.name == deal.counterparty for m in find_entities(norm)):
            return True
    return False


def evaluate(gold_path: Path, articles_dir: Path, log: list[str] | None = None) -> dict[str, Tally]:
    """Tallies per language plus 'all'; each miss and false deal is appended to ``log`` when given."""
    tallies: dict[str, Tally] = defaultdict(Tally)
    note = log.append if log is not None else (lambda line: None)
    for line in gold_path.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        record = json.loads(line)
        path = next(iter(sorted(articles_dir.glob(record["id"] + ".*"))), None)
        if path is None:
            continue
        try:
            article = read_document(path.name, path.read_bytes())
            deals = extract_deals(article, organisation_tagger(article.language))
        except IngestError:
            deals = []
        language = record.get("lang", "other")
        valued = [d for d in deals if d.amount is not None]
        required = [g for g in record["deals"] if g.get("amount") is not None and g.get("kind") != "historical"]
        tolerated = [g for g in record["deals"] if g.get("amount") is not None and g.get("kind") == "historical"]
        unmatched = list(required)
        for deal in valued:
            gold = next((g for g in unmatched if _country_matches(deal, g) and _value_matches(deal, g)), None)
            for tally in (tallies[language], tallies["all"]):
                if gold is not None:
                    tally.tp += 1
                    tally.add_field("counterparty_country", deal.counterparty_country in _as_list(gold.get("counterparty_country")))
                    tally.add_field("counterparty", _counterparty_matches(deal, gold))
                    tally.add_field("sector", deal.sector in _as_list(gold.get("sector")))
                    tally.add_field("deal_type", deal.deal_type == gold.get("deal_type"))
                elif not any(_value_matches(deal, g) for g in tolerated + required):
                    tally.fp += 1
            if gold is not None:
                unmatched.remove(gold)
                wrong = [
                    f"{name} {getattr(deal, name)!r} (gold {gold.get(name)!r})"
                    for name, ok in (
                        ("counterparty", _counterparty_matches(deal, gold)),
                        ("counterparty_country", deal.counterparty_country in _as_list(gold.get("counterparty_country"))),
                        ("sector", deal.sector in _as_list(gold.get("sector"))),
                        ("deal_type", deal.deal_type == gold.get("deal_type")),
                    )
                    if not ok
                ]
                if wrong:
                    note(f"WRONG {record['id']}: {deal.amount:g} {deal.currency}: " + "; ".join(wrong))
            elif not any(_value_matches(deal, g) for g in tolerated + required):
                note(f"FALSE {record['id']}: {deal.party_country} × {deal.counterparty} {deal.amount:g} {deal.currency} | {deal.evidence}")
        for gold in unmatched:
            note(f"MISS  {record['id']}: {gold.get('party_country')} × {gold.get('counterparty')} "
                 f"{gold.get('amount')} {gold.get('scale') or ''} {gold.get('currency')} | {gold.get('evidence')}")
        for tally in (tallies[language], tallies["all"]):
            tally.fn += len(unmatched)
        unvalued_gold = [g for g in record["deals"] if g.get("amount") is None and g.get("kind") != "historical"]
        unvalued = [d for d in deals if d.amount is None]
        for gold in unvalued_gold:
            found = any(_country_matches(d, gold) and _counterparty_matches(d, gold) for d in unvalued)
            for tally in (tallies[language], tallies["all"]):
                tally.unvalued_total += 1
                tally.unvalued_found += int(found)
            if not found:
                note(f"MISS  {record['id']} (no value): {gold.get('party_country')} × {gold.get('counterparty')} | {gold.get('evidence')}")
    return dict(tallies)


def format_report(tallies: dict[str, Tally]) -> str:
    lines = ["valued deals    P      R      F1     tp  fp  fn"]
    for language in sorted(k for k in tallies if k != "all") + ["all"]:
        if language not in tallies:
            continue
        t = tallies[language]
        lines.append(f"{language:<12} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}  {t.tp:3d} {t.fp:3d} {t.fn:3d}")
    overall = tallies.get("all")
    if overall is not None:
        if overall.unvalued_total:
            lines.append(
                f"deals without a value found: {overall.unvalued_found}/{overall.unvalued_total} "
                f"({overall.unvalued_found / overall.unvalued_total:.0%})"
            )
        lines.append(
            "accuracy on matched deals: "
            + ", ".join(f"{name} {ok}/{n} ({ok / n:.2f})" for name, (ok, n) in sorted(overall.fields.items()))
        )
    return "\n".join(lines)
