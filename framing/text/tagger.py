"""Part-of-speech tagging with the project's own shipped model.

The model is an NLTK averaged perceptron trained by ``scripts/train_tagger.py`` on the
UD English EWT treebank and shipped as gzipped JSON in ``framing/models``. Tags are Penn
Treebank tags (the EWT ``XPOS`` column: ``MD``, ``VBD``, ``NNP`` ...). Nothing is downloaded.

Training and the reference tagging loop are NLTK's (:class:`FramingPerceptronTagger`, a
``PerceptronTagger`` subclass, defined on first use). Tagging text does not import NLTK:
the features are built as strings by :func:`_feature_names` (looked up per word by
:class:`_RowCache`) and scored on the weights as dense rows (:class:`_DenseWeights`, made
on first use), summed in NLTK's order, which gives NLTK's tags token for token
(``tests/text/test_tagger_fast.py`` compares both on the seeds and PolNeAR). Decision: the
library stays the trainer and the reference; the greedy inference loop (some 60 lines) is
our own because ``import nltk.tag`` alone costs about a second (``nltk/__init__`` and
``nltk.tag`` import scikit-learn and SciPy), more than tagging a whole article, and NLTK's
per-token dictionaries were the text stage's main cost.

Tokens are normalised before tagging (curly quotes, dashes and ellipses are mapped to the
ASCII forms EWT mostly uses), so text can be tagged exactly as an outlet published it.
"""

from __future__ import annotations

import functools
import gzip
import json
import random
from collections import Counter
from collections.abc import Mapping, Sequence
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


class _DenseWeights:
    """The perceptron weights as one float64 row per feature, for fast scoring.

    Scores are summed feature by feature in the order the features are produced, exactly as
    NLTK's ``AveragedPerceptron.predict`` sums them (a label a feature has no weight for
    adds 0.0, which changes no sum), so the predicted tags are identical; ties go to the
    alphabetically last label, as in NLTK.
    """

    def __init__(self, weights: Mapping[str, Mapping[str, float]], classes: Sequence[str]):
        self.labels: list[str] = sorted(classes)
        self._column = {label: k for k, label in enumerate(self.labels)}
        self._weights = weights
        # Rows are made on first use: an article uses a few thousand of the model's
        # ~150,000 features, and the full matrix (~60 MB) took a third of a second to fill.
        self._index: dict[str, int] = {}
        self.matrix = np.zeros((1024, len(self.labels)), dtype=np.float64)

    def row_of(self, feature: str) -> int | None:
        """The row of ``feature`` in :attr:`matrix`, or None if the model has no weights."""
        r = self._index.get(feature)
        if r is None:
            ws = self._weights.get(feature)
            if ws is None:
                return None
            r = len(self._index)
            if r == len(self.matrix):
                grown = np.zeros((2 * r, len(self.labels)), dtype=np.float64)
                grown[:r] = self.matrix
                self.matrix = grown
            column = self._column
            row = self.matrix[r]
            for label, weight in ws.items():
                row[column[label]] = weight
            self._index[feature] = r
        return r

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

    def predict_rows(self, hits: list[int]) -> str:
        """:meth:`predict` for the rows of distinct features found, in feature order."""
        if not hits:
            return self.labels[-1]
        return self._best(self.matrix.take(hits, axis=0))

    def _best(self, block: np.ndarray) -> str:
        # Summed row after row, in feature order: NLTK's order of sums. (NumPy reduces over
        # the outer axis of a C-ordered array row by row; pairwise summation is only used
        # along the inner axis. tests/text/test_tagger_fast.py checks this premise.)
        scores = np.add.reduce(block, axis=0)
        # the last of the best scores: ties go to the alphabetically last label
        return self.labels[len(scores) - 1 - int(scores[::-1].argmax())]


