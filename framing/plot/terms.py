"""Distinctive terms of each outlet: log-odds z-scores as diverging horizontal bars."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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

__all__ = ["Z_05", "plot_distinctive_terms", "term_bars"]

#: The two-sided 5% threshold of a z-score, drawn on the figure.
Z_05 = 1.96


def term_bars(comparison: Comparison) -> list[dict[str, Any]]:
    """The bars of :func:`plot_distinctive_terms`, top to bottom.

    Each is a JSON ``distinctive_terms`` record plus ``value``: its ``z``, negated for the
    second version when exactly two versions are compared (so the two sides diverge).
    Within a version, terms keep the JSON order (highest z first).
    """
    records = [t.to_dict() for t in comparison.distinctive_terms]
    two = len(comparison.ids) == 2
    out = []
    for k, aid in enumerate(comparison.ids):
        for r in records:
            if r["article_id"] == aid:
                out.append({**r, "value": -r["z"] if two and k == 1 else r["z"]})
    return out


def plot_distinctive_terms(
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    title: str | None = "Distinctive words of each outlet (log-odds z-score)",
) -> Axes:
    """Horizontal bars of the distinctive terms' z-scores, coloured by outlet.

    With two versions the bars diverge: the first outlet's words to the right (positive z),
    the second's to the left (their z negated). With more versions every outlet's words
    point right (each is measured against all the others), grouped by outlet.

    Parameters
    ----------
    comparison : Comparison
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    bars = term_bars(comparison)
    colors, labels = outlet_colors(comparison), outlet_labels(comparison)
    ids = comparison.ids
    ax = new_axes(ax, (7.0, 1.6 + 0.24 * max(len(bars), 4)))
    with plot_style():
        y = np.arange(len(bars), dtype=float)
        seen: set[str] = set()
        for yi, b in zip(y, bars, strict=True):
            aid = b["article_id"]
            weak = abs(b["z"]) < Z_05
            ax.barh(
                yi,
                b["value"],
                0.7,
                color=colors[aid],
                alpha=0.45 if weak else 1.0,  # below |z| = 1.96: not distinctive at p < .05
                label=labels[aid] if aid not in seen else "_nolegend_",
                gid=f"terms:{aid}:{b['term']}",
            )
            seen.add(aid)
        ax.set_yticks(y, [safe_label(b["term"]) for b in bars])
        ax.invert_yaxis()
        ax.axvline(0, color="#333333", linewidth=0.8)
        note = f"dotted: |z| = {Z_05} (p < .05); paler bars fall short of it"
        lim = max(max((abs(b["value"]) for b in bars), default=1.0), Z_05) * 1.1
        for side in ((-1, 1) if len(ids) == 2 else (1,)):
            ax.axvline(side * Z_05, color="#555555", linewidth=0.8, linestyle=":",
                       gid="terms:z05")
        if len(ids) == 2:
            ax.set_xlim(-lim, lim)
            ax.set_xlabel(
                f"← more {labels[ids[1]]}    log-odds z-score    more {labels[ids[0]]} →\n{note}"
            )
        else:
            ax.set_xlim(min(0.0, min((b["value"] for b in bars), default=0.0)), lim)
            ax.set_xlabel(f"log-odds z-score against the other versions\n{note}")
        finish_axes(
            ax, grid="x", title=title, empty_message=None if bars else "no distinctive terms"
        )
        legend = ax.get_legend()
        for handle in legend.legend_handles if legend is not None else ():
            handle.set_alpha(1.0)  # the outlet's own colour, not a paler bar's
    return ax
