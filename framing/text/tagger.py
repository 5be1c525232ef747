"""Part-of-speech tagging with the project's own shipped model.

The model is an NLTK averaged perceptron trained by ``scripts/train_tagger.py`` on the
UD English EWT treebank and shipped as gzipped JSON in ``framing/models``. Tags are Penn
Treebank tags (the EWT ``XPOS`` column: ``MD``, ``VBD``, ``NNP`` ...). Nothing is downloaded:
the weights are read from the package and handed to a bare ``PerceptronTagger(load=False)``.

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
from itertools import chain
from pathlib import Path
from typing import Any

import numpy as np
from nltk.tag.perceptron import PerceptronTagger

from framing.errors import ModelNotFoundError, ValidationError
from framing.models import load_model_json

__all__ = ["MODEL_FILE", "FramingPerceptronTagger", "PosTagger", "load_tagger", "normalize_token"]

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
    mapped = _TOKEN_MAP.get(word)
    if mapped is not None:
        return mapped
    return word.translate(_CHAR_MAP)


def _shape(word: str) -> str:
    """Collapse a token to its character classes: ``Musk`` -> ``Xx``, ``US-based`` -> ``X-x``."""
    out: list[str] = []
    for ch in word[:12]:
        cls = "X" if ch.isupper() else "x" if ch.isalpha() else "d" if ch.isdigit() else ch
        if not out or out[-1] != cls:
            out.append(cls)
    return "".join(out)


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
        """Tag one sentence; returns ``(word, tag)`` pairs (``return_conf`` is not supported)."""
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
            ("i-1 shape+i shape+i+1 shape", f"{_shape(raw[j - 1])} {shape} {_shape(raw[j + 1])}"),
            ("i word+i+1 word", f"{context[j]} {context[j + 1]}"),
            ("i-1 word+i word", f"{context[j - 1]} {context[j]}"),
            ("i cased", word if word != context[j] else ""),
        ):
            features[f"{name} {value}"] += 1
        return features


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
        column = {label: k for k, label in enumerate(self.labels)}
        self.row: dict[str, int] = {feat: r for r, feat in enumerate(weights)}
        sizes = [len(ws) for ws in weights.values()]
        n_weights = sum(sizes)
        rows = np.repeat(np.arange(len(sizes), dtype=np.intp), sizes)
        labels = chain.from_iterable(weights.values())  # the labels of each row, row by row
        cols = np.fromiter(map(column.__getitem__, labels), np.intp, n_weights)
        values = chain.from_iterable(ws.values() for ws in weights.values())
        self.matrix = np.zeros((len(self.row), len(self.labels)), dtype=np.float64)
        self.matrix[rows, cols] = np.fromiter(values, np.float64, n_weights)

    def predict(self, features: list[str]) -> str:
        """The best label for a list of feature strings (repeats count several times)."""
        get = self.row.get
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
        scores = np.add.accumulate(block, axis=0)[-1]  # sequential: NLTK's order of sums
        # the last of the best scores: ties go to the alphabetically last label
        return self.labels[len(scores) - 1 - int(scores[::-1].argmax())]


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
        perceptron = FramingPerceptronTagger(load=False)
        perceptron.model.weights = {f: dict(w) for f, w in weights.items()}
        perceptron.model.classes = set(classes)
        perceptron.tagdict = dict(tagdict)
        perceptron.classes = set(classes)
        self._perceptron = perceptron
        self.meta: dict[str, Any] = dict(meta)
        self.version: str = str(self.meta.get("version", ""))
        self.name: str = str(self.meta.get("name", ""))

    def __repr__(self) -> str:
        return f"<PosTagger name={self.name!r} version={self.version!r}>"

    @property
    def tagset(self) -> tuple[str, ...]:
        """The tags the model can emit, sorted."""
        return tuple(sorted(self._perceptron.classes))

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
            "classes": sorted(self._perceptron.classes),
            "tagdict": dict(sorted(self._perceptron.tagdict.items())),
            "weights": {
                feat: dict(sorted(ws.items()))
                for feat, ws in sorted(self._perceptron.model.weights.items())
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
        return _DenseWeights(self._perceptron.model.weights, sorted(self._perceptron.classes))

    def _tag_normalised(self, tokens: list[str]) -> list[str]:
        """:meth:`FramingPerceptronTagger.tag` with the same features, scored on dense rows.

        ``FramingPerceptronTagger.tag`` stays the reference (and the training loop's) path;
        ``tests/text/test_tagger.py`` checks both give the same tags.
        """
        perceptron = self._perceptron
        tagdict = perceptron.tagdict
        dense = self._dense
        context = [*perceptron.START, *map(perceptron.normalize, tokens), *perceptron.END]
        shapes = ["", "", *map(_shape, tokens), "", ""]
        prev, prev2 = perceptron.START
        tags: list[str] = []
        for i, word in enumerate(tokens):
            tag = tagdict.get(word)
            if not tag:
                tag = dense.predict(_feature_names(i + 2, word, context, shapes, prev, prev2))
            tags.append(tag)
            prev2, prev = prev, tag
        return tags

    @classmethod
    def _from_obj(cls, raw: Any, *, source: str) -> PosTagger:
        keys = ("weights", "tagdict", "classes", "meta")
        if not isinstance(raw, dict) or any(k not in raw for k in keys):
            raise ValidationError(
                f"{source!r} is not a POS tagger model: expected a JSON object with the keys "
                f"{list(keys)}. Retrain it with: {_TRAIN_COMMAND}"
            )
        return cls(raw["weights"], raw["tagdict"], raw["classes"], raw["meta"])


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
