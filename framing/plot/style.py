"""House style of the figures: colour-blind-safe outlet colours, a style context, safe labels.

Every figure of :mod:`framing.plot` is drawn inside :func:`plot_style`, a
:func:`matplotlib.rc_context` (global ``rcParams`` are never changed) with TeX off. Every
label taken from article text (outlet names, terms) goes through :func:`safe_label`, which
escapes the dollar signs, so ``$\\frac{a}{b}$`` is drawn as those characters and never
interpreted as mathtext (tick labels are created at draw time, outside any rc context, so
turning ``text.parse_math`` off in the context would not reach them).

Outlets get the Okabe–Ito colours (Okabe and Ito 2008, "Color Universal Design") in the
order of the comparison's articles, so the same outlet has the same colour in every figure.
Categories within a figure (source types) use Paul Tol's "muted" scheme, which is also
colour-blind safe and distinct from the outlet colours' role.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from contextvars import ContextVar
from typing import Any

import matplotlib as mpl

from framing.colours import CATEGORY_COLOURS, OKABE_ITO

__all__ = [
    "CATEGORY_COLORS",
    "OKABE_ITO",
    "SVG_HASHSALT",
    "finish_axes",
    "new_axes",
    "outlet_colors",
    "outlet_labels",
    "plot_style",
    "safe_label",
    "standalone_figures",
]

#: Paul Tol's "muted" scheme, for categories inside one figure (see :mod:`framing.colours`).
CATEGORY_COLORS: tuple[str, ...] = CATEGORY_COLOURS

#: Fixed salt for the ids of SVG elements, so a rerun writes byte-identical files.
SVG_HASHSALT = "framing"

_STYLE: dict[str, Any] = {
    "text.parse_math": True,  # with safe_label: "\\$" is drawn as "$"
    "text.usetex": False,
    "font.size": 9.0,
    "axes.titlesize": 11.0,
    "axes.titleweight": "bold",
    "axes.labelsize": 9.0,
    "xtick.labelsize": 8.5,
    "ytick.labelsize": 8.5,
    "legend.fontsize": 8.5,
    "legend.frameon": False,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.grid": False,
    "figure.dpi": 100.0,
    "savefig.dpi": 150.0,
    "svg.fonttype": "path",
    "svg.hashsalt": SVG_HASHSALT,
    "path.simplify": True,
}


@contextmanager
def plot_style(extra: Mapping[str, Any] | None = None) -> Iterator[None]:
    """Context in which :mod:`framing.plot` draws (a :func:`matplotlib.rc_context`).

    Parameters
    ----------
    extra : Mapping, optional
        More ``rcParams`` for this context only.
    """
    with mpl.rc_context({**_STYLE, **dict(extra or {})}):
        yield


def _articles(comparison: Any) -> list[dict[str, Any]]:
    return [{"id": f.article.id, "outlet": f.article.outlet} for f in comparison.features]


def outlet_colors(comparison: Any) -> dict[str, str]:
    """Colour of every article id, by its position in the comparison (Okabe–Ito, cycled).

    Examples
    --------
    >>> from types import SimpleNamespace as NS
    >>> c = NS(features=[NS(article=NS(id="a", outlet="A")), NS(article=NS(id="b", outlet="B"))])
    >>> outlet_colors(c)
    {'a': '#0072B2', 'b': '#E69F00'}
    """
    ids = [a["id"] for a in _articles(comparison)]
    return {i: OKABE_ITO[k % len(OKABE_ITO)] for k, i in enumerate(ids)}


def finish_axes(
    ax: Any,
    *,
    grid: str,
    title: str | None,
    legend_title: str = "Outlet",
    empty_message: str | None = None,
) -> None:
    """The common finish of a bar figure: value grid behind the bars, the legend outside on
    the right, a left-aligned title; ``empty_message`` in the middle instead of a legend when
    the figure has nothing to show.

    Parameters
    ----------
    ax : matplotlib Axes
    grid : {"x", "y"}
        The value axis, which gets the light grid lines.
    title : str or None
    legend_title : str
    empty_message : str, optional
        Shown (and no legend) when given.
    """
    (ax.xaxis if grid == "x" else ax.yaxis).grid(True, color="#e5e5e5", linewidth=0.8)
    ax.set_axisbelow(True)
    if empty_message is not None:
        ax.text(0.5, 0.5, empty_message, transform=ax.transAxes, ha="center")
    else:
        ax.legend(title=legend_title, loc="upper left", bbox_to_anchor=(1.0, 1.0))
    if title:
        ax.set_title(title, loc="left")


def safe_label(text: str) -> str:
    r"""Text for a matplotlib label, drawn literally: dollar signs escaped (no mathtext).

    Examples
    --------
    >>> print(safe_label("$x$ costs $5"))
    \$x\$ costs \$5
    """
    return str(text).replace("$", "\\$")


def outlet_labels(comparison: Any) -> dict[str, str]:
    """Display name of every article id (:func:`safe_label` applied): its outlet, plus the id
    when outlets repeat."""
    arts = _articles(comparison)
    outlets = [a["outlet"] for a in arts]
    return {
        a["id"]: safe_label(
            a["outlet"] if outlets.count(a["outlet"]) == 1 else f"{a['outlet']} ({a['id']})"
        )
        for a in arts
    }


_STANDALONE: ContextVar[bool] = ContextVar("framing_plot_standalone", default=False)


@contextmanager
def standalone_figures() -> Iterator[None]:
    """Within this context, new figures are plain :class:`matplotlib.figure.Figure` objects
    (no pyplot, no GUI backend, nothing to close): for saving figures headless."""
    token = _STANDALONE.set(True)
    try:
        yield
    finally:
        _STANDALONE.reset(token)


def new_axes(ax: Any, figsize: Sequence[float]) -> Any:
    """Return ``ax``, or the axes of a new figure (constrained layout, house style).

    The new figure is a pyplot figure, so that notebooks display it, except inside
    :func:`standalone_figures`, where it is a plain :class:`~matplotlib.figure.Figure`.
    Call it outside :func:`plot_style`: importing pyplot and creating its first figure may
    change ``rcParams`` for good (IPython's inline backend turns interactive mode on), which
    an enclosing rc context would undo; so the figure is created outside the house style and
    only its axes inside.
    """
    if ax is not None:
        return ax
    if _STANDALONE.get():
        from matplotlib.figure import Figure

        with plot_style():
            return Figure(figsize=tuple(figsize), layout="constrained").add_subplot()
    import matplotlib.pyplot as plt

    fig = plt.figure(figsize=tuple(figsize), layout="constrained")
    with plot_style():
        return fig.add_subplot()
