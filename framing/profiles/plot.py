"""Figure of outlet profiles: one dot per outlet and measure, 95% bootstrap CIs as bars."""

from __future__ import annotations

import textwrap
from collections.abc import Sequence
from typing import TYPE_CHECKING

import numpy as np

from framing.plot.style import OKABE_ITO, new_axes, plot_style, safe_label
from framing.profiles.profile import OutletProfiles

if TYPE_CHECKING:
    from matplotlib.axes import Axes

__all__ = ["DEFAULT_PLOT_MEASURES", "plot_outlet_profiles"]

#: Measures drawn by default: all on one scale (per 100 words).
DEFAULT_PLOT_MEASURES: tuple[str, ...] = (
    "hedge_per_100_words",
    "narrator_hedge_per_100_words",
    "booster_per_100_words",
    "loaded_per_100_words",
    "loaded_learned_per_100_words",
    "loaded_hostility_per_100_words",
)


def plot_outlet_profiles(
    profiles: OutletProfiles,
    ax: Axes | None = None,
    *,
    measures: Sequence[str] | None = None,
    title: str | None = None,
) -> Axes:
    """Dot plot of outlet rates with 95% bootstrap CIs (resampled over stories).

    Parameters
    ----------
    profiles : OutletProfiles
    ax : matplotlib Axes, optional
        Draw into these axes; default a new figure.
    measures : sequence of str, optional
        Measure keys, drawn top to bottom; use measures of one kind (rates per 100 words or
        shares) so they share the axis. Default :data:`DEFAULT_PLOT_MEASURES`.
    title : str, optional
        Axes title; default names the number of stories.

    Returns
    -------
    matplotlib.axes.Axes
    """
    keys = list(measures) if measures is not None else list(DEFAULT_PLOT_MEASURES)
    by_key = {m.key: m for m in profiles.measures}
    unknown = [k for k in keys if k not in by_key]
    if unknown:
        raise KeyError(f"unknown measures {unknown}; the profile has {sorted(by_key)}.")
    kinds = {by_key[k].kind for k in keys}
    outlets = profiles.outlets
    with plot_style():
        ax = new_axes(ax, (7.0, 1.4 + 0.22 * len(keys) * max(len(outlets), 2)))
        y = np.arange(len(keys), dtype=float)[::-1]
        step = 0.7 / max(len(outlets), 1)
        for k, outlet in enumerate(outlets):
            rows = [profiles.rate(outlet, key) for key in keys]
            val = np.array([r.value for r in rows], dtype=float)
            lo = np.array([r.low for r in rows], dtype=float)
            hi = np.array([r.high for r in rows], dtype=float)
            err = np.vstack([np.nan_to_num(val - lo), np.nan_to_num(hi - val)])
            ax.errorbar(
                val,
                y + (len(outlets) - 1) / 2 * step - k * step,
                xerr=err,
                fmt="o",
                color=OKABE_ITO[k % len(OKABE_ITO)],
                ecolor=OKABE_ITO[k % len(OKABE_ITO)],
                markersize=5,
                capsize=2.5,
                elinewidth=1.2,
                label=safe_label(outlet),
            )
        ax.set_yticks(y, [safe_label(textwrap.fill(by_key[k].label, 30)) for k in keys])
        unit = "per 100 words" if kinds == {"rate"} else (
            "share" if kinds == {"share"} else "rate per 100 words or share"
        )
        n = len(profiles.stories)
        ax.set_xlabel(f"{unit} (pooled over articles; 95% bootstrap CI over {n} stories)")
        ax.set_xlim(left=0)
        ax.xaxis.grid(True, color="#e5e5e5", linewidth=0.8)
        ax.set_axisbelow(True)
        ax.legend(title="Outlet", loc="lower right")
        ax.set_title(
            safe_label(title) if title else f"Outlet profiles across {n} stories", loc="left"
        )
    return ax
