"""Duplicate detection across languages: the rules-only matcher against the embedding matcher.

Reads the hand-written pairs in ``bench/duplicates/pairs.jsonl`` (same deal or different deal, two languages).
Each text goes through the real engine (``extract_deals``); the pair's deals are grouped by the store's own
function (``dedupe.duplicate_groups``), by the rules alone and with the embedding model's evidence similarity,
and a pair counts as "same" when a deal of one report shares a group with a deal of the other. Prints precision
and recall of the "same deal" answer for each. A report from which the engine extracts no deal counts as a miss.

    python bench/duplicates.py [--model PATH_OR_ID]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from dealtracker.analytics import deals_frame  # noqa: E402
from dealtracker.dedupe import Similarity, duplicate_groups  # noqa: E402
from dealtracker.extract.assemble import extract_deals  # noqa: E402
from dealtracker.schema import Article  # noqa: E402

PAIRS = Path(__file__).resolve().parent / "duplicates" / "pairs.jsonl"

Matcher = Callable[[list, list], bool]


def load_pairs() -> list[dict]:
    return [json.loads(line) for line in PAIRS.read_text(encoding="utf-8").splitlines() if line.strip()]


def extract(pair_id: str, side: str, report: dict):
    article = Article(source=f"{pair_id}{side}", text=report["text"], date=report["date"], language=report["language"])
    return extract_deals(article)


def grouping_matcher(similarity: Similarity | None) -> Matcher:
    """Same deal when duplicate grouping puts a deal of each report in one group."""

    def matcher(a_deals: list, b_deals: list) -> bool:
        groups = duplicate_groups(deals_frame(a_deals + b_deals), similarity)
        a_groups = {groups[d.deal_id] for d in a_deals if d.deal_id in groups}
        return any(groups.get(d.deal_id) in a_groups for d in b_deals)

    return matcher


def score(pairs: list[dict], extracted: dict[str, tuple[list, list]], matcher: Matcher) -> dict[str, float]:
    tp = fp = fn = tn = 0
    for pair in pairs:
        a_deals, b_deals = extracted[pair["id"]]
        said = bool(a_deals and b_deals and matcher(a_deals, b_deals))
        if pair["same"]:
            tp, fn = tp + said, fn + (not said)
        else:
            fp, tn = fp + said, tn + (not said)
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"tp": tp, "fp": fp, "fn": fn, "tn": tn, "precision": precision, "recall": recall, "f1": f1}


def _line(name: str, s: dict[str, float]) -> str:
    return (f"{name:<24} P {s['precision']:.3f}  R {s['recall']:.3f}  F1 {s['f1']:.3f}   "
            f"(tp {s['tp']}, fp {s['fp']}, fn {s['fn']}, tn {s['tn']})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="embedding model folder or id (default: the configured one)")
    parser.add_argument("--verbose", "-v", action="store_true", help="list each pair a matcher gets wrong")
    args = parser.parse_args()
    pairs = load_pairs()
    extracted = {p["id"]: (extract(p["id"], "a", p["a"]), extract(p["id"], "b", p["b"])) for p in pairs}
    empty = sum(1 for a, b in extracted.values() for deals in (a, b) if not deals)
    same = sum(p["same"] for p in pairs)
    print(f"{len(pairs)} pairs ({same} same deal, {len(pairs) - same} different); reports with no deal extracted: {empty}")
    matchers: dict[str, Matcher] = {"rules only": grouping_matcher(None)}
    try:
        from dealtracker.models.similarity import evidence_similarity

        matchers["rules + embeddings"] = grouping_matcher(evidence_similarity(args.model))
    except Exception as error:  # no model here: say so and report the rules alone
        print(f"embeddings: not measured ({error})")
    for name, matcher in matchers.items():
        print(_line(name, score(pairs, extracted, matcher)))
        if args.verbose:
            for pair in pairs:
                a_deals, b_deals = extracted[pair["id"]]
                said = bool(a_deals and b_deals and matcher(a_deals, b_deals))
                if said != pair["same"]:
                    print(f"   {'missed' if pair['same'] else 'false '} {pair['id']} {pair['kind']}")


if __name__ == "__main__":
    main()
