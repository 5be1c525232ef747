"""A learned token tagger for attribution parts, shipped as JSON (no pickle).

The model is a multinomial logistic regression (scikit-learn, trained by
``scripts/train_attribution.py`` on the PolNeAR *train* split only) over sparse token
features: the word, its neighbours, word shape, suffix, whether it stands in a quotation,
its part-of-speech tag and whether the ``reporting_verbs.en`` / ``sources.en`` lexicons
know it. It labels each
token ``B-CUE``, ``I-CUE`` or ``O``; :mod:`framing.features.attribution` uses the cue spans
it finds and builds source and content around them with its rules.

The features include the Penn part-of-speech tags of the shipped tagger
(``pos-ewt.en``); without tags (``process(article, tag=False)``) the tag features are
simply absent and the model falls back on the word features, with lower accuracy.

The string features below (:func:`sentence_features`) and :meth:`CueTagger.scores` are the
reference implementation, used by the training scripts. At run time the extractor scores
whole articles with :class:`framing.features._cue_vectors.CueVectorizer`, which gives the
same probabilities from integer tables (over ten times faster); a change to the features
here needs the matching template there (``TEMPLATES``).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from framing.errors import ValidationError
from framing.features._attribution_rerank import CueReranker
from framing.features.wordclasses import load_word_classes
from framing.models import load_model_json
from framing.types import Token

__all__ = [
    "MODEL_FILE",
    "MODEL_VERSION",
    "ColumnarWeights",
    "CueTagger",
    "columnar_weights",
    "context_features",
    "cue_lexicon_maps",
    "load_cue_reranker",
    "load_cue_tagger",
    "quote_flags",
    "sentence_features",
    "token_features",
]

MODEL_VERSION = "5"
MODEL_FILE = f"attribution-polnear.en.v{MODEL_VERSION}.json.gz"
_TRAIN_COMMAND = "python scripts/train_attribution.py --polnear ../shared/data/polnear/data/train"


def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "AA"
    if word[:1].isupper():
        return "Aa"
    if word.isdigit():
        return "0"
    if not any(map(str.isalnum, word)):
        return "p"
    return "a"


def token_features(
    words: Sequence[str],
    i: int,
    *,
    in_quote: Sequence[bool],
    cue_words: Mapping[str, str],
    source_words: Mapping[str, str],
    tags: Sequence[str] = (),
) -> list[str]:
    """Sparse features of token ``i`` of one sentence.

    Parameters
    ----------
    words : sequence of str
        The sentence's tokens.
    i : int
        Index of the token.
    in_quote : sequence of bool
        Whether each token stands inside a quotation.
    cue_words : mapping
        Lower-cased reporting-cue forms -> ``lemma/stance`` (from ``reporting_verbs.en``).
    source_words : mapping
        Lower-cased source words -> category (from ``sources.en``).
    tags : sequence of str
        Penn part-of-speech tags of the tokens (empty when the tagger is not run).

    Returns
    -------
    list of str
        Feature names (binary features).
    """
    n = len(words)

    def w(k: int) -> str:
        return words[k].lower() if 0 <= k < n else ("<s>" if k < 0 else "</s>")

    low = w(i)
    feats = [
        "bias",
        f"w={low}",
        f"s3={low[-3:]}",
        f"shape={_shape(words[i])}",
        f"w-1={w(i - 1)}",
        f"w+1={w(i + 1)}",
        f"w-2={w(i - 2)}",
        f"w+2={w(i + 2)}",
        f"w-1w={w(i - 1)}|{low}",
        f"ww+1={low}|{w(i + 1)}",
        f"q={in_quote[i]}",
        f"first={i == 0}",
        f"last={i >= n - 2}",
    ]
    cue = cue_words.get(low)
    if cue is not None:
        feats.append(f"lex={cue}")
        feats.append("lexcue")
    for k, tag in ((i - 1, "-1"), (i + 1, "+1")):
        if 0 <= k < n:
            c = cue_words.get(words[k].lower())
            if c is not None:
                feats.append(f"lexcue{tag}")
            s = source_words.get(words[k].lower())
            if s is not None:
                feats.append(f"src{tag}={s}")
            feats.append(f"shape{tag}={_shape(words[k])}")
    if tags:

        def t(k: int) -> str:
            return tags[k] if 0 <= k < n else "-"

        feats += [
            f"p={t(i)}",
            f"p-1={t(i - 1)}",
            f"p+1={t(i + 1)}",
            f"p-1p={t(i - 1)}|{t(i)}",
            f"pp+1={t(i)}|{t(i + 1)}",
            f"p+1p+2={t(i + 1)}|{t(i + 2)}",
            f"p-2p-1={t(i - 2)}|{t(i - 1)}",
        ]
    src = source_words.get(low)
    if src is not None:
        feats.append(f"src={src}")
    # whether a quotation opens or closes close by (direct-quote cues)
    for k in range(max(0, i - 3), min(n, i + 4)):
        if words[k] in ("“", "”", '"'):
            feats.append(f"qmark{'L' if k < i else 'R'}")
    return feats


_STEM_SUFFIXES = (("ies", "y"), ("ied", "y"), ("ing", ""), ("ed", ""), ("es", ""), ("s", ""))
_RIGHT_MARKERS = frozenset(("that", "to", "“", '"', ":", "whether", "if", ",", "."))
_LEFT_MARKERS = frozenset((",", "“", "”", '"', "who", "which", "and", "."))
_RIGHT_TAGS = frozenset(("NNP", "PRP", "VBD", "VBZ", "MD"))
_LEFT_TAGS = frozenset(("NNP", "PRP", "NNS", "NN", "MD", "VBZ", "VBD"))
_QUOTE_MARKS = frozenset(("“", "”", '"', "''", "``"))


def _stem(word: str) -> str:
    """Crude inflection stripping (``wants`` -> ``want``, ``believed`` -> ``believ``)."""
    for suf, rep in _STEM_SUFFIXES:
        if word.endswith(suf) and len(word) - len(suf) >= 3:
            return word[: -len(suf)] + rep
    return word


def context_features(
    words: Sequence[str],
    tags: Sequence[str],
    cue_words: Mapping[str, str],
    source_words: Mapping[str, str],
) -> list[list[str]]:
    """Extra features of every token of one sentence (feature set 2 of the tagger).

    Stems and word/tag pairs (so that belief and intention verbs outside the lexicon,
    "wants", "plans", "believes", generalise over their inflections), two-word windows,
    tag trigrams, whether the sentence holds a lexicon cue or a quotation mark, the
    token's relative position, and markers within four tokens on either side: a
    complement ("that", "to", a quotation mark, a colon) to the right, a subject-like tag
    or a ``sources.en`` word to the left.
    """
    n = len(words)
    low = [w.lower() for w in words]
    nlex = min(3, sum(1 for w in low if w in cue_words))
    hasq = any(w in _QUOTE_MARKS for w in words)

    def lw(k: int) -> str:
        return low[k] if 0 <= k < n else "<s>"

    def t(k: int) -> str:
        return tags[k] if tags and 0 <= k < n else "-"

    of = load_word_classes().of
    classes = [of(w) for w in low]
    out = []
    for i in range(n):
        st = _stem(low[i])
        f = [
            f"x:st={st}",
            f"x:wp={low[i]}|{t(i)}",
            f"x:st-1={_stem(lw(i - 1))}",
            f"x:st+1={_stem(lw(i + 1))}",
            f"x:w-2w-1={lw(i - 2)}|{lw(i - 1)}",
            f"x:w+1w+2={lw(i + 1)}|{lw(i + 2)}",
            f"y:sentlex={nlex}",
            f"y:hasq={hasq}",
            f"y:pos={min(4, 5 * i // max(n, 1))}",
            f"x:stp={st}|{t(i)}",
            f"x:w-1p={lw(i - 1)}|{t(i)}",
            f"x:pw+1={t(i)}|{lw(i + 1)}",
            f"z:p-2p-1p={t(i - 2)}|{t(i - 1)}|{t(i)}",
            f"z:pp+1p+2={t(i)}|{t(i + 1)}|{t(i + 2)}",
        ]
        for k in range(i + 1, min(n, i + 5)):
            if low[k] in _RIGHT_MARKERS:
                f.append(f"w:R{k - i}={low[k]}")
            if tags and tags[k] in _RIGHT_TAGS:
                f.append(f"z:Rp={tags[k]}")
        for k in range(max(0, i - 4), i):
            if low[k] in _LEFT_MARKERS:
                f.append(f"w:L{i - k}={low[k]}")
            if tags and tags[k] in _LEFT_TAGS:
                f.append(f"z:Lp={tags[k]}")
            if low[k] in source_words:
                f.append(f"z:Lsrc={source_words[low[k]]}")
        if i > 0 and low[i - 1] in cue_words:
            f.append(f"y:prevlex|{t(i)}")
        vc, vf, nc, vcs = classes[i]
        f += [
            f"v:vc={vc}",
            f"v:vf={vf}",
            f"v:vcf={vc}|{vf}",
            f"v:nc={nc}",
            f"v:vcs={vcs}",
            f"v:vcp={vc}|{t(i)}",
            f"v:ncp={nc}|{t(i)}",
        ]
        if i > 0:
            f.append(f"v:vc-1={classes[i - 1][0]}")
        if i + 1 < n:
            f.append(f"v:vc+1={classes[i + 1][0]}")
        out.append(f)
    return out


class ColumnarWeights(Mapping[str, Sequence[float]]):
    """The tagger's weights as feature names and one matrix row per name.

    The model file stores them this way (``"matrix"``: the rows flattened, with either
    ``"tables"``: the names already parsed into per-template tables,
    :func:`framing.features._cue_vectors.feature_tables`, or ``"features"``: the names, the
    layout before ``scripts/convert_models.py``), which parses several times faster than a
    JSON object of ~285,000 small lists. It reads as the mapping ``feature -> per-class
    weights`` the reference scorer uses (the names are rebuilt from the tables and indexed
    on first look-up); the fast scorer takes :attr:`tables` (or :attr:`names`) and
    :attr:`matrix` as they are.

    Parameters
    ----------
    names : sequence of str or None
        Distinct feature names (None: rebuilt from ``tables`` when first needed).
    matrix : numpy.ndarray
        ``[len(names), n_classes]`` weights.
    tables : mapping, optional
        The model file's ``"tables"`` (required when ``names`` is None).
    """

    def __init__(
        self, names: Sequence[str] | None, matrix: Any, *, tables: Mapping[str, Any] | None = None
    ) -> None:
        import numpy as np

        if names is None and tables is None:
            raise ValidationError(f"{MODEL_FILE!r}: the weights need their feature names")
        self._names = None if names is None else list(names)
        self.tables = tables
        self.matrix = np.asarray(matrix, dtype=np.float64)
        n = len(self.matrix) if self._names is None else len(self._names)
        if self.matrix.ndim != 2 or len(self.matrix) != n:
            raise ValidationError(
                f"{MODEL_FILE!r}: the weight matrix must have one row per feature "
                f"({n}); got shape {self.matrix.shape}. Retrain it with: "
                f"{_TRAIN_COMMAND}"
            )
        self._index: dict[str, int] | None = None

    @property
    def names(self) -> list[str]:
        """The feature name of every row (rebuilt from :attr:`tables` on first use)."""
        if self._names is None:
            from framing.features._cue_vectors import names_from_tables

            self._names = names_from_tables(self.tables or {}, len(self.matrix))
        return self._names

    def _lookup(self) -> dict[str, int]:
        if self._index is None:
            self._index = {n: k for k, n in enumerate(self.names)}
        return self._index

    def __getitem__(self, name: str) -> Sequence[float]:
        return self.matrix[self._lookup()[name]].tolist()

    def __iter__(self) -> Iterator[str]:
        return iter(self.names)

    def __len__(self) -> int:
        return len(self.matrix)

    def __contains__(self, name: object) -> bool:
        return name in self._lookup()


def columnar_weights(weights: Mapping[str, Sequence[float]]) -> dict[str, Any]:
    """The JSON form the model file stores weights in: ``{"tables", "matrix"}``.

    ``matrix`` is the rows of ``weights`` flattened, in their order; ``tables`` their names
    parsed by the cue vectorizer's templates
    (:func:`framing.features._cue_vectors.feature_tables`), so that loading the model does
    not parse them again. The floats are the given ones, unchanged.
    """
    from framing.features._cue_vectors import feature_tables

    names = list(weights)
    return {
        "tables": feature_tables(names),
        "matrix": [float(v) for n in names for v in weights[n]],
    }


@dataclass(frozen=True, slots=True)
class CueTagger:
    """Linear token classifier: ``weights[feature] -> per-class weights``.

    The reference scorer (one token at a time, from feature strings); see
    :func:`framing.features._cue_vectors.load_cue_vectorizer` for the fast one.
    """

    classes: tuple[str, ...]
    weights: Mapping[str, Sequence[float]]
    bias: Sequence[float]
    meta: Mapping[str, Any]

    def scores(self, feats: Sequence[str]) -> list[float]:
        """Class probabilities for one token's features."""
        z = list(self.bias)
        for f in feats:
            row = self.weights.get(f)
            if row is not None:
                for c, v in enumerate(row):
                    z[c] += v
        if self.meta.get("link") == "ovr":
            # one-vs-rest logistic regressions: normalised sigmoids (as scikit-learn does)
            sig = [1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, v)))) for v in z]
            tot = sum(sig) or 1.0
            return [v / tot for v in sig]
        m = max(z)
        ex = [math.exp(v - m) for v in z]
        tot = sum(ex)
        return [v / tot for v in ex]

    def tag(
        self,
        feats_per_token: Sequence[Sequence[str]],
        *,
        threshold: float = 0.5,
        lexicon_threshold: float | None = None,
    ) -> list[tuple[str, float]]:
        """Label and probability for each token.

        A token is a cue when the probability of ``O`` is at most ``1 - threshold`` (or
        ``1 - lexicon_threshold`` for a form the reporting-verb lexicon knows); then the
        more probable of ``B-CUE`` / ``I-CUE`` is its label.
        """
        out = []
        o = self.classes.index("O")
        for feats in feats_per_token:
            p = self.scores(feats)
            th = threshold
            if lexicon_threshold is not None and "lexcue" in feats:
                th = lexicon_threshold
            if 1.0 - p[o] >= th:
                best = max((c for c in range(len(p)) if c != o), key=p.__getitem__)
                out.append((self.classes[best], p[best]))
            else:
                out.append(("O", p[o]))
        return out


