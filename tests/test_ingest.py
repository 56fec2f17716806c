import pytest

from dealtracker.ingest import IngestError, read_document
from dealtracker.pipeline import process_documents


def test_plain_text_keeps_its_text_and_guesses_language():
    article = read_document("a.txt", "Заголовок\nКазахстан подписал соглашение.".encode("utf-8"))
    assert article.language == "ru"
    assert article.title == "Заголовок"
    assert article.text.endswith("подписал соглашение.")


def test_utf8_bom_and_windows_1251_are_decoded():
    text = "Казахстан подписал соглашение с компанией на сумму 10 млн долларов."
    assert read_document("bom.txt", b"\xef\xbb\xbf" + text.encode("utf-8")).text == text
    assert read_document("cp.txt", text.encode("cp1251")).text == text


def test_markdown_marks_are_dropped():
    article = read_document("a.md", b"# Big deal\n\nThe **EBRD** signed a [loan](http://x).")
    assert article.text == "Big deal\n\nThe EBRD signed a loan."


def test_html_keeps_the_article_and_drops_scripts_and_navigation():
    html = (
        "<html><head><title>Loan for Bishkek</title><script>var secret='$9 billion';</script></head>"
        "<body><nav><a href='/'>Home</a><a href='/x'>Markets menu</a></nav><article><h1>Loan for Bishkek</h1>"
        "<p>The Asian Development Bank signed a $27 million loan with the Kyrgyz Republic on Monday to "
        "rebuild water pipes in Bishkek and three other cities.</p>"
        "<p>The project will serve 200,000 residents when it is finished in 2028.</p></article>"
        "<footer>© News</footer></body></html>"
    ).encode("utf-8")
    article = read_document("page.html", html)
    assert "$27 million loan" in article.text
    assert "secret" not in article.text and "Markets menu" not in article.text
    assert article.title == "Loan for Bishkek"


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t ", "empty"),
        ("random.txt", bytes(range(256)) * 8, "binary"),
        ("report.pdf", b"%PDF-1.4 ...", "not supported"),
    ],
)
def test_bad_files_raise_a_clear_reason(name, data, reason):
    with pytest.raises(IngestError, match=reason):
        read_document(name, data)


def test_a_bad_file_does_not_stop_the_batch():
    good = "The EBRD signed a $10 million loan with Kazakhstan Temir Zholy.".encode()
    result = process_documents([("empty.txt", b""), ("good.txt", good), ("bin.txt", b"\x00\x01\x02" * 50)])
    assert [p.source for p in result.problems] == ["empty.txt", "bin.txt"]
    assert [a.source for a in result.articles] == ["good.txt"]
    assert len(result.deals) == 1


def test_html_date_comes_from_page_metadata_never_from_a_copyright_line():
    body = "<article><p>The Asian Development Bank signed a $27 million loan with Kyrgyzstan for water pipes.</p></article>"
    dated = f'<html><head><meta property="article:published_time" content="2025-10-08T10:00:00Z"></head><body>{body}</body></html>'
    undated = f"<html><body>{body}<footer>© 2025 News</footer></body></html>"
    assert read_document("a.html", dated.encode()).date == "2025-10-08"
    assert read_document("b.html", undated.encode()).date is None
