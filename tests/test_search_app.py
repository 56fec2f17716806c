"""The "Search by meaning" box on the review page and the dashboard (AppTest): literal without a model, saying how
to enable it; by meaning with the tiny offline model; its deals narrow the table, the totals and the charts."""

from __future__ import annotations

import pytest
import streamlit as st
from streamlit.testing.v1 import AppTest
from test_models import tiny_model  # noqa: F401  (session fixture)

from conftest import ROOT
from dealtracker.models import forget_loaded
from dealtracker.models.settings import MODEL_ENV

APP = str(ROOT / "app.py")


@pytest.fixture(autouse=True)
def fresh_caches(tmp_path, monkeypatch):
    monkeypatch.setenv("DEALTRACKER_HOME", str(tmp_path / "home"))
    monkeypatch.delenv("DEALTRACKER_SEARCH_RUNTIME", raising=False)
    st.cache_resource.clear()
    st.cache_data.clear()
    forget_loaded()
    yield
    st.cache_resource.clear()
    forget_loaded()


def _app_with_samples() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=180)
    at.run()
    next(b for b in at.button if b.label == "Load sample articles").click().run()
    assert not at.exception
    return at


def _captions(at: AppTest) -> str:
    return " ".join(c.value for c in at.caption)


def test_without_a_model_the_box_matches_letters_says_how_to_enable_it_and_narrows_the_dashboard(monkeypatch, tmp_path):
    monkeypatch.setenv(MODEL_ENV, str(tmp_path / "no-model"))
    at = _app_with_samples()
    at.switch_page("pages/views/dashboard.py").run()
    deals_before = at.metric[1].value
    at.text_input(key="f_meaning").set_value("Uzbekistan").run()
    assert not at.exception
    text = _captions(at)
    assert "No embedding model" in text and "models prepare" in text and "containing" in text
    assert at.metric[1].value != deals_before
    next(b for b in at.button if b.label == "Reset filters").click().run()
    assert at.text_input(key="f_meaning").value == "" and at.metric[1].value == deals_before


def test_with_a_model_the_box_keeps_the_nearest_deals_on_the_review_page(tiny_model, monkeypatch):  # noqa: F811
    monkeypatch.setenv(MODEL_ENV, str(tiny_model))
    monkeypatch.setenv("DEALTRACKER_SEARCH_EMBEDDINGS", "1")  # the upload embeds its deals
    at = _app_with_samples()
    at.switch_page("pages/views/review.py").run()
    all_rows = len(at.data_editor[0].value)
    at.number_input(key="f_meaning_k").set_value(2).run()
    at.text_input(key="f_meaning").set_value("a loan for a wind farm").run()
    assert not at.exception
    assert "nearest in meaning" in _captions(at) and "No embedding model" not in _captions(at)
    assert all_rows > 2 and len(at.data_editor[0].value) == 2
    assert any("Best 2 matches" in e.label for e in at.expander)
