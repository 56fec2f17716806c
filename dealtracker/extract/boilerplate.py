"""The closing section of a press release about its issuer ("About the EBRD", «О компании», «Справочно:»,
«نبذة عن المؤسسة»): the institution's founding year, authorised capital, members and world-wide portfolio are
facts about the issuer, not deals the release tells, so nothing in that section becomes a deal.

The heading is recognised by its words (``about_section`` in ``data/lang/*/context_words.csv``) at the start of a
line, followed by at most a short name and then a colon or the end of the line ("About Orano:", "About the
Asian Development Bank"), never by a number ("About $2 billion will be spent" is a sentence, not a heading).
The section runs to the end of the text, as issuers put it last — or to the next numbered section of a
disclosure that goes on after a note on its counterparty («Для справки: ADQ является …» between «1. …» and
«2. Кредитное соглашение …»).
"""

from __future__ import annotations

import re
from functools import lru_cache

from .lexicon import compiled

# A heading names at most an institution: a few words, no digits, no sentence punctuation.
_MAX_NAME_WORDS = 8


@lru_cache(maxsize=1)
def _heading() -> re.Pattern[str]:
    return compiled(r"(?m)^[ \t]*{about_section}(?![\w\u0600-\u06ff])(?P<name>[^\n:.!?؟،,;]{0,100}?)[ \t]*(?::|$)")


def boilerplate_start(text: str, body_start: int = 0) -> int | None:
    """Where the issuer's closing section begins in ``text`` (searched from ``body_start``, past the headline),
    else None."""
    for match in _heading().finditer(text, body_start):
        name = match.group("name").strip()
        if any(ch.isdigit() for ch in name) or len(name.split()) > _MAX_NAME_WORDS:
            continue
        if name and name[0].islower() and not name.startswith("the "):
            continue  # "About half of it is …": a sentence; a heading names an institution, capitalised
        return match.start()
    return None


# A numbered section heading at the start of a line: "2. Кредитное соглашение", "3) Trade finance line"
_NUMBERED_SECTION = re.compile(r"(?m)^[ \t]*\d{1,2}[.)][ \t]+[^\W\d_]")


def boilerplate_span(text: str, body_start: int = 0) -> tuple[int, int] | None:
    """(start, end) of the issuer's section: from its heading to the next numbered section, else to the end."""
    start = boilerplate_start(text, body_start)
    if start is None:
        return None
    following = _NUMBERED_SECTION.search(text, start)
    return start, following.start() if following else len(text)
