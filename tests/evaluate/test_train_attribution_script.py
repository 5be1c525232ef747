"""scripts/train_attribution.py: the re-ranker's training candidates (issue #5).

The candidates are proposed by the vectorised cue tagger inside the rule engine; the script
must hand the engine the same ``(CueVectorizer, thresholds)`` pair as the extractor does.
"""

from __future__ import annotations

import pytest

from framing.evaluate.attribution import iter_polnear
from framing.features.attribution_model import load_cue_tagger
from framing.text import process
from framing.types import Article
from tests.scripts import load_script


@pytest.fixture(scope="module")
def train_script():
    return load_script("train_attribution")


def test_rerank_candidates_label_said_cues_of_a_polnear_article(train_script, shared_data):
    split = shared_data / "polnear" / "data" / "train"
    if not split.is_dir():
        pytest.skip(f"PolNeAR train split {split} is absent")
    gold = next(iter_polnear(split, limit=1))
    doc = process(Article(id=gold.name, outlet=gold.publisher, text=gold.text))
    feats, labels = train_script.rerank_candidates(
        [(gold, doc, 0, 0)], load_cue_tagger(), (0.35, 0.25)
    )
    assert len(feats) == len(labels) > 0
    assert set(labels) <= {0, 1}
    # a candidate is labelled 1 exactly when its cue overlaps a gold cue segment: every
    # gold cue "said" of the article is a lexicon cue, proposed and labelled true
    said = [
        (s, e)
        for rel in gold.relations
        for s, e in rel.cue
        if gold.text[s:e].strip().lower() == "said"
    ]
    if not said:
        pytest.skip("the first train article has no gold 'said' cue")
    positives = [f for f, y in zip(feats, labels, strict=True) if y == 1]
    assert any(f.get("w=said") for f in positives)
