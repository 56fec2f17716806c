"""Pages and feeds of our own, and a local web server to serve them, for the URL and feed tests.

Twenty short news items in English, Russian and Arabic, written for these tests: five report a deal (each with its
party, counterparty and amount), fifteen report no deal (weather, sport, culture, transport timetables). ``page``
wraps an item in a news page; ``rss`` and ``atom`` list items as a feed. ``LocalSite`` serves any of them on
127.0.0.1 (the standard library's threaded server), each path answered by a function of the test's choice, and
logs every request; nothing leaves the machine.
"""

from __future__ import annotations

import html
import http.server
import threading
from collections.abc import Callable
from dataclasses import dataclass
from email.utils import format_datetime
from datetime import datetime, timezone


@dataclass(frozen=True)
class Item:
    slug: str
    language: str
    title: str
    body: str
    date: str  # ISO date of publication
    usd: float | None = None  # the deal's value in USD, when the item reports one


DEALS = [
    Item("kz-wind", "en", "Kazakhstan and Siemens Energy sign wind power deal",
         "The Government of Kazakhstan and Siemens Energy signed an agreement worth $1.2 billion on Monday to build "
         "three wind farms in the Zhambyl region, the Ministry of Energy said.\n\nThe farms will supply 600,000 homes.",
         "2025-03-03", 1.2e9),
    Item("uz-gas", "en", "EBRD lends to Uzbekistan's gas network",
         "The European Bank for Reconstruction and Development signed a $45 million loan with Uzbekistan on "
         "Tuesday to upgrade gas distribution networks in Tashkent.\n\nThe work starts in the autumn.",
         "2025-03-04", 45e6),
    Item("tj-schools", "ru", "АБР выделит Таджикистану грант на ремонт школ",
         "Азиатский банк развития подписал с Таджикистаном соглашение о гранте на 30 млн долларов на ремонт школ "
         "в Хатлонской области.\n\nРаботы завершатся в 2027 году.", "2025-03-05", 30e6),
    Item("uz-solar", "ru", "Китайская компания построит солнечную станцию в Узбекистане",
         "Китайская компания China Energy Engineering подписала с Узбекистаном контракт на строительство солнечной "
         "электростанции стоимостью 250 млн долларов в Самаркандской области.\n\nСтанция даст ток в 2026 году.",
         "2025-03-06", 250e6),
    Item("kg-hospital", "ar", "قرض سعودي لبناء مستشفى في قيرغيزستان",
         "وقعت جمهورية قيرغيزستان والصندوق السعودي للتنمية اتفاقية قرض بقيمة 25 مليون دولار لتمويل بناء مستشفى "
         "في مدينة أوش.\n\nوسيضم المستشفى 300 سرير.", "2025-03-07", 25e6),
]

NO_DEALS = [
    Item("almaty-film", "en", "Almaty hosts a film festival",
         "Almaty opened its autumn film festival on Friday with forty films from the region.\n\nScreenings run for a week.", "2025-02-01"),
    Item("bishkek-snow", "en", "Snow closes a mountain pass",
         "Heavy snow closed the Too-Ashuu pass on Sunday, and drivers were asked to wait in Bishkek.\n\nThe road reopens when it is cleared.", "2025-02-02"),
    Item("tashkent-metro", "en", "Tashkent metro extends its hours",
         "The Tashkent metro will run until one in the morning from next week, the city said.\n\nTrains will come every ten minutes.", "2025-02-03"),
    Item("dushanbe-book", "en", "A book fair in Dushanbe",
         "Publishers from twelve countries brought their books to a fair in Dushanbe this weekend.\n\nEntry is free.", "2025-02-04"),
    Item("ashgabat-horse", "en", "Ashgabat celebrates its horses",
         "Ashgabat held its yearly horse beauty contest on Sunday, with riders from every province.\n\nThe winner was a grey stallion.", "2025-02-05"),
    Item("astana-chess", "ru", "В Астане прошёл турнир по шахматам",
         "В Астане завершился международный турнир по шахматам, в котором сыграли сто двадцать спортсменов.\n\nПобедил гроссмейстер из Алматы.", "2025-02-06"),
    Item("osh-weather", "ru", "В Оше ожидается похолодание",
         "Синоптики обещают в Оше похолодание и дожди до конца недели.\n\nВ горах возможен снег.", "2025-02-07"),
    Item("samarkand-tour", "ru", "Самарканд принимает туристов",
         "В этом году Самарканд посетило рекордное число туристов, сообщили в управлении по туризму.\n\nБольше всего гостей было весной.", "2025-02-08"),
    Item("khujand-theatre", "ru", "В Худжанде открылся театральный сезон",
         "Театр Худжанда открыл новый сезон премьерой по пьесе местного автора.\n\nСпектакли идут по выходным.", "2025-02-09"),
    Item("mary-cotton", "ru", "В Марыйском велаяте начался сбор хлопка",
         "Фермеры Марыйского велаята начали сбор хлопка на неделю раньше обычного.\n\nПогода благоприятна.", "2025-02-10"),
    Item("nur-sultan-marathon", "ar", "ماراثون في أستانا",
         "شارك آلاف العدائين في ماراثون أستانا يوم الأحد رغم البرد.\n\nوفاز عداء من كينيا بالسباق.", "2025-02-11"),
    Item("bukhara-festival", "ar", "مهرجان الحرير في بخارى",
         "افتتحت مدينة بخارى مهرجان الحرير والتوابل بمشاركة حرفيين من المنطقة.\n\nويستمر المهرجان ثلاثة أيام.", "2025-02-12"),
    Item("issyk-kul", "ar", "موسم السياحة في إيسيك كول",
         "بدأ موسم السياحة على بحيرة إيسيك كول مبكرا هذا العام بسبب الطقس الدافئ.\n\nوامتلأت الفنادق في عطلة نهاية الأسبوع.", "2025-02-13"),
    Item("pamir-road", "ar", "إغلاق طريق في جبال بامير",
         "أغلقت السلطات الطاجيكية طريقا جبليا في بامير بسبب انهيار ثلجي.\n\nولم تقع إصابات.", "2025-02-14"),
    Item("turkmen-carpet", "ar", "يوم السجاد في تركمانستان",
         "احتفلت تركمانستان بيوم السجاد بمعرض في عشق آباد.\n\nوعرضت فيه سجاجيد يدوية قديمة.", "2025-02-15"),
]

