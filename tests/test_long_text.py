"""A long text costs time in proportion to its length, and reads the same as its parts (issue 18).

Each look-up that replaced a scan is checked against that scan (same answers); a long text is read in
bounded windows and sentences, whose deals are those of its parts; and random, long, hostile text goes through
the whole engine within a time budget per character.
"""

from __future__ import annotations

import random
import time
from dataclasses import replace

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from dealtracker.extract import assemble, deal_veto
from dealtracker.extract.assemble import extract_deals
from dealtracker.extract.merge import _better, _same_deal, _with_furthest_status, merge_repeats
from dealtracker.ingest import read_document
from dealtracker.mentions import ClaimedSpans
from dealtracker.schema import Article, Deal
from dealtracker.text import MAX_SENTENCE_CHARS, reading_windows, split_sentences
from pathlib import Path

SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"


# --- merging repeats: buckets give the answers of a scan over every kept deal -------------------------------

def _merged_by_scan(deals: list[Deal]) -> list[Deal]:
    """The merge as it was written first: every new report asks every kept deal."""
    kept: list[Deal] = []
    for deal in deals:
        twin = next((k for k in kept if _same_deal(k, deal)), None)
        if twin is None:
            kept.append(deal)
            continue
        better, other = (deal, twin) if _better(deal, twin) else (twin, deal)
        kept[kept.index(twin)] = _with_furthest_status(better, other)
    valued = {(d.party_country, d.counterparty, d.deal_type) for d in kept if d.amount is not None}
    return [d for d in kept if d.amount is not None or (d.party_country, d.counterparty, d.deal_type) not in valued]


_RATES = {"USD": 1.0, "EUR": 1.1, "KZT": 0.002, "CNY": 0.14}


@st.composite
def _deals(draw) -> list[Deal]:
    count = draw(st.integers(0, 40))
    deals = []
    for k in range(count):
        amount = draw(st.sampled_from([None, None, 0.0, 100e6, 100.4e6, 101e6, 120e6, 124e6, 155e6, 5e9, 2.2e12]))
        currency = draw(st.sampled_from(list(_RATES))) if amount is not None else None
        value_usd = None
        if amount is not None and draw(st.booleans()):
            value_usd = amount * _RATES[currency] * draw(st.sampled_from([1.0, 1.2, 0.97]))
        start = draw(st.sampled_from([0, 10, 10, 50]))
        deals.append(Deal(
            deal_id=str(k), source="s", party="P", party_country=draw(st.sampled_from(["KAZ", "UZB"])),
            counterparty=draw(st.sampled_from([None, "Alpha", "Beta"])),
            counterparty_country=draw(st.sampled_from([None, "CHN", "DEU"])), amount=amount, currency=currency,
            value_usd=value_usd, sector="energy", deal_type=draw(st.sampled_from(["investment", "loan_financing"])),
            status=draw(st.sampled_from(["announced", "signed"])), date=None, evidence="e", start=start,
            end=start + 5, confidence=draw(st.sampled_from([0.5, 0.7, 0.9])), language="en", qualifier=None,
            object=None, jobs=None,
        ))
    return deals


@settings(max_examples=300, deadline=None)
@given(_deals())
def test_merging_repeats_gives_the_answer_of_a_scan(deals):
    assert merge_repeats(deals) == _merged_by_scan(deals)


def test_a_restated_value_in_another_currency_is_still_one_deal():
    loan = Deal(deal_id="1", source="s", party="P", party_country="KAZ", counterparty="Bank", counterparty_country="CHN",
                amount=100e6, currency="USD", value_usd=100e6, sector="energy", deal_type="loan_financing",
                status="signed", date=None, evidence="e", start=0, end=5, confidence=0.9, language="en",
                qualifier=None, object=None, jobs=None)
    restated = replace(loan, deal_id="2", amount=48e9, currency="KZT", value_usd=105e6, start=50, end=60)
    assert len(merge_repeats([loan, restated])) == 1
    assert len(merge_repeats([loan, replace(restated, value_usd=140e6)])) == 2


