"""The Excel export is usable at once (bold frozen header, filters, fitted widths, wrapped evidence, number
formats on numbers that stay numbers, dates as text, empty cells for missing values), formula escaping holds
in every text cell, and the CSV and JSON exports are what they were before the Excel polish."""

from __future__ import annotations

import csv
import io
import json
import zipfile
from functools import partial

import openpyxl
import pandas as pd
import pytest

from dealtracker.analytics import deals_frame
from dealtracker.export import REVIEW_COLUMNS, SOURCE_COLUMNS, deals_sheet, export_bytes
from dealtracker.schema import DEAL_FIELDS

from conftest import make_deal

HYPERLINK = '=HYPERLINK("http://x","y")'
LONG = (
    "Kazakhstan Temir Zholy signed a contract with Alstom worth 150 billion tenge for 30 locomotives, to be"
    "\x0cdelivered from the plant in Astana by the end of 2026."  # a PDF's form feed: no worksheet can hold it
)
TITLES = {"a.txt": "=cmd|' /C calc'!A0", "b.txt": "Locomotives for KTZ", "c.txt": None}


_deal = partial(
    make_deal, "d", source="a.txt", party="Kazakhstan", party_country="KAZ", counterparty="ADB", counterparty_country="INT",
    sector="energy_oil_gas", evidence="text", end=4, verified=False, group_id=None, fx_rate=None, fx_rate_date=None,
)


@pytest.fixture
def deals() -> pd.DataFrame:
    return small_table()


def small_table() -> pd.DataFrame:
    rows = [
        _deal(deal_id="d1", counterparty=None, amount=4.2e9, currency="USD", value_usd=4.2e9, date="2024",
              evidence=HYPERLINK, confidence=0.9, fx_rate=1.0, fx_rate_date="2024"),
        _deal(deal_id="d2", source="b.txt", counterparty="+Plus LLC", amount=1.5e11, currency="KZT",
              value_usd=310_500_000.0, date="2024-03", evidence=LONG, object="30 locomotives", jobs=1200,
              fx_rate=0.00207, fx_rate_date="2024-03", verified=True, group_id="g1", end=len(LONG)),
        _deal(deal_id="d3", source="c.txt", amount=1234.5, currency="EUR", value_usd=-2_500_000.0,
              date="2024-03-12", evidence="@SUM(A1:A9) is not a formula here", fx_rate=1.0875,
              fx_rate_date="2024-03-12", confidence=0.25),
        _deal(deal_id="d4", source="c.txt", party="Uzbekistan", party_country="UZB", evidence="-5 percent",
              start=10, end=20),
    ]
    return deals_frame(rows, extra=tuple(REVIEW_COLUMNS))


def _book(deals: pd.DataFrame) -> openpyxl.Workbook:
    return openpyxl.load_workbook(io.BytesIO(export_bytes(deals, "xlsx", TITLES)))


def _columns(sheet) -> dict[str, int]:
    return {cell.value: cell.column for cell in sheet[1]}


def _cell(sheet, row: int, name: str):
    return sheet.cell(row=row, column=_columns(sheet)[name])


def test_every_sheet_has_a_bold_frozen_header_and_a_filter_over_the_used_range(deals):
    book = _book(deals)
    assert book.sheetnames == ["deals", "sources"]
    deals_ws, sources_ws = book.worksheets
    # the column set and order other tools read, unchanged
    assert [c.value for c in deals_ws[1]] == list(DEAL_FIELDS) + REVIEW_COLUMNS
    assert [c.value for c in sources_ws[1]] == SOURCE_COLUMNS
    for sheet, last in ((deals_ws, "Y"), (sources_ws, "H")):
        assert sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref == f"A1:{last}5"
        assert sheet.max_row == 5 and sheet.dimensions == f"A1:{last}5"
        assert all(cell.font.bold for cell in sheet[1])
        assert not any(cell.font.bold for row in sheet.iter_rows(min_row=2) for cell in row)


def test_usd_values_are_dollar_numbers_that_sum(deals):
    sheet = _book(deals)["deals"]
    big = _cell(sheet, 2, "value_usd")
    assert big.data_type == "n" and big.value == 4.2e9 and big.number_format == "$#,##0"
    negative = _cell(sheet, 4, "value_usd")  # a number, not escaped into text as a "-…" string would be
    assert negative.data_type == "n" and negative.value == -2_500_000.0 and negative.number_format == "$#,##0"
    column = [_cell(sheet, row, "value_usd").value for row in range(2, 6)]
    assert sum(v for v in column if v is not None) == 4.2e9 + 310_500_000.0 - 2_500_000.0
    assert column[3] is None


