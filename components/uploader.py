"""Upload, paste or load sample articles; parse them with a progress bar; say what came out."""

from __future__ import annotations

import streamlit as st

from dealtracker.analytics import deals_frame, format_usd, summarise
from dealtracker.data_files import samples_dir
from dealtracker.ingest import SUPPORTED_SUFFIXES, IngestError, read_text
from dealtracker.pipeline import add_article, process_documents
from dealtracker.schema import BatchResult, ReadProblem

from . import session
from .text import escape_markdown

_SEEN_UPLOADS = "seen_upload_ids"


def _parse(documents: list[tuple[str, bytes]]) -> BatchResult:
    bar = st.progress(0.0, text="Parsing articles…")

    def report(done: int, total: int, name: str) -> None:
        bar.progress(done / max(total, 1), text=f"Parsed {done} of {total}: {name}")

    result = process_documents(documents, progress=report)
    bar.empty()
    return result


def _sample_documents() -> list[tuple[str, bytes]]:
    folder = samples_dir()
    return [
        (path.name, path.read_bytes())
        for path in sorted(folder.iterdir())
        if path.is_file() and path.suffix.lower() in SUPPORTED_SUFFIXES
    ]


def render_uploader() -> None:
    """The three ways in: files, pasted text, samples. New uploads are parsed as soon as they arrive."""
    uploads = st.file_uploader(
        "Articles — drop many files at once",
        type=[suffix.lstrip(".") for suffix in SUPPORTED_SUFFIXES],
        accept_multiple_files=True,
        key="uploads",
    )
    seen: set[str] = st.session_state.setdefault(_SEEN_UPLOADS, set())
    fresh = [f for f in uploads or [] if f.file_id not in seen]
    if fresh:
        session.add_batch(_parse([(f.name, f.getvalue()) for f in fresh]))
        seen.update(f.file_id for f in fresh)

    with st.expander("Paste an article", expanded=False):
        pasted = st.text_area("Article text", key="pasted_text", height=180)
        if st.button("Parse pasted text", disabled=not pasted.strip()):
            result = BatchResult()
            try:
                add_article(result, read_text(pasted, source="pasted text"))
            except IngestError as error:
                result.problems.append(ReadProblem("pasted text", str(error)))
            session.add_batch(result)

    if st.button("Load sample articles", icon=":material/library_books:"):
        session.add_batch(_parse(_sample_documents()))


def render_batch_summary() -> None:
    """How many articles were read, how many deals, their value; every file that failed and why."""
    latest = session.last_batch()
    if latest is None:
        return
    batch, new = latest
    summary = summarise(deals_frame(batch.deals))
    articles = len(batch.articles)
    message = (
        f"Read {articles} article{'s' if articles != 1 else ''}, "
        f"found {summary.deals} deal{'s' if summary.deals != 1 else ''} "
        f"worth {format_usd(summary.total_value_usd)} in total."
    )
    if new < summary.deals:
        already = summary.deals - new
        message += f" {already} of them {'was' if already == 1 else 'were'} already stored."
    st.success(message)
    for problem in batch.problems:
        st.warning(f"**{escape_markdown(problem.source)}** could not be read: {escape_markdown(problem.reason)}", icon=":material/warning:")
