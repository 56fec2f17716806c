"""Names no gazetteer holds, found where news puts a deal's other side.

A gazetteer knows the big names; the news is full of small ones. Some places in a sentence hold the other
side of a deal whatever its name, so a capitalised name standing there is taken as an organisation:
- after "with" following a deal word in the same clause: "signed a $50 million contract with Frobnix",
  "an agreement with Frobnix Energy";
- as the subject beside a Central Asian side: "Uzbekistan and Frobnix signed …", «Узбекистан и Фробникс
  подписали …»;
- before an apposition that names its home: "Frobnix, a German engineering company, …" (the country is the
  apposition's), «Фробникс — немецкая компания»;
- after a verb or phrase that names the other side directly: "awarded Orvenga", "a consortium led by Orvenga",
  or after a place of our gazetteer's ignorance: "Osaka-based Hikari Fibers";
- after a country word and a noun that says what it is: "the Dutch firm Melkveld", "Swiss trader Corvana",
  «нидерландская компания Мелквелд», or a quoted name right after the country word («Турецкая «Эрдемли Тарым»»)
  (the country is its home), or after a trade that opens a sentence ("Rail maker Tarvonex", trade_described.py);
- opening a sentence with the deal's verb: "Veltrana will supply 40 trams …", «Вельтрана построит …» (not a
  pronoun or determiner: ``not_subject``);
- in Arabic, which has no capitals, after a company word without quotes: «مع شركة فيلترانا لتوريد …», «شركة
  ميلكفيلد الهولندية»: the words up to a nationality adjective or article-word (ال…), a preposition joined to
  its word (لـ، بـ) or a listed common word (``arabic_not_name``: تابعة، مشتركة، في، بقيمة …); at most three.
Words in ``data/organisation_patterns.csv`` (kinds ``slot_cue``, ``slot_with``, ``direct_slot``,
``joint_subject``, ``joint_verb``, ``subject_verb``, ``not_subject``, ``company_noun``, ``arabic_company_word``, ``arabic_not_name``; ``person_title`` marks a person
named in the "with" slot). Titles and state bodies ("President", "Ministry") are left to the
gazetteer's rules by the caller, as for every other pattern of ``organisations.py``.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import lru_cache
from typing import NamedTuple

from ..gazetteer import Entity, country_entity
from ..mentions import ClaimedSpans, MentionIndex
from ..schema import CENTRAL_ASIA
from ..terms import TermMatch
from ..world_cities import city_home
from .acronym_names import acronym_names
from .arabic_names import arabic_names, arabic_signing_subjects
from .city_homes import CITY_PREFIX, city_ending_at
from .lexicon import WORD_START, compiled
from .name_homes import state_after_of
from .name_patterns import after_first, alternation, pattern_word_set, pattern_words
from .trade_described import names_after_a_trade

# A capitalised word in Latin (Turkish, German, French letters too) or Cyrillic script.
# A legal form written with inner dots keeps its final dot ("S.p.A.", "N.V.", "A.Ş."): a name may go on past it.
# A brand in camel case may open with a small letter: "responsAbility", "easyJet", "eBay".
_NAME_WORD = r"(?:[A-ZÀ-ÖØ-ÞĞİŞŠŽČŘĆŁŚŹŻŃĎŤŇŐŰ]|[А-ЯЁ]|[a-z]{1,12}(?=[A-Z]))(?:[\w&.'-]*[\w&])?(?:(?<=\.[^\W\d_])\.)?"
# (a joining word only between two capitalised words: "Bank of Georgia", never "Veltrana for 12 …")
_NAME = rf"{_NAME_WORD}(?:[ \t]+(?:(?:&|of|de|du|des|del|van|von|der|for)[ \t]+|d['’])?{_NAME_WORD}){{0,3}}"
# An apposition between a name and its verb ("Lumora, the world leader in lighting, signed …"), on a small letter
_APPOSITION = r"(?:,[ \t]+[a-zа-яё][^,\n]{2,60},)?"
# How far before a Central Asian side "between" may stand ("a contract between the State Road Agency … and X")
_BETWEEN_REACH = 80
# How far back from "with" a deal word may stand, within one clause (no sentence or clause mark between).
CUE_WINDOW = 60
_CLAUSE_MARK = re.compile(r"[.;:!?\n]")
# A Russian adjective (capitalised as a sentence's first word) before a name: «Татарстанская Danaflex …»
_ADJECTIVE = re.compile(r"[а-яё](?:ая|ий|ый|ое|ие|ые|ой)$")


def _word_start_alternation(kind: str) -> str:
    """The words of a kind, each to start a word (the test written after its first character)."""
    return after_first(pattern_words(kind))


class _SlotPatterns(NamedTuple):
    with_slot: re.Pattern[str]
    cue: re.Pattern[str]
    joint: re.Pattern[str]
    paired: re.Pattern[str]
    apposed_before: re.Pattern[str]
    apposed_after: re.Pattern[str]
    person: re.Pattern[str]
    direct: re.Pattern[str]
    described: re.Pattern[str]
    subject: re.Pattern[str]
    russian: re.Pattern[str]
    based: re.Pattern[str]
    joint_first: re.Pattern[str]
    signs_after: re.Pattern[str]
    from_slot: re.Pattern[str]
    lend_cue: re.Pattern[str]
    owned_first: re.Pattern[str]


def _slot_pattern(kind: str) -> re.Pattern[str]:
    """A name after a slot word ("with", «с»; "from", «от», «у»), never a place told as a home ("with the
    Osaka-based fibre maker …": the "-based" pattern reads on)."""
    return re.compile(
        rf"(?:{_word_start_alternation(kind)})[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})"
        rf"(?<!-based)(?<!-headquartered)(?<!-listed)(?![\w-])"
    )


def _cue_pattern(kind: str) -> re.Pattern[str]:
    """The words that lead into a slot: deal words for "with", lending and buying words for "from"."""
    return re.compile(rf"(?<!\w)(?:{alternation(kind)})(?!\w)", re.IGNORECASE)


@lru_cache(maxsize=1)
def _patterns() -> _SlotPatterns:
    with_slot = _slot_pattern("slot_with")
    cue = _cue_pattern("slot_cue")
    joint = re.compile(
        rf"[)\"»]?(?:[ \t]+(?:{alternation('joint_body')}))?[ \t]+(?:{alternation('joint_subject')})[ \t]+"
        rf"(?:(?:{alternation('joint_company_word')})[ \t]+)?(?P<name>{_NAME}){_APPOSITION}[ \t]+(?:{alternation('joint_verb')})(?!\w)"
    )
    apposed_before = re.compile(rf"(?P<name>{_NAME})(?:[ \t]+\([^()\n]{{1,15}}\))?(?:,[ \t]+(?:an?|the)|[ \t]+[—–-])[ \t]+$")
    apposed_after = re.compile(rf"(?:[ \t]+[a-zа-яё-]+){{0,2}}?[ \t]+(?:{alternation('company_noun')})(?!\w)")
    # "with Ahmed Karimov, the head of …", "with Laziz K., Uzbekistan's Minister of …", «с Иваном Петровым, главой …»: a person, not an organisation
    person = re.compile(
        rf",?[ \t]+(?:(?:the|an?)[ \t]+)?(?:[\w'’-]+[ \t]+){{0,2}}?(?:{alternation('person_title')})(?!\w)", re.IGNORECASE
    )
    # "Turkmenistan awarded Orvenga a contract", "a consortium led by Orvenga": the slot alone says it
    direct = re.compile(rf"(?:{_word_start_alternation('direct_slot')})[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})(?![\w-])")
    # "Osaka-based Hikari Fibers": a place we may not know, then the name (a known country there is
    # organisations.py's "Turkey-based X")
    # ("the Bursa-based textile producer Uludag Iplik": what it does may stand between, ending on a company noun)
    based = re.compile(
        rf"(?<=[a-z])-(?:based|headquartered|listed)[ \t]+(?:(?:[a-z-]+[ \t]+){{0,2}}(?:{alternation('company_noun')})[ \t]+)?"
        rf"(?P<name>{_NAME})(?![\w-])"
    )
    # "the Dutch firm Melkveld", «нидерландская компания Мелквелд», "a French supplier, Veloren,": after a country word
    described = re.compile(
        rf"(?:(?:[ \t]+[a-zа-яё-]+)?[ \t]+(?:{alternation('company_noun')})(?P<comma>,)?[ \t]+(?P<name>{_NAME})"
        rf"(?(comma),|(?![\w-]))"
        rf"|(?:[ \t]+(?:{alternation('company_noun')}))?[ \t]+\"(?P<quoted>[^\"\n]{{2,60}})\")"
    )
    # «с компанией Орвенга», «Компания Вельтрана построит»: a Russian company word before a name in Cyrillic
    # (a Latin name after it is organisations.py's)
    russian = re.compile(rf"(?:{_word_start_alternation('russian_company_word')})[ \t]+(?P<name>[А-ЯЁ][\w-]*[\w](?:[ \t]+[А-ЯЁ][\w-]*[\w]){{0,2}})(?![\w-])")
    # "Veltrana will supply …", «Вельтрана построит …»: a name that opens a sentence and does the deal's verb
    # (from the mark that ends the sentence before, or the text's start: see names_in_partner_slots)
    # ("Al Qimma also signed …": a word such as "also" may stand between the name and its verb)
    # ("Signify, the world leader in lighting, signed …": an apposition, opening on a small letter, may stand between)
    subject = re.compile(
        rf"(?:[.!?…][ \t]+|\n[ \t]*)(?:(?:{alternation('time_opening')})(?:[ \t]+(?:19|20)\d\d(?:[ \t]+[^\W\d]{{1,5}}\.?)?)?,?[ \t]+"
        rf"|(?:[^\W\d][^,.;:\n\"]{{1,40}},[ \t]+){{1,2}})?"
        # ("Last month GAMA signed …", «В сентябре 2026 года «Яковлев» подписал …»: a year may follow the month;
        # "In Astana, on Monday (11), Stara signed …": opening phrases set off by commas)
        rf"(?:the[ \t]+(?:[\w-]+[ \t]+){{0,4}}?(?:{alternation('company_noun')})[ \t]+)?"  # ("the Rio Grande do Sul manufacturer Stara")
        rf"(?:(?P<name>{_NAME})|\"(?P<qname>[^\"\n]{{2,40}})\"){_APPOSITION}[ \t]+"
        rf"(?:(?:{alternation('subject_modifier')})[ \t]+)?(?:{alternation('subject_verb')})(?!\w)"
    )
    # "Rolls-Royce SMR and Kazakhstan Nuclear Power Plants LLP (KNPP) signed …": the name first, opening its sentence,
    # then "and" and a Central Asian side, whose verb may follow a legal form or an abbreviation in brackets
    joint_first = re.compile(rf"(?:^|[.!?…][ \t]+|\n[ \t]*)(?P<name>{_NAME})[ \t]+(?:{alternation('joint_subject')})[ \t]+$")
    signs_after = re.compile(
        rf"(?:[ \t]+[A-Z][\w.]*){{0,2}}(?:[ \t]*\([^()\n]{{1,15}}\))?[ \t]+(?:{alternation('joint_verb')})(?!\w)")
    # "a $12 million loan from Symbiotics", «привлек от Oikocredit кредит»: a lender after "from" (like "with")
    from_slot, lend_cue = _slot_pattern("slot_from"), _cue_pattern("lend_cue")
    # "Ducab, owned by Investment Corporation of Dubai, signed …": a name opening its sentence before its owner
    owned_first = re.compile(rf"(?:^|[.!?…][ \t]+|\n[ \t]*)(?P<name>{_NAME}),[ \t]+(?:{alternation('owned_apposition')})(?!\w)")
    # "between the State Road Agency of Turkmenistan and Brantwell for …": the name after "and", whatever follows
    paired = re.compile(rf"[ \t]+(?:{alternation('joint_subject')})[ \t]+(?:the[ \t]+)?(?P<name>{_NAME})(?![\w-])")
    return _SlotPatterns(with_slot, cue, joint, paired, apposed_before, apposed_after, person, direct, described, subject,
                         russian, based, joint_first, signs_after, from_slot, lend_cue, owned_first)


@lru_cache(maxsize=1)
def _between():
    """ "between", «между», «بين» (``between_word`` in data/lang/*/context_words.csv), with no sentence end after it."""
    return compiled(WORD_START + r"{between_word}(?!\w)[^.!?\n]*$")


# What stands right before a country word that opens an apposition: ", a German …", " — немецкая …"
_APPOSITION_OPENS = re.compile(r"(?:,[ \t]+(?:an?|the)|[ \t]+[—–-])[ \t]+$")


def names_in_partner_slots(
    text: str, countries: list[TermMatch[Entity]], central_asian: list[TermMatch[Entity]]
) -> list[tuple[int, int, Entity | None]]:
    """(start, end, home country or None) of the names standing where a deal's other side stands;
    ``central_asian``: the article's Central Asian sides (states, places, their companies) already known."""
    p = _patterns()
    found: list[tuple[int, int, Entity | None]] = []
    found.extend(_slot_names(text, p.with_slot, p.cue, p))
    found.extend(_slot_names(text, p.from_slot, p.lend_cue, p))
    for m in p.direct.finditer(text) if any(w in text for w in pattern_words("direct_slot")) else ():
        if p.person.match(text, m.end("name")) is None:
            found.append((m.start("name"), m.end("name"), None))
    if "-based" in text or "-headquartered" in text or "-listed" in text:
        # "Tashkent-based Hamkorbank", "Istanbul-based Kalemli": a place we know, or a large city of the world,
        # before "-based" is the name's home
        places = {m.end: m.payload for m in (*countries, *central_asian)}
        for m in p.based.finditer(text):
            home = places.get(m.start()) or (country_entity(c) if (c := city_ending_at(text, m.start())) else None)
            found.append((m.start("name"), m.end("name"), home))
    if "," in text:
        found.extend((m.start("name"), m.end("name"), None) for m in p.owned_first.finditer(text))
    found.extend(_names_beside_central_asian(text, p, central_asian))
    for country in countries:
        if country.payload.is_central_asian:
            continue
        m = p.described.match(text, country.end)
        if m is not None:  # «Турецкая «Эрдемли Тарым» построит»: a quoted name right after the country word too
            group = "name" if m.group("name") else "quoted"
            found.append((m.start(group), m.end(group), country.payload))
        # "Frobnix, a German company": the country word stands between the apposition's article and noun
        if _APPOSITION_OPENS.search(text, max(0, country.start - 8), country.start) is None:
            continue
        before = p.apposed_before.search(text, max(0, country.start - 120), country.start)
        if before is not None and p.apposed_after.match(text, country.end) is not None:
            found.append((before.start("name"), before.end("name"), country.payload))
    # (after the rules that also give a home: the first claim of a name wins)
    found.extend([*names_after_a_trade(text), *_sentence_subjects(text, p)])
    if "\u043a\u043e\u043c\u043f\u0430\u043d" in text or "\u041a\u043e\u043c\u043f\u0430\u043d" in text:  # «компан…»
        legal_forms = pattern_word_set("trigger")  # «компания АО «Атомстройэкспорт»»: АО is no name
        found.extend((m.start("name"), m.end("name"), None) for m in p.russian.finditer(text)
                     if m.group("name").split()[0] not in legal_forms)
    arabic = arabic_names(text) if any(word in text for kind in ("arabic_company_word", "arabic_bank_word")
                                       for word in pattern_words(kind)) else []  # «شركة», «بنك»
    if arabic or "\u0648\u0642\u0639" in text or "\u0628\u0631\u0645" in text:  # «وقع», «ابرم»: a verb first
        after = {c.start: c.payload for c in countries}
        for start, end in arabic + arabic_signing_subjects(text):
            # a nationality adjective right after the name is its home («ميلكفيلد الهولندية»)
            # («بنك حمكور الأوزبكي»: a Central Asian one is the deal's party)
            found.append((start, end, next((after[p] for p in (end + 1, end + 2) if p in after), None)))
    return found


def _names_beside_central_asian(text: str, p: _SlotPatterns, central_asian: list) -> list[tuple[int, int, Entity | None]]:
    """Names joined to a Central Asian side: "Tajikistan and Orvenga signed", "Orvenga and Tajikistan signed",
    "a contract between the State Road Agency and Brantwell for …"."""
    found: list[tuple[int, int, Entity | None]] = []
    not_subject = pattern_word_set("not_subject")
    for side in central_asian:  # "Tajikistan and Orvenga signed", "TALCO and Veltrana agreed"
        m = p.joint.match(text, side.end)
        if m is None and _between().search(text, max(0, side.start - _BETWEEN_REACH), side.start) is not None:
            m = p.paired.match(text, side.end)  # "a contract between the State Road Agency and Brantwell for …"
            m = m if m is not None and city_home(m.group("name")) is None else None  # («между Ташкентом и Тегераном»)
        if m is not None:
            found.append((m.start("name"), m.end("name"), None))
        # and the other way round: "Orvenga and Tajikistan signed"
        first = p.joint_first.search(text, max(0, side.start - 80), side.start)
        if first is not None and first.group("name").split()[0] not in not_subject and p.signs_after.match(text, side.end):
            found.append((first.start("name"), first.end("name"), None))
    return found


def _inflected_name(text: str, m: re.Match[str]) -> bool:
    """A Cyrillic name after the Russian «с» («с Министерством финансов») is declined: not the name as it is
    written, and mostly a body the gazetteer knows in other forms. A Latin one («с Veltrana Leasing») is the
    foreign company's own name."""
    return _CYRILLIC.match(text, m.start()) is not None and _CYRILLIC.match(text, m.start("name")) is not None


_CYRILLIC = re.compile(r"[\u0400-\u04ff]")


def _slot_names(text: str, slot: re.Pattern[str], cue: re.Pattern[str], p: _SlotPatterns
                ) -> list[tuple[int, int, Entity | None]]:
    """Names after "with" («с») where a deal word leads into it in the same clause ("signed a contract with X"),
    and after "from" («от») where a lending word does ("a $12 million loan from X", «привлек от X»); never a
    month or a weekday ("from January")."""
    found: list[tuple[int, int, Entity | None]] = []
    not_names = pattern_word_set("not_a_slot_name")
    for m in slot.finditer(text):
        if _inflected_name(text, m):
            continue  # (the cheap test first: «с Казахстаном» is most of Russian text's matches)
        before = text[max(0, m.start() - CUE_WINDOW):m.start()]
        marks = list(_CLAUSE_MARK.finditer(before))
        clause = before[marks[-1].end():] if marks else before
        if cue.search(clause) is not None and p.person.match(text, m.end("name")) is None \
                and m.group("name").split()[0] not in not_names:
            found.append((m.start("name"), m.end("name"), None))
    return found


def _sentence_subjects(text: str, p: _SlotPatterns) -> list[tuple[int, int, Entity | None]]:
    """Names that open a sentence and do the deal's verb ("Veltrana will supply …", «"Соллерс" подписал …»):
    sentences after a mark, and the text's first one (read as if a line break stood before it)."""
    not_subject = pattern_word_set("not_subject")
    heads = [(m.start(g), m.end(g), m.group(g)) for m in p.subject.finditer(text) for g in ("name", "qname") if m.group(g)]
    first = p.subject.match("\n" + text[:300])
    if first is not None:
        g = "name" if first.group("name") else "qname"
        heads.append((first.start(g) - 1, first.end(g) - 1, first.group(g)))
    found: list[tuple[int, int, Entity | None]] = []
    for start, end, name in heads:
        words = name.split()
        if len(words) > 1 and _ADJECTIVE.search(words[0]):  # «Татарстанская Danaflex»: the name is after it
            start = text.index(words[1], start + len(words[0]))
        if words[0] not in not_subject:
            found.append((start, end, None))
    return found


# An acronym joined to a common noun: «с EPC-контрактом», "with EPC-contract documents" — a kind of contract, not
# the partner
_ACRONYM_NOUN = re.compile(r"[A-Z]{2,6}-[a-z\u0430-\u044f\u0451]")


def add_partner_names(
    text: str, known: list[TermMatch[Entity]], countries: list[TermMatch[Entity]], names: MentionIndex,
    claimed: ClaimedSpans, found: list[TermMatch[Entity]], may_be_name: Callable[[str], bool],
    home_by_name: Callable[[str], str],
) -> None:
    """The names of the slots and of bracketed acronyms into ``found`` (organisations.py's list), each where no
    known name or earlier claim stands. ``may_be_name`` rejects titles and state bodies; ``home_by_name`` reads
    a Central Asian home from the name itself (KazMunayGas)."""
    for start, end, owner in names_in_partner_slots(text, countries, [m for m in known if m.payload.is_central_asian]):
        city = CITY_PREFIX.match(text, start, end)  # "with Oslo-listed Nordkapp Carbon": the city is its home
        if city is not None and names.furthest_end_over(start) is None:
            owner = owner or (country_entity(home) if (home := city_home(city.group("city"))) else None)
            start = city.end()
        if (of_state := state_after_of(text, start, end, countries)) is not None:
            end, owner = of_state
        name = text[start:end]
        if names.overlaps(start, end) or claimed.overlaps(start, end) or not may_be_name(name) \
                or _ACRONYM_NOUN.match(name):
            continue
        # the slot says it is the other side: a Central Asian country word next to it ("Uzbekistan and X") is not its home
        home = owner.country if owner else home_by_name(name)
        _claim(found, claimed, start, end, name, home)
    candidates = acronym_names(text)
    if not candidates:
        return
    others = MentionIndex([m for m in known if m.payload.kind != "country"])
    for start, end, acronym_start, acronym_end in candidates:
        # a known acronym ("الشركة القابضة (ADQ)") names it better than its description; a country word inside
        # the name («Чешский экспортный банк») is its home, not a name that makes it known
        if others.overlaps(start, end) or others.overlaps(acronym_start, acronym_end) or claimed.overlaps(start, end):
            continue
        # a country word inside the name, or owning it right before ("Switzerland's State Secretariat …")
        # (or after its acronym: "The Fund for Infrastructure Projects (FIP) of Singapore")
        inside = [c.payload for c in countries if start <= c.start < end or 0 <= start - c.end <= 3
                  and text[c.end:start].strip() in ("'s", "’s") or 0 <= c.start - acronym_end <= 6
                  and text[acronym_end:c.start].split() == [")", "of"]]
        home = inside[0].country if inside else home_by_name(text[start:end])
        if home not in CENTRAL_ASIA:  # a Central Asian body is the gazetteer's (or the party's) business
            _claim(found, claimed, start, end, text[start:end], home)


def _claim(found: list[TermMatch[Entity]], claimed: ClaimedSpans, start: int, end: int, name: str, home: str) -> None:
    entity = Entity(name=name, country=home, kind="state_company" if home in CENTRAL_ASIA else "company")
    found.append(TermMatch(start, end, entity, name))
    claimed.add(start, end)
