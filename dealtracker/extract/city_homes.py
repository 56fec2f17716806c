"""Homes told by a city: "London-listed Brackwater Resources", "Istanbul-based Kalemli", «"مجموعة نخلة الإنشائية"
ومقرها دبي», "Harlan Partners, headquartered in London", «челябинский завод "Уралтрак"». The city is looked up among the world's large cities
(``dealtracker.world_cities``) only in these phrases; the seat words are data (``seat_word`` in
``data/organisation_patterns.csv``)."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from ..gazetteer import Entity
from ..terms import TermMatch
from ..world_cities import city_home, large_city_home
from .lexicon import ARABIC_LETTER
from .name_patterns import pattern_words

__all__ = ["CITY_OWNS", "CITY_PREFIX", "adjective_city", "city_ending_at", "city_home", "with_seats"]

# "London-listed X", "New York-based X": a city in front of a Latin name, with the word that ties it to the name
CITY_PREFIX = re.compile(r"(?P<city>[A-Z][\w.'’]*(?:[ \t]+[A-Z][\w.'’]*)?)-(?:based|listed|headquartered|registered)[ \t]+")
# "Rotterdam's Vanderhoek", "New York's Harlan Partners": a city owning the name that follows
CITY_OWNS = re.compile(r"(?P<city>[A-Z][\w.]*(?:[ \t]+[A-Z][\w.]*)?)['’]s[ \t]+(?=[A-Z])")

# One or two capitalised words ending where a city must end ("New York", "Istanbul")
_CITY_WORDS = re.compile(r"(?:[A-Z][\w.'’]*[ \t]+)?[A-Z][\w.'’]*$")
# "Istanbul's Evka Holding", "Rotterdam's Vanderhoek": what stands between the owning city and the name
_OWNS = re.compile(r"['’]s[ \t]+$")


def city_ending_at(text: str, end: int) -> str | None:
    """The state (ISO alpha-3) of a large city of the world named right before ``end``, its two last words or
    its last one ("New York-based", "Istanbul's"), or None."""
    m = _CITY_WORDS.search(text, max(0, end - 40), end)
    if m is None:
        return None
    for start in (m.start(), text.rfind(" ", m.start(), end) + 1):
        home = city_home(text[start:end])
        if home:
            return home
    return None


def with_seats(text: str, found: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The names, each without a home given the home its city tells: its seat right after it, or a city
    owning it right before it."""
    seats = any(word in text for word in pattern_words("seat_word"))
    return [_with_seat(text, m, seats) for m in found]


def _owner_city(text: str, start: int) -> str | None:
    owns = _OWNS.search(text, max(0, start - 4), start)
    return city_ending_at(text, owns.start()) if owns is not None else None


# «челябинский завод "Уралтрак"», «стамбульской компанией Evka», «пекинская Sinoma»: a Russian adjective made of a
# city's name («-ский», in any case), then at most one word (the company word) and an opening quote, before a name
_CITY_ADJECTIVE = re.compile(
    r"(?<![\w-])(?P<stem>[А-ЯЁа-яё][а-яё]{2,}?)ск(?:ий|ая|ое|ие|ого|ому|ой|ом|ую|их|им|ими)[ \t]+(?:[а-яё]+[ \t]+)?\"?$"
)


def adjective_city(text: str, start: int) -> str | None:
    """The state of the city a Russian adjective right before the name is made of, or None.

    The adjective's stem is turned back into the city's name by the few ways Russian builds these adjectives
    (Челябинск → челябинский, Пекин → пекинский, Стамбул → стамбульский, Анкара → анкарский, Казань →
    казанский, Урумчи → урумчийский, Токио → токийский, Москва → московский); each guess is only looked up
    among the world's large cities, so "российский" or "французская" (no city) give nothing."""
    m = _CITY_ADJECTIVE.search(text, max(0, start - 60), start)
    if m is None:
        return None
    stem = m.group("stem").casefold()
    guesses = [stem + "ск", stem, stem.removesuffix("ь"), stem + "а", stem + "ь"]
    if stem.endswith("ий"):
        guesses += [stem[:-1], stem[:-2] + "ио"]
    if stem.endswith("ов"):
        guesses.append(stem[:-2] + "ва")
    return next((home for home in map(city_home, guesses) if home), None)


