"""Issue 15, "consider a learned layer": does a small classifier over the rules' own view of each money
mention decide deal / not-a-deal better than the rules do?

Candidates are every amount the reader finds in each development article (``../shared/dev``). A candidate
is positive when its value matches a required valued gold deal (the gold amount times its scale in the same
currency within 0.5%, or the gold USD value within 3% of the mention's USD value, as ``evaluate`` matches);
a candidate that matches no required deal but a tolerated one (``kind: historical``, ``"ambiguous": true``
or listed under ``optional``) is left out of training and scoring. The rules say "deal" for a candidate when
``extract_deals`` returns a valued deal of that amount and currency (after merging).

Features: ``dealtracker.extract.candidate_features`` (language-independent, the rules' decision among them).
Out-of-fold scores with GroupKFold by article (a PDF twin is grouped with its text); thresholds are chosen
by an inner GroupKFold on the training folds only. Reported per language and overall, on candidates:
(a) the rules, (b) the classifier alone, (c) the rules with the classifier's veto (a rule deal is kept only
when p > t); then (c) scored as ``evaluate`` scores deals (deal-level, party country plus value); the spread
of F1 over reshuffled folds; and leave-one-language-out (train on two languages, test on the third).

Not a test. A few minutes on a shared 2-core machine (most of it reading the articles).

    python bench/learned_layer.py [--repeats 5] [--dev ../shared/dev [bench/holdout ...]]
"""

from __future__ import annotations

import argparse
import json
import math
import sys
import time
import warnings
from collections import defaultdict
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

DEV = ROOT.parent / "shared" / "dev"
LANGUAGES = ("ar", "ru", "en")
RULES_ONLY_VARIABLE = "DEALTRACKER_RULES_ONLY"  # dealtracker.extract.deal_veto's switch (absent in older code)


@dataclass
class Candidate:
    article: str
    group: str
    language: str
    amount: float
    currency: str
    features: dict[str, float]
    label: int | None  # 1 deal, 0 no deal, None tolerated (left out)
    rule: int
    gold_hits: tuple[int, ...] = ()  # the required gold deals (indexes in the record) this mention matches
    texts: tuple[str, str, str] = ("", "", "")  # its own words, its sentence, the sentence before (lexical veto)


@dataclass
class ArticleRecord:
    id: str
    language: str
    deals: list = field(default_factory=list)  # the rules' valued deals
    required: list = field(default_factory=list)
    tolerated: list = field(default_factory=list)


def _group(article_id: str) -> str:
    return article_id.removesuffix("_pdf")


def _matches(amount: float, currency: str, usd: float | None, gold: dict) -> bool:
    from dealtracker.evaluate import _gold_value

    gold_amount, gold_usd = _gold_value(gold)
    if gold_amount is None:
        return False
    if currency == gold.get("currency") and abs(amount - gold_amount) <= 0.005 * gold_amount:
        return True
    return gold_usd is not None and usd is not None and abs(usd - gold_usd) <= 0.03 * gold_usd


def read_sets(folders: list[Path]) -> tuple[list[Candidate], list[ArticleRecord]]:
    """``read_dev`` of each folder, ids prefixed by the folder's name (sets reuse ids such as ``ar_01``)."""
    rows: list[Candidate] = []
    records: list[ArticleRecord] = []
    for folder in folders:
        set_rows, set_records = read_dev(folder)
        prefix = folder.resolve().name + "/"
        for c in set_rows:
            c.article, c.group = prefix + c.article, prefix + c.group
        for r in set_records:
            r.id = prefix + r.id
        rows += set_rows
        records += set_records
    return rows, records


def read_dev(dev: Path) -> tuple[list[Candidate], list[ArticleRecord]]:
    """Candidates and records of one gold folder, read by the rules alone (the learned veto off: its input is
    the rules' decision)."""
    with rules_only():
        return _read_dev(dev)


@contextmanager
def rules_only():
    """Extraction by the rules alone inside the block (the learned veto's switch), the environment put back after."""
    import os

    from dealtracker.settings import environment_kept

    with environment_kept(RULES_ONLY_VARIABLE):
        os.environ[RULES_ONLY_VARIABLE] = "1"
        yield


