"""The vectorised cue tagger gives the reference tagger's probabilities and labels.

The reference is :meth:`CueTagger.scores` over :func:`sentence_features` (what the training
script uses); :class:`CueVectorizer` must give the same numbers (to 1e-9) without building
feature strings, on the seed story and on hostile input.
"""

from __future__ import annotations

import copy
import random

import numpy as np
import pytest

from framing.errors import ValidationError
from framing.features._attribution_lexicons import _load_lexicons
from framing.features._cue_vectors import (
    TEMPLATES,
    CueVectorizer,
    Template,
    _KeyTable,
    load_cue_vectorizer,
)
from framing.features.attribution_model import (
    CueTagger,
    cue_lexicon_maps,
    load_cue_tagger,
    quote_flags,
    sentence_features,
)
from framing.text import process
from framing.types import Article, Document, Token

TOL = 1e-9


@pytest.fixture(scope="module")
def maps() -> tuple[dict[str, str], dict[str, str]]:
    lex = _load_lexicons()
    return cue_lexicon_maps(lex.verbs, lex.sources)


@pytest.fixture(scope="module")
def tagger() -> CueTagger:
    return load_cue_tagger()


@pytest.fixture(scope="module")
def vec() -> CueVectorizer:
    return load_cue_vectorizer()


def _sentences(doc: Document) -> tuple[list[tuple[Token, ...]], list[list[bool]]]:
    sents = [doc.tokens_of(i) for i in range(len(doc.sentences))]
    return sents, [quote_flags(s, doc.quotes) for s in sents]


def _reference(tagger: CueTagger, sents, inq, maps) -> np.ndarray:
    rows = [
        tagger.scores(f)
        for s, q in zip(sents, inq, strict=True)
        if s
        for f in sentence_features(s, q, maps)
    ]
    return np.array(rows, dtype=float).reshape(len(rows), len(tagger.classes))


def _assert_same(tagger, vec, sents, inq, maps) -> np.ndarray:
    ref = _reference(tagger, sents, inq, maps)
    got = vec.scores(sents, inq)
    assert got.shape == ref.shape
    if len(ref):
        assert np.abs(got - ref).max() < TOL
    return ref


def _toks(words: list[str], pos: list[str] | None = None, sentence: int = 0) -> tuple[Token, ...]:
    out = []
    at = 0
    for k, w in enumerate(words):
        out.append(Token(at, at + len(w), w, pos[k] if pos else "", sentence))
        at += len(w) + 1
    return tuple(out)


# --- the seed story ----------------------------------------------------------------------
@pytest.mark.parametrize("tag", [True, False], ids=["tagged", "untagged"])
@pytest.mark.parametrize("which", ["troib", "ians"])
def test_seed_probabilities_equal_reference(which, tag, request, tagger, vec, maps):
    doc = process(request.getfixturevalue(which), tag=tag)
    sents, inq = _sentences(doc)
    assert any(any(q) for q in inq)  # both seeds quote someone: the in-quote feature is live
    ref = _assert_same(tagger, vec, sents, inq, maps)
    assert len(ref) == sum(len(s) for s in sents) > 100


@pytest.mark.parametrize("which", ["troib", "ians"])
def test_seed_labels_equal_reference_tag(which, request, tagger, vec, maps):
    doc = process(request.getfixturevalue(which))
    sents, inq = _sentences(doc)
    th = tagger.meta["thresholds"]
    ref = [
        lab
        for s, q in zip(sents, inq, strict=True)
        if s
        for lab in tagger.tag(
            sentence_features(s, q, maps), threshold=th["cue"], lexicon_threshold=th["lexicon_cue"]
        )
    ]
    labels, probs = vec.cue_labels(
        sents, inq, threshold=th["cue"], lexicon_threshold=th["lexicon_cue"]
    )
    assert [vec.classes[i] for i in labels] == [lab for lab, _ in ref]
    assert np.abs(probs - np.array([p for _, p in ref])).max() < TOL
    # the seed's reporting verbs are found ("said", "rejected" ...): the test is not all "O"
    assert sum(lab != "O" for lab, _ in ref) >= 3


