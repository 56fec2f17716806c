"""The registry of language packs: which languages the engine reads, and what each pack says of its language.

A pack is a folder ``data/lang/<code>/`` (or one named by ``DEALTRACKER_LANGUAGE_PACKS``) holding the language's
lexicons — deal cues, sector words, money words, number words, month names, function words, country and
organisation names — under the shared tables' file names (``dealtracker.data_files.read_csv`` merges them), and
``language.csv``: the conventions that are not word lists, as ``key,value,meaning`` rows:

- ``name``: the language's English name;
- ``decimal_comma``: ``yes`` where "4,2" is four point two;
- ``name_stem_endings``: letters a one-word country name may end in that declension replaces; such names are
  matched by their stem (Russian «Китай» → «Китай», «Китаем», «Китая»); ``*`` where the name stays whole and takes
  suffixes (Kazakh «Қытай» → «Қытайдың»);
- ``proclitics`` / ``number_proclitics``: letters written joined to the next word (Arabic و ف ب ك ل), which a name
  or an amount may carry;
- ``foreign_letters``: letters of the language's script it never uses, telling a neighbour language's text apart;
- ``babel_locale``: the locale whose country names the gazetteer takes (default: the code).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from .data_files import PACK_MARKER, pack_folders, read_pack_file


@dataclass(frozen=True)
class LanguagePack:
    """One language's folder and its ``language.csv`` settings."""

    code: str
    folder: Path
    settings: tuple[tuple[str, str], ...]

    def get(self, key: str, default: str = "") -> str:
        return dict(self.settings).get(key, default)

    @property
    def name(self) -> str:
        return self.get("name", self.code)

    @property
    def decimal_comma(self) -> bool:
        return self.get("decimal_comma").lower() == "yes"

    @property
    def babel_locale(self) -> str:
        return self.get("babel_locale", self.code)


def language_packs() -> tuple[LanguagePack, ...]:
    """Every pack, the built-in ones first (Arabic, English, Russian), then those a setting adds."""
    return _packs(pack_folders())


@lru_cache(maxsize=8)
def _packs(folders: tuple[tuple[str, Path], ...]) -> tuple[LanguagePack, ...]:
    return tuple(
        LanguagePack(code, folder, tuple((row["key"], row["value"]) for row in read_pack_file(folder, PACK_MARKER)))
        for code, folder in folders
    )


def pack_codes() -> tuple[str, ...]:
    """The ISO 639-1 codes of the languages the engine has a pack for."""
    return tuple(pack.code for pack in language_packs())


def pack_for(code: str) -> LanguagePack | None:
    return next((pack for pack in language_packs() if pack.code == code), None)


def letters_of(key: str) -> str:
    """The letters every pack lists under ``key`` (``proclitics``, ``number_proclitics``), each once, in order."""
    return "".join(dict.fromkeys("".join(pack.get(key) for pack in language_packs())))


def writes_decimal_comma(code: str) -> bool:
    """Whether the language writes "4,2" for four point two (Russian, Kazakh), not for 42 (English)."""
    return code in _decimal_comma_codes(pack_folders())


@lru_cache(maxsize=8)
def _decimal_comma_codes(folders: tuple[tuple[str, Path], ...]) -> frozenset[str]:
    return frozenset(pack.code for pack in _packs(folders) if pack.decimal_comma)
