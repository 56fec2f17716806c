"""The faster reading paths (issue 18) give exactly what the slower ones gave.

- PDF: the content-stream parser of ``ingest/pdf_content.py`` against pypdf's own, operation by operation, on
  every PDF we have, on streams made to hit each odd case, and on random token soups and random bytes.
- Text: the strict UTF-8 fast path needs no detection; the date and language readers, which now look at the
  text's start and count with regular expressions, against the code they replace (kept here as references).
- HTML: one parse by trafilatura, one htmldate call, no dateparser, and the title trafilatura's metadata gives.
- langid: one model run for a text in another language, with the answer of classify-then-rank.
"""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
from io import BytesIO
from pathlib import Path

import pytest
from conftest import ROOT, SHARED
from fixtures_ingest import ar, en, good_files, html_bytes, minimal_pdf, ru
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealtracker.ingest import dates, language, pdf_content
from dealtracker.ingest.encoding import decode, strict_utf8

DEV = SHARED / "dev" / "articles"
RUNS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- PDF content streams --------------------------------------------------------------------------------


def _pypdf_parser():
    from pypdf.generic import ContentStream

    return pdf_content._ORIGINAL or ContentStream._parse_content_stream


def _shape(value):
    """A PDF object as comparable data: its type, its value, and how pypdf made it."""
    if isinstance(value, dict):
        return type(value).__name__, sorted((_shape(k), _shape(v)) for k, v in value.items())
    if isinstance(value, (list, tuple)):
        return type(value).__name__, [_shape(item) for item in value]
    return (type(value).__name__, repr(value), getattr(value, "_original_bytes", None),
            getattr(value, "autodetect_pdfdocencoding", None))


def _parse(parser, data: bytes, forced_encoding="bytes"):
    from pypdf.generic import ContentStream

    stream = ContentStream(None, None, forced_encoding)
    try:
        parser(stream, BytesIO(data))
    except Exception as error:
        return "error", type(error).__name__, _shape(stream._operations)
    return "ok", _shape(stream._operations)


def assert_same_operations(data: bytes, forced_encoding="bytes") -> None:
    """pypdf's parser and ours (with its fall-back) give the same; so does ours alone, when it does not fall back."""
    from pypdf.generic import ContentStream

    expected = _parse(_pypdf_parser(), data, forced_encoding)
    assert _parse(pdf_content._parse_content_stream, data, forced_encoding) == expected, data[:200]
    try:
        fast = pdf_content.parse_operations(data, ContentStream(None, None, forced_encoding))
    except Exception:
        return
    assert ("ok", _shape(fast)) == expected, data[:200]


@pytest.fixture(autouse=True, scope="module")
def _installed():
    pdf_content.install()
    yield


def _page_streams(data: bytes) -> list[bytes]:
    from pypdf import PdfReader

    return [page.get_contents().get_data() for page in PdfReader(BytesIO(data)).pages if page.get_contents()]


def test_every_pdf_we_have_parses_to_the_same_operations_and_takes_the_fast_path():
    pdfs = [minimal_pdf(["The EBRD lent $10 million (to KTZ) \\ here."])]
    pdfs += [data for name, (data, _) in good_files().items() if name.endswith(".pdf")]
    pdfs += [path.read_bytes() for path in sorted(DEV.glob("*.pdf"))] if DEV.is_dir() else []
    from pypdf.generic import ContentStream

    for data in pdfs:
        for stream in _page_streams(data):
            assert_same_operations(stream)
            pdf_content.parse_operations(stream, ContentStream(None, None, "bytes"))  # no fallback on these


