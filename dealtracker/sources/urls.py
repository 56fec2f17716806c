"""Web addresses: each one fetched (``web.fetcher``: polite and safe) and read by the reader of what it serves —
a web page by the HTML reader (trafilatura: the article body, its title and date), a PDF by the PDF reader — as
one file of the pipeline, named by its address. Every article keeps the address it came from (``Article.url``),
as it was given: a feed's next poll gives the same address, and the store knows it by its key (``web.urlkey``).

A PDF link is read, not refused: ministries and banks publish their agreements as PDFs, and the PDF reader
already reads untrusted files within the limits (pages, size). An address serving anything else is refused by
the fetcher with its type named.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from dataclasses import replace

from ..ingest import IngestError, Limits
from ..ingest.formats import READERS
from ..schema import Article, ReadProblem
from ..web.body import HTML, PDF
from ..web.errors import FetchError
from ..web.urlkey import url_key
from . import Document

_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*://")
_SEPARATORS = re.compile(r"[\s,;<>\"']+")
_READER_OF = {HTML: READERS[".html"], PDF: READERS[".pdf"]}


def is_web_address(text: str) -> bool:
    """Whether a command-line argument is meant as an address (``scheme://…``) rather than a path: any scheme
    counts, so ``file:///etc/passwd`` is refused by the fetcher with a reason, not read from disk."""
    return bool(_SCHEME.match(text.strip()))


def addresses_in(text: str) -> list[str]:
    """The addresses in pasted text (one per line, or separated by spaces or commas), each once (by its key)."""
    seen: dict[str, str] = {}
    for word in _SEPARATORS.split(text):
        if word and is_web_address(word):
            seen.setdefault(url_key(word), word)
    return list(seen.values())


def fetched(urls: Iterable[str], fetcher) -> Iterator[Document | ReadProblem]:
    """Each address's body as a document (``metadata``: kind "url", the address, the final one after redirects,
    and the format), or the reason it could not be fetched. ``fetcher``: a ``web.fetcher.Fetcher``."""
    for url in urls:
        try:
            page = fetcher.fetch(url)
        except FetchError as error:  # the problem is named by the address: the message need not repeat it
            yield ReadProblem(url, f"not fetched: {str(error).removeprefix(url + ': ')}")
            continue
        yield Document(url, page.data, {"kind": "url", "url": url, "final_url": page.final_url, "format": page.kind})


def read_fetched(document: Document, limits: Limits) -> Iterator[Article | ReadProblem]:
    """A fetched document's articles, each with its address; the problem when the body cannot be read."""
    try:
        if not document.data.strip():
            raise IngestError("the page is empty")
        for item in _READER_OF[document.metadata["format"]](document.name, document.data, limits):
            yield replace(item, url=document.metadata["url"]) if isinstance(item, Article) else item
    except IngestError as error:
        yield ReadProblem(document.name, str(error))
