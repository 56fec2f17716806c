"""The one shape of a deal and of an article, plus the fixed vocabularies.

Field names and vocabulary ids follow the shared data contract (DESIGN.md) exactly: other tools read the
command line's output, so nothing here may be renamed casually.
"""

from __future__ import annotations

import datetime
import hashlib
import re
from dataclasses import dataclass, field, fields
from functools import lru_cache
from typing import Any

CENTRAL_ASIA = ("KAZ", "UZB", "KGZ", "TJK", "TKM")
MULTILATERAL = "INT"

SECTORS = (
    "energy_oil_gas",
    "energy_power_renewables",
    "mining_metals",
    "transport_logistics",
    "aviation",
    "infrastructure_construction",
    "digital_telecom_ai",
    "finance_banking",
    "agriculture_food",
    "manufacturing_industry",
    "chemicals",
    "healthcare",
    "education",
    "tourism_real_estate",
    "water_utilities",
    "other",
)

DEAL_TYPES = (
    "investment",
    "purchase_contract",
    "loan_financing",
    "grant",
    "joint_venture",
    "agreement_mou",
)

STATUSES = ("signed", "announced", "planned", "potential")

QUALIFIERS = ("approximately", "more than", "up to", "at least", "less than")

LANGUAGES = ("ar", "ru", "en")


@dataclass(frozen=True)
class Article:
    """Plain text of one article and what we know about it.

    Offsets of every deal's evidence point into ``text`` exactly as stored here, so ``text`` is never
    rewritten after reading (normalisation for matching happens on a copy, see ``dealtracker.text``).
    """

    source: str
    text: str
    title: str | None = None
    date: str | None = None
    language: str = "en"
    url: str | None = None  # the web address it was fetched from (an address or a feed's item), else None

    @property
    def article_id(self) -> str:
        """Hash of the text, so the same article uploaded twice is recognised as one."""
        return hashlib.sha256(" ".join(self.text.split()).encode("utf-8")).hexdigest()[:16]


@dataclass
class Deal:
    """One deal as the contract defines it (field order = output column order)."""

    deal_id: str
    source: str
    party: str
    party_country: str
    counterparty: str | None
    counterparty_country: str | None
    amount: float | None
    currency: str | None
    value_usd: float | None
    qualifier: str | None
    sector: str
    deal_type: str
    status: str
    object: str | None
    jobs: int | None
    date: str | None
    language: str
    evidence: str
    start: int
    end: int
    confidence: float

    def to_dict(self) -> dict[str, Any]:
        """The fields in contract order. Every field is a scalar, so a shallow copy is the whole deal:
        ``dataclasses.asdict`` would deep-copy each value, a tenth of the CLI's time on a large batch."""
        return {name: getattr(self, name) for name in DEAL_FIELDS}


DEAL_FIELDS: tuple[str, ...] = tuple(f.name for f in fields(Deal))


@lru_cache(maxsize=16)
def _article_hash(source_text: str) -> str:
    """Hash of the whitespace-normalised article; remembered because every deal of an article needs it and
    hashing the whole article once per deal showed in the profile."""
    return hashlib.sha256(" ".join(source_text.split()).encode("utf-8")).hexdigest()[:16]


def make_deal_id(source_text: str, start: int, end: int, amount: float | None, counterparty: str | None) -> str:
    """Stable id: the same deal from the same text gets the same id on every run.

    Built from the article's content (not its file name) and where the deal is stated and for how much, so
    re-running a better extractor or renaming the file keeps the id — and with it a reviewer's edits. The
    counterparty tells apart only deals without a value that share one sentence.
    """
    article_hash = _article_hash(source_text)
    who = counterparty if amount is None else ""
    key = f"{article_hash}:{start}:{end}:{amount}:{who}"
    return hashlib.sha256(key.encode("utf-8")).hexdigest()[:16]


@dataclass
class ReadProblem:
    """A file (or a row, or an archive entry) that could not be read, with a reason a person understands.

    A warning is a file that *was* read but with something to check (mixed encodings, a damaged page
    skipped); it does not count as a failure.
    """

    source: str
    reason: str
    warning: bool = False

    def __str__(self) -> str:
        return f"{self.source}: {self.reason}"


@dataclass
class BatchResult:
    """What a batch of files produced: articles, their deals, the problems, and how many files were opened.

    ``files`` counts each file read or tried (an archive's entries one by one); ``failed`` those among them
    with an error (not read, or only partly: some rows or pages skipped).
    """

    articles: list[Article] = field(default_factory=list)
    deals: list[Deal] = field(default_factory=list)
    problems: list[ReadProblem] = field(default_factory=list)
    files: int = 0
    failed: int = 0

    @property
    def errors(self) -> list[ReadProblem]:
        return [p for p in self.problems if not p.warning]

    def summary(self) -> str:
        """'12 files read, 5 failed, 40 articles, 31 deals' — read means read without an error."""
        return (
            f"{self.files - self.failed} file{'s' if self.files - self.failed != 1 else ''} read, {self.failed} failed, "
            f"{len(self.articles)} article{'s' if len(self.articles) != 1 else ''}, "
            f"{len(self.deals)} deal{'s' if len(self.deals) != 1 else ''}"
        )


def check_date(value: str | None) -> str | None:
    """A deal date as the contract writes it — "2025", "2025-09" or "2025-09-22", a real calendar date — or None.

    Raises ValueError with a reason a person understands, so a typo such as "2025-13" is refused instead of
    silently dropping the deal out of every date filter and the timeline.
    """
    if value is None or not str(value).strip():
        return None
    text = str(value).strip()
    if not re.fullmatch(r"\d{4}(-\d{2}(-\d{2})?)?", text):
        raise ValueError(f"'{text}' is not a date: write YYYY, YYYY-MM or YYYY-MM-DD")
    parts = [int(p) for p in text.split("-")]
    try:
        datetime.date(parts[0], parts[1] if len(parts) > 1 else 1, parts[2] if len(parts) > 2 else 1)
    except ValueError:
        raise ValueError(f"'{text}' is not a calendar date") from None
    return text
