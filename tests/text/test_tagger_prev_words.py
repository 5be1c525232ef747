"""The tagger's (previous tag, word) vectors made from rows kept by key equal the vectors
summed from the feature names alone."""

from __future__ import annotations

import numpy as np

from framing.text import process
from framing.text.tagger import PosTagger, _Scorer
from framing.types import Article

HOSTILE = ["\u202e\U0001f600", "x" * 200, "\u0000", "-START-", "a b", "", "’s", "U.S.-based"]


def _fresh_scorer() -> _Scorer:
    from framing.models import model_path
    from framing.text.tagger import MODEL_FILE

    tagger = PosTagger.from_file(model_path(MODEL_FILE))  # its own rows and tables
    return tagger._scorer


def test_prev_word_vectors_equal_the_sums_of_their_named_rows(troib: Article) -> None:
    scorer = _fresh_scorer()
    words = [t.text for t in process(troib, tag=False).tokens][:300] + HOSTILE
    words = list(dict.fromkeys(words))
    keys = [(prev, w) for w in words for prev in ("NN", "DT", "-START-", "VBD", "``")]
    # twice: the shape and suffix rows are read from the kept tables the second time
    for _ in range(2):
        before = len(scorer.prev_word.ids)
        ids = [("test", k) for k in range(before, before + len(keys))]
        scorer._add_prev_words(keys, ids)
        got = scorer.prev_word.data[[scorer.prev_word.ids[i] for i in ids]]
        assert np.array_equal(got, scorer._add_prev_words_reference(keys))
    assert scorer.prev_shape_rows and scorer.prev_suffix_rows
    # a shape feature the model has and one it has not: their kept rows
    assert any(scorer.prev_shape_rows.values()) and 0 in scorer.prev_suffix_rows.values()


def test_tags_are_the_same_with_the_kept_rows_emptied(troib: Article, ians: Article) -> None:
    scorer = _fresh_scorer()
    docs = [process(a, tag=False) for a in (troib, ians)]
    sentences = [[[t.text for t in d.tokens_of(s.index)] for s in d.sentences] for d in docs]
    first = [scorer.tag(x) for x in sentences]
    scorer.prev_shape_rows.clear()
    scorer.prev_suffix_rows.clear()
    scorer.prev_word.ids = {}
    scorer.prev_word.keys = []
    assert [scorer.tag(x) for x in sentences] == first
    assert [scorer.tag(x) for x in sentences] == first
