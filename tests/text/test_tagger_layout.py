"""The tagger file's weights as flat arrays, and the layout before (NLTK's nested dicts).

Both layouts hold the same weights and must give the same dense rows and the same tags.
"""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import numpy as np
import pytest

from framing.errors import ValidationError
from framing.text import process
from framing.text.tagger import PosTagger, _DenseWeights, _SparseWeights, load_tagger
from framing.types import Article

WEIGHTS = {  # feature -> {tag: weight}, as NLTK keeps them
    "bias": {"NN": 0.5, "VB": -0.25},
    "i word said": {"VBD": 3.0},
    "i suffix aid": {"VBD": 1.0, "NN": -1.0, "JJ": 0.125},
    "empty": {},
}
TAGS = ["JJ", "NN", "VB", "VBD"]


def test_sparse_weights_round_trip_the_nested_dicts():
    sparse = _SparseWeights.from_dicts(WEIGHTS, TAGS)
    # features sorted, each feature's tags sorted; labels index the sorted tagset
    assert sparse.features == ["bias", "empty", "i suffix aid", "i word said"]
    assert np.diff(sparse.indptr).tolist() == [2, 0, 3, 1]
    assert sparse.labels.tolist() == [1, 2, 0, 1, 3, 3]
    assert sparse.values.tolist() == [0.5, -0.25, 0.125, -1.0, 1.0, 3.0]
    assert sparse.to_dicts(TAGS) == WEIGHTS


def test_dense_rows_from_either_layout_are_the_same():
    feats = ["i suffix aid", "nope", "bias", "i word said", "bias", "empty"]
    a = _DenseWeights(WEIGHTS, TAGS)
    b = _DenseWeights(_SparseWeights.from_dicts(WEIGHTS, TAGS), TAGS)
    for dense in (a, b):
        rows = dense.rows_of(feats)
        assert rows[1] == 0 and rows[2] == rows[4] and len(set(rows)) == 5
        # read off WEIGHTS: columns JJ, NN, VB, VBD
        assert dense.matrix[rows].tolist() == [
            [0.125, -1.0, 0.0, 1.0],
            [0.0, 0.0, 0.0, 0.0],
            [0.0, 0.5, -0.25, 0.0],
            [0.0, 0.0, 0.0, 3.0],
            [0.0, 0.5, -0.25, 0.0],
            [0.0, 0.0, 0.0, 0.0],
        ]
        assert dense.max_abs == 3.0
        assert dense.row_of("nope") is None and dense.row_of("bias") == rows[2]
        assert dense.rows_of(feats) == rows  # filled once
    assert a.predict(["bias", "i word said"]) == b.predict(["bias", "i word said"]) == "VBD"


def test_features_without_weights_stay_on_the_row_of_zeros_when_asked_again():
    # a feature found to have no weights is remembered as such; asking for it again, alone
    # or next to new features that have weights, still gives row 0 and fills the others
    for weights in (WEIGHTS, _SparseWeights.from_dicts(WEIGHTS, TAGS)):
        dense = _DenseWeights(weights, TAGS)
        assert dense.rows_of(["nope", "other"]) == [0, 0]
        assert dense.rows_of(["nope"]) == [0]
        rows = dense.rows_of(["nope", "i word said", "other", "bias"])
        assert rows[0] == rows[2] == 0 and rows[1] > 0 and rows[3] > 0
        assert dense.matrix[rows[1]].tolist() == [0.0, 0.0, 0.0, 3.0]
        assert dense.matrix[rows[3]].tolist() == [0.0, 0.5, -0.25, 0.0]
        assert dense.row_of("nope") is None


def test_features_without_weights_forgotten_past_the_limit_stay_on_row_zero(monkeypatch):
    # past _MAX_ABSENT remembered features without weights, they are forgotten (and looked
    # up again when asked): rows with weights keep their place, the others stay on row 0
    from framing.text import tagger as tagger_module

    monkeypatch.setattr(tagger_module, "_MAX_ABSENT", 2)
    for weights in (WEIGHTS, _SparseWeights.from_dicts(WEIGHTS, TAGS)):
        dense = _DenseWeights(weights, TAGS)
        said, bias = dense.rows_of(["i word said", "bias"])
        for k in range(6):  # three rounds of forgetting
            extra = [f"nope {k} {j}" for j in range(3)]
            rows = dense.rows_of([*extra, "i word said", "bias", "nope 0 0"])
            assert rows == [0, 0, 0, said, bias, 0]
        assert len(dense.index) <= 2 + 2 + 3 + 1  # two with weights, at most the rest
        assert dense.matrix[said].tolist() == [0.0, 0.0, 0.0, 3.0]
        assert dense.row_of("nope 0 0") is None and dense.row_of("bias") == bias
        # a feature with weights met after the forgetting gets a new row, not row 0 or a
        # row already given
        rows = dense.rows_of(["i suffix aid", "nope x"])
        assert rows[0] not in (0, said, bias) and rows[1] == 0
        assert dense.matrix[rows[0]].tolist() == [0.125, -1.0, 0.0, 1.0]


def test_tags_do_not_depend_on_forgetting_features_without_weights(monkeypatch, troib, ians):
    from framing.text import tagger as tagger_module

    shipped = load_tagger()
    docs = [process(a, tag=False) for a in (troib, ians)]
    sentences = [[[t.text for t in d.tokens_of(s.index)] for s in d.sentences] for d in docs]
    expected = [shipped.tag_sentences(x) for x in sentences]
    monkeypatch.setattr(tagger_module, "_MAX_ABSENT", 50)
    fresh = PosTagger.from_file(_shipped())  # its own dense rows and caches
    for _ in range(2):
        assert [fresh.tag_sentences(x) for x in sentences] == expected


