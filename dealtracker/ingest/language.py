"""An article's language — ar, ru, en, or the ISO 639-1 code of another — from its script and its words.

Script alone would call Kazakh or Tajik "ru", Persian "ar" and French "en"; the engine's lexicons only know
Arabic, Russian and English, so such texts are marked ``other`` instead. Two signs tell them apart: letters
the language never uses (Persian پ گ ک ی, Kazakh ә қ ү …; ``foreign_letters`` of a language pack's ``language.csv``), and the share of
its commonest function words among the text's words (``data/lang/*/language_words.csv``). Arabic is judged on
letters only: its function words fuse with the next word (وفي، بالمشروع), so short Arabic news has a low share.

Another language is then named, because the data contract asks for an ISO 639-1 code: first by letters only
it writes (``data/language_signs.csv``: Tajik ҷ, Kazakh ә, Uzbek ў or oʻ …, the region's languages, which
general identifiers know poorly), else by ``langid`` (a small offline n-gram model of 97 languages), else "und"
is never returned: a text with no letters at all stays ``other``.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data_files import read_csv
from ..languages import language_packs

OTHER = "other"
_SCRIPTS = {
    "ar": re.compile(r"[\u0600-\u06ff\u0750-\u077f\ufb50-\ufdff\ufe70-\ufeff]"),
    "ru": re.compile(r"[\u0400-\u04ff]"),
    "en": re.compile(r"[A-Za-z\u00c0-\u024f]"),
}
_WORDS = {
    "ar": re.compile(r"[\u0621-\u064a\u0671-\u06d3]+"),
    "ru": re.compile(r"[\u0400-\u04ff]+"),
    "en": re.compile(r"[A-Za-z\u00c0-\u024f]+"),
}
# Runs of each script's letters: counting the letters of runs is one match a word, not one a letter.
_SCRIPT_RUNS = {language: re.compile(pattern.pattern + "+") for language, pattern in _SCRIPTS.items()}
SAMPLE_CHARS = 20000
# Below this many words the share of common words says little; the script decides alone.
MIN_WORDS = 12
# Share of running words that must be common function words of the script's language (Russian, English).
# The development set and our samples measure 0.14–0.37; paragraphs of our own in Kazakh, Tajik, Uzbek,
# French, German and Turkish measure 0.00–0.03.
MIN_COMMON_SHARE = 0.06


# Share of a script's letters that may be foreign to the language before the text counts as another one.
# The development set and our samples measure 0; paragraphs of our own in Kazakh, Tajik, Persian and Urdu
# measure 7–39%. A Russian article naming «Қазақстан» once stays far below the limit.
MAX_FOREIGN_LETTERS = 0.015
_WORDS_DECIDE = {"ru", "en"}


@lru_cache(maxsize=1)
def _foreign_letters() -> dict[str, frozenset[str]]:
    return {pack.code: frozenset(pack.get("foreign_letters")) for pack in language_packs() if pack.get("foreign_letters")}


@lru_cache(maxsize=None)
def _foreign_pattern(language: str) -> re.Pattern[str] | None:
    """One character class of the letters of ``language``'s script whose lower case ``language`` never uses (so
    that counting them is one regex call, not a Python loop over every letter); None when there are none.
    Every script class lies in the Basic Multilingual Plane, which is scanned whole, so the class is exact."""
    foreign = _foreign_letters().get(language, frozenset())
    letters = [c for c in _lowering_to_foreign() if c.lower() in foreign and _SCRIPTS[language].match(c)]
    return re.compile("[" + "".join(re.escape(c) for c in letters) + "]+") if letters else None


@lru_cache(maxsize=1)
def _lowering_to_foreign() -> tuple[str, ...]:
    """Every character of the Basic Multilingual Plane whose lower case is a foreign letter of any language."""
    every = frozenset().union(*_foreign_letters().values())
    return tuple(c for c in map(chr, range(0x10000)) if c.lower() in every)


def foreign_letter_share(text: str, language: str, letters: int | None = None) -> float:
    """Share of the letters of ``language``'s script in ``text`` that ``language`` itself never uses
    (``letters``: their number, when already counted)."""
    sample = text[:SAMPLE_CHARS]
    if letters is None:
        letters = _count(_SCRIPT_RUNS[language], sample)
    if not letters:
        return 0.0
    pattern = _foreign_pattern(language)
    return (_count(pattern, sample) if pattern is not None else 0) / letters


def _count(runs: re.Pattern[str], text: str) -> int:
    """How many characters of ``text`` the pattern of runs ``runs`` covers."""
    return sum(map(len, runs.findall(text)))


@lru_cache(maxsize=1)
def _common_words() -> dict[str, frozenset[str]]:
    table: dict[str, set[str]] = {}
    for row in read_csv("language_words.csv"):
        table.setdefault(row["language"], set()).add(row["word"].lower())
    return {language: frozenset(words) for language, words in table.items()}


def script_language(text: str) -> str | None:
    """The language whose script has the most letters in ``text`` (None when it has no such letters)."""
    return _script_counts(text)[0]


def _script_counts(text: str) -> tuple[str | None, int]:
    """(the language whose script has the most letters in the text's start, how many), or (None, 0)."""
    sample = text[:SAMPLE_CHARS]
    counts = {language: _count(runs, sample) for language, runs in _SCRIPT_RUNS.items()}
    best = max(counts, key=lambda k: counts[k])
    return (best, counts[best]) if counts[best] else (None, 0)


def common_word_share(text: str, language: str) -> tuple[float, int]:
    """(share of words in the script of ``language`` that are its common words, number of such words)."""
    words = _WORDS[language].findall(text[:SAMPLE_CHARS])
    if not words:
        return 0.0, 0
    common = _common_words().get(language, frozenset())
    return sum(map(common.__contains__, map(str.lower, words))) / len(words), len(words)


def detect_language(text: str) -> str:
    """'ar', 'ru' or 'en' when the text is written in that language, else another ISO 639-1 code ('other'
    only for a text without letters)."""
    language, letters = _script_counts(text)
    if language is None:
        return OTHER
    if foreign_letter_share(text, language, letters) > MAX_FOREIGN_LETTERS:
        return name_other_language(text)
    if language not in _WORDS_DECIDE:
        return language
    share, count = common_word_share(text, language)
    if count < MIN_WORDS or share >= MIN_COMMON_SHARE:
        return language
    return name_other_language(text)


@lru_cache(maxsize=1)
def _signs() -> list[tuple[str, re.Pattern[str]]]:
    return [(row["language"], re.compile(row["pattern"])) for row in read_csv("language_signs.csv")]


def name_other_language(text: str) -> str:
    """The ISO 639-1 code of a text that is not Arabic, Russian or English."""
    sample = text[:SAMPLE_CHARS]
    for language, pattern in _signs():
        if pattern.search(sample):
            return language
    import langid  # loads its model (a few MB) only when an article in another language turns up

    # One run of the model: the ranking's first is what ``langid.classify`` answers (asked only on a tie, which
    # classify breaks by the model's order of languages, the ranking by their names).
    ranked = langid.rank(sample)
    code = ranked[0][0]
    if len(ranked) > 1 and ranked[1][1] == ranked[0][1]:
        code, _ = langid.classify(sample)
    if code in {"ar", "ru", "en"}:  # our tests above said it is not: take the best other answer
        code = next((c for c, _ in ranked if c not in {"ar", "ru", "en"}), code)
    return code
