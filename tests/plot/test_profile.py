"""Outlet profiles over several articles: the table and its figure."""

from __future__ import annotations

import pandas as pd
import pytest

from framing.plot import outlet_profile, plot_outlet_profile
from framing.types import Article, FeatureSet
from tests.plot.helpers import bars_by_label, draw, fresh_axes


def _sentences(fs: FeatureSet) -> float:
    return float(len(fs.document.sentences))


def test_profile_means_per_outlet(troib: Article, ians: Article) -> None:
    from framing import extract

    short = Article(id="s", outlet="IANS", text="Iran denied it. Musk said nothing.")
    feats = [extract(troib), extract(ians), extract(short)]
    frame = outlet_profile(feats, {"sentences": _sentences}, n_boot=200)
    assert list(frame["outlet"]) == ["TROIB News", "IANS"]
    by = frame.set_index("outlet")
    n_troib = len(feats[0].document.sentences)
    assert by.loc["TROIB News", "mean"] == n_troib
    assert by.loc["TROIB News", "ci_low"] == by.loc["TROIB News", "ci_high"] == n_troib
    ians_counts = [len(feats[1].document.sentences), 2]  # the short article has 2 sentences
    assert by.loc["IANS", "n"] == 2
    assert by.loc["IANS", "mean"] == pytest.approx(sum(ians_counts) / 2)
    assert min(ians_counts) <= by.loc["IANS", "ci_low"] <= by.loc["IANS", "ci_high"] <= max(
        ians_counts
    )


def test_plot_outlet_profile_bars_and_errors() -> None:
    frame = pd.DataFrame(
        [
            ("Fox News", "hedges / sentence", 0.2, 0.1, 0.3),
            ("New York Times", "hedges / sentence", 0.4, 0.3, 0.6),
            ("Fox News", "loaded / sentence", 0.5, 0.45, 0.7),
            ("New York Times", "loaded / sentence", 0.25, 0.2, 0.3),
            ("Huff$Post$", "loaded / sentence", 0.1, 0.0, 0.2),
        ],
        columns=["outlet", "metric", "mean", "ci_low", "ci_high"],
    )
    ax = fresh_axes()
    assert plot_outlet_profile(frame, ax) is ax
    draw(ax)  # the outlet "Huff$Post$" is drawn as typed (escaped), not as mathtext
    bars = bars_by_label(ax)
    assert [p.get_height() for p in bars["Fox News"][0].patches] == [0.2, 0.5]
    segs = bars["New York Times"][0].errorbar.lines[2][0].get_segments()
    ends = [float(v) for s in segs for v in (min(s[:, 1]), max(s[:, 1]))]
    assert ends == pytest.approx([0.3, 0.6, 0.2, 0.3])
    assert "Huff\\$Post\\$" in bars
    with pytest.raises(ValueError, match="ci_low"):
        plot_outlet_profile(frame.drop(columns=["ci_low"]), fresh_axes())