def test_each_number_column_has_its_format(deals):
    sheet = _book(deals)["deals"]
    formats = {
        ("amount", 2): ("#,##0", 4.2e9),  # whole: no dangling decimal point
        ("amount", 4): ("#,##0.##", 1234.5),
        ("confidence", 2): ("0.00", 0.9),
        ("fx_rate", 3): ("0.####", 0.00207),
        ("fx_rate", 2): ("0", 1.0),
        ("jobs", 3): ("#,##0", 1200),
    }
    for (name, row), (number_format, value) in formats.items():
        cell = _cell(sheet, row, name)
        assert (cell.data_type, cell.value, cell.number_format) == ("n", value, number_format), name


def test_dates_stay_text_at_their_precision(deals):
    book = _book(deals)
    for sheet, name in ((book["deals"], "date"), (book["deals"], "fx_rate_date"), (book["sources"], "date")):
        cells = [_cell(sheet, row, name) for row in (2, 3, 4)]
        assert [c.value for c in cells] == ["2024", "2024-03", "2024-03-12"]
        assert all(c.data_type == "s" and c.number_format == "@" for c in cells)
    assert _cell(book["deals"], 5, "date").value is None


def test_excel_is_told_the_text_dates_are_text_on_purpose(deals):
    """Else it flags every "2024" with a green "number stored as text" triangle."""
    with zipfile.ZipFile(io.BytesIO(export_bytes(deals, "xlsx", TITLES))) as package:
        deals_xml = package.read("xl/worksheets/sheet1.xml").decode()
        sources_xml = package.read("xl/worksheets/sheet2.xml").decode()
    assert deals_xml.endswith('<ignoredErrors><ignoredError sqref="P2:P5 Y2:Y5" numberStoredAsText="1"/>'
                              '</ignoredErrors></worksheet>')
    assert '<ignoredError sqref="D2:D5" numberStoredAsText="1"/>' in sources_xml


def test_a_year_a_reader_made_a_number_is_written_as_the_year_text(deals):
    deals["date"] = [2024.0, None, None, None]
    cell = _cell(_book(deals)["deals"], 2, "date")
    assert (cell.value, cell.data_type) == ("2024", "s")


def test_empty_values_are_empty_cells(deals):
    book = _book(deals)
    assert _cell(book["deals"], 2, "counterparty").value is None
    assert _cell(book["deals"], 5, "amount").value is None and _cell(book["deals"], 5, "jobs").value is None
    assert _cell(book["sources"], 4, "title").value is None  # c.txt has no title
    shown = {cell.value for sheet in book.worksheets for row in sheet.iter_rows() for cell in row}
    assert not shown & {"None", "nan", "NaN", "<NA>", "NaT", ""}


def test_every_text_cell_is_formula_escaped_and_no_cell_is_a_formula(deals):
    book = _book(deals)
    deals_ws, sources_ws = book["deals"], book["sources"]
    assert _cell(deals_ws, 2, "evidence").value == "'" + HYPERLINK
    assert _cell(sources_ws, 2, "evidence").value == "'" + HYPERLINK
    assert _cell(sources_ws, 2, "title").value == "'=cmd|' /C calc'!A0"
    assert _cell(deals_ws, 3, "counterparty").value == "'+Plus LLC"
    assert _cell(deals_ws, 4, "evidence").value == "'@SUM(A1:A9) is not a formula here"
    assert _cell(deals_ws, 5, "evidence").value == "'-5 percent"
    cells = [cell for sheet in book.worksheets for row in sheet.iter_rows() for cell in row]
    assert not [cell.coordinate for cell in cells if cell.data_type == "f"]
    texts = [cell.value for cell in cells if isinstance(cell.value, str)]
    assert texts and not [t for t in texts if t.startswith(("=", "+", "-", "@", "\t", "\r"))]


def test_evidence_wraps_at_a_fixed_width_and_other_columns_fit_their_content(deals):
    book = _book(deals)
    for sheet in book.worksheets:
        evidence = _columns(sheet)["evidence"]
        letter = openpyxl.utils.get_column_letter(evidence)
        assert sheet.column_dimensions[letter].width == 80
        assert all(sheet.cell(row=row, column=evidence).alignment.wrap_text for row in range(2, 6))
        widths = {name: sheet.column_dimensions[openpyxl.utils.get_column_letter(i)].width
                  for name, i in _columns(sheet).items()}
        assert all(8 <= width <= 60 for name, width in widths.items() if name != "evidence"), widths
    deals_ws = book["deals"]
    widths = {name: deals_ws.column_dimensions[openpyxl.utils.get_column_letter(i)].width
              for name, i in _columns(deals_ws).items()}
    assert widths["value_usd"] >= len("$4,200,000,000")  # the widest value shows whole
    assert widths["counterparty_country"] >= len("counterparty_country")  # so does the header
    assert widths["party_country"] < widths["counterparty_country"]
    assert not _cell(deals_ws, 2, "deal_id").alignment.wrap_text


