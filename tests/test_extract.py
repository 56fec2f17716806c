"""The rule engine on the design article, on our own samples, and on small sentences that pin each rule."""

import pytest
from conftest import SAMPLES, expected_samples

from dealtracker.extract.assemble import extract_deals
from dealtracker.fx import rate_for
from dealtracker.ingest import read_document, read_text


def _deals(text: str):
    return extract_deals(read_text(text, source="t.txt"))


def _valued(deals):
    return [d for d in deals if d.amount is not None]


# --- the article the product was designed around (issue 2 acceptance) --------------------------------------

def test_design_article_gives_exactly_the_four_valued_deals(design_article):
    deals = extract_deals(read_document(str(design_article), design_article.read_bytes()))
    got = {
        (d.party_country, d.counterparty, d.counterparty_country, d.amount, d.currency): d
        for d in _valued(deals)
    }
    assert set(got) == {
        ("UZB", "United States", "USA", 100e9, "USD"),
        ("UZB", "Boeing", "USA", 8e9, "USD"),
        ("KAZ", "Wabtec", "USA", 4.2e9, "USD"),
        ("KAZ", "Chevron", "USA", 55e9, "USD"),
    }
    package = got[("UZB", "United States", "USA", 100e9, "USD")]
    assert (package.qualifier, package.deal_type, package.status) == ("more than", "investment", "potential")
    boeing = got[("UZB", "Boeing", "USA", 8e9, "USD")]
    assert (boeing.sector, boeing.deal_type) == ("aviation", "purchase_contract")
    wabtec = got[("KAZ", "Wabtec", "USA", 4.2e9, "USD")]
    assert (wabtec.sector, wabtec.status) == ("transport_logistics", "signed")
    assert got[("KAZ", "Chevron", "USA", 55e9, "USD")].sector == "energy_oil_gas"
    text = design_article.read_text(encoding="utf-8")
    for deal in deals:
        assert text[deal.start:deal.end] == deal.evidence
        assert deal.party in ("Uzbekistan", "Kazakhstan")
    # 22 aircraft, 35,000 jobs, 300 locomotives and the year 2026 are not values
    assert not {d.amount for d in deals} & {22, 35000, 35e3, 300, 2026, 787}


# --- our own samples: every expected deal comes out ---------------------------------------------------------

def _matches(deal, expected) -> bool:
    return (
        deal.party_country == expected["party_country"]
        and deal.currency == expected["currency"]
        and (deal.amount is None) == (expected["amount"] is None)
        and (deal.amount is None or abs(deal.amount - expected["amount"]) <= 0.005 * expected["amount"])
        and (expected["amount"] is not None or deal.counterparty == expected["counterparty"])
    )


SAMPLE_CASES = [(case["file"], deal) for case in expected_samples() for deal in case["deals"]]


@pytest.mark.parametrize("file, expected", SAMPLE_CASES, ids=[f"{f}:{d['counterparty']}" for f, d in SAMPLE_CASES])
def test_sample_deal_is_found_with_its_fields(file, expected):
    path = SAMPLES / file
    deals = extract_deals(read_document(path.name, path.read_bytes()))
    found = [d for d in deals if _matches(d, expected)]
    assert len(found) == 1, [(d.party_country, d.amount, d.currency, d.counterparty) for d in deals]
    deal = found[0]
    assert (deal.counterparty, deal.counterparty_country) == (expected["counterparty"], expected["counterparty_country"])
    assert (deal.deal_type, deal.status, deal.qualifier) == (expected["deal_type"], expected["status"], expected["qualifier"])
    assert path.read_text(encoding="utf-8").count(deal.evidence) or deal.evidence in read_document(path.name, path.read_bytes()).text


def test_samples_have_no_invented_deals_and_mostly_right_sectors():
    extra, sectors_right, sectors_total = [], 0, 0
    for case in expected_samples():
        path = SAMPLES / case["file"]
        deals = extract_deals(read_document(path.name, path.read_bytes()))
        for deal in deals:
            expected = [e for e in case["deals"] if _matches(deal, e)]
            if not expected:
                extra.append((case["file"], deal.amount, deal.counterparty, deal.evidence[:60]))
                continue
            sectors_total += 1
            wanted = expected[0]["sector"]
            sectors_right += deal.sector in (wanted if isinstance(wanted, list) else [wanted])
    assert extra == []
    assert sectors_right / sectors_total >= 0.8, (sectors_right, sectors_total)


# --- rules, one sentence each -------------------------------------------------------------------------------

