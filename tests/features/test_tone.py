"""Tone: VADER sentence scores with the lexicon words behind them."""

from __future__ import annotations

from framing.features.tone import ToneFeatures
from framing.text import process


def test_seed_negative_sentences_have_word_evidence(troib):
    doc = process(troib)
    spans = ToneFeatures().spans(doc)
    strike = next(s for s in spans if "drone strike" in s.text)
    assert strike.category == "negative" and strike.score < -0.05
    words = {troib.text[s:e].lower() for s, e, _ in strike.attrs["words"]}
    assert "killed" in words
    for s in spans:
        assert troib.text[s.start : s.end] == s.text
        assert s.rule.startswith("model:vader@")


def test_metrics_and_versions(ians):
    tone = ToneFeatures().fit()
    doc = process(ians)
    m = tone.metrics(doc, tone.spans(doc))
    assert -1 <= m["tone:mean_compound"] <= 1
    assert m["tone:negative_share"] > 0  # assassination plots, war: read off the text
    assert tone.versions()["vader"].startswith("vader@3.")


def test_sklearn_access(troib, ians):
    tone = ToneFeatures().set_output(transform="pandas")
    frame = tone.fit_transform([troib, ians])
    assert list(frame.columns) == ["tone:negative", "tone:positive"]
    assert frame.shape == (2, 2)