def test_characters_no_worksheet_can_hold_become_spaces_in_excel_only(deals):
    cell = _cell(_book(deals)["deals"], 3, "evidence")
    assert cell.value == LONG.replace("\x0c", " ")
    rows = list(csv.DictReader(io.StringIO(export_bytes(deals, "csv").decode("utf-8-sig"))))
    assert rows[1]["evidence"] == LONG


def test_the_excel_sheet_holds_what_the_csv_holds(deals):
    """Same columns, same values: the CSV (its format unchanged) and the Excel deals sheet read back alike."""
    from_csv = pd.read_csv(io.BytesIO(export_bytes(deals, "csv")), encoding="utf-8-sig", dtype=str,
                           keep_default_na=False)
    from_xlsx = pd.read_excel(io.BytesIO(export_bytes(deals, "xlsx")), sheet_name="deals", dtype=str,
                              keep_default_na=False)
    from_csv["evidence"] = from_csv["evidence"].str.replace("\x0c", " ")
    assert list(from_csv.columns) == list(from_xlsx.columns) and len(from_csv) == len(from_xlsx) == 4
    pd.testing.assert_frame_equal(from_csv.map(_number_or_text), from_xlsx.map(_number_or_text))


def _number_or_text(value: str):
    """ "4200000000.0" (CSV) and "4200000000" (Excel read back) are the same number."""
    try:
        return float(value)
    except ValueError:
        return value


def test_the_csv_and_json_exports_are_unchanged(deals):
    """Byte for byte what the exporter wrote before the Excel polish (other tools read these)."""
    table = deals_sheet(deals)
    assert list(table.columns) == list(DEAL_FIELDS) + REVIEW_COLUMNS
    assert export_bytes(deals, "csv") == EXPECTED_CSV.encode("utf-8-sig")
    assert json.loads(export_bytes(deals, "json")) == EXPECTED_JSON
    assert export_bytes(deals, "json").decode("utf-8").startswith('[\n {\n  "deal_id": "d1",\n  "source": "a.txt"')


def test_an_empty_table_is_a_header_with_its_filter(deals):
    book = _book(deals.iloc[0:0])
    for sheet in book.worksheets:
        assert sheet.max_row == 1 and sheet.freeze_panes == "A2"
        assert sheet.auto_filter.ref.startswith("A1:") and sheet.auto_filter.ref.endswith("1")
    assert [c.value for c in book["deals"][1]] == list(DEAL_FIELDS) + REVIEW_COLUMNS


def test_rates_are_looked_up_when_the_table_has_none(deals):
    plain = deals.drop(columns=["fx_rate", "fx_rate_date"])
    sheet = _book(plain)["deals"]
    usd = _cell(sheet, 2, "fx_rate")
    assert (usd.value, usd.number_format, _cell(sheet, 2, "fx_rate_date").value) == (1.0, "0", "2024")
    assert _cell(sheet, 5, "fx_rate").value is None  # no value, no rate


def test_a_large_export_is_one_row_per_deal_with_values_intact():
    rows = [
        _deal(deal_id=f"d{i}", amount=float(i) * 1e6 + 0.5, currency="USD", value_usd=float(i) * 1e6 + 0.5,
              date=f"{2015 + i % 10}-{1 + i % 12:02d}", evidence=f"deal number {i}", fx_rate=1.0,
              fx_rate_date=str(2015 + i % 10))
        for i in range(12_000)  # more than one chunk of rows
    ]
    frame = deals_frame(rows, extra=tuple(REVIEW_COLUMNS))
    book = openpyxl.load_workbook(io.BytesIO(export_bytes(frame, "xlsx")), read_only=True)
    sheet = book["deals"]
    assert sheet.max_row == 12_001
    values = [row[0] for row in sheet.iter_rows(min_row=2, min_col=9, max_col=9, values_only=True)]
    assert values == [float(i) * 1e6 + 0.5 for i in range(12_000)]
    last = next(sheet.iter_rows(min_row=12_001, values_only=True))
    assert (last[0], last[15], last[17]) == ("d11999", "2024-12", "deal number 11999")
    book.close()


