"""An alignment map of the versions: sentences in story order, lines between aligned ones."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

import numpy as np
from matplotlib.collections import LineCollection
from matplotlib.colors import to_rgba
from matplotlib.lines import Line2D

from framing.plot.style import new_axes, outlet_colors, outlet_labels, plot_style

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from framing.compare.result import Comparison

__all__ = ["alignment_layout", "link_style", "plot_alignment"]

_LINK_COLOR = "#4d4d4d"
_SKIP_STYLE = (0, (4, 2))


def link_style(similarity: float) -> tuple[float, float]:
    """Line width (points) and opacity of a link between two aligned sentences.

    Both grow linearly with the similarity (clipped to ``[0, 1]``): width ``0.5 + 6 s``,
    opacity ``0.25 + 0.75 s``.

    Examples
    --------
    >>> link_style(0.0), link_style(1.0)
    ((0.5, 0.25), (6.5, 1.0))
    """
    s = min(max(float(similarity), 0.0), 1.0)
    return 0.5 + 6.0 * s, 0.25 + 0.75 * s


def alignment_layout(comparison: Comparison) -> dict[str, Any]:
    """Positions of :func:`plot_alignment`, from the JSON ``alignment`` and ``sentences``.

    Returns
    -------
    dict
        ``column``: article id -> x position (input order); ``sentences``: id -> number of
        sentences; ``pairs``: the JSON pair records; ``only``: id -> only-in sentence indexes.
    """
    al = dict(comparison.alignment) or {"pairs": [], "only": {}}
    pairs = [p.to_dict() if hasattr(p, "to_dict") else dict(p) for p in al.get("pairs", [])]
    return {
        "column": {aid: k for k, aid in enumerate(comparison.ids)},
        "sentences": {f.article.id: len(f.document.sentences) for f in comparison.features},
        "pairs": pairs,
        "only": {k: list(v) for k, v in dict(al.get("only", {})).items()},
    }


def plot_alignment(
    comparison: Comparison,
    ax: Axes | None = None,
    *,
    title: str | None = "Alignment map: shared and exclusive sentences",
) -> Axes:
    """Each version a column of sentence markers in story order (top to bottom); a line joins
    every aligned pair, wider and darker the more similar (:func:`link_style`).

    Links between versions that are not neighbours are dashed (they cross the columns in
    between). Markers: filled in the outlet's colour when the sentence has a counterpart, hollow
    diamonds for sentences found only in that version, small grey dots for sentences without
    content words (neither).

    Parameters
    ----------
    comparison : Comparison
    ax : matplotlib Axes, optional
    title : str, optional

    Returns
    -------
    matplotlib.axes.Axes
    """
    lay = alignment_layout(comparison)
    ids = comparison.ids
    colors, labels = outlet_colors(comparison), outlet_labels(comparison)
    col, nsent = lay["column"], lay["sentences"]
    longest = max(nsent.values(), default=1)
    ax = new_axes(ax, (2.5 + 2.2 * len(ids), 1.6 + 0.2 * longest))
    with plot_style():
        segments, widths, rgba, styles = [], [], [], []
        for p in lay["pairs"]:
            segments.append([(col[p["a"]], p["i"]), (col[p["b"]], p["j"])])
            w, alpha = link_style(p["similarity"])
            widths.append(w)
            rgba.append(to_rgba(_LINK_COLOR, alpha))
            # a link that skips a column crosses it: dashed, so it is not read as a link
            # to the version in between
            skips = abs(col[p["a"]] - col[p["b"]]) > 1
            styles.append(_SKIP_STYLE if skips else "solid")
        links = LineCollection(
            segments, linewidths=widths, colors=rgba, linestyles=styles or "solid", zorder=1,
            gid="alignment:links", capstyle="round",
        )
        ax.add_collection(links)
        aligned: dict[str, set[int]] = {aid: set() for aid in ids}
        for p in lay["pairs"]:
            aligned[p["a"]].add(p["i"])
            aligned[p["b"]].add(p["j"])
        for aid in ids:
            only = set(lay["only"].get(aid, []))
            rows = np.arange(nsent[aid])
            shared = [i for i in rows if i in aligned[aid]]
            exclusive = [i for i in rows if i in only and i not in aligned[aid]]
            other = [i for i in rows if i not in aligned[aid] and i not in only]
            x = col[aid]
            ax.scatter([x] * len(shared), shared, s=46, color=colors[aid], zorder=3,
                       edgecolors="white", linewidths=0.6, gid=f"alignment:shared:{aid}")
            ax.scatter([x] * len(exclusive), exclusive, s=46, marker="D", facecolors="white",
                       edgecolors=colors[aid], linewidths=1.6, zorder=3,
                       gid=f"alignment:only:{aid}")
            ax.scatter([x] * len(other), other, s=10, color="#bbbbbb", zorder=2,
                       gid=f"alignment:other:{aid}")
        ax.set_xticks(range(len(ids)), [labels[a] for a in ids])
        for tick, aid in zip(ax.get_xticklabels(), ids, strict=True):
            tick.set_color(colors[aid])
            tick.set_fontweight("bold")
        ax.xaxis.set_ticks_position("top")
        ax.set_xlim(-0.5, len(ids) - 0.5)
        ax.set_ylim(longest - 0.5, -0.8)
        step = 1 if longest <= 12 else (2 if longest <= 30 else 5)
        ticks = range(0, longest, step)
        ax.set_yticks(ticks, [str(i + 1) for i in ticks])  # numbered from 1, as in the report
        ax.set_ylabel("sentence (story order, §1 = first)")
        for side in ("bottom", "right", "top"):
            ax.spines[side].set_visible(False)
        handles = [
            Line2D([], [], marker="o", linestyle="", color="#666666", label="has a counterpart"),
            Line2D([], [], marker="D", linestyle="", markerfacecolor="white",
                   markeredgecolor="#666666", markeredgewidth=1.6, label="only in this version"),
            Line2D([], [], marker="o", linestyle="", color="#bbbbbb", markersize=4,
                   label="no content words"),
            Line2D([], [], color=_LINK_COLOR, linewidth=2.5, label="aligned (wider = closer)"),
        ]
        if _SKIP_STYLE in styles:
            handles.append(Line2D([], [], color=_LINK_COLOR, linewidth=2.5, linestyle="--",
                                  label="aligned, versions apart"))
        ax.legend(handles=handles, loc="upper left", bbox_to_anchor=(1.0, 1.0))
        if title:
            ax.set_title(title, loc="left")
    return ax
