"""Case-insensitive first letters written so that Python's regex engine can skip to them in C.

Shared by the money patterns (``money/patterns.py``) and the context-word patterns (``lexicon.py``). The engine
skips ahead without trying a pattern at each position only when the pattern begins with a case-sensitive
character or set; a case-insensitive letter gives it none. So a letter becomes a case-sensitive set of every
character that could match it case-insensitively (a superset), followed by a case-insensitive look-back at the
letter itself: exactly what the letter alone matched, but skippable.
"""

from __future__ import annotations

import re

# Every character of the Latin, Greek, Cyrillic and Arabic blocks: where a case-insensitive letter's other
# forms are looked up (by the regex engine itself, so exactly as it would match them). Characters outside the
# blocks are always let through the set: the look-back after it decides for them.
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


def forms_of(letters: set[str]) -> set[str]:
    """The characters of the blocks that one of ``letters`` matches case-insensitively (the letters among them)."""
    return {form for ch in letters for form in re.findall("(?i)" + re.escape(ch), _BLOCKS)}


def any_of(letters: set[str]) -> str:
    """A case-sensitive set holding every character that one of ``letters`` could match case-insensitively (and
    more, outside the blocks): a superset, for a look-back to narrow down."""
    return "(?-i:[^" + _ranges_without(forms_of(letters)) + "])"
