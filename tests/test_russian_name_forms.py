"""The Russian case forms of organisations' names (data/lang/ru/name_forms.csv) are generated from
data/organisations.csv by scripts/build_russian_name_forms.py with pymorphy3: the file must be what the script
builds today (an alias added by hand without rebuilding would be matched in the nominative only), and the
gazetteer must find a name in its oblique cases."""

import csv
import importlib.util
from pathlib import Path

import pytest

from dealtracker.gazetteer import find_entities
from dealtracker.text import normalise_term

ROOT = Path(__file__).resolve().parent.parent


def test_the_forms_file_is_what_the_script_builds():
    pytest.importorskip("pymorphy3", reason="pymorphy3 (requirements-dev.txt) rebuilds the forms")
    spec = importlib.util.spec_from_file_location("build_forms", ROOT / "scripts" / "build_russian_name_forms.py")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    with open(ROOT / "data" / "lang" / "ru" / "name_forms.csv", encoding="utf-8", newline="") as f:
        assert list(csv.DictReader(f)) == module.build_rows()


@pytest.mark.parametrize("text, name", [
    ("подписало с Экспортно-импортным банком Индии рамочное соглашение", "Export-Import Bank of India"),
    ("Корейскому агентству международного сотрудничества", "Korea International Cooperation Agency"),
    ("с Государственным банком развития Китая", "China Development Bank"),
])
def test_a_name_is_found_in_its_oblique_cases(text, name):
    assert name in [m.payload.name for m in find_entities(normalise_term(text))]


def test_transliterated_names_and_places_are_not_declined():
    with open(ROOT / "data" / "lang" / "ru" / "name_forms.csv", encoding="utf-8", newline="") as f:
        forms = [row["form"] for row in csv.DictReader(f)]
    # «Казахстан темир жолы», «Эйр Астана», «Прогресс Рейл»: a place or a transliteration heads them
    assert not {"Казахстану темир жолы", "Эйром Астана", "Прогрессе Рейл"} & set(forms)
    assert "Казахстанскую инвестиционную корпорацию" in forms  # an adjective of the state is declined
