"""Statistics for two articles: bootstrap intervals and effect sizes."""

from __future__ import annotations

import math

import numpy as np
import pytest

from framing.compare.deltas import bootstrap_mean_ci, cohens_h, feature_label, hedges_g


def test_bootstrap_interval_covers_mean_and_is_reproducible():
    values = np.array([0, 0, 1, 0, 2, 0, 1, 0, 0, 3], dtype=float)
    lo, hi = bootstrap_mean_ci(values, seed=1)
    assert lo < values.mean() < hi
    assert (lo, hi) == bootstrap_mean_ci(values, seed=1)
    assert bootstrap_mean_ci(np.zeros(5)) == (0.0, 0.0)


def test_hedges_g_hand_computed():
    a = np.array([1.0, 2.0, 3.0])
    b = np.array([2.0, 3.0, 4.0])
    # pooled sd = 1, d = -1, correction 1 - 3/(4*6-9) = 0.8
    assert hedges_g(a, b) == pytest.approx(-0.8)
    assert hedges_g(np.zeros(4), np.zeros(4)) == 0.0


def test_cohens_h():
    assert cohens_h(0.5, 0.25) == pytest.approx(2 * math.asin(math.sqrt(0.5)) - 2 * math.asin(0.5))
    assert cohens_h(0.3, 0.3) == 0.0


def test_labels():
    assert feature_label("hedge") == "hedges"
    assert feature_label("loaded:secrecy") == "loaded terms (secrecy)"
    assert feature_label("attribution:source:anonymous") == "anonymous sources"
