"""Organisations that no gazetteer holds, found by how news writes company names, kept as written.

Three forms, the patterns' words in ``data/organisation_patterns.csv``:
- a quoted name after a word that introduces a company: «компания "Стройинвест"», "شركة "الفا للطاقة""
  (typographic quotes are normalised to '"');
- Latin capitalised words ending in a designator: "Denali Exploration Group", "Xinjang Huaken Dairy Group Co
  ltd", "Re Element Technologies";
- in Arabic, شركة followed by a few words up to a legal ending: "شركة مولين للطاقة المحدودة".
The home country comes from a country word right next to the name ("China's …", «китайская компания …»,
"… الصينية"); without one it stays unknown.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from collections.abc import Callable
from functools import lru_cache

from ..gazetteer import Entity, country_entity
from ..schema import CENTRAL_ASIA
from ..mentions import ClaimedSpans, MentionIndex
from ..terms import TermMatch
from .city_homes import CITY_PREFIX, adjective_city, city_home, with_seats
from .country_words import CountryWords
from .name_openings import listed_acronyms, money_verb_subjects, quotes_after_adjectives
from .name_homes import home_by_form_before, home_by_name
from .name_bounds import designators, name_continued, owning_company, with_abbreviation_dot
from .described_names import is_descriptive, kind_of_described, russian_described
from .name_patterns import NOT_AFTER_WORD, after_first, pattern_words
from .arabic_banks import arabic_bank_names
from .partner_names import add_partner_names
from .state_nouns import country_noun_opens, country_noun_within

# A capitalised word of a name: dots inside ("S.A") but not at its end, where one ends a sentence
# ("… in Khromtau. GEM Petrol Chemical Company" is two things); names never run across a line.
_CAPITALISED = r"(?:[A-Z](?:[\w&.-]*[\w&-])?|d['’][A-Z][\w&-]*|&|of|de|du|des|del|van|von|der|for)"


_ARABIC_AND = "\u0648"  # و, written joined to the next word: "ومجموعة G42" is "and the G42 group"
# A company's field in its Arabic name: «للطاقة», «والمقاولات» (for energy, and contracting)
_FIELD_WORD_STARTS = ("\u0644\u0644", "\u0648\u0627\u0644")


def _with_joined_and(words: list[str]) -> list[str]:
    """The words, and each Arabic one also with "و" ("and") joined to its front, longest first."""
    joined = [_ARABIC_AND + w for w in words if "\u0600" <= w[:1] <= "\u06ff"]
    return sorted({*words, *joined}, key=len, reverse=True)


@lru_cache(maxsize=1)
def _patterns() -> tuple[re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str], re.Pattern[str]]:
    # a trigger may open the sentence: «Компания "Узтехснаб" и …»
    trigger_words = _with_joined_and(pattern_words("trigger"))
    triggers = after_first(sorted({*trigger_words, *(w[:1].upper() + w[1:] for w in trigger_words)}, key=len, reverse=True), NOT_AFTER_WORD)
    designators = "|".join(re.escape(w) for w in pattern_words("designator"))
    endings = "|".join(re.escape(w) for w in pattern_words("arabic_end"))
    # a trigger before the quote («компания "Стройинвест"»), or opening it («"مجموعة نخلة الإنشائية"»: a pattern
    # of its own, so that each begins with characters the regex engine can skip to)
    quoted = re.compile(r"(?:" + triggers + r')\s+"(?P<name>[^"\n]{2,60}?)"')
    opened = re.compile(r'"(?P<name>(?:' + triggers + r')\s+[^"\n]{2,60}?)"')
    # «"Уральская глиноземная компания"», "Volga Transport Group" in quotes: a quoted phrase that ends on a company word
    closed = re.compile(r'"(?P<name>[^"\n]{2,60}?\s(?:' + "|".join(re.escape(w) for w in _closing_words()) + r'))"')
    latin = re.compile(
        r"(?P<name>(?:[A-Z](?<![\w'-](?s:.))(?:[\w&.-]*[\w&-])?[ \t]+)(?:" + _CAPITALISED + r"[ \t]+){0,4}(?:" + designators + r"))(?![\w-])"
    )
    # «شركة … القابضة», and the common «شركة <name> لل<field> [وال<field>]» ("Al-Babtain for Energy and Telecom")
    field = r"(?:[^\s\"]+\s+){1,3}?\u0644\u0644[^\W\d_]{3,}(?:\s+\u0648\u0627\u0644[^\W\d_]{3,})?"
    arabic = re.compile(
        r"\u0634" + NOT_AFTER_WORD + r"\u0631\u0643\u0647\s+(?P<name>(?:\S+\s+){0,4}?(?:" + endings + r")|" + field + r")(?!\w)"
    )
    return quoted, opened, latin, arabic, closed


@lru_cache(maxsize=1)
def _closing_words() -> list[str]:
    """Company words a quoted name may end on (``trigger`` words in Cyrillic or Latin, lower case)."""
    return sorted({w for w in pattern_words("trigger") if w[:1].islower() and not ("\u0600" <= w[:1] <= "\u06ff")},
                  key=len, reverse=True)


# Cyrillic or Arabic: a Latin name introduced by a Russian or Arabic company word needs a text with either.
_OTHER_SCRIPT = re.compile(r"[\u0400-\u06ff]")


# A Latin name of capitalised words (Turkish, German or French letters too): "Omtis Ortadoğu Makina".
_LATIN_WORD = r"[A-ZÀ-ÖØ-ÞĞİŞ](?:[\w&.'-]*[\w&])?(?:(?<=\.[^\W\d_])\.)?"  # "S.p.A." keeps its dot
_LATIN_NAME = rf"{_LATIN_WORD}(?:[ \t]+(?:{_LATIN_WORD}|d['’]{_LATIN_WORD}|&|of|de|du|des|del|van|von|der|for)){{0,4}}"


@lru_cache(maxsize=1)
def _owned_patterns() -> tuple[re.Pattern[str], re.Pattern[str], frozenset[str]]:
    """Names that a country owns or a company word introduces: "Turkey's Omtis Ortadoğu Makina",
    "UAE-based Gulf Data Hub", «турецкая компания Omtis Makina», "شركة Omtis Makina" (a Latin name in a Cyrillic
    or Arabic sentence)."""
    marks = "|".join(re.escape(w) for w in pattern_words("owner_mark"))
    owned = re.compile(rf"(?:{marks})[ \t]+(?P<name>{_LATIN_NAME})")
    triggers = [w for w in _with_joined_and(pattern_words("trigger")) if not re.match(r"[A-Za-z]", w)]  # Latin names in other scripts
    triggers += [w[0].upper() + w[1:] for w in triggers if w[0].islower()]  # «Компания Ducab подписала …» opens a sentence
    # Each alternative begins with a character, the word-start test written after it (see NOT_AFTER_WORD),
    # so that the regex engine skips in C to where a trigger's first letter stands.
    introduced = re.compile(
        rf"(?:{after_first(sorted(triggers, key=len, reverse=True), NOT_AFTER_WORD)})[ \t]+(?P<name>{_LATIN_NAME})"
    )
    not_starts = frozenset(pattern_words("not_a_name_start"))
    return owned, introduced, not_starts


# "the Aktobesteel company", "the Kaya group": an English company word after the name. The company words
# are found first (plain string search, in C), the name in the few words before each.
_COMPANY_WORDS = (" company", " firm", " group", " holding", " concern")
_THE_NAME_BEFORE = re.compile(rf"(?<!\w)the[ \t]+(?P<name>{_LATIN_NAME})$")


def _named_before_company_word(text: str) -> list[tuple[int, int]]:
    found = []
    for word in _COMPANY_WORDS:
        at = text.find(word)
        while at != -1:
            after = at + len(word)
            if after >= len(text) or not text[after].isalnum():
                window = max(0, at - 80)
                m = _THE_NAME_BEFORE.search(text, window, at)
                if m is not None:
                    found.append(m.span("name"))
            at = text.find(word, after)
    return found


def _owned_organisations(text: str, countries: list[TermMatch[Entity]]) -> list[tuple[int, int, Entity | None]]:
    """(start, end, country) of the names a country word owns right before them, or a company word introduces."""
    owned, introduced, not_starts = _owned_patterns()
    country_ends = {c.end: c.payload for c in countries}
    found = []
    if "'" in text or "-" in text:
        for m in owned.finditer(text):
            if m.start() in country_ends:
                found.append((m.start("name"), m.end("name"), country_ends[m.start()]))
    if _OTHER_SCRIPT.search(text) is not None:
        for m in introduced.finditer(text):
            found.append((m.start("name"), m.end("name"), None))
    found.extend((start, end, None) for start, end in _named_before_company_word(text))
    found.extend(_named_after_country_adjective(text, countries))
    kept = []
    for start, end, country in found:
        words = text[start:end].split()
        while words and words[-1] in ("&", "of", "de", "du", "for"):
            words.pop()
        if not words or words[0] in not_starts or STATE_BODY.match(words[0]):
            continue
        kept.append((start, start + text[start:end].rfind(words[-1]) + len(words[-1]), country))
    return kept


_LATIN_NAME_AFTER = re.compile(rf"[ \t]+(?P<name>{_LATIN_NAME})")


def _named_after_country_adjective(text: str, countries: list[TermMatch[Entity]]) -> list[tuple[int, int, Entity]]:
    """«турецкой Anadolu Efes», «китайская Sinopec»: a Latin name right after a Russian country adjective is that
    country's company (in English "Turkish" and "Chinese" also stand before people and titles, so only there)."""
    found = []
    for country in countries:
        if not ("\u0400" <= country.term[:1] <= "\u04ff"):
            continue
        m = _LATIN_NAME_AFTER.match(text, country.end)
        if m is not None:
            found.append((m.start("name"), m.end("name"), country.payload))
    return found


