"""Part-of-speech tagging with the project's own shipped model.

The model is an NLTK averaged perceptron trained by ``scripts/train_tagger.py`` on the
UD English EWT treebank and shipped as gzipped JSON in ``framing/models``. Tags are Penn
Treebank tags (the EWT ``XPOS`` column: ``MD``, ``VBD``, ``NNP`` ...). Nothing is downloaded.

Training and the reference tagging loop are NLTK's (:class:`FramingPerceptronTagger`, a
``PerceptronTagger`` subclass, defined on first use). Tagging text does not import NLTK:
the weights become dense rows (:class:`_DenseWeights`, made on first use) and
:class:`_Scorer` tags all the sentences of an article at once: the 21 features that do not
depend on earlier tags are summed for every token together (from score vectors kept per
word, neighbour and shape), and the greedy loop adds the six tag features for waves of
tokens whose previous tags are known. A token whose best two scores are too close for the
order of sums not to matter is re-scored in NLTK's exact order, so the tags are NLTK's token
for token (``tests/text/test_tagger_fast.py`` compares both on the seeds and PolNeAR; all of
UD EWT train+dev+test and the 84 PolNeAR dev texts were checked when it was written).
Decision: the library stays the trainer and the reference; the greedy inference is our own
because ``import nltk.tag`` alone costs about a second (``nltk/__init__`` and ``nltk.tag``
import scikit-learn and SciPy), more than tagging a whole article, and NLTK's per-token
dictionaries were the text stage's main cost.

Tokens are normalised before tagging (curly quotes, dashes and ellipses are mapped to the
ASCII forms EWT mostly uses), so text can be tagged exactly as an outlet published it.
"""

from __future__ import annotations

import functools
import gc
import gzip
import json
import random
from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from itertools import chain, compress, count, islice, repeat
from operator import itemgetter, methodcaller
from pathlib import Path
from typing import Any

import numpy as np

from framing.errors import ModelNotFoundError, ValidationError
from framing.models import load_model_json

# FramingPerceptronTagger is defined on first access (module __getattr__ below)
__all__ = [  # noqa: F822
    "MODEL_FILE",
    "FramingPerceptronTagger",
    "PosTagger",
    "load_tagger",
    "normalize_token",
]

MODEL_FILE = "pos-ewt.en.v1.json.gz"
"""File name of the shipped tagger model inside ``framing/models``."""

_TRAIN_COMMAND = "python scripts/train_tagger.py --ewt ../shared/data/ud-english-ewt"

# Typographic characters mapped to the ASCII forms that dominate EWT. Applied to whole
# tokens first (a lone en dash is a punctuation dash) and then character by character
# (n’t, ’s, O’Brien, 2019–2020).
_TOKEN_MAP: dict[str, str] = {
    "\u2013": "--",  # en dash
    "\u2014": "--",  # em dash
    "\u2015": "--",  # horizontal bar
    "\u2026": "...",  # horizontal ellipsis
}
_CHAR_MAP = str.maketrans(
    {
        "\u2018": "'",  # left single quotation mark
        "\u2019": "'",  # right single quotation mark / apostrophe
        "\u201a": "'",  # single low-9 quotation mark
        "\u201b": "'",  # single high-reversed-9 quotation mark
        "\u2032": "'",  # prime
        "\u201c": '"',  # left double quotation mark
        "\u201d": '"',  # right double quotation mark
        "\u201e": '"',  # double low-9 quotation mark
        "\u201f": '"',  # double high-reversed-9 quotation mark
        "\u2033": '"',  # double prime
        "\u2010": "-",  # hyphen
        "\u2011": "-",  # non-breaking hyphen
        "\u2012": "-",  # figure dash
        "\u2013": "-",  # en dash inside a token (ranges)
        "\u2014": "-",  # em dash inside a token
        "\u2212": "-",  # minus sign
        "\u00a0": " ",  # no-break space
    }
)
# Standalone curly quotes say which side they are on, which straight quotes do not: their tag
# is set after the model has tagged the normalised (straight) form. A lone ’ is left to the
# model, since it is also the possessive of plurals (workers’).
_OPENING_QUOTES = frozenset({"\u201c", "\u2018", "\u201e", "\u201a"})
_CLOSING_QUOTES = frozenset({"\u201d"})


def normalize_token(word: str) -> str:
    """Map typographic punctuation in a token to the ASCII forms used in UD English EWT.

    Parameters
    ----------
    word : str
        One token as it appears in the text.

    Returns
    -------
    str
        The token the model sees. The caller's token is not changed.

    Examples
    --------
    >>> normalize_token("n\u2019t"), normalize_token("\u201c"), normalize_token("\u2014")
    ("n't", '"', '--')
    """
    if word.isascii():  # every mapped character is outside ASCII
        return word
    mapped = _TOKEN_MAP.get(word)
    if mapped is not None:
        return mapped
    return word.translate(_CHAR_MAP)


_MAX_ABSENT = 1 << 17
"""Features without weights that :class:`_DenseWeights` keeps (one string each)."""


# NLTK's ``PerceptronTagger.START`` / ``END``: the padding around a sentence.
_START = ("-START-", "-START2-")
_END = ("-END-", "-END2-")


def _normalize(word: str) -> str:
    """NLTK's ``PerceptronTagger.normalize``: the word form the context features see.

    Hyphenated words become ``!HYPHEN``, four-digit numbers ``!YEAR``, other words starting
    with a digit ``!DIGITS``; the rest is lower-cased. Kept identical to NLTK 3.x
    (``tests/text/test_tagger_fast.py`` compares the two).
    """
    if "-" in word and word[0] != "-":
        return "!HYPHEN"
    if word.isdigit() and len(word) == 4:
        return "!YEAR"
    if word and word[0].isdigit():
        return "!DIGITS"
    return word.lower()


def _shape(word: str) -> str:
    """Collapse a token to its character classes: ``Musk`` -> ``Xx``, ``US-based`` -> ``X-x``."""
    out: list[str] = []
    for ch in word[:12]:
        cls = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


_cached_shape = functools.lru_cache(maxsize=1 << 16)(_shape)
_cached_normalize = functools.lru_cache(maxsize=1 << 16)(_normalize)


