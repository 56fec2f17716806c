"""A deal's own date from its sentence, else the article's: which dates count and which are plans."""

import datetime as dt

import pytest

from dealtracker.extract.assemble import extract_deals
from dealtracker.extract.deal_dates import deal_date
from dealtracker.ingest.dates import find_months
from dealtracker.schema import Article

TODAY = dt.date(2026, 12, 4)


@pytest.mark.parametrize("sentence, article_date, expected", [
    ("In March 2024, Kazakhstan signed a $1 billion loan with the ADB.", "2025-01-10", "2024-03"),
    ("The deal was signed on 12 May 2025 in Tashkent.", "2025-06-01", "2025-05-12"),
    ("Соглашение подписано в марте 2024 года в Астане.", "2025-01-10", "2024-03"),
    ("Контракт подписан 12 мая 2025 г. в Ташкенте.", None, "2025-05-12"),
    ("وقعت أوزبكستان في مارس/آذار 2024 اتفاقية قرض.", "2025-01-10", "2024-03"),
    ("وقعت طاجيكستان الاتفاقية في 12 مايو 2025.", "2025-05-20", "2025-05-12"),
])
def test_a_date_the_sentence_gives_the_deal_is_the_deal_date(sentence, article_date, expected):
    assert deal_date(sentence, article_date, TODAY) == expected


@pytest.mark.parametrize("sentence", [
    "The plant is to be completed by March 2027.",  # a deadline
    "Deliveries will run from May 2026 until December 2028.",  # a period
    "Kazakhstan will receive the first locomotives in 2026.",  # a bare year: usually a target
    "Строительство планируется завершить до декабря 2027 года.",
    "Поставки начнутся с марта 2026 года.",
    "ومن المتوقع أن يكتمل المشروع بحلول مارس 2027.",
    "The first phase opens in June 2026.",  # later than the article: a plan
])
def test_deadlines_periods_plans_and_later_dates_leave_the_article_date(sentence):
    assert deal_date(sentence, "2025-09-22", TODAY) == "2025-09-22"


def test_without_an_article_date_today_bounds_the_deal_date():
    assert deal_date("Signed in March 2024 and to open in June 2031.", None, TODAY) == "2024-03"
    assert deal_date("The plant opens in June 2031.", None, TODAY) is None


def test_the_same_month_as_the_article_is_not_later_than_it():
    assert deal_date("The agreement was signed in September 2025.", "2025-09-22", TODAY) == "2025-09"


def test_months_without_a_day_are_found_apart_from_full_dates():
    found = find_months("signed on 12 March 2024, after talks in May of 2023")
    assert [(year, month) for _, _, year, month in found] == [(2023, 5)]


def test_an_extracted_deal_carries_its_own_date():
    article = Article(source="a.txt", date="2025-10-25", text=(
        "The $4.2 billion agreement was signed by Wabtec and Kazakhstan Temir Zholy in September 2025 in Washington."
    ))
    (deal,) = extract_deals(article)
    assert deal.date == "2025-09"
    undated_sentence = Article(source="b.txt", date="2025-10-25", text=(
        "Wabtec and Kazakhstan Temir Zholy signed a $4.2 billion agreement for locomotives."
    ))
    assert [d.date for d in extract_deals(undated_sentence)] == ["2025-10-25"]


@pytest.mark.parametrize("date_text", [
    "12th of September 2025", "September 12, 2025", "2025-09-12", "12.09.2025", "September of 2025",
    "12 сентября 2025 г.", "сентябре 2025 года", "12 أيلول/سبتمبر 2025", "١٢ سبتمبر ٢٠٢٥", "كانون الثاني (يناير) 2025",
])
def test_looking_only_around_years_finds_what_reading_the_whole_sentence_finds(date_text):
    from dealtracker.extract.deal_dates import _candidates
    from dealtracker.ingest.dates import find_dates

    padding = "The Ministry of Energy of the Republic said that the long-negotiated agreement was finally "
    for sentence in (f"{padding}signed on {date_text} in Astana.", f"{date_text}: signed.", f"Signed {date_text}"):
        whole = [(s, d.isoformat()) for s, _, d in find_dates(sentence)]
        whole += [(s, f"{y:04d}-{m:02d}") for s, _, y, m in find_months(sentence, find_dates(sentence))]
        assert list(_candidates(sentence)) == sorted(whole) != [], sentence
