"""A state's own name (not its adjective) as part of a Latin company name.

Why: groups name their national units after the state: "Korea Hydro & Nuclear Power", "China Energy Engineering
Corporation" open with it, "Ferroglobe Spain Metals S.A.U.", "Saipem Portugal Comercio Maritimo" hold it inside.
The gazetteer finds the state's name there first; read alone it would make the state the counterparty and cut the
company's name in two. A state's adjective ("Chinese Sinopec Group") is only a description: Sinopec Group.
"""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity, country_names
from ..mentions import MentionIndex
from ..terms import TermMatch


@lru_cache(maxsize=1)
def english_country_nouns() -> frozenset[str]:
    """ "Korea", "China", "Qatar", "Saudi Arabia": the states' own English names (not their adjectives)."""
    names = set(country_names().values())
    return frozenset(names | {"Korea", "Saudi", "Emirates", "Russia", "Turkey", "China"})


def country_noun_opens(names: MentionIndex, text: str, start: int, leading: int, rest: str) -> bool:
    """ "Korea Hydro & Nuclear Power": a state's name opening a designator-ended name is part of that name."""
    word = text[start:leading]
    if text[leading:leading + 1] != " " or len(rest.split()) < 2:
        return False  # "Qatar-based X": a home, not part of a name; "Azerbaijan Airlines": too short to tell
    return word in english_country_nouns() and any(
        k.start == start and k.end == leading and k.payload.kind == "country" for k in names.starting_in(start, leading)
    )


def country_noun_within(names: MentionIndex, text: str, start: int, end: int) -> TermMatch[Entity] | None:
    """The state whose own name stands between two words of the Latin name ``text[start:end]`` ("Ferroglobe
    Spain Metals S.A.U."), or None: the name's national unit, whose home that state is."""
    for known in names.starting_in(start, end):
        if (known.payload.kind == "country" and start < known.start and known.end < end
                and text[known.start - 1] == " " and text[known.end] == " "
                and text[known.start:known.end] in english_country_nouns()):
            return known
    return None
