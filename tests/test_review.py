"""The review page: the editor's change callback saves edits to the store; the evidence view is safe."""

from __future__ import annotations

from conftest import ROOT, SAMPLES
from streamlit.testing.v1 import AppTest

from components.evidence import render_marked_text
from components.text import markdown_text
from dealtracker.highlight import Mark, deal_marks
from dealtracker.pipeline import process_documents
from dealtracker.store import Store, default_url


def _seed_store() -> Store:
    store = Store(default_url())
    paths = [SAMPLES / "en_kazakhstan_wind_loan.txt", SAMPLES / "ar_uzbekistan_solar.txt"]
    store.ingest(process_documents([(p.name, p.read_bytes()) for p in paths]))
    return store


def test_review_page_shows_an_editor_and_the_marked_article():
    _seed_store()
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/views/review.py").run()
    assert not at.exception
    assert len(at.data_editor) == 1 and len(at.data_editor[0].value) >= 4
    html = next(h for h in at.get("html"))
    assert 'dir="auto"' in html.proto.body and "<mark" in html.proto.body


def _callback_app():
    """The editor exactly as the review page draws it, and its callback run as Streamlit runs it."""
    import streamlit as st

    from components.review_editor import render_review_editor, save_edits
    from components.store import get_store

    key = render_review_editor(get_store().deals())
    st.session_state["drawn_editor_key"] = key
    if st.session_state.get("simulate_change"):
        st.session_state["simulate_change"] = False
        save_edits(key)
    st.write(str(st.session_state.get(key)))


def test_editor_change_callback_saves_edits_and_they_survive_a_restart_and_re_ingest():
    store = _seed_store()
    at = AppTest.from_function(_callback_app, default_timeout=120)
    at.run()
    rows = at.data_editor[0].value
    edited, rejected = rows["deal_id"][0], rows["deal_id"][1]
    at.session_state[at.session_state["drawn_editor_key"]] = {
        "edited_rows": {0: {"counterparty": "Edited Bank", "sector": "finance_banking"}, 1: {"rejected": True}},
        "added_rows": [],
        "deleted_rows": [],
    }
    at.session_state["simulate_change"] = True
    at.run()
    assert not at.exception
    at.run()  # the notice of the rejection shows on the run after the save
    assert any("Deal rejected" in t.value for t in at.toast)
    store.close()
    restarted = Store(default_url())
    paths = [SAMPLES / "en_kazakhstan_wind_loan.txt", SAMPLES / "ar_uzbekistan_solar.txt"]
    restarted.ingest(process_documents([(p.name, p.read_bytes()) for p in paths]))
    after = restarted.deals().set_index("deal_id")
    assert after.loc[edited, "counterparty"] == "Edited Bank"
    assert after.loc[edited, "sector"] == "finance_banking"
    assert bool(after.loc[rejected, "rejected"])


def test_invalid_edit_is_refused_with_a_message():
    _seed_store()
    at = AppTest.from_function(_callback_app, default_timeout=120)
    at.run()
    at.session_state[at.session_state["drawn_editor_key"]] = {"edited_rows": {0: {"sector": "space"}}, "added_rows": [], "deleted_rows": []}
    at.session_state["simulate_change"] = True
    at.run()
    at.run()
    assert any("Not saved" in e.value for e in at.error)


def test_marked_text_escapes_html_and_nests_marks():
    text = 'Intro. <script>alert(1)</script> The EBRD signed a $10 million loan with Kazakhstan.'
    start = text.index("The EBRD")
    deal = {"start": start, "end": len(text), "party": "Kazakhstan", "counterparty": "European Bank for Reconstruction and Development",
            "amount": 10e6, "language": "en"}
    marks = deal_marks(text, deal)
    assert {m.kind for m in marks} == {"evidence", "party", "counterparty", "amount"}
    html = render_marked_text(text, marks)
    assert "<script>" not in html and "&lt;script&gt;" in html
    assert html.index("<mark") < html.index('title="counterparty"') < html.index("</mark>")


def test_marks_are_found_in_arabic_script():
    text = "وقّعت شركة أكوا باور السعودية ووزارة الطاقة الأوزبكية اتفاقية استثمار بقيمة 1.1 مليار دولار."
    deal = {"start": 0, "end": len(text), "party": "Uzbekistan", "counterparty": "ACWA Power", "amount": 1.1e9, "language": "ar"}
    kinds = {m.kind: text[m.start:m.end] for m in deal_marks(text, deal)}
    assert "أكوا باور" in kinds["counterparty"] and "1.1 مليار دولار" in kinds["amount"]
    assert Mark(0, len(text), "evidence") in deal_marks(text, deal)


