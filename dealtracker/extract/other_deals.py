"""Amounts that are another side's deal or history, told around the article's own deals: a buyer and a seller
of two foreign states ("Alstom is also supplying locomotives to Georgian Railway"), a foreign state that receives
the money, a side's earlier project elsewhere, a project located abroad, a sentence framed by an earlier year or
an amount dated years before the article. Each test reads only the sentence and the article's reader; valued.py
asks them before it builds a deal."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..text import Span
from ..world_cities import city_home
from .foreign_provinces import names_a_foreign_province
from .lexicon import WORD_START, compiled
from .money import MoneyMention
from .reader import ArticleReader
from .sentence import Sentence, within
from .side_homes import parents_homes, told_homes
from .sides import FINANCIERS, LENDERS

@lru_cache(maxsize=1)
def past_frame():
    """ "In 2015 …", «В 2015 году …», "في عام 2015": a sentence that opens on a year."""
    return compiled(r"{past_frame}\s+((?:19|20)\d\d)\b")


def another_pairs_deal(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, region: Span) -> bool:
    """ "Air Astana ordered 15 A320neo for $1.6 billion, weeks after Turkish Airlines ordered 225 Airbus jets for
    $20 billion", "… a $150 million loan to Tajikistan, and $400 million to Egypt": the amount's own words name
    other sides — a foreign state that receives it, or a buyer and a seller of two countries — and the Central
    Asian side of the sentence stands in a clause that owns another amount. That amount is their deal."""
    inside = [m for m in within(sentence.entities, [region]) if m.payload.kind != "place"]
    if not inside or any(m.payload.is_central_asian for m in inside):
        return False
    others = {sentence.clause_of(a.number_start) for a in sentence.amounts if a is not amount}
    central = [m for m in sentence.entities if m.payload.is_central_asian]
    if not central or any(sentence.clause_of(m.start) not in others for m in central):
        return False
    organisations = {m.payload.country for m in inside if m.payload.kind != "country"}
    states = [
        m for m in inside
        if m.payload.kind == "country" and m.payload.country not in organisations and not reader.is_location(m)
    ]
    return bool(states) or len({m.payload.name for m in inside if m.payload.kind != "country"}) >= 2 and len(organisations) >= 2


def two_foreign_sides_alone(sentence: Sentence, amount: MoneyMention, region: Span) -> bool:
    """ "Alstom is also supplying 20 locomotives to Georgian Railway under a €95 million contract, which will
    let trains run from Kazakhstan to the Black Sea": the amount's own words name a seller and a buyer of two
    foreign states (no lender among them), and no Central Asian side stands in them or in the clause that
    leads into them. The Central Asian name elsewhere in the sentence is no side of that deal."""
    inside = [m for m in within(sentence.entities, [region]) if m.payload.kind not in ("place", "country")]
    if any(m.payload.is_central_asian for m in within(sentence.entities, [region])):
        return False
    sides = [m for m in inside if m.payload.kind not in LENDERS and m.payload.country not in ("", "INT")]
    homes = {m.payload.country for m in sides}
    if len(homes) < 2 and not _contract_between(sentence.text, sides):
        return False
    lead, _ = sentence.lead_in(amount)
    return lead is None or not any(m.payload.is_central_asian for m in within(sentence.entities, [lead]))


@lru_cache(maxsize=1)
def _with_word():
    return compiled(WORD_START + r"{with_word}(?![\w\u0600-\u06ff])")


def _contract_between(text: str, sides: list) -> bool:
    """Two foreign companies of one state with "with" between them ("Al Dhafra … under a separate contract with
    Masdar", «عقد منفصل مع "مصدر"»): a subcontract of theirs, not a Central Asian deal. (Two companies joined by
    "and" may be a consortium investing together, which is one.)"""
    names = {m.payload.name for m in sides}
    if len(names) < 2:
        return False
    first, last = min(sides, key=lambda m: m.start), max(sides, key=lambda m: m.start)
    return first.payload.name != last.payload.name and _with_word().search(text, first.end, last.start) is not None


# How far after an amount a year may date it ("agreed $4.4bn in project finance in 2015")
_DATING_REACH = 60


def dated_long_ago(reader: ArticleReader, amount: MoneyMention, region: Span) -> bool:
    """The amount's own words date it, right after it, to a year at least two years before the article's
    ("a $1bn loan agreed in 2015", «кредит на 200 млн долларов в 2012 году»): a past deal told as background."""
    # Two years before the article's own year when its date is known; else four before its latest year, which
    # may be a plan's ("by 2030") rather than the news's
    before = int(reader.article.date[:4]) - 2 if reader.article.date else reader.latest_year - 4
    end = min(region.end, amount.end + _DATING_REACH)
    # (or before it in its own words: «قدمت لطاجيكستان في عام 2023 تمويلا بقيمة 45 مليون دولار», "in 2019 it lent $1bn")
    start = max(region.start, amount.start - _DATING_REACH)
    return any(int(m.group(1)) <= before for m in past_frame().finditer(reader.text, amount.end, end)) or any(
        int(m.group(1)) <= before for m in past_frame().finditer(reader.text, start, amount.start)
    )


def in_the_past(reader: ArticleReader, sentence: Span) -> bool:
    """ "In 2015 Tau-Ken Samruk paid …": a sentence framed by a year before the article's latest is history."""
    framed = past_frame().match(reader.text, sentence.start, sentence.end)
    if framed is not None:
        return int(framed.group(1)) < reader.latest_year
    # "Last year Newag signed …", «В прошлом году …», «في العام الماضي …»: the year before the article's
    return _last_year_frame().match(reader.text, sentence.start, sentence.end) is not None


