"""The words around a money mention as hashed features, for the lexical veto (``lexical_veto.py``).

Why words, when the gradient-boosted veto already reads the rules' cue lists: on news the engine has never seen,
the false deals are told in phrasings no cue list foresaw ("the bank's book now stands at", «накопленный объём»,
«إجمالي المحفظة»). Retrained on 870 gold documents the cue-based veto moved no blind set; a bag of the mention's
own words, its sentence's and the sentence before's, with character n-grams of its own words (which see «портфел»
in «портфеля», «портфелем» and «المحفظ» in «لمحفظتها»), removed false deals on every held-out set it was not
trained on. The same function makes the features for training (``scripts/train_lexical_veto.py``) and for
extraction, so the two cannot drift apart.

Features are hashed (CRC-32, stable across processes and machines, unlike Python's ``hash``) into
``BUCKETS`` slots; each block (own words, sentence, previous sentence, own character n-grams) is scaled to unit
length and then weighted, so a long sentence does not outweigh the mention's own words.
"""

from __future__ import annotations

import math
import re
import zlib
from collections import Counter
from functools import lru_cache

BUCKETS = 1 << 18
# Weight of each block after it is scaled to unit length: the mention's own words count most.
BLOCK_WEIGHTS = {"own": 1.0, "sentence": 0.7, "previous": 0.4, "chars": 1.0}
_WORD = re.compile(r"\w+")
_DIGIT = re.compile(r"\d")
_SPACES = re.compile(r"\s+")


def _normalised(text: str) -> str:
    """Lower case, every digit a 0: "$4.2 billion" and "$310 million" read alike; a number says nothing of a deal."""
    return _DIGIT.sub("0", text.lower())


def _word_slots(name: str, text: str) -> list[int]:
    """The slots of the words and of each pair of neighbouring words of a block."""
    words = _WORD.findall(text)
    return [_slot(name, w) for w in words] + [_slot(name, f"{a} {b}") for a, b in zip(words, words[1:])]


def _char_slots(text: str) -> list[int]:
    """The slots of the character 3- to 5-grams inside each word, padded with a space on both sides (endings and
    stems)."""
    slots: list[int] = []
    for word in _SPACES.split(text.strip()):
        if word:
            slots.extend(_char_slots_of_word(word))
    return slots


@lru_cache(maxsize=200_000)
def _char_slots_of_word(word: str) -> tuple[int, ...]:
    """(Remembered: news repeats its words, and a word has a dozen n-grams to hash.)"""
    padded = f" {word} "
    return tuple(_slot("chars", padded[i:i + n]) for n in (3, 4, 5) for i in range(len(padded) - n + 1))


@lru_cache(maxsize=200_000)
def _slot(name: str, gram: str) -> int:
    return zlib.crc32(f"{name}\x1f{gram}".encode()) % BUCKETS


def _block(name: str, slots: list[int], into: dict[int, float]) -> None:
    """Adds one block's counts, scaled to unit length and weighted, to ``into``."""
    counts = Counter(slots)  # (counted in C)
    if not counts:
        return
    scale = BLOCK_WEIGHTS[name] / math.hypot(*counts.values())
    get = into.get
    for slot, count in counts.items():
        into[slot] = get(slot, 0.0) + count * scale


def lexical_features(own: str, sentence: str, previous: str) -> dict[int, float]:
    """Hashed features of a money mention: ``own`` its own words (``Sentence.region_of``), ``sentence`` the whole
    sentence, ``previous`` the sentence before ("" for the first)."""
    own, sentence, previous = _normalised(own), _normalised(sentence), _normalised(previous)
    features: dict[int, float] = {}
    _block("own", _word_slots("own", own), features)
    _block("sentence", _word_slots("sentence", sentence), features)
    _block("previous", _word_slots("previous", previous), features)
    _block("chars", _char_slots(own), features)
    return features