def test_a_value_restated_of_a_company_and_of_its_state_is_one_deal_named_by_the_company():
    by_state = Deal(deal_id="1", source="s", party="P", party_country="KAZ", counterparty="Russia",
                    counterparty_country="RUS", amount=2.5e9, currency="RUB", value_usd=30e6, sector="other",
                    deal_type="investment", status="planned", date=None, evidence="e", start=200, end=240,
                    confidence=0.85, language="ru", qualifier=None, object=None, jobs=None)
    by_company = replace(by_state, deal_id="2", counterparty="Вельтрана", counterparty_country=None, amount=15e9,
                         currency="KZT", value_usd=29e6, start=0, end=60, sector="manufacturing_industry")
    merged = merge_repeats([by_company, by_state])
    assert len(merged) == 1
    # the deal's own currency (not the Central Asian side's), the company as the side, the state as its home
    assert (merged[0].currency, merged[0].counterparty, merged[0].counterparty_country) == ("RUB", "Вельтрана", "RUS")
    assert merged[0].sector == "manufacturing_industry"
    # two companies, or a company of another state, stay two deals
    assert len(merge_repeats([replace(by_company, counterparty_country="TUR"), by_state])) == 2
    assert len(merge_repeats([replace(by_company, counterparty="Orvenga", counterparty_country="TUR"),
                              replace(by_state, counterparty="Veltrana")])) == 2


# --- names claimed so far -----------------------------------------------------------------------------------

def test_claimed_spans_agree_with_a_scan():
    rng = random.Random(18)
    for _ in range(300):
        claimed, spans = ClaimedSpans(), []
        for _ in range(60):
            start = rng.randrange(0, 400)
            end = start + rng.randrange(1, 30)
            scan = any(s < end and start < e for s, e in spans)
            assert claimed.overlaps(start, end) == scan
            if not scan:
                claimed.add(start, end)
                spans.append((start, end))


# --- bounded sentences and windows --------------------------------------------------------------------------

@pytest.mark.parametrize("clause", [
    "Kazakhstan's Samruk-Kazyna signed a ${n} million agreement with Siemens of Germany, ",
    "Казахстан подписал соглашение с Siemens на {n} млн долларов, ",
])
def test_a_text_without_full_stops_is_read_in_bounded_sentences_and_keeps_its_deals(clause, monkeypatch):
    # the rules' reading is under test: the learned veto may judge 22 amounts of up to $270 bn in one
    # "sentence" a list of totals, which is its own matter
    monkeypatch.setenv(deal_veto.RULES_ONLY_VARIABLE, "1")
    # amounts 2% apart: within 0.5% two reports of one side's deal are one deal
    text = "".join(clause.replace("{n}", str(round(100 * 1.02 ** k))) for k in range(400))
    spans = split_sentences(text)
    assert len(text) > 10 * MAX_SENTENCE_CHARS
    assert max(s.end - s.start for s in spans) <= MAX_SENTENCE_CHARS
    assert all(text[s.end - 1] == "," or s.end == len(text.rstrip()) for s in spans)  # cut after a clause
    deals = extract_deals(Article(source="dump.txt", text=text, language="ru" if "Казахстан" in clause else "en"))
    assert len({d.amount for d in deals}) == 400  # the clauses' own deals, not one merged blur
    assert all(text[d.start:d.end] == d.evidence for d in deals)


def test_a_window_never_cuts_inside_a_number():
    text = "Kazakhstan will receive " + "1,234,567 " * 400 + "tenge."
    spans = split_sentences(text)
    assert all(text[s.end - 1] in " ,." or text[s.end:s.end + 1] in ("", " ") for s in spans)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(["word ", "a, ", "\n", "\n\n", ". ", "x" * 40]), max_size=300), st.integers(20, 300))
