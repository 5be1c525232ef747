"""The (previous tag, word) features read from tables by number equal their rows by name."""

from __future__ import annotations

from pathlib import Path

import numpy as np

from framing.text import process
from framing.text.tagger import _Scorer, load_tagger, normalize_token
from framing.types import Article

ROOT = Path(__file__).resolve().parents[2]
POLNEAR_DEV = ROOT.parent / "shared" / "data" / "polnear" / "data" / "dev" / "text"

HOSTILE = [
    ["\u202eevil", "\U0001f600\U0001f600", "x" * 300, "A1-b2_C3", "\u00bd", "\"'", "--"],
    ["\u0130stanbul", "STRA\u00dfE", "\u0000", "\t", "(", ")", "U.S.", "Iran's", "1,000"],
    ["said", "said", "said", "Said", "SAID", "saying", "says", "tell", "told"],
]


def _sentences(article: Article) -> list[list[str]]:
    doc = process(article, tag=False)
    out = [[t.text for t in doc.tokens_of(s.index)] for s in doc.sentences]
    return [[normalize_token(w) for w in words] for words in out if words]


def _by_name_scorer() -> _Scorer:
    """A scorer that sums the three features from their names (the prev_word table)."""
    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    scorer.prev_tables = None
    return scorer


def test_the_model_file_layout_uses_the_tables() -> None:
    scorer = load_tagger()._scorer
    assert scorer.prev_tables is not None
    (words, shapes, suffixes), tables = scorer.prev_tables
    # the model has weights on all three kinds, so none of the tables is empty
    assert len(words) > 1000 and len(shapes) > 10 and len(suffixes) > 100
    for index, table in zip((words, shapes, suffixes), tables, strict=True):
        assert len(table) == (len(index) + 1) * len(scorer.tag_names)
        assert not table[: len(scorer.tag_names)].any()  # index 0: no value, no row


def test_table_rows_are_the_rows_of_the_feature_names(troib: Article) -> None:
    # for words of the seed story and hostile words, after every previous tag: the rows read
    # from the tables are those of the names NLTK builds (0 when the model has none)
    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    assert scorer.prev_tables is not None
    (w_ids, s_ids, x_ids), (t_word, t_shape, t_suffix) = scorer.prev_tables
    from framing.text.tagger import _cached_normalize, _cached_shape

    words = sorted({w for s in _sentences(troib) + HOSTILE for w in s})
    m = len(scorer.tag_names)
    found = 0
    for word in words:
        for prev, t in scorer.tag_id.items():
            got = (
                int(t_word[w_ids.get(_cached_normalize(word), 0) * m + t]),
                int(t_shape[s_ids.get(_cached_shape(word), 0) * m + t]),
                int(t_suffix[x_ids.get(word[-3:], 0) * m + t]),
            )
            want = tuple(
                scorer.row(name)
                for name in (
                    f"i-1 tag+i word {prev} {_cached_normalize(word)}",
                    f"i-1 tag+i shape {prev} {_cached_shape(word)}",
                    f"i-1 tag+i suffix {prev} {word[-3:]}",
                )
            )
            assert got == want, (word, prev)
            found += sum(1 for r in got if r)
    assert found > 1000


def test_tags_equal_the_by_name_sums(troib: Article, ians: Article, shared_data: Path) -> None:
    tagger = load_tagger()
    fast = _Scorer(tagger._dense, tagger._tagdict)
    slow = _by_name_scorer()
    articles = [troib, ians]
    for path in sorted(POLNEAR_DEV.glob("*.txt"))[:10]:
        articles.append(Article(id=path.name, outlet="x", text=path.read_text(encoding="utf-8")))
    for sentences in [_sentences(a) for a in articles] + [HOSTILE]:
        assert fast.tag(sentences) == slow.tag(sentences)


def test_scores_are_the_same_bits() -> None:
    # the summed vector of the three features, table path and by name, bit for bit
    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    (w_ids, s_ids, x_ids), tables = scorer.prev_tables  # type: ignore[misc]
    from framing.text.tagger import _cached_normalize, _cached_shape

    m = len(scorer.tag_names)
    keys = [(prev, w) for w in ("said", "Iran", "x" * 300, "\u00bd") for prev in ("NNP", "DT")]
    scorer._add_prev_words(keys)
    matrix = scorer.dense.matrix
    for prev, word in keys:
        t = scorer.tag_id[prev]
        rows = [
            table[ids.get(value, 0) * m + t]
            for ids, table, value in zip(
                (w_ids, s_ids, x_ids),
                tables,
                (_cached_normalize(word), _cached_shape(word), word[-3:]),
                strict=True,
            )
        ]
        three = matrix[rows[0]].copy()
        three += matrix[rows[1]]
        three += matrix[rows[2]]
        assert np.array_equal(three, scorer.prev_word.data[scorer.prev_word.ids[(prev, word)]])


