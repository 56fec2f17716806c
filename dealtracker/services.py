"""What the app and the command line both do, written once: read a batch, store it and regroup, embed its deals for
search, choose the similarity for duplicates (the embedding model or none), read pasted text, add a deal by hand.

Pure Python, no Streamlit: a component renders, asks a person, and calls one of these; the CLI parses its flags
and calls the same ones. The store's own rules (``store.validation``) stay the one place a deal's values are
judged: a hand-added deal is checked by them field by field, so the form and an edit in the review grid refuse
and accept the same values.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timezone
from typing import TYPE_CHECKING, NamedTuple

from .ingest import Limits, LimitsError
from .pipeline import Progress, add_file, process_documents
from .schema import Article, BatchResult, Deal, ReadProblem
from .settings import Settings
from .sources import Document, as_pipeline_input
from .sources.pasted import pasted, read_pasted_document

if TYPE_CHECKING:
    from .dedupe import Similarity
    from .parallel import Taggers
    from .store import IngestReport, Store

MANUAL_SOURCE = "added by hand"


# --- reading ---------------------------------------------------------------------------------------------------

def taggers_for(settings: Settings) -> Taggers | None:
    """The organisation taggers the settings ask for (``DEALTRACKER_NER``, ``--ner``), or None: the rules alone.
    The model package is imported only when tagging is on."""
    if not settings.ner:
        return None
    from .models.ner import organisation_taggers

    return organisation_taggers(settings)


def read_documents(documents: Sequence[Document | tuple[str, bytes]], progress: Progress | None = None,
                   settings: Settings | None = None) -> BatchResult:
    """Every document (from ``sources``: uploads, samples, or plain (name, bytes)) read and extracted; a limit set
    wrongly in the environment fails every document with that reason (nothing is read) instead of raising, so a
    page can say it like any other problem. ``settings``: None for the environment's."""
    settings = settings or Settings.from_env()
    try:
        limits = Limits.from_env(settings.environ)
        return process_documents(as_pipeline_input(Document(*d) for d in documents), progress=progress, limits=limits,
                                 total=len(documents), taggers=taggers_for(settings))
    except LimitsError as error:
        result = BatchResult(files=len(documents), failed=len(documents))
        result.problems.extend(ReadProblem(d[0], f"not read: {error}") for d in documents)
        return result


def read_pasted(text: str, settings: Settings | None = None) -> BatchResult:
    """Text a person pasted, as one file of one article (``sources.pasted``): counted, extracted and failed like a
    file from disk (``pipeline.add_file``). ``settings``: None for the environment's."""
    result = BatchResult()
    document = pasted(text)
    add_file(result, document.name, read_pasted_document(document), taggers=taggers_for(settings or Settings.from_env()))
    return result


# --- storing ---------------------------------------------------------------------------------------------------

class Ingested(NamedTuple):
    """What storing a batch did: the store's report and how many duplicate groups there are now."""

    report: IngestReport
    groups: int


def ingest_batch(store: Store, result: BatchResult, similarity: Similarity | None = None) -> Ingested:
    """Store a batch's articles and deals (idempotent) and recompute duplicate groups, with ``similarity`` (the
    embedding model's, see ``duplicate_similarity``) or by the rules alone."""
    report = store.ingest(result)
    return Ingested(report, store.regroup(similarity))


def embed_for_search(store: Store, result: BatchResult, settings: Settings | None = None) -> tuple[int, str | None]:
    """After ``ingest_batch``: store the search vectors of the batch's deals when an embedding model is here (and
    ``DEALTRACKER_SEARCH_EMBEDDINGS`` is not 0); how many deals were embedded, and by which runtime (None: none).
    Without a model nothing happens: search stays literal, and ``embeddings backfill`` catches up later."""
    from .search.service import embed_batch  # loads a model only when one is there

    return embed_batch(store, [deal.deal_id for deal in result.deals], settings or Settings.from_env())


def duplicate_similarity(enabled: bool, model: str | None = None) -> tuple[Similarity | None, str | None]:
    """The embedding model's evidence similarity when ``enabled`` and a model loads, else None; and why there is
    none when it was asked for (a human reason: grouping then keeps to the rules, it is not a failure)."""
    if not enabled:
        return None, None
    from .models import ModelUnavailable
    from .models.similarity import evidence_similarity  # imports torch only here, when turned on

    try:
        return evidence_similarity(model), None
    except ModelUnavailable as error:
        return None, str(error)


# --- a deal added by hand --------------------------------------------------------------------------------------