ODD_STREAMS = [
    b"",
    b"   \n",
    b"BT /F1 12 Tf 72 712 Td (Hello) Tj ET",
    b"BT [(A) -120 (W) 30.5 <0041> -.5 (x)] TJ ET",
    b"1. .5 -.5 +2 -0 007 1.2.3 - + 1,5 12345678901234567890123 rg",
    b"1 0 R 2 0 obj 3 0 Rg 4 5 R7",
    b"/Name /Na#20me /N\xc3\xa9 /N\xff / /A/B/C Do",
    b"<48656C6C6F> <4 8 6> <ABC> <> <zz> Tj",
    b"<48656C6C6F",
    b"(plain) (with \\(escapes\\) and \\n) (nested (brackets)) (unterminated Tj",
    b"/OC <</MCID 0 /ActualText <FEFF0041> /A [1 2 /x] /D <</E 1>>>> BDC EMC",
    b"/P <</MCID 1 /MCID 2>> BDC",
    b"/P <</MCID 1 % comment\n>> BDC",
    b"/P <</MCID 1 >x BDC",
    b"/P <<1 2>> BDC",
    b"/P <</Length 3>> stream\nabc\nendstream",
    b"[1 [2 [3 /x (y) <00>] true false null nul] % c\n 4] TJ",
    b"[1 2",
    b"% a comment\r\nq 1 0 0 1 0 0 cm Q % trailing",
    b"q\x0b1 0 0 1 0 0 cm Q",
    b"q\x001 0 0 1 0 0 cm\x00Q Tj\x00",
    b"BI /W 2 /H 1 /BPC 8 /CS /G ID \x00\xff EI Q",
    b"1 BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI",
    b"ThisIsAVeryLongOperatorNameIndeed Tj",
    b"true false null endobj Tj",
    b") ] } { > Tj",
    b"'" + b' "' + b" 1 2 (x) \" (y) '",
    b"(a)(b)<41><42>/A/B[1][2]",
]


@pytest.mark.parametrize("data", ODD_STREAMS)
def test_odd_streams_parse_to_the_same_operations_or_fail_alike(data):
    assert_same_operations(data)


def test_a_forced_encoding_other_than_bytes_is_kept():
    for forced in (None, "latin-1", {65: "Z"}, ["x"] * 100):
        assert_same_operations(b"BT (ABC) Tj <414243> Tj [(A) 1 <42>] TJ ET", forced)


TOKENS = [
    b"BT", b"ET", b"Tj", b"TJ", b"Td", b"Tf", b"BDC", b"EMC", b"'", b'"', b"/F1", b"/MCID", b"/A#42", b"12", b"-3.5",
    b".5", b"1.", b"+2", b"1,5", b"1.2.3", b"-", b"0", b"<48656c6c6f>", b"<4 8>", b"<ABC>", b"<zz>", b"<>",
    b"(text)", b"(a\\(b)", b"(nested (x))", b"()", b"[", b"]", b"<<", b">>", b"true", b"null", b"%c\n", b"1 0 R",
    b"\x00", b"\x0b", b"BI /W 1 /H 1 /BPC 8 /CS /G ID \x00 EI", b")", b"stream", b"endstream", b"{", b"}",
    b"\xc3\xa9", b"\xff",
]


@RUNS
@given(st.lists(st.tuples(st.sampled_from(TOKENS), st.sampled_from([b" ", b"\n", b"", b"\r\n", b"\t"])), max_size=60))
def test_random_token_soups_parse_to_the_same_operations(pieces):
    assert_same_operations(b"".join(token + separator for token, separator in pieces))


@RUNS
@given(st.binary(max_size=300))
def test_random_bytes_parse_to_the_same_operations(data):
    assert_same_operations(data)


@pytest.mark.parametrize("repeat", [3, 10])
def test_a_stream_longer_than_half_the_parsing_budget_is_left_to_pypdf(repeat):
    from pypdf._configuration import CURRENT_CONFIGURATION, get_configuration
    from pypdf.generic import ContentStream

    token = CURRENT_CONFIGURATION.set(get_configuration().with_overwrites(stream_parsing_work_maximum_count=100))
    try:
        data = b"1 0 0 1 0 0 cm " * repeat  # 45 or 150 bytes; 21 or 70 tokens
        if 2 * len(data) >= 100:
            with pytest.raises(Exception):
                pdf_content.parse_operations(data, ContentStream(None, None, "bytes"))
        assert_same_operations(data)  # within the budget, or pypdf's own budget error
    finally:
        CURRENT_CONFIGURATION.reset(token)


