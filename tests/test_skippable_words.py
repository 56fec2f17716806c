"""The skippable context-word patterns (``lexicon.skippable``) match exactly what the plain look-behind and
case-insensitive alternation matched: the same spans, searched from anywhere, over text in three scripts and
letters with odd case forms (ſ, K, İ, ı, final sigma)."""

from __future__ import annotations

import random
import re

import pytest

from dealtracker.data_files import read_csv
from dealtracker.extract.lexicon import WORD_START, alternatives, compiled, skippable

GROUPS = sorted({row["group"] for row in read_csv("context_words.csv")})


def _texts() -> list[str]:
    words = [w.rstrip("*") for row in read_csv("context_words.csv") for w in (row["word"],)]
    rnd = random.Random(7)
    odd = ["ſince", "SINCE", "Since", "\u212a", "\u0130", "\u0131", "ς", "Σ", "ـ", "و", "وفي", "x", "1", "2019", "-", "«"]
    texts = []
    for _ in range(40):
        pieces = [rnd.choice(words + odd) for _ in range(30)]
        texts.append("".join(p + rnd.choice([" ", "", "  ", "\n", ", "]) for p in pieces))
        texts.append(texts[-1].upper())
    return texts


TEXTS = _texts()


def _span(match: re.Match[str] | None) -> tuple[int, int] | None:
    return match.span() if match else None


@pytest.mark.parametrize("group", GROUPS)
def test_skippable_alternation_matches_as_the_plain_one(group):
    rnd = random.Random(group)
    for flags in (re.IGNORECASE, 0):
        for plain, fast in (
            (WORD_START + alternatives(group), skippable(group, r"[^\W\u0600-\u06ff]")),
            (r"(?<!\w)" + alternatives(group) + r"(?!\w)", skippable(group, r"\w") + r"(?!\w)"),
            (alternatives(group) + r"\s", skippable(group) + r"\s"),
        ):
            old, new = re.compile(plain, flags), re.compile(fast, flags)
            for text in TEXTS:
                assert [m.span() for m in old.finditer(text)] == [m.span() for m in new.finditer(text)]
                for _ in range(5):
                    a = rnd.randrange(len(text) + 1)
                    b = rnd.randrange(a, len(text) + 1)
                    assert _span(old.search(text, a, b)) == _span(new.search(text, a, b))


def test_compiled_templates_use_the_skippable_start():
    assert compiled(WORD_START + "{since_year}").pattern.startswith("(?-i:[^")
    assert compiled("{past_frame}\\s").pattern.startswith("(?-i:[^")