_RERANKER: dict[str, Any] = {}  # the re-ranker's JSON of the last model read (it is small)


def _read_raw() -> dict[str, Any]:
    """Read and check the shipped model file (each call reads it again)."""
    from framing.features._cue_vectors import _gc_paused

    with _gc_paused():  # reading allocates ~10^6 objects: no full collections meanwhile
        raw = load_model_json(
            MODEL_FILE, what="The attribution model", train_command=_TRAIN_COMMAND
        )
    keys = ("classes", "weights", "bias", "meta")
    if (
        isinstance(raw, dict)
        and ("features" in raw or "tables" in raw)
        and "matrix" in raw
        and "weights" not in raw
    ):
        # the columnar layouts: "matrix" with the names ("features", the layout before
        # scripts/convert_models.py) or with the names parsed into per-template "tables"
        import numpy as np

        k = len(raw.get("classes") or ())
        flat = np.asarray(raw.pop("matrix"), dtype=np.float64)
        names = raw.pop("features", None)
        n = len(flat) // k if k else 0
        if not k or len(flat) != k * (n if names is None else len(names)):
            raise ValidationError(
                f"{MODEL_FILE!r}: 'matrix' must hold {k} weights per feature; "
                f"retrain it with: {_TRAIN_COMMAND}"
            )
        tables = raw.pop("tables", None)
        if isinstance(tables, dict) and isinstance(tables.get("groups"), list):
            # numpy arrays, not lists of ~800,000 ints that every full collection traverses
            tables["groups"] = [
                [_int_array(v) for v in group] if isinstance(group, list) else group
                for group in tables["groups"]
            ]
        raw["weights"] = ColumnarWeights(names, flat.reshape(-1, k), tables=tables)
    if not isinstance(raw, dict) or any(k not in raw for k in keys):
        raise ValidationError(
            f"{MODEL_FILE!r} is not an attribution model: expected the keys {list(keys)}. "
            f"Retrain it with: {_TRAIN_COMMAND}"
        )
    _RERANKER[MODEL_FILE] = raw.get("reranker")
    return raw


