"""Bytes → text, with the encoding detected from the bytes, never assumed from the file name.

Order: a byte-order mark (UTF-8/16/32); valid UTF-8; UTF-16 without a mark (zero bytes in every other
place); charset-normalizer for the legacy code pages news comes in (Windows-1251, KOI8-R, Windows-1256,
ISO-8859-6 …). A file whose lines are partly UTF-8 and partly another encoding (two exports pasted
together) is decoded line by line and flagged, rather than turned into mojibake or refused. Bytes that
are no text in any encoding are refused with a reason, naming the file type when its signature shows it.
"""

from __future__ import annotations

import codecs
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from ..data_files import read_csv
from .errors import IngestError

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
# Signatures of files people rename by mistake, so the message can say what the file really is.
_SIGNATURES = (
    (b"%PDF-", "a PDF"),
    (b"PK\x03\x04", "a ZIP package (a Word file or an archive?)"),
    (b"\xd0\xcf\x11\xe0", "an old Office document (.doc/.xls)"),
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"Rar!", "a RAR archive"),
    (b"7z\xbc\xaf", "a 7-Zip archive"),
)
SAMPLE_BYTES = 64 * 1024
# Share of control characters (other than tab, line breaks, form feed) that makes text binary.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True)
class Decoded:
    """Text with the encoding it was read in, and a note for people when the reading needed care."""

    text: str
    encoding: str
    note: str | None = None


def decode(data: bytes) -> Decoded:
    """Decode a text file's bytes, or raise IngestError saying why they are not text."""
    if any(data.startswith(signature) for signature, _ in _SIGNATURES):  # e.g. a PDF saved as .txt
        raise IngestError(_binary_reason(data))
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(Decoded(data[len(bom):].decode(encoding), encoding), data)
            except UnicodeDecodeError:
                name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                raise IngestError(f"the file starts with a {name} byte-order mark but is not valid {name}") from None
    if b"\x00" in data[:SAMPLE_BYTES]:  # zero bytes: UTF-16/32 without a mark, or not text at all
        wide = _wide_unicode(data)
        if wide is None:
            raise IngestError(_binary_reason(data))
        return wide
    try:
        return _checked(Decoded(data.decode("utf-8"), "utf-8"), data)
    except UnicodeDecodeError:
        pass
    if _control_share(data[:SAMPLE_BYTES]) > MAX_CONTROL_SHARE:
        raise IngestError(_binary_reason(data))
    mixed = _mixed(data)
    if mixed is not None:
        return mixed
    return _checked(_legacy(data), data)


def _checked(decoded: Decoded, data: bytes) -> Decoded:
    """Refuse decoded 'text' that is mostly control characters (a binary file that happens to decode)."""
    sample = decoded.text[:SAMPLE_BYTES]
    control = sum(1 for c in sample if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
    if sample and control > len(sample) * MAX_CONTROL_SHARE:
        raise IngestError(_binary_reason(data))
    return decoded


def _control_share(sample: bytes) -> float:
    if not sample:
        return 0.0
    control = sum(1 for b in sample if b < 9 or 13 < b < 32 or b == 127)
    return control / len(sample)


def _binary_reason(data: bytes) -> str:
    for signature, what in _SIGNATURES:
        if data.startswith(signature):
            return f"this is {what}, not a text file"
    return "this looks like a binary file, not text"


def _wide_unicode(data: bytes) -> Decoded | None:
    """UTF-16 or UTF-32 without a byte-order mark, as Windows tools sometimes write it."""
    from charset_normalizer import from_bytes

    best = from_bytes(data[:SAMPLE_BYTES], cp_isolation=["utf_16_le", "utf_16_be", "utf_32_le", "utf_32_be"]).best()
    if best is None:
        return None
    try:
        return _checked(Decoded(data.decode(best.encoding), best.encoding), data)
    except (UnicodeDecodeError, IngestError):
        return None


@lru_cache(maxsize=1)
def legacy_encodings() -> tuple[str, ...]:
    """The code pages our readers' news comes in (``data/legacy_encodings.csv``)."""
    return tuple(row["encoding"] for row in read_csv("legacy_encodings.csv"))


def _legacy(data: bytes) -> Decoded:
    """charset-normalizer's reading, preferring the code pages of our three languages when they read the bytes
    as cleanly as any other.

    Why not its first choice alone: on a short text many code pages decode without a trace of mess, and it then
    picked Shift-JIS for a KOI8-R sentence or Thai (cp874) for ISO-8859-6 Arabic, up to 115 characters long. Among
    readings equally clean (the same mess ratio), the one in a code page where Arabic, Russian and English news
    is written wins; a text that only another code page reads cleanly (Greek, Chinese) keeps that one.
    """
    from charset_normalizer import from_bytes

    anywhere = min(from_bytes(data), key=lambda match: match.chaos, default=None)
    preferred = list(legacy_encodings())
    ours = from_bytes(data, cp_isolation=preferred).best() if preferred else None
    best = ours if ours is not None and (anywhere is None or ours.chaos <= anywhere.chaos) else anywhere
    if best is None:
        raise IngestError("the text encoding could not be recognised (is this a text file?)")
    return Decoded(str(best), best.encoding)


def _mixed(data: bytes) -> Decoded | None:
    """Lines in UTF-8 and lines in one legacy encoding, each decoded in its own; None if not that case."""
    lines = data.splitlines(keepends=True)
    utf8_lines = bad_lines = 0
    for line in lines:
        if line.isascii():
            continue
        try:
            line.decode("utf-8")
            utf8_lines += 1
        except UnicodeDecodeError:
            bad_lines += 1
    if not utf8_lines or not bad_lines:
        return None
    legacy = _legacy(b"".join(line for line in lines if not _is_utf8(line)))
    parts = [line.decode("utf-8") if _is_utf8(line) else line.decode(legacy.encoding, errors="replace") for line in lines]
    note = (
        f"the file mixes two text encodings (UTF-8 and {legacy.encoding}); {bad_lines} line"
        f"{'s were' if bad_lines != 1 else ' was'} read as {legacy.encoding} — check the text"
    )
    return _checked(Decoded("".join(parts), f"utf-8+{legacy.encoding}", note), data)


def _is_utf8(line: bytes) -> bool:
    try:
        line.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True