ITEMS = DEALS[:2] + NO_DEALS[:5] + DEALS[2:4] + NO_DEALS[5:10] + DEALS[4:] + NO_DEALS[10:]  # 20, deals spread


def page(item: Item) -> bytes:
    """A news page: furniture around the story, the date in the page's metadata."""
    paragraphs = "".join(f"<p>{html.escape(p)}</p>" for p in item.body.split("\n\n"))
    return (
        f'<!doctype html><html lang="{item.language}"><head><meta charset="utf-8"><title>{html.escape(item.title)}</title>'
        f'<meta property="article:published_time" content="{item.date}T09:00:00+00:00"></head><body>'
        '<nav><a href="/">Home</a> <a href="/news">News</a></nav>'
        f"<article><h1>{html.escape(item.title)}</h1>{paragraphs}</article>"
        "<footer>© Test News</footer></body></html>"
    ).encode("utf-8")


def rss(base: str, items: list[Item], title: str = "Test News") -> bytes:
    """An RSS 2.0 feed of ``items``, newest first, linking to ``base``/news/<slug> (one with a tracking tag)."""
    entries = "".join(
        f"<item><title>{html.escape(i.title)}</title><link>{base}/news/{i.slug}{'?utm_source=rss' if n == 0 else ''}</link>"
        f"<guid>{base}/news/{i.slug}</guid><pubDate>{_rfc822(i.date)}</pubDate></item>"
        for n, i in enumerate(items)
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><rss version="2.0"><channel><title>{html.escape(title)}</title>'
            f"<link>{base}/</link><description>news</description>{entries}</channel></rss>").encode("utf-8")


def atom(base: str, items: list[Item], title: str = "Test News (Atom)") -> bytes:
    entries = "".join(
        f'<entry><title>{html.escape(i.title)}</title><link href="{base}/news/{i.slug}"/><id>{base}/news/{i.slug}</id>'
        f"<updated>{i.date}T09:00:00Z</updated></entry>" for i in items
    )
    return (f'<?xml version="1.0" encoding="utf-8"?><feed xmlns="http://www.w3.org/2005/Atom"><title>{html.escape(title)}'
            f"</title><id>{base}/</id><updated>2025-03-07T09:00:00Z</updated>{entries}</feed>").encode("utf-8")


def _rfc822(day: str) -> str:
    return format_datetime(datetime.fromisoformat(day).replace(hour=9, tzinfo=timezone.utc))


# A handler writes the whole answer to ``request`` (a BaseHTTPRequestHandler).
Handler = Callable[[http.server.BaseHTTPRequestHandler], None]


def send(request: http.server.BaseHTTPRequestHandler, status: int, body: bytes = b"",
         content_type: str = "text/html; charset=utf-8", headers: dict[str, str] | None = None) -> None:
    request.send_response(status)
    request.send_header("Content-Type", content_type)
    request.send_header("Content-Length", str(len(body)))
    for name, value in (headers or {}).items():
        request.send_header(name, value)
    request.end_headers()
    request.wfile.write(body)


def answer(body: bytes, content_type: str = "text/html; charset=utf-8", status: int = 200,
           headers: dict[str, str] | None = None) -> Handler:
    return lambda request: send(request, status, body, content_type, headers)


class LocalSite:
    """A web site on 127.0.0.1: ``routes`` maps a path (without the query) to a handler; other paths answer 404
    (robots.txt too, which allows everything). ``log`` lists (path with query, request headers) of each request."""

    def __init__(self) -> None:
        self.routes: dict[str, Handler] = {}
        self.log: list[tuple[str, dict[str, str]]] = []
        site = self

        class _Request(http.server.BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, *args: object) -> None:
                pass

            def do_GET(self) -> None:
                site.log.append((self.path, {k.lower(): v for k, v in self.headers.items()}))
                handler = site.routes.get(self.path.split("?")[0])
                if handler is None:
                    send(self, 404, b"not found", "text/plain")
                else:
                    handler(self)

        self.server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Request)
        self.server.daemon_threads = True
        self.server.handle_error = lambda *args: None  # a client that hangs up (a refused body) is no test failure
        self.base = f"http://127.0.0.1:{self.server.server_port}"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)
        self._thread.start()

    def url(self, path: str) -> str:
        return self.base + path

    def hits(self, path: str) -> int:
        return sum(1 for logged, _ in self.log if logged.split("?")[0] == path)

    def serve_items(self, items: list[Item]) -> None:
        for item in items:
            self.routes[f"/news/{item.slug}"] = answer(page(item))

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()