def test_cleared_own_table_gives_the_same_tags(ians: Article) -> None:
    # own is emptied between calls: the values of its words in the tables are made anew
    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    scorer.own.max_kept = 3
    slow = _by_name_scorer()
    sentences = _sentences(ians) + HOSTILE
    assert [scorer.tag([w])[0] for w in sentences] == [slow.tag([w])[0] for w in sentences]
    assert len(scorer.own.ids) < 100  # it was cleared


def _layout(sentences: list[list[str]]) -> tuple[list[str], list[str], list[str], list[int]]:
    from framing.text.tagger import _END, _START, _cached_normalize, _cached_shape

    context: list[str] = []
    raw: list[str] = []
    for words in sentences:
        context += [*_START, *map(_cached_normalize, words), *_END]
        raw += ["", "", *words, "", ""]
    shapes = [_cached_shape(w) for w in raw]
    return context, raw, shapes, [p for p, w in enumerate(raw) if w]


def test_static_rows_by_number_are_the_rows_by_name(troib: Article) -> None:
    # word pairs and shape triples looked up by number equal the rows of NLTK's names, for
    # the seed story and hostile words (unknown words and shapes: number 0, row 0), met a
    # first and a second time, and after the near and shape tables were emptied
    tagger = load_tagger()
    scorer = _Scorer(tagger._dense, tagger._tagdict)
    tables = scorer.static_tables
    assert tables is not None
    for sentences in (_sentences(troib) + HOSTILE, HOSTILE, _sentences(troib)[:5]):
        context, _, shapes, todo = _layout(sentences)
        near_of = scorer._ids(scorer.near, context, scorer._add_near)
        shape_of = scorer._ids(scorer.shape, shapes, scorer._add_shapes)
        pos = np.array(todo, dtype=np.intp)
        got = tables.rows(scorer.near_number.take(near_of), scorer.shape_number.take(shape_of), pos)
        want = scorer._static_rows_reference(todo, context, shapes)
        assert got.tolist() == want
        assert sum(1 for r in want if r) > len(todo) // 4  # many of them have weights
        scorer.near.max_kept = 0
        scorer.shape.max_kept = 0
        scorer.clear_if_large()


def test_tags_equal_without_the_static_tables(troib: Article, ians: Article) -> None:
    tagger = load_tagger()
    fast = _Scorer(tagger._dense, tagger._tagdict)
    slow = _Scorer(tagger._dense, tagger._tagdict)
    slow.static_tables = None
    slow.prev_tables = None
    for sentences in (_sentences(troib), _sentences(ians), HOSTILE):
        assert fast.tag(sentences) == slow.tag(sentences)


def test_a_value_with_a_space_keeps_the_names() -> None:
    # a model whose word-pair name holds a word with a space cannot be split into its
    # values: the rows are then found by name
    from framing.text.tagger import _DenseWeights, _SparseWeights

    sparse = _SparseWeights(
        ["bias", "i word+i+1 word a b c", "i-1 tag+i word NN x y"],
        [1, 1, 1],
        [0, 1, 0],
        [0.5, 1.0, 2.0],
    )
    dense = _DenseWeights(sparse, ["NN", "VB"])
    scorer = _Scorer(dense, {})
    assert scorer.static_tables is None
    (words, _, _), _ = scorer.prev_tables  # type: ignore[misc]
    assert words == {"x y": 1}  # the rest of the name, as _add_prev_words would build it


def test_values_of_split_names_into_columns() -> None:
    from framing.text.tagger import _values_of

    names = ["i word+i+1 word the envoy", "i word+i+1 word !YEAR -END-", "i word+i+1 word x y"]
    assert _values_of(names, "i word+i+1 word ", 2) == [
        ["the", "!YEAR", "x"],
        ["envoy", "-END-", "y"],
    ]
    assert _values_of([], "p ", 2) == [[], []]
    # a value with a space, or a missing value: no columns
    assert _values_of([*names, "i word+i+1 word a b c"], "i word+i+1 word ", 2) is None
    assert _values_of([*names, "i word+i+1 word a"], "i word+i+1 word ", 2) is None
    # tabs and other white space are parts of values (only spaces separate them)
    assert _values_of(["p a\tb c"], "p ", 2) == [["a\tb"], ["c"]]