def test_the_parser_is_installed_only_under_a_checked_pypdf(monkeypatch):
    import pypdf
    from pypdf.generic import ContentStream

    pdf_content.uninstall()
    try:
        monkeypatch.setattr(pypdf, "__version__", "99.0.0")
        assert pdf_content.install() is False
        assert ContentStream._parse_content_stream is not pdf_content._parse_content_stream
    finally:
        monkeypatch.undo()
        assert pdf_content.install() is True
    assert ContentStream._parse_content_stream is pdf_content._parse_content_stream


# --- text: decoding, dates, language --------------------------------------------------------------------


def test_valid_utf8_is_decoded_without_detection(monkeypatch):
    import charset_normalizer

    def refuse(*args, **kwargs):
        raise AssertionError("charset-normalizer was asked about valid UTF-8")

    monkeypatch.setattr(charset_normalizer, "from_bytes", refuse)
    for text in (en(1), ru(2), ar(3)):
        assert decode(text.encode("utf-8")).text == text
        assert strict_utf8(text.encode("utf-8")).text == text
    for data in (b"\xef\xbb\xbf" + b"x", "x".encode("utf-16"), b"a\x00b", b"caf\xe9", b"%PDF-1.4 x"):
        assert strict_utf8(data) is None


# The code the faster readers replace, kept as references.

def reference_fold(text: str) -> str:
    text = text.translate(dates._DIGITS).translate(dates._ARABIC_VARIANTS)
    return "".join(c if len(low := c.lower()) != 1 else low for c in text)


def reference_find_dates(text: str):
    lexicon = dates._patterns()
    folded = reference_fold(text)
    found = []
    for pattern in lexicon.full_dates:
        for match in pattern.finditer(folded):
            date = dates._date_of(match, lexicon.months)
            if date is not None and not dates._overlaps(found, match.start(), match.end()):
                found.append((match.start(), match.end(), date))
    return sorted(found)


def reference_find_months(text: str, full):
    lexicon = dates._patterns()
    found = []
    for match in lexicon.month_years.finditer(reference_fold(text)):
        year, month = int(match["year"]), dates._month_number(match, lexicon.months)
        if month and year >= dates.EARLIEST_YEAR and not dates._overlaps(full, match.start(), match.end()):
            found.append((match.start(), match.end(), year, month))
    return found


def reference_publication_date(text: str, today: dt.date) -> str | None:
    lines = [line for line in text.splitlines() if line.strip()][:dates.HEAD_LINES]
    for line in lines:
        full = reference_find_dates(line)
        for start, end, date in full:
            rest = re.sub(r"[\W\d_]+", " ", line[:start] + " " + line[end:]).strip()
            if (len(rest) <= dates.DATELINE_EXTRA or dates._opens_line(line, start, end)) and date <= today:
                return date.isoformat()
        for start, end, year, month in reference_find_months(line, full):
            if re.search(r"\d\s*$", line[:start]):
                continue
            rest = re.sub(r"[\W\d_]+", " ", line[:start] + " " + line[end:]).strip()
            if len(rest) <= dates.DATELINE_EXTRA and (year, month) <= (today.year, today.month):
                return f"{year:04d}-{month:02d}"
    return None


def reference_language_counts(text: str) -> tuple:
    sample = text[:language.SAMPLE_CHARS]
    counts = {name: len(pattern.findall(sample)) for name, pattern in language._SCRIPTS.items()}
    best = max(counts, key=lambda k: counts[k])
    script = best if counts[best] else None
    if script is None:
        return None, 0.0, (0.0, 0)
    letters = language._SCRIPTS[script].findall(sample)
    foreign = language._foreign_letters().get(script, frozenset())
    share = sum(1 for c in letters if c.lower() in foreign) / len(letters)
    words = [w.lower() for w in language._WORDS[script].findall(sample)] if script in language._WORDS else []
    common = language._common_words().get(script, frozenset())
    common_share = (sum(1 for w in words if w in common) / len(words), len(words)) if words else (0.0, 0)
    return script, share, common_share


