"""Outlet profiles on real BASIL events: rates from spans, CIs, within-story differences."""

from __future__ import annotations

import json

import numpy as np
import pytest

from framing.evaluate.comparison import read_basil_events
from framing.pipeline import extract
from framing.profiles import outlet_profiles

N_EVENTS = 2


@pytest.fixture(scope="module")
def basil(shared_data):
    """Feature sets of the first BASIL events and the event of every article."""
    events = read_basil_events(shared_data, limit=N_EVENTS)
    feature_sets, story_of = [], {}
    for ev in events:
        for art in ev.articles:
            feature_sets.append(extract(art.article))
            story_of[art.article.id] = ev.id
    return feature_sets, story_of


@pytest.fixture(scope="module")
def profiles(basil):
    feature_sets, story_of = basil
    return outlet_profiles(feature_sets, stories=story_of, n_boot=500)


def _hedges(fs):
    return sum(1 for s in fs.spans if s.feature == "hedge")


def test_outlets_and_stories_come_from_the_input(basil, profiles):
    feature_sets, story_of = basil
    assert set(profiles.outlets) == {fs.article.outlet for fs in feature_sets}
    assert len(profiles.stories) == N_EVENTS
    assert sorted(a for ids in profiles.stories.values() for a in ids) == sorted(story_of)


def test_rates_equal_counts_recomputed_from_spans(basil, profiles):
    feature_sets, _ = basil
    for outlet in profiles.outlets:
        mine = [fs for fs in feature_sets if fs.article.outlet == outlet]
        words = sum(fs.metrics["lexical:words"] for fs in mine)
        hedges = sum(_hedges(fs) for fs in mine)
        loaded_hostility = sum(
            1 for fs in mine for s in fs.spans
            if s.feature == "loaded" and s.category == "hostility"
        )
        r = profiles.rate(outlet, "hedge_per_100_words")
        assert r.numerator == hedges and r.denominator == words
        assert r.value == pytest.approx(100 * hedges / words)
        assert profiles.rate(outlet, "loaded_hostility_per_100_words").value == pytest.approx(
            100 * loaded_hostility / words
        )
        sourced = [a for fs in mine for a in fs.attributions if a.source_type != "none"]
        anon = sum(a.source_type == "anonymous" for a in sourced)
        share = profiles.rate(outlet, "anonymous_source_share").value
        if sourced:
            assert share == pytest.approx(anon / len(sourced))
        assert r.articles == len(mine)


def test_confidence_intervals_contain_the_point_estimate(profiles):
    checked = 0
    for r in profiles.rates:
        if np.isfinite(r.value):
            assert r.low - 1e-9 <= r.value <= r.high + 1e-9, r
            checked += 1
    assert checked > 0
    for d in profiles.differences:
        assert d.low <= d.high


def test_within_story_difference_is_the_paired_mean(basil, profiles):
    feature_sets, story_of = basil
    a, b = profiles.outlets[:2]
    diffs = []
    for story in sorted(set(story_of.values())):
        rates = {}
        for fs in feature_sets:
            if story_of[fs.article.id] == story and fs.article.outlet in (a, b):
                rates[fs.article.outlet] = 100 * _hedges(fs) / fs.metrics["lexical:words"]
        if len(rates) == 2:
            diffs.append(rates[a] - rates[b])
    d = profiles.difference(a, b, "hedge_per_100_words")
    assert d.stories == len(diffs)
    assert d.mean == pytest.approx(float(np.mean(diffs)))
    # the reverse order flips the sign
    assert profiles.difference(b, a, "hedge_per_100_words").mean == pytest.approx(-d.mean)


def test_frames_and_json(profiles):
    rates = profiles.to_frame()
    assert len(rates) == len(profiles.outlets) * len(profiles.measures)
    assert {"outlet", "measure", "value", "low", "high"} <= set(rates.columns)
    diffs = profiles.to_frame("differences")
    assert len(diffs) == len(profiles.differences)
    doc = json.loads(json.dumps(profiles.to_dict()))
    assert doc["params"]["resampling"] == "stories"
    assert {m["key"] for m in doc["measures"]} == {m.key for m in profiles.measures}


def test_bootstrap_is_reproducible(basil):
    feature_sets, story_of = basil
    one = outlet_profiles(feature_sets, stories=story_of, n_boot=200, seed=3)
    two = outlet_profiles(feature_sets, stories=story_of, n_boot=200, seed=3)
    assert one.to_dict() == two.to_dict()


def test_plot_draws_one_series_per_outlet(profiles):
    from framing.plot.style import standalone_figures
    from framing.profiles import plot_outlet_profiles

    with standalone_figures():
        ax = plot_outlet_profiles(profiles)
    labels = [t.get_text() for t in ax.get_legend().get_texts()]
    assert labels == list(profiles.outlets)
    assert "95% bootstrap CI" in ax.get_xlabel()
    assert ax.get_title(loc="left") == f"Outlet profiles across {N_EVENTS} stories"
    with pytest.raises(KeyError, match="unknown measures"):
        plot_outlet_profiles(profiles, measures=["no_such_measure"])


def test_bad_items_are_rejected():
    from framing.errors import ValidationError

    with pytest.raises(ValidationError, match="item 0"):
        outlet_profiles(["not a feature set"])
