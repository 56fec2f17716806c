"""The dashboard's KPI row (``components/kpis.py``): the four figures of ``dealtracker.analytics.kpis`` over the
deals the sidebar's filters and the chart filters keep, drawn as the dashboard draws them."""

from __future__ import annotations

from conftest import SAMPLES
from streamlit.testing.v1 import AppTest

from dealtracker.analytics import Filters, apply_filters, format_usd, kpis
from dealtracker.crossfilter import CrossFilter, apply_cross_filters
from dealtracker.doubts import with_checks
from dealtracker.pipeline import process_documents
from dealtracker.store import Store, default_url

KAZAKHSTAN = CrossFilter("chart_map", (("party_country", ("KAZ",)),))


def _kpi_app():
    import streamlit as st

    from components.kpis import render_kpis
    from dealtracker.analytics import Filters
    from dealtracker.crossfilter import CrossFilter

    active = [CrossFilter("chart_map", (("party_country", ("KAZ",)),))] if st.session_state.get("narrowed") else []
    figures = render_kpis(Filters(), active)
    st.session_state["returned_deals"] = figures.deals


def _expected(narrowed: bool) -> list[str]:
    stored = with_checks(Store(default_url()).deals(include_rejected=False))
    shown = apply_cross_filters(apply_filters(stored, Filters()), [KAZAKHSTAN] if narrowed else [])
    figures = kpis(shown)
    return [format_usd(figures.total_value_usd), f"{figures.deals:,}", f"{figures.counterparties:,}",
            format_usd(figures.largest_value_usd)]


def test_the_kpi_row_shows_the_figures_of_the_deals_the_filters_and_the_chart_filters_keep():
    paths = sorted(p for p in SAMPLES.iterdir() if p.suffix == ".txt")[:6]
    Store(default_url()).ingest(process_documents([(p.name, p.read_bytes()) for p in paths]))
    at = AppTest.from_function(_kpi_app, default_timeout=120)
    at.run()
    assert not at.exception
    assert [m.label for m in at.metric] == ["Total value", "Deals", "Counterparties", "Largest deal"]
    assert [m.value for m in at.metric] == _expected(narrowed=False)
    assert at.session_state["returned_deals"] == int(at.metric[1].value.replace(",", ""))
    at.session_state["narrowed"] = True
    at.run()
    assert not at.exception and [m.value for m in at.metric] == _expected(narrowed=True)
    assert _expected(narrowed=True) != _expected(narrowed=False)
