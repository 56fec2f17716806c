"""Which named entity is the Central Asian party and which is the counterparty of a deal.

The party is the nearest Central Asian organisation, else the nearest Central Asian state (a city or region
stands for its state). The counterparty is the nearest foreign organisation, else the nearest foreign state.
"""

from __future__ import annotations

from collections.abc import Callable

from ..gazetteer import Entity, country_entity
from ..terms import TermMatch
from .sentence import nearest

# Organisation kinds whose money in a deal is a loan or financing when no other type is named.
FINANCIERS = {"bank", "development_bank", "multilateral", "fund"}
# Development-cooperation agencies, whose money is given, not lent.
AID_AGENCIES = {"aid_agency"}
# Organisations that give money: banks, funds, aid and state agencies (JICA, SECO).
LENDERS = FINANCIERS | AID_AGENCIES | {"government_agency"}


def central_asian(entity: Entity) -> Entity:
    """A city or region stands for its state; a named state company or ministry stays itself."""
    return country_entity(entity.country) if entity.kind == "place" else entity


def pick_party(candidates: list[TermMatch[Entity]], position: int,
               is_place: Callable[[TermMatch[Entity]], bool] | None = None) -> Entity | None:
    """The Central Asian side nearest to ``position``: a named organisation first, then a state — one named as a
    side before one named as a place ("… of the Republic of Tajikistan … the Dushanbe–Kyrgyz border highway")."""
    ca = [m for m in candidates if m.payload.is_central_asian]
    if not ca:
        return None
    named = [m for m in ca if m.payload.kind not in ("country", "place")]
    states = [m for m in ca if m.payload.kind == "country"]
    if is_place is not None and len({m.payload.country for m in states}) > 1:
        states = [m for m in states if not is_place(m)] or states
    for group in (named, states, ca):
        if group:
            return central_asian(nearest(group, position)[0].payload)
    return None


def pick_counterparty(candidates: list[TermMatch[Entity]], position: int, party: Entity | None) -> Entity | None:
    """The foreign side nearest to ``position``: a named organisation whose home is known first, then one whose
    home is not, then a state. An organisation of unknown home in news of a Central Asian deal is as often the
    local side the gazetteer does not know ("Electric Power Plants OJSC and Austria's Andritz Hydro signed …",
    "Ipak Yuli Bank signed … with Proparco") as the foreign one."""
    foreign = [m for m in candidates if not m.payload.is_central_asian and m.payload.kind != "place"]
    if party is not None:
        foreign = [m for m in foreign if m.payload.name != party.name]
    organisations = [m for m in foreign if m.payload.kind != "country"]
    homed = [m for m in organisations if m.payload.country]
    for group in (homed, organisations, foreign):
        if group:
            return nearest(group, position)[0].payload
    return None
