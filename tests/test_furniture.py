"""Page furniture (issue 15, pattern 3): tickers, datelines' times, "read also" lists, menus, share buttons and
copyright lines are never article text, whether they come in a whole HTML page or in a .txt copy of one."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from conftest import SHARED

from dealtracker.furniture import find_furniture, furniture_spans, is_furniture
from dealtracker.extract.money import find_money
from dealtracker.ingest import read_document
from dealtracker.ingest.formats.html import read_html
from dealtracker.text import NormalisedText

DEV_ARTICLES = SHARED / "dev" / "articles"
DEV_PAGES = sorted(DEV_ARTICLES.glob("*.html")) if DEV_ARTICLES.exists() else []


def marked(text: str) -> list[str]:
    return [text[a:b] for a, b in furniture_spans(text)]


def inside(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a <= start and end <= b for a, b in spans)


def overlaps(spans: list[tuple[int, int]], start: int, end: int) -> bool:
    return any(a < end and start < b for a, b in spans)


# ------------------------------------------------------------------------------------------ furniture lines

POSITIVES = [
    # tickers
    ("ticker", "USD 88.10 EUR 95.40 GBP 111.20 CNY 12.05"),
    ("ticker", "Currency rates:\nUSD 12.4500\nEUR 13.5100\nRUB 0.1402"),
    ("ticker", "- USD 41,500 IRR\n- EUR 45,900 IRR\n- Gold 3,420,000 IRR"),
    ("ticker", "Курсы валют: USD 504,2 · EUR 548,9 · RUB 5,6"),
    ("ticker", "Курс доллара 470,5"),
    ("ticker", "ЦБ РФ: USD 91 240,15 | EUR 99 870,40"),
    ("ticker", "أسعار الصرف: USD 3.75 ريال | EUR 4.08 ريال | KWD 12.2 ريال"),
    ("ticker", "USD/AED 3.6725 | EUR/AED 4.0100 | الذهب 312.5 درهم"),
    # datelines with a time of day
    ("dateline", "14 марта 2025, 10:15"),
    ("dateline", "10:15 AM"),
    ("dateline", "Updated: March 3, 2024 09:05 GMT"),
    ("dateline", "Monday, 7 April 2025 | 18:30 | Business"),
    ("dateline", "АЛМАТЫ, 3 апреля 2025, 08:40 /Казинформ/"),
    ("dateline", "الدوحة - الثلاثاء 4 مارس 2025، 10:15 ص"),
    # "read also" headings and the headlines under them
    ("read_also", "Read also:\nADB lends Tajikistan $40 million for schools\nUzbekistan, Korea sign $3 billion package"),
    ("read_also", "Read more: Japan to fund $500 million Kazakh railway upgrade"),
    ("read_also", "Related news\n\n• Turkmenistan buys 10 Airbus jets for $1 billion\n• IsDB lends Kyrgyzstan $60 million"),
    ("read_also", "Читайте также:\nЕБРР выделит Таджикистану €50 млн на дороги\nКитай построит в Узбекистане завод за $2 млрд"),
    ("read_also", "Похожие новости\n1. Казахстан и Франция подписали соглашения на €2 млрд\n2. АБР одобрил кредит на $75 млн"),
    ("read_also", "اقرأ أيضاً: السعودية تقرض طاجيكستان 35 مليون دولار لبناء مستشفى"),
    ("read_also", "أخبار ذات صلة\nالإمارات تستثمر 500 مليون دولار في محطة شمسية بكازاخستان\nقرض صيني بقيمة 200 مليون دولار لقيرغيزستان"),
    # menus
    ("menu", "Home | News | Business | Sport | Contact us"),
    ("menu", "Главная · Новости · Экономика · В мире"),
    ("menu", "الرئيسية | أخبار | اقتصاد | رياضة | اتصل بنا"),
    # share buttons
    ("share", "Share: Facebook | Twitter | WhatsApp | Email"),
    ("share", "Поделиться: ВКонтакте Telegram"),
    ("share", "شارك الخبر: فيسبوك تويتر واتساب"),
    # copyright lines
    ("copyright", "© 2025 Central Asia Daily. All rights reserved."),
    ("copyright", "© 2024 Казинформ. Все права защищены. При использовании материалов ссылка обязательна."),
    ("copyright", "جميع الحقوق محفوظة © 2025 صحيفة الاقتصاد"),
]


@pytest.mark.parametrize("kind, text", POSITIVES, ids=[f"{k}-{i}" for i, (k, _) in enumerate(POSITIVES)])
def test_furniture_lines_are_marked_whole(kind, text):
    spans = furniture_spans(text)
    assert spans, text
    # every word of the text lies in a span, and the kind is the one expected
    assert is_furniture(text), marked(text)
    kinds = {item.kind for item in find_furniture(text)}
    assert kind in kinds or (kind == "read_also" and kinds <= {"read_also", "related"})


NEGATIVES = [
    # real sentences with amounts, in shapes close to furniture
    "The EBRD will lend USD 100 million and EUR 50 million to Uzbekistan's power utility.",
    "Kazakhstan signed a $1.2 billion contract with Wabtec at 10:15 on Monday, the ministry said.",
    "Read the full agreement: the ADB approved a $40 million grant for Tajik schools.",
    "Related agreements worth $2 billion were signed with China on Friday.",
    "Business leaders from Korea pledged USD 300 million for a Tashkent technopark.",
    "The exchange rate was 470 tenge per dollar when the $300 million loan was agreed.",
    "USD 25 million from the ADB and EUR 10 million from the EIB will finance the plant.",
    "Kazakhstan signs $2 billion deal with China",
    "Курс доллара вырос до 470,5 тенге, а ЕБРР выделил Казахстану $100 млн.",
    "ЕБРР выделит Узбекистану 200 млн долларов США и 100 млн евро на модернизацию сетей.",
    "АСТАНА, 14 марта 2025 — Казахстан и Китай подписали соглашение на $1,5 млрд.",
    "По теме переговоров стороны договорились о кредите на 50 млн евро.",
    "Главная цель проекта стоимостью $300 млн — модернизация экономики.",
    "USD 100 млн — кредит ЕБРР\nEUR 50 млн — грант ЕС",
    "В 10:30 стороны подписали контракт на 45 млн долларов.",
    "وقعت أوزبكستان مع الصندوق السعودي للتنمية اتفاقية قرض بقيمة 50 مليون دولار في الساعة 10:15 صباحا.",
    "ارتفع سعر الصرف إلى 470 تنغي بعد توقيع قرض بقيمة 300 مليون دولار.",
    "اقتصاد كازاخستان يستقبل استثمارات بقيمة 2 مليار دولار من الإمارات.",
    "أخبار ذات صلة بالاتفاقية تشير إلى تمويل بقيمة 100 مليون دولار.",
    "- المرحلة الأولى: 200 مليون دولار\n- المرحلة الثانية: 300 مليون دولار",
    "Phase 1: USD 120 million\nPhase 2: USD 80 million",
    "The contract, worth EUR 45, 000, 000, was signed in Berlin.",
    "Share capital of USD 50 million will be held by Kazakhstan and Total.",
    "Copyright fees aside, Uzbekistan and Japan signed a $400 million loan.",
    "Главная · новость дня: Казахстан получит $500 млн от АБР",
    "Газпром выделит Кыргызстану $500 млн. Читайте также: концерн вложит ещё $100 млн",
    "Economy ministers of Kazakhstan and Germany signed deals worth EUR 1.2 billion.",
    "World Bank approves $45 million for Tajik water supply",
    "Sport facilities worth $60 million will be built in Bishkek by a Turkish contractor.",
    "Экономика Казахстана получит от Китая инвестиции на $3 млрд, заявил министр.",
    "Новости по теме инвестиций: ОАЭ вложат в Узбекистан $10 млрд.",
    "Telegram-канал министерства сообщил, что АБР выделит Таджикистану $80 млн.",
    "Поделиться опытом приехали специалисты Siemens, подписавшие контракт на 22 млн евро.",
    "رياضة: وقعت قطر مع قيرغيزستان اتفاقية لبناء ملعب بقيمة 40 مليون دولار.",
    "الرئيسية في الاتفاقية قرض بقيمة 120 مليون يورو من البنك الأوروبي لأوزبكستان.",
    "سعر الصرف الرسمي 3.75 ريال للدولار، وقيمة العقد 985 مليون ريال.",
]


@pytest.mark.parametrize("text", NEGATIVES, ids=[f"negative-{i}" for i in range(len(NEGATIVES))])
def test_real_sentences_with_amounts_are_never_marked(text):
    assert furniture_spans(text) == [], marked(text)


def test_there_are_at_least_as_many_negatives_as_positives():
    assert len(NEGATIVES) >= len(POSITIVES)


def test_a_leading_dateline_is_furniture_but_not_the_sentence_after_it():
    text = "ALMATY, 3 April 2025, 08:40 — The Asian Development Bank approved a $150 million loan to Kazakhstan."
    spans = furniture_spans(text)
    assert [text[a:b].strip() for a, b in spans] == ["ALMATY, 3 April 2025, 08:40 —"]
    amount = text.index("$150 million")
    assert not overlaps(spans, amount, amount + len("$150 million"))


def test_related_headlines_stop_at_the_article_text():
    text = (
        "Read also:\n"
        "Kyrgyzstan gets $30 million from Russia\n"
        "\n"
        "The Islamic Development Bank will lend Tajikistan $60 million for roads, the ministry said.\n"
        "Kazakhstan and Total signed a $500 million deal"
    )
    assert marked(text) == ["Read also:\nKyrgyzstan gets $30 million from Russia"]


def test_an_inline_read_also_takes_only_its_own_line():
    text = "Read also: Japan lends Uzbekistan $100 million\nAfterwards the EBRD agreed a $20 million loan"
    assert marked(text) == ["Read also: Japan lends Uzbekistan $100 million"]


def test_spans_index_the_text_as_given_with_arabic_marks_and_digits():
    text = "مقدمة الخبر.\nاقرأ أيضاً\nقرض بقيمة ٥٠ مليون دولار لطاجيكستان\nنهاية."
    spans = furniture_spans(text)
    assert [text[a:b] for a, b in spans] == ["اقرأ أيضاً\nقرض بقيمة ٥٠ مليون دولار لطاجيكستان"]


def test_ticker_in_a_txt_copy_of_a_page_is_marked_but_the_story_is_not():
    text = (
        "NBK: USD 472,30 · EUR 515,10 · RUB 5,20\n"
        "Home | Economy | Politics | World\n"
        "12 May 2025, 14:05\n"
        "Kazakhstan and Hyundai sign $1.1 billion car plant deal\n"
        "ASTANA - Kazakhstan and Hyundai signed an agreement worth $1.1 billion to build a car plant.\n"
        "Read also\n"
        "Turkey to invest $800 million in Kazakh ports\n"
        "Share: Facebook Twitter\n"
        "© 2025 Kazakh Business News"
    )
    spans = furniture_spans(text)
    story = text.index("ASTANA")
    assert not overlaps(spans, story, text.index("\n", story))
    headline = text.index("Kazakhstan and Hyundai sign")
    assert not overlaps(spans, headline, text.index("\n", headline))
    for piece in ("USD 472,30", "Economy", "14:05", "Turkey to invest", "Facebook", "Kazakh Business News"):
        at = text.index(piece)
        assert inside(spans, at, at + len(piece)), piece


def test_no_text_no_spans():
    assert furniture_spans("") == []
    assert furniture_spans("\n\n  \n") == []


# ------------------------------------------------------------------------------------------ the page reader

PAGE = """<html><head><title>Korea lends Uzbekistan $90 million</title></head><body>
<div class="a1"><span>USD 12 650,00</span> <span>EUR 13 720,00</span> <span>RUB 139,50</span></div>
<div class="a2"><a href="/">Home</a> | <a href="/economy">Economy</a> | <a href="/world">World</a></div>
<div class="a3">
<h1>Korea lends Uzbekistan $90 million</h1>
<p>TASHKENT - The Export-Import Bank of Korea has signed a $90 million loan agreement with Uzbekistan to build
a hospital in Samarkand, the finance ministry said on Tuesday.</p>
<p>The loan runs for 40 years and carries an interest rate of 0.1 percent, the ministry said in its statement.</p>
<p>Construction of the 500-bed hospital is due to start next spring and to be finished by the end of 2027.</p>
</div>
<div class="a4"><h3>Read also</h3>
<ul><li>Turkmenistan and Japan sign $5 billion of gas deals</li><li>EBRD to lend Kyrgyzstan $70 million</li></ul></div>
<div class="a5"><a href="/n/1">ADB approves $300 million for Kazakh roads</a><a href="/n/2">China grants
Tajikistan $20 million</a><a href="/n/3">Qatar invests $1 billion in Uzbek hotels</a></div>
<div class="a6">© 2025 Tashkent Business Daily. All rights reserved.</div>
</body></html>"""


def test_page_reader_drops_furniture_that_markup_does_not_announce():
    text = read_html("page.html", PAGE).text
    assert "$90 million loan agreement" in text
    assert "500-bed hospital" in text
    for furniture in ("12 650", "Economy", "$5 billion", "$70 million", "$300 million", "$20 million", "$1 billion",
                      "All rights reserved", "Read also"):
        assert furniture not in text, furniture


def test_page_reader_drops_structural_furniture():
    page = (
        "<html><body><header><nav><a href='/'>Главная</a><a href='/e'>Экономика</a></nav>"
        "<div class='currency-ticker'>USD 3,50 TMT</div></header>"
        "<article><h1>Туркменистан закупит 10 самолетов Boeing</h1>"
        "<p>Туркменистан подписал с Boeing контракт на покупку десяти самолетов стоимостью $1,2 млрд, сообщили в"
        " авиакомпании.</p><p>Поставки начнутся в 2026 году и завершатся в 2028 году, уточнили в компании.</p>"
        "<aside class='side-news'><h4>Новости по теме</h4><ul><li>Казахстан получит €300 млн от ЕИБ</li></ul></aside>"
        "</article><footer>© 2025 Ашхабад Таймс</footer></body></html>"
    )
    text = read_html("p.html", page).text
    assert "$1,2 млрд" in text
    for furniture in ("USD 3,50", "Экономика", "€300 млн", "Ашхабад Таймс"):
        assert furniture not in text, furniture


# ------------------------------------------------------------------------------------------ the dev pages

def _dev_pages():
    if not DEV_PAGES:
        pytest.skip(f"the shared development set is not here ({DEV_ARTICLES}); the page tests are skipped")
    return DEV_PAGES


def _furniture_chunks(html: str) -> list[str]:
    """Text pieces of the page outside its <article> (menus, ticker, related list, footer) that hold money."""
    import lxml.html

    tree = lxml.html.fromstring(html.encode("utf-8"))
    body = tree.find("body")
    articles = set(body.iter("article"))
    assert articles, "every dev page marks its story with <article>"
    story = {node for article in articles for node in article.iter()}
    chunks = []
    for element in body.iter():
        if not isinstance(element.tag, str):
            continue
        pieces = []
        if element not in story and element.text:
            pieces.append(element.text)
        if element.tail and element.getparent() is not None and element.getparent() not in story:
            pieces.append(element.tail)
        for piece in pieces:
            piece = " ".join(piece.split())
            normalised = NormalisedText.of(piece).text
            if piece and any(find_money(normalised, language) for language in ("en", "ru", "ar")):
                chunks.append(piece)
    return chunks


def _story_paragraphs(html: str) -> list[str]:
    import lxml.html

    tree = lxml.html.fromstring(html.encode("utf-8"))
    return [" ".join(p.text_content().split()) for article in tree.iter("article") for p in article.iter("p")]


def _variants(html: str) -> dict[str, str]:
    """The page as published, with its semantic tags turned into <div>s, and with no class or id either."""
    plain = re.sub(r"<(/?)(article|aside|nav|header|footer|main|section)\b", r"<\1div", html)
    bare = re.sub(r"\s(?:class|id)=\"[^\"]*\"", "", plain)
    return {"page": html, "div-only": plain, "bare": bare}


def _read(path: Path, variant: str, html: str):
    if variant == "page":
        return read_document(path.name, path.read_bytes())
    return read_html(path.name, html)


@pytest.mark.parametrize("variant", ["page", "div-only", "bare"])
def test_dev_pages_money_in_furniture_never_reaches_the_article_text(variant):
    problems = []
    for path in _dev_pages():
        html = path.read_text(encoding="utf-8")
        chunks = _furniture_chunks(html)
        assert chunks, f"{path.name}: the page's ticker and related list hold money"
        article = _read(path, variant, _variants(html)[variant])
        text = " ".join(article.text.split(" "))
        spans = furniture_spans(article.text)
        for chunk in chunks:
            for m in re.finditer(re.escape(chunk), text):
                if not inside(spans, m.start(), m.end()):
                    problems.append(f"{path.stem}: {chunk!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("variant", ["page", "div-only", "bare"])
def test_dev_pages_keep_their_story(variant):
    problems = []
    for path in _dev_pages():
        html = path.read_text(encoding="utf-8")
        article = _read(path, variant, _variants(html)[variant])
        spans = furniture_spans(article.text)
        for paragraph in _story_paragraphs(html):
            if not find_money(NormalisedText.of(paragraph).text, article.language) or re.search(r"\d:\d\d", paragraph):
                continue
            at = article.text.find(paragraph)
            if at < 0:
                problems.append(f"{path.stem}: lost {paragraph[:60]!r}")
            elif overlaps(spans, at, at + len(paragraph)):
                problems.append(f"{path.stem}: marked {paragraph[:60]!r}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("variant", ["page", "div-only", "bare"])
def test_dev_pages_no_deal_comes_from_furniture(variant):
    """The end-to-end check: no deal's evidence lies in a furniture span or quotes the ticker, menu or list."""
    from dealtracker.extract.assemble import extract_deals

    problems = []
    for path in _dev_pages():
        html = path.read_text(encoding="utf-8")
        chunks = _furniture_chunks(html)
        article = _read(path, variant, _variants(html)[variant])
        spans = furniture_spans(article.text)
        for deal in extract_deals(article):
            if overlaps(spans, deal.start, deal.end):
                problems.append(f"{path.stem}: evidence in furniture: {deal.evidence[:80]!r}")
            evidence = " ".join(deal.evidence.split())
            for chunk in chunks:
                if chunk in evidence or (len(evidence) > 20 and evidence in chunk):
                    problems.append(f"{path.stem}: evidence from furniture: {deal.evidence[:80]!r}")
    assert not problems, "\n".join(problems)