class DealRefused(ValueError):
    """A hand-entered deal that cannot be stored; ``problems`` says each reason, in words."""

    def __init__(self, problems: list[str]):
        self.problems = problems
        super().__init__("; ".join(problems))


@dataclass(frozen=True)
class ManualDeal:
    """What a person typed or chose in the form, as given (blank text for nothing, None for no choice)."""

    party: str = ""
    party_country: str | None = None
    counterparty: str = ""
    counterparty_country: str = ""
    amount: float | None = None  # 0 or None: no value
    currency: str = "USD"
    sector: str | None = None
    deal_type: str | None = None
    status: str | None = None
    date: str = ""
    evidence: str = ""


def manual_deal(entry: ManualDeal, article: Article | None = None, now: datetime | None = None) -> Deal:
    """The deal a person entered, checked by the store's rules (every problem at once, not only the first), with
    its id and its USD value; DealRefused when something is missing or refused.

    With an ``article`` the deal is that article's: its source and language are taken from it, and evidence
    copied from its text keeps its place in it. A currency the tracker names but has no rate for is accepted
    (the deal stays in its own currency, in no USD total), as an edit in the review grid accepts it; a code it
    neither names nor has a rate for is refused by both. With no amount the currency is not kept.
    """
    from .store.errors import InvalidValue
    from .store.validation import converted, validated

    problems = _missing(entry)
    value = entry.amount or None
    typed = {
        "party_country": entry.party_country, "counterparty_country": entry.counterparty_country,
        "amount": value, "currency": (entry.currency.strip() or None) if value else None,
        "sector": entry.sector, "deal_type": entry.deal_type, "status": entry.status, "date": entry.date,
    }
    clean = {}
    for field, given in typed.items():
        try:
            clean[field] = validated(field, given)
        except InvalidValue as error:
            problems.append(str(error))
    if not problems:
        try:
            value_usd = converted(clean["amount"], clean["currency"], clean["date"])[0]
        except InvalidValue as error:
            problems.append(str(error))
    if problems:
        raise DealRefused(problems)
    evidence = entry.evidence.strip()
    start, end = _where(article, evidence)
    stamp = (now or datetime.now(timezone.utc)).isoformat()
    return Deal(
        deal_id=manual_deal_id(stamp, entry.party, entry.counterparty),
        source=article.source if article is not None else MANUAL_SOURCE,
        party=entry.party.strip(), counterparty=entry.counterparty.strip() or None, value_usd=value_usd,
        qualifier=None, object=None, jobs=None, language=article.language if article is not None else "en",
        evidence=evidence, start=start, end=end, confidence=1.0, **clean,
    )


def add_manual_deal(store: Store, entry: ManualDeal, article: Article | None = None, article_id: str | None = None,
                    now: datetime | None = None) -> Deal:
    """Check and store a deal a person entered (``manual_deal``): all its fields count as human and it is verified.
    DealRefused (a ValueError) when it cannot be stored; KeyError for an ``article_id`` the store does not hold."""
    from .store.errors import InvalidValue

    deal = manual_deal(entry, article, now)
    try:
        store.add_deal(deal, article_id=article_id)
    except InvalidValue as refused:  # not expected after manual_deal; said the same way if it happens
        raise DealRefused([str(refused)]) from refused
    return deal


def manual_deal_id(stamp: str, party: str, counterparty: str) -> str:
    """A hand-added deal's id: unique per entry (the time is part of it), 16 hex digits like an extracted one's."""
    return hashlib.sha256(f"manual:{stamp}:{party}:{counterparty}".encode()).hexdigest()[:16]


def _missing(entry: ManualDeal) -> list[str]:
    """What a person must give that a stored deal may lack: a party, the four choices, where it comes from."""
    problems = []
    if not entry.party.strip():
        problems.append("name the party")
    missing = [label for label, value in (("country", entry.party_country), ("sector", entry.sector),
                                          ("type", entry.deal_type), ("status", entry.status)) if value is None]
    if missing:
        problems.append("choose the " + ", ".join(missing))
    if not entry.evidence.strip():
        problems.append("say where this comes from")
    return problems


def _where(article: Article | None, evidence: str) -> tuple[int, int]:
    """Where the evidence stands in its article, when it was copied from it: the offsets let a reader check the
    deal against its source like any extracted one. (0, 0) when it is a note of the person's own."""
    at = article.text.find(evidence) if article is not None and evidence else -1
    return (at, at + len(evidence)) if at >= 0 else (0, 0)
