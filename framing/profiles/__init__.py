"""Outlet profiles across many stories (:func:`outlet_profiles`, :func:`plot_outlet_profiles`)."""

from __future__ import annotations

from framing.profiles.profile import (
    Measure,
    OutletDifference,
    OutletProfiles,
    OutletRate,
    default_measures,
    outlet_profiles,
)

__all__ = [
    "Measure",
    "OutletDifference",
    "OutletProfiles",
    "OutletRate",
    "default_measures",
    "outlet_profiles",
    "plot_outlet_profiles",
]


def __getattr__(name: str) -> object:
    # the figure needs matplotlib: imported on first use only
    if name == "plot_outlet_profiles":
        from framing.profiles.plot import plot_outlet_profiles

        return plot_outlet_profiles
    raise AttributeError(f"module 'framing.profiles' has no attribute {name!r}")