def test_every_reference_feature_has_a_template(troib, ians, maps):
    """A model holding every feature the reference emits, with random weights, agrees too.

    This checks the template list itself (not only the features the shipped model kept).
    """
    docs = [process(troib), process(ians), process(troib, tag=False)]
    names: set[str] = set()
    for doc in docs:
        sents, inq = _sentences(doc)
        for s, q in zip(sents, inq, strict=True):
            if s:
                for f in sentence_features(s, q, maps):
                    names.update(f)
    prefixes = {t.prefix for t in TEMPLATES}
    for name in names:
        assert any(name.startswith(p) for p in prefixes), name
    rng = random.Random(8)
    weights = {n: [rng.uniform(-1, 1) for _ in range(3)] for n in sorted(names)}
    for link in ("ovr", "softmax"):
        tagger = CueTagger(("B-CUE", "I-CUE", "O"), weights, [0.1, -0.2, 0.3], {"link": link})
        vec = CueVectorizer(tagger, maps)
        for doc in docs:
            sents, inq = _sentences(doc)
            _assert_same(tagger, vec, sents, inq, maps)


# --- hostile input ----------------------------------------------------------------------
def test_no_tokens_and_empty_sentences(tagger, vec, maps):
    assert vec.scores([], []).shape == (0, 3)
    assert vec.scores([(), ()], [[], []]).shape == (0, 3)
    sents = [(), _toks(["Officials", "said", "so", "."], ["NNS", "VBD", "RB", "."]), ()]
    _assert_same(tagger, vec, sents, [[], [False] * 4, []], maps)


@pytest.mark.parametrize(
    "text",
    [
        "said",
        "!!! ... ,,, ?? “ ” \" ' -- ; : ( )",
        "Zqxv blorfed the wuggle, xyzzy plugh frobnicated “quux” quietly.",
        "He said: “No.” She denied it. “Yes,” they claimed, citing sources.",
    ],
    ids=["one-token", "punctuation", "unknown-words", "quotes"],
)
@pytest.mark.parametrize("tag", [True, False], ids=["tagged", "untagged"])
def test_hostile_text_equals_reference(text, tag, tagger, vec, maps):
    doc = process(Article(id="h", outlet="H", text=text), tag=tag)
    sents, inq = _sentences(doc)
    ref = _assert_same(tagger, vec, sents, inq, maps)
    assert len(ref) == len(doc.tokens) > 0


def test_five_thousand_token_sentence(tagger, vec, maps):
    rng = random.Random(5)
    vocab = ["the", "minister", "said", "that", "“", "”", ",", "Iran", "denied", "reports", "x"]
    words = [rng.choice(vocab) for _ in range(5000)]
    tags = [rng.choice(["DT", "NN", "VBD", "IN", "``", "''", ",", "NNP", "NNS"]) for _ in words]
    sents = [_toks(words, tags)]
    inq = [[rng.random() < 0.3 for _ in words]]
    ref = _assert_same(tagger, vec, sents, inq, maps)
    assert len(ref) == 5000


def test_partly_tagged_sentence_and_odd_tags(tagger, vec, maps):
    # a sentence where some tokens have no tag keeps the tag features ("" is a value)
    sents = [
        _toks(["Baghaei", "firmly", "rejected", "the", "reports"], ["NNP", "", "VBD", "", "NNS"]),
        _toks(["It", "said", "so"], ["XX", "VBD|NN", "RB"]),
    ]
    _assert_same(tagger, vec, sents, [[False] * 5, [True] * 3], maps)