@lru_cache(maxsize=1)
def _seat_after() -> re.Pattern[str]:
    """ «"مجموعة نخلة الإنشائية" ومقرها دبي», "Harlan Partners, headquartered in New York": the seat told right
    after the name (``seat_word`` in data/organisation_patterns.csv)."""
    seats = "|".join(re.escape(w) for w in pattern_words("seat_word"))
    # («"نورفانتا" للحفر، ومقرها أبوظبي»: a company's field words «لل…» may stand between; "X, a drilling
    # company based in Abu Dhabi": an apposition of up to four words may open the seat; "SITA (headquartered in
    # Geneva)": a bracket may; «"أفيردا" المتخصصة في إدارة النفايات، ومقرها دبي», "Averda, a company specialising in
    # waste management, headquartered in Dubai": so may a description of up to seven lower-case words between commas)
    return re.compile(
        rf"[\"»]?(?:[ \t]+\u0644\u0644[\u0621-\u064a]+){{0,2}}(?:,[ \t]+an?[ \t]+(?:[\w-]+[ \t]+){{0,3}}?|[,،]?\s+\(?"
        rf"|{_DESCRIPTION_BETWEEN_COMMAS})(?:\u0648)?(?:{seats})\s+(?P<city>[\w'’-]+(?:[ \t][\w'’-]+)?)")


# A description between the name and its seat: Arabic words opening with «ال», or lower-case Latin or Cyrillic ones
_DESCRIPTION_BETWEEN_COMMAS = (
    r"[ \t]+\u0627\u0644[\u0621-\u064a]+(?:[ \t]+[\u0621-\u064a]+){0,6}?[ \t]*[,\u060c]\s*"
    r"|,[ \t]+[a-zа-яё][\w-]*(?:[ \t]+[a-zа-яё][\w-]*){1,6}?,[ \t]+")


@lru_cache(maxsize=1)
def _seat_before() -> re.Pattern[str] | None:
    """ «с базирующейся в Абу-Даби компанией Norvanta»: the seat told by a participle before the name
    (``seat_before`` in data/organisation_patterns.csv: the participle's stem), then «в», the city, at most one
    word (the company word) and a quote."""
    words = pattern_words("seat_before")
    if not words:
        return None
    stems = "|".join(re.escape(w) for w in words)
    return re.compile(rf"(?:{stems})[а-яё]*[ \t]+в[ \t]+(?P<city>[\w-]+(?:[ \t][\w-]+){{0,2}})[ \t]*[«\"]?$")


def _seat_told_before(text: str, start: int) -> str | None:
    pattern = _seat_before()
    m = pattern.search(text, max(0, start - 80), start) if pattern is not None else None
    if m is None:
        return None
    words = m.group("city").split()
    return next((home for k in range(len(words), 0, -1) if (home := city_home(" ".join(words[:k])))), None)


def _city_opening(name: str) -> str | None:
    """ "Baku Shipyard LLC", «Шанхай Луцяо»: a name that opens with a large city of the world (and goes on)."""
    if ARABIC_LETTER.search(name):
        return None  # («الجزيرة للكيماويات»: Arabic names open with common words that are also cities' names)
    words = name.split()
    return next((home for k in (2, 1) if len(words) > k and (home := large_city_home(" ".join(words[:k])))), None)



# "Guangxi Hengfeng Carbon, a Nanning-based company", "Wood, the Aberdeen-based engineering group", "Prosus, the
# Amsterdam-listed technology investor": the seat told in an apposition after the name
_BASED_APPOSITION = re.compile(
    r"[\"»]?,[ \t]+(?:an?|the)[ \t]+(?P<city>[A-Z][\w'’.]*(?:[ \t][A-Z][\w'’.]*)?)-(?:based|headquartered|listed|registered)\b")


def _with_seat(text: str, match: TermMatch[Entity], seats: bool) -> TermMatch[Entity]:
    """The name with the home its city gives, when nothing else gave it one."""
    if match.payload.country:
        return match
    owned = CITY_OWNS.match(match.payload.name)
    if owned is not None and match.payload.name == text[match.start:match.end]:
        home = city_home(owned.group("city"))
        if home:  # "Rotterdam's Vanderhoek" found as one name: the city is its owner, not part of it
            name = match.payload.name[owned.end():]
            return TermMatch(match.start + owned.end(), match.end, replace(match.payload, name=name, country=home), name)
    home = _owner_city(text, match.start) or adjective_city(text, match.start)
    seat = _seat_after().match(text, match.end) if seats and home is None else None
    if seat is not None:
        words = seat.group("city").split()
        home = city_home(" ".join(words)) or city_home(words[0])
    if home is None:
        based = _BASED_APPOSITION.match(text, match.end)
        home = city_home(based.group("city")) if based is not None else None
    home = home or _seat_told_before(text, match.start) or _city_opening(match.payload.name)
    if home is None:
        return match
    return match._replace(payload=replace(match.payload, country=home))
