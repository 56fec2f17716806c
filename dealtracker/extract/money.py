"""Money amounts in Arabic, Russian and English news: "$4.2bn", "4,2 млрд долларов", "8 مليارات دولار".

An amount counts only when a currency is stated (symbol, ISO code or word), so counts of aircraft,
jobs, years and capacities never become values. Scale words, currencies and qualifiers come from
``data/money_terms.csv`` and ``data/qualifiers.csv``.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from itertools import compress, filterfalse

from ..data_files import read_csv
from ..fx import local_currency, to_usd
from ..plausibility import IMPLAUSIBLE_ABOVE_USD
from ..terms import word_tokens
from ..text import NormalisedText, normalise_term

# Thousands may be grouped by a space (also a thin or no-break one), a comma, a dot or an apostrophe ("CHF
# 1'049.95"); a number is read whole or not at all. Never followed by an exponent or a power ("1e308",
# "10^400", "5×10⁹"): those are no amounts.
_NUMBER = (
    r"(?:\d{1,3}(?:(?:[ ,.'’\u2009\u202f\u00a0]\d{3})+(?!\d))(?:[.,]\d+)?|\d+(?:[.,]\d+)?)"
    r"(?![.,]?\d*[eE][+-]?\d|\s?[\^×*]|\s?[xх]\s?10)"
)


@dataclass(frozen=True)
class MoneyMention:
    """An amount found in normalised text; ``start``/``end`` cover qualifier to currency.

    ``usd_stated`` holds the text's own dollar equivalent ("985.13 million riyals, or $262.7 million").
    """

    start: int
    end: int
    amount: float
    currency: str
    qualifier: str | None
    number_start: int
    usd_stated: float | None = None
    restated: tuple[float, str] | None = None  # the text's own equivalent in another currency than the dollar


def _terms(terms: list[str], word_end: bool) -> list[tuple[str, str]]:
    """(first character, regex for the rest) of each term, longest term first."""
    parts = []
    for raw in sorted({normalise_term(t) for t in terms}, key=len, reverse=True):
        stem = raw.endswith("*")
        words = raw.rstrip("*").split()
        if not words:
            continue
        rest = re.escape(words[0][1:]) + "".join(r"\s+" + re.escape(w) for w in words[1:])
        tail = r"\w*" if stem else (r"(?!\w)" if word_end and raw[-1:].isalnum() else "")
        parts.append((words[0][0], rest + tail))
    return parts


def _case_key(ch: str) -> str:
    """Letters that one case-insensitive letter of a pattern can match share a key (s, S and ſ; i, I, ı and İ)."""
    return ch.upper().casefold()[:1]


# Every character of the Latin, Greek, Cyrillic and Arabic blocks: where a case-insensitive letter's other
# forms are looked up (by the regex engine itself, so exactly as it would match them).
_BLOCK_RANGES = ((0x0, 0x4FF), (0x600, 0x6FF))
_BLOCKS = "".join(chr(code) for low, high in _BLOCK_RANGES for code in range(low, high + 1))


def _ranges_without(excluded: set[str]) -> str:
    """Every character of the blocks above but ``excluded``, as a regex class body: each run of consecutive
    code points as one range. Built from the few excluded code points, not by walking 1,500 characters."""
    out = []
    for low, high in _BLOCK_RANGES:
        for hole in sorted(code for code in map(ord, excluded) if low <= code <= high) + [high + 1]:
            if hole > low:
                out.append(re.escape(chr(low)) + ("-" + re.escape(chr(hole - 1)) if hole - 1 > low else ""))
            low = hole + 1
    return "".join(out)


@lru_cache(maxsize=None)  # a few dozen letters, each asked for by many terms: 0.1 s of every start
def _first(ch: str) -> str:
    """``ch`` as the first letter of an alternative, written so that the regex engine can skip it fast.

    The engine skips an alternative of ``a|b|c`` without entering it only when it begins with a
    case-sensitive character or set. So a cased letter becomes a case-sensitive set of every character that
    could match it case-insensitively — every character but those of the blocks above that the engine itself
    does not match to it — followed by a case-insensitive look-back at that same letter: exactly what the
    letter alone matched, but skippable.
    """
    if ch.lower() == ch.upper():
        return re.escape(ch)
    forms = set(re.findall("(?i)" + re.escape(ch), _BLOCKS))
    return "(?-i:[^" + _ranges_without(forms) + "])(?<=" + re.escape(ch) + ")"


def _alternation(terms: list[str], word_end: bool = True, fast_skip: bool = False) -> str:
    r"""All terms as one case-insensitive alternation, longest first, factored on the first letter.

    Factored for speed, with the same meaning: Python's regex engine tries the alternatives of ``a|b|c`` one
    by one at every position, and a case-insensitive literal gives it no quick way to skip one, so 250 money
    words cost 250 attempts at every word of the text. Grouped by first letter (``m(?:ore\s+than|ln)|…``), a
    position costs one attempt per first letter (and with ``fast_skip``, see ``_first``, hardly any).
    Terms whose first letters differ can never match at the same place, so putting them in separate groups
    changes no match; within a group the longest-first order is kept.
    """
    first_of = _first if fast_skip else re.escape
    groups: dict[str, list[tuple[str, str]]] = {}
    for first, rest in _terms(terms, word_end):
        groups.setdefault(_case_key(first), []).append((first, rest))
    out = []
    for members in groups.values():
        firsts = {first for first, _ in members}
        if len(firsts) == 1:
            rests = [rest for _, rest in members]
            body = rests[0] if len(rests) == 1 else "(?:" + "|".join(rests) + ")"
            out.append(first_of(members[0][0]) + body)
        else:  # the same letter written in two cases: keep each term whole
            out.append("(?:" + "|".join(first_of(first) + rest for first, rest in members) + ")")
    return "|".join(out)


def _first_letters(terms: list[str]) -> str:
    """A regex class of the letters the terms can start with."""
    return "[" + "".join(re.escape(first) for first in sorted({f for f, _ in _terms(terms, False)})) + "]"


def _word_test(exact: list[str], prefixes: list[str], suffixes: list[str] = ()) -> re.Pattern[str]:
    """One case-insensitive test of a whole word: equal to a word of ``exact``, beginning with one of
    ``prefixes`` or ending with one of ``suffixes`` (the regex engine's own case rules, as in the money regex)."""
    def alternation(words) -> str:
        return "|".join(re.escape(w) for w in sorted(set(words), key=len, reverse=True)) or "(?!)"
    return re.compile(
        r"(?:" + alternation(exact) + r")\Z|(?:" + alternation(prefixes) + r")|\w*(?:" + alternation(suffixes) + r")\Z",
        re.IGNORECASE,
    )


def _runs(terms: list[str]) -> list[tuple[list[str], bool]]:
    """Each normalised term's word runs (``\\w+``) and whether it is a stem."""
    out = []
    for raw in {normalise_term(t) for t in terms}:
        out.append((re.findall(r"\w+", raw.rstrip("*")), raw.endswith("*")))
    return out


@dataclass(frozen=True)
class _Anchoring:
    """What it takes to look for amounts only near the words that every amount must contain.

    Every amount holds an *anchor*: the first digit of its number, the scale word after a number word ("two
    billion"), or a dual ("ملياري"). Before the anchor stand at most a qualifier, a currency prefix and number
    words, and each whole word (``\\w+`` run) of those is a word of those lexicons: ``transparent``. So
    the leftmost amount at or after a position starts after the last non-transparent word before the next
    anchor, and the money regex is searched from there instead of at every position of the text in between.
    """

    anchor_word: re.Pattern[str]  # a word where a scale word (after a number word) or a dual can begin
    transparent: re.Pattern[str]  # a word that can be part of what stands before an anchor
    memo: dict[str, bool] = field(default_factory=dict, compare=False)  # word → transparent
    # [(words seen, the anchor words among them)]: replaced, never cleared in place, and filled set-first,
    # so that a thread sharing it never takes an anchor word it has seen for an ordinary one
    anchors: list[tuple[set[str], set[str]]] = field(default_factory=lambda: [(set(), set())], compare=False)

    @staticmethod
    def of(qualifiers: list[str], prefixes: list[str], numbers: list[str], scales: list[str], duals: list[str]):
        """None when the lexicons break the assumptions (a digit in a word, a scale word not starting with a
        letter): then the plain search is used."""
        every = qualifiers + prefixes + numbers + scales + duals
        if any(re.search(r"\d", normalise_term(t)) for t in every):
            return None
        if any(not re.match(r"\w", normalise_term(t)) for t in scales + duals):
            return None
        first_exact, first_stem = [], []
        for runs, stem in _runs(scales + duals):
            (first_stem if stem and len(runs) == 1 else first_exact).append(runs[0])
        exact, stems, ends = [], [], []
        for terms, open_end in ((qualifiers, False), (numbers, False), (prefixes, True)):
            for runs, stem in _runs(terms):
                if not runs:
                    continue  # "$", "€": not words, they stand between words
                exact.extend(runs[:-1])
                # the last word of a stem, or of a currency prefix (which may run on into a word): any word
                # that begins with it
                (stems if stem or open_end else exact).append(runs[-1])
                if open_end:
                    ends.append(runs[0])  # a prefix may begin inside a word ("XUSD 5"): its first run ends it
        return _Anchoring(_word_test(first_exact, first_stem), _word_test(exact, stems, ends))

    def is_transparent(self, word: str) -> bool:
        found = self.memo.get(word)
        if found is None:
            if len(self.memo) > 100_000:
                self.memo.clear()
            found = self.memo[word] = self.transparent.match(word) is not None
        return found


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


# Arabic joins "and" (و) and "with" (ب) to the next word: «ومائتي مليون», «بمليارين».
_PROCLITIC_LETTERS = "\u0648\u0628"
_JOINED = r"(?:[" + _PROCLITIC_LETTERS + r"](?=\w))?"
_ARTICLE = "\u0627\u0644"  # ال: «نصف المليار»
# Between the words of one spelled number: "twenty-five", "two hundred and fifty", «сто пятьдесят», «خمسة وعشرين»
_WORD_JOINT = r"(?:\s+|-)(?:(?:and|и)\s+|\u0648\s?)?"


def _with_proclitics(terms: list[str]) -> list[str]:
    """The terms, and each Arabic one also with a joined proclitic: what a word of the text may read."""
    joined = [p + t for t in terms if "\u0600" <= t[:1] <= "\u06ff" for p in _PROCLITIC_LETTERS]
    return terms + joined


def _spelled_number(word_rows: list[dict[str, str]]) -> str:
    """A number in words, read whole: hundreds, tens and units in that order ("two hundred and fifty",
    «сто пятьдесят», "twenty-five"; in Arabic also units before tens, «خمسة وعشرين»), or any one number word
    ("one and a half", «полтора»), then maybe a half ("two and a half", «два с половиной»). Only these orders
    are one number: "a two billion" is "a" and then an amount, never a sum of the two."""
    def of(test) -> str:
        terms = [r["term"] for r in word_rows if r["kind"] == "number" and test(float(r["value"]))]
        return "(?:" + _alternation(terms, fast_skip=True) + ")"
    hundreds = of(lambda v: 100 <= v < 1000 and v % 100 == 0)
    tens = of(lambda v: 20 <= v < 100 and v % 10 == 0)
    units = of(lambda v: 1 <= v < 10 and v == int(v))
    single = "(?:" + _alternation([r["term"] for r in word_rows if r["kind"] == "number"], fast_skip=True) + ")"
    fraction = _alternation([r["term"] for r in word_rows if r["kind"] == "fraction"])
    j = _WORD_JOINT
    return (
        rf"(?:{hundreds}(?:{j}{tens})?(?:{j}{units})?|{tens}(?:{j}{units})?|{units}\s+\u0648\s?{tens}|{single})"
        rf"(?:\s+(?:{fraction}))?"
    )


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


@lru_cache(maxsize=1)
def _lexicon() -> _MoneyLexicon:
    rows = read_csv("money_terms.csv")
    scale_rows = [r for r in rows if r["kind"] == "scale"]
    prefix_rows = [r for r in rows if r["kind"] in ("symbol", "code")]
    suffix_rows = [r for r in rows if r["kind"] in ("word", "code")]
    qualifier_rows = read_csv("qualifiers.csv")
    word_rows = read_csv("number_words.csv")
    scales = _alternation([r["term"] for r in scale_rows], fast_skip=True)
    qualifier_terms = [r["term"] for r in qualifier_rows]
    prefix_terms = [r["term"] for r in prefix_rows]
    word_terms = [r["term"] for r in word_rows]
    # Where an amount can begin: a qualifier or a number word at a word start, a currency prefix, a digit or
    # a bracket. Checked first, this one cheap test rejects most positions of a text before the full pattern
    # is tried there; it lets through every position where the pattern could match, so matches are unchanged.
    can_start = (
        r"(?=(?<!\w)" + _first_letters(qualifier_terms + word_terms + list(_PROCLITIC_LETTERS)) + "|"
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
        r"(?:\s?(?:-|to|до|و)\s?(?P<num2>" + _NUMBER + r"))?"
        r"(?:(?:\s?|-)(?P<scale>" + scales + r")\.?" + half("half") + r")?"  # "$50-billion order"
        r"|(?<!\w)" + _JOINED + r"(?P<wnum>" + _spelled_number(word_rows) + r")"
        r"\s+(?P<wscale>" + scales + r")\.?" + half("whalf")
        + r"|(?<!\w)" + _JOINED + r"(?P<dual>" + _alternation([r["term"] for r in word_rows if r["kind"] in _DUAL_KINDS], fast_skip=True) + r")"
        + half("dhalf") + r")"
        r"(?:(?:\s?|-)(?P<suf>" + _alternation([r["term"] for r in suffix_rows], fast_skip=True)
        + r"|(?<=[^\W\d_]\s)\$|(?<=[^\W\d_]\.\s)\$))?"  # «5 млн $»: the sign after a scale word
    )
    def compiled(row_list: list[dict[str, str]], key: str) -> list[tuple[re.Pattern[str], str]]:
        ordered = sorted(row_list, key=lambda r: len(r["term"]), reverse=True)
        return [
            (re.compile(_alternation([r["term"]], word_end=False) + r"$", re.IGNORECASE), r[key])
            for r in ordered
        ]
    return _MoneyLexicon(
        regex=re.compile(pattern, re.IGNORECASE),
        scales={normalise_term(r["term"]).rstrip("*").casefold(): float(r["value"]) for r in scale_rows},
        number_words={normalise_term(r["term"]).casefold(): float(r["value"]) for r in word_rows},
        currencies=compiled(prefix_rows + suffix_rows, "value"),
        qualifiers=compiled(qualifier_rows, "qualifier"),
        dual_or_one=frozenset(normalise_term(r["term"]).casefold() for r in word_rows if r["kind"] == "dual_or_one"),
        spelled_parts=re.compile(
            r"(?<![^\W" + _PROCLITIC_LETTERS + r"])(?:"
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


def parse_number(text: str, language: str = "en") -> float:
    """Parse "1,200", "4,2", "1 200", "1.200.000", "4.2" the way the article's language writes them."""
    s = re.sub(r"[ '’\u2009\u202f\u00a0]", "", text)
    if "," in s and "." in s:
        decimal = "," if s.rfind(",") > s.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        return float(s.replace(thousands, "").replace(decimal, "."))
    for sep in (",", "."):
        if sep in s:
            groups = s.split(sep)
            grouped = all(len(g) == 3 for g in groups[1:])
            # "1,200" is a thousand and two hundred in English but 1.2 in Russian; "1.200.000" is grouped anywhere
            thousands = grouped and (len(groups) > 2 or (sep == "," and language != "ru"))
            if thousands:
                return float(s.replace(sep, ""))
            if len(groups) == 2:
                return float(groups[0] + "." + groups[1])
            return float(s.replace(sep, ""))
    return float(s)


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
        return parse_number(m.group("num2") or number, language) * _scale(lex, scale_word) + _half(lex, m)
    except ValueError:
        return None


def find_money(text: str, language: str = "en", start: int = 0, end: int | None = None) -> list[MoneyMention]:
    """Every amount with a currency in ``text[start:end]`` (normalised text), equivalents folded in."""
    lex = _lexicon()
    found: list[MoneyMention] = []
    if lex.anchoring is not None and start == 0 and (end is None or end == len(text)):
        matches: Iterator[re.Match[str]] = _anchored_finditer(lex.regex, lex.anchoring, text)
    else:
        matches = lex.regex.finditer(text, start, len(text) if end is None else end)
    head: _Head | None = None  # "99 млн" of «99 млн 910 тыс. долларов»: no currency yet
    for m in matches:
        prefix, suffix = m.group("pre"), m.group("suf")
        if not (prefix or suffix):
            # «1 млрд 250 млн 300 тыс. рублей»: a part without a currency continues the head or opens one
            part = _compound_head(lex, m, language)
            head = head.joined(part) if head is not None and part is not None and _continues(text, head, m, lex, part.value) else part
            continue
        if prefix and prefix[:1].isalpha() and m.start("pre") > 0 and text[m.start("pre") - 1].isalpha():
            if not suffix:
                head = None
                continue  # "covers 2024": the letters "rs" of a word are no rupee sign
            prefix = None
        if _is_rate_pair(text, m) or _is_exchange_rate(text, m):
            head = None
            continue  # "USD/KZT 470.5", "1 евро = 12,09 сомони", "519,8 тенге за доллар": a rate, no amount
        currency = _lookup_memo(lex, "currencies", prefix) or _lookup_memo(lex, "currencies", suffix)
        if prefix and prefix.strip() == "$" and suffix:
            # "$1,190 AUD": the bare sign is any dollar; the code after the number says which
            currency = _lookup_memo(lex, "currencies", suffix) or currency
        amount = _value(lex, m, language)
        if currency is None or not amount:
            head = None
            continue
        qualifier = _lookup_memo(lex, "qualifiers", m.group("qual"))
        if m.group("num2") and qualifier is None:
            qualifier = "up to"
        number_start = next(m.start(g) for g in ("num", "wnum", "dual") if m.group(g))
        start = m.start()
        if head is not None and _continues(text, head, m, lex, amount):
            amount += head.value
            start, number_start = head.start, head.number_start
            qualifier = qualifier or _lookup_memo(lex, "qualifiers", head.qualifier)
        head = None
        if not plausible(amount, currency):
            continue  # "$999,999,999,999,999 trillion", "900 trillion dollars": no deal is worth that
        found.append(MoneyMention(start, m.end(), amount, currency, qualifier, number_start))
    return _fold_ranges(text, _fold_equivalents(text, found))


def amounts_stated(text: str, language: str = "en") -> list[tuple[float, str]]:
    """Every (amount, currency) a careful reader finds in raw ``text``, in text order; an amount restated in
    another currency right after itself ("985 million riyals ($262.7 million)") gives both. What the amount
    case tests and the blind amount suite (bench/amounts_blind) score."""
    found: list[tuple[float, str]] = []
    for m in find_money(NormalisedText.of(text).text, language):
        found.append((m.amount, m.currency))
        if m.usd_stated is not None:
            found.append((m.usd_stated, "USD"))
        if m.restated is not None:
            found.append(m.restated)
    return found


# Between the parts of one compound amount: «1 млрд 200 млн», "مليار و200 مليون", "2 billion and 300 million"
_COMPOUND_GAP = re.compile(r"\s*(?:(?:and|и|\u0648)\s*)?", re.IGNORECASE)


@dataclass(frozen=True)
class _Head:
    """The parts read so far of a compound amount that has no currency yet («1 млрд 250 млн …»)."""

    start: int
    end: int
    number_start: int
    value: float
    scale: float  # the scale of its last part: the next part must be smaller
    qualifier: str | None

    def joined(self, part: _Head) -> _Head:
        return _Head(self.start, part.end, self.number_start, self.value + part.value, part.scale, self.qualifier)


def _compound_head(lex: _MoneyLexicon, m: re.Match[str], language: str) -> _Head | None:
    """A scaled number without a currency ("1 млрд", "مليار"), which a smaller scaled amount right after it
    may complete; anything else is no head."""
    if not (m.group("scale") or m.group("wscale") or m.group("dual")) or m.group("num2"):
        return None
    value = _value(lex, m, language)
    if not value:
        return None
    scale = _scale(lex, m.group("scale") or m.group("wscale")) if not m.group("dual") else value / 2
    dual = normalise_term(m.group("dual")).casefold() if m.group("dual") else ""
    if dual in lex.dual_or_one:
        value = scale  # «مليارا و200 مليون دولار»: a billion and 200 million (the dual «مليارا دولار» is two)
    elif dual in lex.scales:
        scale = value  # «مليار و800 مليون يوان»: the bare scale word is one of it, and 800 million is less
    number_start = next(m.start(g) for g in ("num", "wnum", "dual") if m.group(g))
    return _Head(m.start(), m.end(), number_start, value, scale, m.group("qual"))


def _continues(text: str, head: _Head, m: re.Match[str], lex: _MoneyLexicon, amount: float) -> bool:
    """Whether ``m`` is the next part of the compound amount that ``head`` opened: it follows right after,
    with at most "and" between, carries a scale word, and is smaller than the head's last scale."""
    if m.group("qual") or m.group("pre") or not (m.group("scale") or m.group("wscale")):
        return False
    if _COMPOUND_GAP.fullmatch(text, head.end, m.start()) is None:
        return False
    return amount < head.scale


# "USD/KZT 470.5", "EUR/USD 1.0850": a currency pair's rate in a ticker
_PAIR = re.compile(r"[A-Z]{3}\s?/\s?$")
# "519,62 тенге/$1", "3.67 AED/USD": a slash, then a currency sign or code, after an amount
_PER_CURRENCY_AFTER = re.compile(r"/\s?(?:[$€£¥₽₸]|[A-Z]{3}(?![A-Za-z]))")


def _is_rate_pair(text: str, m: re.Match[str]) -> bool:
    """A rate written as a pair: "USD/KZT 470.5", "519,62 тенге/$1" (both of its numbers)."""
    if _PER_CURRENCY_AFTER.match(text, m.end()) is not None:
        return True
    if not m.group("pre"):
        return False
    at = m.start("pre")
    return (
        _PAIR.search(text, max(0, at - 5), at) is not None
        or text[m.end("pre"):m.end("pre") + 1] == "/"
        or text[at - 1:at] == "/"
    )


@lru_cache(maxsize=1)
def _shared_words() -> list[tuple[re.Pattern[str], str]]:
    """Currency words two states share in one language (Arabic «سوم»: the Uzbek soum and the Kyrgyz som), with
    the other currency the word may be (``shared_word`` in money_terms)."""
    rows = [r for r in read_csv("money_terms.csv") if r["kind"] == "shared_word"]
    return [(re.compile(r"(?<!\w)" + re.escape(normalise_term(r["term"])) + r"(?!\w)"), r["value"]) for r in rows]


def currency_in_context(mention: str, currency: str, party_country: str | None) -> str:
    """The currency of an amount whose word two states share, told by the deal's Central Asian side: «2.6 مليار
    سوم» in a Kyrgyz deal is som, in an Uzbek one soum."""
    if not party_country:
        return currency
    local = local_currency(party_country)
    if local is None or local == currency:
        return currency
    for pattern, other in _shared_words():
        if other == local and pattern.search(mention):
            return other
    return currency


# "1 евро = 12,09 сомони": either side of an equals sign between two amounts
_EQUALS_AFTER = re.compile(r"(?:\s+\w{1,4}\.?)?\s*=\s*\d")
_EQUALS_BEFORE = re.compile(r"\d\D{0,25}=\s*$")


@lru_cache(maxsize=1)
def _per_unit() -> re.Pattern[str]:
    """ "519,8 тенге за доллар", "470 tenge per dollar", "3.67 دراهم مقابل الدولار" (``per_unit`` in money_terms)."""
    terms = [r["term"] for r in read_csv("money_terms.csv") if r["kind"] == "per_unit"]
    return re.compile(r"\s*(?:" + _alternation(terms) + r")", re.IGNORECASE)


def _is_exchange_rate(text: str, m: re.Match[str]) -> bool:
    """An exchange rate's number, not an amount: one side of "1 евро = 12,09 сомони", or a price of one unit of
    another currency ("519,8 тенге за доллар")."""
    end = m.end()
    if _EQUALS_AFTER.match(text, end) is not None or _per_unit().match(text, end) is not None:
        return True
    return _EQUALS_BEFORE.search(text, max(0, m.start() - 30), m.start()) is not None


def plausible(amount: float, currency: str) -> bool:
    """Whether an amount can be a deal's value (``dealtracker.plausibility``): at most $5 trillion at the latest
    rate (currencies without a
    rate: the same number of units as a bound, the weakest currencies being worth far less than a dollar)."""
    if amount <= IMPLAUSIBLE_ABOVE_USD / 1000:
        return True  # no currency's unit is worth $1,000: most amounts need no look-up
    usd = to_usd(amount, currency)[0]
    return (usd if usd is not None else amount / 1e5) <= IMPLAUSIBLE_ABOVE_USD


# "between $200 million and $300 million", "from €1bn to €1.5bn", «от $200 млн до $300 млн», "بين 3 و5 مليارات"
_RANGE_GAP = re.compile(r"\s*(?:to|and|-|–|—|до|и|إلى|الى|الي|و)\s*$", re.IGNORECASE)
_RANGE_TO = re.compile(r"\s*(?:to|-|–|—|до|إلى|الى|الي)\s*", re.IGNORECASE)
_RANGE_OPENER = re.compile(r"(?:between|from|of|от|بين|من)\s+$", re.IGNORECASE)


def _fold_ranges(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    """A range of two amounts in one currency is one amount: its upper bound, "up to". Only when the words
    around say range ("between … and", "from … to", «от … до», "بين … و", or "to" or a dash alone between bounds
    of one size): "$200 million and $300 million" after two names are two deals."""
    folded: list[MoneyMention] = []
    for mention in mentions:
        previous = folded[-1] if folded else None
        if (
            previous is not None
            and previous.currency == mention.currency
            and mention.amount > previous.amount
            and (
                _RANGE_GAP.match(text[previous.end:mention.start]) is not None
                # «от $200 млн до $300 млн»: the second amount's "up to" took the «до»
                or (mention.qualifier == "up to" and not text[previous.end:mention.start].strip())
            )
            and (
                _RANGE_OPENER.search(text[max(0, previous.start - 12):previous.start]) is not None
                # "could cost $1.2 billion to $1.5 billion", «$10–12 млрд»: "to" or a dash alone says range
                # (unlike "and", which also joins two deals), when the bounds are of one size
                or (_RANGE_TO.fullmatch(text[previous.end:mention.start]) is not None
                    and mention.amount <= 10 * previous.amount)
            )
        ):
            folded[-1] = MoneyMention(
                previous.start, mention.end, mention.amount, mention.currency, "up to", previous.number_start,
                mention.usd_stated,
            )
            continue
        folded.append(mention)
    return folded


_DIGITS = re.compile(r"\d\d*")  # not "\d+": a pattern that begins with a class is skipped to in C


def _anchored_finditer(regex: re.Pattern[str], anchoring: _Anchoring, text: str) -> Iterator[re.Match[str]]:
    """Exactly ``regex.finditer(text)``, with the regex searched only from shortly before each anchor.

    Why: the money regex costs about a hundred nanoseconds at every position of the text it is tried at —
    a third of the engine's time went into trying it at positions far from any number. See ``_Anchoring``
    for why no match can begin between ``pos`` and the start of the search (so the leftmost match found from
    there is the one ``finditer`` finds); when an anchor holds no amount, the search simply runs on to the
    next one, as ``finditer`` would.
    """
    tokens = word_tokens(text, 0, len(text))
    words, starts, ends = tokens.words, tokens.starts, tokens.ends
    if len(anchoring.anchors[0][0]) > 100_000:
        anchoring.anchors[0] = (set(), set())
    known, anchor_words = anchoring.anchors[0]
    for word in list(filterfalse(known.__contains__, tokens.unique)):
        if anchoring.anchor_word.match(word) is not None:
            anchor_words.add(word)
        known.add(word)
    anchors = [m.start() for m in _DIGITS.finditer(text)]
    anchors += compress(starts, map(anchor_words.__contains__, words))
    anchors.sort()
    is_transparent, transparent = anchoring.is_transparent, anchoring.memo.get
    search = regex.search
    pos, k, n = 0, 0, len(anchors)
    while True:
        k = bisect_left(anchors, pos, k)  # the first anchor at or after pos
        if k == n:
            return
        j = bisect_right(starts, anchors[k]) - 2  # the word before the anchor's word
        while j >= 0 and ends[j] > pos:
            word = words[j]
            known = transparent(word)
            if not (is_transparent(word) if known is None else known):
                break
            j -= 1
        m = search(text, max(pos, ends[j]) if j >= 0 else pos)
        if m is None:
            return
        yield m
        pos = m.end()


# "985.13 million riyals, or $262.7 million", "$600 million (over 550 million euros)", "… евро (около $55 млн)"
_EQUIVALENT_MARKERS = (
    r"or|i\.e\.|equivalent to|equal to|about|around|approximately|almost|nearly|roughly|over|some|или|"
    r"что эквивалентно|почти|примерно|"
    r"что составляет|около|порядка|более|свыше|\u0627\u064a|\u0645\u0627 \u064a\u0639\u0627\u062f\u0644|"
    r"\u0645\u0627 \u064a\u0648\u0627\u0632\u064a|\u062d\u0648\u0627\u0644\u064a|\u0646\u062d\u0648"
)
# A restatement is opened by a bracket or by a word such as "or", "или", "أي ما يعادل"; a bare comma is a list.
_EQUIVALENT_GAP = re.compile(
    r"\s*(?:\(\s*(?:(?:" + _EQUIVALENT_MARKERS + r")\s+)*"
    r"|[,;\u060c\u061b]?\s*(?:(?:" + _EQUIVALENT_MARKERS + r")\s+)+\(?\s*)",
    re.IGNORECASE,
)


def _gap(text: str, previous: MoneyMention, mention: MoneyMention) -> str:
    """What stands between two amounts, counting a bracket the second amount opened with."""
    opening = text[mention.start] if text[mention.start] == "(" else ""
    return text[previous.end:mention.start] + opening


def _fold_equivalents(text: str, mentions: list[MoneyMention]) -> list[MoneyMention]:
    """An amount restated in another currency right after itself is one amount, not two.

    When the restatement is in dollars, it is kept as the text's own USD value.
    """
    folded: list[MoneyMention] = []
    for mention in mentions:
        previous = folded[-1] if folded else None
        if (
            previous is not None
            and previous.currency != mention.currency
            and mention.start - previous.end <= 30
            and _EQUIVALENT_GAP.fullmatch(_gap(text, previous, mention)) is not None
        ):
            if mention.currency == "USD" and previous.usd_stated is None:
                folded[-1] = MoneyMention(
                    previous.start, mention.end, previous.amount, previous.currency, previous.qualifier,
                    previous.number_start, usd_stated=mention.amount,
                )
            elif mention.currency != "USD" and previous.restated is None:
                folded[-1] = MoneyMention(
                    previous.start, mention.end, previous.amount, previous.currency, previous.qualifier,
                    previous.number_start, previous.usd_stated, restated=(mention.amount, mention.currency),
                )
            continue
        folded.append(mention)
    return folded
