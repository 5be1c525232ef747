"""Feature rates per outlet with their bootstrap confidence intervals (grouped bars)."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.compare.deltas import feature_label
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

__all__ = ["DEFAULT_FEATURES", "plot_feature_rates", "rate_table"]

#: Features shown by default (those present in the comparison's rates, in this order).
DEFAULT_FEATURES: tuple[str, ...] = (
    "hedge",
    "booster",
    "loaded",
    "attribution:source:anonymous",
    "attribution:source:vague",
    "attribution:content:direct",
    "tone:negative",
    "tone:positive",
)


def rate_table(
    comparison: Comparison, features: Sequence[str] | None = None
) -> dict[str, dict[str, dict[str, Any]]]:
    """The JSON ``rates`` records by feature then article id (``{feature: {id: record}}``).

    Parameters
    ----------
    comparison : Comparison
    features : sequence of str, optional
        Feature keys to keep, in this order; default :data:`DEFAULT_FEATURES` (the ones
        present).
    """
    records = [r.to_dict() for r in comparison.rates]
    by_feature: dict[str, dict[str, dict[str, Any]]] = {}
    for r in records:
        by_feature.setdefault(str(r["feature"]), {})[str(r["article_id"])] = r
    wanted = list(features) if features is not None else list(DEFAULT_FEATURES)
    missing = [f for f in wanted if f not in by_feature] if features is not None else []
    if missing:
        raise KeyError(
            f"no rates for {missing}; the comparison has {sorted(by_feature)}."
        )
    return {f: by_feature[f] for f in wanted if f in by_feature}


def plot_feature_rates(
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    features: Sequence[str] | None = None,
    title: str | None = "Feature rates per sentence, by outlet",
) -> Axes:
    """Grouped bars of per-sentence feature rates, one bar per outlet, with 95% bootstrap CIs.

    Bar heights are the ``rate`` of the comparison's JSON ``rates`` records and the error
    bars span their ``ci``; bars are coloured by outlet (:func:`outlet_colors`).

    Parameters
    ----------
    comparison : Comparison
    ax : matplotlib Axes, optional
        Draw into these axes; default a new figure.
    features : sequence of str, optional
        Feature keys (``"hedge"``, ``"loaded:secrecy"``, ``"attribution:source:anonymous"``
        ...); default the ones of :data:`DEFAULT_FEATURES` present in the comparison.
    title : str, optional
        Axes title (``None`` for none).

    Returns
    -------
    matplotlib.axes.Axes
    """
    table = rate_table(comparison, features)
    ids = comparison.ids
    colors, labels = outlet_colors(comparison), outlet_labels(comparison)
    keys = list(table)
    ax = new_axes(ax, (max(6.0, 1.1 * len(keys) * max(len(ids), 2) / 2 + 2), 4.2))
    with plot_style():
        x = np.arange(len(keys), dtype=float)
        width = 0.8 / max(len(ids), 1)
        for k, aid in enumerate(ids):
            rows = [table[f][aid] for f in keys]
            heights = np.array([float(r["rate"]) for r in rows])
            lo = np.array([float(r["ci"][0]) for r in rows])
            hi = np.array([float(r["ci"][1]) for r in rows])
            ax.bar(
                x + (k - (len(ids) - 1) / 2) * width,
                heights,
                width * 0.92,
                yerr=np.vstack([heights - lo, hi - heights]),
                color=colors[aid],
                label=labels[aid],
                capsize=2.5,
                error_kw={"elinewidth": 1.0, "ecolor": "#333333"},
                gid=f"rates:{aid}",
            )
        ax.set_xticks(x, [safe_label(textwrap.fill(feature_label(f), 14)) for f in keys])
        ax.set_ylabel("per sentence (mean, 95% bootstrap CI)")
        ax.set_ylim(bottom=0)
        finish_axes(ax, grid="y", title=title)
    return ax
