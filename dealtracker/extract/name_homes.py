"""The state a company's name itself tells: a Central Asian state or city it begins with ("KazEnergoPower",
«Узбекнефтегаз», Aktobesteel), a Central Asian state it ends with ("National Electric Grid of Uzbekistan",
«الشبكات الكهربائية الوطنية لأوزبكستان», «Национальная компания Казахстана»), or a legal form of one state it ends
with ("GmbH", "A.Ş.", "S.p.A."; data/legal_form_homes.csv). (Split from organisations.py.)"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data_files import read_csv
from ..gazetteer import Entity, find_entities
from ..terms import TermMatch
from ..text import normalise_term
from .name_patterns import pattern_words

_ARABIC = re.compile(r"[\u0600-\u06ff]")


@lru_cache(maxsize=None)
def _words_lower(kind: str) -> tuple[str, ...]:
    return tuple(w.lower() for w in pattern_words(kind))


@lru_cache(maxsize=1)
def _home_prefixes() -> tuple[tuple[str, str], ...]:
    """(prefix, country) of the names Central Asian companies take from their state or city: KazMunayGas,
    «Узбекнефтегаз», "قازمونايغاز", Kyrgyzaltyn, Tajikaluminium, Turkmengaz, Aktobesteel — longest first."""
    rows = read_csv("organisation_patterns.csv")
    pairs = [(normalise_term(r["term"]).lower(), r["kind"].removeprefix("home_prefix_")) for r in rows if r["kind"].startswith("home_prefix_")]
    # and the region's cities: Aktobesteel, Navoiyazot, Almalyk MMC, «Алматыэнергосбыт»
    for row in read_csv("central_asia_places.csv"):
        for alias in {row["name"], *row.get("aliases", "").split("|")}:
            alias = normalise_term(alias).rstrip("*").lower()
            if len(alias) >= 4 and " " not in alias:
                pairs.append((alias, row["country"]))
    return tuple(sorted(set(pairs), key=lambda p: -len(p[0])))


def home_by_name(name: str) -> str:
    """The Central Asian state a company's name begins with ("KazEnergoPower" → KAZ); else the state its
    legal form belongs to ("Brenntal Pharma GmbH" → DEU, "Yildiz Tekstil A.Ş." → TUR; data/legal_form_homes.csv);
    else unknown ("")."""
    home = _central_asian_by_name(name) or _central_asian_by_ending(name)
    return home or _home_by_legal_form(name)


@lru_cache(maxsize=4096)
def _central_asian_by_ending(name: str) -> str:
    """The Central Asian state whose name (in any of its forms the gazetteer knows, with an Arabic proclitic
    «لأوزبكستان» or a Russian case ending «Казахстана») closes the company's name."""
    bare = normalise_term(name.strip(' "'))
    last = next(reversed(find_entities(bare)), None)
    if last is None or last.end < len(bare) or last.payload.kind != "country" or not last.payload.is_central_asian:
        return ""
    return last.payload.country


def _legal_form_alternation() -> str:
    """The legal forms of data/legal_form_homes.csv as one capturing group, longest first, without final dots."""
    forms = sorted((row["form"] for row in read_csv("legal_form_homes.csv")), key=len, reverse=True)
    return r"(?<![\w.])(" + "|".join(re.escape(f.rstrip(".")) for f in forms) + r")\.?"


@lru_cache(maxsize=1)
def _legal_forms() -> re.Pattern[str]:
    return re.compile(_legal_form_alternation() + "$")


@lru_cache(maxsize=1)
def _legal_form_homes() -> dict[str, str]:
    """Legal form (without a final dot, as the pattern captures it) → its state."""
    return {row["form"].rstrip("."): row["country"] for row in read_csv("legal_form_homes.csv")}


def _home_by_legal_form(name: str) -> str:
    m = _legal_forms().search(name.strip(' "'))
    return _legal_form_homes().get(m.group(1), "") if m else ""


@lru_cache(maxsize=1)
def _legal_forms_before() -> re.Pattern[str]:
    return re.compile(_legal_form_alternation() + r"\s*[«\"„“']?\s*$")


def home_by_form_before(text: str, start: int) -> str:
    """The state whose legal form is written right before a quoted name: «ТОО «Жамбылский цементный завод»» is
    Kazakh, «ОсОО «…»» Kyrgyz, as Russian-language news writes them (the form before the name, not after it)."""
    m = _legal_forms_before().search(text[max(0, start - 12):start])
    return _legal_form_homes().get(m.group(1), "") if m else ""


def _central_asian_by_name(name: str) -> str:
    lower = name.strip(' "').lower()
    first = lower.split()[0] if lower.split() else ""
    if any(first == w or (first.startswith(w) and not _ARABIC.match(w)) for w in _words_lower("not_home_prefix")):
        return ""  # Kazan is in Tatarstan (an Arabic name only when it is that word: كازانيرغو… is Kazakh)
    prefixes, pattern = _home_prefix_pattern()
    for k in range(len(lower) - 2, 0, -1):  # the longest prefix that leaves a few letters of the name
        if lower[:k] in prefixes and pattern.match(lower):
            return prefixes[lower[:k]]
    return ""


@lru_cache(maxsize=1)
def _home_prefix_pattern() -> tuple[dict[str, str], re.Pattern[str]]:
    """The prefixes as a dictionary, and one pattern that tells at once whether a name begins with any."""
    prefixes = dict(reversed(_home_prefixes()))  # the first (longest) wins on a clash
    pattern = re.compile("|".join(re.escape(p) for p in sorted(prefixes, key=len, reverse=True)))
    return prefixes, pattern


_OF_BEFORE = re.compile(r"[ \t]+of[ \t]+$")


def state_after_of(text: str, start: int, end: int, countries: list[TermMatch[Entity]]) -> tuple[int, Entity] | None:
    """ "with Saurer of Switzerland": one word, then "of" and a foreign state, is a company and its home (the
    end of its name, and the state). Longer names keep the state ("National Bank of Egypt" is that bank's name)."""
    for country in countries:
        if country.end == end and start < country.start and not country.payload.is_central_asian:
            of = _OF_BEFORE.search(text, start, country.start)
            if of is not None and " " not in text[start:of.start()]:
                return of.start(), country.payload
    return None
