"""A matched amount's value: its number (digits in the article's convention, or words), scale and halves.

Apart from the finder so that what a number is worth is decided in one place and the finder only decides
which matches are amounts; ``parse_number`` is also what the attributes and table readers use.
"""

from __future__ import annotations

import re

from ...languages import writes_decimal_comma
from ...text import normalise_term
from .lexicon import _MoneyLexicon


def _spelled_value(lex: _MoneyLexicon, words: str) -> float | None:
    """The value of a number the money regex read in words: the sum of its parts (their order was checked
    by the regex), each part a listed number word or half."""
    key = re.sub(r"\s+", " ", normalise_term(words)).casefold()
    whole = lex.number_words.get(key)
    if whole is not None:
        return whole
    total = 0.0
    for part in lex.spelled_parts.findall(key):  # type: ignore[union-attr]
        total += lex.number_words.get(part, 0.0)
    return total or None


def _half(lex: _MoneyLexicon, m: re.Match[str]) -> float:
    """«مليار ونصف المليار»: half of the scale word, added."""
    if not (m.group("half") or m.group("whalf")):
        return 0.0
    return _scale(lex, m.group("scale") or m.group("wscale")) / 2 if (m.group("scale") or m.group("wscale")) else 0.0


def parse_number(text: str, language: str = "en") -> float:
    """Parse "1,200", "4,2", "1 200", "1.200.000", "4.2" the way the article's language writes them."""
    s = re.sub(r"[ '’\u2009\u202f\u00a0]", "", text).replace("\u00b7", ".")  # ("2·7": a middle dot is a decimal point)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(s.replace(thousands, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in s:
            groups = s.split(sep)
            grouped = all(len(g) == 3 for g in groups[1:])
            # "1,200" is a thousand and two hundred in English but 1.2 in Russian (a pack's ``decimal_comma``);
            # "1.200.000" is grouped anywhere
            thousands = grouped and (len(groups) > 2 or (sep == "," and not writes_decimal_comma(language)))
            if thousands:
                return float(s.replace(sep, ""))
            if len(groups) == 2:
                return float(groups[0] + "." + groups[1])
            return float(s.replace(sep, ""))
    return float(s)


def _is_bare_year(number: str, scale: str | None, prefix: str | None, suffix: str | None) -> bool:
    """ "2024" with no scale and no currency around it is a year; "2000 рублей", "$2,025" are amounts."""
    return scale is None and prefix is None and suffix is None and re.fullmatch(r"(19|20)\d\d", number) is not None


def _scale(lex: _MoneyLexicon, word: str | None) -> float:
    if not word:
        return 1.0
    found = lex.memo.get(("scale", word))
    if found is None:
        found = lex.memo[("scale", word)] = _scale_of(lex, word)  # type: ignore[assignment]
    return found  # type: ignore[return-value]


def _scale_of(lex: _MoneyLexicon, word: str) -> float:
    key = normalise_term(word).casefold().rstrip(".")
    if key in lex.scales:
        return lex.scales[key]
    return next((v for k, v in lex.scales.items() if key.startswith(k)), 1.0)


def _value(lex: _MoneyLexicon, m: re.Match[str], language: str) -> float | None:
    if m.group("dual"):
        key = normalise_term(m.group("dual")).casefold()
        value = lex.number_words.get(key)
        if value and m.group("dhalf"):  # «مليونين ونصف المليون»: two and a half million; «مليار ونصف المليار»
            if key in lex.dual_or_one:  # «مليارا ونصف المليار»: the accusative one before "و", and a half
                return value / 2 * 1.5
            one = value if key in lex.scales else value / 2
            return value + one / 2
        return value
    if m.group("wnum"):
        number = _spelled_value(lex, m.group("wnum"))
        return None if number is None else number * _scale(lex, m.group("wscale")) + _half(lex, m)
    number, scale_word = m.group("num"), m.group("scale")
    if _is_bare_year(number, scale_word, m.group("pre"), m.group("suf")):
        return None
    try:
        # (rounded: "4.1 billion" is 4,100,000,000, not the 4,099,999,999.9999995 a binary float makes of it)
        return round(parse_number(m.group("num2") or number, language) * _scale(lex, scale_word) + _half(lex, m), 4)
    except ValueError:
        return None
