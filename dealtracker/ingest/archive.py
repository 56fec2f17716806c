"""ZIP archives → the files inside them, read in memory within limits; nothing is ever written to disk.

A ZIP can claim little and expand to gigabytes (a "zip bomb"), hold thousands of entries, or name entries
``../../etc/passwd``. So: the entry count and the declared uncompressed sizes are checked before anything
is decompressed; each entry is then read in bounded chunks while the bytes actually produced are counted
against the same limits; only stored and deflated entries are opened (bzip2 and LZMA decompress in
unbounded steps); names that climb out of the archive or are absolute are reported and skipped, although
they are never used as paths anyway; archives inside archives are reported, not opened.
"""

from __future__ import annotations

import io
import zipfile
import zlib
from collections.abc import Iterator
from pathlib import PurePosixPath, PureWindowsPath

from ..schema import ReadProblem
from .errors import IngestError
from .limits import Limits, check_file_size, describe, format_size

ARCHIVE_SUFFIXES = {".zip"}
CHUNK = 64 * 1024
_SAFE_METHODS = {zipfile.ZIP_STORED, zipfile.ZIP_DEFLATED}
# Entries that archiving tools add and nobody means to upload.
_NOISE_PREFIXES = ("__MACOSX/",)
_NOISE_NAMES = {".DS_Store", "Thumbs.db", "desktop.ini"}


def is_archive(name: str) -> bool:
    return PurePosixPath(name).suffix.lower() in ARCHIVE_SUFFIXES


def open_zip(data: bytes, limits: Limits, what: str = "archive") -> zipfile.ZipFile:
    """Open ZIP bytes after checking entry count and declared expanded size; IngestError if refused."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, ValueError, EOFError, NotImplementedError) as error:
        raise IngestError(f"this is not a valid ZIP {what} ({error})") from None
    if len(entries) > limits.max_archive_entries:
        raise IngestError(
            f"the {what} holds {len(entries):,} files; the limit is {describe('max_archive_entries', limits.max_archive_entries)}"
        )
    declared = sum(entry.file_size for entry in entries)
    if declared > limits.max_archive_bytes:
        raise IngestError(
            f"the {what} expands to {format_size(declared)}; the limit is {describe('max_archive_bytes', limits.max_archive_bytes)}"
        )
    return archive


def read_entry(archive: zipfile.ZipFile, entry: zipfile.ZipInfo, budget: int, limits: Limits) -> bytes:
    """One entry's bytes, stopping as soon as it passes the per-file limit or the archive's remaining budget."""
    if entry.flag_bits & 0x1:
        raise IngestError("the file is encrypted in the archive (password-protected ZIP)")
    if entry.compress_type not in _SAFE_METHODS:
        raise IngestError("the file is compressed with a method other than ZIP's usual one (Deflate); re-pack the archive")
    too_big = check_file_size(entry.file_size, limits)
    if too_big:
        raise IngestError(too_big)
    cap = min(limits.max_file_bytes, budget)
    parts: list[bytes] = []
    size = 0
    try:
        with archive.open(entry) as handle:
            while chunk := handle.read(CHUNK):
                size += len(chunk)
                if size > cap:
                    raise IngestError(
                        f"the file expands beyond {format_size(cap)}, more than its archive entry declares or the limits allow "
                        f"({describe('max_file_bytes', limits.max_file_bytes)}, {describe('max_archive_bytes', limits.max_archive_bytes)})"
                    )
                parts.append(chunk)
    except (zipfile.BadZipFile, zipfile.LargeZipFile, zlib.error, ValueError, EOFError, OSError, NotImplementedError) as error:
        raise IngestError(f"the file is damaged in the archive ({error})") from None
    return b"".join(parts)


def unsafe_name(name: str) -> bool:
    """A name that is absolute or climbs out of the archive (in POSIX or Windows spelling)."""
    posix, windows = PurePosixPath(name), PureWindowsPath(name)
    return posix.is_absolute() or windows.is_absolute() or bool(windows.drive) or ".." in posix.parts or ".." in windows.parts


def open_files(name: str, data: bytes, limits: Limits, supported: set[str]) -> Iterator[tuple[str, bytes] | ReadProblem]:
    """A file as (name, bytes); a ZIP archive as each of its files, named ``archive.zip/inner/file.txt``.

    Problems with the archive as a whole are one ReadProblem for ``name``; with one entry, a ReadProblem
    for that entry, and the other entries are still read. Entries of a type no reader knows are skipped
    (as in a folder); an archive with nothing readable says so.
    """
    if not is_archive(name):
        yield name, data
        return
    try:
        archive = open_zip(data, limits)
    except IngestError as error:
        yield ReadProblem(name, str(error))
        return
    budget = limits.max_archive_bytes
    produced = 0
    with archive:
        for entry in archive.infolist():
            inner = entry.filename
            label = f"{name}/{inner}"
            if entry.is_dir() or inner.startswith(_NOISE_PREFIXES) or PurePosixPath(inner).name in _NOISE_NAMES:
                continue
            if unsafe_name(inner):
                produced += 1
                yield ReadProblem(label, "the archive names a path outside itself; skipped")
                continue
            suffix = PurePosixPath(inner).suffix.lower()
            if suffix in ARCHIVE_SUFFIXES:
                produced += 1
                yield ReadProblem(label, "archives inside archives are not opened; upload it on its own")
                continue
            if suffix not in supported:
                continue
            produced += 1
            try:
                content = read_entry(archive, entry, budget, limits)
            except IngestError as error:
                yield ReadProblem(label, str(error))
                continue
            budget -= len(content)
            yield label, content
    if not produced:
        yield ReadProblem(name, f"the archive holds no file of a type that can be read ({', '.join(sorted(supported))})")
