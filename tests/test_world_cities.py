"""The state of a large city of the world by any of its names (data/world_cities.csv, from GeoNames)."""

from __future__ import annotations

import pytest

from dealtracker.world_cities import city_home


@pytest.mark.parametrize("name, home", [
    ("London", "GBR"), ("Лондон", "GBR"), ("لندن", "GBR"),
    ("Istanbul", "TUR"), ("Стамбул", "TUR"), ("اسطنبول", "TUR"),
    ("Dubai", "ARE"), ("الرياض", "SAU"), ("الدوحة", "QAT"), ("New York", "USA"),
])
def test_a_city_in_three_scripts_names_its_state(name, home):
    assert city_home(name) == home


@pytest.mark.parametrize("name", ["Almaty", "Tashkent", "Bishkek", "Nowhereville", "", "the"])
def test_central_asian_and_unknown_cities_are_not_in_the_world_table(name):
    """Central Asian places are the gazetteer's (with their regions); anything else is unknown."""
    assert city_home(name) is None
