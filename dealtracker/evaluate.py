"""Score the engine against a gold file of deals (the shared development set's format).

Valued deals match on the Central Asian country plus value within 3% in USD (or the same amount and
currency). Gold deals marked ``kind: historical`` or ``"ambiguous": true`` are neither required nor
penalised, nor are the mentions listed under a record's ``optional``: an extracted deal matching one of
them (by value, or, for a mention given only by its sentence, by that sentence) is neither a true nor a false
positive. Extracted deals are matched to the required gold first (a
maximum matching, so a deal that could also match a tolerated gold deal never takes a required one away
from another deal). Reported: precision, recall and F1 per language, a strict F1 (matched, and the
counterparty country and sector right as well — the party country is part of the match), and on
matched deals the accuracy of counterparty country, counterparty, sector and deal type.
Deals without a value are scored by recall only: the required unvalued gold deals found.
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
    strict_tp: int = 0
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
        return _f1(self.precision, self.recall)

    @property
    def strict_precision(self) -> float:
        """Strictly right deals (matched, counterparty country and sector right) over the deals counted."""
        return self.strict_tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def strict_recall(self) -> float:
        return self.strict_tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def strict_f1(self) -> float:
        return _f1(self.strict_precision, self.strict_recall)


def _f1(p: float, r: float) -> float:
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


def _tells_the_mention(deal: Deal, mention: dict) -> bool:
    """Whether ``deal`` comes from an optional mention written with its sentence but no amount (annotators list a
    package's title over its parts that way): its evidence and the mention's hold one another, at its country."""
    told = " ".join((mention.get("evidence") or "").split())
    evidence = " ".join((deal.evidence or "").split())
    country = mention.get("party_country")
    return bool(told and evidence) and (told in evidence or evidence in told) and (
        country is None or _country_matches(deal, mention))


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


def _in_gold(value, gold_value) -> bool:
    """A deal's field against a gold field that may be one value, a list of acceptable ones, or null."""
    if gold_value is None:
        return value is None
    return value in _as_list(gold_value)


def _field_checks(deal: Deal, gold: dict) -> dict[str, bool]:
    return {
        "counterparty": _counterparty_matches(deal, gold),
        "counterparty_country": _in_gold(deal.counterparty_country, gold.get("counterparty_country")),
        "sector": _in_gold(deal.sector, gold.get("sector")),
        "deal_type": deal.deal_type == gold.get("deal_type"),
    }


def _strictly_right(deal: Deal, gold: dict, checks: dict[str, bool]) -> bool:
    """Value (the match), both countries and the sector all right."""
    return _country_matches(deal, gold) and checks["counterparty_country"] and checks["sector"]


def _is_tolerated(gold: dict) -> bool:
    """Neither required nor penalised: past or cumulative figures, and deals defensible either way."""
    return gold.get("kind") == "historical" or bool(gold.get("ambiguous"))


def _match(deals: list[Deal], golds: list[dict]) -> dict[int, int]:
    """Deal index -> gold index for as many pairs as possible (country plus value); among a deal's
    candidates the gold whose counterparty agrees and whose value is nearest is tried first."""

    def preference(deal: Deal, gold: dict) -> tuple:
        amount, usd = _gold_value(gold)
        if deal.value_usd is not None and usd:
            gap = abs(deal.value_usd - usd) / usd
        else:
            gap = abs((deal.amount or 0) - amount) / amount if amount else 0.0
        return (not _counterparty_matches(deal, gold), gap)

    candidates = [
        sorted(
            (j for j, gold in enumerate(golds) if _country_matches(deal, gold) and _value_matches(deal, gold)),
            key=lambda j, deal=deal: preference(deal, golds[j]),
        )
        for deal in deals
    ]
    owner: dict[int, int] = {}  # gold index -> deal index

    def augment(i: int, seen: set[int]) -> bool:
        for j in candidates[i]:
            if j in seen:
                continue
            seen.add(j)
            if j not in owner or augment(owner[j], seen):
                owner[j] = i
                return True
        return False

    for i in range(len(deals)):
        augment(i, set())
    return {i: j for j, i in owner.items()}


def _describe(gold: dict) -> str:
    return (f"{gold.get('party_country')} × {gold.get('counterparty')} "
            f"{gold.get('amount')} {gold.get('scale') or ''} {gold.get('currency')} | {gold.get('evidence')}")


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
        counted = (tallies[language], tallies["all"])
        valued = [d for d in deals if d.amount is not None]
        gold_deals = record.get("deals", [])
        required = [g for g in gold_deals if g.get("amount") is not None and not _is_tolerated(g)]
        tolerated = [g for g in gold_deals if g.get("amount") is not None and _is_tolerated(g)]
        tolerated += [g for g in record.get("optional", []) if g.get("amount") is not None]
        matches = _match(valued, required)
        for index, deal in enumerate(valued):
            if index in matches:
                gold = required[matches[index]]
                checks = _field_checks(deal, gold)
                strict = _strictly_right(deal, gold, checks)
                for tally in counted:
                    tally.tp += 1
                    tally.strict_tp += int(strict)
                    for name, ok in checks.items():
                        tally.add_field(name, ok)
                wrong = [f"{name} {getattr(deal, name)!r} (gold {gold.get(name)!r})" for name, ok in checks.items() if not ok]
                if wrong:
                    note(f"WRONG {record['id']}: {deal.amount:g} {deal.currency}: " + "; ".join(wrong))
            elif not any(_value_matches(deal, g) for g in tolerated + required) and not any(
                    _tells_the_mention(deal, g) for g in record.get("optional", []) if g.get("amount") is None):
                for tally in counted:
                    tally.fp += 1
                note(f"FALSE {record['id']}: {deal.party_country} × {deal.counterparty} {deal.amount:g} {deal.currency} | {deal.evidence}")
        matched = set(matches.values())
        for j, gold in enumerate(required):
            if j not in matched:
                for tally in counted:
                    tally.fn += 1
                note(f"MISS  {record['id']}: " + _describe(gold))
        unvalued_gold = [g for g in gold_deals if g.get("amount") is None and not _is_tolerated(g)]
        unvalued = [d for d in deals if d.amount is None]
        for gold in unvalued_gold:
            found = any(_country_matches(d, gold) and _counterparty_matches(d, gold) for d in unvalued)
            for tally in counted:
                tally.unvalued_total += 1
                tally.unvalued_found += int(found)
            if not found:
                note(f"MISS  {record['id']} (no value): {gold.get('party_country')} × {gold.get('counterparty')} | {gold.get('evidence')}")
    return dict(tallies)


def _accuracy(fields: dict[str, list[int]]) -> str:
    return ", ".join(f"{name} {ok}/{n} ({ok / n:.2f})" for name, (ok, n) in sorted(fields.items()))


def format_report(tallies: dict[str, Tally], verbose: bool = False) -> str:
    """The table (one row per language, then 'all'; the strict F1 last), the unvalued recall and the field
    accuracy on matched deals; ``verbose`` adds that accuracy per language."""
    lines = ["valued deals    P      R      F1     tp  fp  fn  strictF1"]
    languages = [k for k in sorted(k for k in tallies if k != "all") + ["all"] if k in tallies]
    for language in languages:
        t = tallies[language]
        lines.append(
            f"{language:<12} {t.precision:6.3f} {t.recall:6.3f} {t.f1:6.3f}  {t.tp:3d} {t.fp:3d} {t.fn:3d}"
            f"  {t.strict_f1:6.3f}"
        )
    overall = tallies.get("all")
    if overall is not None:
        if overall.unvalued_total:
            lines.append(
                f"deals without a value found: {overall.unvalued_found}/{overall.unvalued_total} "
                f"({overall.unvalued_found / overall.unvalued_total:.0%})"
            )
        lines.append("accuracy on matched deals: " + _accuracy(overall.fields))
    if verbose:
        lines.append("strict: matched with counterparty_country and sector right (party_country is part of the match)")
        for language in languages:
            t = tallies[language]
            lines.append(
                f"  {language:<5} strict tp {t.strict_tp}/{t.tp}  P {t.strict_precision:.3f}  R {t.strict_recall:.3f}"
                + (f"  accuracy: {_accuracy(t.fields)}" if t.fields else "")
            )
    return "\n".join(lines)
