"""A country word that describes a site — "the Azerbaijani Absheron field", «азербайджанском месторождении»,
«حقل «أبشيرون» الأذربيجاني» — names where the site is, as "in Azerbaijan" does: a place, not a side of a deal.

Why: news of a Central Asian deal often recalls the same company's deal elsewhere ("weeks after XRG bought a
stake in the Azerbaijani Absheron field from SOCAR for $1.2 billion"); read as a side, that state made the deal
look like one more partner's. Only a site word (``asset`` in ``data/lang/*/context_words.csv``) next to the country
word counts, with at most a quoted or capitalised name between them: "the Chinese company will build a plant"
is a company's home, not a site's.
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import WORD_START, compiled

# What may stand between the country word and the site word: a quoted name («أبشيرون», "Absheron") or up to
# two capitalised words (Absheron, Block 1) — no other words, which would make the country word another's.
_NAME_BETWEEN = r"""(?:\s*[«"“][^»"”\n]{1,40}[»"”]\s*|\s+(?:[A-ZА-Я][\w-]*\s+){0,2}|\s+)"""


@lru_cache(maxsize=1)
def _site_after() -> re.Pattern[str]:
    """Adjective first, as English and Russian write it: "Azerbaijani Absheron field"."""
    return compiled(_NAME_BETWEEN + r"(?:gas\s+|oil\s+|газовом\s+|нефтяном\s+)?{asset}(?!\w)", re.UNICODE)


@lru_cache(maxsize=1)
def _site_before() -> re.Pattern[str]:
    """Site word first, as Arabic writes it: «حقل «أبشيرون» الأذربيجاني»; ends where the country word starts."""
    return compiled(WORD_START + r"{asset}(?:\s+(?:ال)?(?:غاز|نفط|النفط|الغاز))?" + _NAME_BETWEEN + r"$", re.UNICODE)


def describes_an_asset(text: str, start: int, end: int) -> bool:
    """Whether the country word at ``text[start:end]`` describes a site next to it: the site word after it in
    English and Russian, before it in Arabic (where a site word after the adjective is the next phrase's:
    «الشركة الإماراتية محطة …» is the Emirati company, building a station)."""
    if any("\u0600" <= ch <= "\u06ff" for ch in text[start:end]):
        return _site_before().search(text[max(0, start - 60):start]) is not None
    # («Душанбе — граница Кыргызстана»: Russian names a border before the state, in the genitive)
    return _site_after().match(text, end) is not None or _border_before().search(text, max(0, start - 12), start) is not None


@lru_cache(maxsize=1)
def _border_before() -> re.Pattern[str]:
    """A border word right before a state (``border_before``): «граница Кыргызстана»."""
    return compiled(WORD_START + r"{border_before}\s+$")
