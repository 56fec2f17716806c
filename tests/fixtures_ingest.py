"""Builds, in a temporary folder, one good article in every format and encoding we read, plus the bad
files analysts upload by mistake. Used by the ingest, CLI and browser tests; nothing binary is committed.

Every good file states one deal with its own amount (in millions of USD), so a test can tell that each
file's deal came out: ``GOOD`` maps each file — or each row/entry inside it, named as the deal's
``source`` is — to that amount. ``BAD`` maps each bad file to a fragment of the reason it must be given.
"""

from __future__ import annotations

import csv
import io
import json
import random
import zipfile
from email.message import EmailMessage
from pathlib import Path

# One short article per language; {n} is the deal's amount in millions of dollars. The Russian and Arabic
# texts avoid characters that KOI8-R, Windows-1256 and ISO-8859-6 cannot hold (dashes, «», Arabic-Indic digits).
EN = (
    "Water pipes for Bishkek\n\n{date}\n\nThe Asian Development Bank signed a ${n} million loan with the Kyrgyz "
    "Republic on Monday to rebuild water pipes in Bishkek and three other cities.\n\nThe project will serve "
    "200,000 residents when it is finished in 2028."
)
RU = (
    "Ветер для юга Казахстана\n\n{date}\n\nЕвропейский банк реконструкции и развития подписал с компанией "
    "Самрук-Энерго кредитное соглашение на сумму {n} млн долларов для строительства ветровой электростанции "
    "в Жамбылской области.\n\nСтанция будет введена в эксплуатацию в 2027 году."
)
AR = (
    "طريق جديد في طاجيكستان\n\n{date}\n\nوقعت حكومة طاجيكستان وبنك التنمية الآسيوي اتفاقية منحة بقيمة {n} "
    "مليون دولار لإعادة تأهيل طريق دوشنبه، حسبما أفادت وزارة المالية الطاجيكية.\n\nويبلغ طول الطريق 86 كيلومترا."
)


def en(n: int, date: str = "March 12, 2025") -> str:
    return EN.format(n=n, date=date)


def ru(n: int, date: str = "12 марта 2025 г.") -> str:
    return RU.format(n=n, date=date)


