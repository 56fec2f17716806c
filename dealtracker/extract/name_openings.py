"""Where a name opens without a company word before it: an acronym listed with a known organisation ("the EBRD and
PROPARCO"), a quoted name after a Russian adjective («Елабужская "Эссен Продакшн АГ"»), the capitalised subject of
a money verb ("where Narayana Health will invest $120 million"). (Split from organisations.py, which finds the
names.)"""

from __future__ import annotations

import re
from collections.abc import Iterator
from itertools import chain

from ..gazetteer import Entity
from ..terms import TermMatch
from .name_patterns import pattern_word_set

# "the EBRD and PROPARCO", "ADB, AIIB and FMO", «АО "Узбекистон аэропортлари" и SITA»: an acronym listed with a known
# organisation (its closing quote between) is one too
_LISTED_ACRONYM = re.compile(r"[\"»]?(?:,|\s+(?:and|&|и|\u0648))\s*(?:the\s+)?([A-Z][A-Za-z]?[A-Z]{1,10})(?![\w-])")


def listed_acronyms(text: str, known: list[TermMatch[Entity]]) -> list[tuple[int, int]]:
    """(start, end) of capitalised acronyms that follow a known organisation in a list ("the EBRD and
    PROPARCO will each provide …"): co-financiers are listed so, and many are too small for a gazetteer."""
    found = []
    for org in known:
        if org.payload.kind in ("country", "place"):
            continue
        m = _LISTED_ACRONYM.match(text, org.end)
        if m is not None and len(m.group(1)) >= 3:
            found.append(m.span(1))
    return found



# «Елабужская "Эссен Продакшн АГ" подписала …», «казанская "ICL Services"»: a Russian adjective (most often a
# city's, «-ская») right before a quoted name makes it a company, as a company word would
_QUOTE = re.compile(r'"(?P<name>[^"\n]{2,60}?)"')
_ADJECTIVE_BEFORE = re.compile(r"(?<![\w-])[А-ЯЁа-яё][а-яё]{2,}ск(?:ая|ий|ое|ие|ой|ого|ому|им|ую)\s+$")


def quotes_after_adjectives(text: str) -> Iterator[re.Match[str]]:
    """The quoted names (group ``name``) a Russian adjective stands right before."""
    if '"' not in text:
        return
    for m in _QUOTE.finditer(text):
        if _ADJECTIVE_BEFORE.search(text, max(0, m.start() - 32), m.start()):
            yield m


# "where Narayana Health will invest $120 million", "for which Narayana has committed $35 million": one to three
# capitalised words right before a money verb are the side that spends — a company, unless a known name, a
# pronoun or a function word (``not_subject`` in data/lang/en/organisation_patterns.csv) stands there
# (the verb is looked for first, and the words before it only where it stands: a pattern opening on a capital
# letter would be tried at every capital of the text)
_MONEY_VERB = re.compile(
    r"(?:invest(?:s|ed)?|committed|commits|lends?|lent|put[ \t]+in)[ \t]+(?:up[ \t]+to[ \t]+|about[ \t]+|around[ \t]+)?"
    r"(?:[$€£¥₹]|US\$|USD|EUR|\d)")
# "In April Oikocredit gave us a five-year loan of …", "Proparco granted the bank a $20m credit line", «Oikocredit
# предоставил нам кредит»: a lender's verb, its borrower, then the loan — the capitalised words before the verb are
# the lender
_LOAN_VERB = re.compile(
    r"(?:gave|gives|granted|grants|extended|extends|provided|provides|disbursed)[ \t]+(?:us|them|it|the[ \t]+\w+)[ \t]+"
    r"(?:an?[ \t]+|its[ \t]+)?(?:[\w-]+[ \t]+){0,3}(?:loan|credit[ \t]+line|facility|grant)\b"
    r"|(?:предоставил|выдал|открыл)[аио]?[ \t]+(?:нам|им|банку|компании)[ \t]+(?:[\w-]+[ \t]+){0,3}"
    r"(?:кредит|за[её]м|займ|кредитную[ \t]+линию)")
_SUBJECT_BEFORE = re.compile(
    r"(?<![\w.'’-])(?P<name>[A-Z][\w&'’-]*(?:[ \t]+[A-Z][\w&'’-]*){0,2})[ \t]+"
    r"(?:will[ \t]+|has[ \t]+|have[ \t]+|plans[ \t]+to[ \t]+|is[ \t]+to[ \t]+)?$")


def money_verb_subjects(text: str) -> Iterator[tuple[int, int]]:
    """(start, end) of the capitalised subject of a money verb, its leading function words dropped."""
    for verb in chain(_MONEY_VERB.finditer(text), _LOAN_VERB.finditer(text)):
        m = _SUBJECT_BEFORE.search(text, max(0, verb.start() - 80), verb.start())
        if m is None:
            continue
        words = [w for w in re.finditer(r"\S+", m.group("name"))]
        while words and words[0].group() in pattern_word_set("not_subject"):
            words.pop(0)
        if words and not (len(words) == 1 and words[0].group().isupper()):  # (an acronym: "the Czech bank CEB")
            yield m.start("name") + words[0].start(), m.end("name")