def _int_array(values: Any) -> Any:
    """``values`` as an int64 array, or as they are when they are not a flat list of ints
    (the vectorizer then refuses them with a clear error)."""
    import numpy as np

    try:
        out = np.asarray(values, dtype=np.int64) if isinstance(values, list) else values
    except (TypeError, ValueError):
        return values
    return out if getattr(out, "ndim", 1) == 1 else values


@cache
def load_cue_tagger() -> CueTagger:
    """Load the shipped model (once per process).

    Raises
    ------
    ModelNotFoundError
        If the model file is missing.
    """
    return _read_cue_tagger()


def _read_cue_tagger() -> CueTagger:
    """Read the shipped model (each call reads the file again)."""
    raw = _read_raw()
    return CueTagger(tuple(raw["classes"]), raw["weights"], raw["bias"], raw["meta"])


@cache
def load_cue_reranker() -> CueReranker | None:
    """The span re-ranker shipped in the model file (``None`` when the file has none)."""
    raw = _RERANKER[MODEL_FILE] if MODEL_FILE in _RERANKER else _read_raw().get("reranker")
    return None if raw is None else CueReranker.from_json(raw)


def cue_lexicon_maps(verbs: Any, sources: Any) -> tuple[dict[str, str], dict[str, str]]:
    """The lexicon lookups used as features (from the loaded lexicons)."""
    cue_words: dict[str, str] = {}
    for e in verbs:
        for f in (e.get("forms") or e.term).split("|"):
            if " " not in f:
                cue_words.setdefault(f.strip().lower(), f"{e.get('kind')}/{e.category}")
    source_words = {e.term.lower(): e.category for e in sources if " " not in e.term}
    return cue_words, source_words


def sentence_features(
    tokens: Sequence[Token], in_quote: Sequence[bool], maps: tuple[dict[str, str], dict[str, str]]
) -> list[list[str]]:
    """Features of every token of one sentence."""
    words = [t.text for t in tokens]
    tags = [t.pos for t in tokens] if any(t.pos for t in tokens) else []
    cue_words, source_words = maps
    extra = context_features(words, tags, cue_words, source_words)
    return [
        token_features(
            words, i, in_quote=in_quote, cue_words=cue_words, source_words=source_words, tags=tags
        )
        + extra[i]
        for i in range(len(words))
    ]


def quote_flags(tokens: Sequence[Token], quotes: Sequence[Any]) -> list[bool]:
    """Whether each token stands strictly inside one of ``quotes`` (both sorted by offset)."""
    out = []
    qi = 0
    for t in tokens:
        while qi < len(quotes) and quotes[qi].end <= t.start:
            qi += 1
        out.append(qi < len(quotes) and quotes[qi].start < t.start and t.end < quotes[qi].end)
    return out
