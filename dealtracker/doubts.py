"""Which deals a person should check before they count, and why, in words.

A total an analyst can trust is one that says what it leaves out. The extractor keeps a deal it is unsure of
(rather than lose it) and marks it: its confidence is low, a side is unknown (a counterparty whose country
alone is unknown is not: the charts show it as "Unknown", and an unlisted company is often so), its value is one no single deal
is likely to have, its sentence reads like a sum over many deals, or its currency has no rate. Such a deal is
*flagged*: the review shows the reason, and totals leave it out until a person verifies it (a switch brings
flagged deals back in). Verifying a deal is the person's answer, so a verified deal is never left out.

Vectorised over the whole table: the dashboard asks for it on every rerun over up to a million deals.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

import pandas as pd

from .extract.lexicon import WORD_START, compiled
from .plausibility import REVIEW_ABOVE_USD

# Below this the extractor itself doubts the deal: a valued deal starts at 0.45 and gains for a counterparty
# named in its own clause (+0.2), a deal word (+0.15) and a named organisation (+0.1); a value over $300 billion
# caps it at 0.3. A deal resting on no more than the amount and a country named somewhere is below 0.5.
LOW_CONFIDENCE = 0.5

# kind → how the reason reads in the review's Check column (short: several may stand in one cell)
REASONS: dict[str, str] = {
    "large": f"over ${REVIEW_ABOVE_USD / 1e9:,.0f}B: a total?",
    "aggregate": "reads like a total over several deals",
    "low_confidence": "low confidence",
    "no_counterparty": "counterparty unknown",
    "no_party_country": "Central Asian country unknown",
    "no_rate": "no exchange rate at its date: in no USD total",
}
# How the reasons are counted under the totals ("2 low confidence, 1 over $300B")
SUMMARY: dict[str, str] = {
    "large": f"over ${REVIEW_ABOVE_USD / 1e9:,.0f}B",
    "aggregate": "total wording",
    "low_confidence": "low confidence",
    "no_counterparty": "no counterparty",
    "no_party_country": "no Central Asian country",
    "no_rate": "no exchange rate",
}
CHECK_COLUMN = "check"


@lru_cache(maxsize=1)
def _aggregate_wording():
    """ "a total of", «в общей сложности», "بإجمالي", "since 1993": a sum over many deals or years. The same
    words the extractor reads (``data/lang/*/context_words.csv``); a deal that still carries them is worth a look."""
    return compiled(WORD_START + r"(?:{in_total}(?!\w)|{since_year}\s+(?:19|20)\d\d\b)")


def _column(frame: pd.DataFrame, name: str) -> pd.Series:
    return frame[name] if name in frame.columns else pd.Series(None, index=frame.index, dtype="object")


def _blank(values: pd.Series) -> pd.Series:
    return values.isna() | (values.astype("string").str.strip() == "")


def doubt_kinds(frame: pd.DataFrame) -> pd.DataFrame:
    """One boolean column per reason in ``REASONS``, one row per deal."""
    value = pd.to_numeric(_column(frame, "value_usd"), errors="coerce")
    amount = pd.to_numeric(_column(frame, "amount"), errors="coerce")
    confidence = pd.to_numeric(_column(frame, "confidence"), errors="coerce")
    evidence = _column(frame, "evidence").astype("string").fillna("")
    return pd.DataFrame(
        {
            "large": value > REVIEW_ABOVE_USD,
            "aggregate": amount.notna() & evidence.str.contains(_aggregate_wording(), regex=True),
            "low_confidence": confidence < LOW_CONFIDENCE,
            "no_counterparty": _blank(_column(frame, "counterparty")),
            "no_party_country": _blank(_column(frame, "party_country")),
            "no_rate": amount.notna() & value.isna() & ~_blank(_column(frame, "currency")),
        },
        index=frame.index,
    ).fillna(False).astype(bool)


def check_reasons(frame: pd.DataFrame, kinds: pd.DataFrame | None = None) -> pd.Series:
    """Each deal's reasons to check it, joined ("low confidence; counterparty unknown"); "" when none."""
    text = pd.Series("", index=frame.index, dtype="object")
    if frame.empty:
        return text
    kinds = doubt_kinds(frame) if kinds is None else kinds
    for kind, words in REASONS.items():
        if kind == "low_confidence":
            confidence = pd.to_numeric(_column(frame, "confidence"), errors="coerce")
            words = confidence.map("low confidence ({:.2f})".format).astype("object")
        text = text.where(~kinds[kind], text + "; " + words)
    return text.str.removeprefix("; ")


def with_checks(frame: pd.DataFrame) -> pd.DataFrame:
    """The frame with its ``check`` column: computed once when the table is read, not on every rerun."""
    return frame.assign(**{CHECK_COLUMN: check_reasons(frame)})


def flagged(frame: pd.DataFrame) -> pd.Series:
    """Deals that need a person's look and have not had it: left out of totals unless asked for."""
    reasons = frame[CHECK_COLUMN] if CHECK_COLUMN in frame.columns else check_reasons(frame)
    verified = _column(frame, "verified").fillna(False).astype(bool)
    return (reasons.fillna("") != "") & ~verified


@dataclass(frozen=True)
class LeftOut:
    """What totals left out because it was flagged: how many deals, their USD sum, and the count per reason."""

    deals: int
    value_usd: float
    by_reason: dict[str, int]

    def describe(self) -> str:
        """ "3 flagged deals ($412.0B): 2 low confidence, 1 over $300B" — the words under the totals."""
        from .analytics import format_usd

        if not self.deals:
            return ""
        reasons = ", ".join(f"{n:,} {SUMMARY[k]}" for k, n in sorted(self.by_reason.items(), key=lambda kv: -kv[1]) if n)
        value = f" ({format_usd(self.value_usd)})" if self.value_usd else ""
        return f"{self.deals:,} flagged deal{'s' if self.deals != 1 else ''}{value}: {reasons}"


def left_out(frame: pd.DataFrame) -> LeftOut:
    """The flagged, unverified deals of ``frame`` (which totals leave out by default), summed and counted."""
    mask = flagged(frame)
    if not mask.any():
        return LeftOut(0, 0.0, {})
    kinds = doubt_kinds(frame[mask])
    value = pd.to_numeric(frame.loc[mask, "value_usd"], errors="coerce").sum()
    return LeftOut(int(mask.sum()), float(value), {k: int(kinds[k].sum()) for k in REASONS if kinds[k].any()})