_BASED = re.compile(r"(?:based|headquartered|registered|owned|listed)\s+")
_LEADING = re.compile(r"^(?:The|A|An|In|On|At|By|With|From|And|But|Separately|Meanwhile|Also|Our|Their|Its|His|Her|My)\s+")
# Names of state bodies are the gazetteer's job; a pattern would only cut them short ("Ministry of Mining").
# (a person's title opens no organisation's name: "Uzbekistan's Minister of Energy Jurabek Mirzamahmudov")
STATE_BODY = re.compile(
    r"^(?:Ministry|Committee|Government|State|President|Deputy|Cabinet|Agency|Minister|Prime|Vice|Chairman"
    r"|Chairwoman|Governor|Ambassador|Mayor|Envoy)\b"
)


# "the Dhaka Power Distribution Modernization Project": words a project word closes name a project, no organisation
_PROJECT_AFTER = re.compile(r"[ \t]+(?:Project|Programme|Program|Initiative)\b")

# Arabic "with": a quoted name after it («اتفاقية مع "فالكون كابيتال"») is the partner a deal is signed with
_WITH = "\u0645\u0639"


def find_unknown_organisations(text: str, known: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """Company-like names in ``text`` that overlap no known entity; country from an adjacent country word."""
    countries = [m for m in known if m.payload.kind == "country"]
    finder = _Finder(text, MentionIndex(known), CountryWords(countries))
    _add_patterned(finder)
    for start, end in [*listed_acronyms(text, [*known, *finder.found]), *money_verb_subjects(text)]:
        if finder.free(start, end):
            finder.add(start, end, Entity(name=text[start:end], country="", kind="company"))
    for start, end, bank in arabic_bank_names(text, finder.near):
        if finder.free(start, end):
            finder.add(start, end, bank)
    for country, end in russian_described(text, countries):
        if not (finder.names.overlaps(country.end, end) or finder.claimed.overlaps(country.start, end)):
            name = text[country.start:end]
            finder.add(country.start, end, Entity(name, country.payload.country, kind_of_described(name)))
    for start, end, owner in _owned_organisations(text, countries):
        if not finder.free(start, end):
            continue
        name = text[start:end]
        country = owner or finder.near.adjacent(text, start, end)
        if country is not None and country.is_central_asian:
            continue  # "Kazakhstan's Samruk Energy": a Central Asian side, which the gazetteer names
        home = country.country if country else home_by_name(name)
        finder.add(start, end, Entity(name=name, country=home, kind="state_company" if home in CENTRAL_ASIA else "company"))
    _, _, not_starts = _owned_patterns()
    add_partner_names(text, known, countries, finder.names, finder.claimed, finder.found,
                      lambda name: name.split()[0] not in not_starts and not STATE_BODY.match(name), home_by_name)
    quoted_known, known_at = {k.start for k in known}, {k.start: k for k in known if k.payload.kind not in ("country", "place")}
    found = sorted((m for m in finder.found if not _only_designators(m.payload.name)
                    and not _legal_form_of_a_quoted_name(text, m, quoted_known)
                    and not _known_in_brackets_after(text, m, known_at)
                    and _PROJECT_AFTER.match(text, m.end) is None), key=lambda m: m.start)
    return with_seats(text, [with_abbreviation_dot(text, m) for m in found])


def _legal_form_of_a_quoted_name(text: str, name: TermMatch[Entity], known_starts: set[int]) -> bool:
    """ 'Joint-Stock Commercial Bank "Uzbek Industrial and Construction Bank"': words right before a quoted
    known name are its legal form, not a name of their own."""
    gap = _QUOTE_AFTER.match(text, name.end)
    return gap is not None and gap.end() in known_starts


_QUOTE_AFTER = re.compile(r'[ \t]*["«]')


def _known_in_brackets_after(text: str, name: TermMatch[Entity], known_at: dict) -> bool:
    """ «بنك "خالق بانكي" (Xalq Banki)»: a known organisation's name in brackets after a name is that name in
    another script, not a second side (a state or place there, "X Limited (Hong Kong, China)", is its home)."""
    gap = _BRACKET_AFTER.match(text, name.end)
    return gap is not None and gap.end() in known_at


_BRACKET_AFTER = re.compile(r'["»]?[ \t]*\([ \t]*')


def _only_designators(name: str) -> bool:
    """ "JSC", "LLC" alone ("Claas and JSC "Uzagrotexsanoat" agreed"): a legal form, not a name."""
    words = name.strip(' "').split()
    return bool(words) and all(w.strip(".,") in designators() for w in words)


@dataclass
class _Finder:
    """What the finders of one text share: the known names, the country words, the spans taken so far."""

    text: str
    names: MentionIndex
    near: CountryWords
    claimed: ClaimedSpans = field(default_factory=ClaimedSpans)
    found: list[TermMatch[Entity]] = field(default_factory=list)

    def free(self, start: int, end: int) -> bool:
        return not (self.names.overlaps(start, end) or self.claimed.overlaps(start, end))

    def add(self, start: int, end: int, entity: Entity) -> None:
        self.found.append(TermMatch(start, end, entity, entity.name))
        self.claimed.add(start, end)


def _add_patterned(finder: _Finder) -> None:
    """The names the company-name patterns find (quoted, opened or closed by a company word, Latin with a
    designator, Arabic after «شركة»)."""
    patterns = _patterns()
    quoted, opened, _, _, closed = patterns
    for regex in patterns:
        if regex in (quoted, opened, closed) and '"' not in finder.text:
            continue  # a quoted name needs a quote: half the articles have none, and the scan is not free
        for m in regex.finditer(finder.text):
            name = _patterned_name(finder, regex, m, patterns)
            if name is not None:
                finder.add(*name)
    for m in quotes_after_adjectives(finder.text):
        name = _patterned_name(finder, quoted, m, patterns)
        if name is not None:
            finder.add(*name)



def _patterned_name(finder: _Finder, regex: re.Pattern[str], m: re.Match[str], patterns: tuple) -> tuple[int, int, Entity] | None:
    """The name one pattern's match holds, trimmed of what is not the name, with its home; None when it is
    no new name."""
    text, names = finder.text, finder.names
    quoted, opened, latin, _, _ = patterns
    start, end = m.span("name")
    start, name, city_country = _trimmed(names, start, m.group("name").strip())
    if len(name) < 3 or STATE_BODY.match(name) or (regex is latin and len(name.split()) < 2):
        return None
    if regex is quoted and text.startswith(_WITH, m.start()) and any(ch.isdigit() for ch in name):
        return None  # «تماشيا مع "رؤية 2030"»: a programme quoted after "with", not a partner
    past = _past_known_words(finder, regex is latin, m, start, end, name, quoted=regex is quoted)
    if past is None:
        return None
    start, name, described, descriptive = past
    if name.startswith(_FIELD_WORD_STARTS):
        return None  # «شركة الفنار للطاقة والمقاولات»: a known company's name with its field words, not a new one
    first = max(start, described.end) if described else start
    # (a quoted name, or a Latin one with its state after "of" or between its words: "De Havilland Aircraft of
    # Canada Limited", "Ferroglobe Spain Metals S.A.U.")
    inside_ok = (regex is quoted or (regex is latin and (_OF_STATE.search(text, first, end) is not None or country_noun_within(
        names, text, first, end) is not None))) and _states_inside(names, first, end)
    if (names.overlaps(first, end) and not inside_ok) or finder.claimed.overlaps(start, end):
        return None
    if regex is latin:
        end = name_continued(text, end, names)  # "Hunan Lianchuang Energy Storage"
        name = text[start:end].strip(' "')
    country = (country_entity(described.payload.country) if described else None) or (
        country_entity(city_country) if city_country else None) or finder.near.adjacent(
        text, start, end, 2 if regex is opened else None)  # «الأوزبكية مذكرة تفاهم مع "مجموعة …"» is no home
    # («екатеринбургская "Уральская глиноземная компания"»: the city before the name says more than the
    # place its first word resembles)
    if country is None and inside_ok and regex is latin:  # ("… of Canada Limited": the state its name holds)
        country = next((k.payload for k in names.starting_in(first, end) if k.payload.kind == "country"), None)
    home = country.country if country else (adjective_city(text, start) or home_by_name(name)
                                             or home_by_form_before(text, start))
    kind = kind_of_described(name) if descriptive else "state_company" if home in CENTRAL_ASIA else "company"
    return start, end, Entity(name=name, country=home, kind=kind)


_OF_STATE = re.compile(r"[ \t]of[ \t]+[A-Z]")


def _states_inside(names: MentionIndex, start: int, end: int) -> bool:
    """A quoted name holds known names only as states or places within it («"الشبكات الكهربائية الوطنية
    لأوزبكستان"», the grid of Uzbekistan): still a name of its own, whose home the state tells."""
    inside = names.starting_in(start, end)
    return names.furthest_end_over(start) is None and bool(inside) and all(
        k.end <= end and k.payload.kind in ("country", "place") for k in inside)


def _trimmed(names: MentionIndex, start: int, name: str) -> tuple[int, str, str | None]:
    """A matched name without a leading article and without a city prefix we do not hold as a place
    ("London-listed Brackwater Resources"), whose state is then the name's home (returned third)."""
    lead = _LEADING.match(name)
    if lead:
        start += lead.end()
        name = name[lead.end():]
    city = CITY_PREFIX.match(name) if names.furthest_end_over(start) is None else None  # (known: see below)
    if city is None:
        return start, name, None
    return start + city.end(), name[city.end():], city_home(city.group("city"))


def _past_known_words(finder: _Finder, latin: bool, m: re.Match[str], start: int, end: int, name: str,
                      quoted: bool = False) -> tuple[int, str, TermMatch[Entity] | None, bool] | None:
    """Where the name starts once a known word at its front is set apart ("London-based Ferrum Bridge
    Holding"), the known word that tells its home (a country, a place, an owning company) and whether the name
    is a description ("the Czech Export Bank"); None when too little is left of it."""
    text, names = finder.text, finder.names
    leading = names.furthest_end_over(start)
    described = None  # the country word a descriptive name begins with
    if leading is not None and (is_descriptive(name[leading - start:]) or country_noun_opens(names, text, start, leading, name[leading - start:])):
        # "the Czech Export Bank": after its country word the name is only common words, so the country
        # word is part of the name (and says its home); "Chinese Sinopec Group" stays "Sinopec Group"
        described = next((k for k in names.starting_in(start, leading) if k.end == leading
                          and k.payload.kind == "country" and not k.payload.is_central_asian), None)
    descriptive = described is not None
    if descriptive:
        return start, name, described, True
    if leading is not None:
        owner = owning_company(names, start, leading, name[leading - start:])
        if owner is not None and (latin or owner.payload.is_central_asian):
            # "Sany Renewable Energy", «"قازاق غاز أيماق"», «КазТрансГаз Аймак»: a known company's own named unit
            # (in other scripts only a Central Asian company's: «فودافون مصر» stays Vodafone)
            return start, name, owner, False
    if leading is None:
        return start, name, None, False
    if quoted or name[leading - start:].strip()[:1].islower():
        # «"Ўзбекистон почтаси"»: what follows the state's name is a common word, no name of its own; «شركة
        # "أوزبك كيمياء"»: the quotes hold the whole name. Either way the whole name is the side, at that state
        state = next((k for k in names.starting_in(start, leading) if k.end == leading and k.payload.kind == "country"), None)
        if state is not None:
            return start, name, state, False
    start = leading
    while start < end and not text[start].isalnum():
        start += 1
    based = _BASED.match(text, start, end)  # "Qatar-based Barwa Properties": "based" is no part of it
    if based:
        start = based.end()
        # "Samarkand-based Ipak Yuli Bank": the place before "based" is the name's home
        described = next((k for k in names.starting_in(m.start("name"), leading)
                          if k.end == leading and k.payload.kind in ("country", "place")), None)
    else:
        # "Atyrau Polymer Company", "Navoi Cement": a Central Asian place opening the name tells its home
        described = next((k for k in names.starting_in(m.start("name"), leading)
                          if k.end == leading and k.payload.kind == "place" and k.payload.is_central_asian), None)
    name = text[start:end].strip(' "')
    if len(name) < 3 or (latin and (len(name.split()) < 2 or not name[:1].isupper())):
        return None
    return start, name, described, False


# What a tagger may hand over: spans (start, end) of organisation names in the normalised text.
Tagger = Callable[[str], list[tuple[int, int]]]
