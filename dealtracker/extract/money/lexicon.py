"""The money lexicon: scale words, currencies, qualifiers and number words (data/) → the money regex.

Amounts are data: ``data/lang/*/money_terms.csv`` (scales, currency symbols, codes and words), ``data/lang/*/qualifiers.csv``
and ``data/lang/*/number_words.csv``. This module reads them once and builds the one pattern every amount must match
(``_amount_pattern``), the tables its parts are looked up in (``_lookup_memo``) and the anchoring of the
search; the finder (``finder.py``) only walks the matches.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache

from ...data_files import read_csv
from ...languages import letters_of
from ..lexicon import alternatives
from ...text import normalise_term
from .anchoring import _Anchoring
from .patterns import _alternation, _first_letters


# Thousands may be grouped by a space (also a thin or no-break one), a comma, a dot or an apostrophe ("CHF
# 1'049.95"); the decimal point may be a middle dot ("KGS2·7bn", British trade press); a number is read whole or not
# at all. Never followed by an exponent or a power ("1e308", "10^400", "5×10⁹"): those are no amounts.
_NUMBER = (
    r"(?:\d{1,3}(?:(?:[ ,.'’\u2009\u202f\u00a0]\d{3})+(?!\d))(?:[.,\u00b7]\d+)?|\d+(?:[.,\u00b7]\d+)?)"
    r"(?![.,]?\d*[eE][+-]?\d|\s?[\^×*]|\s?[xх]\s?10)"
)


@dataclass(frozen=True)
class _MoneyLexicon:
    regex: re.Pattern[str]
    scales: dict[str, float]
    number_words: dict[str, float]
    currencies: list[tuple[re.Pattern[str], str]]
    qualifiers: list[tuple[re.Pattern[str], str]]
    anchoring: _Anchoring | None = None
    memo: dict[tuple[str, str], str | float | None] = field(default_factory=dict, compare=False)
    # Arabic forms that are a dual before a currency («مليارا دولار», two billion) and one, in the accusative,
    # before "و" and a smaller part («مليارا و200 مليون», a billion and 200 million)
    dual_or_one: frozenset[str] = frozenset()
    # the number words one by one, to sum the parts of a spelled number («сто пятьдесят», "two hundred and forty")
    spelled_parts: re.Pattern[str] | None = None


_DUAL_KINDS = ("dual", "dual_or_one")




@lru_cache(maxsize=1)
def _proclitic_letters() -> str:
    """Letters a language pack says an amount or a number word may carry joined in front (``number_proclitics``:
    Arabic joins "and" (و) and "with" (ب) to the next word, «ومائتي مليون», «بمليارين»)."""
    return letters_of("number_proclitics")


def _joined() -> str:
    """An optional joined proclitic in front of a number word."""
    letters = _proclitic_letters()
    return r"(?:[" + letters + r"](?=\w))?" if letters else ""


_ARTICLE = "\u0627\u0644"  # ال: «نصف المليار»
# Between the words of one spelled number: "twenty-five", "two hundred and fifty", «сто пятьдесят», «خمسة وعشرين»
# (the packs' ``number_and`` words, and ``number_and_joined`` ones that may be written joined to the next word)


def _word_joint() -> str:
    return r"(?:\s+|-)(?:" + alternatives("number_and") + r"\s+|" + alternatives("number_and_joined") + r"\s?)?"


def _with_proclitics(terms: list[str]) -> list[str]:
    """The terms, and each Arabic one also with a joined proclitic: what a word of the text may read."""
    joined = [p + t for t in terms if "\u0600" <= t[:1] <= "\u06ff" for p in _proclitic_letters()]
    return terms + joined


def _spelled_number(word_rows: list[dict[str, str]]) -> str:
    """A number in words, read whole: hundreds, tens and units in that order ("two hundred and fifty",
    «сто пятьдесят», "twenty-five"; hundreds and a teen, «сто десять», "one hundred and twelve"; in Arabic also units before tens, «خمسة وعشرين»), or any one number word
    ("one and a half", «полтора»), then maybe a half ("two and a half", «два с половиной»). Only these orders
    are one number: "a two billion" is "a" and then an amount, never a sum of the two."""
    def of(test) -> str:
        terms = [r["term"] for r in word_rows if r["kind"] == "number" and test(float(r["value"]))]
        return "(?:" + _alternation(terms, fast_skip=True) + ")"
    hundreds = of(lambda v: 100 <= v < 1000 and v % 100 == 0)
    tens = of(lambda v: 20 <= v < 100 and v % 10 == 0)
    units = of(lambda v: 1 <= v < 10 and v == int(v))
    teens = of(lambda v: 10 <= v < 20 and v == int(v))
    single = "(?:" + _alternation([r["term"] for r in word_rows if r["kind"] == "number"], fast_skip=True) + ")"
    fraction = _alternation([r["term"] for r in word_rows if r["kind"] == "fraction"])
    j = _word_joint()
    # units before tens, joined by an "and" written onto the tens («خمسة وثمانين», eighty-five), also after hundreds
    # («مئة وخمسة وثمانين», 185)
    units_tens = rf"{units}\s+" + alternatives("number_and_joined") + rf"\s?{tens}"
    return (
        rf"(?:{hundreds}{j}{units_tens}|{hundreds}{j}{teens}|{hundreds}(?:{j}{tens})?(?:{j}{units})?|{tens}(?:{j}{units})?"
        rf"|{units_tens}|{single})"
        rf"(?:\s+(?:{fraction}))?"
    )


def _amount_pattern(
    scale_rows: list[dict[str, str]],
    prefix_rows: list[dict[str, str]],
    suffix_rows: list[dict[str, str]],
    qualifier_rows: list[dict[str, str]],
    word_rows: list[dict[str, str]],
) -> str:
    """The money regex's source: [qualifier] [currency prefix] a number (digits, maybe a range, and a scale
    word; number words and a scale word; or a dual) [currency suffix], with a cheap look-ahead in front."""
    scales = _alternation([r["term"] for r in scale_rows], fast_skip=True)
    qualifier_terms = [r["term"] for r in qualifier_rows]
    prefix_terms = [r["term"] for r in prefix_rows]
    word_terms = [r["term"] for r in word_rows]
    # Where an amount can begin: a qualifier or a number word at a word start, a currency prefix, a digit or
    # a bracket. Checked first, this one cheap test rejects most positions of a text before the full pattern
    # is tried there; it lets through every position where the pattern could match, so matches are unchanged.
    can_start = (
        r"(?=(?<!\w)" + _first_letters(qualifier_terms + word_terms + list(_proclitic_letters())) + "|"
        + _first_letters(prefix_terms) + r"|[\d(])"
    )
    # «مليار ونصف المليار», «مليونين ونصف المليون»: and half of the scale word again
    halves = _alternation([r["term"] for r in word_rows if r["kind"] == "half_of_scale"])

    def half(group: str) -> str:
        return r"(?:\s+(?P<" + group + r">" + halves + r")\s+(?:" + _ARTICLE + r")?(?:" + scales + r"))?"

    pattern = can_start + (
        r"(?:(?<!\w)(?P<qual>" + _alternation(qualifier_terms, fast_skip=True) + r")\s+)?"
        r"(?:(?P<pre>" + _alternation(prefix_terms, word_end=False, fast_skip=True) + r")\s?)?"
        r"(?:"
        # not inside a word or a longer number ("A320", "3.5"), except right after a currency code ("KZT88.8bn",
        # "Dh500 million", "Rs3,600")
        r"(?-i:(?<=(?<![A-Za-z])Dh)|(?<=(?<![A-Za-z])Rs)|(?<![\d.,a-z\u0400-\u04ff^×])(?:(?<=(?<![A-Za-z])[A-Z]{3})|(?<![A-Z])))\(?(?P<num>" + _NUMBER + r")\)?"
        r"(?:\s?(?:[-\u2013\u2014]|" + alternatives("range_word") + r")\s?(?P<num2>" + _NUMBER + r"))?"  # "$20–25 млн": dashes of any width
        r"(?:(?:\s?|-)(?P<scale>" + scales + r")\.?" + half("half") + r")?"  # "$50-billion order"
        r"|(?<!\w)" + _joined() + r"(?P<wnum>" + _spelled_number(word_rows) + r")"
        r"\s+(?P<wscale>" + scales + r")\.?" + half("whalf")
        + r"|(?<!\w)" + _joined() + r"(?P<dual>" + _alternation([r["term"] for r in word_rows if r["kind"] in _DUAL_KINDS], fast_skip=True) + r")"
        + half("dhalf") + r")"
        r"(?:(?:\s?|-)(?P<suf>" + _alternation([r["term"] for r in suffix_rows], fast_skip=True)
        + r"|(?<=[^\W\d_]\s)\$|(?<=[^\W\d_]\.\s)\$))?"  # «5 млн $»: the sign after a scale word
    )
    return pattern


def _compiled(row_list: list[dict[str, str]], key: str) -> list[tuple[re.Pattern[str], str]]:
    """One anchored case-insensitive pattern per term, longest term first, with the value of its ``key``."""
    ordered = sorted(row_list, key=lambda r: len(r["term"]), reverse=True)
    return [
        (re.compile(_alternation([r["term"]], word_end=False) + r"$", re.IGNORECASE), r[key])
        for r in ordered
    ]


@lru_cache(maxsize=1)
def _lexicon() -> _MoneyLexicon:
    rows = read_csv("money_terms.csv")
    scale_rows = [r for r in rows if r["kind"] == "scale"]
    prefix_rows = [r for r in rows if r["kind"] in ("symbol", "code")]
    suffix_rows = [r for r in rows if r["kind"] in ("word", "code")]
    qualifier_rows = read_csv("qualifiers.csv")
    word_rows = read_csv("number_words.csv")
    qualifier_terms = [r["term"] for r in qualifier_rows]
    prefix_terms = [r["term"] for r in prefix_rows]
    return _MoneyLexicon(
        regex=re.compile(_amount_pattern(scale_rows, prefix_rows, suffix_rows, qualifier_rows, word_rows), re.IGNORECASE),
        scales={normalise_term(r["term"]).rstrip("*").casefold(): float(r["value"]) for r in scale_rows},
        number_words={normalise_term(r["term"]).casefold(): float(r["value"]) for r in word_rows},
        currencies=_compiled(prefix_rows + suffix_rows, "value"),
        qualifiers=_compiled(qualifier_rows, "qualifier"),
        dual_or_one=frozenset(normalise_term(r["term"]).casefold() for r in word_rows if r["kind"] == "dual_or_one"),
        spelled_parts=re.compile(
            r"(?<![^\W" + _proclitic_letters() + r"])(?:"
            + "|".join(re.escape(w) for w in sorted({normalise_term(r["term"]).casefold() for r in word_rows}, key=len, reverse=True))
            + r")(?!\w)"
        ),
        anchoring=_Anchoring.of(
            qualifier_terms,
            prefix_terms,
            _with_proclitics([r["term"] for r in word_rows if r["kind"] in ("number", "fraction", "half_of_scale")]),
            [r["term"] for r in scale_rows],
            _with_proclitics([r["term"] for r in word_rows if r["kind"] in _DUAL_KINDS]),
        ),
    )


def scale_words() -> list[str]:
    """The scale words of every language ("million", «млн», «миллион*», «مليون»), a trailing ``*`` marking a
    stem; one-letter abbreviations ("m", "b") left out. For readers that look for a scale without a number."""
    return [r["term"] for r in read_csv("money_terms.csv") if r["kind"] == "scale" and len(r["term"].rstrip("*")) > 1]


def names_a_number(words: str) -> bool:
    """Whether words hold a number word of any language ("nine", «тридцать», "ثلاثمائة"), however long the
    number they spell."""
    return _lexicon().spelled_parts.search(normalise_term(words).casefold()) is not None


def only_number_words(words: str) -> bool:
    """Whether words are only a number spelled out: number and scale words and "and", «и», "و" between them
    ("three hundred and eighty-six million", «ثلاثمائة وستة وثمانون مليونا ومئتان»), nothing else."""
    lex = _lexicon()
    for token in re.findall(r"\w+", normalise_term(words).casefold()):
        token = token.removeprefix("\u0648") if len(token) > 2 else token  # the Arabic "و" joined to a word
        if token in _JOINTS or token in lex.scales or token in lex.number_words:
            continue
        if lex.spelled_parts.fullmatch(token) is None and not any(token.startswith(s) for s in lex.scales if len(s) > 4):
            return False
    return True


# "and" between the parts of a spelled number, in each language (the Arabic one is a prefix, see above)
_JOINTS = frozenset({"and", "и", "\u0648"})


def _lookup(table: list[tuple[re.Pattern[str], str]], text: str | None) -> str | None:
    if not text:
        return None
    for regex, value in table:
        if regex.match(text):
            return value
    return None


_UNKNOWN = object()


def _lookup_memo(lex: _MoneyLexicon, table: str, text: str | None) -> str | None:
    """``_lookup`` in the lexicon's ``currencies`` or ``qualifiers``, memoised: news writes the same few
    currencies and qualifiers again and again, and trying 150 patterns each time showed in the profile."""
    if not text:
        return None
    key = (table, text)
    found = lex.memo.get(key, _UNKNOWN)
    if found is _UNKNOWN:  # (read once: another thread may empty the memo meanwhile)
        found = _lookup(getattr(lex, table), text)
        if len(lex.memo) > 10_000:
            lex.memo.clear()
        lex.memo[key] = found
    return found  # type: ignore[return-value]