def assert_same_reading(text: str) -> None:
    today = dt.date(2026, 1, 1)
    assert dates._fold(text) == reference_fold(text)
    assert dates.publication_date(text, today) == reference_publication_date(text, today)
    assert dates.head_lines(text, 3) == [line for line in text.splitlines() if line.strip()][:3]
    script, share, common_share = reference_language_counts(text)
    assert language.script_language(text) == script
    if script is not None:
        assert language.foreign_letter_share(text, script) == share
        if script in language._WORDS:
            assert language.common_word_share(text, script) == common_share


DATE_BITS = [
    "12 March 2025", "March 12, 2025", "12 марта 2025 г.", "13 янв. 2005", "١٢ مارس ٢٠٢٥", "6 يناير، 2015",
    "2025-03-12", "2025/03/12", "12.03.2025", "Abu Dhabi, March 2019", "BAKU, Azerbaijan, May 7, 2023 – ",
    "АСТАНА, 12 марта – ", "MANILA (2 December 2024) –", "ΟΔΟΣ Σ", "İstanbul", "Kazakhstan", "Қазақстан",
    "پروژه", "\r", "\n", "\r\n", "\u2028", "\x0b", "\x1c", " ", "\t", "2024", "31 February 2024", "марте 2024 года",
]


@RUNS
@given(st.lists(st.one_of(st.sampled_from(DATE_BITS), st.text(max_size=40)), max_size=40))
def test_dates_and_language_read_as_before_on_composed_texts(parts):
    assert_same_reading("".join(parts))


@RUNS
@given(st.text(max_size=3000))
def test_dates_and_language_read_as_before_on_any_text(text):
    assert_same_reading(text)


def test_dates_and_language_read_as_before_on_every_article_we_have():
    texts = [en(1), ru(2), ar(3), "x\n" * 5000 + "12 March 2025", "long first line " * 2000 + "\n12 March 2025"]
    if DEV.is_dir():
        texts += [path.read_text("utf-8") for path in sorted(DEV.glob("*.txt"))]
    texts += [path.read_text("utf-8") for path in sorted((ROOT / "data" / "samples").glob("*.txt"))]
    for text in texts:
        assert_same_reading(text)


def test_the_first_line_comes_from_the_text_start():
    from dealtracker.ingest.article import first_line

    assert first_line("\n\n  \n  Title here  \nbody") == "Title here"
    assert first_line(" \n\t\n") is None
    assert first_line("x" * 10000 + "\nbody") == "x" * 299 + "…"


def test_langid_runs_once_and_answers_as_classify_then_rank(monkeypatch):
    import langid

    french = "Le gouvernement a signé hier un accord de prêt avec la banque pour construire une nouvelle route."
    expected, _ = langid.classify(french)
    if expected in {"ar", "ru", "en"}:
        expected = next(c for c, _ in langid.rank(french) if c not in {"ar", "ru", "en"})
    calls = {"rank": 0, "classify": 0}
    rank, classify = langid.rank, langid.classify

    def counted(name, function):
        def call(*args, **kwargs):
            calls[name] += 1
            return function(*args, **kwargs)
        return call

    monkeypatch.setattr(langid, "rank", counted("rank", rank))
    monkeypatch.setattr(langid, "classify", counted("classify", classify))
    assert language.name_other_language(french) == expected
    assert calls == {"rank": 1, "classify": 0}


# --- HTML -----------------------------------------------------------------------------------------------


PAGES = [
    html_bytes(5).decode(),
    '<html><head><meta property="og:title" content="OG title &amp; more"><title>Tag title</title></head>'
    "<body><article><h1>Headline</h1><p>" + en(6) + "</p></article></body></html>",
    '<html><head><script type="application/ld+json">{"@type": "NewsArticle", "headline": "JSON headline"}'
    "</script></head><body><article><p>" + en(7) + "</p></article></body></html>",
    "<html><head><title>Only a title tag</title></head><body><div><p>" + ru(8) + "</p></div></body></html>",
    "<html><body><h1>One</h1><h1>Two</h1><h2>Sub</h2><p>" + ar(9) + "</p></body></html>",
    '<html><head><meta name="author" content="Solo"></head><body><h2>Second level</h2><p>' + en(10) + "</p></body></html>",
]