def test_each_amount_keeps_the_words_of_its_own_clause(monkeypatch):
    # The rules' reading of clauses is under test: the lexical veto (test_lexical_veto.py) doubts a "potential package
    # of more than $10 billion" told with no signing (cases en/ru-a-package-from-one-state-… pin its deal).
    monkeypatch.setenv("DEALTRACKER_RULES_ONLY", "1")
    deals = _valued(_deals(
        "Uzbekistan announced a potential investment package of more than $10 billion from Japan, "
        "including a $2 billion purchase of 30 locomotives from Wabtec."
    ))
    by_amount = {d.amount: d for d in deals}
    assert set(by_amount) == {10e9, 2e9}
    assert (by_amount[10e9].counterparty, by_amount[10e9].status) == ("Japan", "potential")
    assert (by_amount[2e9].counterparty, by_amount[2e9].deal_type) == ("Wabtec", "purchase_contract")
    assert by_amount[2e9].status == "announced"


def test_trade_turnover_and_past_totals_are_not_deals():
    deals = _deals(
        "Trade turnover between Kazakhstan and China reached $40 billion last year. "
        "The EBRD has invested more than €10 billion in Kazakhstan since 1993."
    )
    assert _valued(deals) == []


def test_headline_and_body_reporting_one_deal_give_one_deal():
    deals = _deals(
        "ADB lends $27 million to Kyrgyzstan for water\n"
        "The Asian Development Bank signed a $27 million loan with the Kyrgyz Republic to rebuild water pipes."
    )
    assert [(d.amount, d.counterparty, d.deal_type, d.status) for d in deals] == [
        (27e6, "Asian Development Bank", "loan_financing", "signed")
    ]


def test_signed_memorandum_without_value_is_a_deal():
    deals = _deals("Kazakhtelecom and Huawei signed a memorandum of understanding on data centres in Almaty.")
    assert [(d.party, d.counterparty, d.amount, d.deal_type, d.status) for d in deals] == [
        ("Kazakhtelecom", "Huawei", None, "agreement_mou", "signed")
    ]


def test_meetings_are_not_deals():
    assert _deals("President Tokayev held meetings with Chevron, Citigroup and ExxonMobil in New York.") == []


def test_currency_is_converted_with_the_rate_table():
    (deal,) = _deals("Kazakhstan Temir Zholy signed a contract with Alstom worth 45 billion tenge.")
    # no date in the sentence nor on the pasted text: the latest rate (tests/test_fx.py has the dated ones)
    assert deal.currency == "KZT" and deal.value_usd == pytest.approx(45e9 * rate_for("KZT", None).usd_per_unit, rel=1e-6)


def test_russian_sentence_with_passive_signing():
    (deal,) = _valued(_deals(
        "Соглашения по новым проектам общей стоимостью более 20 миллиардов долларов были подписаны "
        "во время визита президента России в Узбекистан."
    ))
    assert (deal.party_country, deal.counterparty_country, deal.qualifier, deal.status) == ("UZB", "RUS", "more than", "signed")


def test_deal_ids_are_stable_across_runs_and_sources():
    text = "The EBRD signed a $10 million loan with Bank Arvand of Tajikistan."
    first = extract_deals(read_text(text, source="a.txt"))
    second = extract_deals(read_text(text, source="b.txt"))
    assert [d.deal_id for d in first] == [d.deal_id for d in second] != []


def test_an_organisation_in_no_gazetteer_is_kept_as_written_with_its_country():
    (deal,) = _deals("Uzbekistan's Navoi MMC signed a $120 million supply contract with China's Jiangsu Haitong Corp.")
    assert (deal.counterparty, deal.counterparty_country, deal.deal_type) == ("Jiangsu Haitong Corp.", "CHN", "purchase_contract")


def test_a_stated_dollar_equivalent_is_one_deal_valued_as_stated():
    (deal,) = _deals("وقّعت أكوا باور اتفاقية لبيع الكهرباء إلى أوزبكستان بقيمة 985.13 مليون ريال سعودي، أي ما يعادل 262.7 مليون دولار.")
    assert (deal.amount, deal.currency, deal.value_usd) == (985.13e6, "SAR", 262.7e6)


def test_object_is_the_count_and_equipment_as_written():
    (deal,) = _deals("Uzbekistan Airways signed a $3 billion contract with Boeing for 12 Boeing 787-9 Dreamliner aircraft.")
    assert deal.object == "12 Boeing 787-9 Dreamliner aircraft"