def test_values_holding_bars_find_their_weights(maps):
    """Feature names are cut at every "|", so words with "|" in them get their weights."""
    weights = {
        "bias": [0.0, 0.0, 0.0],
        "w-1w=a|b|c": [2.0, 0.0, 0.0],  # both "a" + "b|c" and "a|b" + "c"
        "w=b|c": [0.0, 3.0, 0.0],
        "y:prevlex|": [0.0, 0.0, 5.0],
    }
    tagger = CueTagger(("B-CUE", "I-CUE", "O"), weights, [0.0, 0.0, 0.0], {"link": "softmax"})
    vec = CueVectorizer(tagger, maps)
    sents = [_toks(["a|b", "c"]), _toks(["a", "b|c"])]
    z, _ = vec.logits(sents, [[False] * 2, [False] * 2])
    # read off the features: "c" after "a|b" and "b|c" after "a" both give "w-1w=a|b|c";
    # "b|c" also fires "w=b|c"; no token follows a reporting verb ("y:prevlex|" is silent)
    assert z.tolist() == [[0.0, 0.0, 0.0], [2.0, 0.0, 0.0], [0.0, 0.0, 0.0], [2.0, 3.0, 0.0]]
    _assert_same(tagger, vec, sents, [[False] * 2, [False] * 2], maps)


# --- errors ------------------------------------------------------------------------------
def test_mismatched_quote_flags_are_refused(vec):
    with pytest.raises(ValueError, match="same shape"):
        vec.scores([_toks(["a", "b"])], [[False]])


def test_template_over_unknown_channel_is_refused(tagger, maps):
    with pytest.raises(ValidationError, match="unknown channel 'nope'"):
        CueVectorizer(tagger, maps, (*TEMPLATES, Template("nope=", (("nope", 0),))))


def test_weights_of_the_wrong_width_are_refused(maps):
    tagger = CueTagger(("B-CUE", "I-CUE", "O"), {"w=a": [1.0, 2.0]}, [0, 0, 0], {})
    with pytest.raises(ValidationError, match="3 values"):
        CueVectorizer(tagger, maps)


def test_small_word_cache_is_emptied_and_refilled(troib, ians, tagger, maps):
    """With a cache of a few words, every article empties it: the numbers do not change."""
    vec = CueVectorizer(tagger, maps, cache_limit=5)
    for art in (troib, ians, troib):
        doc = process(art)
        sents, inq = _sentences(doc)
        _assert_same(tagger, vec, sents, inq, maps)
    # the cache now holds the words of the last article only
    assert set(vec._word_rows) == {t.text for s in sents for t in s}


def test_a_copy_scores_the_same(ians, vec, tagger, maps):
    """Fitted extractors may be deep-copied (the cache lock is recreated, not copied)."""
    twin = copy.deepcopy(vec)
    sents, inq = _sentences(process(ians))
    assert np.array_equal(twin.scores(sents, inq), vec.scores(sents, inq))
    _assert_same(tagger, twin, sents, inq, maps)


# --- the key table ---------------------------------------------------------------------
def test_key_table_finds_every_key_and_nothing_else():
    rng = np.random.default_rng(8)
    # clustered keys (like group * span + id * base + id) and random ones
    keys = np.unique(
        np.concatenate(
            [
                7 * 17058**3 + rng.integers(0, 17058**2, 20_000),
                rng.integers(0, 2**62, 20_000),
                np.arange(1000),
            ]
        )
    )
    values = rng.integers(0, 10**9, len(keys))
    table = _KeyTable(keys, values)
    assert np.array_equal(table.get(keys), values)
    absent = np.setdiff1d(rng.integers(0, 2**62, 5000), keys)
    queries = np.concatenate([absent, [-1, -5], keys[:10]])
    got = table.get(queries, default=-7)
    assert (got[: len(absent) + 2] == -7).all()
    assert np.array_equal(got[len(absent) + 2 :], values[:10])


