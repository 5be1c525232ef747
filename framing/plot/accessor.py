"""``comparison.plot``: the figures of one comparison as methods, for notebooks."""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from matplotlib.axes import Axes

    from framing.compare.result import Comparison

__all__ = ["ComparisonPlot"]


class ComparisonPlot:
    """The figures of one comparison (``comparison.plot.feature_rates()`` ...).

    Each method draws into ``ax`` (default: a new figure) and returns the axes; keyword
    arguments go to the function of :mod:`framing.plot` of the same name.
    """

    __slots__ = ("_comparison",)

    def __init__(self, comparison: Comparison) -> None:
        self._comparison = comparison

    def feature_rates(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Feature rates per outlet with CIs (:func:`~framing.plot.plot_feature_rates`)."""
        from framing.plot.rates import plot_feature_rates

        return plot_feature_rates(self._comparison, ax, **kwargs)

    def sourcing(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Sourcing breakdown per outlet (:func:`~framing.plot.plot_sourcing`)."""
        from framing.plot.sourcing import plot_sourcing

        return plot_sourcing(self._comparison, ax, **kwargs)

    def distinctive_terms(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Distinctive terms per outlet (:func:`~framing.plot.plot_distinctive_terms`)."""
        from framing.plot.terms import plot_distinctive_terms

        return plot_distinctive_terms(self._comparison, ax, **kwargs)

    def alignment(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Alignment map of the versions (:func:`~framing.plot.plot_alignment`)."""
        from framing.plot.alignment import plot_alignment

        return plot_alignment(self._comparison, ax, **kwargs)

    def loaded_terms(self, ax: Axes | None = None, **kwargs: Any) -> Axes:
        """Loaded language by category per outlet (:func:`~framing.plot.plot_loaded_terms`)."""
        from framing.plot.loaded import plot_loaded_terms

        return plot_loaded_terms(self._comparison, ax, **kwargs)

    def save(
        self, out_dir: str | os.PathLike[str], formats: tuple[str, ...] = ("png", "svg")
    ) -> list[Path]:
        """Write every figure to ``out_dir`` (:func:`~framing.plot.save_figures`)."""
        from framing.plot.save import save_figures

        return save_figures(self._comparison, out_dir, formats)

    def __repr__(self) -> str:
        return (
            f"<ComparisonPlot {', '.join(self._comparison.outlets)}: feature_rates, sourcing, "
            "distinctive_terms, alignment, loaded_terms, save>"
        )
