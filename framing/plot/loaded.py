"""Loaded language by category per outlet (grouped horizontal bars)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, Literal

import numpy as np

from framing.plot.style import (
    finish_axes,
    new_axes,
    outlet_colors,
    outlet_labels,
    plot_style,
    safe_label,
)

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from framing.compare.result import Comparison

__all__ = ["loaded_table", "plot_loaded_terms"]


def loaded_table(comparison: Comparison) -> dict[str, dict[str, dict[str, Any]]]:
    """The JSON ``rates`` records of the loaded-language categories:
    ``{category: {article_id: record}}`` (categories in the JSON's order)."""
    out: dict[str, dict[str, dict[str, Any]]] = {}
    for r in comparison.rates:
        fam, _, cat = r.feature.partition(":")
        if fam == "loaded" and cat:
            out.setdefault(cat, {})[r.article_id] = r.to_dict()
    return out


def plot_loaded_terms(
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    measure: Literal["count", "rate"] = "count",
    title: str | None = "Loaded language by category",
) -> Axes:
    """Grouped horizontal bars: one group per loaded-language category, one bar per outlet.

    ``measure="count"`` plots the JSON rate records' ``count`` (spans in the article);
    ``measure="rate"`` plots their per-sentence ``rate`` with the ``ci`` as error bars.

    Parameters
    ----------
    comparison : Comparison
    ax : matplotlib Axes, optional
    measure : {"count", "rate"}
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    if measure not in ("count", "rate"):
        raise ValueError(f"measure must be 'count' or 'rate'; got {measure!r}.")
    table = loaded_table(comparison)
    cats = list(table)
    ids = comparison.ids
    colors, labels = outlet_colors(comparison), outlet_labels(comparison)
    ax = new_axes(ax, (7.0, 1.6 + 0.22 * max(len(cats), 2) * max(len(ids), 2)))
    with plot_style():
        y = np.arange(len(cats), dtype=float)
        height = 0.8 / max(len(ids), 1)
        for k, aid in enumerate(ids):
            rows = [table[c].get(aid, {"count": 0, "rate": 0.0, "ci": [0.0, 0.0]}) for c in cats]
            vals = np.array([float(r[measure]) for r in rows])
            err = None
            if measure == "rate":
                lo = np.array([float(r["ci"][0]) for r in rows])
                hi = np.array([float(r["ci"][1]) for r in rows])
                err = np.vstack([vals - lo, hi - vals])
            ax.barh(
                y + (k - (len(ids) - 1) / 2) * height,
                vals,
                height * 0.92,
                xerr=err,
                color=colors[aid],
                label=labels[aid],
                capsize=2.0 if err is not None else 0.0,
                error_kw={"elinewidth": 1.0, "ecolor": "#333333"},
                gid=f"loaded:{aid}",
            )
        ax.set_yticks(y, [safe_label(c.replace("_", " ")) for c in cats])
        ax.invert_yaxis()
        ax.set_xlabel(
            "loaded terms (count)" if measure == "count"
            else "loaded terms per sentence (mean, 95% bootstrap CI)"
        )
        finish_axes(
            ax, grid="x", title=title,
            empty_message=None if cats else "no loaded language found",
        )
    return ax