@lru_cache(maxsize=1)
def _last_year_frame():
    return compiled(r"[\s\"«(]*(?:\u0648)?{last_year}(?![\w\u0600-\u06ff])")


def about_another_country(sentence: Sentence, counterparty: Entity) -> bool:
    """A sentence naming no Central Asian side but another state than the counterparty's is about that
    state's deal ("Suriname will receive $47 million from the IsDB"). A state that is only the home of another
    lender or agency the sentence names is no recipient: in "Japan's JICA will provide $40 million, and another
    $25 million will come from the ADB" Japan is JICA's, and both are lenders of the article's deal (while in
    "Azerbaijan's AZAL ordered four Boeing jets" the state is the buyer's: another country's deal)."""
    homes = ({e.payload.country for e in sentence.entities if e.payload.kind in LENDERS}
             | parents_homes(sentence) | told_homes(sentence, counterparty))
    return any(
        e.payload.kind == "country" and not e.payload.is_central_asian
        and e.payload.country != counterparty.country and e.payload.country not in homes
        for e in sentence.entities
    )


@lru_cache(maxsize=1)
def its_own_deal():
    """ "Azerbaijan Airlines finalised its own order for four 787s worth $1.2 billion", «собственный заказ»,
    «طلبيتها الخاصة»: another company's deal told in passing, next to the article's."""
    return compiled(WORD_START + r"{its_own_deal}(?!\w)")


@lru_cache(maxsize=1)
def one_of_its_deals():
    """ "For Akbank the Uzbek market is not the only one: in March it lent Armenia's Inecobank $150 million",
    «кыргызский заказ далеко не крупнейший: …», «ليست الوحيدة»: words that set the article's deal beside the
    other side's other ones, which the words after them tell."""
    return compiled(WORD_START + r"{one_of_its_deals}(?!\w)")


@lru_cache(maxsize=1)
def earlier_elsewhere():
    """ «Ранее Moravia Trakce поставила 30 трамваев в Софию», "Volgatransstroy earlier built a grain terminal in
    Ust-Luga for …": what a side did before, told in the amount's own words in a sentence with no Central Asian
    side, is its own history (the same words that mark a signing reported before, ``earlier`` in context_words)."""
    return compiled(WORD_START + r"{earlier}(?!\w)")


def other_companies_deal(sentence: Sentence, text: str) -> bool:
    """ "CNPC signed a 27-year supply agreement with QatarEnergy valued at $60 billion": in a sentence with no
    Central Asian side, companies of two foreign states are the two sides of their own deal (lenders of two
    states may co-finance the article's project, so they do not count). So are two companies of one foreign
    state, told as such, that a verb stands between ("Azerbaijan's SOCAR has awarded a contract … to a consortium
    led by Baku Deepwater"): a buyer and its seller at home. Two joined by "and" are
    partners, who may well be building the article's project together ("CNEEC and Sinohydro will build it")."""
    companies = [m for m in sentence.entities
                 if m.payload.kind not in ("country", "place") and m.payload.kind not in LENDERS
                 and not m.payload.is_central_asian and m.payload.country not in ("", "INT")]
    if len({m.payload.country for m in companies}) >= 2:
        return True
    # Only where the sentence names their state ("Azerbaijan's SOCAR … the Azeri yard"): "Uztelecom signed a
    # contract with Dell for servers built around Nvidia chips" holds a Central Asian side the gazetteer may not know.
    home = companies[0].payload.country if companies else ""
    if not any(m.payload.kind == "country" and m.payload.country == home for m in sentence.entities):
        return False
    # (one name opening the other is one group: "Hitachi Construction Machinery … six Hitachi EX3600-7 excavators")
    distinct = [m for k, m in enumerate(companies) if not any(_one_group(m.payload.name, o.payload.name) for o in companies[:k])]
    return len(distinct) >= 2 and _CONJUNCTION_ONLY.fullmatch(text, distinct[0].end, distinct[1].start) is None


