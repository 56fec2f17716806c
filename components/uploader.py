"""Upload, paste, fetch by address or load sample articles; parse them with a progress bar; say what came out and what failed."""

from __future__ import annotations

import math

import streamlit as st

from dealtracker.analytics import deals_frame, format_usd, summarise
from dealtracker.ingest import SUPPORTED_SUFFIXES, Limits, LimitsError
from dealtracker.ingest.limits import MB
from dealtracker.schema import BatchResult, ReadProblem
from dealtracker.services import read_documents, read_pasted
from dealtracker.sources import Document
from dealtracker.sources.uploads import samples, uploaded

from . import session
from .sources import render_address_intake
from .text import markdown_text

_SEEN_UPLOADS = "seen_upload_ids"
# Problems shown as separate warnings; the rest go into one expander so the results stay in view.
SHOWN_PROBLEMS = 10


def _parse(documents: list[Document]) -> BatchResult:
    bar = st.progress(0.0, text="Parsing articles…")

    def report(done: int, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=f"Parsed {done} of {total}: {markdown_text(name)}")  # Markdown

    result = read_documents(documents, progress=report)
    bar.empty()
    return result


def upload_cap_mb() -> int | None:
    """The uploader's own size cap, in whole MB: the engine's one file-size limit (``data/ingest_limits.csv``,
    ``DEALTRACKER_MAX_FILE_MB``), so that raising it raises what the browser may send too. None (Streamlit's
    default) when the limit is set wrongly; the batch then says so."""
    try:
        return max(1, math.ceil(Limits.from_env().max_file_bytes / MB))
    except LimitsError:
        return None


def render_uploader() -> None:
    """The four ways in: files, web addresses, pasted text, samples. New uploads are parsed as soon as they arrive."""
    uploads = st.file_uploader(
        "Articles — drop many files at once",
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        key="uploads",
        max_upload_size=upload_cap_mb(),
    )
    seen: set[str] = st.session_state.setdefault(_SEEN_UPLOADS, set())
    fresh = [f for f in uploads or [] if f.file_id not in seen]
    if fresh:
        session.add_batch(_parse(uploaded((f.name, f.getvalue()) for f in fresh)))
        seen.update(f.file_id for f in fresh)

    render_address_intake()

    with st.expander("Paste an article", expanded=False):
        pasted = st.text_area("Article text", key="pasted_text", height=180)
        if st.button("Parse pasted text", disabled=not pasted.strip()):
            session.add_batch(read_pasted(pasted))

    if st.button("Load sample articles", icon=":material/library_books:"):
        session.add_batch(_parse(samples()))


def render_batch_summary() -> None:
    """How many files and articles were read, how many deals, their value; every file that failed and why."""
    latest = session.last_batch()
    if latest is None:
        return
    batch, new = latest
    summary = summarise(deals_frame(batch.deals))
    articles = len(batch.articles)
    files = f"{batch.files} file{'s' if batch.files != 1 else ''}"
    message = (
        f"Read {articles} article{'s' if articles != 1 else ''} from {files}, "
        f"found {summary.deals} deal{'s' if summary.deals != 1 else ''} "
        f"worth {format_usd(summary.total_value_usd)} in total."
    )
    if new < summary.deals:
        already = summary.deals - new
        message += f" {already} of them {'was' if already == 1 else 'were'} already stored."
    if batch.failed:
        message += f" {batch.failed} file{'s' if batch.failed != 1 else ''} could not be read (or only partly)."
    # Green only when everything was read: a batch with failures is summed up in amber, above its reasons.
    show = st.info if not articles else st.warning if batch.failed else st.success
    show(message)
    for problem in batch.problems[:SHOWN_PROBLEMS]:
        st.warning(_problem_text(problem), icon=":material/warning:")
    rest = batch.problems[SHOWN_PROBLEMS:]
    if rest:
        with st.expander(f"{len(rest)} more problems"):
            st.markdown("\n".join(f"- {_problem_text(problem)}" for problem in rest))


def _problem_text(problem: ReadProblem) -> str:
    what = "was read, but" if problem.warning else "could not be read:"
    return f"**{markdown_text(problem.source)}** {what} {markdown_text(problem.reason)}"
