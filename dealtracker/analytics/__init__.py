"""Deals → filtered, aggregated frames for the tables and charts (no plotting, no streamlit).

Everything a chart shows is computed here by plain functions, so totals are unit-tested against
hand-computed figures and the app only draws what it is given.

One job per module: ``filters.py`` (the aggregation rule and the person's selections, as masks),
``aggregates.py`` (totals per country, sector, deal type, period, counterparty, flow, map side; KPIs),
``treemap.py`` (the pruned country → sector → counterparty boxes), ``missing.py`` (what a chart cannot place)
and ``labels.py`` (vocabulary labels, sector colours, country names, USD formatting). The deal frame itself lives
beside the schema (``dealtracker.deal_frame``). Every name is imported from here.
"""

from ..deal_frame import deals_frame
from .aggregates import (
    MEASURE_COLUMN,
    Kpis,
    Measure,
    Summary,
    by_country_and_sector,
    by_deal_type,
    by_sector,
    country_order,
    country_sector_matrix,
    flows,
    kpis,
    map_totals,
    over_time,
    summarise,
    top_counterparties,
    totals_order,
    unmapped_total,
)
from .filters import (
    Filters,
    apply_filters,
    countable,
    countable_mask,
    deal_dates,
    flagged_left_out,
    select,
    selection_mask,
)
from .labels import country_label, format_usd, sector_colours, sector_labels, vocabulary_labels
from .missing import Missing, left_out_by_date, undated
from .treemap import TREEMAP_LEAVES, TREEMAP_SECTORS, treemap_frame, treemap_nodes

__all__ = [
    "MEASURE_COLUMN",
    "TREEMAP_LEAVES",
    "TREEMAP_SECTORS",
    "Filters",
    "Kpis",
    "Measure",
    "Missing",
    "Summary",
    "apply_filters",
    "by_country_and_sector",
    "by_deal_type",
    "by_sector",
    "countable",
    "countable_mask",
    "country_label",
    "country_order",
    "country_sector_matrix",
    "deal_dates",
    "deals_frame",
    "flagged_left_out",
    "flows",
    "format_usd",
    "kpis",
    "left_out_by_date",
    "map_totals",
    "over_time",
    "sector_colours",
    "sector_labels",
    "select",
    "selection_mask",
    "summarise",
    "top_counterparties",
    "totals_order",
    "treemap_frame",
    "treemap_nodes",
    "undated",
    "unmapped_total",
    "vocabulary_labels",
]
