"""A mostly good file is not lost (issue 18): UTF-8 with a few invalid bytes, text with stray zero bytes.

Such a file is read with the damage replaced (U+FFFD) or dropped, and a warning that names the file and says
what was done; its deals are still found, and it does not count as failed. Real binaries (images, archives,
random bytes) are still refused with a clear reason, and UTF-16 with or without a byte-order mark still reads.
"""

from __future__ import annotations

import random

import pytest
from fixtures_ingest import ar, en, ru

from dealtracker.cli import main
from dealtracker.ingest import IngestError, read_document, read_documents
from dealtracker.ingest.encoding import MAX_INVALID_SHARE, decode
from dealtracker.pipeline import process_documents
from dealtracker.schema import Article, ReadProblem


def _damaged(text: str, positions: list[int], byte: int = 0xFF) -> bytes:
    """``text`` in UTF-8 with one byte overwritten at each position (inside a letter, the letter's other byte
    becomes invalid too)."""
    data = bytearray(text.encode("utf-8"))
    for position in positions:
        data[position] = byte
    return bytes(data)


def _items(name: str, data: bytes) -> tuple[list[Article], list[ReadProblem]]:
    items = list(read_documents(name, data))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadProblem)]


def test_a_utf8_article_with_a_few_invalid_bytes_is_read_with_a_warning_and_its_deal():
    text = ru(71)
    deal_at = text.index("71 млн")
    data = _damaged(text, [30, deal_at + 40, len(text.encode()) - 20])  # none inside the deal's words
    result = process_documents([("damaged.txt", data)])
    assert [a.source for a in result.articles] == ["damaged.txt"]
    assert (result.files, result.failed) == (1, 0)
    [warning] = result.problems
    assert warning.warning and warning.source == "damaged.txt"
    assert "invalid bytes (not UTF-8) were replaced" in warning.reason
    assert str(warning).startswith("damaged.txt: ")
    assert "\ufffd" in result.articles[0].text
    assert [deal.value_usd for deal in result.deals] == [71e6]
    assert result.articles[0].language == "ru" and result.articles[0].date == "2025-03-12"


def test_the_warning_counts_the_invalid_bytes():
    text = ru(72)
    # an ASCII digit overwritten by 0xFF: one invalid byte
    data = bytearray(text.encode("utf-8"))
    data[text.encode().index(b"72")] = 0xFF
    decoded = decode(bytes(data))
    assert decoded.note.startswith("1 invalid byte (not UTF-8) was replaced")
    assert decoded.text.count("\ufffd") == 1
    # a character cut short at the end (a truncated download): one replacement for its one remaining byte
    cut = text.rstrip(".").encode("utf-8")[:-1]
    assert cut[-1] >= 0x80
    assert decode(cut).note.startswith("1 invalid byte")
    assert decode(cut).text.endswith("\ufffd")


def test_a_utf8_file_with_a_byte_order_mark_and_an_invalid_byte_is_read_too():
    data = b"\xef\xbb\xbf" + _damaged(en(73) + " — Bishkek", [5])
    articles, problems = _items("bom.txt", data)
    assert len(articles) == 1 and "Bishkek" in articles[0].text
    assert [p.warning for p in problems] == [True] and "invalid byte" in problems[0].reason


def test_zero_bytes_sprinkled_in_text_are_dropped_with_a_warning():
    text = en(74)
    data = bytearray(text.encode("utf-8"))
    for position in (200, 100, 10):  # back to front, so the positions stay those of the text
        data[position:position] = b"\x00"
    result = process_documents([("zeros.txt", bytes(data))])
    assert [a.text for a in result.articles] == [text.strip()]
    [warning] = result.problems
    assert warning.warning and warning.source == "zeros.txt" and "3 zero bytes were dropped" in warning.reason
    assert [deal.value_usd for deal in result.deals] == [74e6]
    assert result.failed == 0


def test_zero_bytes_and_invalid_bytes_together_are_both_said():
    data = bytearray(_damaged(ru(75), [12]))
    data[50:50] = b"\x00"
    articles, problems = _items("both.txt", bytes(data))
    assert len(articles) == 1
    [warning] = problems
    assert "1 zero byte was dropped" in warning.reason and "invalid bytes (not UTF-8)" in warning.reason


def test_the_cli_prints_the_warning_on_standard_error_and_exits_0(tmp_path, capsys):
    path = tmp_path / "damaged.txt"
    path.write_bytes(_damaged(en(76) + " — Bishkek", [3]))
    assert main(["extract", str(path)]) == 0
    captured = capsys.readouterr()
    assert f"warning: {path}: 1 invalid byte (not UTF-8) was replaced" in captured.err
    assert '"value_usd": 76000000.0' in captured.out
    assert "1 file read, 0 failed" in captured.err


