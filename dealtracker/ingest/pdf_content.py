"""A faster reading of PDF content streams for pypdf: the same operations, in a fraction of the time.

Reading a PDF's text, pypdf spends most of its time cutting each page's content stream into operators and
operands (``ContentStream._parse_content_stream``), one byte at a time in Python: on the development set's PDFs
(Chrome's print to PDF: every glyph run a hex string), 55-60% of the reading of a PDF. Here the common tokens —
operators, numbers, names, hex strings, plain literal strings and arrays of those — are cut with regular
expressions over the whole stream and made into the very objects pypdf makes (its own classes and
``create_string_object``); any other token (a dictionary, a string with escapes, a boolean, an odd number, an
inline image …) is handed to pypdf's own ``read_object`` at that place, so its result is pypdf's by
construction. When anything at all differs from the common case — an error, a limit of pypdf's within reach, an
operator longer than usual — the whole stream is parsed again by pypdf's own parser, which then gives what it
always gave (its operations or its exception).

pypdf's parsing budget (a count of tokens per stream) is kept by construction: every token made here is at
least one byte long, so a stream shorter than half the budget cannot spend it; pypdf's own readers get what is
left beyond the stream's length, and a stream that long is pypdf's alone.

It is installed (``install``) only under the pypdf versions it was checked against, token by token, on every
PDF we have and on generated streams (``tests/test_reading_speed_paths.py``); under any other version pypdf
parses as it always did.
"""

from __future__ import annotations

import re
from io import BytesIO
from typing import Any

# pypdf versions whose content-stream parser this one was checked against (requirements.txt pins 7.1.1).
CHECKED_PYPDF = ("7.1.1",)

# A run of bytes that ends a token: ``NameObject.delimiter_pattern`` (``\s+|[()<>[\]{}/%]``).
_DELIMITERS = rb" \t\n\r\x0b\x0c()<>\[\]{}/%"
# One top-level token after pypdf's whitespace (``WHITESPACES``: NUL, tab, LF, FF, CR, space): the common kinds
# by name, anything else as ``other`` (an empty match, read one by one below). A number is the one pypdf reads
# from its 20-byte peek — up to the first byte not in the range ``+-.`` (+ , - .) or a digit — written the way
# int() and float() read without pypdf's "invalid number" fallback, and not the start of "1 0 R" (pypdf takes
# that for a reference); a name has no #-escape.
_COMMON = (
    rb"(?P<number>[+-]?(?:\d+\.?\d*|\.\d+))(?=[^+,\-.0-9])(?!\s+\d+\s+R)"
    rb"|(?P<hex><[0-9A-Fa-f]*>)"
    rb"|(?P<name>/[^" + _DELIMITERS + rb"#]*)(?=[" + _DELIMITERS + rb"]|\Z)"
)
_TOP = re.compile(
    rb"[\x00\t\n\x0c\r ]*(?:(?P<operator>[A-Za-z'\"][^" + _DELIMITERS + rb"]*)|" + _COMMON + rb"|(?P<other>))"
)
# Array elements: whitespace is also the vertical tab there (``tok.isspace() or tok in WHITESPACES``).
_ELEMENT = re.compile(rb"[\x00\t\n\x0b\x0c\r ]*(?:" + _COMMON + rb"|(?P<other>))")
# Dictionary entries: whitespace as at the top (``read_non_whitespace``).
_ENTRY = re.compile(rb"[\x00\t\n\x0c\r ]*(?:" + _COMMON + rb"|(?P<other>))")
_PLAIN_LITERAL = re.compile(rb"\(([^()\\]*)\)")
_SPACE = re.compile(rb"[\x00\t\n\x0c\r ]*")
MAX_OPERATOR = 16  # bytes; pypdf's own limit is 128, counted in its reading chunks
MAX_NAME = 1000  # bytes; pypdf's own limit is 4096, counted in its reading chunks
MAX_NUMBER = 19  # bytes: pypdf reads a number from a 20-byte peek that must hold the byte after it

_ORIGINAL = None


class _Fallback(Exception):
    """Something outside the common case: the stream is parsed by pypdf's own parser."""


class _Delegate(Exception):
    """A token for pypdf's own ``read_object``."""