def ar(n: int, date: str = "12 مارس 2025") -> str:
    return AR.format(n=n, date=date)


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a real text layer (Helvetica, WinAnsi: Latin text only), written by hand."""
    def escape(line: str) -> str:
        return line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")

    content = "BT /F1 10 Tf 13 TL 40 800 Td " + " ".join(f"({escape(line)}) Tj T*" for line in lines) + " ET"
    stream = content.encode("cp1252")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def wrapped(text: str, width: int = 90) -> list[str]:
    """Text as printed lines (paragraphs separated by an empty line), the way a PDF holds it."""
    import textwrap

    lines: list[str] = []
    for paragraph in text.split("\n\n"):
        lines.extend(textwrap.wrap(paragraph, width) or [""])
        lines.append("")
    return lines


def docx_bytes(n: int) -> bytes:
    import docx

    document = docx.Document()
    document.core_properties.title = "Water pipes for Bishkek"
    for paragraph in en(n).split("\n\n"):
        document.add_paragraph(paragraph)
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "City", "Residents"
    table.cell(1, 0).text, table.cell(1, 1).text = "Bishkek", "200,000"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def eml_bytes(n: int, html: bool = False) -> bytes:
    message = EmailMessage()
    message["Subject"] = "Fwd: Water pipes for Bishkek"
    message["From"] = "analyst@example.org"
    message["To"] = "desk@example.org"
    message["Date"] = "Wed, 12 Mar 2025 09:30:00 +0000"
    body = en(n, date="")
    if html:
        paragraphs = "".join(f"<p>{p}</p>" for p in body.split("\n\n")[1:])
        message.set_content("<html><body><article>" + paragraphs + "</article></body></html>", subtype="html")
    else:
        message.set_content(body, charset="utf-8", cte="quoted-printable")
    return bytes(message)


def html_bytes(n: int) -> bytes:
    return (
        "<html><head><title>Water pipes for Bishkek</title>"
        '<meta property="article:published_time" content="2025-03-12T10:00:00Z">'
        "<script>var tracker = 'The World Bank lent $999 million to Kazakhstan';</script></head>"
        "<body><nav><a href='/'>Home</a> <a href='/markets'>Markets menu</a></nav><article><h1>Water pipes for Bishkek</h1>"
        f"<p>The Asian Development Bank signed a ${n} million loan with the Kyrgyz Republic on Monday to rebuild "
        "water pipes in Bishkek and three other cities.</p><!-- an editor's comment: $5 billion -->"
        "<p>The project will serve 200,000 residents when it is finished in 2028.</p></article>"
        "<footer>© 2025 News</footer></body></html>"
    ).encode("utf-8")


def zip_bomb() -> bytes:
    """An archive whose entries expand to 300 MB of zeros from a few hundred KB: cheap to make, refused unread."""
    buffer = io.BytesIO()
    chunk = bytes(1024 * 1024)
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as archive:
        for index in range(12):
            with archive.open(f"part{index:02d}.txt", "w") as handle:
                for _ in range(25):
                    handle.write(chunk)
    return buffer.getvalue()


def zip_of(files: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def good_files() -> dict[str, tuple[bytes, dict[str, float]]]:
    """file name → (bytes, {source suffix of each article → its deal's amount in USD})."""
    pdf = minimal_pdf(wrapped(en(39)))
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["title", "text", "date", "url"])
    writer.writerow(["Loan one", en(51, date=""), "2025-03-10", "https://example.org/a"])
    writer.writerow(["Loan two", ru(52, date=""), "11.03.2025", ""])
    csv_text = table.getvalue()
    files: dict[str, tuple[bytes, dict[str, float]]] = {
        "en_utf8.txt": (en(31).encode("utf-8"), {"": 31e6}),
        "ru_utf8_bom.txt": (b"\xef\xbb\xbf" + ru(32).encode("utf-8"), {"": 32e6}),
        "ru_utf16_bom.txt": (ru(33).encode("utf-16"), {"": 33e6}),
        "ar_utf16le_nobom.txt": (ar(34).encode("utf-16-le"), {"": 34e6}),
        "ru_windows1251.txt": (ru(35).encode("cp1251"), {"": 35e6}),
        "ru_koi8r.txt": (ru(36).encode("koi8_r"), {"": 36e6}),
        "ar_windows1256.txt": (ar(37).encode("cp1256"), {"": 37e6}),
        "ar_iso8859_6.txt": (ar(38).encode("iso8859_6"), {"": 38e6}),
        "ar_utf8_digits.md": (("# " + ar(40, date="١٢ مارس ٢٠٢٥")).encode("utf-8"), {"": 40e6}),
        "report.pdf": (pdf, {"": 39e6}),
        "page.html": (html_bytes(41), {"": 41e6}),
        "memo.docx": (docx_bytes(42), {"": 42e6}),
        "forwarded.eml": (eml_bytes(43), {"": 43e6}),
        "newsletter.eml": (eml_bytes(44, html=True), {"": 44e6}),
        "export.csv": (csv_text.encode("utf-8"), {" row 2 (https://example.org/a)": 51e6, " row 3": 52e6}),
        "export.jsonl": (
            "\n".join(json.dumps({"text": t, "date": "2025-03-12"}, ensure_ascii=False) for t in (en(53), ar(54))).encode("utf-8"),
            {" line 1": 53e6, " line 2": 54e6},
        ),
        "export.json": (
            json.dumps({"articles": [{"headline": "Loan", "body": ru(55)}]}, ensure_ascii=False).encode("utf-8"),
            {" item 1": 55e6},
        ),
        "bundle.zip": (
            zip_of({"inner/ru.txt": ru(56).encode("cp1251"), "inner/memo.docx": docx_bytes(57)}),
            {"/inner/ru.txt": 56e6, "/inner/memo.docx": 57e6},
        ),
    }
    return files


def bad_files() -> dict[str, tuple[bytes, str]]:
    """file name → (bytes, a fragment of the reason it must be given)."""
    pdf = minimal_pdf(wrapped(en(39)))
    return {
        "empty.txt": (b"", "the file is empty"),
        "random.txt": (random.Random(6).randbytes(4096), "binary file"),
        "truncated.pdf": (pdf[: len(pdf) // 2], "the PDF is incomplete"),
        "not_a_word_file.docx": (b"This was never a Word file, only text with a .docx name.\n" * 3, "not a Word file"),
        "bomb.zip": (zip_bomb(), "the archive expands to 300 MB"),
    }


GOOD = good_files
BAD = bad_files


def build_folder(folder: Path) -> tuple[dict[str, float], dict[str, str]]:
    """Write every good and bad file into ``folder``; return ({source: amount}, {bad file: reason fragment}).

    Sources are the paths as the CLI names them (``folder/export.csv row 2 …``, ``folder/bundle.zip/inner/ru.txt``).
    """
    folder.mkdir(parents=True, exist_ok=True)
    expected: dict[str, float] = {}
    for name, (data, amounts) in good_files().items():
        (folder / name).write_bytes(data)
        for suffix, amount in amounts.items():
            expected[f"{folder / name}{suffix}"] = amount
    bad: dict[str, str] = {}
    for name, (data, reason) in bad_files().items():
        (folder / name).write_bytes(data)
        bad[str(folder / name)] = reason
    return expected, bad


# --- PDFs laid out piece by piece (tests/test_pdf.py) ---------------------------------------------------------

def placed_pdf(pages: list[list[tuple[float, float, str]]], size: float = 10) -> bytes:
    """A PDF whose pages draw each (x, y, text) as its own text object, as browsers and word processors do.

    The text is written as given — a caller writes Arabic as a PDF holds it: presentation forms, in visual
    (left-to-right) order. The font is a Type0 font with Identity-H codes and a ToUnicode map, and no glyphs:
    a text layer is all a reader needs.
    """
    chars = sorted({c for page in pages for _, _, text in page for c in text})
    code = {c: i + 1 for i, c in enumerate(chars)}

    def utf16(c: str) -> str:
        return c.encode("utf-16-be").hex().upper()

    cmap = (
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Placed def /CMapType 2 def\n"
        "1 begincodespacerange <0000> <FFFF> endcodespacerange\n"
    )
    for start in range(0, len(chars), 100):
        chunk = chars[start : start + 100]
        cmap += f"{len(chunk)} beginbfchar\n" + "".join(f"<{code[c]:04X}> <{utf16(c)}>\n" for c in chunk)
        cmap += "endbfchar\n"
    cmap += "endcmap CMapName currentdict /CMap defineresource pop end end"
    font_objects = [
        b"<< /Type /Font /Subtype /Type0 /BaseFont /Placed /Encoding /Identity-H /DescendantFonts [%d 0 R] /ToUnicode %d 0 R >>",
        b"<< /Type /Font /Subtype /CIDFontType2 /BaseFont /Placed /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /DW 500 >>",
        b"<< /Length %d >>\nstream\n" % len(cmap.encode()) + cmap.encode() + b"\nendstream",
    ]
    n_pages = len(pages)
    first_page = 3
    font = first_page + 2 * n_pages  # the font's objects come after each page and its contents
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [%s] /Count %d >>"
        % (b" ".join(b"%d 0 R" % (first_page + 2 * k) for k in range(n_pages)), n_pages),
    ]
    for k, page in enumerate(pages):
        content = "".join(
            f"BT /F1 {size} Tf 1 0 0 1 {x} {y} Tm <{''.join(f'{code[c]:04X}' for c in text)}> Tj ET\n"
            for x, y, text in page
        ).encode()
        objects.append(
            b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents %d 0 R /Resources << /Font << /F1 %d 0 R >> >> >>"
            % (first_page + 2 * k + 1, font)
        )
        objects.append(b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream")
    objects.append(font_objects[0] % (font + 1, font + 2))
    objects.extend(font_objects[1:])
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


def isolated_forms(arabic: str) -> str:
    """Arabic letters → their isolated presentation forms (U+FE70–U+FEFF), as a PDF's text layer holds them."""
    import unicodedata

    def form(c: str) -> str:
        try:
            return unicodedata.lookup(unicodedata.name(c) + " ISOLATED FORM")
        except (KeyError, ValueError):
            return c

    return "".join(form(c) for c in arabic)