def test_a_deal_added_by_hand_is_stored_as_human():
    at = AppTest.from_file(str(ROOT / "app.py"), default_timeout=120)
    at.run()
    at.switch_page("pages/views/review.py").run()
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Party (Central Asian side)"].set_value("Navoi Mining and Metallurgical Company")
    form_inputs["Counterparty"].set_value("Rio Tinto")
    form_inputs["Counterparty country (ISO alpha-3, INT for multilateral)"].set_value("gbr")
    next(n for n in at.number_input if n.label.startswith("Amount")).set_value(250e6)
    at.text_area[0].set_value("Reported by the company's annual report, p. 12")
    form_inputs["Date (YYYY, YYYY-MM or YYYY-MM-DD)"].set_value("2025-13")
    next(b for b in at.button if b.label == "Add deal").click().run()
    # nothing is preselected, and a date that is no date is refused: nothing is stored, and the reasons are said
    assert not at.exception and Store(default_url()).deals().empty
    reasons = " ".join(e.value for e in at.error)
    assert "choose the country, sector, type, status" in reasons
    assert markdown_text("'2025-13' is not a calendar date") in reasons  # (what was typed is shown as text)
    choices = {s.label: s for s in at.selectbox}
    choices["Country"].set_value("UZB")
    choices["Sector"].set_value("mining_metals")
    choices["Type"].set_value("investment")
    choices["Status"].set_value("announced")
    form_inputs = {t.label: t for t in at.text_input}
    form_inputs["Party (Central Asian side)"].set_value("Navoi Mining and Metallurgical Company")
    form_inputs["Counterparty"].set_value("Rio Tinto")
    form_inputs["Counterparty country (ISO alpha-3, INT for multilateral)"].set_value("gbr")
    form_inputs["Date (YYYY, YYYY-MM or YYYY-MM-DD)"].set_value("2025-03")
    next(n for n in at.number_input if n.label.startswith("Amount")).set_value(250e6)
    at.text_area[0].set_value("Reported by the company's annual report, p. 12")
    next(b for b in at.button if b.label == "Add deal").click().run()
    assert not at.exception
    deals = Store(default_url()).deals()
    (row,) = deals.itertuples()
    assert (row.party, row.counterparty, row.counterparty_country, row.amount, row.value_usd) == (
        "Navoi Mining and Metallurgical Company", "Rio Tinto", "GBR", 250e6, 250e6
    )
    assert "counterparty" in row.edited_fields
    assert (row.party_country, row.sector, row.date) == ("UZB", "mining_metals", "2025-03")


def test_the_grid_shows_values_as_everywhere_else_and_takes_them_back_in_the_same_words():
    """One value format everywhere ("$4.2B", not "$4,200,000,000.00"); a value typed as "3.5B" is saved as
    3.5e9; the value as drawn committed again changes nothing (it is rounded: the exact figure stays); a value
    that is not one is refused with a message, and the other edits of its row are saved."""
    from components.review_editor import parse_usd
    from dealtracker.analytics import format_usd

    store = _seed_store()
    at = AppTest.from_function(_callback_app, default_timeout=120)
    at.run()
    rows = at.data_editor[0].value
    stored = store.deals().set_index("deal_id")
    assert list(rows["value_usd"]) == [None if v != v else format_usd(v) for v in stored.loc[rows["deal_id"], "value_usd"]]
    assert all(v is None or (v.startswith("$") and not v.endswith(".00")) for v in rows["value_usd"])
    first, second, third = rows["deal_id"][0], rows["deal_id"][1], rows["deal_id"][2]
    exact = stored.loc[second, "value_usd"]
    at.session_state[at.session_state["drawn_editor_key"]] = {
        "edited_rows": {0: {"value_usd": "3.5B"}, 1: {"value_usd": rows["value_usd"][1], "counterparty": "Kept Bank"},
                        2: {"value_usd": "4,2B", "counterparty": "Third Bank"}},
        "added_rows": [], "deleted_rows": [],
    }
    at.session_state["simulate_change"] = True
    at.run()
    at.run()
    after = Store(default_url()).deals().set_index("deal_id")
    assert after.loc[first, "value_usd"] == 3.5e9
    assert after.loc[second, "value_usd"] == exact and after.loc[second, "counterparty"] == "Kept Bank"
    assert after.loc[third, "counterparty"] == "Third Bank"  # the row's other edit is kept ...
    assert str(after.loc[third, "value_usd"]) == str(stored.loc[third, "value_usd"])  # (nan too)
    assert any("Not saved" in e.value and "4,2B" in e.value for e in at.error)  # ... and the refused value named
    assert [parse_usd(t) for t in ("$4.2B", "185.2M", "950k", "4,200,000,000", "US$ 12 mn", "")] == [
        4.2e9, 185.2e6, 950e3, 4.2e9, 12e6, None]
