"""The dashboard over a large store: its charts in groups, one group (or the deals table) run and drawn at a time.

A store of ``GROUPED_FROM`` deals is slow to build, so the threshold is lowered to the samples' size here; what
is checked is the layout and that every chart stays reachable, not the speed (``bench/browser_dashboard.py``).
"""

import pytest
from conftest import ROOT
from streamlit.testing.v1 import AppTest

from components import chart_grid, chart_registry
from components.chart_registry import CHARTS

APP = str(ROOT / "app.py")
GROUPS = {group: {spec.id for spec in CHARTS if spec.group == group} for group in chart_registry.GROUPS}


@pytest.fixture
def dashboard(monkeypatch):
    monkeypatch.setattr(chart_grid, "GROUPED_FROM", 1)
    at = AppTest.from_file(APP, default_timeout=120)
    at.run()
    next(b for b in at.button if b.label == "Load sample articles").click().run()
    assert not at.exception
    at.switch_page("pages/views/dashboard.py").run()
    assert not at.exception
    return at


def _chart_keys(at: AppTest) -> set[str]:
    return {chart.key for chart in at.get("plotly_chart")}


def test_one_group_at_a_time_and_every_chart_reachable(dashboard):
    at = dashboard
    assert [tab.label for tab in at.tabs] == [*GROUPS, chart_grid.DEALS_TAB]
    assert _chart_keys(at) == GROUPS["Countries and sectors"] and not at.dataframe  # the first group only
    seen = set()
    for label, keys in GROUPS.items():
        at.session_state["chart_group"] = label
        at.run()
        assert not at.exception and _chart_keys(at) == keys, label
        seen |= keys
    assert seen == {spec.id for spec in CHARTS}
    at.session_state["chart_group"] = chart_grid.DEALS_TAB
    at.run()
    assert not at.exception and not _chart_keys(at)
    assert len(at.dataframe[0].value) == int(at.metric[1].value.replace(",", ""))  # every counted deal listed


def test_a_filter_keeps_the_open_group(dashboard):
    at = dashboard
    at.session_state["chart_group"] = "Structure"
    at.run()
    at.multiselect(key="f_country").set_value(["KAZ"]).run()
    assert not at.exception and _chart_keys(at) == GROUPS["Structure"]
