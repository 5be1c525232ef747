"""Each figure plots exactly the numbers of the comparison's JSON, into given or new axes."""

from __future__ import annotations

from typing import Any

import matplotlib as mpl
import numpy as np
import pytest
from matplotlib.axes import Axes

from framing.compare import Comparison
from framing.compare.deltas import feature_label
from framing.plot import (
    plot_alignment,
    plot_distinctive_terms,
    plot_feature_rates,
    plot_loaded_terms,
    plot_sourcing,
)
from framing.plot.rates import DEFAULT_FEATURES
from framing.plot.style import standalone_figures
from tests.plot.helpers import bars_by_label, draw, fresh_axes, overlaps

ALL = [plot_feature_rates, plot_sourcing, plot_distinctive_terms, plot_alignment,
       plot_loaded_terms]


def _rates(seed_json: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    return {(r["feature"], r["article_id"]): r for r in seed_json["rates"]}


def _outlet(seed_json: dict[str, Any], aid: str) -> str:
    return next(a["outlet"] for a in seed_json["articles"] if a["id"] == aid)


@pytest.mark.parametrize("plot", ALL, ids=lambda f: f.__name__)
def test_draws_into_the_given_axes(plot: Any, seed: Comparison) -> None:
    ax = fresh_axes()
    assert plot(seed, ax) is ax
    assert ax.has_data()
    draw(ax)


@pytest.mark.parametrize("plot", ALL, ids=lambda f: f.__name__)
def test_creates_axes_when_none_given(plot: Any, seed: Comparison) -> None:
    with standalone_figures():
        ax = plot(seed)
    assert isinstance(ax, Axes)
    assert ax.get_title(loc="left")
    assert ax.get_xlabel() or ax.get_ylabel()


def test_pyplot_figure_when_none_given(seed: Comparison) -> None:
    import matplotlib.pyplot as plt

    before = set(plt.get_fignums())
    ax = plot_sourcing(seed)
    try:
        assert ax.figure.number not in before
    finally:
        plt.close(ax.figure)


def test_feature_rates_are_the_json_rates_and_cis(seed: Comparison, seed_json: dict) -> None:
    rates = _rates(seed_json)
    present = {r["feature"] for r in seed_json["rates"]}
    features = [f for f in DEFAULT_FEATURES if f in present]
    assert len(features) >= 5  # hedges, boosters, loaded, sources, tone in the seed story
    ax = plot_feature_rates(seed, fresh_axes())
    labels = [t.get_text().replace("\n", " ") for t in ax.get_xticklabels()]
    assert labels == [feature_label(f) for f in features]
    bars = bars_by_label(ax)
    for art in seed_json["articles"]:
        (container,) = bars[art["outlet"]]
        expected = [rates[(f, art["id"])] for f in features]
        heights = [p.get_height() for p in container.patches]
        assert heights == pytest.approx([r["rate"] for r in expected], abs=1e-9)
        segments = container.errorbar.lines[2][0].get_segments()
        lows = [float(min(s[:, 1])) for s in segments]
        highs = [float(max(s[:, 1])) for s in segments]
        assert lows == pytest.approx([r["ci"][0] for r in expected], abs=1e-9)
        assert highs == pytest.approx([r["ci"][1] for r in expected], abs=1e-9)


def test_feature_rates_named_features(seed: Comparison, seed_json: dict) -> None:
    rates = _rates(seed_json)
    ax = plot_feature_rates(seed, fresh_axes(), features=["loaded:secrecy", "hedge"])
    (container,) = bars_by_label(ax)["IANS"]
    ians = next(a["id"] for a in seed_json["articles"] if a["outlet"] == "IANS")
    assert [p.get_height() for p in container.patches] == pytest.approx(
        [rates[("loaded:secrecy", ians)]["rate"], rates[("hedge", ians)]["rate"]]
    )
    with pytest.raises(KeyError, match="no rates for"):
        plot_feature_rates(seed, fresh_axes(), features=["hedge:nonexistent"])


def test_sourcing_segments_are_the_json_source_counts(seed: Comparison, seed_json: dict) -> None:
    types = ["person", "organisation", "media", "anonymous", "vague", "document", "pronoun"]
    metrics = {a["id"]: a["metrics"] for a in seed_json["articles"]}
    used = [t for t in types if any(m[f"attribution:source:{t}:count"] for m in metrics.values())]
    assert {"person", "anonymous"} <= set(used)
    ax = plot_sourcing(seed, fresh_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == ["TROIB News", "IANS"]
    containers = list(ax.containers)
    assert len(containers) == len(used)
    assert [c.get_label() for c in containers][: 2] == ["named person", "named organisation"]
    for t, container in zip(used, containers, strict=True):
        widths = [p.get_width() for p in container.patches]
        assert widths == [metrics[a["id"]][f"attribution:source:{t}:count"]
                          for a in seed_json["articles"]]
    shares = plot_sourcing(seed, fresh_axes(), share=True)
    for row in range(len(seed_json["articles"])):
        total = sum(c.patches[row].get_width() for c in shares.containers)
        assert total == pytest.approx(1.0)


def test_distinctive_terms_are_the_json_z_scores(seed: Comparison, seed_json: dict) -> None:
    first, second = (a["id"] for a in seed_json["articles"])
    terms = seed_json["distinctive_terms"]
    ordered = [t for t in terms if t["article_id"] == first] + [
        t for t in terms if t["article_id"] == second
    ]
    assert ordered, "the seed story has distinctive terms"
    ax = plot_distinctive_terms(seed, fresh_axes())
    assert [t.get_text() for t in ax.get_yticklabels()] == [t["term"] for t in ordered]
    widths = [c.patches[0].get_width() for c in ax.containers]
    signs = [1 if t["article_id"] == first else -1 for t in ordered]
    assert widths == pytest.approx([s * t["z"] for s, t in zip(signs, ordered, strict=True)])
    # terms short of |z| = 1.96 are drawn paler, and the threshold is marked on both sides
    alphas = [c.patches[0].get_alpha() for c in ax.containers]
    assert alphas == [0.45 if abs(t["z"]) < 1.96 else 1.0 for t in ordered]
    marks = sorted(line.get_xdata()[0] for line in ax.lines if line.get_gid() == "terms:z05")
    assert marks == [-1.96, 1.96]
    assert "|z| = 1.96 (p < .05)" in ax.get_xlabel()


def test_alignment_links_and_markers_follow_the_json(seed: Comparison, seed_json: dict) -> None:
    ids = [a["id"] for a in seed_json["articles"]]
    pairs = seed_json["alignment"]["pairs"]
    only = seed_json["alignment"]["only"]
    assert pairs and any(only.values())
    ax = plot_alignment(seed, fresh_axes())
    (links,) = [c for c in ax.collections if c.get_gid() == "alignment:links"]
    segments = [[tuple(map(float, p)) for p in s] for s in links.get_segments()]
    assert segments == [
        [(ids.index(p["a"]), p["i"]), (ids.index(p["b"]), p["j"])] for p in pairs
    ]
    widths = np.asarray(links.get_linewidths(), dtype=float)
    sims = np.array([p["similarity"] for p in pairs])
    order = np.argsort(sims, kind="stable")
    assert np.all(np.diff(widths[order]) >= 0)  # more similar -> at least as wide
    alphas = np.asarray(links.get_colors())[:, 3]
    assert np.all(np.diff(alphas[order]) >= -1e-12)
    assert widths.max() > widths.min()
    for k, art in enumerate(seed_json["articles"]):
        aid = art["id"]
        by_gid = {c.get_gid(): c.get_offsets() for c in ax.collections}
        only_rows = sorted(int(y) for _, y in by_gid[f"alignment:only:{aid}"])
        assert only_rows == sorted(only.get(aid, []))
        shared_rows = sorted(int(y) for _, y in by_gid[f"alignment:shared:{aid}"])
        expected = sorted({p["i"] for p in pairs if p["a"] == aid}
                          | {p["j"] for p in pairs if p["b"] == aid})
        assert shared_rows == expected
        assert {float(x) for x, _ in by_gid[f"alignment:shared:{aid}"]} == {float(k)}
        other = len(by_gid[f"alignment:other:{aid}"])
        assert len(only_rows) + len(shared_rows) + other == len(art["sentences"])


@pytest.mark.parametrize("measure", ["count", "rate"])
def test_loaded_terms_are_the_json_category_counts(
    seed: Comparison, seed_json: dict, measure: str
) -> None:
    rates = _rates(seed_json)
    cats = [r["feature"].split(":", 1)[1] for r in seed_json["rates"]
            if r["feature"].startswith("loaded:")]
    cats = list(dict.fromkeys(cats))
    assert "secrecy" in cats
    ax = plot_loaded_terms(seed, fresh_axes(), measure=measure)  # type: ignore[arg-type]
    assert [t.get_text() for t in ax.get_yticklabels()] == [c.replace("_", " ") for c in cats]
    bars = bars_by_label(ax)
    for art in seed_json["articles"]:
        (container,) = bars[art["outlet"]]
        widths = [p.get_width() for p in container.patches]
        assert widths == pytest.approx(
            [rates[(f"loaded:{c}", art["id"])][measure] for c in cats], abs=1e-9
        )
    with pytest.raises(ValueError, match="measure"):
        plot_loaded_terms(seed, fresh_axes(), measure="share")  # type: ignore[arg-type]


@pytest.mark.parametrize("plot", ALL, ids=lambda f: f.__name__)
def test_tick_labels_do_not_overlap_at_default_size(plot: Any, seed: Comparison) -> None:
    with standalone_figures():
        ax = plot(seed)
    renderer = draw(ax)
    for axis in (ax.xaxis, ax.yaxis):
        boxes = [t.get_window_extent(renderer) for t in axis.get_ticklabels()
                 if t.get_visible() and t.get_text()]
        assert overlaps(boxes) == [], f"{plot.__name__}: overlapping {axis.axis_name} labels"
    fig_box = ax.figure.bbox
    for t in ax.get_xticklabels() + ax.get_yticklabels():
        if t.get_text():
            box = t.get_window_extent(renderer)
            assert box.x0 >= fig_box.x0 - 1 and box.x1 <= fig_box.x1 + 1, t.get_text()


@pytest.mark.parametrize("plot", ALL, ids=lambda f: f.__name__)
def test_global_rcparams_untouched(plot: Any, seed: Comparison) -> None:
    before = dict(mpl.rcParams)
    plot(seed, fresh_axes())
    assert dict(mpl.rcParams) == before


def test_three_versions_links_that_skip_a_column_are_dashed(three: Comparison) -> None:
    ids = three.ids
    pairs = three.to_dict()["alignment"]["pairs"]
    skipping = [abs(ids.index(p["a"]) - ids.index(p["b"])) > 1 for p in pairs]
    assert any(skipping) and not all(skipping)  # TROIB-Outlet C links cross the IANS column
    ax = plot_alignment(three, fresh_axes())
    (links,) = [c for c in ax.collections if c.get_gid() == "alignment:links"]
    dashed = [dashes is not None for _, dashes in links.get_linestyles()]
    assert dashed == skipping
    assert [t.get_text() for t in ax.get_xticklabels()] == ["TROIB News", "IANS", "Outlet C"]
    draw(ax)
