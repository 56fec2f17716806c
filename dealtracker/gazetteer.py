"""Names of states, places and organisations in three scripts → canonical English name + home country.

Sources, all loaded once:
- world country names in English, Russian and Arabic from CLDR (babel), ISO alpha-3 codes from pycountry;
- ``data/lang/*/country_aliases.csv``: short names, adjectives and demonyms CLDR lacks ("الأمريكية", "китайская");
- ``data/central_asia_places.csv``: cities, regions and project sites of the five states;
- ``data/organisations.csv``: companies, agencies, banks and funds with their aliases and usual sector;
- ``data/lang/*/name_exclusions.csv``: CLDR names that are also common words ("مالي" is "financial" in Arabic);
- ``data/lang/*/not_names.csv``: phrases that contain a country word but name no side ("Indian Ocean").
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache

from .data_files import read_csv
from .languages import language_packs
from .schema import CENTRAL_ASIA
from .terms import TermMatch, TermMatcher

ENGLISH_COUNTRY_NAMES = {
    "USA": "United States",
    "GBR": "United Kingdom",
    "RUS": "Russia",
    "KOR": "South Korea",
    "PRK": "North Korea",
    "IRN": "Iran",
    "TUR": "Türkiye",
    "ARE": "United Arab Emirates",
}


@dataclass(frozen=True)
class Entity:
    """A named thing that can be a side of a deal."""

    name: str
    country: str
    kind: str  # country | place | organisation kinds from organisations.csv
    sector: str | None = None
    # Whether its home is one of the five states: a plain attribute set once, not a property, because the deal
    # rules ask it of every name of a sentence for every amount (over a hundred times per article). Not
    # compared, hashed or shown: it follows from ``country``.
    is_central_asian: bool = field(init=False, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "is_central_asian", self.country in CENTRAL_ASIA)

    @property
    def is_state(self) -> bool:
        return self.kind in ("country", "place")


@lru_cache(maxsize=None)
def _alpha3(alpha2: str) -> str | None:
    import pycountry

    country = pycountry.countries.get(alpha_2=alpha2)
    return country.alpha_3 if country else None


def _declined_stem(name: str, endings: str) -> str:
    """A one-word country name of a language that declines it, as a stem to match (a pack's
    ``name_stem_endings``): Russian "Россия" → "Росси*", "Китай" → "Кита*"; ``*`` alone: the name takes suffixes
    whole (Kazakh "Қытай" → "Қытай*", as in «Қытайдың»)."""
    if " " in name or "-" in name or len(name) < 5:
        return name
    if name[-1] in endings.strip("*"):
        return name[:-1] + "*"
    return name + "*"


@lru_cache(maxsize=1)
def country_names() -> dict[str, str]:
    """ISO alpha-3 → canonical English country name."""
    from babel import Locale

    names: dict[str, str] = {}
    for code, name in Locale("en").territories.items():
        if len(code) == 2 and code.isalpha() and (alpha3 := _alpha3(code)):
            names[alpha3] = name
    names.update(ENGLISH_COUNTRY_NAMES)
    return names


def _country_entries() -> list[tuple[str, Entity]]:
    from babel import Locale

    names = country_names()
    excluded = {(r["language"], r["alias"]) for r in read_csv("name_exclusions.csv")}
    entries: list[tuple[str, Entity]] = []
    for pack in language_packs():
        endings = pack.get("name_stem_endings")
        for code, local_name in Locale(pack.babel_locale).territories.items():
            if not (len(code) == 2 and code.isalpha()) or (pack.code, local_name) in excluded:
                continue
            alpha3 = _alpha3(code)
            if alpha3 is None:
                continue
            term = _declined_stem(local_name, endings) if endings else local_name
            entries.append((term, Entity(names[alpha3], alpha3, "country")))
    for row in read_csv("country_aliases.csv"):
        if (row["language"], row["alias"]) in excluded or row["country"] not in names:
            continue
        entries.append((row["alias"], Entity(names[row["country"]], row["country"], "country")))
    return entries


def _place_entries() -> list[tuple[str, Entity]]:
    entries: list[tuple[str, Entity]] = []
    for row in read_csv("central_asia_places.csv"):
        entity = Entity(row["name"], row["country"], "place")
        for alias in [row["name"], *row.get("aliases", "").split("|")]:
            if alias.strip():
                entries.append((alias.strip(), entity))
    return entries


def _organisation_entries() -> list[tuple[str, Entity]]:
    """Every name and alias of data/organisations.csv, and the Russian case forms of its Russian names
    (``name_forms.csv`` of a language pack — the Russian one built by scripts/build_russian_name_forms.py: «с Экспортно-импортным банком
    Кореи» is the bank the nominative names)."""
    entries: list[tuple[str, Entity]] = []
    by_name: dict[str, Entity] = {}
    for row in read_csv("organisations.csv"):
        entity = Entity(row["name"], row["country"], row.get("kind") or "company", row.get("sector") or None)
        by_name[row["name"]] = entity
        for alias in [row["name"], *row.get("aliases", "").split("|")]:
            if alias.strip():
                entries.append((alias.strip(), entity))
    entries.extend((row["form"], by_name[row["name"]]) for row in read_csv("name_forms.csv") if row["name"] in by_name)
    return entries + _with_formal_state_names(entries)


def _with_formal_state_names(entries: list[tuple[str, Entity]]) -> list[tuple[str, Entity]]:
    """«Фонд реконструкции и развития Республики Узбекистан», "Development Bank of the Republic of Kazakhstan":
    a Central Asian body's name written with its state's formal name (``formal_state_names.csv`` of a language
    pack), as decrees, disclosures and press releases write it, is the name the gazetteer holds with the short one."""
    pairs = [(" " + row["short"], " " + row["formal"]) for row in read_csv("formal_state_names.csv")]
    return [(alias[:-len(short)] + formal, entity) for alias, entity in entries
            for short, formal in pairs if alias.endswith(short)]


def place_aliases() -> list[tuple[str, Entity]]:
    """(alias, place) for every name and alias of data/central_asia_places.csv."""
    return _place_entries()


def organisation_aliases() -> list[tuple[str, Entity]]:
    """(alias, organisation) for every name and alias of data/organisations.csv."""
    return _organisation_entries()


@lru_cache(maxsize=1)
def entity_matcher() -> TermMatcher[Entity | None]:
    """One matcher over every name; organisations first so a longer company name wins over a country.

    Phrases in ``data/lang/*/not_names.csv`` ("Indian Ocean", «долларов США») are matched too, with no entity, so
    that the country word inside them is not taken for a side.
    """
    blockers: list[tuple[str, Entity | None]] = [(row["phrase"], None) for row in read_csv("not_names.csv")]
    return TermMatcher(_organisation_entries() + _place_entries() + _country_entries() + blockers)


def find_entities(text: str, start: int = 0, end: int | None = None) -> list[TermMatch[Entity]]:
    return [m for m in entity_matcher().findall(text, start, end) if m.payload is not None]


@lru_cache(maxsize=None)
def country_entity(alpha3: str) -> Entity:
    """The state itself, e.g. for a city mention that stands for its country."""
    return Entity(country_names().get(alpha3, alpha3), alpha3, "country")
