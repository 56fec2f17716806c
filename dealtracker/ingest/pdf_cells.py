"""Whether a PDF line's pieces are running text or table cells, by how much of its width its letters fill.
Used by pdf_layout.logical_line."""

from __future__ import annotations

# A line whose letters, at this average width (in font sizes), cover this share of the span it is drawn over
# is running text, not table cells.
FILLED_GLYPH_WIDTH = 0.45
FILLED_SHARE = 0.75


def filled(pieces: list) -> bool:
    """Whether a line's pieces hold as many letters as the width they span can show: running text.

    Why: pypdf dates the pieces of a shaped right-to-left line from where their text objects begin, so the
    gaps between them are not the gaps a reader sees, and Arabic paragraphs were cut into "cells" — a deal's
    sentence broken at every number. A table row leaves most of its width empty between short cells; a line
    of a paragraph fills it."""
    width = [len(p.text) * p.size * FILLED_GLYPH_WIDTH for p in pieces]
    span = max(p.x + w for p, w in zip(pieces, width)) - min(p.x for p in pieces)
    return span > 0 and sum(width) >= FILLED_SHARE * span
