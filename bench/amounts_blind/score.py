"""Score the money-amount reader and the article-date reader on the blind cases.

    python bench/amounts_blind/score.py [--verbose]

Reads ar.jsonl, ru.jsonl, en.jsonl (amounts) and dates.jsonl (dates) next to this
file. Uses only the public entry points named in README.md; writes nothing (no
bytecode either) and changes nothing.
"""
from __future__ import annotations

import sys

sys.dont_write_bytecode = True

import argparse  # noqa: E402
import datetime as dt  # noqa: E402
import json  # noqa: E402
import math  # noqa: E402
from pathlib import Path  # noqa: E402

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from dealtracker.extract.money import amounts_stated  # noqa: E402
from dealtracker.ingest.dates import publication_date  # noqa: E402

LANGS = ("ar", "ru", "en")
REL_TOL = 1e-6


# --------------------------------------------------------------------- reading

def read_amounts(text, language):
    return amounts_stated(text, language)


def as_pair(item):
    """(value as float or None, currency) from a tuple or an object with amount/currency."""
    if hasattr(item, "amount") and hasattr(item, "currency"):
        amount, currency = item.amount, item.currency
    else:
        amount, currency = item[0], item[1]
    try:
        value = float(amount) if amount is not None else None
    except (TypeError, ValueError):
        value = None
    return value, currency


def read_date(text):
    value = publication_date(text)
    if value is None:
        return None
    if isinstance(value, (dt.date, dt.datetime)):
        return value.isoformat()[:10]
    return str(value)


# --------------------------------------------------------------------- comparing

def same(found, expected):
    value, currency = found
    if value is None or currency != expected["currency"]:
        return False
    return math.isclose(value, float(expected["amount"]), rel_tol=REL_TOL, abs_tol=0.0)


def compare(found, expected):
    """Order-free one-to-one matching. Returns (unmatched expected, unmatched found)."""
    left = list(found)
    missing = []
    for exp in expected:
        for i, got in enumerate(left):
            if same(got, exp):
                del left[i]
                break
        else:
            missing.append(exp)
    return missing, left


def verdict_amounts(found, expected):
    missing, extra = compare(found, expected)
    if not missing and not extra:
        return "exact", missing, extra
    if extra:
        return "wrong", missing, extra
    return "missed", missing, extra


def verdict_date(got, expected):
    if got == expected:
        return "right"
    if got is None:
        return "missed"
    return "wrong"


# --------------------------------------------------------------------- output

def fmt_amount(value, currency):
    if value is None:
        return f"None {currency}"
    return f"{value:.15g} {currency}"


def fmt_list(pairs):
    return "[" + ", ".join(fmt_amount(v, c) for v, c in pairs) + "]"


def pct(part, whole):
    return f"{100.0 * part / whole:5.1f}%" if whole else "    -"


