"""The BASIL comparison scorer: loading, gold labels, agreement with align(), silver checks."""

from __future__ import annotations

import json

import numpy as np
import pytest

from framing.compare.align import DEFAULT_THRESHOLD, align
from framing.evaluate.comparison import (
    OUTLET_METRICS,
    predicted_only,
    prepare,
    read_basil_events,
    report,
    silver_scores,
)

STEELE = "2b95d2cf-e979-4f9c-ae27-9a5370934f23"  # 2010: Michael Steele's Afghanistan remarks
N_EVENTS = 5


@pytest.fixture(scope="module")
def events(shared_data):
    return read_basil_events(shared_data)


@pytest.fixture(scope="module")
def scored(events):
    return prepare(events[:N_EVENTS])


def test_articles_keep_basil_sentences_as_offsets(events, shared_data):
    event = next(e for e in events if e.id == STEELE)
    assert len(event.articles) == 3
    assert {a.outlet for a in event.articles} == {"Fox News", "New York Times", "HuffPost"}
    nyt = next(a for a in event.articles if a.article.id == f"{STEELE}_1")
    raw = json.loads((shared_data / "basil/articles/2010" / f"{STEELE}_1.json").read_text())
    sentences = [s for p in raw["body-paragraphs"] for s in p]
    assert [nyt.article.text[s:e] for s, e in nyt.spans] == sentences
    assert nyt.article.text.count("\n\n") == len(raw["body-paragraphs"]) - 1


def test_informational_bias_labels(events):
    nyt = next(
        a for e in events if e.id == STEELE for a in e.articles if a.article.id.endswith("_1")
    )
    text = nyt.article.text

    def flag(needle: str) -> bool:
        k = next(i for i, (s, e) in enumerate(nyt.spans) if needle in text[s:e])
        return nyt.inf[k]

    # annotated inf: "His remarks were the latest in a string of controversial statements ..."
    assert flag("His remarks were the latest in a string of controversial statements")
    # the lead only has a lexical-bias span ("fierce")
    assert not flag("drew fierce criticism")


def test_predicted_only_agrees_with_align(scored):
    for es in scored[:2]:
        al = align(list(es.docs), threshold=DEFAULT_THRESHOLD)
        for doc, best, keys in zip(es.docs, es.best, es.keys, strict=True):
            mine = tuple(
                i
                for i, (b, k) in enumerate(zip(best, keys, strict=True))
                if k.terms and b < DEFAULT_THRESHOLD
            )
            assert al.only[doc.article.id] == mine
        flags = predicted_only(es, DEFAULT_THRESHOLD)
        assert [len(f) for f in flags] == [len(a.inf) for a in es.event.articles]


def test_silver_pairs_align_and_unrelated_stories_do_not(scored):
    silver = silver_scores(scored)
    assert silver.positives.size >= 10
    recall, null_aligned, _ = silver.at(DEFAULT_THRESHOLD)
    assert recall >= 0.85  # shared 7-word runs (quotes, copy) are the same content
    assert null_aligned <= 0.1  # sentences of a different story rarely reach the threshold
    assert np.all((silver.null >= 0) & (silver.null <= 1.0 + 1e-9))


def test_report_section(shared_data):
    OUTLET_METRICS["sentences (hook)"] = lambda fs: float(len(fs.document.sentences))
    try:
        text = report(shared_data, limit=4)
    finally:
        del OUTLET_METRICS["sentences (hook)"]
    assert text.startswith("## Comparison")
    assert "| held-out |" in text and "| tune |" in text
    assert "sentences (hook) |" in text
    for outlet in ("Fox News", "New York Times", "HuffPost"):
        assert f"| {outlet} |" in text