def _one_group(name: str, other: str) -> bool:
    shorter, longer = sorted((name, other), key=len)
    return longer == shorter or longer.startswith(shorter + " ")


# What stands between two partners named together: a comma or "and" (with an article or a company word)
_CONJUNCTION_ONLY = re.compile(r"[\s\"»«),(]*(?:,|and|as well as|и|а также|و)?[\s\"«»(]*(?:the\s+)?", re.IGNORECASE)


@lru_cache(maxsize=1)
def _comes_after():
    """ "The Astana deal comes weeks after Zoomlion signed …", «بعد أشهر من توقيع», «через несколько недель после
    того, как» (``comes_after``): what follows is an earlier event, told to place the news."""
    return compiled(WORD_START + r"{comes_after}(?![\w\u0600-\u06ff])")


def _after_an_earlier_event(text: str, region: Span) -> Span:
    """The region from the last "weeks after" in it: the news before it ("The Uzbek expansion comes months
    after …") names the article's side, not the earlier event's."""
    last = None
    for m in _comes_after().finditer(text, region.start, region.end):
        last = m
    return Span(last.end(), region.end) if last is not None else region


def located_abroad(reader: ArticleReader, sentence: Sentence, region: Span) -> bool:
    """ "signed a $1.1 billion agreement in Egypt", "committed €1.2 billion to a new terminal at Lima": the
    amount's own words place it in a foreign state, or in one of the world's large cities — or in the whole
    region, with no Central Asian state or company anywhere in the sentence (a total over several states)."""
    text = reader.norm.text
    region = sentence.with_antecedent(region)  # ("the Noor project in Cairo, whose investment exceeds …")
    region = _after_an_earlier_event(text, region)
    inside = within(sentence.entities, [region])
    if any(e.payload.is_central_asian for e in inside):
        return False
    if _opens_abroad(reader, sentence) and not any(e.payload.is_central_asian for e in sentence.entities):
        return True  # "In Azerbaijan, SRF agreed to acquire …", «وفي باكو، وقعت …»: the scene is set abroad
    if _at_its_home().search(text, region.start, region.end) is not None:
        return True  # "the company will spend €3 billion on grids in its home market", «на родине», «في بلدها»
    if sentence.tabulated and _another_states_row(reader, sentence):
        return True  # "3  Pakistan  The Bank of Punjab  SME facility  20.0" under rows of Kazakhstan and Tajikistan
    if any(e.payload.kind == "country" and reader.is_location(e) for e in inside if not e.payload.is_central_asian):
        return True
    # (a headline's other clauses too, when it holds this amount only: "AIIB approves $265 million for heating,
    # water and small business projects in Central Asia"; in the body, "…, its largest order in Central Asia"
    # ranks the deal)
    scope = sentence.span if len(sentence.amounts) == 1 and reader.is_headline(sentence) else region
    if names_the_region(text, scope) \
            and not any(e.payload.is_central_asian for e in sentence.entities):
        return True  # "Ducab wins $78 million of contracts in Central Asia": the region is no one state's side
    return any(_foreign_city(m) for pattern in (_site_in_a_city, _delivered_to_a_city)
               for m in pattern().finditer(text, region.start, region.end)) or names_a_foreign_province(text, region, inside)


@lru_cache(maxsize=1)
def _opening_place():
    """ "In Azerbaijan, …", «В Турции …», «وفي باكو، …»: a preposition of place that opens the sentence, and the
    one or two words after it."""
    return compiled(r"[\s\"«(]*(?:\u0648)?(?:{located_in})\s+(?P<first>[\w-]+)(?:\s+(?P<second>[\w-]+))?")


@lru_cache(maxsize=1)
def _opening_region():
    """ "In the Caucasus, …", «На Кавказе …», «وفي القوقاز، …»: a world region outside Central Asia opens the
    sentence."""
    return compiled(r"[\s\"«(]*(?:\u0648)?(?:{region_opening})\s+(?:{foreign_region})(?!\w)")