def _read_dev(dev: Path) -> tuple[list[Candidate], list[ArticleRecord]]:
    from dealtracker.ingest import IngestError, read_document

    rows: list[Candidate] = []
    records: list[ArticleRecord] = []
    articles = dev / "articles"
    for line in (dev / "gold.jsonl").read_text(encoding="utf-8").splitlines():
        if not line.strip():
            continue
        gold = json.loads(line)
        path = next(iter(sorted(articles.glob(gold["id"] + ".*"))), None)
        if path is None:
            continue
        try:
            article = read_document(path.name, path.read_bytes())
        except IngestError:
            continue
        _read_one(gold["id"], gold.get("lang", "other"), article, gold, rows, records)
    return rows, records


def read_cases(folder: Path) -> tuple[list[Candidate], list[ArticleRecord]]:
    """The short cases of ``tests/cases/*.jsonl`` as gold documents, read by the rules alone: each case's
    expected deals are its required deals (amounts in units), every other amount of its text a no-deal.
    They are written from patterns, in three languages, so they teach the layer patterns rather than articles."""
    from dealtracker.ingest.article import read_text

    rows: list[Candidate] = []
    records: list[ArticleRecord] = []
    with rules_only():
        for path in sorted(folder.glob("*.jsonl")):
            for line in path.read_text(encoding="utf-8").splitlines():
                if not line.strip():
                    continue
                case = json.loads(line)
                gold = {"deals": [_case_deal(d) for d in case["deals"]]}
                article = read_text(case["text"], source=case["id"])
                _read_one("cases/" + case["id"], path.stem, article, gold, rows, records)
    return rows, records


def _case_deal(expected: dict) -> dict:
    """A case's expected deal in the shape of a gold deal (a case may allow several counterparty names)."""
    deal = {**expected, "scale": None, "value_usd": None}
    names = expected.get("counterparty")
    if isinstance(names, list):
        deal["counterparty"], deal["counterparty_aliases"] = (names[0], names[1:]) if names else (None, [])
    return deal


def _read_one(article_id: str, language: str, article, gold: dict, rows: list[Candidate],
              records: list[ArticleRecord]) -> None:
    """Adds the candidates and the record of one gold document to ``rows`` and ``records``."""
    from dealtracker.evaluate import _is_tolerated
    from dealtracker.extract.assemble import extract_deals
    from dealtracker.extract.candidate_features import candidate_features, candidates
    from dealtracker.extract.money.mention import usd_value
    from dealtracker.extract.reader import ArticleReader
    from dealtracker.extract.valued import valued_deal
    from dealtracker.models.ner import organisation_tagger

    tagger = organisation_tagger(article.language)
    deals = [d for d in extract_deals(article, tagger) if d.amount is not None]
    gold_deals = [g for g in gold.get("deals", []) if g.get("amount") is not None]
    record = ArticleRecord(
        article_id, language, deals,
        [g for g in gold_deals if not _is_tolerated(g)],
        [g for g in gold_deals if _is_tolerated(g)] + [g for g in gold.get("optional", []) if g.get("amount") is not None],
    )
    records.append(record)
    if not article.text.strip():
        return
    reader = ArticleReader(article, tagger)
    for index, sentence, amount in candidates(reader):
        previous = reader.sentences[index - 1] if index else None
        raw = valued_deal(reader, sentence, amount, previous)
        final = [d for d in deals if d.currency == amount.currency and math.isclose(d.amount, amount.amount, rel_tol=1e-9)]
        usd = usd_value(amount)
        if any(_matches(amount.amount, amount.currency, usd, g) for g in record.required):
            label = 1
        elif any(_matches(amount.amount, amount.currency, usd, g) for g in record.tolerated):
            label = None
        else:
            label = 0
        features = candidate_features(
            reader, index, amount, rule_deal=bool(final), rule_raw=raw is not None,
            rule_confidence=max((d.confidence for d in final), default=0.0),
        )
        hits = tuple(j for j, g in enumerate(record.required) if _matches(amount.amount, amount.currency, usd, g))
        own, text = sentence.region_of(amount), reader.text
        texts = (text[own.start:own.end], text[sentence.span.start:sentence.span.end],
                 text[previous.span.start:previous.span.end] if previous is not None else "")
        rows.append(Candidate(article_id, _group(article_id), language, amount.amount, amount.currency,
                              features, label, int(bool(final)), hits, texts))


# ---------------------------------------------------------------------------------------------- scoring

def prf(tp: int, fp: int, fn: int) -> tuple[float, float, float]:
    p = tp / (tp + fp) if tp + fp else 0.0
    r = tp / (tp + fn) if tp + fn else 0.0
    return p, r, (2 * p * r / (p + r) if p + r else 0.0)


