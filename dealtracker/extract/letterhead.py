"""A document's reference line above its title is letterhead, not its headline.

"Ref.: GCF/PR/B.46/2026-07 | Songdo, Incheon, 30 October 2026", «Исх. № 14-05/2231 от 12.03.2026», «المرجع:
ص ب/2026/118»: press releases and letters (above all as PDFs) open with their number and date. Read as the
first sentence, the line would be taken for the headline and the title below it for body text, so a title that
sums up the body ("GCF Board approves USD 1.27 billion for 16 projects …") would be read as a deal of its own.
The labels are ``reference_label`` in the context words.
"""

from __future__ import annotations

from functools import lru_cache

from .lexicon import compiled
from .sentence import Sentence

# Only the first lines of a text can be its letterhead.
_LEADING_LINES = 2


@lru_cache(maxsize=1)
def _reference_label():
    return compiled(r"[ \t]*{reference_label}")


def without_reference_lines(text: str, sentences: list[Sentence]) -> tuple[list[Sentence], int]:
    """The sentences without the leading reference lines (see the module's docstring), and where the title they
    stood above starts (0 when there were none)."""
    kept = list(sentences)
    for _ in range(_LEADING_LINES):
        if not kept:
            break
        first = kept[0]
        line_start = text.rfind("\n", 0, first.span.start) + 1
        if first.amounts or text[line_start:first.span.start].strip() or not _reference_label().match(text, first.span.start):
            break
        kept.pop(0)
    return kept, (kept[0].span.start if kept and len(kept) < len(sentences) else 0)