def _opens_abroad(reader: ArticleReader, sentence: Sentence) -> bool:
    """Whether the sentence opens by placing what it tells in a foreign state, in a large city abroad, or in a
    world region outside Central Asia."""
    if _opening_region().match(reader.norm.text, sentence.span.start, sentence.span.end) is not None:
        return True
    m = _opening_place().match(reader.norm.text, sentence.span.start, sentence.span.end)
    if m is None:
        return False
    named = next((e for e in sentence.entities if e.start == m.start("first")), None)
    if named is not None:
        return named.payload.kind == "country" and not named.payload.is_central_asian
    return _foreign_city(m)


def _first_country(sentence: Sentence) -> Entity | None:
    first = min(sentence.entities, key=lambda m: m.start, default=None)
    return first.payload if first is not None and first.payload.kind == "country" else None


def _another_states_row(reader: ArticleReader, row: Sentence) -> bool:
    """A table's row that opens on a foreign state where the table's other rows open on Central Asian ones: the
    state column names the borrower's home, and this row's is abroad ("Switzerland (SECO)" in a column of
    lenders is a lender, and stays)."""
    state = _first_country(row)
    if state is None or state.is_central_asian or any(m.payload.is_central_asian for m in row.entities):
        return False
    return any(s is not row and s.tabulated and (c := _first_country(s)) is not None and c.is_central_asian
               for s in reader.sentences)


@lru_cache(maxsize=1)
def _at_its_home():
    """ "in its home market", «на родине», «في بلدها» (``at_its_home``): a foreign side's own country, where its
    spending is no Central Asian deal (a Central Asian side in the amount's words is checked before)."""
    return compiled(WORD_START + r"{at_its_home}(?![\w\u0600-\u06ff])")


@lru_cache(maxsize=1)
def _the_region():
    """ "Central Asia", «آسيا الوسطى», «Центральной Азии» (``region_name``): the five states together."""
    return compiled(WORD_START + r"{region_name}(?![\w\u0600-\u06ff])")


def names_the_region(text: str, span: Span) -> bool:
    """Whether the span names Central Asia as a whole (see ``_the_region``)."""
    return _the_region().search(text, span.start, span.end) is not None


@lru_cache(maxsize=1)
def _site_in_a_city():
    """ "a new terminal at Lima", «терминал в Лиме», «مطار في ليما», "a distribution centre near Minsk": a site
    word, at most two words, a preposition of place (or "near", «под», «قرب») and the one or two words after it. Only a site's city counts: "signed in Paris" names where a
    Central Asian deal was signed, often abroad."""
    # (Arabic joins "in" to the city: «مشروع "نور" بالقاهرة الجديدة»; a site's quoted name may stand between)
    return compiled(WORD_START + r"(?:{asset}|{built_site})(?:\s+[\"«]?[\w-]+[\"»]?){0,2}?"
                    r"(?:\s+(?:{located_in}|{near_word})\s+(?:{determiner}\s+)?|\s+(?=\u0628\u0627\u0644))"
                    r"(?P<first>\w[\w-]*)(?:\s+(?P<second>\w[\w-]*))?")


@lru_cache(maxsize=1)
def _delivered_to_a_city():
    """ "a contract to deliver 1,150 lifts to Moscow", «поставку 1150 лифтов в Москву», «لتوريد 1150 مصعدا إلى موسكو»:
    goods delivered to a city abroad are that city's deal (``delivery_word``, then at most four words, then
    ``delivered_to`` and the one or two words after it)."""
    return compiled(WORD_START + r"{delivery_word}(?:\s+[\w,-]+){0,4}?\s+{delivered_to}\s+(?:{determiner}\s+)?"
                    r"(?P<first>\w[\w-]*)(?:\s+(?P<second>\w[\w-]*))?")


def _foreign_city(m) -> bool:
    """Whether the words after the preposition name a large city outside Central Asia (``world_cities.csv``
    holds no Central Asian city). Latin and Cyrillic names are capitalised; Arabic has no capitals."""
    first, second = m.group("first"), m.group("second")
    if not (first[:1].isupper() or "\u0600" <= first[:1] <= "\u06ff"):
        return False
    if first.startswith("\u0628\u0627\u0644"):  # «بالقاهرة»: "in" joined to the city's name
        first = first[1:]
    names = ([f"{first} {second}"] if second else []) + [first]
    return any(city_home(name) not in (None, "") for name in names)


