"""Language packs: a language is a folder of data, not an edit of code (issue 19).

The proof is a fourth language: a small Kazakh pack written here into a temporary folder — a deal word
(«келісім»), a purchase word («сатып алу»), «қол қойды» (signed), the tenge as Kazakh writes it («теңге», with its
case endings), a sector word and the country's own name — and the unchanged engine, pointed at it by
``DEALTRACKER_LANGUAGE_PACKS``, extracts the deal from a Kazakh sentence; without the pack it finds none.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from dealtracker.data_files import read_csv
from dealtracker.languages import letters_of, pack_codes, pack_for, writes_decimal_comma

ROOT = Path(__file__).resolve().parent.parent

KAZAKH_PACK = {
    "language.csv": "key,value,meaning\nname,Kazakh,\ndecimal_comma,yes,\nname_stem_endings,*,names take suffixes whole\n",
    "deal_cues.csv": (
        "kind,value,scope,term\n"
        "deal_type,agreement_mou,clause,келісім*\n"
        "deal_type,purchase_contract,clause,сатып алу\n"
        "status,signed,sentence,қол қойды\n"
    ),
    "money_terms.csv": "kind,value,term\nword,KZT,теңге*\n",
    "sector_keywords.csv": "sector,term,weak\ntransport_logistics,локомотив*,\n",
    "country_aliases.csv": "country,alias\nKAZ,Қазақстан*\n",
}

# «Kazakhstan and China's CRRC signed an agreement to buy 300 locomotives for 120 billion tenge.»
KAZAKH_ARTICLE = (
    "Астана, 2026 жылғы 12 наурыз.\n"
    "Қазақстан мен Қытайдың CRRC компаниясы 120 млрд теңгеге 300 локомотив сатып алу туралы келісімге қол қойды.\n"
)


def _write_pack(folder: Path) -> Path:
    pack = folder / "kk"
    pack.mkdir(parents=True)
    for name, text in KAZAKH_PACK.items():
        (pack / name).write_text(text, encoding="utf-8")
    return folder


def _extract(article: Path, packs: Path | None) -> list[dict]:
    env = {k: v for k, v in os.environ.items() if k != "DEALTRACKER_LANGUAGE_PACKS"}
    if packs is not None:
        env["DEALTRACKER_LANGUAGE_PACKS"] = str(packs)
    done = subprocess.run(
        [sys.executable, "-m", "dealtracker", "extract", str(article)],
        cwd=ROOT, env=env, capture_output=True, text=True, timeout=120, check=True,
    )
    return [json.loads(line) for line in done.stdout.splitlines() if line.strip()]


def test_a_fourth_language_pack_in_a_temporary_folder_extracts_a_deal(tmp_path):
    article = tmp_path / "kazakh.txt"
    article.write_text(KAZAKH_ARTICLE, encoding="utf-8")
    assert _extract(article, None) == []  # the built-in packs do not read Kazakh's deal words or its tenge

    (deal,) = _extract(article, _write_pack(tmp_path / "packs"))
    assert deal["language"] == "kk"
    assert (deal["party"], deal["party_country"]) == ("Kazakhstan", "KAZ")
    assert (deal["counterparty"], deal["counterparty_country"]) == ("CRRC", "CHN")
    assert (deal["amount"], deal["currency"]) == (120e9, "KZT")
    assert deal["value_usd"] > 0
    assert (deal["deal_type"], deal["status"], deal["sector"]) == ("purchase_contract", "signed", "transport_logistics")
    assert KAZAKH_ARTICLE[deal["start"]:deal["end"]] == deal["evidence"]


def test_the_built_in_packs_and_what_they_say():
    assert {"ar", "en", "ru"} <= set(pack_codes())
    assert pack_for("ru").name == "Russian"
    assert writes_decimal_comma("ru") and not writes_decimal_comma("en") and not writes_decimal_comma("xx")
    assert set("وفبكل") <= set(letters_of("proclitics"))


def test_a_pack_file_is_read_with_its_language(tmp_path, monkeypatch):
    """Each pack's rows come with the pack's code as ``language``; a shared file's rows keep their own."""
    rows = read_csv("deal_cues.csv")
    assert {"ar", "en", "ru"} <= {row["language"] for row in rows}
    assert any(row["language"] == "ru" and row["term"] == "соглашени*" for row in rows)
    monkeypatch.setenv("DEALTRACKER_LANGUAGE_PACKS", str(_write_pack(tmp_path)))
    added = [row for row in read_csv("deal_cues.csv") if row["language"] == "kk"]
    assert [row["term"] for row in added] == ["келісім*", "сатып алу", "қол қойды"]


@pytest.mark.parametrize("name", ["deal_cues.csv", "money_terms.csv", "sector_keywords.csv", "month_names.csv"])
def test_no_language_words_are_left_in_a_shared_lexicon(name):
    """What belongs to one language lives in its pack: the shared file of these lexicons is gone."""
    assert not (ROOT / "data" / name).exists()
    assert all((ROOT / "data" / "lang" / code / name).exists() for code in ("ar", "en", "ru"))
