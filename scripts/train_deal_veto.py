"""Train the learned veto on the rules' valued deals and write ``data/models/deal_veto.json`` (issue 15).

Candidates are the money mentions of every gold document in the given folders and of the short cases of
``tests/cases`` (patterns written in three languages), read by the rules alone and labelled against the gold as
``bench/learned_layer.py`` does (that bench reports the layer's grouped
cross-validation; ``bench/learned_heldout.py`` its score on a set it was not trained on). The model is
scikit-learn's gradient boosting with the bench's settings; the veto threshold is the one with the best deal F1
(as ``evaluate`` scores deals) out of fold, in GroupKFold runs by article on the news documents, by the
one-standard-error rule, among the thresholds that keep every deal the cases assert. The trees are written as plain JSON arrays that
``dealtracker.extract.deal_veto`` evaluates in pure Python, so the engine needs neither scikit-learn nor
numpy; this script checks that both give the same probabilities before it writes the file.

Needs the development requirements (scikit-learn) and the gold folders:

    python scripts/train_deal_veto.py ../shared/dev bench/holdout bench/holdout2 ... [--cases tests/cases] [--out ...]
"""

from __future__ import annotations

import argparse
import json
import math
import statistics
import sys
import warnings
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))  # the candidate reading and the model settings are the bench's

import learned_layer as layer  # noqa: E402

from dealtracker.extract.deal_veto import DealVeto, model_path  # noqa: E402


# Features that grow with the document: the gold sets are news articles of up to a few thousand words, so a
# model would learn "many amounts, far down" from them and then veto the deals of a long report or of many
# articles pasted as one, which it has never seen. Left out, the model judges a mention by its surroundings.
LEFT_OUT = ("amounts_in_article", "sentence_index", "same_value_elsewhere")
# The short cases are asserted behaviour, each one pattern: they weigh more than one news mention, so the model
# fits them and the threshold cap below (no case deal vetoed) does not have to sink the threshold for one of them.
CASE_WEIGHT = 3.0
FOLD_SEEDS = 5  # reshuffled GroupKFold runs whose deal-F1 curves are averaged to choose the threshold


def tree_json(tree) -> dict:
    """One fitted scikit-learn regression tree as arrays (leaf values of a one-output regressor)."""
    inner = tree.tree_
    return {
        "feature": [int(f) for f in inner.feature],
        "threshold": [float(t) for t in inner.threshold],
        "left": [int(c) for c in inner.children_left],
        "right": [int(c) for c in inner.children_right],
        "value": [float(v[0][0]) for v in inner.value],
    }


