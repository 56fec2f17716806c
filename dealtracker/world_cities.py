"""The state of a large city of the world, by any of its names in Latin, Cyrillic or Arabic script
(``data/world_cities.csv``, built from GeoNames by ``scripts/build_world_cities.py``).

Why: news tells a little-known company's home by its city as often as by its country — "Istanbul-based X",
"London-listed X", «ومقرها دبي». The table is read only where such a phrase asks for a city, never matched
against running text: many city names are also words ("Male", "Of", "Natal").
"""

from __future__ import annotations

from functools import lru_cache

from .data_files import read_csv
from .text import normalise_term


@lru_cache(maxsize=1)
def _homes() -> dict[str, str]:
    return {normalise_term(row["name"]).casefold(): row["country"] for row in read_csv("world_cities.csv")}


@lru_cache(maxsize=1)
def _populations() -> dict[str, int]:
    return {normalise_term(row["name"]).casefold(): int(row.get("population") or 0) for row in read_csv("world_cities.csv")}


# A city this large is a name's home when the name opens with it ("Baku Shipyard", «Шанхай Луцяо»); smaller
# ones are too often also words or given names to be read off a name alone.
LARGE_CITY = 1_000_000


def large_city_home(name: str) -> str | None:
    """``city_home`` for a city of at least ``LARGE_CITY`` people, by the name exactly as given (no case ending)."""
    key = normalise_term(name.strip()).casefold()
    return _homes().get(key) if _populations().get(key, 0) >= LARGE_CITY else None


def city_home(name: str) -> str | None:
    """The ISO alpha-3 code of the state whose city is called ``name`` (the larger city where two share the
    name), or None. Arabic names may carry the article («الرياض»), Russian ones a case ending («Стамбула»)."""
    key = normalise_term(name.strip()).casefold()
    homes = _homes()
    found = homes.get(key) or (homes.get(key[2:]) if key.startswith("\u0627\u0644") else None)
    if found is None and key[-1:] in _RUSSIAN_ENDINGS:  # «из Стамбула», «в Дубае», «в Софию»: a case ending
        stem = key[:-1]
        found = next((homes[f] for f in (stem, stem + "а", stem + "я", stem + "й", stem + "ь") if f in homes), None)
    if found is None and key[-2:] in _RUSSIAN_INSTRUMENTAL:  # «под Минском», «под Москвой», «над Парижем»
        stem = key[:-2]
        found = next((homes[f] for f in (stem, stem + "а", stem + "я", stem + "ь") if f in homes), None)
    return found


# The last letter a Russian city name takes in its cases (genitive, dative, accusative, locative)
_RUSSIAN_ENDINGS = frozenset("аяеуюыи")
# ... and in the instrumental («под Минском», «под Москвой», «за Парижем»), after "near"
_RUSSIAN_INSTRUMENTAL = frozenset({"ом", "ем", "ой", "ей", "ью"})