def test_key_table_probes_past_the_home_slot_like_a_dict():
    # keys sharing their home slot: all but one of them are found by later probes (the
    # first probe is done for every query at once, the later ones on the misses only)
    rng = np.random.default_rng(3)
    keys = np.unique(rng.integers(0, 2**40, 3000))
    values = rng.integers(0, 2**31 - 1, len(keys))
    table = _KeyTable(keys, values)
    moved = table._keys[table._home(keys)] != keys
    assert table._probes > 1 and moved.any()
    reference = dict(zip(keys.tolist(), values.tolist(), strict=True))
    queries = np.concatenate([keys[moved], keys[~moved][:50], [-1, -(2**40), 0, 2**41]])
    rng.shuffle(queries)
    got = table.get(queries, default=-9)
    assert got.dtype == np.int64
    assert got.tolist() == [reference.get(q, -9) if q >= 0 else -9 for q in queries.tolist()]


def test_key_table_edge_cases():
    empty = _KeyTable(np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64))
    assert empty.get(np.array([0, 5, -1])).tolist() == [-1, -1, -1]
    assert empty.get(np.zeros(0, dtype=np.int64)).tolist() == []
    with pytest.raises(ValueError, match=">= 0"):
        _KeyTable(np.array([-3]), np.array([1]))


def test_columnar_weights_read_as_the_mapping_they_were_made_from():
    import numpy as np

    from framing.features.attribution_model import ColumnarWeights, CueTagger, columnar_weights

    plain = {"w=said": [0.5, -1.0, 2.0], "bias": [0.1, 0.2, 0.3], "q=True": [0.0, 0.0, -0.5]}
    stored = columnar_weights(plain)
    assert "features" not in stored and set(stored) == {"tables", "matrix"}
    assert stored["matrix"] == [0.5, -1.0, 2.0, 0.1, 0.2, 0.3, 0.0, 0.0, -0.5]
    matrix = np.reshape(stored["matrix"], (-1, 3))
    # the current layout (names rebuilt from the tables) and the one before ("features")
    for cols in (
        ColumnarWeights(None, matrix, tables=stored["tables"]),
        ColumnarWeights(list(plain), matrix),
    ):
        assert list(cols) == list(plain) and len(cols) == 3
        assert {k: list(cols[k]) for k in cols} == plain
        assert "w=said" in cols and "w=told" not in cols and cols.get("w=told") is None
        meta = {"link": "ovr"}
        feats = ["bias", "w=said", "w=unknown", "q=True"]
        a = CueTagger(("B-CUE", "I-CUE", "O"), plain, [0.0, 0.0, 0.0], meta).scores(feats)
        b = CueTagger(("B-CUE", "I-CUE", "O"), cols, [0.0, 0.0, 0.0], meta).scores(feats)
        assert a == b


def test_columnar_weights_refuse_a_matrix_of_the_wrong_shape():
    import numpy as np

    from framing.errors import ValidationError
    from framing.features.attribution_model import ColumnarWeights

    with pytest.raises(ValidationError, match="one row per feature"):
        ColumnarWeights(["a", "b"], np.zeros((3, 3)))


# --- feature names stored parsed (the model file's "tables") ----------------------------
# names with "|" inside values, a name two prefixes take ("lexcue-1" starts with "lexcue"),
# a name of a known prefix with too few values and one no template knows
_ODD_WEIGHTS = {
    "bias": [0.0, 0.0, 0.0],
    "w-1w=a|b|c": [2.0, 0.0, 0.0],
    "w=b|c": [0.0, 3.0, 0.0],
    "y:prevlex|": [0.0, 0.0, 5.0],
    "lexcue-1": [0.25, 0.0, 0.0],
    "w-1w=nobar": [7.0, 7.0, 7.0],
    "zz:unknown=1": [9.0, 9.0, 9.0],
}


def _from_tables(weights, templates=TEMPLATES) -> CueTagger:
    from framing.features._cue_vectors import feature_tables
    from framing.features.attribution_model import ColumnarWeights

    names = list(weights)
    matrix = np.array([weights[n] for n in names], dtype=np.float64)
    cols = ColumnarWeights(None, matrix, tables=feature_tables(names, templates))
    return CueTagger(("B-CUE", "I-CUE", "O"), cols, [0.0, 0.0, 0.0], {"link": "softmax"})