def deal_f1_by_threshold(kept, records, p) -> dict[float, dict[str, float]]:
    """Deal F1 as ``evaluate`` scores it (all languages pooled) for each veto threshold t, given out-of-fold
    probabilities ``p``: a deal the rules made stays when any mention of its amount has p above t. The
    threshold chosen is the best on average, the lowest among equals, so that a veto that does not help keeps
    every rule deal."""
    index: dict[tuple, list[int]] = {}
    for k, c in enumerate(kept):
        index.setdefault((c.article, c.currency, round(c.amount, 6)), []).append(k)
    scores = {}
    for t in [round(0.05 * i, 2) for i in range(20)]:
        def keep(article, deal, t=t):
            ks = index.get((article, deal.currency, round(deal.amount, 6)))
            return not ks or any(p[k] > t for k in ks)

        scores[t] = {language: layer.prf(*tally)[2] for language, tally in layer.deal_level(records, keep).items()}
    return scores


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("sets", type=Path, nargs="+", help="gold folders of news documents (gold.jsonl + articles/)")
    parser.add_argument("--cases", type=Path, default=ROOT / "tests" / "cases",
                        help="short cases added to every training fold, never scored ('' for none)")
    parser.add_argument("--out", type=Path, default=model_path())
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    import numpy as np
    import sklearn

    warnings.filterwarnings("ignore")
    rows, records = layer.read_sets(args.sets)
    case_rows, case_records = layer.read_cases(args.cases) if str(args.cases) not in ("", ".") else ([], [])
    news = [c for c in rows if c.label is not None]
    cases = [c for c in case_rows if c.label is not None]
    columns = sorted({k for c in news for k in c.features} - set(LEFT_OUT))

    def matrix(candidates):
        return (np.array([[c.features.get(k, 0.0) for k in columns] for c in candidates]).reshape(-1, len(columns)),
                np.array([c.label for c in candidates]))

    X, y = matrix(news)
    X_cases, y_cases = matrix(cases)
    groups = np.array([c.group for c in news])
    X_all, y_all = np.vstack([X, X_cases]), np.concatenate([y, y_cases])
    weights = np.concatenate([np.ones(len(y)), np.full(len(y_cases), CASE_WEIGHT)])
    model = layer.make_models(args.seed)["gboost"]().fit(X_all, y_all, sample_weight=weights)
    # The cases assert deals the rules were written to make: no threshold may veto one of them.
    kept_cases = model.predict_proba(X_cases)[y_cases == 1, 1]
    ceiling = float(kept_cases.min()) if len(kept_cases) else 1.0
    threshold, mean, report = choose_threshold(news, records, X, y, groups, X_cases, y_cases, args.seed, ceiling)

    data = {
        "about": "Learned veto on the rules' valued deals; written by scripts/train_deal_veto.py, read by "
                 "dealtracker/extract/deal_veto.py. Gradient boosting (log-odds = init + learning_rate * sum of trees).",
        "trained_on": {
            "sets": [s.resolve().name for s in args.sets],
            "documents": len(records),
            "cases": len(case_records),
            "candidates": len(y_all),
            "positive": int(y_all.sum()),
            "scikit_learn": sklearn.__version__,
            "params": {k: v for k, v in model.get_params().items() if k in
                       ("n_estimators", "max_depth", "learning_rate", "subsample", "random_state")},
        },
        "out_of_fold_deal_f1": report,
        "features": columns,
        "init": float(model._raw_predict_init(X_all[:1])[0, 0]),
        "learning_rate": float(model.learning_rate),
        "veto_threshold": float(threshold),
        "trees": [tree_json(t[0]) for t in model.estimators_],
    }
    veto = DealVeto.from_json(data)
    ours = np.array([veto.probability(dict(zip(columns, row))) for row in X_all])
    gap = float(np.max(np.abs(ours - model.predict_proba(X_all)[:, 1])))
    if gap > 1e-9:
        raise SystemExit(f"the JSON trees disagree with scikit-learn by {gap:.2e}; not written")
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(data, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(records)} documents and {len(case_records)} cases, {len(y_all)} candidates ({int(y_all.sum())} positive), "
          f"{len(columns)} features; JSON and scikit-learn agree within {gap:.1e}; wrote {args.out}")
    print(f"veto threshold {threshold:.2f}: out-of-fold deal F1 on the news documents (GroupKFold by article, "
          f"mean of {FOLD_SEEDS} reshuffled runs) {mean[threshold]:.4f} against {mean[0.0]:.4f} for the rules alone")
    for language, (rules_f1, veto_f1) in report.items():
        print(f"  {language:4} rules {rules_f1:.3f}  rules + veto {veto_f1:.3f}")


def choose_threshold(news, records, X, y, groups, X_cases, y_cases, seed: int, ceiling: float = 1.0):
    """The veto threshold by the mean out-of-fold deal F1 on the news documents (the lowest within one standard
    error of the best), below ``ceiling`` (the final model's least probability for a deal the cases assert), and
    per language the F1 of the rules and of the rules with the veto at that threshold (means over the reshuffled
    runs). The cases join every training fold and are never scored: the rules were written to pass them."""
    import numpy as np
    from sklearn.model_selection import GroupKFold

    runs = []
    for run in range(seed, seed + FOLD_SEEDS):
        p = np.zeros(len(y))
        for train, test in GroupKFold(n_splits=5, shuffle=True, random_state=run + 1).split(X, y, groups):
            weights = np.concatenate([np.ones(len(train)), np.full(len(y_cases), CASE_WEIGHT)])
            model = layer.make_models(run)["gboost"]().fit(np.vstack([X[train], X_cases]),
                                                           np.concatenate([y[train], y_cases]), sample_weight=weights)
            p[test] = model.predict_proba(X[test])[:, 1]
        runs.append(p)
    curves = [deal_f1_by_threshold(news, records, p) for p in runs]
    mean = {t: sum(c[t]["all"] for c in curves) / len(curves) for t in curves[0] if t < ceiling}
    best = max(mean, key=lambda t: (round(mean[t], 9), -t))
    spread = statistics.stdev(c[best]["all"] for c in curves) / math.sqrt(len(curves))
    # the one-standard-error rule: the least vetoing threshold whose mean is within one standard error of the
    # best, as the gains between neighbouring thresholds are smaller than the noise of the folds
    threshold = min(t for t in mean if mean[t] >= mean[best] - spread)
    report = {language: (round(sum(c[0.0][language] for c in curves) / len(curves), 4),
                         round(sum(c[threshold][language] for c in curves) / len(curves), 4))
              for language in (*layer.LANGUAGES, "all")}
    return threshold, mean, report


if __name__ == "__main__":
    main()