@functools.cache
def _perceptron_class() -> type:
    """Define :class:`FramingPerceptronTagger` (imports ``nltk.tag.perceptron``)."""
    from nltk.tag.perceptron import PerceptronTagger

    class FramingPerceptronTagger(PerceptronTagger):
        """NLTK's averaged perceptron tagger with features that also see letter case.

        NLTK's features see words only lower-cased (plus the current word's last three letters and
        first character). On EWT the commonest errors are NN/NNP and JJ/NN, so this class adds
        the shape (capitalisation, digits, hyphens) of the current and neighbouring tokens and
        shorter and longer affixes. ``tag`` and ``train`` are NLTK's loops, with the raw tokens
        passed to the feature function. Weights trained with these features must be used with
        this class.
        """

        FEATURE_SET = "nltk-3.10+framing-shape-affix-v1"

        def tag(
            self, tokens: Sequence[str], return_conf: bool = False, use_tagdict: bool = True
        ) -> list[tuple[str, str]]:
            """Tag one sentence; returns ``(word, tag)`` pairs (no ``return_conf``)."""
            if return_conf:
                raise ValidationError("FramingPerceptronTagger.tag does not support return_conf.")
            prev, prev2 = self.START
            output: list[tuple[str, str]] = []
            raw = ["", "", *tokens, "", ""]
            context = self.START + [self.normalize(w) for w in tokens] + self.END
            for i, word in enumerate(tokens):
                tag = self.tagdict.get(word) if use_tagdict else None
                if not tag:
                    features = self._features(i, word, context, raw, prev, prev2)
                    tag, _ = self.model.predict(features)
                output.append((word, tag))
                prev2, prev = prev, tag
            return output

        def train(
            self,
            sentences: Sequence[Sequence[tuple[str, str]]],
            save_loc: None = None,
            nr_iter: int = 5,
        ) -> None:
            """Train on ``(word, tag)`` sentences, shuffling with :mod:`random` between passes.

            Seed :mod:`random` first for a reproducible model. ``save_loc`` must be None
            (write the model with :meth:`PosTagger.to_obj` instead of NLTK's saver).
            """
            if save_loc is not None:
                raise ValidationError("FramingPerceptronTagger.train does not save; use PosTagger.")
            self._sentences = []
            self._make_tagdict(sentences)
            self.model.classes = self.classes
            for _ in range(nr_iter):
                for sentence in self._sentences:
                    words, tags = zip(*sentence, strict=True)
                    prev, prev2 = self.START
                    raw = ["", "", *words, "", ""]
                    context = self.START + [self.normalize(w) for w in words] + self.END
                    for i, word in enumerate(words):
                        guess = self.tagdict.get(word)
                        if not guess:
                            feats = self._features(i, word, context, raw, prev, prev2)
                            guess, _ = self.model.predict(feats)
                            self.model.update(tags[i], guess, feats)
                        prev2, prev = prev, guess
                random.shuffle(self._sentences)
            self._sentences = None
            self.model.average_weights()

        def _features(
            self, i: int, word: str, context: list[str], raw: list[str], prev: str, prev2: str
        ) -> dict[str, int]:
            features = self._get_features(i, word, context, prev, prev2)
            shape = _shape(word)
            j = i + len(self.START)
            for name, value in (
                ("i suffix1", word[-1:]),
                ("i suffix2", word[-2:]),
                ("i suffix4", word[-4:]),
                ("i pref3", word[:3]),
                ("i shape", shape),
                ("i-1 tag+i shape", f"{prev} {shape}"),
                ("i-1 tag+i suffix", f"{prev} {word[-3:]}"),
                ("i-1 shape", _shape(raw[j - 1])),
                ("i+1 shape", _shape(raw[j + 1])),
                (
                    "i-1 shape+i shape+i+1 shape",
                    f"{_shape(raw[j - 1])} {shape} {_shape(raw[j + 1])}",
                ),
                ("i word+i+1 word", f"{context[j]} {context[j + 1]}"),
                ("i-1 word+i word", f"{context[j - 1]} {context[j]}"),
                ("i cased", word if word != context[j] else ""),
            ):
                features[f"{name} {value}"] += 1
            return features

    FramingPerceptronTagger.__qualname__ = "FramingPerceptronTagger"
    return FramingPerceptronTagger


def __getattr__(name: str) -> Any:
    # FramingPerceptronTagger subclasses NLTK's PerceptronTagger: defined on first use, so
    # that tagging text does not import NLTK's tagging package.
    if name == "FramingPerceptronTagger":
        return _perceptron_class()
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _feature_names(
    j: int, word: str, context: Sequence[str], shapes: Sequence[str], prev: str, prev2: str
) -> list[str]:
    """The features of :meth:`FramingPerceptronTagger._features` as a list, in the same order.

    ``j`` is the token's index in ``context`` (the padded sentence), ``shapes`` the
    :func:`_shape` of every padded token. The same strings as NLTK's ``_get_features``
    followed by the shape and affix features, built without the per-feature closure.
    """
    shape = shapes[j]
    w = context[j]
    w1 = context[j - 1]
    n1 = context[j + 1]
    return [
        "bias",
        "i suffix " + word[-3:],
        "i pref1 " + word[:1],
        "i-1 tag " + prev,
        "i-2 tag " + prev2,
        "i tag+i-2 tag " + prev + " " + prev2,
        "i word " + w,
        "i-1 tag+i word " + prev + " " + w,
        "i-1 word " + w1,
        "i-1 suffix " + w1[-3:],
        "i-2 word " + context[j - 2],
        "i+1 word " + n1,
        "i+1 suffix " + n1[-3:],
        "i+2 word " + context[j + 2],
        "i suffix1 " + word[-1:],
        "i suffix2 " + word[-2:],
        "i suffix4 " + word[-4:],
        "i pref3 " + word[:3],
        "i shape " + shape,
        "i-1 tag+i shape " + prev + " " + shape,
        "i-1 tag+i suffix " + prev + " " + word[-3:],
        "i-1 shape " + shapes[j - 1],
        "i+1 shape " + shapes[j + 1],
        "i-1 shape+i shape+i+1 shape " + shapes[j - 1] + " " + shape + " " + shapes[j + 1],
        "i word+i+1 word " + w + " " + n1,
        "i-1 word+i word " + w1 + " " + w,
        "i cased " + (word if word != w else ""),
    ]


class _SparseWeights:
    """The perceptron weights as the model file stores them: one run of (label, weight) pairs
    per feature, in flat arrays (compressed sparse rows).

    Parameters
    ----------
    features : sequence of str
        The feature names.
    counts : sequence of int
        How many weights each feature has.
    labels : sequence of int
        The label of each weight, an index into the sorted tagset.
    values : sequence of float
        The weights.
    """

    def __init__(
        self,
        features: Sequence[str],
        counts: Sequence[int],
        labels: Sequence[int],
        values: Sequence[float],
    ) -> None:
        self.features = list(features)
        self.ids: dict[str, int] = {f: k for k, f in enumerate(self.features)}
        counts_a = np.asarray(counts, dtype=np.int64)
        self.indptr = np.concatenate([np.zeros(1, dtype=np.int64), np.cumsum(counts_a)])
        self.labels = np.asarray(labels, dtype=np.int64)
        self.values = np.asarray(values, dtype=np.float64)
        self._sorted: bool | None = None  # whether the names are sorted (on first use)

    def to_dicts(self, labels: Sequence[str]) -> dict[str, dict[str, float]]:
        """``feature -> {label: weight}``, NLTK's layout (``labels``: the sorted tagset)."""
        names = [labels[k] for k in self.labels.tolist()]
        values = self.values.tolist()
        bounds = self.indptr.tolist()
        return {
            f: dict(zip(names[a:b], values[a:b], strict=True))
            for f, a, b in zip(self.features, bounds, bounds[1:], strict=False)
        }

    def with_prefix(self, prefix: str) -> tuple[list[str], list[int]]:
        """The names of the features that start with ``prefix`` and their places + 1, in
        order (found by bisection when the names are sorted, as the model file keeps them)."""
        names = self.features
        if self._sorted is None:
            self._sorted = all(map(str.__lt__, names, islice(names, 1, None)))
        if not self._sorted:
            chosen = list(map(str.startswith, names, repeat(prefix)))
            return list(compress(names, chosen)), list(compress(count(1), chosen))
        # the names from prefix on, up to the prefix with its last character the next one
        lo = bisect_left(names, prefix)
        hi = bisect_left(names, prefix[:-1] + chr(ord(prefix[-1]) + 1), lo)
        return names[lo:hi], list(range(lo + 1, hi + 1))

    @classmethod
    def from_dicts(
        cls, weights: Mapping[str, Mapping[str, float]], labels: Sequence[str]
    ) -> _SparseWeights:
        """The sparse form of ``feature -> {label: weight}`` (features and labels sorted)."""
        column = {label: k for k, label in enumerate(labels)}
        features = sorted(weights)
        counts: list[int] = []
        label_ids: list[int] = []
        values: list[float] = []
        for f in features:
            ws = weights[f]
            keys = sorted(ws)
            counts.append(len(keys))
            label_ids += (column[k] for k in keys)
            values += (ws[k] for k in keys)
        return cls(features, counts, label_ids, values)


