"""Outlet profiles over many stories: per-outlet means of article metrics with their CIs.

Unlike the other figures, which show one comparison, this one shows a table of per-outlet
statistics over a collection (for instance BASIL events, see
``analyses/02_outlets_basil.ipynb``): :func:`outlet_profile` computes it from per-article
values, :func:`plot_outlet_profile` draws it.
"""

from __future__ import annotations

import textwrap
from collections.abc import Callable, Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.compare.deltas import bootstrap_mean_ci
from framing.plot.style import OKABE_ITO, new_axes, plot_style, safe_label

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from framing.types import FeatureSet

__all__ = ["PROFILE_COLUMNS", "outlet_profile", "plot_outlet_profile"]

#: Columns of the profile table.
PROFILE_COLUMNS = ("outlet", "metric", "n", "mean", "ci_low", "ci_high")


def outlet_profile(
    features: Iterable[FeatureSet],
    metrics: Mapping[str, Callable[[FeatureSet], float]],
    *,
    n_boot: int = 2000,
    seed: int = 0,
) -> Any:
    """Per outlet and metric: mean of the per-article values with a bootstrap 95% CI.

    Parameters
    ----------
    features : iterable of FeatureSet
        The articles (their ``article.outlet`` groups them).
    metrics : Mapping of str to callable
        Name -> function of one article (for instance
        :data:`framing.evaluate.comparison.OUTLET_METRICS`).
    n_boot, seed : int
        Bootstrap draws (articles resampled within the outlet) and seed.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`PROFILE_COLUMNS`; outlets in order of first appearance.
    """
    import pandas as pd

    values: dict[str, dict[str, list[float]]] = {}
    for fs in features:
        per = values.setdefault(fs.article.outlet, {m: [] for m in metrics})
        for name, fn in metrics.items():
            per[name].append(float(fn(fs)))
    rows = []
    for outlet, per in values.items():
        for name in metrics:
            arr = np.asarray(per[name], dtype=float)
            lo, hi = bootstrap_mean_ci(arr, n_boot=n_boot, seed=seed)
            rows.append((outlet, name, len(arr), float(arr.mean()) if len(arr) else 0.0, lo, hi))
    return pd.DataFrame(rows, columns=list(PROFILE_COLUMNS))


def plot_outlet_profile(
    profile: Any,
    ax: Axes | None = None,
    *,
    outlets: Sequence[str] | None = None,
    title: str | None = "Outlet profile (mean per article, 95% bootstrap CI)",
) -> Axes:
    """Grouped bars of an outlet profile: one group per metric, one bar per outlet.

    Parameters
    ----------
    profile : pandas.DataFrame
        With columns ``outlet, metric, mean, ci_low, ci_high`` (see :func:`outlet_profile`).
    ax : matplotlib Axes, optional
    outlets : sequence of str, optional
        Outlet order (and so colours, Okabe–Ito in this order); default first appearance.
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    missing = {"outlet", "metric", "mean", "ci_low", "ci_high"} - set(profile.columns)
    if missing:
        raise ValueError(f"the profile table lacks the column(s) {sorted(missing)}.")
    order = list(outlets) if outlets is not None else list(dict.fromkeys(profile["outlet"]))
    metrics = list(dict.fromkeys(profile["metric"]))
    cell = {(r.outlet, r.metric): r for r in profile.itertuples(index=False)}
    ax = new_axes(ax, (max(6.0, 1.0 * len(metrics) * max(len(order), 2) / 2 + 2.5), 4.2))
    with plot_style():
        x = np.arange(len(metrics), dtype=float)
        width = 0.8 / max(len(order), 1)
        for k, outlet in enumerate(order):
            rows = [cell.get((outlet, m)) for m in metrics]
            mean = np.array([r.mean if r is not None else np.nan for r in rows], dtype=float)
            lo = np.array([r.ci_low if r is not None else np.nan for r in rows], dtype=float)
            hi = np.array([r.ci_high if r is not None else np.nan for r in rows], dtype=float)
            ax.bar(
                x + (k - (len(order) - 1) / 2) * width,
                mean,
                width * 0.92,
                yerr=np.vstack([mean - lo, hi - mean]),
                color=OKABE_ITO[k % len(OKABE_ITO)],
                label=safe_label(outlet),
                capsize=2.5,
                error_kw={"elinewidth": 1.0, "ecolor": "#333333"},
            )
        ax.set_xticks(x, [safe_label(textwrap.fill(m, 16)) for m in metrics])
        ax.set_ylabel("mean per article")
        ax.set_ylim(bottom=0)
        ax.yaxis.grid(True, color="#e5e5e5", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.legend(title="Outlet", loc="upper left", bbox_to_anchor=(1.0, 1.0))
        if title:
            ax.set_title(title, loc="left")
    return ax