def foreign_countries(sentence: Sentence) -> int:
    """How many states other than Central Asia's the sentence names (its companies' homes included)."""
    return len({m.payload.country for m in sentence.entities
                if m.payload.country and m.payload.country != "INT" and not m.payload.is_central_asian})


@lru_cache(maxsize=1)
def _side_after():
    return compiled(r"[ \t]+{side_noun}(?![\w\u0600-\u06ff])")


@lru_cache(maxsize=1)
def _side_before():
    return compiled(WORD_START + r"{side_noun}[ \t]+$")


def named_as_a_side(text: str, mention: TermMatch[Entity]) -> bool:
    """A state's adjective that names one side of the deal told before ("the Indian side invests $12 million",
    «Индийская сторона вкладывает …», «الجانب الهندي يستثمر …»): the partner, not another state's own deal."""
    return (_side_after().match(text, mention.end) is not None
            or _side_before().search(text[max(0, mention.start - 16):mention.start]) is not None)


def the_side_named_before(text: str, sentence: Sentence, previous: Sentence | None, state: Entity) -> Entity | None:
    """The organisation "the Indian side" stands for when the gazetteer does not know its home: the one foreign
    organisation of unknown home the sentence before names ("… signed with Mahindra & Mahindra a joint venture
    agreement. The Indian side invests $12 million"), given that state as its home."""
    if previous is None or not any(m.payload == state and (named_as_a_side(text, m) or _describes_its_subject(text, sentence, m))
                                   for m in sentence.entities):
        return None
    homeless = {m.payload for m in previous.entities if not m.payload.country and m.payload.kind not in ("country", "place")}
    return replace(homeless.pop(), country=state.country) if len(homeless) == 1 else None


def _describes_its_subject(text: str, sentence: Sentence, mention: TermMatch[Entity]) -> bool:
    """ "The Canadian frozen-food giant signed …", «Канадский производитель … подписал»: a state's adjective that
    opens the sentence and describes a company (``described_company`` a word or two after it) is that company's
    home, the subject told before."""
    return (mention.start - sentence.span.start <= _DESCRIPTION_OPENS
            and _described_company().match(text, mention.end) is not None)


# How far into its sentence a description opens ("The ", "Ведущий ", "وقال ")
_DESCRIPTION_OPENS = 8


@lru_cache(maxsize=1)
def _described_company():
    return compiled(r"(?:[ \t]+[\w-]+){0,2}?[ \t]+{described_company}(?![\w\u0600-\u06ff])")


# How far into a sentence "the company" may stand to be its subject
_SUBJECT_REACH = 24


def venture_as_subject(text: str, sentence: Sentence) -> re.Match[str] | None:
    """ "The joint venture also signed …", «СП также подписало …», «وقّعت الشركة المشتركة …»: the venture the sides
    set up opens the sentence as the side that signs (``the_venture`` in data/lang/*/context_words.csv)."""
    start = sentence.span.start
    m = compiled(WORD_START + r"{the_venture}(?![\w\u0600-\u06ff])").search(
        text, start, min(sentence.span.end, start + _SUBJECT_REACH))
    # (a subject signs: a signing verb right before or after it; "Уставный капитал СП составит …" names its capital)
    signs = m is not None and any(c.payload.kind == "status" and c.payload.value == "signed"
                                  and start <= c.start <= m.end() + _SUBJECT_REACH for c in sentence.cues)
    return m if signs else None


def with_the_company_before(reader: ArticleReader, sentence: Sentence, counterparty: Entity) -> bool:
    """ "The company … last month booked a €780 million order from the Dutch operator NS": "the company" is the
    foreign company told before (CAF, Spanish); with another foreign company, of its own state or another («وكانت
    الشركة قد جددت … عقودا مع أرامكو السعودية»: Arabian Drilling and Aramco), it has its own deal."""
    opening = Span(sentence.span.start, min(sentence.span.end, sentence.span.start + _SUBJECT_REACH))
    if venture_as_subject(reader.text, sentence) is not None:
        return False  # «وقّعت الشركة المشتركة عقداً مع …»: the venture the sides set up signs, not "the company"
    told = reader.antecedent(sentence, [opening])  # (the sentence's subject: "The company, which …, booked …")
    return (told is not None and not told.is_central_asian and told.kind not in FINANCIERS
            and counterparty.kind not in ("country", *LENDERS) and told.country not in ("", "INT")
            and told.name != counterparty.name and counterparty.country not in ("", "INT"))