def install() -> bool:
    """Let pypdf parse content streams here (once per process); False, and nothing changed, under a pypdf
    version this parser was not checked against."""
    global _ORIGINAL
    import pypdf
    from pypdf.generic import ContentStream

    if _ORIGINAL is not None:
        return True
    if pypdf.__version__ not in CHECKED_PYPDF:
        return False
    _ORIGINAL = ContentStream._parse_content_stream
    ContentStream._parse_content_stream = _parse_content_stream
    return True


def uninstall() -> None:
    """pypdf's own parser again."""
    global _ORIGINAL
    from pypdf.generic import ContentStream

    if _ORIGINAL is not None:
        ContentStream._parse_content_stream = _ORIGINAL
        _ORIGINAL = None


def _parse_content_stream(self, stream) -> None:
    """``ContentStream._parse_content_stream``: the operations appended to ``self._operations``."""
    stream.seek(0, 0)
    data = stream.read()
    try:
        operations = parse_operations(data, self)
    except Exception:  # anything uncommon, pypdf's errors included: pypdf's own parser, from the start
        return _ORIGINAL(self, stream)
    self._operations.extend(operations)
    return None


def parse_operations(data: bytes, content_stream: Any) -> list[tuple[Any, bytes]]:
    """The (operands, operator) pairs of a content stream, as pypdf's parser gives them; raises on anything
    this parser leaves to pypdf's (the caller then runs pypdf's parser on the whole stream)."""
    reader = _Reader(data, content_stream)
    operations: list[tuple[Any, bytes]] = []
    operands: list[Any] = []
    size = len(data)
    position = 0
    top = _TOP.match
    number, name, string = reader.number, reader.name, reader.string
    while True:
        match = top(data, position)
        kind = match.lastgroup
        position = match.end()
        if kind == "operator":
            operator = match.group(kind)
            if len(operator) > MAX_OPERATOR:
                raise _Fallback("a long operator")
            if operator == b"BI":  # an inline image: pypdf's own reader, from where pypdf's parser calls it
                if operands:
                    raise _Fallback("operands before an inline image")
                from pypdf.generic._image_inline import read_inline_image

                stream = reader.stream_at(position)
                image = read_inline_image(content_stream=content_stream, stream=stream, parsing_budget=reader.budget)
                operations.append((image, b"INLINE IMAGE"))
                position = stream.tell()
            else:
                operations.append((operands, operator))
                operands = []
        elif kind == "number":
            operands.append(number(match.group(kind)))
        elif kind == "hex":
            operands.append(string(_hex_bytes(match.group(kind))))
        elif kind == "name":
            operands.append(name(match.group(kind)))
        else:
            if position >= size:
                break
            if data[position] == 0x25:  # % a comment, to the end of its line (the line break with it)
                ends = [i for i in (data.find(b"\r", position), data.find(b"\n", position)) if i >= 0]
                position = min(ends) + 1 if ends else size
                continue
            value, position = reader.operand(position)
            operands.append(value)
    return operations


def _hex_bytes(token: bytes) -> bytes:
    """The bytes of a hex string token ``<4A6F>`` (an odd last digit is followed by 0, as pypdf reads it)."""
    digits = token[1:-1]
    return bytes.fromhex((digits + b"0" if len(digits) % 2 else digits).decode("ascii"))