class _RowCache:
    """Rows of the tagger's features by the part of the context each depends on.

    :func:`_feature_names` builds 27 strings per token; 21 of them depend on one word only
    (the token itself, or one neighbour in a given position) or on the previous tags only.
    Their rows are looked up once per distinct word / shape / tags and kept; only the six
    features that join a tag or a word with another word are built as strings per token.
    The rows come out in :func:`_feature_names`'s order, so scores are summed in NLTK's
    order.
    """

    _MAX_KEPT = 1 << 17  # distinct entries kept before a table is cleared

    def __init__(self, dense: _DenseWeights) -> None:
        self.row_of = dense.row_of
        self.own: dict[str, tuple[int | None, ...]] = {}
        self.near: dict[str, tuple[int | None, ...]] = {}
        self.shape: dict[str, tuple[int | None, int | None]] = {}
        self.tags: dict[tuple[str, str], tuple[int | None, int | None, int | None]] = {}
        self.bias = self.row_of("bias")

    def clear_if_large(self) -> None:
        for table in (self.own, self.near, self.shape, self.tags):
            if len(table) > self._MAX_KEPT:
                table.clear()

    def own_rows(self, word: str, w: str, shape: str) -> tuple[int | None, ...]:
        """Rows of the features of the token alone (``word`` raw, ``w`` normalised)."""
        get = self.row_of
        return (
            get("i suffix " + word[-3:]),  # 1
            get("i pref1 " + word[:1]),  # 2
            get("i word " + w),  # 6
            get("i suffix1 " + word[-1:]),  # 14
            get("i suffix2 " + word[-2:]),  # 15
            get("i suffix4 " + word[-4:]),  # 16
            get("i pref3 " + word[:3]),  # 17
            get("i shape " + shape),  # 18
            get("i cased " + (word if word != w else "")),  # 26
        )

    def near_rows(self, w: str) -> tuple[int | None, ...]:
        """Rows of normalised word ``w`` as neighbour: i-1 (word, suffix), i-2, i+1 (word,
        suffix), i+2."""
        get = self.row_of
        return (
            get("i-1 word " + w),
            get("i-1 suffix " + w[-3:]),
            get("i-2 word " + w),
            get("i+1 word " + w),
            get("i+1 suffix " + w[-3:]),
            get("i+2 word " + w),
        )

    def shape_rows(self, shape: str) -> tuple[int | None, int | None]:
        """Rows of a neighbour's shape: as i-1 and as i+1."""
        get = self.row_of
        return get("i-1 shape " + shape), get("i+1 shape " + shape)

    def tag_rows(self, prev: str, prev2: str) -> tuple[int | None, int | None, int | None]:
        """Rows of the previous tags: i-1 tag, i-2 tag, both."""
        get = self.row_of
        return get("i-1 tag " + prev), get("i-2 tag " + prev2), get(
            "i tag+i-2 tag " + prev + " " + prev2
        )


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
        self._weights: dict[str, dict[str, float]] = {f: dict(w) for f, w in weights.items()}
        self._tagdict: dict[str, str] = dict(tagdict)
        self._classes: frozenset[str] = frozenset(classes)
        self.meta: dict[str, Any] = dict(meta)
        self.version: str = str(self.meta.get("version", ""))
        self.name: str = str(self.meta.get("name", ""))

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
            ``{"meta": ..., "classes": [...], "tagdict": {...}, "weights": {...}}``.
        """
        return {
            "meta": dict(self.meta),
            "classes": sorted(self._classes),
            "tagdict": dict(sorted(self._tagdict.items())),
            "weights": {
                feat: dict(sorted(ws.items())) for feat, ws in sorted(self._weights.items())
            },
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
        tokens = list(words)
        if not tokens:
            return []
        normalised = [normalize_token(w) for w in tokens]
        tags = self._tag_normalised(normalised)
        for i, word in enumerate(tokens):
            # The glyph says which side a curly quote is on; the straight form does not.
            if word in _OPENING_QUOTES:
                tags[i] = "``"
            elif word in _CLOSING_QUOTES:
                tags[i] = "''"
        return tags

    @functools.cached_property
    def _dense(self) -> _DenseWeights:
        return _DenseWeights(self._weights, sorted(self._classes))

    def _tag_normalised(self, tokens: list[str]) -> list[str]:
        """:meth:`FramingPerceptronTagger.tag` with the same features, scored on dense rows.

        ``FramingPerceptronTagger.tag`` stays the reference (and the training loop's) path;
        ``tests/text/test_tagger_fast.py`` checks both give the same tags.
        """
        tagdict = self._tagdict
        dense = self._dense
        cache = self._rows
        cache.clear_if_large()
        get = dense.row_of
        context = [*_START, *map(_normalize, tokens), *_END]
        shapes = ["", "", *map(_cached_shape, tokens), "", ""]
        own, near, shape_of, tag_of = cache.own, cache.near, cache.shape, cache.tags
        nears = []
        for w in context:
            r = near.get(w)
            if r is None:
                r = near[w] = cache.near_rows(w)
            nears.append(r)
        shape_rows = []
        for sh in shapes:
            r = shape_of.get(sh)
            if r is None:
                r = shape_of[sh] = cache.shape_rows(sh)
            shape_rows.append(r)
        bias = cache.bias
        prev, prev2 = _START
        tags: list[str] = []
        for i, word in enumerate(tokens):
            tag = tagdict.get(word)
            if not tag:
                j = i + 2
                w, shape = context[j], shapes[j]
                mine = own.get(word)
                if mine is None:
                    mine = own[word] = cache.own_rows(word, w, shape)
                t = tag_of.get((prev, prev2))
                if t is None:
                    t = tag_of[prev, prev2] = cache.tag_rows(prev, prev2)
                left, left2, right, right2 = nears[j - 1], nears[j - 2], nears[j + 1], nears[j + 2]
                n1 = context[j + 1]
                rows = (
                    bias,
                    mine[0],
                    mine[1],
                    t[0],
                    t[1],
                    t[2],
                    mine[2],
                    get("i-1 tag+i word " + prev + " " + w),
                    left[0],
                    left[1],
                    left2[2],
                    right[3],
                    right[4],
                    right2[5],
                    mine[3],
                    mine[4],
                    mine[5],
                    mine[6],
                    mine[7],
                    get("i-1 tag+i shape " + prev + " " + shape),
                    get("i-1 tag+i suffix " + prev + " " + word[-3:]),
                    shape_rows[j - 1][0],
                    shape_rows[j + 1][1],
                    get(
                        "i-1 shape+i shape+i+1 shape "
                        + shapes[j - 1]
                        + " "
                        + shape
                        + " "
                        + shapes[j + 1]
                    ),
                    get("i word+i+1 word " + w + " " + n1),
                    get("i-1 word+i word " + context[j - 1] + " " + w),
                    mine[8],
                )
                hits = [r for r in rows if r is not None]
                if len(set(hits)) == len(hits):
                    tag = dense.predict_rows(hits)
                else:  # a feature string twice: counted as NLTK counts it
                    tag = dense.predict(_feature_names(j, word, context, shapes, prev, prev2))
            tags.append(tag)
            prev2, prev = prev, tag
        return tags

    @functools.cached_property
    def _rows(self) -> _RowCache:
        return _RowCache(self._dense)

    @classmethod
    def _from_obj(cls, raw: Any, *, source: str) -> PosTagger:
        keys = ("weights", "tagdict", "classes", "meta")
        if not isinstance(raw, dict) or any(k not in raw for k in keys):
            raise ValidationError(
                f"{source!r} is not a POS tagger model: expected a JSON object with the keys "
                f"{list(keys)}. Retrain it with: {_TRAIN_COMMAND}"
            )
        # the parsed file's own dicts are kept as they are (no copy: nobody else holds them)
        tagger = cls({}, raw["tagdict"], raw["classes"], raw["meta"])
        tagger._weights = raw["weights"]
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
    raw = load_model_json(MODEL_FILE, what="The POS tagger model", train_command=_TRAIN_COMMAND)
    return PosTagger._from_obj(raw, source=MODEL_FILE)
