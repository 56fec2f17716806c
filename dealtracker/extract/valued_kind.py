"""What kind of deal a valued amount is and in which sector: the words around the amount first, then the
head of the list it is an item of, the clauses its sentence shares, who gives the money, and what the sentence
before said of the same counterparty. (Split from valued.py, which decides whether an amount is a deal and
between whom.)"""

from __future__ import annotations

import re
from functools import lru_cache

from ..gazetteer import Entity
from ..text import Span
from .attributes import deal_type_of, dominant_sector, resolve_type, sector_of
from .context_sector import sector_around
from .cues import DEAL_TYPE_PRIORITY
from .lexicon import WORD_START, compiled
from .list_frames import list_frame
from .money import MoneyMention
from .non_deal_words import a_projects_investment
from .other_deals import venture_as_subject
from .reader import ArticleReader
from .sentence import Sentence
from .sides import AID_AGENCIES, FINANCIERS
from .table_columns import is_header_line, short_digitless


@lru_cache(maxsize=1)
def stake_word():
    """ "stake", «долю», "حصة" (``stake`` in data/lang/*/context_words.csv)."""
    return compiled(WORD_START + r"{stake}(?!\w)")


def deal_type_for(text: str, sentence: Sentence, amount: MoneyMention, own: list[Span], shared: list[Span],
                   counterparty: Entity, reader: ArticleReader | None = None) -> str | None:
    """The type named around the amount, else by the head of the list it is an item of, else in the clauses the
    sentence shares, else (a table's row) where the prose names the same counterparty; then what the giver and
    the frame say (a bank lends, an aid agency gives)."""
    own_cues = sentence.cues_of(own, "deal_type") + sentence.cues_of(own, "equipment")
    shared_cues = sentence.cues_of(shared, "deal_type")
    if (venture := venture_as_subject(text, sentence)) is not None:
        # "The joint venture also signed a EUR 6.8 million contract …": the subject names who signs, not the type
        own_cues, shared_cues = ([c for c in cues if not venture.start() <= c.start < venture.end()]
                                 for cues in (own_cues, shared_cues))
    deal_type = (
        deal_type_of(own_cues, [], generic=False)
        or _list_head_type(sentence, amount)
        or deal_type_of(own_cues, shared_cues)
        or (_type_told_in_prose(reader, counterparty) if reader is not None and _a_row_of_both_sides(sentence) else None)
        or (_type_in_the_header(reader, sentence) if reader is not None and sentence.tabulated
            and any(m.payload == counterparty for m in sentence.entities) else None)
        or (_type_of_the_list_frame(reader, sentence) if reader is not None else None)
        or ("investment" if a_projects_investment(sentence, own[0]) else None)  # (its words are a statistic's)
    )
    if deal_type in ("purchase_contract", "investment") and len(sentence.amounts) > 1:
        # "three grants: ¥1.2 billion to buy medical equipment, ¥800 million to repair schools …": what each
        # item of the list buys or builds is the purpose of the grant or loan that the list's frame names
        framed = [t for t in DEAL_TYPE_PRIORITY if t in ("grant", "loan_financing") and any(c.payload.value == t for c in shared_cues)]
        deal_type = framed[0] if framed else deal_type
    if deal_type in ("investment", "agreement_mou") and any(
        c.payload.value == "joint_venture" for c in sentence.cues_of([sentence.span], "deal_type")
    ):
        # "it formed a joint venture with Ashgrove Minerals, which will invest £40 million": money put into a
        # joint venture the sentence sets up is the joint venture's value
        deal_type = "joint_venture"
    if deal_type == "purchase_contract" and stake_word().search(text, own[0].start, own[0].end) is not None:
        deal_type = "investment"  # "a $480 million stake purchase", «покупка доли»: equity bought is an investment
    if counterparty.kind in FINANCIERS and (
        deal_type == "purchase_contract"
        or (deal_type == "investment" and any(c.payload.value == "financing" for c in own_cues))
    ):
        # a bank's or fund's money "to buy electric trains", its "financing agreement to build schools": a loan
        # for them (a bank's own stake is an investment, and is told so)
        deal_type = "loan_financing"
    deal_type = resolve_type(deal_type, counterparty)
    if deal_type is None and counterparty.kind in FINANCIERS:
        deal_type = "loan_financing"
    if counterparty.kind in AID_AGENCIES and deal_type in (None, "investment", "loan_financing"):
        deal_type = "grant"  # USAID, KOICA, TIKA, GIZ give grants; their "financing" or "projects worth" too
    return deal_type


