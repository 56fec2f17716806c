"""Run the pending cases (tests/cases_pending/*.jsonl) through the engine with the matching logic of
tests/test_cases.py, and print a result per case and a summary per pattern and per language.

    python tests/cases_pending/run_pending.py            # every case + summary
    python tests/cases_pending/run_pending.py --failing  # only the failing cases, with the reasons

These cases are not collected by pytest: they are written from what a careful analyst reads, independently of the
development articles, and serve as a proxy for unseen news."""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from case_matching import problems_of  # noqa: E402

CASES_DIR = Path(__file__).parent
REQUIRED_CASE_KEYS = ("id", "covers", "text", "deals")
REQUIRED_DEAL_KEYS = ("party_country", "amount")
PATTERN_NAMES = {
    "1": "aggregates are not deals",
    "2": "deals without a Central Asian party",
    "3": "page furniture",
    "4": "same deal twice",
    "5": "lists / co-financing / framework parts",
    "6": "wrong sides",
    "8": "deals without a value",
    "9": "sector and deal_type",
}


def load_cases() -> list[dict]:
    cases = []
    for path in sorted(CASES_DIR.glob("*.jsonl")):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if not line.strip():
                continue
            case = json.loads(line)
            missing = [k for k in REQUIRED_CASE_KEYS if k not in case]
            missing += [f"deals[{i}].{k}" for i, d in enumerate(case.get("deals", [])) for k in REQUIRED_DEAL_KEYS if k not in d]
            if missing:
                raise SystemExit(f"{path.name}:{number}: missing keys {missing}")
            cases.append(case)
    ids = [c["id"] for c in cases]
    duplicates = {i for i in ids if ids.count(i) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case ids: {sorted(duplicates)}")
    return cases


def check(case) -> list[str]:
    try:
        return problems_of(case)
    except Exception as error:  # a crash is a failure of the case, not of the run
        return [f"engine raised {type(error).__name__}: {error}"]


def pattern_of(case) -> str:
    found = re.match(r"\s*pattern\s+(\d+)", case["covers"])
    return found.group(1) if found else "?"


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--failing", action="store_true", help="print only the failing cases, with the reasons")
    args = parser.parse_args(argv)

    cases = load_cases()
    by_pattern = defaultdict(lambda: [0, 0])
    by_language = defaultdict(lambda: [0, 0])
    failed = 0
    for case in cases:
        problems = check(case)
        ok = not problems
        failed += not ok
        pattern, language = pattern_of(case), case["id"].split("-")[0]
        for table, key in ((by_pattern, pattern), (by_language, language)):
            table[key][0] += ok
            table[key][1] += 1
        if ok and not args.failing:
            print(f"PASS {case['id']}")
        elif not ok:
            print(f"FAIL {case['id']}" + ("" if not args.failing else f"  [{case['covers']}]"))
            if args.failing:
                for problem in problems:
                    print(f"     - {problem}")

    print()
    print("per pattern (passed/total):")
    for key in sorted(by_pattern, key=lambda k: (not k.isdigit(), int(k) if k.isdigit() else 0)):
        passed, total = by_pattern[key]
        print(f"  pattern {key} {PATTERN_NAMES.get(key, ''):<42} {passed:>3}/{total:<3}")
    print("per language (passed/total):")
    for key in sorted(by_language):
        passed, total = by_language[key]
        print(f"  {key:<3} {passed:>3}/{total:<3}")
    print(f"total: {len(cases) - failed}/{len(cases)} passed, {failed} failing")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
