"""Organisation names a named-entity tagger proposes (``dealtracker.models.ner``), kept when they name
something the rules did not: the tagger's span cut down to the name, its home from an adjacent country word."""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..mentions import ClaimedSpans, MentionIndex
from ..terms import TermMatch
from .name_patterns import pattern_words
from .country_words import CountryWords
from .organisations import STATE_BODY

_DESCRIPTORS_EXTRA = ("авиакомпания", "авиакомпании", "банк", "фонд", "airline", "bank", "fund")


@lru_cache(maxsize=1)
def _descriptors() -> frozenset[str]:
    """Words that introduce a company ("компания", "شركة", "group"), cut from the front of a tagged span."""
    return frozenset({w.casefold() for w in pattern_words("trigger")} | set(_DESCRIPTORS_EXTRA))


def proposed_organisations(
    text: str, spans: list[tuple[int, int]], known: list[TermMatch[Entity]], found: list[TermMatch[Entity]]
) -> list[TermMatch[Entity]]:
    """Spans a named-entity tagger marked as organisations, kept when they name something new.

    The tagger's span often includes what the rules already read: "Китайская корпорация Синохайдро" holds a
    country word and a descriptor. Those are cut from the front; what is left must overlap no known entity
    or organisation already found, and gets its country from an adjacent country word, as for the patterns.
    """
    near = CountryWords([m for m in known if m.payload.kind == "country"])
    names = MentionIndex(known)
    descriptors = _descriptors()
    proposed: list[TermMatch[Entity]] = []
    claimed = ClaimedSpans((f.start, f.end) for f in found)
    for start, end in spans:
        while start < end:
            covered = names.furthest_end_over(start)
            word = re.match(r"[\w-]+", text[start:end])
            if covered is not None and covered > start:
                start = covered
            elif word and word.group(0).casefold() in descriptors:
                start += word.end()
            else:
                break
            while start < end and not text[start].isalnum():
                start += 1
        while end > start and not text[end - 1].isalnum():
            end -= 1
        name = text[start:end]
        if len(name) < 2 or not name[:1].isupper() or STATE_BODY.match(name):
            continue
        if name.count("«") != name.count("»") or name.count('"') % 2:
            continue  # the tagger cut a quoted name in two: half a name is worse than none
        if names.overlaps(start, end) or claimed.overlaps(start, end):
            continue
        country = near.adjacent(text, start, end)
        proposed.append(TermMatch(start, end, Entity(name=name, country=country.country if country else "",
                                                     kind="company"), name))
        claimed.add(start, end)
    return proposed