def test_the_shipped_file_holds_flat_arrays():
    raw = json.loads(gzip.decompress(Path(_shipped()).read_bytes()))
    assert "weights" not in raw
    assert len(raw["features"]) == len(raw["counts"]) == len(set(raw["features"]))
    # the training script counted the weights it kept
    n = raw["meta"]["n_weights"]
    assert sum(raw["counts"]) == len(raw["labels"]) == len(raw["values"]) == n
    assert max(raw["labels"]) < len(raw["classes"])


def _shipped() -> str:
    from framing.models import model_path
    from framing.text.tagger import MODEL_FILE

    return str(model_path(MODEL_FILE))


def test_the_nested_layout_is_still_read_and_tags_the_same(tmp_path, troib: Article):
    tagger = load_tagger()
    obj = tagger.to_obj()
    old = {k: obj[k] for k in ("meta", "classes", "tagdict")}
    old["weights"] = tagger._weights  # NLTK's dicts, rebuilt from the arrays
    path = tmp_path / "pos-old.json.gz"
    path.write_bytes(gzip.compress(json.dumps(old).encode("utf-8")))
    nested = PosTagger.from_file(path)
    assert nested._sparse is None and nested._weights == tagger._weights
    doc = process(troib, tag=False)
    sentences = [[t.text for t in doc.tokens_of(s.index)] for s in doc.sentences]
    assert nested.tag_sentences(sentences) == tagger.tag_sentences(sentences)
    # written again, the nested model gives the arrays of the shipped file
    again = nested.to_obj()
    assert {k: again[k] for k in ("features", "counts", "labels", "values")} == {
        k: obj[k] for k in ("features", "counts", "labels", "values")
    }


@pytest.mark.parametrize(
    "change",
    [
        {"counts": [2, 0, 3]},  # one count short
        {"labels": [1, 2, 0, 1, 3, 9]},  # a tag outside the tagset
        {"values": [0.5]},
        {"counts": [2, 0, 5, -1]},
    ],
)
def test_malformed_arrays_are_refused(tmp_path, change):
    sparse = _SparseWeights.from_dicts(WEIGHTS, TAGS)
    obj = {
        "meta": {},
        "classes": TAGS,
        "tagdict": {},
        "features": sparse.features,
        "counts": np.diff(sparse.indptr).tolist(),
        "labels": sparse.labels.tolist(),
        "values": sparse.values.tolist(),
    }
    assert PosTagger._from_obj(obj, source="ok")._weights == WEIGHTS
    path = tmp_path / "bad.json.gz"
    path.write_bytes(gzip.compress(json.dumps({**obj, **change}).encode("utf-8")))
    with pytest.raises(ValidationError, match="malformed tagger weights"):
        PosTagger.from_file(path)


def test_rows_from_the_file_index_equal_the_rows_of_nltks_dicts(troib: Article) -> None:
    # the file layout makes the row of every model feature from the start; the dict
    # layout (the reference) looks features up one by one and makes their rows: same weights
    # for every feature of the seed article, hostile ones and absent ones included
    from framing.text.tagger import _feature_names, _normalize, _shape

    tagger = load_tagger()
    classes = sorted(tagger._classes)
    words = [t.text for t in process(troib, tag=False).tokens][:400]
    words += ["\u202e\U0001f600", "x" * 200, "\u0000", "-START-"]
    context = ["-START-", "-START2-", *map(_normalize, words), "-END-", "-END2-"]
    raw = ["", "", *words, "", ""]
    shapes = [_shape(w) for w in raw]
    feats: list[str] = []
    for p in range(2, len(raw) - 2):
        feats += _feature_names(p, raw[p], context, shapes, "NN", "DT")
    fast = _DenseWeights(tagger._sparse, classes)
    reference = _DenseWeights(tagger._weights, classes)
    for _ in range(2):  # made, then met again
        a, b = fast.rows_of(feats), reference.rows_of(feats)
        assert [r == 0 for r in a] == [r == 0 for r in b] and any(a) and not all(a)
        assert np.array_equal(fast.matrix[a], reference.matrix[b])
    # the file layout's margin uses the largest weight of the whole model
    assert fast.max_abs >= reference.max_abs
    assert fast.row_of("no such feature") is None and fast.row_of(feats[0]) == a[0]


def test_every_row_of_the_file_layout_is_made_from_the_start_as_the_dicts_make_it():
    # the file layout makes all its rows at once (one scatter); NLTK's dicts (the
    # reference) make them one by one: the same row for every feature of the model
    tagger = load_tagger()
    classes = sorted(tagger._classes)
    fast = _DenseWeights(tagger._sparse, classes)
    features = tagger._sparse.features
    rows = [fast.index[f] for f in features]
    assert rows == list(range(1, len(features) + 1))  # row 0 is left for no weights
    assert not fast.matrix[0].any()
    reference = _DenseWeights(tagger._weights, classes)
    b = reference.rows_of(features)
    assert np.array_equal(fast.matrix[rows], reference.matrix[b])
    assert fast.max_abs == reference.max_abs  # every row made: the same largest weight
    assert fast.rows_of(["i word said", "no such feature"]) == [fast.index["i word said"], 0]
