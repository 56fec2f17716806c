"""The date an article states for itself (issue 16): datelines, bylines and page date lines in three
languages. tests/article_dates.csv labels, by hand, the publication date each development document states
(empty when it states none)."""

from __future__ import annotations

import csv
import datetime as dt
from pathlib import Path

import pytest

from dealtracker.ingest import read_document
from dealtracker.ingest.dates import find_dates, publication_date

DEV = Path(__file__).resolve().parents[2] / "shared" / "dev" / "articles"
LABELS = Path(__file__).parent / "article_dates.csv"
TODAY = dt.date(2026, 12, 5)


@pytest.mark.parametrize("line, expected", [
    ("АСТАНА, 13 янв. 2005 – Kazinform", "2005-01-13"),
    ("Ташкент, 12 сент. 2024 г. /УзА/", "2024-09-12"),
    ("دبي في 6 يناير، 2015 /وام/", "2015-01-06"),
    ("أستانا - 3 يونيو 2024", "2024-06-03"),
    ("ТАШКЕНТ, 27 февраля 2026, 09:31 /УзА/", "2026-02-27"),
    ("Abu Dhabi / Tashkent, March 2019", "2019-03"),
    ("Bishkek, 2025/03/04 (AKIpress)", "2025-03-04"),
    ("Sept. 5, 2024 | Reuters", "2024-09-05"),
    ("Самарканд, 9 апреля 2025 года — Узбекистан и Катар подписали", "2025-04-09"),
    ("НУР-СУЛТАН, 2 октября 2023 г. /Казинформ/. Стороны договорились", "2023-10-02"),
    ("سمرقند في 9 أبريل 2025م - وقعت", "2025-04-09"),
    ("Updated 21/10/2025", "2025-10-21"),
    ("Posted 10/21/2025 08:15", "2025-10-21"),
    ("21.10.25 08:15 | Dushanbe", "2025-10-21"),
])
def test_datelines_in_every_form(line, expected):
    assert publication_date(line + "\nKazakhstan signed a deal.", today=TODAY) == expected


@pytest.mark.parametrize("line", ["Posted 04/06/2025", "04/06/2025 12:00 | Almaty"])
def test_a_slash_date_both_ways_a_date_is_not_guessed(line):
    """April 6 or June 4: a wrong date is worse than none."""
    assert publication_date(line + "\nKazakhstan signed a deal.", today=TODAY) is None


def test_a_date_in_the_story_is_no_publication_date():
    text = "Kazakhstan and Wabtec signed a deal\nThe sides signed the contract in Astana on 12 March 2024 after long talks."
    assert publication_date(text, today=TODAY) != "2024-03-12" or find_dates(text.splitlines()[1]) == []


def test_a_page_date_line_outside_the_article_text_is_read():
    html = """<html><head><title>KTZ buys locomotives</title></head><body>
    <div class="meta">ТАШКЕНТ, 27 февраля 2026, 09:31 /УзА/</div>
    <article><h1>KTZ buys locomotives</h1><p>Kazakhstan Temir Zholy signed a contract with Wabtec worth
    $400 million for 100 locomotives, the company said on Friday. The deliveries start next year.</p>
    <p>The contract also covers maintenance for ten years.</p></article></body></html>"""
    article = read_document("page.html", html.encode("utf-8"))
    assert article.date == "2026-02-27"


def test_the_article_date_is_found_for_nine_in_ten_dev_articles_that_state_one():
    if not DEV.is_dir():
        pytest.skip(f"the development set is not at {DEV}")
    files = {p.stem: p for p in DEV.iterdir()}
    with LABELS.open(encoding="utf-8") as handle:
        stated = [row for row in csv.DictReader(handle) if row["date"]]
    assert len(stated) >= 40
    found = sum(
        read_document(files[row["id"]].name, files[row["id"]].read_bytes()).date == row["date"] for row in stated
    )
    assert found / len(stated) >= 0.9, f"{found}/{len(stated)}"
