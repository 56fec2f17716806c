"""The country → sector → counterparty treemap's boxes, the largest kept and the rest grouped.

Apart from the other aggregates because the treemap prunes its tree (a box per sector and counterparty would be
tens of thousands at 100,000 deals) and that rule is its own.
"""

from __future__ import annotations

import pandas as pd

from .aggregates import MEASURE_COLUMN, Measure, _aggregate, _labels, _value_labels
from .labels import country_label, sector_labels


def treemap_frame(frame: pd.DataFrame, measure: Measure = "value") -> pd.DataFrame:
    """Country → sector → counterparty leaves with their totals (deals without a counterparty as "Unnamed")."""
    return _treemap_leaves(frame, measure, labelled=True)


def _treemap_leaves(frame: pd.DataFrame, measure: Measure, labelled: bool) -> pd.DataFrame:
    named = frame.assign(counterparty=frame["counterparty"].fillna("Unnamed"))
    data = _aggregate(named, ["party_country", "sector", "counterparty"], measure, labelled=labelled)
    data["country"] = _labels(data["party_country"], country_label)
    data["sector_label"] = data["sector"].map(sector_labels())
    return data.reset_index(drop=True)


# Boxes of the treemap: the largest sectors of each country, and the largest counterparties of each of those;
# the rest of each level shares one box. Over 100,000 deals every sector with 5 counterparties was some 560 boxes:
# most too small to read, and drawing them was most of the "Structure" tab's time in Chromium
# (bench/browser_dashboard.py, issue 17); now at most 5 + 5 × (5 + 1) + 25 × 4 = 135.
TREEMAP_SECTORS = 5
TREEMAP_LEAVES = 3


def treemap_nodes(frame: pd.DataFrame, measure: Measure = "value", leaves: int = TREEMAP_LEAVES,
                  sectors: int = TREEMAP_SECTORS) -> pd.DataFrame:
    """Every box of the country → sector → counterparty treemap: ``id``, ``parent``, ``label``, the total and its
    ``value_label``; parents' totals are their children's sums (plotly's ``branchvalues="total"``).

    Only the ``sectors`` largest sectors of each country get a box of their own, the rest of its sectors one
    "N other sectors" box; within a sector, the ``leaves`` largest counterparties get a box and the rest one
    "N other counterparties" box (a box of one "other" is never made: that one keeps its own). With 100,000
    deals a full tree has tens of thousands of leaves, unreadable and slow to draw.
    """
    column = MEASURE_COLUMN[measure]
    columns = ["id", "parent", "label", column, "value_label"]
    data = _treemap_leaves(frame, measure, labelled=False)  # labels for the boxes drawn only, further down
    if data.empty:
        return pd.DataFrame(columns=columns)
    data = data.sort_values([column, "counterparty"], ascending=[False, True], kind="stable")
    data["party_country"] = data["party_country"].fillna("?")  # a deal whose country is unknown: its own branch
    data["branch"] = data["party_country"] + "\t" + data["sector"]
    branch_totals = data.groupby("branch", sort=False).agg(
        country=("party_country", "first"), country_label=("country", "first"), label=("sector_label", "first"),
        total=(column, "sum"))
    branch_totals = branch_totals.sort_values(["total", "label"], ascending=[False, True], kind="stable")
    by_country = branch_totals.groupby("country", sort=False)
    own_branch = (by_country.cumcount() < sectors) | (by_country["total"].transform("size") <= sectors + 1)
    kept = branch_totals[own_branch]
    dropped = branch_totals[~own_branch].groupby("country", sort=False)["total"].agg(["sum", "size"])
    other_sectors = pd.DataFrame({
        "id": dropped.index + "\t~other sectors", "parent": dropped.index,
        "label": [f"{size:,} other sectors" for size in dropped["size"]], column: dropped["sum"],
    })
    data = data[data["branch"].isin(kept.index)]
    by_branch = data.groupby("branch", sort=False)
    own_box = (by_branch.cumcount() < leaves) | (by_branch["branch"].transform("size") <= leaves + 1)  # no box of one "other"
    named = data[own_box].assign(parent=lambda d: d["branch"], label=lambda d: d["counterparty"])
    named["id"] = named["branch"] + "\t" + named["counterparty"]
    rest = data[~own_box].groupby("branch", sort=False)[column].agg(["sum", "size"])
    others = pd.DataFrame({
        "id": rest.index + "\t~others", "parent": rest.index,
        "label": [f"{size:,} other counterparties" for size in rest["size"]], column: rest["sum"],
    })
    sector_boxes = pd.DataFrame({"id": kept.index, "parent": kept["country"], "label": kept["label"], column: kept["total"]})
    countries = _treemap_countries(branch_totals, column)
    nodes = pd.concat([countries, sector_boxes, other_sectors, named[["id", "parent", "label", column]], others],
                      ignore_index=True)
    nodes["value_label"] = _value_labels(nodes[column] if measure == "value" else nodes[column].astype(int), measure)
    return nodes[columns]


def _treemap_countries(branch_totals: pd.DataFrame, column: str) -> pd.DataFrame:
    """The treemap's top level: each Central Asian country and the sum of its sectors."""
    totals = branch_totals.groupby("country", sort=False).agg(label=("country_label", "first"), total=("total", "sum"))
    return pd.DataFrame({"id": totals.index, "parent": "", "label": totals["label"].to_numpy(), column: totals["total"].to_numpy()})