def _pages() -> list[str]:
    pages = list(PAGES)
    if DEV.is_dir():
        pages += [path.read_text("utf-8") for path in sorted(DEV.glob("*.html"))]
    return pages


def test_the_title_is_the_one_trafilatura_metadata_gives():
    import trafilatura
    from trafilatura.utils import load_html

    from dealtracker.ingest.formats.html import _page_title

    for page in _pages():
        metadata = trafilatura.extract_metadata(page)
        assert _page_title(load_html(page)) == (metadata.title or None), page[:120]


def test_a_page_is_parsed_once_by_trafilatura_and_dated_once_by_htmldate(monkeypatch):
    import htmldate
    import trafilatura
    import trafilatura.core
    import trafilatura.utils

    from dealtracker.ingest.formats.html import read_html

    parsed = []
    original_load = trafilatura.utils.load_html

    def load(content, *args, **kwargs):
        if isinstance(content, (str, bytes)):
            parsed.append(1)
        return original_load(content, *args, **kwargs)

    for module in (trafilatura.utils, trafilatura.core):
        monkeypatch.setattr(module, "load_html", load)
    dated = []
    original_find_date = htmldate.find_date
    monkeypatch.setattr(htmldate, "find_date", lambda *a, **k: dated.append(1) or original_find_date(*a, **k))
    monkeypatch.setattr(trafilatura, "extract_metadata", lambda *a, **k: pytest.fail("full metadata read"))
    for page in _pages()[:4]:
        parsed.clear()
        dated.clear()
        read_html("page.html", page)
        assert (len(parsed), len(dated)) == (1, 1), page[:120]


def test_reading_a_page_does_not_load_dateparser():
    script = (
        "import sys; sys.path.insert(0, 'tests'); sys.path.insert(0, '.')\n"
        "from fixtures_ingest import html_bytes\n"
        "from dealtracker.ingest import read_document\n"
        "article = read_document('page.html', html_bytes(3))\n"
        "print(article.date, 'dateparser' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True).stdout
    assert out.split() == ["2025-03-12", "False"]


def test_htmldate_is_never_handed_an_address_to_download():
    from dealtracker.ingest.formats.html import _published_date

    assert _published_date("http://example.invalid/page-2025-03-12.html") is None


def test_html_pages_read_as_before(tmp_path):
    """Titles, dates and texts of the pages through the reader, against a reading with the old steps:
    trafilatura's full metadata for the title, a fresh parse for each step."""
    import trafilatura

    from dealtracker.ingest.formats import html as reader

    def old_read(page: str):
        body = trafilatura.extract(
            reader._without_furniture(trafilatura.utils.load_html(page), page), include_comments=False,
            include_tables=True, favor_recall=True, deduplicate=False,
        )
        metadata = trafilatura.extract_metadata(page)
        title = metadata.title if metadata is not None and metadata.title else None
        text = f"{title}\n{body}" if title and not body.lstrip().startswith(title) else body
        date = reader._published_date(page) or reader._dated_element(trafilatura.utils.load_html(page))
        return reader.make_article("p.html", text, title=title, date=date)

    for page in _pages():
        assert reader.read_html("p.html", page) == old_read(page), page[:120]


@pytest.mark.skipif(not (Path(__file__).parent / "fixtures_ingest.py").exists(), reason="fixtures")
def test_pdf_articles_read_as_with_pypdfs_own_parser():
    from dealtracker.ingest import read_document

    pdfs = {name: data for name, (data, _) in good_files().items() if name.endswith(".pdf")}
    if DEV.is_dir():
        pdfs.update({path.name: path.read_bytes() for path in sorted(DEV.glob("*.pdf"))})
    fast = {name: read_document(name, data) for name, data in pdfs.items()}
    pdf_content.uninstall()
    try:
        from dealtracker.ingest.formats import pdf as reader

        original_install = reader.install_fast_content_parser
        reader.install_fast_content_parser = lambda: False
        try:
            slow = {name: read_document(name, data) for name, data in pdfs.items()}
        finally:
            reader.install_fast_content_parser = original_install
    finally:
        pdf_content.install()
    assert fast == slow