class _DenseWeights:
    """The perceptron weights as one float64 row per feature, for fast scoring.

    Scores are summed feature by feature in the order the features are produced, exactly as
    NLTK's ``AveragedPerceptron.predict`` sums them (a label a feature has no weight for
    adds 0.0, which changes no sum), so the predicted tags are identical; ties go to the
    alphabetically last label, as in NLTK.

    ``weights`` is either NLTK's ``feature -> {label: weight}`` or the model file's
    :class:`_SparseWeights`. With the model file's arrays every row is made at once, in one
    scatter (about 5 ms, plus the operating system's zero pages of the ~60 MB matrix, about
    15 ms): a feature is then one look-up, row ``1 + its place`` in the file (row 0: no
    weights). With NLTK's dicts (training, the reference) rows are made on first use, those
    of all the features met for the first time in a call of :meth:`rows_of` together.
    """

    def __init__(
        self,
        weights: Mapping[str, Mapping[str, float]] | _SparseWeights,
        classes: Sequence[str],
    ):
        self.labels: list[str] = sorted(classes)
        self._column = {label: k for k, label in enumerate(self.labels)}
        self._sparse = weights if isinstance(weights, _SparseWeights) else None
        self._weights: Mapping[str, Mapping[str, float]] = (
            {} if self._sparse is not None else weights  # type: ignore[assignment]
        )
        self.index: dict[str, int] = {}  # feature -> its row in matrix
        # How many features of index have no weights (row 0): they are dropped from index
        # when there are more than _MAX_ABSENT.
        self._n_absent = 0
        self.max_abs = 0.0
        """The largest absolute weight in the rows made so far (the file's layout: of all
        the model's weights)."""
        sparse = self._sparse
        if sparse is not None:
            # Every row made now, in one scatter: a row made on first use cost a look-up
            # of the feature's place, its gather from the flat arrays, a second look-up
            # and an index update per feature, for the ~230 features an article meets
            # first (about 5% of an article's extraction), against ~20 ms once here.
            n = len(sparse.features)
            self.index = dict(zip(sparse.features, range(1, n + 1), strict=True))
            self.matrix = np.zeros((n + 1, len(self.labels)), dtype=np.float64)
            rows = np.repeat(np.arange(1, n + 1, dtype=np.int64), np.diff(sparse.indptr))
            self.matrix[rows, sparse.labels] = sparse.values
            if len(sparse.values):
                self.max_abs = float(np.abs(sparse.values).max())
            self._next_row = n + 1
            return
        # Rows are made on first use: an article uses a few thousand of the model's
        # ~150,000 features. Row 0 stays zeros: the row of a feature the model has no
        # weights for. Room for a row per feature of the model from the start, so the
        # matrix is never grown (copied) as articles bring new features. The zeros are the
        # operating system's untouched pages (an allocation this large is mapped, not
        # cleared): rows are filled in order, so only the pages of the rows made so far are
        # ever resident.
        self.matrix = np.zeros((1 + len(weights), len(self.labels)), dtype=np.float64)
        self._next_row = 1  # the row the next feature with weights gets

    def _known(self, feature: str) -> bool:
        if self._sparse is not None:
            return feature in self._sparse.ids
        return feature in self._weights

    def row_of(self, feature: str) -> int | None:
        """The row of ``feature`` in :attr:`matrix`, or None if the model has no weights."""
        r = self.index.get(feature)
        if r is None:
            if self._sparse is not None or not self._known(feature):
                return None
            r = self.rows_of((feature,))[0]
        return r or None

    def rows_of(self, features: Sequence[str]) -> list[int]:
        """The rows of ``features`` in :attr:`matrix` (0, the row of zeros, for a feature
        the model has no weights for); the new ones are filled together.

        With the model file's layout every row is made from the start: one look-up per
        feature. With NLTK's dicts, :attr:`index` also keeps the features found to have no
        weights (most word pairs), on row 0, so that features met before are one look-up
        each.
        """
        get = self.index.get
        rows = list(map(get, features, repeat(-1 if self._sparse is None else 0)))
        if self._sparse is not None or -1 not in rows:
            return rows
        # the features looked up for the first time, each once
        missing = list(dict.fromkeys(compress(features, map((-1).__eq__, rows))))
        weights = self._weights
        new = [f for f in missing if f in weights]
        if len(new) < len(missing):
            if self._n_absent > _MAX_ABSENT:  # forget the features without weights
                self.index = {f: r for f, r in self.index.items() if r}
                self._n_absent = 0
            absent = [f for f in missing if f not in weights]
            self.index.update(zip(absent, repeat(0)))
            self._n_absent += len(absent)
            get = self.index.get
        if not new:
            return list(map(get, features, repeat(0)))
        index = self.index
        first = self._next_row
        need = first + len(new)
        if need > len(self.matrix):
            grown = np.zeros((max(need, 2 * len(self.matrix)), len(self.labels)))
            grown[:first] = self.matrix[:first]
            self.matrix = grown
        column = self._column
        col_list: list[int] = []
        val_list: list[float] = []
        counts: list[int] = []
        for f in new:
            ws = weights[f]
            col_list += map(column.__getitem__, ws)
            val_list += ws.values()
            counts.append(len(ws))
        count = np.array(counts, dtype=np.int64)
        cols = np.array(col_list, dtype=np.int64)
        vals = np.array(val_list, dtype=np.float64)
        if len(vals):
            self.matrix[np.repeat(np.arange(first, need), count), cols] = vals
            self.max_abs = max(self.max_abs, float(np.abs(vals).max()))
        index.update(zip(new, range(first, need), strict=True))
        self._next_row = need
        return list(map(get, features, repeat(0)))

    def predict(self, features: list[str]) -> str:
        """The best label for a list of feature strings (repeats count several times)."""
        get = self.row_of
        hits = [r for r in map(get, features) if r is not None]
        if not hits:
            return self.labels[-1]
        if len(set(hits)) == len(hits):
            block = self.matrix.take(hits, axis=0)
        else:  # a repeated feature counts n times at its first place, as in NLTK
            counts = Counter(features)
            pairs = [(get(f), c) for f, c in counts.items() if get(f) is not None]
            block = self.matrix.take([r for r, _ in pairs], axis=0)
            block = block * np.array([[c] for _, c in pairs], dtype=np.float64)
        return self._best(block)

    def _best(self, block: np.ndarray) -> str:
        # Summed row after row, in feature order: NLTK's order of sums. (NumPy reduces over
        # the outer axis of a C-ordered array row by row; pairwise summation is only used
        # along the inner axis. tests/text/test_tagger_fast.py checks this premise.)
        scores = np.add.reduce(block, axis=0)
        # the last of the best scores: ties go to the alphabetically last label
        return self.labels[len(scores) - 1 - int(scores[::-1].argmax())]


# rows of a _VectorTable beyond the keys it keeps (the keys of calls before it is cleared)
_TABLE_SLACK = 4096


