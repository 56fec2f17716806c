"""What the dashboard keeps between reruns (issue 17): the deals table once per server process, shared and never
changed by a caller; figures by the store's revision and the filters; and, per session, no deals at all."""

from __future__ import annotations

from dataclasses import replace

import pandas as pd
import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from components import chart_grid, chart_registry, charts, session
from dealtracker.analytics import Filters, apply_filters
from dealtracker.doubts import with_checks
from dealtracker.store import Store, default_url

APP = str(ROOT / "app.py")


@pytest.fixture
def dashboard() -> AppTest:
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    next(b for b in at.button if b.label == "Load sample articles").click().run()
    at.switch_page("pages/views/dashboard.py").run()
    assert not at.exception
    return at


def test_the_stored_deals_are_read_once_and_a_caller_cannot_change_them_for_others(dashboard):
    first = session.deals()
    first["party"] = "changed by one caller"  # a caller's change stays its own (a shallow copy, copy on write)
    del first["evidence"]
    again = session.deals()
    assert "evidence" in again.columns and not (again["party"] == "changed by one caller").any()
    stored = with_checks(Store(default_url()).deals(include_rejected=False))
    pd.testing.assert_frame_equal(again, stored)
    assert again is not session.deals()  # each caller its own frame object ...
    shared = session.deals_frame(*session.current())
    assert session.deals_frame(*session.current()) is shared  # ... over one table, not read again


def test_the_charts_keep_no_deals_with_the_session(dashboard, monkeypatch):
    """The charts' fragment is kept with each session (its arguments, to rerun it alone): strings and filters, never
    a frame, and no page function whose module holds the page's frames."""
    kept = []
    fragment = chart_grid._charts
    monkeypatch.setattr(chart_grid, "_charts", lambda *args: (kept.append(args), fragment(*args))[1])
    monkeypatch.setattr(chart_grid, "GROUPED_FROM", 1)  # the deals table in a tab: the function is kept too
    dashboard.run()
    assert not dashboard.exception and kept
    for argument in kept[-1]:
        assert not isinstance(argument, (pd.DataFrame, pd.Series))
        if callable(argument):
            assert argument.__module__.startswith("components."), argument  # a component, not a page's function


def test_a_figure_is_built_once_per_revision_and_filters_and_again_after_a_store_change(dashboard, monkeypatch):
    built = []
    heatmap = charts.heatmap_figure
    sector = chart_registry.BY_ID["chart_sector"]
    monkeypatch.setitem(chart_registry.BY_ID, "chart_sector", replace(
        sector, build=lambda data, measure, _: (built.append(len(data)), charts.sector_figure(data, measure))[1]))
    chart_grid._drawing.clear()
    dashboard.run()
    dashboard.run()
    assert len(built) == 1  # the second rerun took the figure from the cache
    dashboard.multiselect(key="f_country").set_value(["KAZ"]).run()
    dashboard.multiselect(key="f_country").set_value([]).run()
    assert len(built) == 2  # one more filter state; back to the first one: cached
    deals = dashboard.metric[1].value
    store = Store(default_url())
    store.update_deal(store.deals(include_rejected=False)["deal_id"].iloc[0], {"rejected": True})
    dashboard.run()
    assert not dashboard.exception and len(built) == 3 and dashboard.metric[1].value != deals  # a new revision
    assert heatmap is charts.heatmap_figure


def test_a_download_later_gives_the_deals_shown(dashboard):
    """The dashboard's download buttons keep a function of the filters, not the deals: asked later, it gives the
    deals the totals count."""
    filters = Filters(countries=("KAZ",))
    stored = with_checks(Store(default_url()).deals(include_rejected=False))
    expected = apply_filters(stored, filters)
    pd.testing.assert_frame_equal(chart_grid._shown(filters, ()).reset_index(drop=True), expected.reset_index(drop=True))


def test_imported_objects_are_frozen_once_per_new_import(monkeypatch):
    """Streamlit's collection after every run walks every object alive; the imported code is frozen out of it,
    again only when something new was imported (components/process.py)."""
    import gc
    import sys
    import types

    from components import process

    process.freeze_imported_objects()
    frozen = gc.get_freeze_count()
    assert frozen > 0
    process.freeze_imported_objects()
    assert gc.get_freeze_count() == frozen  # nothing new imported: nothing done
    monkeypatch.setitem(sys.modules, "imported_since", types.ModuleType("imported_since"))
    kept = [object() for _ in range(10)], {"a": [1]}  # alive now: frozen with the next call
    process.freeze_imported_objects()
    assert gc.get_freeze_count() > frozen and kept