def _a_row_of_both_sides(sentence: Sentence) -> bool:
    """A table's row that names a Central Asian side and a foreign one in its own cells (a row that names one
    side only borrows the other from the rows above, and the prose's type would not be its)."""
    homes = {m.payload.is_central_asian for m in sentence.entities if m.payload.kind != "place"}
    return sentence.tabulated and homes == {True, False}


def _type_told_in_prose(reader: ArticleReader, counterparty: Entity) -> str | None:
    """ "3  Туркменгаз — Kawasaki Heavy Industries (Япония)  Газоперекачивающие агрегаты  JPY  14 200,0": a table
    row's cells name the sides and the object, not the deal, which the prose states ("«Туркменгаз» подписал с
    японской корпорацией Kawasaki Heavy Industries контракт …"): the type the first sentence outside the table
    that names the same counterparty gives it."""
    for other in reader.sentences:
        if not other.tabulated and any(m.payload == counterparty for m in other.entities):
            told = deal_type_of(other.cues_of([other.span], "deal_type"), [], generic=False)
            if told is not None:
                return told
    return None


# How many sentences above a table's row its header may stand (rows a PDF wrapped are one sentence each)
_HEADER_REACH = 12
# How long a header's line may be (a row's or a prose sentence is longer)
_HEADER_LINE = 80


def _type_in_the_header(reader: ArticleReader, row: Sentence) -> str | None:
    """ "Contract value (EUR million)", «Сумма кредита, млн», «قيمة العقد (مليون دولار)»: a row whose cells name its
    counterparty but no deal takes the type its table's money column names (the nearest short line above it
    without a digit that holds a scale word, with the header's lines above that)."""
    k = next((i for i, s in enumerate(reader.sentences) if s is row), 0)
    above = reader.sentences[max(0, k - _HEADER_REACH):k]
    for j in range(len(above) - 1, -1, -1):
        if is_header_line(reader.text, above[j].span.start, above[j].span.end, _HEADER_LINE):
            block = [above[j]]  # (with the header's lines above it: "Contract value" / "(EUR million)")
            while j - len(block) >= 0 and _headerlike(reader, above[j - len(block)]) and len(block) < 3:
                block.append(above[j - len(block)])
            return deal_type_of([c for s in block for c in s.cues_of([s.span], "deal_type")], [], generic=False)
    return None


def _headerlike(reader: ArticleReader, sentence: Sentence) -> bool:
    return short_digitless(reader.text, sentence.span.start, sentence.span.end, _HEADER_LINE)


def _list_head_type(sentence: Sentence, amount: MoneyMention) -> str | None:
    """ "… will build a cement plant for 25 billion tenge, a logistics centre for 12 billion and a hotel for 8
    billion": an item of a list whose own words name no deal takes the type its head (the clause of the
    sentence's first amount) names."""
    first = min(sentence.amounts, key=lambda a: a.start)
    if first is amount:
        return None
    head = sentence.clause_of(first.number_start)
    if head == sentence.clause_of(amount.number_start):
        head = Span(head.start, first.end)
    if sentence.cues_of([sentence.region_of(first)], "non_deal"):
        return None  # "trade is to grow from $1.8 billion to $5 billion": the head is no deal, nor its items
    return deal_type_of(sentence.cues_of([head], "deal_type") + sentence.cues_of([head], "equipment"), [], generic=False)