def test_stored_tables_rebuild_the_names_and_find_the_same_weights(maps):
    stored = _from_tables(_ODD_WEIGHTS)
    assert stored.weights.tables["other"] == [[5, "w-1w=nobar"], [6, "zz:unknown=1"]]
    assert list(stored.weights) == list(_ODD_WEIGHTS)
    assert {n: stored.weights[n] for n in stored.weights} == _ODD_WEIGHTS
    vec = CueVectorizer(stored, maps)
    sents = [_toks(["a|b", "c"]), _toks(["a", "b|c"]), _toks(["He", "said", "nobar"])]
    inq = [[False] * 2, [False] * 2, [False] * 3]
    z, _ = vec.logits(sents, inq)
    # as in test_values_holding_bars_find_their_weights; "nobar" follows "said" (a
    # reporting verb): "lexcue-1" fires, but "y:prevlex|-" (an untagged sentence's tag
    # value) is not "y:prevlex|"; "w-1w=nobar" and "zz:unknown=1" never fire
    plain = CueTagger(("B-CUE", "I-CUE", "O"), _ODD_WEIGHTS, [0.0] * 3, {"link": "softmax"})
    _assert_same(plain, vec, sents, inq, maps)
    _assert_same(stored, vec, sents, inq, maps)
    assert z[:4].tolist() == [[0.0] * 3, [2.0, 0.0, 0.0], [0.0] * 3, [2.0, 3.0, 0.0]]
    assert z[5].tolist() == [0.0, 0.0, 0.0] and z[6].tolist() == [0.25, 0.0, 0.0]
    # the same vocabulary as parsing the names
    assert vec.ids == CueVectorizer(plain, maps).ids


def test_tables_of_other_templates_are_parsed_again(troib, maps):
    """Tables written with another template list (a model converted before a template was
    added) are not used: the names are rebuilt and parsed with the current templates."""
    from framing.features._cue_vectors import _tables_parsed, _template_groups

    names = set()
    doc = process(troib)
    sents, inq = _sentences(doc)
    for s_, q in zip(sents, inq, strict=True):
        for f in sentence_features(s_, q, maps):
            names.update(f)
    rng = random.Random(3)
    weights = {n: [rng.uniform(-1, 1) for _ in range(3)] for n in sorted(names)}
    older = [t for t in TEMPLATES if t.prefix != "y:prevlex"]
    stored = _from_tables(weights, older)
    groups, arity = _template_groups(TEMPLATES)
    assert _tables_parsed(stored.weights.tables, groups, arity, len(weights)) is None
    assert any(n.startswith("y:prevlex|") for n in weights)  # the dropped template fires
    plain = CueTagger(("B-CUE", "I-CUE", "O"), weights, [0.0] * 3, {"link": "softmax"})
    _assert_same(plain, CueVectorizer(stored, maps), sents, inq, maps)


def test_malformed_tables_are_refused(maps):
    import copy as _copy

    from framing.features._cue_vectors import names_from_tables

    good = _from_tables(_ODD_WEIGHTS).weights.tables
    n = len(_ODD_WEIGHTS)
    bad_row = _copy.deepcopy(good)
    bad_row["groups"][0][1][0] = n  # a row past the matrix
    with pytest.raises(ValidationError, match="outside the weight matrix"):
        names_from_tables(bad_row, n)
    no_name = _copy.deepcopy(good)
    no_name["other"] = no_name["other"][:1]  # row 6 left without a name
    with pytest.raises(ValidationError, match="name 6 of its 7 weight rows"):
        names_from_tables(no_name, n)
    with pytest.raises(ValidationError, match="malformed"):
        names_from_tables({"templates": [["w=", 1]]}, n)


def test_the_shipped_model_stores_its_names_parsed(tagger):
    """The shipped file is in the tables layout and names every row (meta["features"])."""
    assert tagger.weights.tables is not None
    names = list(tagger.weights)
    assert len(names) == len(set(names)) == tagger.meta["features"]