def counts(pred, y) -> tuple[int, int, int]:
    tp = sum(1 for a, b in zip(pred, y) if a and b)
    fp = sum(1 for a, b in zip(pred, y) if a and not b)
    fn = sum(1 for a, b in zip(pred, y) if not a and b)
    return tp, fp, fn


def f1_of(pred, y) -> float:
    return prf(*counts(pred, y))[2]


def best_threshold(p, y, rule=None) -> float:
    """The threshold that maximises F1 of p > t (of rule AND p > t when ``rule`` is given); the lowest
    among equals, so a veto that does not help keeps every rule deal (t = 0)."""
    import numpy as np

    best, best_t = -1.0, 0.0
    for t in np.round(np.arange(0.0, 0.96, 0.05), 2):
        pred = (p > t) if rule is None else (rule.astype(bool) & (p > t))
        score = f1_of(pred, y)
        if score > best + 1e-12:
            best, best_t = score, float(t)
    return best_t


def make_models(seed: int) -> dict:
    from sklearn.ensemble import GradientBoostingClassifier
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import make_pipeline
    from sklearn.preprocessing import StandardScaler

    return {
        "logreg": lambda: make_pipeline(StandardScaler(), LogisticRegression(C=0.3, max_iter=5000)),
        "gboost": lambda: GradientBoostingClassifier(
            n_estimators=150, max_depth=2, learning_rate=0.05, subsample=0.8, random_state=seed),
    }