class _VectorTable:
    """Score vectors kept by key (a word, a shape, a pair of tags), in one growing array.

    Each vector is the sum of the rows of the features a key fires; :attr:`data` is the
    array (re-read it after :meth:`reserve`: it is replaced when it grows).
    """

    def __init__(self, tail: tuple[int, ...], max_kept: int) -> None:
        self.ids: dict[Any, int] = {}
        self.keys: list[Any] = []  # the key of each index
        # Room for the keys kept and those of a few calls more from the start, so the array
        # is seldom grown (copied) as articles bring new keys: the zeros are the operating
        # system's untouched pages (an allocation this large is mapped, not cleared), and
        # rows are filled in order, so only the pages of the rows used so far are resident.
        self.data = np.zeros((max_kept + _TABLE_SLACK, *tail), dtype=np.float64)
        self.max_kept = max_kept  # distinct keys kept before the table is cleared

    def reserve(self, keys: Sequence[Any]) -> int:
        """Give ``keys`` (not in the table) the next indices; returns the first one."""
        first = len(self.ids)
        need = first + len(keys)
        if need > len(self.data):
            grown = np.zeros((max(need, 2 * len(self.data)), *self.data.shape[1:]))
            grown[:first] = self.data[:first]
            self.data = grown
        self.ids.update(zip(keys, range(first, need), strict=True))
        self.keys += keys
        return first

    def clear_if_large(self) -> bool:
        """Empty the table if it holds more than ``max_kept`` keys; returns whether."""
        if len(self.ids) > self.max_kept:
            self.ids = {}
            self.keys = []
            return True
        return False


def _values_of(names: list[str], prefix: str, n: int) -> list[list[str]] | None:
    """The ``n`` space-separated values after ``prefix`` of every name, as ``n`` columns
    (split in C: one join and one split), or None if a name has another number of spaces."""
    spaces = prefix.count(" ") + n - 1
    if set(map(methodcaller("count", " "), names)) - {spaces}:
        return None
    parts = " ".join(names).split(" ")
    step = spaces + 1
    return [parts[k::step] for k in range(step - n, step)]


def _filled(
    numbers: np.ndarray, size: int, first: int, known: Mapping[str, int], values: list[str]
) -> np.ndarray:
    """``numbers`` (grown to ``size`` if shorter) with the numbers of ``values`` (0 for the
    unknown ones) from place ``first`` on."""
    if len(numbers) < size:
        grown = np.zeros(size, dtype=np.int64)
        grown[:first] = numbers[:first]
        numbers = grown
    numbers[first : first + len(values)] = list(map(known.get, values, repeat(0)))
    return numbers


class _StaticTables:
    """Rows of the word-pair and shape-triple features by the numbers of their values.

    A feature's key is its values' numbers (from 1) in mixed radix, after its kind (the
    pairs ``i word+i+1 word`` then ``i-1 word+i word``; the triples apart); the keys are
    kept sorted, with their rows, and looked up for all the tokens of a call at once by
    bisection. A value the model has no such feature for has number 0, which no key holds.

    Parameters
    ----------
    words, shapes : dict
        Value -> number.
    numbers : list of list of ndarray
        For the next-word pairs, the previous-word pairs and the shape triples: the numbers
        of the first, second (and third) value of every feature, one array each.
    rows : list of list of int
        The rows of the features, in the same order.
    """

    def __init__(
        self,
        words: dict[str, int],
        shapes: dict[str, int],
        numbers: list[list[np.ndarray]],
        rows: list[list[int]],
    ) -> None:
        self.words = words
        self.shapes = shapes
        self.word_base = len(words) + 1
        self.shape_base = len(shapes) + 1
        b, sb = self.word_base, self.shape_base
        (na, nb), (pa, pb), (sa, s_b, sc) = numbers
        pair_keys = np.concatenate([na * b + nb, b * b + pa * b + pb])
        pair_rows = np.array(rows[0] + rows[1], dtype=np.intp)
        shape_keys = (sa * sb + s_b) * sb + sc
        order = np.argsort(pair_keys, kind="stable")
        self.pair_keys, self.pair_rows = pair_keys[order], pair_rows[order]
        order = np.argsort(shape_keys, kind="stable")
        self.shape_keys = shape_keys[order]
        self.shape_rows = np.array(rows[2], dtype=np.intp)[order]

    @staticmethod
    def _find(keys: np.ndarray, rows: np.ndarray, queries: np.ndarray) -> np.ndarray:
        if not len(keys):
            return np.zeros(len(queries), dtype=np.intp)
        at = np.minimum(np.searchsorted(keys, queries), len(keys) - 1)
        return np.where(keys[at] == queries, rows[at], 0)

    def rows(self, words: np.ndarray, shapes: np.ndarray, pos: np.ndarray) -> np.ndarray:
        """:meth:`_Scorer._static_rows` from the numbers of the word and the shape at every
        position of the layout (``words``, ``shapes``) for the positions ``pos``."""
        b, sb = self.word_base, self.shape_base
        w = words.take(pos)
        out = np.empty(3 * len(pos), dtype=np.intp)
        triples = (shapes.take(pos - 1) * sb + shapes.take(pos)) * sb + shapes.take(pos + 1)
        out[0::3] = self._find(self.shape_keys, self.shape_rows, triples)
        pairs = np.concatenate([w * b + words.take(pos + 1), b * b + words.take(pos - 1) * b + w])
        found = self._find(self.pair_keys, self.pair_rows, pairs)
        out[1::3] = found[: len(pos)]
        out[2::3] = found[len(pos) :]
        return out


