"""The tagger's dense scoring path gives NLTK's averaged-perceptron tags, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.text import process
from framing.text.tagger import load_tagger, normalize_token
from framing.types import Article

ROOT = Path(__file__).resolve().parents[2]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "data" / "dev" / "text"


def _sentences(article: Article) -> list[list[str]]:
    doc = process(article, tag=False)
    out = [[t.text for t in doc.tokens_of(s.index)] for s in doc.sentences]
    return [[normalize_token(w) for w in words] for words in out if words]


def _reference(words: list[str]) -> list[str]:
    # FramingPerceptronTagger.tag: the features built by NLTK's closure, scored by NLTK's
    # AveragedPerceptron.predict over the weight dicts.
    return [tag for _, tag in load_tagger()._perceptron.tag(words)]


def test_dense_path_matches_nltk_on_the_seed_story(troib: Article, ians: Article) -> None:
    tagger = load_tagger()
    sentences = _sentences(troib) + _sentences(ians)
    assert sum(map(len, sentences)) > 500
    for words in sentences:
        assert tagger._tag_normalised(words) == _reference(words)


def test_dense_path_matches_nltk_on_polnear(shared_data: Path) -> None:
    files = sorted(POLNEAR_DEV.glob("*.txt"))[:15]
    if not files:
        pytest.skip("PolNeAR dev texts are not present")
    tagger = load_tagger()
    for path in files:
        art = Article(id=path.name, outlet="x", text=path.read_text(encoding="utf-8"))
        for words in _sentences(art):
            assert tagger._tag_normalised(words) == _reference(words), (path.name, words)


def test_repeated_feature_counts_like_nltk() -> None:
    # NLTK adds value * weight once for a feature seen twice; the dense path must too.
    tagger = load_tagger()
    model = tagger._perceptron.model
    dense = tagger._dense
    for feats in (["bias", "bias"], ["i word iran", "bias", "i word iran", "i suffix ran"]):
        counts: dict[str, int] = {}
        for f in feats:
            counts[f] = counts.get(f, 0) + 1
        assert dense.predict(feats) == model.predict(counts)[0]


def test_unknown_features_fall_back_like_nltk() -> None:
    tagger = load_tagger()
    feats = ["no such feature", "nor this one"]
    expected = tagger._perceptron.model.predict(dict.fromkeys(feats, 1))[0]
    assert tagger._dense.predict(feats) == expected
