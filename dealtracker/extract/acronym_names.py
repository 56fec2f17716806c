"""Names an acronym in brackets follows: «Чешский экспортный банк (ČEB)», "Nordic Export Fund (NEF)",
«المؤسسة الدولية الإسلامية لتمويل التجارة (ITFC)» — a name no gazetteer holds, found by the acronym that shortens
it. (Split from partner_names.py.)"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import ARABIC_LETTER
from .name_patterns import pattern_words



# "(ITFC)", "(ČEB)", «(ЕАБР)»: an acronym in brackets after the name it shortens
_BRACKETED_ACRONYM = re.compile(r"\((?:[A-ZÀ-ÞČŠŽĞİŞ]|[А-ЯЁ]){2,8}\)")
_PHRASE_WORD = re.compile(r"[^\W\d_][\w'’-]*")
_PHRASE_STOP = re.compile(r"[.,;:!?()\"«»\n]")
MAX_ACRONYM_NAME_WORDS = 6


@lru_cache(maxsize=1)
def _org_nouns() -> tuple[str, ...]:
    return tuple(w.casefold() for w in pattern_words("org_noun"))


# Small words inside a Latin name of capitalised words ("Bank for International Settlements")
_NAME_CONNECTORS = frozenset(("of", "for", "and", "de", "du", "des"))


def acronym_names(text: str) -> list[tuple[int, int, int, int]]:
    """(start, end, and the acronym's start, end) of the names an acronym in brackets follows: «Чешский экспортный банк (ČEB)», "Nordic Export
    Fund (NEF)", «المؤسسة الدولية الإسلامية لتمويل التجارة (ITFC)». The name is the words before the bracket,
    from the nearest capitalised word (and the capitalised words right before it), or in Arabic from the
    nearest organisation noun; it must hold an organisation noun (bank, fund, agency … in three languages).
    Country words inside it are the caller's to read as its home."""
    if "(" not in text:
        return []
    nouns = _org_nouns()
    found = []
    for m in _BRACKETED_ACRONYM.finditer(text):
        window_start = max(0, m.start() - 120)
        stops = list(_PHRASE_STOP.finditer(text, window_start, m.start()))
        window_start = stops[-1].end() if stops else window_start
        words = list(_PHRASE_WORD.finditer(text, window_start, m.start()))[-MAX_ACRONYM_NAME_WORDS:]
        if len(words) < 2:
            continue
        arabic = ARABIC_LETTER.match(words[-1].group()) is not None
        first = None
        for k in range(len(words) - 1, -1, -1):
            word = words[k].group()
            if (word.casefold().startswith(nouns) if arabic else word[:1].isupper()):
                if not arabic and first is not None and word.endswith(("'s", "’s")):
                    break  # "Switzerland's State Secretariat …": the owner is the name's home, not part of it
                first = k
                if arabic:
                    break
            elif not arabic and first is not None and word in _NAME_CONNECTORS and k > 0 and words[k - 1].group()[:1].isupper():
                continue  # "State Secretariat for Economic Affairs (SECO)"
            elif first is not None and not arabic:
                break
        if first is None or first == len(words) - 1 and not arabic:
            continue
        phrase = words[first:]
        if phrase[0].group() in ("The", "A", "An") and len(phrase) > 2:  # "The Nordic Export Fund (NEF)"
            phrase = phrase[1:]
        if not (any(w.group().casefold().startswith(nouns) for w in phrase) or _spells(text[m.start() + 1:m.end() - 1], phrase)):
            continue
        found.append((phrase[0].start(), phrase[-1].end(), m.start() + 1, m.end() - 1))
    return found


def _spells(acronym: str, phrase: list[re.Match[str]]) -> bool:
    """The acronym is the initials of the name's words ("Emirates Global Aluminium (EGA)"): a name, even without
    an organisation noun, and one that a country word opening it does not make a state."""
    initials = "".join(w.group()[0] for w in phrase if w.group()[:1].isupper())
    if len(initials) >= 2 and initials.casefold() == acronym.casefold():
        return True
    # a stock ticker that is the name's first word in capitals: "Gulf Development (GULF)", "Halyk Bank (HALYK)"
    return len(acronym) >= 3 and phrase[0].group().upper() == acronym and len(phrase) >= 2
