"""A digest's sections: whose news each part of the text is.

Weekly round-ups group their items under headings — a line that is only a state's name («КЫРГЫЗСТАН»,
"Uzbekistan:") or one that says the items are from elsewhere ("Outside the region", «За пределами региона»,
«خارج المنطقة»). An item under "KYRGYZSTAN" that names only its foreign side ("MegaCom will build 5G on Nokia
equipment") is Kyrgyzstan's deal, whatever state the digest names most; an item under "Outside the region" that
names no Central Asian side is nobody's deal of ours. Headings are read only as whole short lines, so a state
named in running text never opens a section.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass
from functools import lru_cache

from ..gazetteer import Entity, country_entity
from ..terms import TermMatch
from .lexicon import compiled

# A heading is a short line of its own
_SHORT_LINE = re.compile(r"^[ \t]*(?P<words>[^\n]{2,40}?)[ \t]*:?[ \t]*$", re.MULTILINE)


@lru_cache(maxsize=1)
def _outside_heading() -> re.Pattern[str]:
    """ "Outside the region", «За пределами региона», «خارج المنطقة» (``outside_region`` in context_words)."""
    return compiled(r"{outside_region}", re.IGNORECASE)


def _stands_apart(text: str, start: int, end: int) -> bool:
    """A heading has a blank line (or the text's start) before it, and a blank line or running text after it — not
    a table's cell that a PDF wrapped onto its own line («Республика Таджикистан\n(ЕФСР)»)."""
    if start > 0 and not text[:start].rstrip(" \t").endswith("\n\n"):
        return False
    following = text[end + 1:].split("\n", 1)[0]
    return not following.strip() or len(following) > 60


@dataclass(frozen=True)
class Sections:
    starts: tuple[int, ...] = ()
    states: tuple[Entity | None, ...] = ()  # the heading's state, or None for "outside the region"

    @classmethod
    def of(cls, text: str, entities: list[TermMatch[Entity]]) -> Sections:
        """The headings of ``text`` (normalised) in order; ``entities`` are the article's, in text order."""
        if "\n" not in text:
            return cls()
        states = {(m.start, m.end): m.payload for m in entities
                  if m.payload.kind == "country" and m.payload.is_central_asian}
        starts, heads = [], []
        for line in _SHORT_LINE.finditer(text):
            if not _stands_apart(text, line.start(), line.end()):
                continue
            span = line.span("words")
            if span in states:
                starts.append(span[0])
                heads.append(country_entity(states[span].country))
            elif _outside_heading().fullmatch(line.group("words")) is not None:
                starts.append(span[0])
                heads.append(None)
        return cls(tuple(starts), tuple(heads))

    def party_at(self, position: int, default: Entity | None) -> Entity | None:
        """The state whose section ``position`` stands in; None in an "outside the region" section; ``default``
        (the article's state) before the first heading or in a text without headings."""
        k = bisect_right(self.starts, position) - 1
        return default if k < 0 else self.states[k]
