"""The tagger's dense scoring path gives NLTK's averaged-perceptron tags, token for token."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import ValidationError
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


def test_batched_sentences_match_nltk(troib: Article, ians: Article, shared_data: Path) -> None:
    # tag_sentences scores all the sentences of an article together (waves of tokens whose
    # previous tags are known); each sentence must still get NLTK's tags
    tagger = load_tagger()
    articles = [troib, ians]
    for path in sorted(POLNEAR_DEV.glob("*.txt"))[15:25]:
        articles.append(Article(id=path.name, outlet="x", text=path.read_text(encoding="utf-8")))
    assert len(articles) == 12
    for art in articles:
        sentences = _sentences(art)
        assert tagger._scorer.tag(sentences) == [_reference(words) for words in sentences]


def test_exact_rescoring_matches_nltk(troib: Article) -> None:
    # a token whose best two scores are within the margin is re-scored in NLTK's order; an
    # infinite margin sends every model-tagged token down that path
    from framing.text.tagger import _Scorer

    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict, margin_scale=float("inf"))
    sentences = _sentences(troib)
    assert scorer.tag(sentences) == [_reference(words) for words in sentences]


def test_cleared_caches_give_the_same_tags(ians: Article) -> None:
    # the kept vectors are dropped when a table grows past its limit; tiny limits make that
    # happen between every call
    from framing.text.tagger import _Scorer

    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    for table in (scorer.own, scorer.near, scorer.shape, scorer.pair, scorer.prev_word):
        table.max_kept = 3
    sentences = _sentences(ians)
    assert [scorer.tag([words])[0] for words in sentences] == [_reference(w) for w in sentences]
    assert len(scorer.near.ids) < 100  # it was cleared
    assert len(scorer.prev_word.ids) < 100


def test_static_rows_match_the_feature_names(troib: Article) -> None:
    # the rows kept by shape triple are the rows of the feature names, also for text whose
    # shapes and words the model has never seen, met a first and a second time
    from framing.text.tagger import _END, _START, _cached_normalize, _cached_shape, _Scorer

    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    hostile = [
        ["\u202eevil", "\U0001f600\U0001f600", "x" * 300, "A1-b2_C3", "\u00bd", "\"'", "--"],
        ["\u0130stanbul", "STRA\u00dfE", "\u0000", "\t", "(", ")", "U.S.", "Iran's", "1,000"],
    ]
    for sentences in (_sentences(troib) + hostile, hostile):
        context: list[str] = []
        raw: list[str] = []
        for words in sentences:
            norm = [normalize_token(w) for w in words]
            context += [*_START, *map(_cached_normalize, norm), *_END]
            raw += ["", "", *norm, "", ""]
        shapes = [_cached_shape(w) for w in raw]
        todo = [p for p, w in enumerate(raw) if w]
        fast = scorer._static_rows(todo, context, shapes)
        assert fast == scorer._static_rows_reference(todo, context, shapes)
        assert len(fast) == 3 * len(todo) and any(fast)


def test_tag_sentences_is_tag_per_sentence() -> None:
    tagger = load_tagger()
    sentences = [
        ["Baghaei", "rejected", "\u201c", "false", "reports", "\u201d", "."],
        [],
        ["Iran", "\u2019s", "envoy", "reportedly", "met", "Musk", "."],
        ["No"],
    ]
    assert tagger.tag_sentences(sentences) == [tagger.tag(words) for words in sentences]
    assert tagger.tag_sentences(sentences)[0][2] == "``"  # the curly quote's side is kept
    assert tagger.tag_sentences([]) == []
    with pytest.raises(ValidationError, match="sequence of tokens"):
        tagger.tag_sentences([["Iran"], "Iran denied it"])


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


def test_normalize_is_nltks() -> None:
    # tagging does not import NLTK: the tagger's copy of PerceptronTagger.normalize
    from nltk.tag.perceptron import PerceptronTagger

    from framing.text.tagger import _END, _START, _normalize

    words = ["Iran", "U.S.-based", "-", "--", "-5", "1979", "19790", "3.5", "2nd", "", "ÉLITE",
             "co-op", "A-", "٣٤٥٦", "²", "x1", "1,000", "MUSK", "n't", "’s"]
    nltk_tagger = PerceptronTagger(load=False)
    assert [_normalize(w) for w in words if w] == [nltk_tagger.normalize(w) for w in words if w]
    assert list(_START) == nltk_tagger.START and list(_END) == nltk_tagger.END


def test_reference_class_is_defined_on_first_use() -> None:
    from framing.text import tagger

    cls = tagger.FramingPerceptronTagger
    assert cls is tagger.FramingPerceptronTagger  # defined once
    assert cls.FEATURE_SET == "nltk-3.10+framing-shape-affix-v1"
    assert cls.__name__ == "FramingPerceptronTagger"


def test_ascii_tokens_are_not_normalised() -> None:
    # normalize_token returns ASCII tokens unchanged without looking them up: every
    # character it maps is outside ASCII
    from framing.text.tagger import _CHAR_MAP, _TOKEN_MAP

    assert all(not k.isascii() for k in _TOKEN_MAP)
    assert all(code > 127 for code in _CHAR_MAP)
    for word in ("Iran", "n't", "--", "...", '"', "'s", "U.S.-based"):
        assert normalize_token(word) == word
    assert normalize_token("n\u2019t") == "n't" and normalize_token("\u2014") == "--"


def test_row_sums_are_sequential_like_nltks() -> None:
    # the dense path sums a block of feature rows with np.add.reduce(axis=0); NLTK adds
    # feature after feature. Their equality, bit for bit, is what keeps tags identical
    # on near ties.
    import numpy as np

    tagger = load_tagger()
    dense = tagger._dense
    words = ["Iran", "’s", "envoy", "reportedly", "met", "Musk", "in", "New", "York", "."]
    feats = _feature_names_for(words)
    rows = [r for r in map(dense.row_of, feats) if r is not None]
    block = dense.matrix.take(rows, axis=0)
    sequential = [0.0] * block.shape[1]
    for row in block.tolist():
        sequential = [a + b for a, b in zip(sequential, row, strict=True)]
    assert len(rows) > 10
    assert np.add.reduce(block, axis=0).tolist() == sequential
    rng = np.random.default_rng(8)
    values = rng.standard_normal((40, 50)) * rng.choice([1e-6, 1.0, 1e6], size=(40, 1))
    sequential = [0.0] * 50
    for row in values.tolist():
        sequential = [a + b for a, b in zip(sequential, row, strict=True)]
    assert np.add.reduce(values, axis=0).tolist() == sequential


def _feature_names_for(words: list[str]) -> list[str]:
    from framing.text.tagger import _END, _START, _feature_names, _normalize, _shape

    context = [*_START, *map(_normalize, words), *_END]
    shapes = ["", "", *map(_shape, words), "", ""]
    out: list[str] = []
    for i, word in enumerate(words):
        out += _feature_names(i + 2, word, context, shapes, "NNP", "-START-")
    return out


def test_pair_vectors_by_number_equal_the_vectors_by_name() -> None:
    # the greedy loop adds the three tag features of (tag i-1, tag i-2) from one table
    # indexed by tag numbers; each entry must be the vector summed for that pair by name
    import numpy as np

    from framing.text.tagger import _Scorer

    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    table = scorer.pair_vectors()
    names = scorer.tag_names
    assert names[: len(tagger.tagset)] == list(tagger.tagset)  # a label's number: its column
    assert "-START-" in names and "-START2-" in names
    pairs = [("-START-", "-START2-"), ("NNP", "-START-"), ("DT", "NN"), ("''", "``"), ("$", "$")]
    scorer._add_pairs(pairs)
    for prev, prev2 in pairs:
        by_name = scorer.pair.data[scorer.pair.ids[(prev, prev2)]]
        by_number = table[scorer.tag_id[prev], scorer.tag_id[prev2]]
        assert np.array_equal(by_name, by_number)  # the same sums, bit for bit
    assert np.abs(table).sum() > 0


def test_ascii_and_typographic_sentences_together_match_nltk(troib: Article) -> None:
    # an all-ASCII sentence is passed on as it is; others are normalised token by token;
    # mixed in one call, every sentence gets NLTK's tags of its normalised tokens
    tagger = load_tagger()
    hostile = [
        ["Iran", "\u2019s", "envoy", "\u201c", "denied", "\u201d", "it", "\u2014", "twice", "."],
        ["\u202eevil", "\U0001f600", "x" * 300, "A1-b2_C3", "\u00bd", "\"'", "--", "caf\u00e9"],
        ["Plain", "ASCII", "words", ",", "nothing", "else", "."],
        ["STRA\u00dfE", "\u2018", "quoted", "\u2019", "1,000", "\u2026"],
    ]
    doc = process(troib, tag=False)
    seed = [[t.text for t in doc.tokens_of(s.index)] for s in doc.sentences][:8]
    sentences = [w for w in hostile + seed if w]
    got = tagger.tag_sentences(sentences)
    for words, tags in zip(sentences, got, strict=True):
        want = _reference([normalize_token(w) for w in words])
        for i, word in enumerate(words):  # the glyph of a curly quote gives its side
            if word in ("\u201c", "\u2018"):
                want[i] = "``"
            elif word == "\u201d":
                want[i] = "''"
        assert tags == want