def test_reading_windows_cover_the_text_in_order_and_are_bounded(pieces, size):
    text = "".join(pieces)
    windows = reading_windows(text, size)
    assert windows[0].start == 0 and windows[-1].end == len(text)
    assert all(a.end == b.start for a, b in zip(windows, windows[1:]))
    assert all(w.end - w.start <= size for w in windows)
    for w in windows[:-1]:  # a window ends at a paragraph break when its second half holds one
        if "\n\n" in text[w.start + size // 2:w.start + size]:
            assert text[w.end - 2:w.end] == "\n\n"


def _sample_articles() -> list[Article]:
    return [read_document(path.name, path.read_bytes()) for path in sorted(SAMPLES.iterdir())]


def test_a_long_document_read_in_windows_gives_the_deals_of_its_articles(monkeypatch):
    """Read in windows, a text gives the rules' deals of its articles: the learned veto, trained on single
    articles, is not applied there (here a veto that would drop every valued deal)."""
    articles = _sample_articles()
    monkeypatch.setenv(deal_veto.RULES_ONLY_VARIABLE, "1")
    separate = {(d.party_country, d.amount, d.currency) for a in articles for d in extract_deals(a)}
    assert [d for d in extract_deals(articles[0]) if d.amount is not None]
    monkeypatch.delenv(deal_veto.RULES_ONLY_VARIABLE)
    monkeypatch.setattr(deal_veto, "load_veto", lambda: deal_veto.DealVeto((), 0.0, 1.0, (), 1.0))
    assert not [d for d in extract_deals(articles[0]) if d.amount is not None]  # the veto is on for one article
    document = Article(source="all.txt", text="\n\n".join(a.text for a in articles))
    longest = max(len(a.text) for a in articles)
    monkeypatch.setattr(assemble, "WINDOW_CHARS", 2 * longest + 10)
    assert len(reading_windows(document.text, assemble.WINDOW_CHARS)) >= 3
    deals = extract_deals(document)
    assert {(d.party_country, d.amount, d.currency) for d in deals} == separate
    assert all(document.text[d.start:d.end] == d.evidence for d in deals)  # offsets of the whole document
    assert len({d.deal_id for d in deals}) == len(deals)


# --- random, long and hostile text within a time budget -----------------------------------------------------

_FRAGMENTS = [
    "Kazakhstan's Samruk-Kazyna signed a $120 million agreement with Siemens of Germany",
    "Узбекистан и China National Petroleum подписали соглашение на 1,2 млрд долларов",
    "وقعت طاجيكستان اتفاقا مع شركة سيمنز الألمانية بقيمة 4.2 مليار دولار",
    "$5 million", "7 млрд тенге", "3 مليارات دولار", "1 234 567,89", "2024", "USD 87.45 EUR 101.91",
    '"Kazakhstan 2050"', "«Казахстан»", "the bank", "фонд", "الصندوق", "Asian Development Bank", "Ltd.",
    "Kazakhstan", "Germany", "China's", "of Qatar", "-based", "U.S.", "млн.", "г.", ",", ";", ":", "،",
    " ", " ", " ", "\n", "\n\n", ". ", "!", "?", "(", ")", "[", "]", "%", "—", "0" * 30, "x" * 200,
]


@pytest.mark.slow  # a timing budget
@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(st.lists(st.sampled_from(_FRAGMENTS), min_size=20, max_size=80), st.integers(0, 2**32 - 1),
       st.sampled_from(["en", "ru", "ar"]))
def test_long_hostile_text_goes_through_the_engine_within_a_time_budget_per_character(pieces, seed, language):
    """Each example repeats its fragments in a random order to about 150,000 characters, without full stops
    if it draws none: when a step compared every mention with every other, this cost minutes."""
    rng = random.Random(seed)
    parts, length = [], 0
    while length < 150_000:
        piece = rng.choice(pieces)
        parts.append(piece)
        length += len(piece) + 1
    text = " ".join(parts)
    extract_deals(Article(source="warm.txt", text="Kazakhstan signed a $1 million deal."))  # lexicons built
    started = time.perf_counter()
    deals = extract_deals(Article(source="hostile.txt", text=text, language=language))
    elapsed = time.perf_counter() - started
    # ~5 µs per character today on this machine; a square-law step meets a budget of 60 µs only by luck
    assert elapsed < 2.0 + 60e-6 * len(text), f"{elapsed:.1f} s for {len(text)} characters"
    assert all(text[d.start:d.end] == d.evidence for d in deals)


def test_a_window_cut_between_a_currency_code_and_its_number_does_not_break_the_reading():
    """A text without full stops is read in windows cut at a space; one cut fell between "USD" and "87.45", so
    the amount began in one window (whose clause held two other amounts) and its number in the next (found by
    the hostile-text test)."""
    lead = "Kazakhstan signed a $5 million deal and a $7 million deal with Siemens "
    filler = "word " * ((MAX_SENTENCE_CHARS - 6 - len(lead)) // 5)
    head = lead + filler + "x" * (MAX_SENTENCE_CHARS - 6 - len(lead) - len(filler)) + " "
    text = head + "USD 87.45 million to Kazakhstan " + "word " * 300
    spans = split_sentences(text)
    assert any(s.start <= len(head) < s.end <= len(head) + 4 for s in spans)  # the cut this needs
    deals = extract_deals(Article(source="dump.txt", text=text, language="en"))
    assert all(text[d.start:d.end] == d.evidence for d in deals)