# Written by the exporter as it was before the Excel polish (commit 5b8e925), for the small table above.
EXPECTED_CSV = (
    'deal_id,source,party,party_country,counterparty,counterparty_country,amount,currency,'
    'value_usd,qualifier,sector,deal_type,status,object,jobs,date,language,evidence,start,end,'
    'confidence,verified,group_id,fx_rate,fx_rate_date\n'
    'd1,a.txt,Kazakhstan,KAZ,,INT,4200000000.0,USD,4200000000.0,,energy_oil_gas,investment,'
    'signed,,,2024,en,"\'=HYPERLINK(""http://x"",""y"")",0,4,0.9,False,,1.0,2024\n'
    "d2,b.txt,Kazakhstan,KAZ,'+Plus LLC,INT,150000000000.0,KZT,310500000.0,,energy_oil_gas,"
    'investment,signed,30 locomotives,1200,2024-03,en,'
    '"Kazakhstan Temir Zholy signed a contract with Alstom worth 150 billion tenge for 30 locomotives, to be\x0c'
    'delivered from the plant in Astana by the end of 2026.",0,157,0.5,True,g1,0.00207,2024-03\n'
    'd3,c.txt,Kazakhstan,KAZ,ADB,INT,1234.5,EUR,-2500000.0,,energy_oil_gas,investment,signed,,,'
    "2024-03-12,en,'@SUM(A1:A9) is not a formula here,0,4,0.25,False,,1.0875,2024-03-12\n"
    "d4,c.txt,Uzbekistan,UZB,ADB,INT,,,,,energy_oil_gas,investment,signed,,,,en,'-5 percent,10,20,0.5,False,,,\n"
)
EXPECTED_JSON = [{'deal_id': 'd1',
  'source': 'a.txt',
  'party': 'Kazakhstan',
  'party_country': 'KAZ',
  'counterparty': None,
  'counterparty_country': 'INT',
  'amount': 4200000000.0,
  'currency': 'USD',
  'value_usd': 4200000000.0,
  'qualifier': None,
  'sector': 'energy_oil_gas',
  'deal_type': 'investment',
  'status': 'signed',
  'object': None,
  'jobs': None,
  'date': '2024',
  'language': 'en',
  'evidence': '=HYPERLINK("http://x","y")',
  'start': 0,
  'end': 4,
  'confidence': 0.9,
  'verified': False,
  'group_id': None,
  'fx_rate': 1.0,
  'fx_rate_date': '2024'},
 {'deal_id': 'd2',
  'source': 'b.txt',
  'party': 'Kazakhstan',
  'party_country': 'KAZ',
  'counterparty': '+Plus LLC',
  'counterparty_country': 'INT',
  'amount': 150000000000.0,
  'currency': 'KZT',
  'value_usd': 310500000.0,
  'qualifier': None,
  'sector': 'energy_oil_gas',
  'deal_type': 'investment',
  'status': 'signed',
  'object': '30 locomotives',
  'jobs': 1200,
  'date': '2024-03',
  'language': 'en',
  'evidence': 'Kazakhstan Temir Zholy signed a contract with Alstom worth 150 billion tenge for 30 locomotives, to '
              'be\x0c'
              'delivered from the plant in Astana by the end of 2026.',
  'start': 0,
  'end': 157,
  'confidence': 0.5,
  'verified': True,
  'group_id': 'g1',
  'fx_rate': 0.00207,
  'fx_rate_date': '2024-03'},
 {'deal_id': 'd3',
  'source': 'c.txt',
  'party': 'Kazakhstan',
  'party_country': 'KAZ',
  'counterparty': 'ADB',
  'counterparty_country': 'INT',
  'amount': 1234.5,
  'currency': 'EUR',
  'value_usd': -2500000.0,
  'qualifier': None,
  'sector': 'energy_oil_gas',
  'deal_type': 'investment',
  'status': 'signed',
  'object': None,
  'jobs': None,
  'date': '2024-03-12',
  'language': 'en',
  'evidence': '@SUM(A1:A9) is not a formula here',
  'start': 0,
  'end': 4,
  'confidence': 0.25,
  'verified': False,
  'group_id': None,
  'fx_rate': 1.0875,
  'fx_rate_date': '2024-03-12'},
 {'deal_id': 'd4',
  'source': 'c.txt',
  'party': 'Uzbekistan',
  'party_country': 'UZB',
  'counterparty': 'ADB',
  'counterparty_country': 'INT',
  'amount': None,
  'currency': None,
  'value_usd': None,
  'qualifier': None,
  'sector': 'energy_oil_gas',
  'deal_type': 'investment',
  'status': 'signed',
  'object': None,
  'jobs': None,
  'date': None,
  'language': 'en',
  'evidence': '-5 percent',
  'start': 10,
  'end': 20,
  'confidence': 0.5,
  'verified': False,
  'group_id': None,
  'fx_rate': None,
  'fx_rate_date': None}]
