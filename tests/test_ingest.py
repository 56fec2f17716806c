"""Readers: every format and encoding we promise, the limits, and one clear reason for each bad file."""

import io
import zipfile

import pytest
from fixtures_ingest import ar, bad_files, docx_bytes, en, good_files, minimal_pdf, ru, wrapped, zip_of

from dealtracker.ingest import IngestError, Limits, LimitsError, read_document, read_documents
from dealtracker.ingest.dates import publication_date
from dealtracker.ingest.language import detect_language
from dealtracker.pipeline import process_documents
from dealtracker.schema import Article, ReadProblem

SMALL = Limits(max_file_bytes=200_000, max_pdf_pages=2, max_archive_entries=5, max_archive_bytes=300_000, max_rows=3)


def _read(name: str, data: bytes, limits: Limits | None = None) -> tuple[list[Article], list[ReadProblem]]:
    items = list(read_documents(name, data, limits))
    return [i for i in items if isinstance(i, Article)], [i for i in items if isinstance(i, ReadProblem)]


def test_plain_text_keeps_its_text_and_guesses_language():
    article = read_document("a.txt", "Заголовок\nКазахстан подписал соглашение.".encode("utf-8"))
    assert article.language == "ru"
    assert article.title == "Заголовок"
    assert article.text.endswith("подписал соглашение.")


def test_markdown_marks_are_dropped():
    article = read_document("a.md", b"# Big deal\n\nThe **EBRD** signed a [loan](http://x).")
    assert article.text == "Big deal\n\nThe EBRD signed a loan."


def test_html_keeps_the_article_and_drops_scripts_comments_and_navigation():
    article = read_document("page.html", good_files()["page.html"][0])
    assert "$41 million loan" in article.text
    for hidden in ("tracker", "$999 million", "Markets menu", "$5 billion", "editor"):
        assert hidden not in article.text
    assert article.title == "Water pipes for Bishkek"
    assert article.date == "2025-03-12"


def test_html_date_comes_from_page_metadata_never_from_a_copyright_line():
    body = "<article><p>The Asian Development Bank signed a $27 million loan with Kyrgyzstan for water pipes.</p></article>"
    dated = f'<html><head><meta property="article:published_time" content="2025-10-08T10:00:00Z"></head><body>{body}</body></html>'
    undated = f"<html><body>{body}<footer>© 2025 News</footer></body></html>"
    assert read_document("a.html", dated.encode()).date == "2025-10-08"
    assert read_document("b.html", undated.encode()).date is None


def test_html_in_a_legacy_encoding_is_read_by_its_declared_charset():
    html = f'<html><head><meta charset="windows-1251"></head><body><article><p>{ru(5, date="")}</p></article></body></html>'
    article = read_document("ru.html", html.encode("cp1251"))
    assert "Европейский банк реконструкции" in article.text


@pytest.mark.parametrize(
    "encoding, text",
    [
        ("utf-8", ru(1)), ("utf-8-sig", ru(1)), ("utf-16", ru(1)), ("utf-16-le", ru(1)), ("utf-16-be", ar(1)),
        ("cp1251", ru(1)), ("koi8_r", ru(1)), ("cp1256", ar(1)), ("iso8859_6", ar(1)), ("utf-16", en(1)),
    ],
)
def test_every_encoding_is_detected_from_the_bytes(encoding, text):
    article = read_document("article.txt", text.encode(encoding))
    assert article.text == text.strip()
    assert article.language == ("ar" if text.startswith("طريق") else "ru" if text.startswith("Ветер") else "en")


SHORT_TEXTS = {
    "Cyrillic": "Казахстан и Китай подписали соглашение о кредите на 300 миллионов долларов для строительства дорог.",
    "Arabic": "وقعت طاجيكستان اتفاقية قرض مع الصين بقيمة مئة مليون دولار لبناء محطة كهرباء جديدة في دوشنبه.",
}


@pytest.mark.parametrize("encoding, script", [
    ("cp1251", "Cyrillic"), ("koi8_r", "Cyrillic"), ("cp866", "Cyrillic"), ("iso8859_5", "Cyrillic"),
    ("cp1256", "Arabic"), ("iso8859_6", "Arabic"),
])
def test_short_texts_in_legacy_code_pages_are_read_exactly(encoding, script):
    """A headline or a one-line note: every prefix of the sentence from 30 characters up decodes to itself (on
    short texts the detector's first choice was Shift-JIS for KOI8-R and Thai for ISO-8859-6, up to 115
    characters). Below about 30 characters the bytes of a few words are valid, mess-free text in several of
    these code pages at once (KOI8-R "Казахстан и Китай" is also ISO-8859-6 Arabic letters), so none is tested."""
    words = SHORT_TEXTS[script].split()
    prefixes = [" ".join(words[:n]) for n in range(1, len(words) + 1)]
    for text in (prefix for prefix in prefixes if len(prefix) >= 30):
        assert read_document("note.txt", text.encode(encoding)).text == text, (encoding, len(text))


