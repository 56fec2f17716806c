"""The learned layer's features (issue 15): what ``candidate_features`` says about one money mention."""

from __future__ import annotations

import math

from dealtracker.extract.candidate_features import candidate_features, candidates
from dealtracker.extract.reader import ArticleReader
from dealtracker.schema import Article


def features_of(text: str, language: str = "en", which: int = 0, **rules) -> dict[str, float]:
    reader = ArticleReader(Article(source="t.txt", text=text, language=language))
    found = list(candidates(reader))
    index, _sentence, amount = found[which]
    return candidate_features(reader, index, amount, **rules)


HEADLINE = "Uzbekistan signs loan with ADB\n\n"


def test_a_foreign_organisation_in_the_amounts_own_clause_is_flagged():
    f = features_of(HEADLINE + "Uzbekistan signed a $300 million loan agreement with the Asian Development Bank.")
    assert f["own_foreign_org"] == 1.0
    assert f["own_financier"] == 1.0
    assert f["sent_ca"] == 1.0
    assert f["own_deal_type_loan_financing"] == 1.0
    assert f["own_status_signed"] == 1.0 or f["sent_status_signed"] == 1.0
    assert f["currency_usd"] == 1.0 and f["currency_local"] == 0.0
    assert math.isclose(f["log10_usd"], math.log10(300e6))
    assert f["first_paragraph"] == 1.0 and f["headline"] == 0.0


def test_a_count_of_many_projects_is_flagged():
    f = features_of(HEADLINE + "Kazakhstan intends to carry out more than 70 projects worth $1.6 billion.")
    assert f["sent_many_items"] == 1.0
    assert f["own_foreign_org"] == 0.0 and f["sent_foreign_state"] == 0.0
    assert f["qualifier_more_than"] == 0.0  # "more than" qualifies the count, not the amount


def test_a_local_currency_a_trade_figure_and_years():
    f = features_of(HEADLINE + "In 2023 trade turnover between Kazakhstan and China reached 500 billion tenge, up from 2021.")
    assert f["currency_local"] == 1.0
    assert f["sent_non_deal_trade"] == 1.0 and f["sent_non_deal_any"] == 1.0
    assert f["years_in_sentence"] == 2.0
    assert f["sent_foreign_state"] == 1.0


def test_position_counts_and_the_rules_decision_pass_through():
    text = ("Tajikistan gets $50 million from the World Bank\n\n"
            "The World Bank approved a $50 million grant for Tajikistan, and $20 million more for roads.")
    headline = features_of(text, which=0, rule_deal=True, rule_raw=True, rule_confidence=0.7)
    assert headline["headline"] == 1.0 and headline["first_paragraph"] == 0.0
    assert headline["rule_deal"] == 1.0 and headline["rule_raw"] == 1.0 and headline["rule_confidence"] == 0.7
    assert headline["same_value_elsewhere"] == 1.0
    body = features_of(text, which=2)
    assert body["amounts_in_sentence"] == 2.0 and body["first_in_sentence"] == 0.0
    assert body["largest_in_sentence"] == 0.0 and body["rule_deal"] == 0.0


def test_features_do_not_depend_on_the_language_of_the_words():
    english = features_of(HEADLINE + "Uzbekistan signed a $300 million loan agreement with the Asian Development Bank.")
    russian = features_of("Узбекистан и АБР\n\nУзбекистан подписал с Азиатским банком развития кредитное соглашение на $300 млн.",
                          language="ru")
    assert set(english) == set(russian)
    assert russian["own_deal_type_loan_financing"] + russian["sent_deal_type_loan_financing"] >= 1.0
    assert russian["sent_foreign_org"] == 1.0 and russian["sent_ca"] == 1.0
