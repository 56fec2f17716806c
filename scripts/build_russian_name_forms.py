"""Build data/lang/ru/name_forms.csv: the case forms of the Russian names in data/organisations.csv, so that
«с Экспортно-импортным банком Кореи» and «Корейскому агентству международного сотрудничества» are matched as
well as the nominative the gazetteer lists. News writes an organisation in all six cases; listing each by hand
left gaps (the Export-Import Bank of India in the instrumental was missed in a held-out article).

A name is inflected when it opens with agreeing adjectives and a head noun in the nominative («Экспортно-
импортный банк», «Международная финансовая корпорация»); what follows the head (a genitive: «Кореи»,
«развития», «международного сотрудничества») stays as written. Forms already listed are left out. Uses the
``pymorphy3`` morphology library and its Russian dictionary, needed only to rebuild the file:

    pip install pymorphy3 pymorphy3-dicts-ru && python scripts/build_russian_name_forms.py
"""

from __future__ import annotations

import csv
import re
from pathlib import Path

import pymorphy3

DATA = Path(__file__).resolve().parent.parent / "data"
OUT = DATA / "lang" / "ru" / "name_forms.csv"
CASES = ("gent", "datv", "accs", "ablt", "loct")
# The head nouns of organisations' names (their dictionary forms).
_HEADS = {"банк", "фонд", "агентство", "корпорация", "компания", "министерство", "управление", "группа",
          "ассоциация", "организация", "институт", "комитет", "холдинг", "концерн", "предприятие", "объединение",
          "товарищество", "общество", "правительство", "дорога", "биржа", "палата", "администрация", "служба",
          "центр", "совет", "комбинат", "завод", "авиакомпания", "союз", "инициатива", "программа", "механизм"}
_PROPER = {"Geox", "Name", "Surn", "Patr", "Orgn", "Trad", "Abbr"}
CYRILLIC = re.compile(r"^[А-ЯЁа-яё][А-ЯЁа-яё -]+$")


def forms_of(phrase: str, morph: pymorphy3.MorphAnalyzer) -> list[str]:
    """The oblique case forms of a Russian name whose opening adjectives agree with its head noun."""
    words = phrase.split()
    parses = [morph.parse(w)[0] for w in words]
    head = next((i for i, p in enumerate(parses) if "NOUN" in p.tag and "nomn" in p.tag), None)
    if head is None or any(not ({"ADJF", "PRTF"} & set(p.tag.grammemes) and "nomn" in p.tag) for p in parses[:head]):
        return []
    # only an organisation's head noun («банк», «агентство», «Фонд») is declined: a place or a transliterated
    # word («Казахстан темир жолы», «Прогресс Рейл») is not
    if parses[head].normal_form not in _HEADS or _PROPER & set(parses[head].tag.grammemes):
        return []
    # a masculine inanimate head keeps the nominative's adjectives in the accusative («Всемирный банк»)
    masculine_thing = "inan" in parses[head].tag and "masc" in parses[head].tag
    found = []
    for case in CASES:
        new = list(words)
        for i in range(head + 1):
            wanted = {case, "inan"} if case == "accs" and masculine_thing and i < head else {case}
            inflected = parses[i].inflect(wanted)
            if inflected is None:
                break
            word = inflected.word
            if words[i][:1].isupper():
                word = word[:1].upper() + word[1:]
            new[i] = word
        else:
            found.append(" ".join(new))
    return found


def build_rows() -> list[dict[str, str]]:
    """The file's rows, from data/organisations.csv as it stands (tests compare them with the file)."""
    morph = pymorphy3.MorphAnalyzer()
    rows = []
    with open(DATA / "organisations.csv", encoding="utf-8", newline="") as f:
        for row in csv.DictReader(f):
            aliases = [a.strip() for a in [row["name"], *row["aliases"].split("|")] if a.strip()]
            listed = set(aliases)
            seen = set()
            for alias in aliases:
                if not CYRILLIC.match(alias) or len(alias.split()) < 2 or alias.endswith("*"):
                    continue
                for form in forms_of(alias, morph):
                    if form not in listed and form not in seen:
                        seen.add(form)
                        rows.append({"name": row["name"], "form": form})
    return rows


def main() -> None:
    rows = build_rows()
    with open(OUT, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=["name", "form"])
        writer.writeheader()
        writer.writerows(rows)
    print(f"{len(rows)} forms written to {OUT}")


if __name__ == "__main__":
    main()
