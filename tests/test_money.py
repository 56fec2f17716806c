import pytest

from dealtracker.extract.money import find_money, parse_number
from dealtracker.text import NormalisedText


def _money(text, language="en"):
    norm = NormalisedText.of(text).text
    return [(m.amount, m.currency, m.qualifier) for m in find_money(norm, language)]


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("a $4.2 billion deal", "en", (4.2e9, "USD", None)),
        ("US$ 1.5 billion", "en", (1.5e9, "USD", None)),
        ("a €185.19m loan", "en", (185.19e6, "EUR", None)),
        ("up to $900 million", "en", (900e6, "USD", "up to")),
        ("worth 3.5 billion yuan", "en", (3.5e9, "CNY", None)),
        ("на сумму свыше $20 млрд", "ru", (20e9, "USD", "more than")),
        ("4,2 млрд долларов", "ru", (4.2e9, "USD", None)),
        ("1 200 млн тенге", "ru", (1.2e9, "KZT", None)),
        ("около 120 млн евро", "ru", (120e6, "EUR", "approximately")),
        ("تتجاوز 100 مليار دولار", "ar", (100e9, "USD", "more than")),
        ("بقيمة 8 مليارات دولار", "ar", (8e9, "USD", None)),
        ("985.13 مليون ريال سعودي", "ar", (985.13e6, "SAR", None)),
        ("بقيمة (30) مليون دولار", "ar", (30e6, "USD", None)),
        ("بقيمة ٤٫٢ مليار دولار", "ar", (4.2e9, "USD", None)),
    ],
)
def test_amounts_in_three_languages(text, language, expected):
    assert _money(text, language) == [expected]


@pytest.mark.parametrize(
    "text, language",
    [
        ("22 Boeing 787 aircraft and 300 locomotives by 2026, creating 35,000 jobs at 12%", "en"),
        ("لشراء 22 طائرة \"بوينغ 787 دريملاينر\" وخلق 35 ألف وظيفة في عام 2026", "ar"),
        ("мощностью 500 МВт и 1,2 млн тонн в 2025 году", "ru"),
        ("billions of dollars", "en"),
        ("بمليارات الدولارات", "ar"),
    ],
)
def test_numbers_without_a_currency_are_not_money(text, language):
    assert _money(text, language) == []


@pytest.mark.parametrize(
    "raw, language, value",
    [("1,200", "en", 1200.0), ("1,200", "ru", 1.2), ("4,2", "ru", 4.2), ("1 200", "ru", 1200.0),
     ("1.200.000", "ru", 1200000.0), ("1,234.5", "en", 1234.5), ("1.234,5", "ru", 1234.5), ("4.2", "en", 4.2)],
)
def test_number_formats(raw, language, value):
    assert parse_number(raw, language) == pytest.approx(value)
