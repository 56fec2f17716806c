"""The Central Asian state whose money an amount is in: the tenge says Kazakhstan, the somoni Tajikistan. (Split from
valued.py, which asks it for a deal's party.)"""

from __future__ import annotations

from functools import lru_cache

from ..gazetteer import Entity, country_entity
from ..schema import CENTRAL_ASIA
from ..fx import local_currency
from .money import MoneyMention


@lru_cache(maxsize=1)
def _central_asian_currencies() -> dict[str, str]:
    """Currency code → its Central Asian state (KZT → KAZ), from the states' currencies (CLDR). The manat is
    also Azerbaijan's: only the Turkmen code (TMT) says Turkmenistan."""
    return {code: state for state in CENTRAL_ASIA if (code := local_currency(state))}


# Central Asian currencies one word names unambiguously in every language (Arabic «سوم» is som or soum)
_ONE_STATE_CURRENCIES = frozenset({"KZT", "TJS", "TMT"})


def state_of_the_money(party: Entity, amount: MoneyMention) -> Entity:
    """A party that is only a state (or stands for one through a place) is the state whose money the deal is in,
    when that is another Central Asian state: "invest two billion somoni … in the Zarafshon joint venture in
    Penjikent" is Tajik money, whatever state shares the place's name or the article names most."""
    if party.kind not in ("country", "place") or amount.currency not in _ONE_STATE_CURRENCIES:
        return party
    home = home_of_currency(amount)
    return home if home is not None and home.country != party.country else party


def home_of_currency(amount: MoneyMention) -> Entity | None:
    """The Central Asian state whose currency the amount is in, when no side of the text names one ("Turkey's
    Erdemli will build a greenhouse in Sairam district for 42 billion tenge": the tenge says Kazakhstan)."""
    home = _central_asian_currencies().get(amount.currency or "")
    return country_entity(home) if home else None
