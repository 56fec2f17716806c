"""Non-deal words around an amount (trade, statistics, budgets …), and when trade words are a deal's purpose
rather than a trade figure. (Split from valued.py.)"""

from __future__ import annotations

import re
from functools import lru_cache

from ..text import Span
from .cues import DEAL_TYPE_PRIORITY
from .lexicon import WORD_START, compiled
from .sentence import Sentence


def trade_at_a_cost(sentence: Sentence, own: Span) -> bool:
    """ "Last year the country imported 3.1 billion kWh, mostly from Kazakhstan and Russia, at a cost the ministry
    puts at $180 million": trade told in the sentence, and the amount's own words name no kind of deal (a cost,
    what a ministry "puts" it at)."""
    if not any(c.payload.value == "trade" for c in sentence.cues_of([sentence.span], "non_deal")):
        return False
    return not any(c.payload.value in (*DEAL_TYPE_PRIORITY, "financing") for c in sentence.cues_of([own], "deal_type"))


# Non-deal words that qualify one figure of their own, which a sentence states beside its deal's value: "bought
# 10% for $150 million, in a deal that values the group at $1.5 billion", "… and a bank guarantee of …"
_OF_ANOTHER_FIGURE = frozenset({"valuation", "guarantee"})


def sentence_says_no_deal(sentence: Sentence, own: Span) -> bool:
    """A non-deal word whose scope is the whole sentence stands in it — but a bond's words ("bookrunner",
    "arranger") do not make a loan the amount's own words name (not mere "finance", which a ministry's name holds)
    into a bond: "Kazzinc has signed a US$300mn
    pre-export finance facility with Natixis, which acted as sole mandated lead arranger and bookrunner"."""
    cues = [c for c in sentence.cues_of([sentence.span], "non_deal") if c.payload.scope == "sentence"]
    if cues and any(c.payload.value == "loan_financing" for c in sentence.cues_of([own], "deal_type")):
        cues = [c for c in cues if c.payload.value != "bond_placement"]
    return bool(cues)


def non_deal_words(sentence: Sentence, own: Span) -> list:
    """The sentence's non-deal words, without trade words when the amount is lent for trade (see _lent_for),
    without a company's capital where a venture is founded (see _founds_a_venture), and without a valuation or a
    guarantee outside the amount's own words (they qualify another figure)."""
    cues = _without_a_ventures_capital(sentence, sentence.cues_of([sentence.span], "non_deal"))
    cues = _without_a_contracts_budget(sentence, own, _overall_only_abroad(sentence, cues))
    cues = _without_a_projects_investment(sentence, own, _without_a_lenders_own_funds(sentence, own, cues))
    cues = [c for c in cues if c.payload.value not in _OF_ANOTHER_FIGURE or own.start <= c.start < own.end]
    if any(c.payload.value == "purchase_contract" for c in sentence.cues_of([own], "deal_type")):
        # "The delivery is worth 1.35 billion roubles; it is paid from the railway's own funds": how the buyer
        # pays a price told in the amount's own words, not a figure of its own money
        cues = [c for c in cues if c.payload.value != "own_funds" or own.start <= c.start < own.end]
    return [c for c in cues if c.payload.value != "trade"] if cues and lent_for(sentence, own) else cues


def _overall_only_abroad(sentence: Sentence, cues: list) -> list:
    """ "In all, X5 Group will spend 90 billion roubles on logistics in 2026", «Всего в 2026 году компания
    направит …», «وإجمالاً ستستثمر المجموعة …»: a company's overall figure where the sentence names no Central Asian
    side and names the company; with a Central Asian side ("In all, the bank will lend Uzbekistan $300 million"),
    or with no one named ("In all, $500 million will be invested in the project": the deal told before), the words
    sum up a Central Asian deal."""
    if not any(c.payload.value == "overall" for c in cues):
        return cues
    named = [m.payload for m in sentence.entities]
    if not any(e.is_central_asian for e in named) and any(e.kind not in ("country", "place") for e in named):
        return cues
    return [c for c in cues if c.payload.value != "overall"]


def _without_a_contracts_budget(sentence: Sentence, own: Span, cues: list) -> list:
    """Without the budget a contract is paid from: "The contract is valued at UZS 312 billion and is financed from
    the state budget" prices the contract its clause names; with no contract there ("the remaining €15 million
    will be financed from the state budget") the budget's money is the state's own share, no deal."""
    if not any(c.payload.value == "budget_source" for c in cues) or not any(
            c.payload.value == "purchase_contract" for c in sentence.cues_of([own], "deal_type")):
        return cues
    return [c for c in cues if c.payload.value != "budget_source"]


# "from its own resources", «из собственных средств», «من موارده الذاتية»: the source a loan is lent from
_LENT_FROM = re.compile(r"(?:\bfrom|\bout of|(?<!\w)из|(?<!\w)за сч[её]т|(?<!\w)من)\s+(?:(?:its|their|the bank's)\s+)?$")