class _Scorer:
    """Tag many sentences at once with NLTK's greedy averaged-perceptron decoding.

    Of the 27 features of a token (:func:`_feature_names`), 21 do not depend on the tags
    already given. Their summed score vectors are computed for all the untagged tokens of
    all the sentences at once, from vectors kept per word, neighbour word, shape and tag pair
    (:class:`_VectorTable`, filled for all the new keys of a call at once). The greedy loop
    then only adds the six tag features; the tokens whose previous two tags are known are
    scored together, in waves (a token waits for the model-tagged tokens just before it, not
    for the whole sentence).

    Summing in another order than NLTK's can change the last bits of a score, so a token
    whose best score is within a margin of another label's is re-scored in NLTK's exact
    order (:meth:`_DenseWeights.predict` over :func:`_feature_names`). Any order of summing
    ``n`` terms is within ``(n-1) u sum|x|`` of the exact sum (``u = 2**-53``; Higham,
    *Accuracy and Stability of Numerical Algorithms*, 2nd ed., section 4.2). With ``n = 27``
    features of weights at most ``W`` in absolute value this is at most ``26 * 27 * u * W``,
    about ``7.8e-14 W``, for NLTK's order and for ours; a label ahead of every other by more
    than four times that is NLTK's best as well. The margin is ``margin_scale * W`` (``W``
    the largest weight met so far), by default ``1e-12 W``, over three times more. On UD
    EWT (254,818 tokens) and the PolNeAR dev texts no token came that close.

    Parameters
    ----------
    dense : _DenseWeights
        The weights.
    tagdict : Mapping
        Word -> tag for the words tagged without the model.
    margin_scale : float
        The margin in units of the largest weight (``inf`` re-scores every token in NLTK's
        order).
    """

    def __init__(
        self, dense: _DenseWeights, tagdict: Mapping[str, str], margin_scale: float = 1e-12
    ) -> None:
        self.dense = dense
        if not all(tagdict.values()):  # tag() reads a word's entry as its tag
            raise ValidationError("the tag dictionary has an empty tag")
        self.tagdict = tagdict
        self.margin_scale = margin_scale
        n = len(dense.labels)
        # Kept vectors cost 8 bytes per label: at most 32768 words (12.8 MB), 16384 neighbour
        # words (4 vectors each: 25.7 MB); EWT's 254,818 tokens have 22,373 distinct words
        # tagged by the model and 17,828 distinct normalised words.
        self.own = _VectorTable((n,), 1 << 15)  # bias + the 9 features of the token alone
        self.near = _VectorTable((4, n), 1 << 14)  # a word as i-1 (word, suffix), i-2, i+1, i+2
        self.shape = _VectorTable((2, n), 1 << 14)  # a shape as i-1, i+1
        self.pair = _VectorTable((n,), 1 << 14)  # the tags i-1, i-2 and both (by name)
        # Tags as numbers in the greedy loop: the labels (a label's number is its column),
        # then the padding tags and any tag of the tag dictionary the model cannot emit.
        self.tag_names: list[str] = list(dense.labels)
        for t in (*_START, *sorted(set(tagdict.values()))):
            if t not in self.tag_names:
                self.tag_names.append(t)
        self.tag_id = {t: k for k, t in enumerate(self.tag_names)}
        self._pair_vectors: np.ndarray | None = None  # [tag i-1, tag i-2, labels]
        # the three (previous tag, word) features summed, by the word's index in own and the
        # previous tag's number (emptied with own): at most 32768 keys (12.8 MB); 240 news
        # articles have about 34,000 distinct ones
        self.prev_word = _VectorTable((n,), 1 << 15)
        # rows of the tag-independent features of several tokens, by key (_static_rows)
        self.shape3_rows: dict[tuple[str, str, str], int] = {}
        # With every row made at load (the model file's layout): the rows of the three
        # (previous tag, word) features by value and previous tag (_prev_tables), and per
        # word of own its values there (own_prev); None: the prev_word table instead.
        self.prev_tables = self._prev_tables() if dense._sparse is not None else None
        self.own_prev = np.zeros((len(self.own.data), 3), dtype=np.intp)
        # Likewise the rows of the word-pair and shape-triple features by the values' numbers
        # (_static_tables), and the numbers of the words of near and the shapes of shape.
        self.static_tables = self._static_tables() if dense._sparse is not None else None
        self.near_number = np.zeros(len(self.near.data), dtype=np.int64)
        self.shape_number = np.zeros(len(self.shape.data), dtype=np.int64)

    def _prev_tables(self) -> tuple[list[dict[str, int]], list[np.ndarray]]:
        """Rows of the (previous tag, word), (previous tag, shape) and (previous tag,
        suffix) features, read from their names once: for each of the three, a dict value
        -> index (from 1) and a flat table ``[index * tags + previous tag number]`` -> row in
        the dense matrix (0, the row of zeros, for a value or a pair the model has no
        weights for). A tag that is not a tag number (never a previous tag) is left out.
        """
        m = len(self.tag_names)
        tag_id = self.tag_id
        # every feature of the model file has a row, its place + 1 (the features of a
        # dict-layout model have no rows before their first use: no tables for it)
        sparse = self.dense._sparse
        assert sparse is not None
        indexes: list[dict[str, int]] = []
        tables: list[np.ndarray] = []
        for prefix in ("i-1 tag+i word ", "i-1 tag+i shape ", "i-1 tag+i suffix "):
            names, places = sparse.with_prefix(prefix)
            # "<previous tag> <value>": the value is the rest of the name
            columns = _values_of(names, prefix, 2)
            if columns is None:  # a value with a space
                split = [name[len(prefix) :].partition(" ") for name in names]
                columns = [list(map(itemgetter(0), split)), list(map(itemgetter(2), split))]
            prevs, values = columns
            index = dict(zip(dict.fromkeys(values), count(1)))
            numbers = np.fromiter(map(index.__getitem__, values), np.intp, len(values))
            tags = np.fromiter(map(tag_id.get, prevs, repeat(-1)), np.intp, len(values))
            rows = np.array(places, dtype=np.intp)
            keep = tags >= 0
            table = np.zeros((len(index) + 1) * m, dtype=np.intp)
            table[numbers[keep] * m + tags[keep]] = rows[keep]
            indexes.append(index)
            tables.append(table)
        return indexes, tables

    def _static_tables(self) -> _StaticTables | None:
        """The word-pair and shape-triple features by number (None if a name does not split
        into its values at the spaces: a value with a space, looked up by name instead)."""
        sparse = self.dense._sparse
        assert sparse is not None
        prefixes = ("i word+i+1 word ", "i-1 word+i word ", "i-1 shape+i shape+i+1 shape ")
        found = [sparse.with_prefix(prefix) for prefix in prefixes]
        columns = []
        for prefix, (names, _), n in zip(prefixes, found, (2, 2, 3), strict=True):
            values = _values_of(names, prefix, n)
            if values is None:
                return None
            columns.append(values)
        words = dict(zip(dict.fromkeys(chain(*columns[0], *columns[1])), count(1)))
        shapes = dict(zip(dict.fromkeys(chain(*columns[2])), count(1)))
        numbered = [
            [np.fromiter(map(known.__getitem__, col), np.int64, len(col)) for col in cols]
            for cols, known in zip(columns, (words, words, shapes), strict=True)
        ]
        return _StaticTables(words, shapes, numbered, [places for _, places in found])

    def row(self, feature: str) -> int:
        """The row of ``feature`` in the dense matrix, 0 (a row of zeros) if it has none."""
        r = self.dense.index.get(feature)
        return r if r is not None and r >= 0 else self.dense.row_of(feature) or 0

    def _gather(self, features: list[str], width: int) -> np.ndarray:
        """Rows of ``features``, ``width`` per key: an array ``[keys, width, labels]``."""
        rows = self.dense.rows_of(features)
        return self.dense.matrix.take(rows, axis=0).reshape(len(rows) // width, width, -1)

    def _add_own(self, words: list[str]) -> None:
        features: list[str] = []
        for word in words:
            w = _normalize(word)
            features += (
                "bias",
                "i suffix " + word[-3:],
                "i pref1 " + word[:1],
                "i word " + w,
                "i suffix1 " + word[-1:],
                "i suffix2 " + word[-2:],
                "i suffix4 " + word[-4:],
                "i pref3 " + word[:3],
                "i shape " + _cached_shape(word),
                "i cased " + (word if word != w else ""),
            )
        block = self._gather(features, 10)
        first = self.own.reserve(words)
        self.own.data[first : first + len(words)] = block.sum(axis=1)
        if self.prev_tables is not None:  # the word's values in the (previous tag, x) tables
            if len(self.own_prev) < len(self.own.data):
                grown = np.zeros((len(self.own.data), 3), dtype=np.intp)
                grown[:first] = self.own_prev[:first]
                self.own_prev = grown
            (w_ids, s_ids, x_ids), m = self.prev_tables[0], len(self.tag_names)
            self.own_prev[first : first + len(words)] = [
                (
                    w_ids.get(_cached_normalize(word), 0) * m,
                    s_ids.get(_cached_shape(word), 0) * m,
                    x_ids.get(word[-3:], 0) * m,
                )
                for word in words
            ]

    def _add_near(self, words: list[str]) -> None:
        features: list[str] = []
        for w in words:
            suffix = w[-3:]
            features += (
                "i-1 word " + w,
                "i-1 suffix " + suffix,
                "i-2 word " + w,
                "i+1 word " + w,
                "i+1 suffix " + suffix,
                "i+2 word " + w,
            )
        block = self._gather(features, 6)
        first = self.near.reserve(words)
        if self.static_tables is not None:
            self.near_number = _filled(
                self.near_number, len(self.near.data), first, self.static_tables.words, words
            )
        out = self.near.data[first : first + len(words)]
        np.add(block[:, 0], block[:, 1], out=out[:, 0])
        out[:, 1] = block[:, 2]
        np.add(block[:, 3], block[:, 4], out=out[:, 2])
        out[:, 3] = block[:, 5]

    def _add_shapes(self, shapes: list[str]) -> None:
        features: list[str] = []
        for shape in shapes:
            features += ("i-1 shape " + shape, "i+1 shape " + shape)
        block = self._gather(features, 2)
        first = self.shape.reserve(shapes)
        if self.static_tables is not None:
            self.shape_number = _filled(
                self.shape_number, len(self.shape.data), first, self.static_tables.shapes, shapes
            )
        self.shape.data[first : first + len(shapes)] = block

    def _add_pairs(self, pairs: list[tuple[str, str]]) -> None:
        features: list[str] = []
        for prev, prev2 in pairs:
            features += (
                "i-1 tag " + prev,
                "i-2 tag " + prev2,
                f"i tag+i-2 tag {prev} {prev2}",
            )
        block = self._gather(features, 3)
        first = self.pair.reserve(pairs)
        self.pair.data[first : first + len(pairs)] = block.sum(axis=1)

    def pair_vectors(self) -> np.ndarray:
        """The summed rows of the three tag features of every (tag i-1, tag i-2) by number.

        Made on first use from the same rows, summed in the same order, as
        :meth:`_add_pairs` sums them for one pair.
        """
        if self._pair_vectors is None:
            names = self.tag_names
            m = len(names)
            features: list[str] = []
            for prev in names:
                for prev2 in names:
                    features += (
                        "i-1 tag " + prev,
                        "i-2 tag " + prev2,
                        f"i tag+i-2 tag {prev} {prev2}",
                    )
            block = self._gather(features, 3)
            self._pair_vectors = block.sum(axis=1).reshape(m, m, -1)
        return self._pair_vectors

    def _add_prev_word_ids(self, keys: list[int]) -> None:
        """:meth:`_add_prev_words` of keys ``own index * tags + previous tag number``."""
        m = len(self.tag_names)
        words, names = self.own.keys, self.tag_names
        self._add_prev_words([(names[k % m], words[k // m]) for k in keys], keys)

    def _add_prev_words(self, keys: list[tuple[str, str]], ids: list[Any] | None = None) -> None:
        # the word's features as in _feature_names: normalised word, shape, raw suffix
        features: list[str] = []
        for prev, word in keys:
            features += (
                f"i-1 tag+i word {prev} {_cached_normalize(word)}",
                f"i-1 tag+i shape {prev} {_cached_shape(word)}",
                f"i-1 tag+i suffix {prev} {word[-3:]}",
            )
        block = self._gather(features, 3)
        first = self.prev_word.reserve(keys if ids is None else ids)
        # ((a + b) + c), as a reduction over the middle axis sums them (without its cost)
        out = self.prev_word.data[first : first + len(keys)]
        np.add(block[:, 0], block[:, 1], out=out)
        out += block[:, 2]

    def clear_if_large(self) -> None:
        if len(self.shape3_rows) > 1 << 16:
            self.shape3_rows = {}
        for table in (self.near, self.shape, self.pair):
            table.clear_if_large()
        # prev_word's keys hold indices of own: emptied together
        if self.own.clear_if_large():
            self.prev_word.ids = {}
            self.prev_word.keys = []
        else:
            self.prev_word.clear_if_large()

    def tag(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tags of normalised sentences (lists of :func:`normalize_token` tokens)."""
        self.clear_if_large()
        # (a tag dictionary entry is never empty: checked in __init__)
        get = self.tagdict.get
        # One flat layout: each sentence padded as NLTK pads it (two before, two after), so
        # a token's neighbours are at p-2 .. p+2 and its previous tags at p-1, p-2.
        context: list[str] = []
        raw: list[str] = []
        tags: list[str | None] = []
        bounds: list[tuple[int, int]] = []
        for sentence in sentences:
            start = len(context) + 2
            context += _START
            context += map(_cached_normalize, sentence)
            context += _END
            raw += ("", "")
            raw += sentence
            raw += ("", "")
            tags += (_START[1], _START[0])  # prev2, prev of the first token
            tags += map(get, sentence)
            tags += ("", "")  # after the sentence: never read as a previous tag
            bounds.append((start, start + len(sentence)))
        # the tokens the model tags: those the tag dictionary does not know
        todo = [p for p, t in enumerate(tags) if t is None]
        if todo:
            self._decode(todo, context, raw, tags)
        return [tags[s:e] for s, e in bounds]  # type: ignore[misc]

    def _ids(self, table: _VectorTable, keys: Sequence[Any], add: Any) -> np.ndarray:
        """The indices of ``keys`` in ``table``, adding the new ones with ``add``."""
        ids = table.ids
        got = list(map(ids.get, keys, repeat(-1)))
        if -1 in got:
            add([k for k in dict.fromkeys(keys) if k not in ids])
            got = list(map(ids.__getitem__, keys))
        return np.fromiter(got, dtype=np.intp, count=len(got))

    def _static_rows(self, todo: list[int], context: list[str], shapes: list[str]) -> list[int]:
        """Rows of the three tag-independent features of several words at each position
        of ``todo``: the shapes at p-1, p, p+1, the words at p, p+1 and at p-1, p, in this
        order (the sum order of :meth:`_decode`).

        The rows of shape triples (about 1,800 distinct ones in 240 articles) are kept by
        key tuples of the cached shape strings, whose hashes are known: a triple met before
        costs one tuple and one look-up instead of building and hashing the feature name.
        Word pairs are looked up by name (:meth:`_static_rows_reference`): half of them are
        new in an article, and a second table would cost more than it saves.
        """
        table = self.shape3_rows
        keys = [(shapes[p - 1], shapes[p], shapes[p + 1]) for p in todo]
        got = list(map(table.get, keys, repeat(-1)))
        if -1 in got:
            new = [k for k in dict.fromkeys(keys) if k not in table]
            names = [f"i-1 shape+i shape+i+1 shape {a} {b} {c}" for a, b, c in new]
            table.update(zip(new, self.dense.rows_of(names), strict=True))
            got = list(map(table.__getitem__, keys))
        out = [0] * (3 * len(todo))
        out[0::3] = got  # interleaved per position: shape, word+next, previous+word
        names = []
        for p in todo:
            w = context[p]
            names += (
                f"i word+i+1 word {w} {context[p + 1]}",
                f"i-1 word+i word {context[p - 1]} {w}",
            )
        pairs = self.dense.rows_of(names)
        out[1::3] = pairs[0::2]
        out[2::3] = pairs[1::2]
        return out

    def _static_rows_reference(
        self, todo: list[int], context: list[str], shapes: list[str]
    ) -> list[int]:
        """:meth:`_static_rows` from the feature names (NLTK's strings), without the caches."""
        names: list[str] = []
        for p in todo:
            w, w1, sh = context[p], context[p - 1], shapes[p]
            names += (
                f"i-1 shape+i shape+i+1 shape {shapes[p - 1]} {sh} {shapes[p + 1]}",
                f"i word+i+1 word {w} {context[p + 1]}",
                f"i-1 word+i word {w1} {w}",
            )
        return self.dense.rows_of(names)

    def _decode(
        self, todo: list[int], context: list[str], raw: list[str], tags: list[str | None]
    ) -> None:
        shapes = list(map(_cached_shape, raw))
        near_of = self._ids(self.near, context, self._add_near)
        shape_of = self._ids(self.shape, shapes, self._add_shapes)
        own_of = self._ids(self.own, list(map(raw.__getitem__, todo)), self._add_own)
        depth = [0] * len(raw)
        for p in todo:
            depth[p] = 1 + max(depth[p - 1], depth[p - 2])
        pos = np.array(todo, dtype=np.intp)
        if self.static_tables is None:
            statics = self._static_rows(todo, context, shapes)
        else:
            statics = self.static_tables.rows(
                self.near_number.take(near_of), self.shape_number.take(shape_of), pos
            )
        near, shape = self.near.data, self.shape.data
        static = self.own.data.take(own_of, axis=0)
        static += near[near_of[pos - 1], 0]
        static += near[near_of[pos - 2], 1]
        static += near[near_of[pos + 1], 2]
        static += near[near_of[pos + 2], 3]
        static += shape[shape_of[pos - 1], 0]
        static += shape[shape_of[pos + 1], 1]
        # the three rows of each position summed in order (as a reduction over the middle
        # axis sums them: ((a + b) + c)), then added
        three = self.dense.matrix.take(statics, axis=0).reshape(len(todo), 3, -1)
        summed = three[:, 0] + three[:, 1]
        summed += three[:, 2]
        static += summed

        # the waves: the tokens of each depth, in text order (indices into todo)
        depths = np.fromiter(map(depth.__getitem__, todo), dtype=np.intp, count=len(todo))
        order = np.argsort(depths, kind="stable")
        sizes = np.bincount(depths)[1:].tolist()
        labels = self.dense.labels
        names = self.tag_names
        m = len(names)
        tag_id = self.tag_id
        # every position's tag by number (-1: not tagged yet (None), or after a sentence (""),
        # neither of which is a tag)
        tid = np.fromiter(map(tag_id.get, tags, repeat(-1)), dtype=np.intp, count=len(tags))
        pair_vectors = self.pair_vectors()
        # everything per token in wave order, once: each wave is then a run of slices
        # (views), and its scores are summed in place in its run of the static scores
        static = static.take(order, axis=0)
        pos_w = pos.take(order)
        prev_at = pos_w - 1
        prev2_at = pos_w - 2
        prev_tables = self.prev_tables
        if prev_tables is None:
            own_base = (own_of * m).take(order)
        else:
            # per token in wave order: the starts of its word's runs in the three tables
            own_prev = self.own_prev.take(own_of.take(order), axis=0)
            p_word, p_shape, p_suffix = own_prev.T.copy()
            t_word, t_shape, t_suffix = prev_tables[1]
            matrix = self.dense.matrix
        at = 0
        for size in sizes:
            if not size:
                continue
            run = slice(at, at + size)
            at += size
            ps = pos_w[run]  # the wave's positions
            prev = tid[prev_at[run]]
            scores = static[run]
            scores += pair_vectors[prev, tid[prev2_at[run]]]
            if prev_tables is not None:
                # the three (previous tag, word) features: their rows from the tables,
                # summed ((a + b) + c) as _add_prev_words sums them, then added
                three = matrix.take(t_word.take(p_word[run] + prev), axis=0)
                three += matrix.take(t_shape.take(p_shape[run] + prev), axis=0)
                three += matrix.take(t_suffix.take(p_suffix[run] + prev), axis=0)
                scores += three
            else:
                # the three (previous tag, word) features, summed when the key was first met
                # (in the same order as summing their rows here)
                keys = (own_base[run] + prev).tolist()
                prev_word_of = self._ids(self.prev_word, keys, self._add_prev_word_ids)
                scores += self.prev_word.data.take(prev_word_of, axis=0)
            best = scores.argmax(axis=1)
            top = scores.max(axis=1)  # the score at best
            margin = self.margin_scale * max(1.0, self.dense.max_abs)
            close = (scores >= (top - margin)[:, None]).sum(axis=1) > 1
            tid[ps] = best  # a label's number is its column
            if close.any():
                for p in ps[close].tolist():  # re-scored in NLTK's order
                    prev_tag, prev2_tag = names[tid[p - 1]], names[tid[p - 2]]
                    feats = _feature_names(p, raw[p], context, shapes, prev_tag, prev2_tag)
                    tid[p] = tag_id[self.dense.predict(feats)]
        for p, k in zip(todo, tid[pos].tolist(), strict=True):
            tags[p] = labels[k]


class PosTagger:
    """A Penn Treebank part-of-speech tagger backed by an averaged perceptron.

    Use :func:`load_tagger` to get the shipped model; construct directly only to wrap
    freshly trained weights (as the training script does).

    Parameters
    ----------
    weights : Mapping
        Feature -> {tag: weight}, the averaged perceptron weights.
    tagdict : Mapping
        Word -> tag for frequent, unambiguous words (looked up before the model).
    classes : Sequence of str
        The tagset.
    meta : Mapping
        Provenance and evaluation figures (name, version, tagset, accuracies ...).

    Attributes
    ----------
    meta : dict
        A copy of ``meta``.
    version : str
        The model version, ``meta["version"]``.
    name : str
        The model name, ``meta["name"]``.

    Examples
    --------
    >>> tagger = load_tagger()
    >>> tagger.tag(["Iran", "may", "reject", "the", "claims", "."])
    ['NNP', 'MD', 'VB', 'DT', 'NNS', '.']
    """

    def __init__(
        self,
        weights: Mapping[str, Mapping[str, float]],
        tagdict: Mapping[str, str],
        classes: Sequence[str],
        meta: Mapping[str, Any],
    ) -> None:
        self._weight_dicts: dict[str, dict[str, float]] | None = {
            f: dict(w) for f, w in weights.items()
        }
        self._sparse: _SparseWeights | None = None  # the model file's layout, when read
        self._tagdict: dict[str, str] = dict(tagdict)
        self._classes: frozenset[str] = frozenset(classes)
        self.meta: dict[str, Any] = dict(meta)
        self.version: str = str(self.meta.get("version", ""))
        self.name: str = str(self.meta.get("name", ""))

    @property
    def _weights(self) -> dict[str, dict[str, float]]:
        """``feature -> {tag: weight}`` (NLTK's layout; made from the file's arrays on first
        use: training, writing and the reference tagger need it, tagging text does not)."""
        if self._weight_dicts is None:
            assert self._sparse is not None
            self._weight_dicts = self._sparse.to_dicts(sorted(self._classes))
        return self._weight_dicts

    @functools.cached_property
    def _perceptron(self) -> Any:
        """NLTK's tagger with these weights (:class:`FramingPerceptronTagger`), built on first
        use: the reference tagging loop, which tagging text does not need."""
        perceptron = _perceptron_class()(load=False)
        perceptron.model.weights = self._weights
        perceptron.model.classes = set(self._classes)
        perceptron.tagdict = self._tagdict
        perceptron.classes = set(self._classes)
        return perceptron

    def __repr__(self) -> str:
        return f"<PosTagger name={self.name!r} version={self.version!r}>"

    @property
    def tagset(self) -> tuple[str, ...]:
        """The tags the model can emit, sorted."""
        return tuple(sorted(self._classes))

    @classmethod
    def from_file(cls, path: str | Path) -> PosTagger:
        """Read a tagger from a gzipped JSON model file.

        Parameters
        ----------
        path : str or pathlib.Path
            A ``.json.gz`` file with the keys ``weights``, ``tagdict``, ``classes`` and ``meta``.

        Returns
        -------
        PosTagger

        Raises
        ------
        ModelNotFoundError
            If the file does not exist.
        ValidationError
            If the file is not a tagger model.
        """
        path = Path(path)
        if not path.is_file():
            raise ModelNotFoundError(
                f"The POS tagger model {str(path)!r} does not exist. Train it with: "
                f"{_TRAIN_COMMAND}"
            )
        with gzip.open(path, "rt", encoding="utf-8") as fh:
            raw = json.load(fh)
        return cls._from_obj(raw, source=str(path))

    def to_obj(self) -> dict[str, Any]:
        """Return the model as a JSON-serialisable dict (the shipped file's layout).

        Returns
        -------
        dict
            ``{"meta": ..., "classes": [...], "tagdict": {...}, "features": [...], "counts":
            [...], "labels": [...], "values": [...]}``: the weights as flat arrays, feature
            by feature (sorted), each feature's weights by tag (sorted); ``labels`` index
            ``classes``. (Files written before held ``"weights"``, NLTK's ``feature ->
            {tag: weight}``, which parses more slowly and is still read.)
        """
        classes = sorted(self._classes)
        sparse = self._sparse
        if sparse is None:
            sparse = _SparseWeights.from_dicts(self._weights, classes)
        return {
            "meta": dict(self.meta),
            "classes": classes,
            "tagdict": dict(sorted(self._tagdict.items())),
            "features": sparse.features,
            "counts": np.diff(sparse.indptr).tolist(),
            "labels": sparse.labels.tolist(),
            "values": sparse.values.tolist(),
        }

    def tag(self, words: Sequence[str]) -> list[str]:
        """Tag one sentence.

        Parameters
        ----------
        words : sequence of str
            The tokens of one sentence, as they appear in the text (Treebank-style
            splits: ``do`` ``n't``, ``Iran`` ``'s``).

        Returns
        -------
        list of str
            One Penn Treebank tag per token.

        Raises
        ------
        ValidationError
            If ``words`` is a string rather than a sequence of tokens.

        Examples
        --------
        >>> load_tagger().tag(["Baghaei", "rejected", "\u201c", "false", "reports", "\u201d", "."])
        ['NNP', 'VBD', '``', 'JJ', 'NNS', "''", '.']
        """
        if isinstance(words, str):
            raise ValidationError(
                "PosTagger.tag expects a sequence of tokens, got a str; "
                "split the sentence into tokens first."
            )
        return self.tag_sentences([words])[0]

    def tag_sentences(self, sentences: Sequence[Sequence[str]]) -> list[list[str]]:
        """Tag several sentences at once (faster than :meth:`tag` one by one).

        Each sentence is tagged on its own, exactly as :meth:`tag` tags it; scoring them
        together lets the tag-independent part of the features be summed for all tokens
        at once.

        Parameters
        ----------
        sentences : sequence of sequence of str
            The tokens of each sentence, as they appear in the text.

        Returns
        -------
        list of list of str
            One list of Penn Treebank tags per sentence (empty for an empty sentence).

        Raises
        ------
        ValidationError
            If a sentence is a string rather than a sequence of tokens.

        Examples
        --------
        >>> sentences = [["Iran", "denied", "it", "."], ["Elon", "Musk", "met", "him"]]
        >>> load_tagger().tag_sentences(sentences)
        [['NNP', 'VBD', 'PRP', '.'], ['NNP', 'NNP', 'VBD', 'PRP']]
        """
        given: list[list[str]] = []
        normalised: list[list[str]] = []
        for words in sentences:
            if isinstance(words, str):
                raise ValidationError(
                    "PosTagger.tag expects a sequence of tokens, got a str; "
                    "split the sentence into tokens first."
                )
            given.append(list(words))
            # every mapped character is outside ASCII: an ASCII sentence is its own
            # normalisation (normalize_token returns an ASCII word unchanged)
            if "".join(given[-1]).isascii():
                normalised.append(given[-1])
            else:
                normalised.append(list(map(normalize_token, words)))
        if not normalised:
            return []
        out = self._scorer.tag(normalised)
        for words, norm, tags in zip(given, normalised, out, strict=True):
            if words is norm or words == norm:  # no curly quote (normalisation maps every one)
                continue
            for i, word in enumerate(words):
                # The glyph says which side a curly quote is on; the straight form does not.
                if word in _OPENING_QUOTES:
                    tags[i] = "``"
                elif word in _CLOSING_QUOTES:
                    tags[i] = "''"
        return out

    @functools.cached_property
    def _dense(self) -> _DenseWeights:
        weights = self._sparse if self._weight_dicts is None else self._weight_dicts
        return _DenseWeights(weights, sorted(self._classes))  # type: ignore[arg-type]

    def _tag_normalised(self, tokens: list[str]) -> list[str]:
        """Tags of one sentence of normalised tokens (:meth:`_tag_many` of one sentence)."""
        return self._scorer.tag([tokens])[0]

    @functools.cached_property
    def _scorer(self) -> _Scorer:
        return _Scorer(self._dense, self._tagdict)

    @classmethod
    def _from_obj(cls, raw: Any, *, source: str) -> PosTagger:
        keys = ("tagdict", "classes", "meta")
        arrays = ("features", "counts", "labels", "values")
        if (
            not isinstance(raw, dict)
            or any(k not in raw for k in keys)
            or ("weights" not in raw and any(k not in raw for k in arrays))
        ):
            raise ValidationError(
                f"{source!r} is not a POS tagger model: expected a JSON object with the keys "
                f"{[*keys, *arrays]} (or 'weights'). Retrain it with: {_TRAIN_COMMAND}"
            )
        tagger = cls({}, raw["tagdict"], raw["classes"], raw["meta"])
        if "weights" in raw:  # the layout before the flat arrays
            # the parsed file's own dicts are kept as they are (no copy: nobody else holds them)
            tagger._weight_dicts = raw["weights"]
            return tagger
        try:
            sparse = _SparseWeights(raw["features"], raw["counts"], raw["labels"], raw["values"])
            n = int(sparse.indptr[-1])
            if (
                len(sparse.ids) != len(sparse.features)
                or sparse.indptr.ndim != 1
                or (len(sparse.indptr) > 1 and np.diff(sparse.indptr).min() < 0)
                or sparse.labels.shape != (n,)
                or sparse.values.shape != (n,)
                or (n and not 0 <= sparse.labels.min() <= sparse.labels.max() < len(tagger.tagset))
            ):
                raise ValueError("the weight arrays do not fit together")
        except (TypeError, ValueError) as exc:
            raise ValidationError(
                f"{source!r}: malformed tagger weights ({exc}). Retrain it with: {_TRAIN_COMMAND}"
            ) from None
        tagger._weight_dicts = None
        tagger._sparse = sparse
        return tagger


@functools.cache
def load_tagger() -> PosTagger:
    """Load the shipped POS tagger (once per process).

    Returns
    -------
    PosTagger
        The model in ``framing/models/pos-ewt.en.v1.json.gz``.

    Raises
    ------
    ModelNotFoundError
        If the model file is missing from the installation.

    Examples
    --------
    >>> load_tagger().meta["tagset"]
    'xpos'
    """
    # the collector paused: reading the file allocates ~10^6 objects, and full collections
    # in the middle of it cost more than the rest of the tagger's set-up
    was = gc.isenabled()
    gc.disable()
    try:
        raw = load_model_json(MODEL_FILE, what="The POS tagger model", train_command=_TRAIN_COMMAND)
        return PosTagger._from_obj(raw, source=MODEL_FILE)
    finally:
        if was:
            gc.enable()