def test_the_preferred_code_pages_are_real_codecs_listed_once():
    import codecs

    from dealtracker.ingest.encoding import legacy_encodings

    names = [codecs.lookup(name).name for name in legacy_encodings()]
    assert len(names) >= 6 and len(names) == len(set(names))


def test_a_code_page_outside_our_languages_is_still_read_when_only_it_fits():
    greek = "Η Ελλάδα υπέγραψε συμφωνία με το Καζακστάν για την κατασκευή σιδηροδρόμου."
    chinese = "中国与哈萨克斯坦签署了价值四十亿美元的协议，用于建设铁路和公路。" * 2
    assert read_document("el.txt", greek.encode("cp1253")).text == greek
    assert read_document("zh.txt", chinese.encode("gbk")).text == chinese


def test_lines_in_two_encodings_are_each_decoded_and_flagged():
    data = ru(7).encode("utf-8") + b"\n" + "Второй абзац из другого файла, сохранённого в Windows.".encode("cp1251")
    articles, problems = _read("mixed.txt", data)
    assert articles[0].text.endswith("Второй абзац из другого файла, сохранённого в Windows.")
    assert "Европейский банк" in articles[0].text
    assert [p.warning for p in problems] == [True]
    assert "mixes two text encodings" in problems[0].reason


def test_every_good_fixture_gives_its_articles_with_language_and_date():
    for name, (data, amounts) in good_files().items():
        articles, problems = _read(name, data)
        assert problems == [], (name, problems)
        assert sorted(a.source for a in articles) == sorted(name + suffix for suffix in amounts), name
        for article in articles:
            assert article.language in ("ar", "ru", "en"), name
            assert article.date is not None and article.date.startswith("2025-03-1"), (name, article.date)


def test_every_bad_fixture_gives_one_clear_reason():
    for name, (data, reason) in bad_files().items():
        articles, problems = _read(name, data)
        assert articles == [], name
        assert len(problems) == 1 and problems[0].source == name and reason in problems[0].reason, (name, problems)


