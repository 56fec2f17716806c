"""Amounts of table rows whose unit and currency stand once, in a column header (extract/table_amounts.py)."""

from __future__ import annotations

import pytest

from dealtracker.extract.money import find_money
from dealtracker.extract.table_amounts import table_amounts
from dealtracker.text import NormalisedText


def rows_of(text: str, language: str) -> list[float]:
    norm = NormalisedText.of(text).text
    found, _headers, _rows = table_amounts(norm, language, find_money(norm, language))
    return [m.amount for m in found]


@pytest.mark.parametrize("language, header, comma", [
    ("en", "Amount (USD\nmillion)", "."),
    ("ru", "Сумма, млн\nдолл. США", ","),
])
def test_a_first_rows_ordinal_alone_under_a_header_on_two_lines_is_no_amount(language, header, comma):
    """A PDF wraps the header onto two lines and the first row's cells onto the lines below its ordinal "1":
    the rows are 180 and 69 (millions of dollars), and the lone "1" opens the first row."""
    text = (
        "Main agreements\n\nNo. Company (country)\tKazakh party\tProject\n\n" + header + "\n\n1\n"
        "Heidelberg Materials\n(Germany)\n\nAkimat of Turkestan Region Cement plant\t180" + comma + "0\n\n"
        "2 Knauf (Germany) Kazakh Invest\tGypsum board plant\t69" + comma + "0\n"
    )
    assert rows_of(text, language) == [180e6, 69e6]


def test_a_line_whose_amount_is_spelled_is_no_header():
    """Prose with a spelled amount and no digit ("a grant of eighteen million riyals") is read by the money
    reader; it is no table header whose "unit" would hide that amount."""
    text = "Grant for schools\n\nThe Saudi Fund signed a grant of eighteen million riyals with Kyrgyzstan.\n"
    norm = NormalisedText.of(text).text
    _found, headers, _rows = table_amounts(norm, "en", find_money(norm, "en"))
    assert headers == []


@pytest.mark.parametrize("header, language, expected", [
    ("SAR million USD million", "en", [(1e6, "SAR"), (1e6, "USD")]),
    ("Сумма, млн руб. Экв., млн долл.", "ru", [(1e6, "RUB"), (1e6, "USD")]),
    ("Сумма, млн Экв., млн долл. США", "ru", [(1e6, None), (1e6, "USD")]),
    ("Amount, million USD equivalent, million", "en", [(1e6, None), (1e6, None)]),
])
def test_a_headers_money_columns_are_read_in_order(header, language, expected):
    """One unit per scale word, left to right; a scale whose currency is a cell of each row has none, and the
    dollar that opens an 'equivalent' column is not the amount column's."""
    from dealtracker.extract.table_columns import header_units
    assert [(u.scale, u.currency) for u in header_units(header, language)] == expected


@pytest.mark.parametrize("line, numbers", [
    ("1 Казахстан АО «Банк» Кредитная линия 3 200\t39,5\tподписано", ["3 200", "39,5"]),
    ("Кредитная линия до 1 500 18,5", ["1 500", "18,5"]),
    ("4 Bank Alfalah Limited\tPakistan Line of credit\t281.25\t75.0", ["281.25", "75.0"]),
    ("Uzbekistan Airways\tAviation\t-", []),
])
def test_a_rows_number_cells_are_read_from_the_right_past_a_status_cell(line, numbers):
    from dealtracker.extract.table_columns import row_numbers
    assert [line[s:e] for s, e in row_numbers(line, 0, len(line))] == numbers
