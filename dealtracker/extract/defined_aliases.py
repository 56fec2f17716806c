"""Names a document defines for itself: «АО «Эйр Астана» (далее — «Общество»)», 'Air Astana JSC (hereinafter the
"Company")', and acronyms in brackets after a name: «"Кыргыз темир жолу" (КТЖ)», "Transmashholding (TMH)". Disclosures, contracts and annual reports name the issuer once and then only by the defined word,
in every sentence that holds a deal («… заключение Обществом с Air Lease Corporation договоров лизинга»).

Each later use of the defined word, capitalised as defined (Russian in any case ending: «Обществом», «Общества»),
is read as a mention of the name the definition follows. Only capitalised words are taken: "the company"
written small is any company. Arabic has no capitals to tell the defined «الشركة» from any company, so no
Arabic definition is read.
"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity, organisation_aliases
from ..terms import TermMatch
from .lexicon import compiled

# The defined word may take a Russian case ending of up to three letters («Общество» → «Обществом»)
_MAX_ENDING = 3


@lru_cache(maxsize=1)
def _definition() -> re.Pattern[str]:
    """ "(далее — «Общество»)", '(hereinafter the "Company")', '(the "Company")': ``defined_as`` in
    data/lang/*/context_words.csv, then a quoted capitalised word or two."""
    return compiled(r"\(\s*{defined_as}\s*[—–-]?\s*(?:the\s+)?[«\"“](?P<alias>[A-ZА-ЯЁ][\w-]{2,20}(?:\s[\w-]{2,20})?)[»\"”]\s*\)",
                    flags=0)


def with_defined_aliases(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """The mentions with every later use of a defined word or acronym as a mention of the name it was defined for,
    and a disclosure's "issuer" as the issuer it names."""
    if "(" not in text:
        return _with_issuer(text, entities)
    entities = _with_issuer(text, _with_defined_acronyms(text, entities))
    added: list[TermMatch[Entity]] = []
    for m in _definition().finditer(text):
        named = _name_before(entities, text, m.start())
        if named is None:
            continue
        alias = m.group("alias")
        stem = alias[:-1] if alias[-1:] in "оаеыяий" and not alias.isascii() else alias
        use = re.compile(rf"(?<![\w«\"“]){re.escape(stem)}\w{{0,{_MAX_ENDING}}}(?![\w»\"”])")
        taken = [(e.start, e.end) for e in entities]
        for u in use.finditer(text, m.end()):
            if not any(s < u.end() and u.start() < e for s, e in taken):
                added.append(TermMatch(u.start(), u.end(), named.payload, alias))
    if not added:
        return entities
    return sorted(entities + added, key=lambda e: e.start)


# Between the name and the bracket: a closing quote, spaces, a legal form ("Air Astana JSC (hereinafter …")
_GAP = re.compile(r"[\s»\"”]*(?:[A-ZА-ЯЁ]{2,5}\.?[\s»\"”]*)?")


def _name_before(entities: list[TermMatch[Entity]], text: str, bracket: int) -> TermMatch[Entity] | None:
    """The name that ends right before the definition's bracket (a closing quote, a legal form between)."""
    for e in reversed(entities):
        if e.end <= bracket and _GAP.fullmatch(text, e.end, bracket):
            return e
        if e.end < bracket - 3:
            return None
    return None


# An acronym in brackets right after a name: "(TMH)", «(КТЖ)», "(MAEK)"
# (capitals mostly, some small letters among them: "KTZh", "KfW", "OeKB"; at least two capitals, so that "(Almaty)" is none)
_ACRONYM = re.compile(r"\(\s*(?P<alias>(?=[^)\s]*[A-ZА-ЯЁ][^)\s]*[A-ZА-ЯЁ])[A-ZА-ЯЁ][A-Za-zА-Яа-яЁё0-9&-]{1,7})\s*\)")


def _with_defined_acronyms(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """Every use of an acronym the article defines after an organisation's name read as that organisation, even
    where the gazetteer knows the acronym as another's: «Национальная компания "Кыргыз темир жолу" (КТЖ)» makes
    each later «КТЖ» the Kyrgyz railway, not Kazakhstan Temir Zholy; «АО "Трансмашхолдинг" (ТМХ)» makes «ТМХ» a
    name at all. An acronym the gazetteer already gives to the same organisation changes nothing, and one it knows
    stays its own after a name it does not know («"Уральская горно-металлургическая группа" (УГМГ)»: the
    gazetteer's UGMG, home and all, is that very group)."""
    known = _known_names()
    for m in _ACRONYM.finditer(text):
        named = _name_before(entities, text, m.start())
        if named is None or named.payload.kind in ("country", "place"):
            continue
        alias = m.group("alias")
        uses = [(u.start(), u.end()) for u in re.finditer(rf"(?<!\w){re.escape(alias)}(?!\w)", text)]
        at_use = [e for e in entities if (e.start, e.end) in uses]
        if any(e.payload.kind in ("country", "place") for e in at_use):
            continue  # "Weatherford International (США)", "Masdar (UAE)": the bracket holds a home, not an acronym
        if all(e.payload == named.payload for e in at_use) and len(at_use) == len(uses):
            continue
        if at_use and named.payload.name not in known:
            continue
        kept = [e for e in entities if (e.start, e.end) not in uses]
        free = [(a, b) for a, b in uses if not any(e.start < b and a < e.end for e in kept)]
        entities = sorted(kept + [TermMatch(a, b, named.payload, alias) for a, b in free], key=lambda e: e.start)
    return entities


@lru_cache(maxsize=1)
def _known_names() -> frozenset[str]:
    return frozenset(entity.name for _, entity in organisation_aliases())


@lru_cache(maxsize=1)
def _issuer_label() -> re.Pattern[str]:
    """ «Полное фирменное наименование эмитента:», "Name of the issuer:": a disclosure names its issuer once."""
    return compiled(r"{issuer_label}\s*:\s*")


@lru_cache(maxsize=1)
def _issuer_word() -> re.Pattern[str]:
    return compiled(r"(?<![\w«\"“]){issuer_word}(?![\w»\"”])", flags=0)


# How far after its label the issuer's name may begin (a legal form written out: «Публичное акционерное общество»)
_LABEL_REACH = 60


def _with_issuer(text: str, entities: list[TermMatch[Entity]]) -> list[TermMatch[Entity]]:
    """Each "эмитент" of a Russian disclosure («эмитент и ГК «Туркменгеология» подписали соглашение»), "the
    Issuer" of an English one, read as the organisation its label names («наименование эмитента: Публичное
    акционерное общество «Татнефть»»)."""
    label = _issuer_label().search(text)
    if label is None:
        return entities
    issuer = next((e for e in entities if label.end() <= e.start <= label.end() + _LABEL_REACH
                   and e.payload.kind not in ("country", "place")), None)
    if issuer is None:
        return entities
    taken = [(e.start, e.end) for e in entities]
    added = [TermMatch(u.start(), u.end(), issuer.payload, u.group()) for u in _issuer_word().finditer(text, label.end())
             if not any(a < u.end() and u.start() < b for a, b in taken)]
    return sorted(entities + added, key=lambda e: e.start) if added else entities
