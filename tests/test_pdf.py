"""PDFs read as their plain-text twins: Arabic in logical order with its letters folded, no letterhead,
running header/footer or page number, sentences joined across page breaks, table rows on lines of their own.

The PDFs are written piece by piece (``fixtures_ingest.placed_pdf``), Arabic in visual order and in
presentation forms, as a browser prints it; the twin test reads the six PDFs of the development set.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SHARED
from fixtures_ingest import isolated_forms, placed_pdf

from dealtracker.extract.assemble import extract_deals
from dealtracker.ingest import read_document
from dealtracker.ingest.pdf_layout import Piece, fold_presentation_forms, is_letterhead, is_page_number, logical_line

DEV_ARTICLES = SHARED / "dev" / "articles"


def visual(arabic: str) -> str:
    """Logical Arabic text (no digits, no Latin) as a PDF draws it: shaped forms, left to right."""
    return isolated_forms(arabic)[::-1]


def _text(pages: list[list[tuple[float, float, str]]]) -> str:
    return read_document("doc.pdf", placed_pdf(pages)).text


# --- presentation forms --------------------------------------------------------------------------------------


def test_presentation_forms_fold_to_the_letters_they_stand_for():
    assert fold_presentation_forms("ﻧﺸﺮة ﺻﺤﻔﻴﺔ") == "نشرة صحفية"
    assert fold_presentation_forms("ﻣﻼﻳﻴﻦ دوﻻر") == "ملايين دولار"  # lam-alef: one code, two letters in order
    assert fold_presentation_forms("ﬁnancing eﬃciency") == "financing efficiency"
    assert fold_presentation_forms("ﺑ\ufe7c") == "ب\u0651"  # an isolated vowel sign loses NFKC's space
    assert fold_presentation_forms("ﺑ\ufe7d") == "بـ\u0651"  # (a medial one is a tatweel and the sign)
    untouched = "Казахстан ١٢٣ ½ ﹫"[:-1] + "²"  # other compatibility characters are not ours to change
    assert fold_presentation_forms(untouched) == untouched


def test_arabic_lexicon_terms_match_after_folding():
    article = read_document("ar.pdf", placed_pdf([[(300, 800, visual("وقعت حكومة طاجيكستان اتفاقية"))]]))
    assert article.text == "وقعت حكومة طاجيكستان اتفاقية"
    assert article.language == "ar"


# --- reading order -------------------------------------------------------------------------------------------


def test_arabic_line_with_numbers_reads_in_logical_order():
    # Logical: "روسيا تمول بنحو ٣٫٨٥ ملايين دولار (برنامج الأمم) منذ 2022." — drawn right to left, so the
    # pieces from left to right are: "2022." (a number, and the full stop at its left), the words, the number…
    line = [
        (40, 800, "."),
        (45, 800, "2022"),
        (70, 800, " " + visual("منذ") + " (" + visual("برنامج الأمم") + ") " + visual("ملايين دولار") + " "),
        (230, 800, "٣٫٨٥"),
        (260, 800, " " + visual("روسيا تمول بنحو")),
    ]
    assert _text([line]) == "روسيا تمول بنحو ٣٫٨٥ ملايين دولار (برنامج الأمم) منذ 2022."


def test_latin_words_inside_an_arabic_line_keep_their_order():
    # An Arabic page: the mixed line is read right to left whatever its share of Latin letters.
    line = [(40, 800, "Asian Development"), (130, 800, " Bank "), (160, 800, visual("وقع بنك"))]
    arabic = [(100, 780, visual("ووقعت حكومة قيرغيزستان الاتفاقية في بيشكيك."))]
    assert _text([[*line, *arabic]]) == "وقع بنك Asian Development Bank ووقعت حكومة قيرغيزستان الاتفاقية في بيشكيك."


def test_an_english_line_keeps_its_order_with_an_arabic_name_in_it():
    line = [(40, 800, "The fund "), (100, 800, visual("صندوق أبوظبي")), (180, 800, " signed.")]
    assert _text([line]) == "The fund صندوق أبوظبي signed."
    # an Arabic phrase with a number in it is read from the right as a whole
    line = [(40, 800, "It reads "), (90, 800, visual("مليون")), (120, 800, " 12 "), (140, 800, visual("قرض")), (160, 800, " today.")]
    assert _text([line]) == "It reads قرض 12 مليون today."


def test_lines_of_one_paragraph_are_joined_and_a_gap_starts_a_new_one():
    words = "The Asian Development Bank approved a loan for the Kyrgyz Republic to rebuild roads"
    page = [(40, 800, words), (40, 786, "and bridges in the south."), (40, 750, "Works start in 2026.")]
    assert _text([page]) == words + " and bridges in the south.\n\nWorks start in 2026."


# --- letterheads, running headers and footers, page numbers ------------------------------------------------------

LONG_EN = "The Asian Development Bank and the Kyrgyz Republic signed on Monday an agreement for a loan of"
WRAPPED = ["The bank has worked in the country since 1994, and its portfolio there covers", "roads, power and water."]


@pytest.mark.parametrize(
    "line",
    ["Page 1 of 2", "page 12", "- 3 -", "1/2", "Стр. 1 из 2", "Страница 3", "صفحة 1 من 2", "الصفحة 2"],
)
def test_page_number_lines(line):
    assert is_page_number(line)


@pytest.mark.parametrize(
    "line",
    [
        "Press release · No. 07/104-2025 · +7 (7172) 55-14-24 · 1/2",
        "All rights reserved © 2025 · tel. +7 (7172) 55-14-24",
        "Пресс-релиз · № 15/2-340 · тел. 8 (7172) 55-12-22",
        "Все права защищены © 2025",
        "نشرة صحفية · رقم 15/2 · هاتف +971 4 555 1234",
        "جميع الحقوق محفوظة © 2025 · info@invest.kz · www.invest.kz",
    ],
)
def test_letterhead_lines(line):
    assert is_letterhead(line)


@pytest.mark.parametrize(
    "line",
    [
        "ADB backs Kyrgyz project pipeline with $22.58 million facility",
        "MANILA, PHILIPPINES (2 December 2024)",
        "the agreement No. 5 worth $30 million was signed by the Saudi Fund for Development in Riyadh",
        "Page 1 of the agreement lists 12 projects",
        "2 млрд долларов",
    ],
)
def test_article_lines_are_neither(line):
    assert not is_letterhead(line)
    assert not is_page_number(line)


def _two_pages(header: str, footers: tuple[str, str], first: list[str], second: list[str]) -> list:
    """Two pages with a running header, footers, and the given body lines, 14 points apart ("" for a gap)."""
    pages = []
    for footer, body in zip(footers, (first, second)):
        lines, y = [(40, 800, header)], 760
        for text in body:
            if text:
                lines.append((40, y, text))
            y -= 14
        pages.append(lines + [(260, 40, footer)])
    return pages


def test_header_footer_and_page_numbers_are_dropped_and_a_sentence_is_joined_across_the_page_break():
    pages = _two_pages(
        "Kazakh Invest Quarterly · Tel. +7 (7172) 55-14-24",
        ("Page 1 of 2", "Page 2 of 2"),
        ["Kazakh Invest Quarterly", "", "ASTANA, 5 May 2025", "", *WRAPPED, "", LONG_EN],
        ["$27 million to rebuild water pipes in Bishkek.", "The works take three years."],
    )
    pages[0].insert(1, (40, 785, "No. 07/104-2025"))  # a letterhead line on the first page only
    text = _text(pages)
    assert "Page" not in text and "55-14-24" not in text and "07/104" not in text
    assert LONG_EN + " $27 million to rebuild water pipes in Bishkek." in text.splitlines()
    amounts = {(d.party_country, d.currency, round(d.amount or 0)) for d in extract_deals(read_document("x.pdf", placed_pdf(pages)))}
    assert amounts == {("KGZ", "USD", 27_000_000)}


def test_russian_running_lines_are_dropped():
    body = "Европейский банк реконструкции и развития подписал с компанией Самрук-Энерго соглашение на сумму"
    pages = _two_pages(
        "Пресс-релиз · № 15/2-340 · тел. 8 (7172) 55-12-22",
        ("Стр. 1 из 2", "Стр. 2 из 2"),
        ["Ветер для юга Казахстана", "", body],
        ["12 млн долларов для строительства ветровой электростанции.", "Все права защищены © 2025"],
    )
    text = _text(pages)
    assert "Стр." not in text and "55-12-22" not in text and "15/2-340" not in text and "©" not in text
    assert body + " 12 млн долларов для строительства ветровой электростанции." in text.splitlines()


def test_arabic_running_lines_are_dropped():
    first = "وقعت حكومة طاجيكستان وبنك التنمية الآسيوي اتفاقية منحة بقيمة"
    rest = " مليون دولار لإعادة تأهيل الطريق."
    pages = []
    for number, body in ((1, [(100, 760, visual(first))]), (2, [(60, 760, visual(rest)), (230, 760, "12")])):
        # Drawn right to left, so left to right: the phone number, then the label; "2", " من ", "1", "صفحة ".
        header = [(100, 800, "+971 4 555 1234"), (300, 800, visual(" · نشرة صحفية"))]
        footer = [(200, 40, "2"), (210, 40, visual(" من ")), (240, 40, str(number)), (250, 40, visual("صفحة "))]
        pages.append(header + body + footer)
    text = _text(pages)
    assert "صفحة" not in text and "1234" not in text and "نشرة" not in text
    assert first + " 12" + rest in text.splitlines()


def test_a_letterhead_line_with_a_date_is_kept_for_the_publication_date():
    page = [(40, 800, "No. 15/2-340 · Astana, 5 May 2025"), (40, 770, "Tel. +7 (7172) 55-14-24"), (40, 740, LONG_EN)]
    article = read_document("dated.pdf", placed_pdf([page]))
    assert article.date == "2025-05-05"
    assert article.text.startswith("Astana, 5 May 2025\n")
    assert "55-14-24" not in article.text and "15/2" not in article.text


def test_a_page_printed_twice_keeps_its_text():
    page = [(40, 800, "The EBRD lends $5 million to a Kazakh bank."), (40, 786, "Signed in Astana.")]
    assert _text([page, page]).count("$5 million") == 2


# --- tables --------------------------------------------------------------------------------------------------


def test_a_table_row_stays_on_its_own_line_with_its_cells_apart():
    page = [
        (40, 800, LONG_EN),
        (40, 786, "$22.58 million, made up of:"),
        (40, 760, "Concessional loan"),
        (300, 760, "$13.36 million"),
        (40, 746, "Grant"),
        (300, 746, "$9.22 million"),
    ]
    lines = _text([page]).splitlines()
    assert "Concessional loan\t$13.36 million" in lines
    assert "Grant\t$9.22 million" in lines


def test_a_line_of_running_arabic_text_is_no_table_row_though_its_pieces_stand_apart():
    # As pypdf places the pieces of a shaped right-to-left line: each dated from where its text object begins,
    # so the gaps between them look like a table's. The letters fill the line's width: running text.
    pieces = [
        Piece(" اليابانية، ومقرها ", 124.1, 700, 11), Piece("»", 130.8, 700, 11),
        Piece("ميناتو للهندسة الصناعية ", 241.5, 700, 11), Piece("« ", 253.9, 700, 11),
        Piece(" عقداً مع شركة ", 330.2, 700, 11), Piece("»", 336.9, 700, 11),
        Piece("تركمن خيميا ", 394.9, 700, 11), Piece("« ", 407.3, 700, 11),
        Piece("كما وقّعت المؤسسة الحكومية ", 407.3, 700, 11),
    ]
    text, cells = logical_line(pieces, rtl=True)
    assert not cells and "\t" not in text


def test_an_arabic_table_row_keeps_its_cells_apart():
    row = [Piece("18 مليون يورو", 60, 700, 11), Piece("منحة", 250, 700, 11), Piece("بنك التنمية الألماني", 420, 700, 11)]
    text, cells = logical_line(row, rtl=True)
    assert cells and text.split("\t") == ["بنك التنمية الألماني", "منحة", "18 مليون يورو"]


# --- the development set's PDFs and their plain-text twins --------------------------------------------------------

TWINS = ["ar_05", "ar_06", "en_01", "en_12", "ru_01", "ru_12"]


def _deals(path: Path) -> tuple[set, set]:
    deals = extract_deals(read_document(path.name, path.read_bytes()))
    valued = {(d.party_country, d.currency, round(d.amount)) for d in deals if d.amount is not None}
    return valued, {d.counterparty for d in deals}


@pytest.mark.parametrize("stem", TWINS)
def test_pdf_gives_the_deals_of_its_text_twin(stem):
    pdf, txt = DEV_ARTICLES / f"{stem}_pdf.pdf", DEV_ARTICLES / f"{stem}.txt"
    if not (pdf.exists() and txt.exists()):
        pytest.skip(f"the shared development set is not here ({DEV_ARTICLES}); the PDF twin test is skipped")
    assert _deals(pdf) == _deals(txt)
