"""Arabic names no gazetteer holds: after a company word («شركة فيلترانا»), and the subject a signing verb puts
first («كما وقّعت أفيليس مذكرة تفاهم مع …»). (Split from partner_names.py, which places them.)"""

from __future__ import annotations

import re
from functools import lru_cache

from ..data_files import read_csv
from ..text import normalise_term
from .lexicon import ARABIC_LETTER
from .name_patterns import alternation, pattern_words

_ARABIC_WORD = re.compile(r"[\u0621-\u064a\u0640\u064b-\u0652]+")
# A word that cannot be a name's: one with the article "ال" (a common noun or a nationality) or a preposition
# joined to it (لتوريد، بقيمة، برأسمال); after a name's first word also the joined "ف" (a first word may begin
# so: فيلترانا). Names that begin with ب or ل (بوينغ) are the gazetteer's.
_NOT_A_NAME_START = ("\u0627\u0644", "\u0644", "\u0628", "\u0641")
MAX_ARABIC_NAME_WORDS = 3


@lru_cache(maxsize=1)
def _arabic_words() -> tuple[re.Pattern[str], frozenset[str], tuple[str, ...]]:
    company = alternation("arabic_company_word") + "|" + alternation("arabic_bank_word")
    # the company word, then a space and no quote; that it is a word of its own (or after the joined "و":
    # "وشركة") is checked on the character before (a leading look-behind would be tried at every position)
    introduced = re.compile(rf"(?:{company})[ \t]+(?=[\u0621-\u064a])")
    # the Arabic words of the deal cues (اتفاقية، عقد، قرض، مذكرة …) are common nouns and verbs, never a name's
    terms = [normalise_term(r["term"]) for r in read_csv("deal_cues.csv") if r["language"] == "ar"]
    cue_words = {w for t in terms for w in t.rstrip("*").split()}
    stems = tuple(t.rstrip("*").split()[-1] for t in terms if t.endswith("*") and t.rstrip("*").split())
    return introduced, frozenset({*pattern_words("arabic_not_name"), *cue_words}), stems


def arabic_names(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names a company word introduces («شركة فيلترانا», «وشركة دورفالين»)."""
    introduced, not_name, cue_stems = _arabic_words()
    found = []
    for m in introduced.finditer(text):
        before = text[max(0, m.start() - 2):m.start()]
        if before[-1:] == "\u0648":  # the joined "و"
            before = before[:-1]
        if before[-1:] and ARABIC_LETTER.match(before[-1]):
            continue
        end = _arabic_name_end(text, m.end(), not_name, cue_stems)
        if end is not None:
            # «بنك حمكور»: a bank word is part of the bank's name (and says it is a bank); «شركة» is not
            found.append((m.start() if text.startswith(_bank_words(), m.start()) else m.end(), end))
    return found


@lru_cache(maxsize=1)
def _bank_words() -> tuple[str, ...]:
    return tuple(pattern_words("arabic_bank_word"))


def _arabic_name_end(text: str, start: int, not_name: frozenset[str], cue_stems: tuple[str, ...]) -> int | None:
    """Where the name that starts at ``start`` ends: at most three words, none a common noun (with «ال»), a
    preposition-joined word, a cue word or a listed non-name; None when its first word is none of a name's."""
    end = None
    for k, word in enumerate(_ARABIC_WORD.finditer(text, start)):
        gap = text[(end if end is not None else start):word.start()]
        if k >= MAX_ARABIC_NAME_WORDS or (k and gap not in (" ", "\t")) or word.group() in not_name \
                or word.group().startswith(cue_stems) \
                or word.group().startswith(_NOT_A_NAME_START[:3] if k == 0 else _NOT_A_NAME_START) \
                or (k == 0 and word.start() != start):
            break
        end = word.end()
    return end


@lru_cache(maxsize=1)
def _signing_subject() -> tuple[re.Pattern[str], re.Pattern[str]]:
    """Arabic puts the verb first: «كما وقّعت أفيليس مذكرة تفاهم مع …» — the words between a signing verb and
    the thing signed are its subject (``arabic_signing_verb``, ``arabic_signed_thing`` in
    data/lang/ar/organisation_patterns.csv)."""
    verb = re.compile(rf"(?<![\u0621-\u064a])(?:{alternation('arabic_signing_verb')})[ \t]+")
    thing = re.compile(rf"[ \t]+(?:{alternation('arabic_signed_thing')})")
    return verb, thing


def arabic_signing_subjects(text: str) -> list[tuple[int, int]]:
    """(start, end) of the names a signing verb puts first, before the thing signed."""
    _, not_name, cue_stems = _arabic_words()
    verb, thing = _signing_subject()
    found = []
    for m in verb.finditer(text):
        end = _arabic_name_end(text, m.end(), not_name, cue_stems)
        if end is not None and thing.match(text, end) is not None:
            found.append((m.end(), end))
    return found