def _without_a_lenders_own_funds(sentence: Sentence, own: Span, cues: list) -> list:
    """Without "own resources" that a loan told before them is lent from: "COFIDES will lend EUR 24 million to
    the joint venture from its own resources" is a loan, where "the company will finance it from its own funds"
    is its own money."""
    funds = [c for c in cues if c.payload.value == "own_funds" and own.start <= c.start < own.end
             and _LENT_FROM.search(sentence.text, max(0, c.start - 20), c.start) is not None]
    if not funds:
        return cues
    lent_before = any(c.payload.value == "loan_financing" and c.start < funds[0].start
                      for c in sentence.cues_of([own], "deal_type"))
    return [c for c in cues if not (lent_before and c in funds)]


def _without_a_ventures_capital(sentence: Sentence, cues: list) -> list:
    """A company's capital ("paid-up capital", «уставный капитал», «رأس المال المدفوع») is a figure of that company,
    not a deal — except the capital of a joint venture the sentence founds ("a joint venture with authorised
    capital of $45m", «уставный капитал СП составит 12 млн долларов»): that is what the partners put in."""
    if not any(c.payload.value == "capital" for c in cues) or not _founds_a_venture(sentence):
        return cues
    return [c for c in cues if c.payload.value != "capital"]


def _founds_a_venture(sentence: Sentence) -> bool:
    return any(c.payload.value == "joint_venture" for c in sentence.cues_of([sentence.span], "deal_type"))


def _without_a_projects_investment(sentence: Sentence, own: Span, cues: list) -> list:
    """ "Foreign direct investment in the project will total $620 million", «Объем прямых иностранных инвестиций
    составит 620 млн долларов», «وسيبلغ حجم الاستثمارات الأجنبية المباشرة 620 مليون دولار», after the sentence that
    tells a company's project: the investment that project will bring, not a statistic. So where the sentence has
    that one amount, its words say what it will come to, and no year, period or state of its own makes it a
    country's figure ("FDI will reach $12 billion in 2026", "FDI into Uzbekistan will total …")."""
    return [] if cues and a_projects_investment(sentence, own, cues) else cues


def a_projects_investment(sentence: Sentence, own: Span, cues: list | None = None) -> bool:
    """Whether the amount's statistic words (``cues``: its non-deal words) tell one project's investment (see
    above); the deal's type is then an investment."""
    cues = sentence.cues_of([own], "non_deal") if cues is None else cues
    return bool(cues) and len(sentence.amounts) == 1 and all(c.payload.value == "macro" for c in cues) and (
        _will_come_to().search(sentence.text, *own) is not None
        and _direct_investment().search(sentence.text, *own) is not None
        and _YEAR.search(sentence.text, *sentence.span) is None and _period().search(sentence.text, *sentence.span) is None
        and not any(e.payload.kind == "country" for e in sentence.entities))


@lru_cache(maxsize=1)
def _direct_investment() -> re.Pattern[str]:
    return compiled(WORD_START + r"{direct_investment}(?!\w)")


@lru_cache(maxsize=1)
def _will_come_to() -> re.Pattern[str]:
    return compiled(WORD_START + r"{will_come_to}(?!\w)")


@lru_cache(maxsize=1)
def _period() -> re.Pattern[str]:
    """ "a year", «в год», «ежегодно», «سنويا»: with a year (``_YEAR``), what makes a figure a country's."""
    return compiled(WORD_START + r"{period_words}(?!\w)")


_YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")


def lent_for(sentence: Sentence, own: Span) -> bool:
    """The amount's own words name a loan or financing: imports it pays for are its purpose."""
    return any(c.payload.value in ("loan_financing", "financing") for c in sentence.cues_of([own], "deal_type"))


def own_non_deal(sentence: Sentence, own: Span) -> bool:
    """The amount's own words name trade, statistics, a budget …; but imports or exports a loan is lent for
    ("a $30 million credit line to finance farm machinery imports", «кредит на финансирование импорта») are
    the loan's purpose, not a trade figure."""
    cues = _without_a_ventures_capital(sentence, sentence.cues_of([own], "non_deal"))
    cues = _without_a_contracts_budget(sentence, own, _overall_only_abroad(sentence, cues))
    cues = _without_a_projects_investment(sentence, own, _without_a_lenders_own_funds(sentence, own, cues))
    if not cues:
        return False
    return not (all(c.payload.value == "trade" for c in cues) and lent_for(sentence, own))


@lru_cache(maxsize=1)
def _programme_of_years() -> re.Pattern[str]:
    return compiled(WORD_START + r"{programme_word}(?:[\s,]+[^\s,.;]+){0,6}?[\s,]+(?:19|20)\d\d\s*[-–—]\s*(?:19|20)?\d\d(?!\d)")


def a_programme_of_years(sentence: Sentence, text: str) -> bool:
    """ "The ministry's development programme for 2026-2030 foresees investments of 3.2 billion manats",
    «Программой развития отрасли на 2022–2028 годы предусмотрено …», «بحسب برنامجها الحكومي للفترة 2022-2028»:
    a state's programme over a span of years, whose figure is a plan of its own spending, not a deal — asked only
    when the sentence names no other side (a loan signed "under the 2026-2030 programme" names its lender)."""
    return _programme_of_years().search(text, *sentence.span) is not None
