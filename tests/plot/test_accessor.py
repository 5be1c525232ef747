"""comparison.plot in notebooks, and the HTML view of a comparison."""

from __future__ import annotations

import html
from pathlib import Path

import pytest

from framing.compare import Comparison
from tests.plot.conftest import HOSTILE_OUTLET
from tests.plot.helpers import fresh_axes


@pytest.mark.parametrize(
    "method", ["feature_rates", "sourcing", "distinctive_terms", "alignment", "loaded_terms"]
)
def test_accessor_draws_into_given_axes(seed: Comparison, method: str) -> None:
    ax = fresh_axes()
    assert getattr(seed.plot, method)(ax=ax) is ax
    assert ax.has_data()


def test_accessor_passes_options(seed: Comparison) -> None:
    ax = seed.plot.sourcing(ax=fresh_axes(), share=True)
    assert ax.get_xlabel() == "share of source mentions"


def test_accessor_save(seed: Comparison, tmp_path: Path) -> None:
    paths = seed.plot.save(tmp_path, formats=("png",))
    assert {p.name for p in paths} == {
        "feature-rates.png", "sourcing.png", "distinctive-terms.png", "alignment.png",
        "loaded-terms.png",
    }
    assert "TROIB News" in repr(seed.plot)


def test_repr_html_has_narrative_and_feature_table(seed: Comparison, seed_json: dict) -> None:
    page = seed._repr_html_()
    assert seed_json["narrative"], "the seed comparison has a narrative"
    for n in seed_json["narrative"]:
        assert html.escape(n["text"]) in page
    assert "<table" in page and "</table>" in page
    hedge = {r["article_id"]: r for r in seed_json["rates"] if r["feature"] == "hedge"}
    for r in hedge.values():
        assert f"{r['rate']:.2f} [{r['ci'][0]:.2f}, {r['ci'][1]:.2f}]" in page
    assert "TROIB News" in page and "IANS" in page


def test_repr_html_escapes_article_text(hostile: Comparison) -> None:
    page = hostile._repr_html_()
    assert "<script>" not in page
    assert html.escape(HOSTILE_OUTLET) in page
