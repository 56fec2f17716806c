"""Issue 15's learned layer, measured the way that decides: trained on some gold sets, scored on a blind one.

``bench/learned_layer.py`` scores a classifier out of fold on one folder of gold documents, but those are documents
the rules were written from, so the rules look better there than on news they have never seen. Here the classifier
(the same candidates, features, models and thresholds, from ``learned_layer``) is fitted on ``--train`` (a folder
with ``gold.jsonl`` and ``articles/``, e.g. the development set and the earlier held-out sets, pooled) and scored on
``--test``, a held-out set. For a fair reading, run it on the code as it was at the test set's blind first run
(a worktree of that commit), so that neither the rules nor the classifier have seen the test documents.

Reports, on the test set's candidates, per language: (a) the rules, (b) the classifier alone, (c) the rules with
the classifier's veto — precision, recall and F1 of deal / no deal on money mentions (not the deal-level F1 of
``evaluate``).

    python bench/learned_heldout.py --train ../shared/dev bench/holdout ... bench/holdout11 --test bench/holdout12
"""

from __future__ import annotations

import argparse
import sys
import warnings
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import learned_layer as layer  # noqa: E402  (the bench folder is not a package)


def _matrix(rows, columns):
    import numpy as np

    kept = [c for c in rows if c.label is not None]
    X = np.array([[c.features.get(k, 0.0) for k in columns] for c in kept])
    return kept, X, np.array([c.label for c in kept])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--train", type=Path, nargs="+", required=True, help="gold folders to train on (pooled)")
    parser.add_argument("--test", type=Path, required=True)
    args = parser.parse_args()
    for folder in (*args.train, args.test):
        if not (folder / "gold.jsonl").exists():
            print(f"skipped: no gold.jsonl in {folder}")
            return
    import numpy as np

    warnings.filterwarnings("ignore")
    train_rows, _ = layer.read_sets(args.train)
    test_rows, test_records = layer.read_dev(args.test)
    columns = sorted({k for c in train_rows for k in c.features})
    layer.RULE_COLUMN = columns.index("rule_deal")
    train, X_train, y_train = _matrix(train_rows, columns)
    test, X_test, y_test = _matrix(test_rows, columns)
    groups = np.array([c.group for c in train])
    rule = np.array([c.rule for c in test]).astype(bool)
    langs = np.array([c.language for c in test])
    languages = [*layer.LANGUAGES, "all"]
    print(f"train: {len(train)} candidates ({int(y_train.sum())} positive) from {len(set(groups))} articles; "
          f"test: {len(test)} candidates ({int(y_test.sum())} positive)")
    rows = [("(a) rules", layer.by_language(rule, y_test, langs, languages))]
    deal_rows = [("(a) rules", layer.deal_level(test_records, lambda article, deal: True))]
    index: dict[tuple, list[int]] = {}
    for k, c in enumerate(test):
        index.setdefault((c.article, c.currency, round(c.amount, 6)), []).append(k)
    for name, factory in layer.make_models(0).items():
        p, t_cls, t_veto = layer.fit_predict(factory, X_train, y_train, groups, X_test, seed=0)
        rows.append((f"(b) {name}", layer.by_language(p > t_cls, y_test, langs, languages)))
        rows.append((f"(c) rules+{name} veto", layer.by_language(rule & (p > t_veto), y_test, langs, languages)))

        def keep(article, deal, p=p, t_veto=t_veto):
            ks = index.get((article, deal.currency, round(deal.amount, 6)))
            return not ks or any(p[k] > t_veto for k in ks)

        deal_rows.append((f"(c) rules+{name} veto", layer.deal_level(test_records, keep)))
    trained = " ".join(str(t) for t in args.train)
    print("\n".join(layer.table(f"Candidates of {args.test} (trained on {trained})", rows, languages)))
    print()
    print("\n".join(layer.table("Deals, as `evaluate` scores them (party country + value)", deal_rows, languages)))


if __name__ == "__main__":
    main()