def load(path):
    with open(path, encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def score_amounts(verbose):
    rows = {}
    failures = []
    for lang in LANGS:
        counts = {"cases": 0, "exact": 0, "wrong": 0, "missed": 0, "error": 0,
                  "none_cases": 0, "spurious": 0,
                  "items_expected": 0, "items_found": 0, "items_right": 0}
        for case in load(HERE / f"{lang}.jsonl"):
            counts["cases"] += 1
            expected = case["amounts"]
            counts["items_expected"] += len(expected)
            if not expected:
                counts["none_cases"] += 1
            try:
                found = [as_pair(item) for item in read_amounts(case["text"], lang)]
            except Exception as exc:  # a crash is a failure of its own kind
                counts["error"] += 1
                failures.append((case, "error", f"{type(exc).__name__}: {exc}", [], []))
                continue
            verdict, missing, extra = verdict_amounts(found, expected)
            counts[verdict] += 1
            counts["items_found"] += len(found)
            counts["items_right"] += len(found) - len(extra)
            if not expected and found:
                counts["spurious"] += 1
            if verdict != "exact":
                failures.append((case, verdict, found, missing, extra))
        rows[lang] = counts
    total = {key: sum(rows[lang][key] for lang in LANGS) for key in rows[LANGS[0]]}
    rows["all"] = total

    print("Amounts (find_money)")
    print(f"{'lang':<5} {'cases':>5} {'exact':>7} {'wrong':>7} {'missed':>7} {'error':>7}"
          f" | {'spurious on []':>15} | {'items: expected':>15} {'found':>6} {'right':>6}"
          f" {'precision':>9} {'recall':>7}")
    for lang in (*LANGS, "all"):
        c = rows[lang]
        spurious = f"{c['spurious']}/{c['none_cases']}"
        print(f"{lang:<5} {c['cases']:>5} {pct(c['exact'], c['cases']):>7} {pct(c['wrong'], c['cases']):>7}"
              f" {pct(c['missed'], c['cases']):>7} {pct(c['error'], c['cases']):>7}"
              f" | {spurious:>15} | {c['items_expected']:>15} {c['items_found']:>6} {c['items_right']:>6}"
              f" {pct(c['items_right'], c['items_found']):>9} {pct(c['items_right'], c['items_expected']):>7}")
    print("exact: the same amounts (value within 1e-6 relative, same currency), nothing more, order-free;")
    print("wrong: some amount read with a wrong value or currency, or read where there is none;")
    print("missed: nothing read wrongly, but some expected amount not read; error: the reader raised.")

    if verbose and failures:
        print()
        print(f"Amount failures ({len(failures)})")
        for case, verdict, found, missing, extra in failures:
            print(f"- {case['id']} [{verdict}] ({case['form']})")
            print(f"    text:     {case['text']}")
            expected = [(float(x['amount']), x['currency']) for x in case['amounts']]
            print(f"    expected: {fmt_list(expected)}")
            if verdict == "error":
                print(f"    error:    {found}")
                continue
            print(f"    found:    {fmt_list(found)}")
            if missing:
                print(f"    missing:  {fmt_list([(float(x['amount']), x['currency']) for x in missing])}")
            if extra:
                print(f"    wrong:    {fmt_list(extra)}")
    return rows


def score_dates(verbose):
    rows = {lang: {"cases": 0, "right": 0, "wrong": 0, "missed": 0, "error": 0} for lang in LANGS}
    failures = []
    for case in load(HERE / "dates.jsonl"):
        lang = case["id"].split("-", 1)[0]
        counts = rows[lang]
        counts["cases"] += 1
        try:
            got = read_date(case["text"])
        except Exception as exc:
            counts["error"] += 1
            failures.append((case, "error", f"{type(exc).__name__}: {exc}"))
            continue
        verdict = verdict_date(got, case["date"])
        counts[verdict] += 1
        if verdict != "right":
            failures.append((case, verdict, got))
    rows["all"] = {key: sum(rows[lang][key] for lang in LANGS) for key in rows[LANGS[0]]}

    print("Dates (publication_date)")
    print(f"{'lang':<5} {'cases':>5} {'right':>7} {'wrong':>7} {'missed':>7} {'error':>7}")
    for lang in (*LANGS, "all"):
        c = rows[lang]
        print(f"{lang:<5} {c['cases']:>5} {pct(c['right'], c['cases']):>7} {pct(c['wrong'], c['cases']):>7}"
              f" {pct(c['missed'], c['cases']):>7} {pct(c['error'], c['cases']):>7}")
    print("right: the same YYYY-MM-DD, or None where the expected date is null;")
    print("wrong: another date, or a date where null is expected; missed: None where a date is expected.")

    if verbose and failures:
        print()
        print(f"Date failures ({len(failures)})")
        for case, verdict, got in failures:
            text = case["text"].replace("\n", " \\n ")
            print(f"- {case['id']} [{verdict}] expected {case['date']!r}, got {got!r}")
            print(f"    text: {text}")
    return rows


def main(argv=None):
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--verbose", action="store_true", help="list every failing case")
    args = parser.parse_args(argv)
    score_amounts(args.verbose)
    print()
    score_dates(args.verbose)
    return 0


if __name__ == "__main__":
    sys.exit(main())
