"""PDF: the text layer of each page (pypdf), in reading order, without letterheads, running headers/footers
and page numbers (``ingest/pdf_layout.py``). Encrypted, truncated, damaged and scanned-only PDFs are named
as such; pages beyond the limit are not read.

pypdf is lenient by design and logs what it repairs; those log lines are not for analysts (the reason we
give is), so its logger is quietened. Its content-stream parser is replaced by a faster one that gives the same
operations (``ingest/pdf_content.py``; most of a PDF's reading time was spent there).
"""

from __future__ import annotations

import io
import logging
import re
import statistics
from collections.abc import Iterator

from ...schema import Article, ReadProblem
from ..article import make_article
from ..errors import IngestError
from ..limits import Limits, describe
from ..pdf_content import install as install_fast_content_parser
from ..pdf_layout import Line, drop_furniture, group_lines, page_pieces, page_text

logging.getLogger("pypdf").setLevel(logging.CRITICAL)

# Readers look for the end-of-file marker in the last kilobyte; a few tools pad after it.
EOF_WINDOW = 4096


def read(name: str, data: bytes, limits: Limits) -> Iterator[Article | ReadProblem]:
    from pypdf import PasswordType, PdfReader
    from pypdf.errors import DependencyError

    install_fast_content_parser()

    if b"%PDF-" not in data[:1024]:
        raise IngestError("this is not a PDF (it does not start with %PDF-)")
    if b"%%EOF" not in data[-EOF_WINDOW:]:
        raise IngestError("the PDF is incomplete: it stops before its end-of-file marker (a broken download?)")
    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            try:
                opened = reader.decrypt("")  # many PDFs are 'encrypted' only against editing, with no password to open
            except DependencyError:
                opened = PasswordType.NOT_DECRYPTED
            if opened == PasswordType.NOT_DECRYPTED:
                raise IngestError("the PDF is encrypted (it needs a password to open)")
        count = len(reader.pages)
    except IngestError:
        raise
    except Exception as error:  # pypdf fails in many ways on a damaged file; the file is what is wrong
        raise IngestError(f"the PDF is damaged and could not be opened ({_why(error)})") from None
    if count == 0:
        raise IngestError("the PDF has no pages")
    pages: list[list[Line]] = []
    damaged = 0
    for page in reader.pages[: limits.max_pdf_pages]:
        try:
            pages.append(group_lines(page_pieces(page)))
        except Exception:
            damaged += 1
    # Page by page, then joined with a plain line break: a sentence cut by a page break is joined again
    # by reflow like any other wrapped line.
    text = reflow("\n".join(t for t in map(page_text, drop_furniture(pages)) if t.strip()))
    if not text:
        if damaged:
            raise IngestError(f"no text could be read from the PDF ({damaged} damaged page{'s' if damaged > 1 else ''})")
        raise IngestError("the PDF has no text layer (a scanned image?); run it through OCR first")
    yield make_article(name, text)  # metadata titles are mostly tool junk ('Microsoft Word - x.docx')
    if count > limits.max_pdf_pages:
        yield ReadProblem(
            name,
            f"only the first {limits.max_pdf_pages:,} of its {count:,} pages were read; "
            f"the limit is {describe('max_pdf_pages', limits.max_pdf_pages)}",
        )
    if damaged:
        yield ReadProblem(name, f"{damaged} damaged page{'s were' if damaged > 1 else ' was'} skipped", warning=True)


_ENDS_SENTENCE = re.compile(r"[.!?:;\u061f\u2026\"'»”)\]]\s*$")
# A line this much shorter than the page's usual line is a heading or a paragraph's last line.
SHORT_LINE = 0.6


def reflow(text: str) -> str:
    """Join the lines a PDF wraps inside a paragraph, so a sentence is not cut at each line end.

    The engine ends a sentence at a line break; a PDF's text layer breaks every printed line. A line is
    joined to the next unless it ends a sentence, is short (a heading, a paragraph's end) or is blank.
    """
    lines = text.splitlines()
    lengths = [len(line.strip()) for line in lines if line.strip()]
    if len(lengths) < 2:
        return text.strip()
    usual = statistics.median(lengths)
    out: list[str] = []
    joining = False
    for line in lines:
        line = line.strip()
        if not line:
            out.append("\n" if out and out[-1] != "\n" else "")
            joining = False
            continue
        if joining:
            out[-1] = out[-1] + ("" if out[-1].endswith("-") else " ") + line
        else:
            out.append(line)
        joining = len(line) >= usual * SHORT_LINE and not _ENDS_SENTENCE.search(line)
    return "\n".join(part for part in out if part).replace("\n\n\n", "\n\n")


def _why(error: Exception) -> str:
    message = str(error).strip().splitlines()[0] if str(error).strip() else ""
    return f"{type(error).__name__}: {message[:120]}" if message else type(error).__name__
