"""Who the outlets cite: sourcing breakdown per outlet as stacked horizontal bars."""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np

from framing.colours import SOURCE_TYPE_COLOURS
from framing.features._attribution_summary import SOURCE_TYPES
from framing.plot.style import new_axes, outlet_colors, outlet_labels, plot_style

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from framing.compare.result import Comparison

__all__ = ["SOURCE_LABELS", "plot_sourcing", "source_counts"]

#: Reader's names of the source types.
SOURCE_LABELS: dict[str, str] = {
    "person": "named person",
    "organisation": "named organisation",
    "media": "media outlet",
    "anonymous": "anonymous",
    "vague": "vague",
    "document": "document",
    "pronoun": "unresolved pronoun",
}


def source_counts(comparison: Comparison) -> dict[str, dict[str, float]]:
    """Attributions by source type per article id, from the JSON ``metrics``
    (``attribution:source:<type>:count``); types no article uses are left out."""
    out: dict[str, dict[str, float]] = {}
    for f in comparison.features:
        metrics = dict(f.metrics)
        out[f.article.id] = {
            t: float(metrics.get(f"attribution:source:{t}:count", 0.0)) for t in SOURCE_TYPES
        }
    used = [t for t in SOURCE_TYPES if any(c[t] for c in out.values())]
    return {aid: {t: c[t] for t in used} for aid, c in out.items()}


def plot_sourcing(
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    share: bool = False,
    title: str | None = "Who is cited: source mentions by type",
) -> Axes:
    """Stacked horizontal bars: one bar per outlet, one segment per source type.

    Segment widths are the counts of the JSON ``metrics`` ``attribution:source:<type>:count``
    (or, with ``share=True``, each count over the outlet's total).

    Parameters
    ----------
    comparison : Comparison
    ax : matplotlib Axes, optional
    share : bool
        Show shares of the outlet's source mentions instead of counts (a mention is one
        source phrase; two cues sharing it count once).
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    counts = source_counts(comparison)
    ids = comparison.ids
    colors, labels = outlet_colors(comparison), outlet_labels(comparison)
    types = list(next(iter(counts.values()), {}))
    ax = new_axes(ax, (7.5, 1.6 + 0.55 * len(ids)))
    with plot_style():
        y = np.arange(len(ids), dtype=float)
        left = np.zeros(len(ids))
        for t in types:
            vals = np.array([counts[aid][t] for aid in ids])
            if share:
                totals = np.array([sum(counts[aid].values()) or 1.0 for aid in ids])
                vals = vals / totals
            ax.barh(
                y,
                vals,
                0.6,
                left=left,
                color=SOURCE_TYPE_COLOURS[t],  # the same colour in the HTML report
                label=SOURCE_LABELS.get(t, t),
                edgecolor="white",
                linewidth=0.6,
                gid=f"sourcing:{t}",
            )
            left = left + vals
        ax.set_yticks(y, [labels[aid] for aid in ids])
        for tick, aid in zip(ax.get_yticklabels(), ids, strict=True):
            tick.set_color(colors[aid])
            tick.set_fontweight("bold")
        ax.invert_yaxis()
        ax.set_xlabel("share of source mentions" if share else "source mentions (count)")
        ax.legend(title="Source type", loc="upper left", bbox_to_anchor=(1.0, 1.0))
        if title:
            ax.set_title(title, loc="left")
    return ax
