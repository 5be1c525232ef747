"""Write every figure of a comparison to files, atomically and reproducibly."""

from __future__ import annotations

import io
import os
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.plot.alignment import plot_alignment
from framing.plot.loaded import plot_loaded_terms
from framing.plot.rates import plot_feature_rates
from framing.plot.sourcing import plot_sourcing
from framing.plot.style import plot_style, standalone_figures
from framing.plot.terms import plot_distinctive_terms

if TYPE_CHECKING:
    from framing.compare.result import Comparison

__all__ = ["FIGURES", "FORMATS", "figure_bytes", "save_figures"]

#: File stem -> plotting function, in the order the figures are written.
FIGURES: dict[str, Callable[..., Any]] = {
    "feature-rates": plot_feature_rates,
    "sourcing": plot_sourcing,
    "distinctive-terms": plot_distinctive_terms,
    "alignment": plot_alignment,
    "loaded-terms": plot_loaded_terms,
}

#: Formats :func:`save_figures` accepts.
FORMATS = ("png", "svg", "pdf")

# Fixed metadata so that reruns are byte-identical (no creation date; SVG ids salted in
# plot_style).
_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Creator": None, "Producer": None},
}


def figure_bytes(figure: Any, fmt: str) -> bytes:
    """Render a figure to bytes in ``fmt`` (``png``, ``svg`` or ``pdf``), deterministically."""
    if fmt not in FORMATS:
        raise ValueError(f"format must be one of {FORMATS}; got {fmt!r}.")
    buf = io.BytesIO()
    with plot_style():
        figure.savefig(buf, format=fmt, metadata=_METADATA[fmt])
    return buf.getvalue()


def save_figures(
    comparison: Comparison,
    out_dir: str | os.PathLike[str],
    formats: Sequence[str] = ("png", "svg"),
    *,
    prefix: str = "",
) -> list[Path]:
    """Draw every figure of :data:`FIGURES` and write it in each format.

    Files are named ``<prefix><name>.<format>`` (``feature-rates.png``, ``alignment.svg``
    ...); each is written atomically (temporary file in ``out_dir``, then rename). No
    pyplot figure is created, so this works headless and leaves no figure open.

    Parameters
    ----------
    comparison : Comparison
    out_dir : path
        Created if missing.
    formats : sequence of str
        Any of ``png``, ``svg``, ``pdf``.
    prefix : str
        Prepended to every file name (``"seed-"`` gives ``seed-feature-rates.png``).

    Returns
    -------
    list of Path
        The files written, figure by figure, format by format.
    """
    from framing.report.io import write_atomic  # here: framing.report may import this module

    bad = [f for f in formats if f not in FORMATS]
    if bad:
        raise ValueError(f"unknown figure format(s) {bad}; choose from {FORMATS}.")
    out = Path(out_dir)
    written: list[Path] = []
    with standalone_figures():
        for name, plot in FIGURES.items():
            ax = plot(comparison)
            for fmt in formats:
                data = figure_bytes(ax.figure, fmt)
                written.append(write_atomic(out / f"{prefix}{name}.{fmt}", data))
    return written
