"""Report-ready figures of a comparison (matplotlib), and the notebook accessor.

Every function takes a :class:`~framing.compare.result.Comparison` and optional axes and
returns the axes; the plotted numbers are those of the comparison's JSON
(:func:`framing.report.comparison_json`). Importing this package imports matplotlib but not
pyplot; pyplot is imported only when a function has to create a figure for a notebook.

Examples
--------
>>> import framing
>>> c = framing.compare("corpora/iran-envoy-musk-2024-11")  # doctest: +SKIP
>>> c.plot.feature_rates()  # doctest: +SKIP
>>> save_figures(c, "figures")  # doctest: +SKIP
"""

from __future__ import annotations

from framing.plot.accessor import ComparisonPlot
from framing.plot.alignment import plot_alignment
from framing.plot.loaded import plot_loaded_terms
from framing.plot.rates import plot_feature_rates
from framing.plot.save import FIGURES, save_figures
from framing.plot.sourcing import plot_sourcing
from framing.plot.style import OKABE_ITO, outlet_colors, plot_style
from framing.plot.terms import plot_distinctive_terms

__all__ = [
    "FIGURES",
    "OKABE_ITO",
    "ComparisonPlot",
    "outlet_colors",
    "plot_alignment",
    "plot_distinctive_terms",
    "plot_feature_rates",
    "plot_loaded_terms",
    "plot_sourcing",
    "plot_style",
    "save_figures",
]