def fit_predict(factory, X_train, y_train, g_train, X_test, seed: int):
    """(probabilities on the test rows, classifier threshold, veto threshold), both thresholds chosen by an
    inner GroupKFold on the training rows alone."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    inner = np.zeros(len(y_train))
    splits = min(5, len(set(g_train)))
    for tr, va in GroupKFold(n_splits=splits, shuffle=True, random_state=seed + 1).split(X_train, y_train, g_train):
        model = factory().fit(X_train[tr], y_train[tr])
        inner[va] = model.predict_proba(X_train[va])[:, 1]
    rule = X_train[:, RULE_COLUMN]
    t_cls = best_threshold(inner, y_train)
    t_veto = best_threshold(inner, y_train, rule)
    model = factory().fit(X_train, y_train)
    return model.predict_proba(X_test)[:, 1], t_cls, t_veto


RULE_COLUMN = -1  # set once the feature columns are known


def out_of_fold(factory, X, y, groups, seed: int):
    import numpy as np
    from sklearn.model_selection import GroupKFold

    p = np.zeros(len(y))
    t_cls = np.zeros(len(y))
    t_veto = np.zeros(len(y))
    for tr, te in GroupKFold(n_splits=5, shuffle=True, random_state=seed).split(X, y, groups):
        p[te], t_cls[te], t_veto[te] = fit_predict(factory, X[tr], y[tr], groups[tr], X[te], seed)
    return p, t_cls, t_veto


def table(title: str, rows: list[tuple[str, dict[str, tuple[int, int, int]]]], languages) -> list[str]:
    out = [title, f"{'':24}" + "".join(f"{lang:>22}" for lang in languages),
           f"{'':24}" + "".join(f"{'P     R     F1  ':>22}" for _ in languages)]
    for name, by_language in rows:
        cells = []
        for lang in languages:
            if lang not in by_language:
                cells.append(f"{'-':>22}")
                continue
            p, r, f = prf(*by_language[lang])
            cells.append(f"{p:6.3f}{r:6.3f}{f:6.3f}".rjust(22))
        out.append(f"{name:24}" + "".join(cells))
    return out


def by_language(pred, y, langs, languages) -> dict[str, tuple[int, int, int]]:
    out = {}
    for lang in languages:
        mask = langs == lang if lang != "all" else (langs == langs)
        if mask.any():
            out[lang] = counts(pred[mask], y[mask])
    return out


def deal_level(records: list[ArticleRecord], keep) -> dict[str, tuple[int, int, int]]:
    """Deals scored as ``evaluate`` scores them; ``keep(article, deal)`` says whether a rule deal stays."""
    from dealtracker.evaluate import _match, _value_matches

    tallies: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for record in records:
        deals = [d for d in record.deals if keep(record.id, d)]
        matches = _match(deals, record.required)
        tp = len(matches)
        fp = sum(1 for i, d in enumerate(deals) if i not in matches
                 and not any(_value_matches(d, g) for g in record.tolerated + record.required))
        fn = len(record.required) - tp
        for key in (record.language, "all"):
            tallies[key][0] += tp
            tallies[key][1] += fp
            tallies[key][2] += fn
    return {k: tuple(v) for k, v in tallies.items()}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dev", type=Path, nargs="+", default=[DEV],
                        help="gold folders (gold.jsonl + articles/); several are pooled, grouped by article")
    parser.add_argument("--repeats", type=int, default=5, help="reshuffled GroupKFold runs for the F1 spread")
    args = parser.parse_args()
    missing = [d for d in args.dev if not (d / "gold.jsonl").exists() or not (d / "articles").is_dir()]
    if missing:
        print(f"skipped: no gold set at {', '.join(map(str, missing))}")
        return
    try:
        import numpy as np
        import sklearn
    except ImportError:
        print("skipped: scikit-learn is not installed (pip install -r requirements-dev.txt)")
        return
    warnings.filterwarnings("ignore")

    started = time.perf_counter()
    rows, records = read_sets(args.dev)
    read_seconds = time.perf_counter() - started
    kept = [c for c in rows if c.label is not None]
    columns = sorted(kept[0].features)
    global RULE_COLUMN
    RULE_COLUMN = columns.index("rule_deal")
    X = np.array([[c.features[k] for k in columns] for c in kept])
    y = np.array([c.label for c in kept])
    rule = np.array([c.rule for c in kept])
    groups = np.array([c.group for c in kept])
    langs = np.array([c.language for c in kept])
    languages = [*LANGUAGES, "all"]

    print(f"scikit-learn {sklearn.__version__}; {len(records)} articles ({len({_group(r.id) for r in records})} groups by text, "
          f"{len({c.group for c in rows})} with candidates, {len(rows)} candidates, {len(rows) - len(kept)} tolerated left out, {len(kept)} scored "
          f"({int(y.sum())} positive), {len(columns)} features; read in {read_seconds:.0f}s")
    for lang in LANGUAGES:
        mask = langs == lang
        print(f"  {lang}: {int(mask.sum())} candidates, {int(y[mask].sum())} positive")
    print()

    results = {}
    cand_rows = [("(a) rules", by_language(rule, y, langs, languages))]
    for name, factory in make_models(0).items():
        p, t_cls, t_veto = out_of_fold(factory, X, y, groups, seed=0)
        results[name] = (p, t_cls, t_veto)
        cls = p > t_cls
        veto = rule.astype(bool) & (p > t_veto)
        cand_rows.append((f"(b) {name}", by_language(cls, y, langs, languages)))
        cand_rows.append((f"(c) rules+{name} veto", by_language(veto, y, langs, languages)))
    print("\n".join(table("Candidates, out-of-fold (GroupKFold by article, 5 folds, seed 0)", cand_rows, languages)))
    for name, (p, t_cls, t_veto) in results.items():
        print(f"  {name}: thresholds chosen in the training folds: classifier "
              f"{sorted({float(t) for t in np.round(t_cls, 2)})}, veto {sorted({float(t) for t in np.round(t_veto, 2)})}")
    print()
    print("Paired bootstrap over article groups (2000 draws), F1 difference to the rules, candidates, all languages:")
    unique = np.array(sorted(set(groups)))
    members = {g: np.flatnonzero(groups == g) for g in unique}
    rng = np.random.default_rng(0)
    draws = [np.concatenate([members[g] for g in rng.choice(unique, len(unique))]) for _ in range(2000)]
    for name, (p, t_cls, t_veto) in results.items():
        for label, pred in ((f"(b) {name}", p > t_cls), (f"(c) rules+{name} veto", rule.astype(bool) & (p > t_veto))):
            diffs = np.array([f1_of(pred[d], y[d]) - f1_of(rule[d], y[d]) for d in draws])
            print(f"  {label:24} {f1_of(pred, y) - f1_of(rule, y):+.3f}  95% [{np.quantile(diffs, 0.025):+.3f}, "
                  f"{np.quantile(diffs, 0.975):+.3f}]  P(diff <= 0) {float(np.mean(diffs <= 0)):.2f}")
    print()
    from dealtracker.evaluate import _match

    missed = {}
    for record in records:
        found = set(_match(record.deals, record.required).values())
        missed[record.id] = {j for j in range(len(record.required)) if j not in found}
    print("Positive mentions the rules leave out (rule_deal 0), and how many of them are gold deals the rules'")
    print("output misses altogether (the rest restate a deal the rules keep under another mention or currency):")
    left_out = [k for k in range(len(kept)) if y[k] and not rule[k]]
    new = [k for k in left_out if set(kept[k].gold_hits) & missed[kept[k].article]]
    print(f"  {len(left_out)} left out, {len(new)} of them a missed gold deal")
    for name, (p, t_cls, _t_veto) in results.items():
        rescued = [k for k in left_out if p[k] > t_cls[k]]
        print(f"  (b) {name} says deal to {len(rescued)} of them, {len([k for k in rescued if k in new])} a missed gold deal; "
              f"and to {int(((p > t_cls) & ~rule.astype(bool) & (y == 0)).sum())} negatives the rules reject")
    print()
    p = results["logreg"][0]
    t_cls = results["logreg"][1]
    print("Where (b) logreg and the rules disagree (out-of-fold):")
    for k in np.flatnonzero((p > t_cls) != rule.astype(bool)):
        c = kept[k]
        print(f"  {c.article:12} {c.amount:>16,.0f} {c.currency}  gold {'deal' if y[k] else 'no  '}  rules {'deal' if rule[k] else 'no  '}"
              f"  p {p[k]:.2f} (t {t_cls[k]:.2f})  new {int(k in new)}  rule_raw {int(c.features['rule_raw'])}  headline {int(c.features['headline'])}")
    print()

    # Deal level: the rules' deals, each vetoed by the out-of-fold p of its own mentions.
    index = defaultdict(list)
    for c, k in zip(kept, range(len(kept))):
        index[(c.article, c.currency, round(c.amount, 6))].append(k)
    deal_rows = [("(a) rules", deal_level(records, lambda a, d: True))]
    for name, (p, _t_cls, t_veto) in results.items():
        def keep(article, deal, p=p, t_veto=t_veto):
            ks = index.get((article, deal.currency, round(deal.amount, 6)))
            if not ks:  # only tolerated mentions: the layer never saw it, the rules stand
                return True
            return any(p[k] > t_veto[k] for k in ks)
        deal_rows.append((f"(c) rules+{name} veto", deal_level(records, keep)))
    print("\n".join(table("Deals, as `evaluate` scores them (party country + value), out-of-fold veto", deal_rows, languages)))
    print()

    # Spread over reshuffled folds.
    print(f"F1 over {args.repeats} reshuffled GroupKFold runs (all languages, candidates): mean ± sd [min, max]")
    print(f"  (a) rules                {f1_of(rule, y):.3f}")
    for name, factory in make_models(0).items():
        cls_f1, veto_f1 = [], []
        for seed in range(args.repeats):
            p, t_cls, t_veto = out_of_fold(make_models(seed)[name], X, y, groups, seed=seed)
            cls_f1.append(f1_of(p > t_cls, y))
            veto_f1.append(f1_of(rule.astype(bool) & (p > t_veto), y))
        for label, values in ((f"(b) {name}", cls_f1), (f"(c) rules+{name} veto", veto_f1)):
            print(f"  {label:24} {np.mean(values):.3f} ± {np.std(values):.3f} [{min(values):.3f}, {max(values):.3f}]")
    print()

    # Leave one language out.
    lolo_rows = [("(a) rules", {lang: counts(rule[langs == lang], y[langs == lang]) for lang in LANGUAGES})]
    for name, factory in make_models(0).items():
        cls_cells, veto_cells = {}, {}
        for lang in LANGUAGES:
            test = langs == lang
            p, t_cls, t_veto = fit_predict(factory, X[~test], y[~test], groups[~test], X[test], seed=0)
            cls_cells[lang] = counts(p > t_cls, y[test])
            veto_cells[lang] = counts(rule[test].astype(bool) & (p > t_veto), y[test])
        lolo_rows.append((f"(b) {name}", cls_cells))
        lolo_rows.append((f"(c) rules+{name} veto", veto_cells))
    print("\n".join(table("Leave one language out (train on the other two, test on the column's language)",
                          lolo_rows, list(LANGUAGES))))
    print()

    # What the linear model leans on, fitted on everything (for reading, not for scoring).
    model = make_models(0)["logreg"]().fit(X, y)
    weights = model[-1].coef_[0]
    order = np.argsort(-np.abs(weights))[:15]
    print("logreg, fitted on all candidates: largest standardised weights")
    for k in order:
        print(f"  {columns[k]:32} {weights[k]:+.2f}")
    print(f"\n{time.perf_counter() - started:.0f}s in all")


if __name__ == "__main__":
    main()