# "the U.S. Export-Import Bank, also known as Exim Bank": another name of a side, not a second bank
_ALIAS_BEFORE = re.compile(r"(?:known as|called|\(|или|также)\s*[«\"]?$")


def sector_for(reader: ArticleReader, sentence: Sentence, amount: MoneyMention, own: list[Span],
                shared: list[Span], party: Entity, counterparty: Entity, previous: Sentence | None,
                deal_type: str | None = None) -> str:
    """The amount's own words, then what the sentence says after its last amount ("the EBRD will lend $120
    million, and the ADB $45 million … for new transmission lines": both loans are for the lines), then the
    shared clauses; with none of these, what the sentence before says of the same counterparty ("IFAD will
    finance a $38.4 million irrigation project. Of this, $21.6 million is a loan …"), then the article's topic;
    with nothing at all, a commercial bank's loan is finance."""
    borrower_bank = (party.kind == "bank" and any(m.payload == party for m in sentence.entities)) or any(
        m.payload.kind == "bank" and m.payload.country in ("", party.country) and m.payload != counterparty
        and _ALIAS_BEFORE.search(reader.text, max(0, m.start - 20), m.start) is None
        for m in sentence.entities)  # («установил для ЗАО «Первый микрофинансовый банк» лимит»: a bank of no known home)
    if borrower_bank and (counterparty.kind in FINANCIERS or deal_type == "loan_financing"):
        # a lender's credit line to a Central Asian bank ("to finance farm machinery imports", «для кредитования
        # МСБ»), whoever lends it (a bank, a fund, an impact investor such as Symbiotics): money lent on by a
        # bank is banking, whatever its borrowers will buy
        return "finance_banking"
    last = max(sentence.amounts, key=lambda a: a.end)
    # (only when the last amount is an elliptical item of a list: one with a deal word of its own is another
    # deal, and what follows it is its own: "…, and KTZ signed a $500 million contract for locomotives")
    elliptical = not any(sentence.cues_of([sentence.region_of(last)], kind) for kind in ("deal_type", "status"))
    tail = [Span(last.end, sentence.span.end)] if last is not amount and elliptical else []
    told_before = _sector_told_before(previous, counterparty)
    sector = sector_of(sentence, own, [*tail, *shared], amount.number_start, (party, counterparty),
                       told_before or reader.article_sector, sector_around(reader, sentence))
    commercial_loan = deal_type == "loan_financing" and counterparty.kind == "bank" and counterparty.sector == "finance_banking"
    if sector == "other" and commercial_loan:
        # a commercial bank's loan of which nothing around says what it pays for ("In April we closed a $200
        # million syndicated term loan", «Объем кредита — 75 млн долларов»): the deal is finance itself. Only
        # a bank the gazetteer knows as one: a development bank's loan to a state with no purpose named is
        # budget support, "other", and so may be a lender known only by a description («Венгерский
        # государственный эксимбанк», an export-credit bank)
        return "finance_banking"
    return sector


def _sector_told_before(previous: Sentence | None, counterparty: Entity) -> str | None:
    """The one sector the sentence before names, when it names this counterparty too: the deal it tells goes on."""
    if previous is None or not any(m.payload == counterparty for m in previous.entities):
        return None
    return dominant_sector(previous.cues_of([previous.span], "sector"), least=1)



def _type_of_the_list_frame(reader: ArticleReader, item: Sentence) -> str | None:
    """The type the frame of a list names, for an item that names none: "… signed a framework agreement on three
    investment projects worth $286 million. The list is as follows: a processing complex in Denau — $96 million;
    …"."""
    return next((found for frame in list_frame(reader, item)
                 if (found := deal_type_of(frame.cues_of([frame.span], "deal_type"), [])) is not None), None)