class _Reader:
    """Operands from one stream's bytes: the common ones made here, the others by pypdf's ``read_object``."""

    def __init__(self, data: bytes, content_stream: Any):
        from pypdf._configuration import get_configuration
        from pypdf.generic import (
            ArrayObject, ByteStringObject, DictionaryObject, FloatObject, NameObject, NullObject, NumberObject,
            StreamParsingBudget, create_string_object,
        )

        configuration = get_configuration()
        if 2 * len(data) >= configuration.stream_parsing_work_maximum_count:
            raise _Fallback("a stream this long may spend pypdf's parsing budget")
        # What pypdf's readers may spend here: the budget less one token per byte of the stream.
        self.budget = StreamParsingBudget(remaining_budget=configuration.stream_parsing_work_maximum_count - len(data))
        self.max_array = configuration.array_maximum_element_count
        self.max_dictionary = configuration.dictionary_maximum_element_count
        self.data = data
        self.forced_encoding = forced = content_stream.forced_encoding
        self._stream: BytesIO | None = None
        self.ArrayObject, self.DictionaryObject, self.NullObject = ArrayObject, DictionaryObject, NullObject
        self.FloatObject, self.NameObject, self.NumberObject = FloatObject, NameObject, NumberObject
        # create_string_object with the encoding "bytes" (pypdf's for text extraction) is ByteStringObject
        self.string = ByteStringObject if forced == "bytes" else (lambda raw: create_string_object(raw, forced))

    def stream_at(self, position: int) -> BytesIO:
        if self._stream is None:
            self._stream = BytesIO(self.data)
        self._stream.seek(position)
        return self._stream

    def pypdf_object(self, position: int) -> tuple[Any, int]:
        """pypdf's own reading of the object at ``position`` (its errors propagate)."""
        from pypdf.generic._data_structures import read_object

        stream = self.stream_at(position)
        value = read_object(stream, None, self.forced_encoding, parsing_budget=self.budget)
        return value, stream.tell()

    def number(self, token: bytes) -> Any:
        if len(token) > MAX_NUMBER:
            raise _Fallback("a long number")
        return self.FloatObject(token) if b"." in token else self.NumberObject(token)

    def name(self, token: bytes) -> Any:
        if len(token) > MAX_NAME:
            raise _Fallback("a long name")
        try:
            return self.NameObject(token.decode("utf-8"))
        except UnicodeDecodeError:
            raise _Fallback("a name pypdf decodes otherwise") from None

    def common(self, match: re.Match[bytes], kind: str) -> Any:
        """The number, hex string or name ``match`` found (it ends where the match ends)."""
        token = match.group(kind)
        if kind == "number":
            return self.number(token)
        if kind == "hex":
            return self.string(_hex_bytes(token))
        return self.name(token)

    def operand(self, position: int) -> tuple[Any, int]:
        """An operand that is not a number, hex string or name: an array, a dictionary, a plain literal string,
        else pypdf's own reading."""
        try:
            return self.composite(position)
        except _Delegate:
            return self.pypdf_object(position)

    def composite(self, position: int) -> tuple[Any, int]:
        data = self.data
        first = data[position]
        if first == 0x28:  # ( a literal string without escapes or nested brackets
            match = _PLAIN_LITERAL.match(data, position)
            if match is None:
                raise _Delegate
            return self.string(match.group(1)), match.end()
        if first == 0x5B:  # [
            return self.array(position)
        if first == 0x3C and data[position + 1:position + 2] == b"<":  # <<
            return self.dictionary(position)
        raise _Delegate

    def array(self, position: int) -> tuple[Any, int]:
        """An array of common elements (also arrays, dictionaries and plain strings); _Delegate for any other."""
        data = self.data
        size = len(data)
        array = self.ArrayObject()
        element = _ELEMENT.match
        position += 1
        while True:
            match = element(data, position)
            kind = match.lastgroup
            position = match.end()
            if kind != "other":
                array.append(self.common(match, kind))
                continue
            if position >= size:  # pypdf ends an array at the end of the stream too
                break
            first = data[position]
            if first == 0x5D:  # ]
                position += 1
                break
            if first == 0x6E and data[position:position + 4] == b"null":  # pypdf's shortcut for null
                array.append(self.NullObject())
                position += 4
                continue
            value, position = self.composite(position)  # a comment, a boolean …: _Delegate
            array.append(value)
        if len(array) > self.max_array:
            raise _Fallback("the array element limit")
        return array, position

    def dictionary(self, position: int) -> tuple[Any, int]:
        """A dictionary of names to common values (``<</MCID 3>>`` of marked content); _Delegate for any other,
        a stream object among them."""
        data = self.data
        size = len(data)
        entries: dict[Any, Any] = {}
        entry = _ENTRY.match
        position += 2
        while True:
            match = entry(data, position)
            position = match.end()
            if match.lastgroup == "name":
                key = self.name(match.group("name"))
            else:
                if data[position:position + 2] == b">>":
                    position += 2
                    break
                raise _Delegate  # a key that is no plain name, a comment, the end of the stream
            if key in entries:
                raise _Delegate
            match = entry(data, position)
            kind = match.lastgroup
            position = match.end()
            if kind != "other":
                value = self.common(match, kind)
            else:
                if position >= size:
                    raise _Delegate
                value, position = self.composite(position)
            entries[key] = value
        if len(entries) > self.max_dictionary:
            raise _Fallback("the dictionary entry limit")
        if data.startswith(b"stream", _SPACE.match(data, position).end()):  # a stream object: pypdf's
            raise _Delegate
        dictionary = self.DictionaryObject()
        dictionary.update(entries)
        return dictionary, position
