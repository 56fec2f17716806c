"""A response body read within the size cap, and what kind of document it is.

We ask only for ``gzip`` and ``deflate`` and decompress the raw bytes ourselves, in bounded steps
(``zlib``'s ``max_length``): a client that decompresses whole chunks can turn one 64 KB chunk of a gzip bomb into
64 MB before any cap is looked at. Here no more than the cap (plus one step) is ever held, and a body that expands
past it more than ``BOMB_RATIO`` times its compressed size is named a decompression bomb.
"""

from __future__ import annotations

import time
import zlib
from collections.abc import Iterable

from .errors import BOMB, CONTENT_TYPE, ENCODING, TIMEOUT, TOO_LARGE, FetchError

# Decompressed over compressed past which an oversized body is a bomb rather than a big page (news HTML
# compresses 5-10 times; a bomb of zeros about 1,000 times).
BOMB_RATIO = 100

HTML = "html"
FEED = "feed"
PDF = "pdf"
_TYPES = {
    "text/html": HTML, "application/xhtml+xml": HTML,
    "application/rss+xml": FEED, "application/atom+xml": FEED, "application/rdf+xml": FEED,
    "application/xml": FEED, "text/xml": FEED, "application/x-rss+xml": FEED,
    "application/pdf": PDF, "application/x-pdf": PDF,
}
_UNTYPED = ("", "application/octet-stream", "binary/octet-stream")


def media_type(header: str | None) -> str:
    """``text/html`` of ``text/html; charset=utf-8``, lower case."""
    return (header or "").split(";")[0].strip().lower()


def declared_kind(header: str | None) -> str | None:
    """The kind (html, feed, pdf) a Content-Type names, None for any other type, "" when it names none."""
    media = media_type(header)
    return "" if media in _UNTYPED else _TYPES.get(media)


def sniffed_kind(data: bytes) -> str | None:
    """The kind of a body served without a useful Content-Type, from its first bytes."""
    head = data[:512].lstrip().lower()
    if head.startswith(b"%pdf-"):
        return PDF
    if head.startswith((b"<!doctype html", b"<html")):
        return HTML
    if head.startswith(b"<?xml") or head.startswith((b"<rss", b"<feed", b"<rdf")):
        return FEED
    return None


def refuse_type(url: str, header: str | None, accepted: Iterable[str]) -> FetchError:
    names = {HTML: "web pages", FEED: "RSS/Atom feeds", PDF: "PDF files"}
    wanted = " or ".join(names[kind] for kind in accepted)
    return FetchError(CONTENT_TYPE, f"{url}: served as {media_type(header) or 'no type'}; only {wanted} are read")


class BodyReader:
    """Raw chunks in, the decoded body out, within ``max_bytes`` and a deadline."""

    def __init__(self, url: str, content_encoding: str | None, max_bytes: int, deadline: float):
        self.url, self.max_bytes, self.deadline = url, max_bytes, deadline
        coding = (content_encoding or "identity").strip().lower()
        if coding in ("gzip", "x-gzip"):
            self._inflate: zlib._Decompress | None = zlib.decompressobj(16 + zlib.MAX_WBITS)
        elif coding == "deflate":
            self._inflate = zlib.decompressobj()
        elif coding in ("identity", ""):
            self._inflate = None
        else:
            raise FetchError(ENCODING, f"{url}: the server compressed the body with {coding}, which was not asked for")
        self.raw = 0
        self.body = bytearray()

    def read(self, chunks: Iterable[bytes]) -> bytes:
        """Every chunk, checked as it comes; the whole decoded body."""
        for chunk in chunks:
            if time.monotonic() > self.deadline:
                raise FetchError(TIMEOUT, f"{self.url}: the response took too long to arrive (the server is too slow)")
            self.raw += len(chunk)
            if self.raw > self.max_bytes:
                raise self._too_large()
            self._add(chunk)
        if self._inflate is not None:
            self._add_piece(self._inflate.flush())
        return bytes(self.body)

    def _add(self, chunk: bytes) -> None:
        if self._inflate is None:
            self._add_piece(chunk)
            return
        data = chunk
        while data:
            try:
                piece = self._inflate.decompress(data, self.max_bytes - len(self.body) + 1)
            except zlib.error as error:
                raise FetchError(ENCODING, f"{self.url}: the compressed body is damaged ({error})") from None
            self._add_piece(piece)
            data = self._inflate.unconsumed_tail

    def _add_piece(self, piece: bytes) -> None:
        self.body += piece
        if len(self.body) > self.max_bytes:
            if self._inflate is not None and len(self.body) > BOMB_RATIO * max(self.raw, 1):
                raise FetchError(BOMB, f"{self.url}: {self.raw:,} compressed bytes expand past the "
                                 f"{_mb(self.max_bytes)} limit (a decompression bomb)")
            raise self._too_large()

    def _too_large(self) -> FetchError:
        return FetchError(TOO_LARGE, f"{self.url}: the body is larger than the {_mb(self.max_bytes)} limit "
                          "(DEALTRACKER_MAX_FILE_MB)")


def check_declared_length(url: str, header: str | None, max_bytes: int) -> None:
    """Refuse before reading a body whose Content-Length already says it is too large."""
    if header and header.strip().isdigit() and int(header) > max_bytes:
        raise FetchError(TOO_LARGE, f"{url}: the body is {int(header):,} bytes, larger than the {_mb(max_bytes)} "
                         "limit (DEALTRACKER_MAX_FILE_MB)")


def _mb(size: int) -> str:
    return f"{size / (1024 * 1024):g} MB"
