"""Comparison of the seed story: lexical differences and distinctive terms with evidence."""

from __future__ import annotations

import math

import pytest

import framing
from framing.compare.stats import log_odds_dirichlet
from framing.errors import ValidationError

from ..conftest import SEED_DIR


def _text(comparison, article_id):
    return next(f.article.text for f in comparison.features if f.article.id == article_id)


@pytest.fixture(scope="module")
def seed_comparison():
    return framing.compare(SEED_DIR)


def test_repr_and_frame(seed_comparison):
    assert repr(seed_comparison).startswith("<Comparison outlets=2 (TROIB News, IANS)")
    frame = seed_comparison.to_frame()
    assert list(frame.columns) == ["article_id", "outlet", "feature", "value"]
    words = frame[frame.feature == "lexical:words"].set_index("outlet")["value"]
    assert words["IANS"] > words["TROIB News"]  # the wire report is the longer one


def test_distinctive_terms_have_evidence(seed_comparison):
    by_article: dict[str, set[str]] = {}
    for t in seed_comparison.distinctive_terms:
        by_article.setdefault(t.article_id, set()).add(t.term)
        text = _text(seed_comparison, t.article_id)
        assert len(t.evidence) == t.count
        for e in t.evidence:
            assert text[e.start : e.end].lower() == t.term
    # words only one version uses, read off the texts
    assert "assassinate" in by_article["ians"] or "switzerland" in by_article["ians"]
    assert by_article["troib-rt"] & {"rejected", "reports", "iravani", "ministry"}


def test_vocabulary_difference_names_only_words(seed_comparison):
    vocab = [d for d in seed_comparison.differences if d.kind == "vocabulary"]
    troib = next(d for d in vocab if d.summary.startswith("TROIB News"))
    assert "clandestine" in troib.attrs["only"]
    assert "teheran" in next(d for d in vocab if d.summary.startswith("IANS")).attrs["only"]
    for d in vocab:
        for e in d.evidence:
            text = _text(seed_comparison, e.article_id)
            assert text[e.start : e.end] == e.text


def test_needs_two_versions(troib):
    with pytest.raises(ValidationError, match="at least two versions"):
        framing.compare(troib)


def test_versions_without_or_sharing_an_outlet_get_names_of_their_own(troib, ians):
    from dataclasses import replace

    # plain text files with no outlet line are read as outlet "unknown"
    found = framing.compare(replace(troib, outlet="unknown"), replace(ians, outlet="unknown"))
    assert found.outlets == [troib.id, ians.id]
    assert not any("unknown" in d.summary for d in found.differences)
    same = framing.compare(troib, replace(ians, outlet=troib.outlet))
    assert same.outlets == [f"{troib.outlet} ({troib.id})", f"{troib.outlet} ({ians.id})"]
    coverage = next(d for d in same.differences if d.kind == "coverage")
    assert coverage.summary.startswith(f"{troib.outlet} (")


def test_log_odds_matches_monroe_formula():
    a, b = {"x": 5, "y": 1}, {"x": 1, "y": 5}
    prior = {"x": 1, "y": 1}
    res = {r.term: r for r in log_odds_dirichlet(a, b, prior, alpha0=2.0)}
    # hand computation: alpha_w = 1 for both words, n_a = n_b = 6, alpha0 = 2
    delta = math.log(6 / (6 + 2 - 5 - 1)) - math.log(2 / (6 + 2 - 1 - 1))
    assert res["x"].delta == pytest.approx(delta)
    assert res["x"].variance == pytest.approx(1 / 6 + 1 / 2)
    assert res["y"].z == pytest.approx(-res["x"].z)


def test_outputs_record_the_compare_stage_versions(seed_comparison):
    from framing.compare.terms import background_counts
    from framing.lexicons import load_lexicon
    from framing.report import comparison_markdown

    versions = seed_comparison.to_dict()["versions"]
    assert versions["paraphrases.en"] == load_lexicon("paraphrases.en").id
    assert versions["passive.en"] == load_lexicon("passive.en").id
    assert versions["background"] == background_counts()[1]
    assert versions["sources.en"] == load_lexicon("sources.en").id  # and the extractors'
    assert "- passive.en: passive.en\\@1" in comparison_markdown(seed_comparison)  # @ escaped