@pytest.mark.parametrize(
    "name, data, reason",
    [
        ("empty.txt", b"", "empty"),
        ("blank.txt", b"  \n\t ", "empty"),
        ("random.txt", bytes(range(256)) * 8, "binary"),
        ("renamed.txt", minimal_pdf(["x"]), "this is a PDF, not a text file"),
        ("report.pdf", b"%PDF-1.4 ...", "incomplete"),
        ("report.pdf", b"Just text", "not a PDF"),
        ("old.doc", b"\xd0\xcf\x11\xe0 binary", "save it as .docx"),
        ("notes.xyz", b"text", "not supported"),
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
    assert (result.files, result.failed) == (3, 2)
    assert result.summary() == "1 file read, 2 failed, 1 article, 1 deal"


# --- PDF ---------------------------------------------------------------------------------------------------

def _pdf_writer_bytes(pages: int = 1, text: bool = True, password: str | None = None) -> bytes:
    """A PDF with ``pages`` pages built by pypdf from our minimal one (blank pages when text is False)."""
    from pypdf import PdfReader, PdfWriter

    writer = PdfWriter()
    source = PdfReader(io.BytesIO(minimal_pdf(wrapped(en(9)))))
    for _ in range(pages):
        if text:
            writer.add_page(source.pages[0])
        else:
            writer.add_blank_page(595, 842)
    if password is not None:
        writer.encrypt(user_password=password, owner_password="owner", algorithm="RC4-128")
    buffer = io.BytesIO()
    writer.write(buffer)
    return buffer.getvalue()


def test_pdf_text_layer_is_read_with_wrapped_lines_joined():
    article = read_document("report.pdf", minimal_pdf(wrapped(en(39))))
    assert "signed a $39 million loan with the Kyrgyz Republic on Monday to rebuild water pipes" in article.text


def test_encrypted_pdf_is_named_as_such_unless_it_opens_without_a_password():
    with pytest.raises(IngestError, match="the PDF is encrypted"):
        read_document("locked.pdf", _pdf_writer_bytes(password="secret"))
    assert "$9 million" in read_document("open.pdf", _pdf_writer_bytes(password="")).text


def test_pdf_without_text_layer_says_so():
    with pytest.raises(IngestError, match="no text layer"):
        read_document("scan.pdf", _pdf_writer_bytes(text=False))


def test_pdf_pages_past_the_limit_are_not_read_and_that_is_said():
    articles, problems = _read("long.pdf", _pdf_writer_bytes(pages=3), SMALL)
    assert len(articles) == 1 and articles[0].text.count("$9 million") == 2
    assert [p.reason for p in problems] == [
        "only the first 2 of its 3 pages were read; the limit is 2 pages (DEALTRACKER_MAX_PDF_PAGES)"
    ]


# --- Word, e-mail ------------------------------------------------------------------------------------------

def test_docx_reads_paragraphs_and_tables():
    article = read_document("memo.docx", docx_bytes(42))
    assert "$42 million loan" in article.text and "Bishkek | 200,000" in article.text
    assert article.title == "Water pipes for Bishkek"


def test_a_zip_that_is_not_a_word_file_is_named_as_such():
    with pytest.raises(IngestError, match="not a Word document"):
        read_document("x.docx", zip_of({"a.txt": b"hello"}))


def test_a_word_file_that_expands_too_far_is_refused_unread():
    with pytest.raises(IngestError, match="the Word package expands to"):
        read_document("big.docx", zip_of({"word/document.xml": bytes(400_000)}), SMALL)


def test_eml_whose_charset_holds_a_nul_is_read_by_detection():
    # found by the damaged-copies property test: Python's codec look-up refuses such a name with a ValueError
    data = b'Subject: Loan\nContent-Type: text/plain; charset="utf-8\x00"\n\nKazakhstan signed a $5 million loan.\n'
    article = read_document("damaged.eml", data)
    assert article.title == "Loan"
    assert "Kazakhstan signed a $5 million loan." in article.text


def test_eml_gives_subject_body_and_date():
    article = read_document("mail.eml", good_files()["forwarded.eml"][0])
    assert article.title == "Water pipes for Bishkek"  # "Fwd:" dropped
    assert article.date == "2025-03-12"
    assert "$43 million loan" in article.text
    html = read_document("news.eml", good_files()["newsletter.eml"][0])
    assert "$44 million loan" in html.text and "<p>" not in html.text


# --- bulk exports ------------------------------------------------------------------------------------------

def test_csv_with_semicolons_in_windows_1251_and_rows_without_text():
    data = ("заголовок;text;date\nОдин;" + ru(3, date="") .replace("\n", " ") + ";2025-01-02\nДва;;\nТри; ;\n").encode("cp1251")
    articles, problems = _read("export.csv", data)
    assert [a.source for a in articles] == ["export.csv row 2"] and articles[0].date == "2025-01-02"
    assert [(p.source, p.reason) for p in problems] == [("export.csv", "rows 3, 4 have no text; skipped")]


def test_csv_without_a_text_column_is_refused_with_its_columns():
    with pytest.raises(IngestError, match=r"no 'text' column \(the columns are: title, summary\)"):
        read_document("export.csv", b"title,summary\na,b\n")


def test_rows_past_the_limit_are_not_read_and_that_is_said():
    data = "\n".join(f'{{"text": "The EBRD lent ${n} million to Kazakhstan."}}' for n in range(1, 6)).encode()
    articles, problems = _read("export.jsonl", data, SMALL)
    assert len(articles) == 3
    assert [p.reason for p in problems] == ["only the first 3 lines were read; the limit is 3 rows (DEALTRACKER_MAX_ROWS)"]


def test_bad_json_lines_and_items_are_named_and_the_rest_is_read():
    articles, problems = _read("x.jsonl", b'{"text": "' + en(1).replace("\n", " ").encode() + b'"}\n{broken\n[1]\n')
    assert len(articles) == 1
    assert [p.reason for p in problems] == [
        "line 2 has no valid JSON; skipped", "line 3 has no 'text' field (it is not an object); skipped"
    ]
    with pytest.raises(IngestError, match="nested too deeply"):
        read_document("deep.json", b"[" * 100_000 + b"]" * 100_000)
    with pytest.raises(IngestError, match="not valid JSON"):
        read_document("bad.json", b'{"articles": [')


# --- archives ----------------------------------------------------------------------------------------------

def test_zip_entries_are_read_and_unsafe_or_nested_ones_reported():
    data = zip_of({
        "good.txt": en(2).encode(),
        "../escape.txt": en(3).encode(),
        "/etc/abs.txt": en(4).encode(),
        "inner.zip": zip_of({"a.txt": b"x"}),
        "picture.png": b"\x89PNG....",
        "__MACOSX/._good.txt": b"\x00\x05\x16\x07",
    })
    articles, problems = _read("a.zip", data)
    assert [a.source for a in articles] == ["a.zip/good.txt"]
    assert [(p.source, p.reason.split(";")[0]) for p in problems] == [
        ("a.zip/../escape.txt", "the archive names a path outside itself"),
        ("a.zip//etc/abs.txt", "the archive names a path outside itself"),
        ("a.zip/inner.zip", "archives inside archives are not opened"),
    ]


def test_zip_limits_on_entries_declared_size_and_methods():
    many = zip_of({f"{i}.txt": b"x" for i in range(6)})
    assert _read("many.zip", many, SMALL)[1][0].reason == "the archive holds 6 files; the limit is 5 files (DEALTRACKER_MAX_ZIP_ENTRIES)"
    big = zip_of({"a.txt": bytes(150_000), "b.txt": bytes(150_001)})
    assert "the archive expands to 0.3 MB; the limit is 0.3 MB" in _read("big.zip", big, SMALL)[1][0].reason
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_BZIP2) as archive:
        archive.writestr("a.txt", en(5))
    assert "compressed with a method other than" in _read("bz.zip", buffer.getvalue())[1][0].reason
    assert "not a valid ZIP archive" in _read("broken.zip", b"PK\x03\x04 broken")[1][0].reason


def test_a_zip_entry_that_lies_about_its_size_is_stopped():
    data = bytearray(zip_of({"a.txt": en(6).encode() * 50}))
    # shrink the declared uncompressed size in the central directory: the entry then expands past it
    central = data.rfind(b"PK\x01\x02")
    data[central + 24:central + 28] = (10).to_bytes(4, "little")
    articles, problems = _read("liar.zip", bytes(data))
    assert articles == []
    assert problems[0].source == "liar.zip/a.txt" and "damaged" in problems[0].reason


def test_uploaded_names_are_never_opened_as_paths(monkeypatch, tmp_path):
    """Whatever a name says, readers only look at the bytes they are given."""
    import builtins
    import os

    opened: list[str] = []
    real_open, real_os_open = io.open, os.open

    def spy(real):
        return lambda file, *a, **k: (opened.append(str(file)), real(file, *a, **k))[1]

    monkeypatch.setattr(builtins, "open", spy(real_open))
    monkeypatch.setattr(io, "open", spy(real_open))
    monkeypatch.setattr(os, "open", spy(real_os_open))
    for name, (data, _) in {**good_files(), **{n: (d, "") for n, (d, _) in bad_files().items()}}.items():
        evil = f"../../{tmp_path.name}-evil-{name}"
        list(read_documents(evil, data))
    assert not [path for path in opened if "-evil-" in path]


# --- limits, language, dates -------------------------------------------------------------------------------

def test_limits_come_from_the_table_and_the_environment():
    assert Limits.from_env({}) == Limits(25 * 2**20, 500, 1000, 200 * 2**20, 20000)
    assert Limits.from_env({"DEALTRACKER_MAX_FILE_MB": "0.5", "DEALTRACKER_MAX_ROWS": "10"}).max_file_bytes == 2**19
    with pytest.raises(LimitsError, match=r"DEALTRACKER_MAX_ROWS must be a positive number of rows \(got 'many'\)"):
        Limits.from_env({"DEALTRACKER_MAX_ROWS": "many"})
    too_big = Limits.from_env({"DEALTRACKER_MAX_FILE_MB": "0.0001"})
    assert _read("a.txt", en(1).encode() * 2, too_big)[1][0].reason.startswith("the file is 0 MB; the limit is 0 MB")


@pytest.mark.parametrize(
    "text, language",
    [
        (en(1), "en"), (ru(1), "ru"), (ar(1), "ar"),
        ("Қазақстан мен Қытай арасында жаңа жел электр станциясын салу туралы келісімге қол қойылды. "
         "Жобаның құны 240 миллион долларды құрайды және ол Жамбыл облысында іске асырылады.", "kk"),
        # Kazakh without ә ұ һ: its қ ғ і, which Kyrgyz does not write, still tell it apart
        ("Астана. Қытайдың CRRC компаниясы мен Қазақстан темір жолы 120 млрд теңгеге 300 локомотив сатып алу "
         "туралы келісімге қол қойды, деп хабарлады компанияның баспасөз қызметі.", "kk"),
        ("Ўзбекистон ҳукумати ва Хитойнинг CNPC компанияси Бухоро вилоятида газ-кимё мажмуасини қуриш бўйича "
         "1,5 миллиард долларлик шартнома имзолади, деб хабар берди вазирлик.", "uz"),
        ("Тоҷикистон ва Бонки Осиёии Рушд созишномаи грантӣ ба маблағи 120 миллион доллар барои таъмири роҳ "
         "имзо карданд, ки дар ҷануби кишвар сохта мешавад.", "tg"),
        ("Кыргызстан менен Кытай Нарын дарыясында жаңы гидроэлектростанция курууга 500 миллион долларлык "
         "келишимге кол коюшту, деп билдирди өкмөттүн басма сөз кызматы.", "ky"),
        ("Oʻzbekiston hukumati va Xitoyning CNPC kompaniyasi Buxoro viloyatida gaz kimyo majmuasini qurish "
         "boʻyicha 1,5 mlrd dollarlik shartnoma imzoladi, deb xabar berdi vazirlik.", "uz"),
        ("بانک اروپایی بازسازی و توسعه یک وام ۲۴۰ میلیون دلاری برای ساخت یک نیروگاه بادی در جنوب قزاقستان امضا کرد.", "fa"),
        ("La Banque européenne pour la reconstruction et le développement a signé un prêt de 240 millions de dollars "
         "avec Samruk-Energy pour financer un parc éolien dans la région de Jambyl, au sud du Kazakhstan.", "fr"),
        ("Avrupa İmar ve Kalkınma Bankası, Kazakistan'ın güneyindeki bir rüzgar santrali için Samruk-Energy ile "
         "240 milyon dolarlık bir kredi anlaşması imzaladı.", "tr"),
        ("12345 67890", "other"),  # no letters: nothing to name
    ],
)
def test_language_from_script_and_words(text, language):
    """Arabic, Russian and English by script and words; any other language by its ISO 639-1 code (contract)."""
    assert detect_language(text) == language


@pytest.mark.parametrize(
    "text, date",
    [
        ("Title\n29 April 2025, 01:29\n\nText", "2025-04-29"),
        ("Title\nMarch 12, 2025\nText", "2025-03-12"),
        ("Title\n\n04 марта 2026\n\nТекст", "2026-03-04"),
        ("Заголовок\n12 марта 2025г. сообщили", "2025-03-12"),
        ("Title\n\n01.02.2024\n\nText", "2024-02-01"),
        ("عنوان\n\nالأحد 30 يونيو 2024\n\nنص", "2024-06-30"),
        ("عنوان\n١٢ مارس ٢٠٢٥\nنص", "2025-03-12"),
        ("عنوان\n12 آذار (مارس) 2025\nنص", "2025-03-12"),
        ("Title\nPublished: 2025-03-12T10:00:00Z", "2025-03-12"),
        # a date inside the story's first sentence is when something happened, not when the article appeared
        ("Title\nOn December 1, 2022, the two sides signed an agreement.", None),
        ("ASTANA, March 12 — a dateline without a year", None),
        ("Title\nThe plant will open on 1 March 2099.", None),
        ("Title\n31 February 2024", None),
    ],
)
def test_publication_date_in_three_languages(text, date):
    assert publication_date(text) == date


def _broken_docx() -> bytes:
    """A real Word package whose main part is not XML."""
    source, out = zipfile.ZipFile(io.BytesIO(docx_bytes(1))), io.BytesIO()
    with zipfile.ZipFile(out, "w") as broken:
        for item in source.infolist():
            broken.writestr(item.filename, b"<not xml" if item.filename == "word/document.xml" else source.read(item))
    return out.getvalue()


@pytest.mark.parametrize("name, data, reason", [
    ("inside.docx", _broken_docx(), "the Word file is damaged"),
    ("garbage.pdf", b"%PDF-1.4\n" + bytes(range(256)) * 4 + b"\n%%EOF\n", "the PDF is damaged and could not be opened"),
    ("scripts.html", b"<html><head><script>alert('$5 million')</script></head><body><script>var x=1</script>"
                     b"</body></html>", "no article text was found"),
])
def test_damage_inside_a_well_formed_file_is_named_with_its_reason(name, data, reason):
    """Files that pass the first checks (a ZIP that is a Word package, a PDF that ends with %%EOF, a page that
    parses) but hold nothing readable: one problem naming the file, no article, nothing raised."""
    articles, problems = _read(name, data)
    assert articles == []
    assert [(p.source, p.warning) for p in problems] == [(name, False)]
    assert problems[0].reason.startswith(reason), problems[0].reason