def test_the_app_shows_the_warning_as_a_file_that_was_read():
    from components.text import escape_markdown
    from components.uploader import _problem_text

    reason = "3 invalid bytes (not UTF-8) were replaced"
    shown = _problem_text(ReadProblem("damaged.txt", reason, warning=True))
    assert shown == f"**{escape_markdown('damaged.txt')}** was read, but {escape_markdown(reason)}"


@pytest.mark.parametrize("name, data, reason", [
    ("photo.txt", b"\x89PNG\r\n\x1a\n" + random.Random(1).randbytes(4000), "this is a PNG image, not a text file"),
    ("photo.txt", b"\xff\xd8\xff\xe0" + random.Random(2).randbytes(4000), "this is a JPEG image"),
    ("bundle.txt", b"PK\x03\x04" + random.Random(3).randbytes(4000), "ZIP package"),
    ("noise.txt", random.Random(4).randbytes(4000), "binary file"),
    ("noise.md", bytes(range(256)) * 16, "binary file"),
])
def test_real_binaries_are_still_refused_with_a_clear_reason(name, data, reason):
    with pytest.raises(IngestError, match=reason):
        read_document(name, data)


def test_a_binary_with_few_zero_bytes_is_still_refused():
    # random bytes hold about 0.4% zero bytes: within the share that may be dropped, yet the rest is no text
    data = bytes(b for b in random.Random(5).randbytes(20000))
    assert 0 < data.count(0) <= len(data) * 0.01
    with pytest.raises(IngestError, match="binary"):
        read_document("noise.txt", data)


def test_utf8_text_with_a_few_random_control_bytes_is_still_refused_when_most_are_control():
    data = bytes(random.Random(6).choice(b"\x01\x02\x03\x04\x05abc") for _ in range(5000))
    with pytest.raises(IngestError, match="binary"):
        read_document("controls.txt", data)


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-32"])
@pytest.mark.parametrize("text", [en(77), ru(77), ar(77)], ids=["en", "ru", "ar"])
def test_utf16_and_utf32_with_and_without_a_mark_still_read_exactly_and_without_a_warning(encoding, text):
    articles, problems = _items("wide.txt", text.encode(encoding))
    assert problems == []
    assert [a.text for a in articles] == [text.strip()]


def test_many_invalid_bytes_are_not_papered_over():
    """Past 1% of the bytes, invalid bytes are not 'a few': the file is read as another encoding or refused,
    never silently filled with replacement characters."""
    text = ru(78)
    data = bytearray(text.encode("utf-8"))
    rng = random.Random(7)
    for position in rng.sample(range(len(data)), int(len(data) * MAX_INVALID_SHARE * 5)):
        data[position] = 0xFF
    try:
        decoded = decode(bytes(data))
    except IngestError:
        return
    assert "invalid byte" not in (decoded.note or "")


def test_windows_1252_curly_quotes_in_ascii_text_are_read_as_that_code_page():
    """ASCII with a few high bytes holds no UTF-8 at all: a legacy code page, decoded, not 'repaired'."""
    text = "The \u201cKazakhstan Temir Zholy\u201d loan of $10 million was signed \u2013 officials said."
    decoded = decode(text.encode("cp1252"))
    assert decoded.text == text and decoded.note is None


def test_a_line_in_another_encoding_is_still_decoded_as_that_encoding():
    """A pasted line of Windows-1251 is made of runs of invalid bytes (its words): read line by line, not
    replaced, even when those bytes are fewer than 1% of the file."""
    line = "Второй абзац из другого файла, сохранённого в Windows."
    data = (ru(79) * 20).encode("utf-8") + b"\n" + line.encode("cp1251")
    assert sum(1 for b in line.encode("cp1251") if b >= 0x80) < len(data) * MAX_INVALID_SHARE
    articles, problems = _items("mixed.txt", data)
    assert articles[0].text.endswith(line)
    assert [p.warning for p in problems] == [True] and "mixes two text encodings" in problems[0].reason


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".html", ".md"])
def test_other_text_formats_take_the_same_care(suffix):
    body = en(80) + " \u2014 Bishkek"
    if suffix == ".csv":
        content = 'title,text\nLoan,"' + body.replace('"', '""') + '"\n'
    elif suffix == ".jsonl":
        import json

        content = json.dumps({"text": body}, ensure_ascii=False) + "\n"
    elif suffix == ".html":
        content = "<html><body><article><p>" + body.replace("\n\n", "</p><p>") + "</p></article></body></html>"
    else:
        content = "# " + body
    data = bytearray(content.encode("utf-8"))
    data[content.encode().index(b"Asian") + 2] = 0xFE
    articles, problems = _items("export" + suffix, bytes(data))
    assert len(articles) == 1 and "Development Bank" in articles[0].text
    assert [p.warning for p in problems] == [True] and "invalid byte" in problems[0].reason
