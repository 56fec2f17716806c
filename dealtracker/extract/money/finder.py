"""``find_money``: the amounts of a text, each read whole, with a stated currency, compounds joined.

What stays here is the decision over the regex's matches (a currency is required, rates and years are
none, «1 млрд 250 млн … рублей» is one amount); how the pattern is built (``lexicon.py``), what a match is
worth (``values.py``), rates (``rates.py``) and folding ranges and equivalents (``folding.py``) are apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ...text import NormalisedText, normalise_term
from .anchoring import _anchored_finditer
from .currency import plausible
from .folding import _fold_equivalents, _fold_ranges
from .lexicon import _lexicon, _lookup_memo, _MoneyLexicon, names_a_number
from .mention import MoneyMention
from .rates import _is_exchange_rate, _is_rate_pair
from .spelled_restatement import spelled_restatements
from .values import _scale, _value


def find_money(text: str, language: str = "en", start: int = 0, end: int | None = None) -> list[MoneyMention]:
    """Every amount with a currency in ``text[start:end]`` (normalised text), equivalents folded in."""
    lex = _lexicon()
    found: list[MoneyMention] = []
    if lex.anchoring is not None and start == 0 and (end is None or end == len(text)):
        matches: Iterator[re.Match[str]] = _anchored_finditer(lex.regex, lex.anchoring, text)
    else:
        matches = lex.regex.finditer(text, start, len(text) if end is None else end)
    head: _Head | None = None  # "99 млн" of «99 млн 910 тыс. долларов»: no currency yet
    window = (start, len(text) if end is None else end)  # (``start`` is reused below for each mention's start)
    for m in matches:
        prefix, suffix, scale, wscale, dual = m.group("pre", "suf", "scale", "wscale", "dual")
        if not (prefix or suffix or scale or wscale or dual):
            head = None  # a bare number ("in 2024"), most matches: no amount, and no head (see _compound_head)
            continue
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
        if dual and _in_a_unit_label(text, m.start("dual"), found[-1].end if found else -1):
            head = None
            continue  # «القيمة (مليون دولار)»: a table's unit, not "one million dollars"
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
    found = _with_spelled_restatements(text, found, language, *window)
    return _fold_ranges(text, _fold_equivalents(text, found))


def _with_spelled_restatements(text: str, found: list[MoneyMention], language: str, start: int,
                               end: int) -> list[MoneyMention]:
    """With the amounts whose number is restated in words before the currency (spelled_restatement.py)."""
    extra = spelled_restatements(text, start, end, lambda s: find_money(s, language), names_a_number)
    if not extra:
        return found
    kept = [f for f in found if not any(e.start <= f.start < e.end for e in extra)]
    return sorted(kept + extra, key=lambda f: f.start)


def _in_a_unit_label(text: str, start: int, last_amount_end: int) -> bool:
    """A scale word without a number that opens a bracket ("(مليون دولار)", or ")مليون … دولار(" as a PDF
    of right-to-left text turns the brackets) is the unit of a table's column, as "(US$ million)" is — unless
    an amount stands right before the bracket: «3.67 مليار درهم (مليار دولار)» restates it, one billion."""
    before = text[max(0, start - 3):start].rstrip(" \t")
    if not before.endswith(("(", ")", "[")):
        return False
    bracket = max(0, start - 3) + len(before) - 1
    return not (0 <= bracket - last_amount_end <= 2)


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
