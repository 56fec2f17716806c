"""Property-based: random bytes, damaged copies of good files and random Unicode, fed to every reader and to
the money parser. Each returns a result or a clear error (an IngestError's reason, a ValueError from a
number that is not one) — never an unexpected exception."""

from __future__ import annotations

import pycountry
import pytest
from fixtures_ingest import good_files
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealtracker.extract.money import find_money, parse_number
from dealtracker.ingest import Limits, read_documents, read_text
from dealtracker.ingest.dates import parse_date, publication_date
from dealtracker.ingest.errors import IngestError
from dealtracker.ingest.language import detect_language
from dealtracker.ingest.readers import SUPPORTED_SUFFIXES
from dealtracker.schema import Article, ReadProblem

LIMITS = Limits(max_file_bytes=2**20, max_pdf_pages=5, max_archive_entries=20, max_archive_bytes=2**21, max_rows=50)
RUNS = settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
GOOD = {name.rsplit(".", 1)[1]: data for name, (data, _) in good_files().items()}


def _check(name: str, data: bytes) -> None:
    """Reading must end normally; what comes out is articles and problems with a reason a person can read."""
    for item in read_documents(name, data, LIMITS):
        assert isinstance(item, Article | ReadProblem)
        if isinstance(item, ReadProblem):
            assert item.reason.strip() and "Traceback" not in item.reason


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@RUNS
@given(data=st.binary(max_size=4096))
def test_random_bytes_in_every_format(suffix, data):
    _check(f"random{suffix}", data)


@pytest.mark.parametrize("suffix", SUPPORTED_SUFFIXES)
@RUNS
@given(text=st.text(max_size=2000))
def test_random_unicode_in_every_format(suffix, text):
    _check(f"random{suffix}", text.encode("utf-8"))


@pytest.mark.parametrize("suffix", sorted(GOOD))
@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(data=st.data())
def test_damaged_copies_of_good_files(suffix, data):
    """A good file cut short or with bytes overwritten: the formats' parsers meet their error paths."""
    good = GOOD[suffix]
    cut = data.draw(st.integers(min_value=0, max_value=len(good)))
    damaged = bytearray(good[:cut] if data.draw(st.booleans()) else good)
    for _ in range(data.draw(st.integers(min_value=0, max_value=8))):
        if damaged:
            damaged[data.draw(st.integers(0, len(damaged) - 1))] = data.draw(st.integers(0, 255))
    _check(f"damaged.{suffix}", bytes(damaged))


@RUNS
@given(text=st.text(max_size=3000), language=st.sampled_from(["ar", "ru", "en", "other"]))
def test_money_parser_never_fails_on_any_text(text, language):
    for mention in find_money(text, language):
        assert 0 <= mention.start <= mention.end <= len(text)


@RUNS
@given(text=st.text(max_size=40), language=st.sampled_from(["ar", "ru", "en"]))
def test_parse_number_gives_a_number_or_a_value_error(text, language):
    try:
        assert isinstance(parse_number(text, language), float)
    except ValueError:
        pass


@RUNS
@given(text=st.text(max_size=3000))
def test_text_helpers_never_fail(text):
    language = detect_language(text)  # the contract: an ISO 639-1 code, or "other" when there are no letters
    assert language == "other" or pycountry.languages.get(alpha_2=language) is not None, language
    publication_date(text)
    parse_date(text)
    try:
        article = read_text(text)
    except IngestError as error:
        assert str(error)
    else:
        assert article.text and article.text == article.text.strip()
