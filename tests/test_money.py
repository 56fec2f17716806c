import random
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from dealtracker.extract.money import find_money, parse_number
from dealtracker.extract.money.anchoring import _anchored_finditer
from dealtracker.extract.money.lexicon import _lexicon
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


# --- the anchored search is the plain search, faster ---------------------------------------------------------

_SAMPLES = Path(__file__).resolve().parent.parent / "data" / "samples"
_TRICKY = [
    "XUSD 5 million", "about\n\n\n  $5 million", "a a a a a two billion dollars", "ب5 مليون دولار", "A320 for $4m",
    "USD5", "billions of dollars, then 5 usd", "one hundred billion euros", "more than U.S.$ 4 bn", "(30) مليون دولار",
    "Ту-204 за 1,2 млрд рублей", "полмиллиарда долларов", "USDT 5 million", "ما لا يقل عن 3 مليارات دولار", "up to  €7bn",
    "you$5", "2025 2026 $", "ملياري دولار و مليونين يورو", "no less than a hundred million tenge",
]


def _both(text: str) -> tuple[list, list]:
    lex = _lexicon()
    plain = [(m.span(), m.groupdict()) for m in lex.regex.finditer(text)]
    anchored = [(m.span(), m.groupdict()) for m in _anchored_finditer(lex.regex, lex.anchoring, text)]
    return plain, anchored


def _pieces() -> list[str]:
    texts = [NormalisedText.of(p.read_text(encoding="utf-8")).text for p in sorted(_SAMPLES.glob("*.txt"))]
    return [w for t in texts + _TRICKY for w in re.split(r"(\s+|(?<=[,.;:()$€]))", t) if w]


def test_anchored_search_finds_what_the_plain_search_finds_in_recombined_text():
    rng = random.Random(8)
    pieces = _pieces()
    assert _lexicon().anchoring is not None
    for text in _TRICKY:
        plain, anchored = _both(text)
        assert plain == anchored, text
    for _ in range(1500):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(1, 60)))
        plain, anchored = _both(text)
        assert plain == anchored, text


@settings(max_examples=300, deadline=None)
@given(st.lists(st.sampled_from(_TRICKY + ["a", "one", "two", "$", "€", "(", " ", "\n", "5", "4.2", "о", "до", "و"]), max_size=30))
def test_anchored_search_on_generated_text(words):
    plain, anchored = _both(" ".join(words))
    assert plain == anchored


@pytest.mark.parametrize(
    "text, language, expected",
    [
        ("что эквивалентно 99 млн 910 тыс. долларов США", "ru", [(99.91e6, "USD", None)]),
        ("кредит на 1 млрд 200 млн долларов", "ru", [(1.2e9, "USD", None)]),
        ("بقيمة مليار و200 مليون دولار", "ar", [(1.2e9, "USD", None)]),
        ("منحة بقيمة 3 ملايين و500 ألف دولار", "ar", [(3.5e6, "USD", None)]),
        ("a 2 billion and 300 million dollar package", "en", [(2.3e9, "USD", None)]),
        # two amounts, each with its own currency, stay two
        ("1 млрд долларов и 200 млн евро", "ru", [(1e9, "USD", None), (200e6, "EUR", None)]),
        # a larger tail is no tail: a new amount
        ("5 млн 2 млрд долларов", "ru", [(2e9, "USD", None)]),
    ],
)
def test_compound_amounts_are_read_whole(text, language, expected):
    """Issue 15/16: «99 млн 910 тыс.» is 99.91 million, never its tail of 910 thousand."""
    found = _money(text, language)
    assert [(c, q) for _, c, q in found] == [(c, q) for _, c, q in expected]
    assert [a for a, _, _ in found] == pytest.approx([a for a, _, _ in expected])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("بمبلغ إجمالي يصل إلى 509،2 مليون دولار", (509.2e6, "USD", "up to")),
        ("قرض بقيمة 1،5 مليار دولار", (1.5e9, "USD", None)),
        ("بقيمة 24،640 دولار", (24640.0, "USD", None)),
    ],
)
def test_arabic_comma_inside_a_number(text, expected):
    """The Arabic comma is a decimal mark before one or two digits and a thousands mark before three."""
    (amount, currency, qualifier), = _money(text, "ar")
    assert (currency, qualifier) == expected[1:]
    assert amount == pytest.approx(expected[0])


@pytest.mark.parametrize(
    "text, expected",
    [
        ("more than KZT88.8bn", (88.8e9, "KZT", "more than")),
        ("a USD1.5 billion loan", (1.5e9, "USD", None)),
        ("EUR500m", (500e6, "EUR", None)),
    ],
)
def test_a_currency_code_glued_to_its_number(text, expected):
    """ "KZT88.8bn": the code before the digits is the currency (it was read as part of a word)."""
    assert _money(text) == [pytest.approx(expected)] or _money(text) == [expected]


@pytest.mark.parametrize("text", ["an A320 for 5 dollars", "ABCD12 dollars", "the B737 order"])
def test_letters_glued_to_a_number_are_no_currency(text):
    assert all(amount != 320 and amount != 12 and amount != 737 for amount, _, _ in _money(text))
