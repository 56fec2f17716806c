"""Bytes → text, with the encoding detected from the bytes, never assumed from the file name.

Order: a byte-order mark (UTF-8/16/32); strict UTF-8 (the fast path: most files end here, without any
detection); UTF-16 without a mark (zero bytes in every other place); charset-normalizer for the legacy code
pages news comes in (Windows-1251, KOI8-R, Windows-1256, ISO-8859-6 …), only when strict UTF-8 fails. A file
whose lines are partly UTF-8 and partly another encoding (two exports pasted together) is decoded line by
line and flagged, rather than turned into mojibake or refused. Bytes that are no text in any encoding are
refused with a reason, naming the file type when its signature shows it.

A mostly good file is not lost. UTF-8 text with a few invalid bytes (a damaged download, a stray byte from
another code page) is read with each run of invalid bytes replaced by U+FFFD, and a note that says how many
(at most 1% of the bytes, or 8 in a short file, in runs of at most 3 — a longer run is a word in another
encoding — and only when the file holds valid UTF-8 beyond ASCII: ASCII with a few high bytes is a legacy code
page, such as Windows-1252's curly quotes). Zero bytes sprinkled in text (as many) are dropped, with a note,
when the rest reads as text; more of them means UTF-16/32, or a binary file.
"""

from __future__ import annotations

import codecs
import re
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
# Control characters (Unicode category Cc: U+0000–U+001F, U+007F–U+009F) other than tab, line feed, vertical
# tab, form feed and carriage return.
_CONTROL = re.compile("[\x00-\x08\x0e-\x1f\x7f-\x9f]")
# UTF-8 with invalid bytes: at most this share of the file's bytes may be invalid, in runs of at most
# MAX_INVALID_RUN bytes (a 4-byte character cut short leaves 3; a word in another code page is longer).
MAX_INVALID_SHARE = 0.01
MAX_INVALID_RUN = 3
# Zero bytes that may be dropped from text (share of the file's bytes); UTF-16 text has far more (every
# ASCII character, space or digit brings one).
MAX_ZERO_SHARE = 0.01
# However short the file, this many invalid or zero bytes are within those shares (1% of a 400-byte note is 4).
MIN_TOLERATED = 8
# Invalid bytes as ``bytes.decode("utf-8", "surrogateescape")`` gives them: one lone surrogate per byte.
_ESCAPED = re.compile("[\udc80-\udcff]+")
# A character beyond ASCII that is not an escaped invalid byte: the file holds real UTF-8.
_UTF8_BEYOND_ASCII = re.compile("[\u0080-\udc7f\udd00-\U0010ffff]")


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
            body = data[len(bom):]
            try:
                return _checked(Decoded(body.decode(encoding), encoding), data)
            except UnicodeDecodeError:
                # The mark says UTF-8: a few invalid bytes after it are damage, not another encoding.
                repaired = _repaired_utf8(body, longest_run=None) if encoding == "utf-8" else None
                if repaired is not None:
                    return _checked(repaired, data)
                name = encoding.upper().removesuffix("-LE").removesuffix("-BE")
                raise IngestError(f"the file starts with a {name} byte-order mark but is not valid {name}") from None
    zeros = data.count(b"\x00")
    if zeros:  # UTF-16/32 without a mark, text with a few stray zero bytes, or not text at all
        return _with_zero_bytes(data, zeros)
    return _decode_bytes(data)


def strict_utf8(data: bytes) -> Decoded | None:
    """The fast path: the text of bytes that are valid UTF-8 without zero bytes or a byte-order mark, checked
    for control characters; None for any other bytes (``decode`` then finds out what they are)."""
    if data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)) or b"\x00" in data:
        return None
    if any(data.startswith(signature) for signature, _ in _SIGNATURES):
        return None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    return _checked(Decoded(text, "utf-8"), data)


def _decode_bytes(data: bytes) -> Decoded:
    """Bytes without zero bytes or a byte-order mark: strict UTF-8 first, detection only when that fails."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    else:
        return _checked(Decoded(text, "utf-8"), data)
    if _control_share(data[:SAMPLE_BYTES]) > MAX_CONTROL_SHARE:
        raise IngestError(_binary_reason(data))
    repaired = _repaired_utf8(data, longest_run=MAX_INVALID_RUN)
    if repaired is not None:
        return _checked(repaired, data)
    try:
        mixed = _mixed(data)
        if mixed is not None:
            return mixed
        return _checked(_legacy(data), data)
    except IngestError:
        # No code page reads it either: a few longer runs of bad bytes in UTF-8 text are damage too.
        repaired = _repaired_utf8(data, longest_run=None)
        if repaired is None:
            raise
        return _checked(repaired, data)


def _repaired_utf8(data: bytes, longest_run: int | None) -> Decoded | None:
    """UTF-8 with each run of invalid bytes replaced by U+FFFD, and a note saying how many bytes; None when
    the bytes are not mostly UTF-8 (too many invalid bytes, a run longer than ``longest_run``, or no UTF-8
    character beyond ASCII at all)."""
    escaped = data.decode("utf-8", "surrogateescape")
    runs = _ESCAPED.findall(escaped)
    invalid = sum(map(len, runs))
    if not invalid or invalid > max(len(data) * MAX_INVALID_SHARE, MIN_TOLERATED):
        return None
    if longest_run is not None and max(map(len, runs)) > longest_run:
        return None
    if not _UTF8_BEYOND_ASCII.search(escaped):
        return None
    note = (f"{invalid} invalid byte{'s' if invalid != 1 else ''} (not UTF-8) {'were' if invalid != 1 else 'was'} "
            f"replaced with \ufffd — check the text near {'them' if invalid != 1 else 'it'}")
    return Decoded(_ESCAPED.sub("\ufffd", escaped), "utf-8", note)


def _with_zero_bytes(data: bytes, zeros: int) -> Decoded:
    """Text with a few stray zero bytes (dropped, with a note), else UTF-16/32 without a mark, else binary."""
    if zeros <= max(len(data) * MAX_ZERO_SHARE, MIN_TOLERATED):
        try:
            decoded = _decode_bytes(data.replace(b"\x00", b""))
        except IngestError:
            decoded = None
        if decoded is not None:
            note = f"{zeros} zero byte{'s were' if zeros != 1 else ' was'} dropped (not text)"
            return Decoded(decoded.text, decoded.encoding, f"{note}; {decoded.note}" if decoded.note else note)
    wide = _wide_unicode(data)
    if wide is None:
        raise IngestError(_binary_reason(data))
    return wide


def _checked(decoded: Decoded, data: bytes) -> Decoded:
    """Refuse decoded 'text' that is mostly control characters (a binary file that happens to decode)."""
    sample = decoded.text[:SAMPLE_BYTES]
    control = len(_CONTROL.findall(sample))
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
