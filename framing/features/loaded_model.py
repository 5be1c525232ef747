"""The learned part of the loaded-language feature: features, the JSON model, training.

:class:`LoadedModel` holds two logistic regressions stored as JSON coefficients (no
pickle): a token scorer (is this word loaded?) and a biased-sentence classifier. The token
scorer also holds a word prior: how often BABE's crowd annotators (MBIC) marked each word as
biased, which becomes bucketed features of the token.
:func:`framing.features.loaded_train.train_loaded_model` trains both (run by
``scripts/train_loaded_model.py``); thresholds and the sentence gate are chosen by
cross-validation on the training data only. The extractor using the model is
:class:`framing.features.loaded.LoadedLanguageFeatures`. See ``docs/loaded-language.md``.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import accumulate, pairwise, repeat
from typing import Any

from framing.errors import ModelNotFoundError
from framing.features.lexical import _is_word_text
from framing.models import load_model_json
from framing.patterns import RE_TOKEN

__all__ = [
    "MODEL_FILE",
    "LoadedModel",
    "TemplateWeights",
    "load_loaded_model",
    "pos_tags",
    "sentence_features",
    "token_features",
]

MODEL_FILE = "loaded-babe.en.v2.json.gz"
_LEXICON = "loaded.en"


@lru_cache(maxsize=1 << 16)  # called for every token by the lexicon, scorer and classifier
def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


_is_word = _is_word_text  # a letter or digit (kept per text)


# --- the learned model -----------------------------------------------------------------
def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "UPPER"
    if word[:1].isupper():
        return "Cap"
    if "-" in word:
        return "hyph"
    if any(map(str.isdigit, word)):
        return "digit"
    return "lower"


@cache
def _valence() -> Mapping[str, float]:
    """VADER valences (the MIT-licensed lexicon of the installed ``vaderSentiment``)."""
    from framing.features.tone import load_vader

    try:
        return dict(load_vader()[0].lexicon)
    except ModelNotFoundError:  # without VADER the model loses only its valence features
        return {}


@lru_cache(maxsize=1 << 14)
def _valence_bucket(word: str) -> str:
    v = _valence().get(word)
    if v is None:
        return "none"
    return f"{'+' if v > 0 else '-'}{min(int(abs(v) + 0.5), 3)}"


def pos_tags(words: Sequence[str]) -> list[str]:
    """Part-of-speech tags from the shipped tagger (empty strings when it is missing)."""
    from framing.text.tagger import load_tagger

    try:
        tagger = load_tagger()
    except ModelNotFoundError:
        return [""] * len(words)
    return list(tagger.tag(list(words))) if words else []


def prior_features(marked: int, seen: int) -> list[str]:
    """Bucketed word prior: how often annotators marked the word biased (``mb=``, ``mbn=``).

    ``marked`` of ``seen`` occurrences were marked; an unseen word gets its own bucket
    (smoothed rate 0.1), a word seen but never marked the bucket 0.
    """
    rate = (marked + 0.1) / (seen + 1)
    return [f"mb={min(int(rate * 10), 9)}", f"mbn={min(marked, 5)}"]


@lru_cache(maxsize=1 << 13)  # the commonest words; an entry holds some 25 strings
def _word_features(word: str) -> tuple[tuple[str, ...], str, str, tuple[str, ...]]:
    """The features of :func:`token_features` that depend on the token alone (cached).

    Returns the word, affix and shape features, the length and valence features and the
    character n-grams, as :func:`token_features` lays them out.
    """
    w = _norm(word)
    head = (f"w={w}", f"p3={w[:3]}", f"s2={w[-2:]}", f"s3={w[-3:]}", f"s4={w[-4:]}")
    padded = f"<{w}>"
    grams = tuple(
        f"c{n}={padded[k : k + n]}" for n in (3, 4, 5) for k in range(len(padded) - n + 1)
    )
    return (
        (*head, f"shape={_shape(word)}"),
        f"len={min(len(w), 12)}",
        f"vad={_valence_bucket(w)}",
        grams,
    )


def token_features(
    words: Sequence[str],
    i: int,
    cats: Sequence[str | None],
    tags: Sequence[str] = (),
    prior: tuple[int, int] | None = None,
) -> list[str]:
    """Binary features of token ``i``: the word, affixes, shape, neighbours, lexicon category.

    Also the VADER valence of the word and of its neighbours, bucketed (``vad=-2``), the
    words two to the left and right, the relative position in the sentence, the
    part-of-speech tags of the word and its neighbours (two each side) when ``tags`` are
    given, and the word prior (:func:`prior_features`) when ``prior`` (marked, seen) is
    given.
    """
    w = _norm(words[i])
    prev = _norm(words[i - 1]) if i > 0 else "<s>"
    nxt = _norm(words[i + 1]) if i + 1 < len(words) else "</s>"
    head, length, valence, grams = _word_features(words[i])
    feats = [
        *head,
        f"w-1={prev}",
        f"w+1={nxt}",
        f"w-1,w={prev}|{w}",
        f"w,w+1={w}|{nxt}",
        f"lex={cats[i]}",
        length,
        valence,
        f"vad-1={_valence_bucket(prev)}",
        f"vad+1={_valence_bucket(nxt)}",
        *grams,
    ]
    if i > 0 and cats[i - 1]:
        feats.append(f"lex-1={cats[i - 1]}")
    if tags:
        feats.append(f"pos={tags[i]}")
        feats.append(f"pos-1,pos={tags[i - 1] if i > 0 else '<s>'}|{tags[i]}")
        feats.append(f"pos,pos+1={tags[i]}|{tags[i + 1] if i + 1 < len(tags) else '</s>'}")
        feats.append(f"pos,w={tags[i]}|{w}")
        feats.append(f"pos-1={tags[i - 1] if i > 0 else '<s>'}")
        feats.append(f"pos+1={tags[i + 1] if i + 1 < len(tags) else '</s>'}")
        feats.append(f"pos-2={tags[i - 2] if i > 1 else '<s>'}")
        feats.append(f"pos+2={tags[i + 2] if i + 2 < len(tags) else '</s>'}")
    n = len(words)
    feats.append(f"w-2={_norm(words[i - 2]) if i > 1 else '<s>'}")
    feats.append(f"w+2={_norm(words[i + 2]) if i + 2 < n else '</s>'}")
    feats.append(f"relpos={min(int(5 * i / max(n, 1)), 4)}")
    if prior is not None:
        feats.extend(prior_features(*prior))
    return feats


def sentence_features(
    words: Sequence[str], cats: Sequence[str | None], probs: Sequence[float]
) -> dict[str, float]:
    """Features of one sentence for the biased-sentence classifier.

    Lexicon hits by category, the learned token scores (max, top-3 mean, count over 0.5),
    and the sentence's word unigrams and bigrams (scaled by 1/sqrt(n)).
    """
    feats: dict[str, float] = {}
    low = [_norm(w) for w in words if _is_word(w)]
    scale = 1.0 / math.sqrt(max(len(low), 1))
    for w in low:
        feats[f"u={w}"] = scale
    for a, b in pairwise(low):
        feats[f"b={a}|{b}"] = scale
    for c in cats:
        if c:
            feats[f"cat={c}"] = feats.get(f"cat={c}", 0.0) + 1.0
    feats.update(_sentence_summary(words, probs, len(low)))
    return feats


def _sentence_summary(
    words: Sequence[str], probs: Sequence[float], n_words: int
) -> list[tuple[str, float]]:
    """The last features of :func:`sentence_features`: token scores, quote, length."""
    ranked = sorted(probs, reverse=True)
    return [
        ("tok_max", ranked[0] if ranked else 0.0),
        ("tok_top3", sum(ranked[:3]) / 3.0 if ranked else 0.0),
        ("tok_n50", float(sum(p >= 0.5 for p in ranked))),
        ("quote", float(any(w in {'"', "“", "”"} for w in words))),
        ("len", min(n_words, 60) / 60.0),
    ]


def _sentence_tables(weights: Mapping[str, float]) -> tuple[dict[str, float], dict[str, float]]:
    """The sentence classifier's ``u=`` and ``b=`` weights by word / ``a|b`` pair."""
    unigram: dict[str, float] = {}
    bigram: dict[str, float] = {}
    for name, weight in weights.items():
        if name.startswith("u="):
            unigram[name[2:]] = weight
        elif name.startswith("b="):
            bigram[name[2:]] = weight
    return unigram, bigram


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


class TemplateWeights(Mapping[str, float]):
    """Token weights stored by feature template: ``tables[template][value]`` is the weight
    of the feature ``template=value`` (names without ``=`` in ``other``).

    The model file's layout since ``scripts/convert_models.py`` (``"tables"``): the scorer
    takes the tables as they are instead of splitting ~150,000 names at load time, and the
    mapping reads as the flat ``name -> weight`` dictionary the reference scorer uses.
    """

    def __init__(
        self, tables: Mapping[str, Mapping[str, float]], other: Mapping[str, float] | None = None
    ) -> None:
        self.tables = tables
        self.other = other or {}

    def get(self, name: str, default: Any = None) -> Any:  # type: ignore[override]
        template, eq, value = name.partition("=")
        if not eq:
            return self.other.get(name, default)
        table = self.tables.get(template)
        return default if table is None else table.get(value, default)

    def __getitem__(self, name: str) -> float:
        w = self.get(name, _MISSING)
        if w is _MISSING:
            raise KeyError(name)
        return w  # type: ignore[no-any-return]

    def __contains__(self, name: object) -> bool:
        return isinstance(name, str) and self.get(name, _MISSING) is not _MISSING

    def __iter__(self) -> Iterator[str]:
        for template, table in self.tables.items():
            for value in table:
                yield f"{template}={value}"
        yield from self.other

    def __len__(self) -> int:
        return sum(map(len, self.tables.values())) + len(self.other)


_MISSING = object()


def _array(values: Any, dtype: Any) -> Any:
    """``values`` as a numpy array, or as they are when they are not a flat list of
    numbers (the vectorizer then refuses them with a clear error)."""
    import numpy as np

    try:
        out = np.asarray(values, dtype=dtype) if isinstance(values, list) else values
    except (TypeError, ValueError):
        return values
    return out if getattr(out, "ndim", 1) == 1 else values


def _template_tables(
    weights: Mapping[str, float],
) -> tuple[dict[str, dict[str, float]], dict[str, float]]:
    """``weights`` split at the first ``=`` of each name (sorted), and the names without."""
    tables: dict[str, dict[str, float]] = {}
    other: dict[str, float] = {}
    for name in sorted(weights):
        template, eq, value = name.partition("=")
        if eq:
            tables.setdefault(template, {})[value] = float(weights[name])
        else:
            other[name] = float(weights[name])
    return tables, other


@dataclass(frozen=True, slots=True)
class LoadedModel:
    """The shipped learned component: a token scorer and a sentence classifier.

    Parameters
    ----------
    name, version : str, int
        ``loaded-babe`` and its version; ``id`` is ``name@version``.
    token_weights, sentence_weights : Mapping[str, float]
        Logistic-regression coefficients by feature name.
    token_bias, sentence_bias : float
        Intercepts.
    token_threshold, sentence_threshold : float
        Decision thresholds chosen by cross-validation on the training files.
    token_gate : float
        A token is a model span only in a sentence whose biased-sentence probability
        reaches this gate (chosen with the token threshold by cross-validation).
    token_prior : Mapping[str, (int, int)]
        Word prior of the token scorer: (marked, seen) counts of each word in the crowd
        (MBIC) annotations of the training file (:func:`prior_features`).
    info : Mapping
        Provenance: training files, sizes, cross-validated scores.
    """

    name: str
    version: int
    token_weights: Mapping[str, float]
    token_bias: float
    token_threshold: float
    sentence_weights: Mapping[str, float]
    sentence_bias: float
    sentence_threshold: float
    info: Mapping[str, Any]
    token_gate: float = 0.0
    token_prior: Mapping[str, Sequence[int]] = field(default_factory=dict)
    # the fast token scorer, built on first use (:meth:`token_scores`)
    _scorer: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)
    # what the model file stores parsed for the vectorised scorer ("pairs", "sentence")
    _stored: dict[str, Any] = field(default_factory=dict, compare=False, repr=False)

    @property
    def id(self) -> str:
        """``name@version``."""
        return f"{self.name}@{self.version}"

    def token_scores(
        self,
        words: Sequence[str],
        cats: Sequence[str | None],
        tags: Sequence[str] | None = None,
    ) -> list[float]:
        """Probability that each word is loaded (0 for punctuation).

        ``tags`` are the words' part-of-speech tags; the shipped tagger supplies them when
        they are not given (or empty). The weights are looked up by feature template
        (:class:`_TokenScorer`); :meth:`token_scores_reference` scores the feature strings
        of :func:`token_features` directly and gives the same probabilities (to ~1e-15,
        the sums run in another order).
        """
        if not tags or not any(tags):
            tags = pos_tags(words)
        if len(tags) != len(words):  # the reference's reading of short tag lists
            return self.token_scores_reference(words, cats, tags)
        scorer = self._scorer.get("token")
        if scorer is None:
            scorer = self._scorer["token"] = _TokenScorer(self)
        return scorer.scores(words, cats, tags)

    def token_scores_many(
        self,
        sentences: Sequence[Sequence[str]],
        cats: Sequence[Sequence[str | None]],
        tags: Sequence[Sequence[str] | None] | None = None,
    ) -> list[list[float]]:
        """:meth:`token_scores` of every sentence of an article, in one vectorised pass.

        The token half of :meth:`score_many` (same arguments, same floats).
        """
        return self.score_many(sentences, cats, tags, sentences_too=False)[0]

    def score_many(
        self,
        sentences: Sequence[Sequence[str]],
        cats: Sequence[Sequence[str | None]],
        tags: Sequence[Sequence[str] | None] | None = None,
        *,
        sentences_too: bool = True,
    ) -> tuple[list[list[float]], list[float]]:
        """:meth:`score` of every sentence of an article, in one vectorised pass.

        Parameters
        ----------
        sentences : sequence of sequences of str
            The tokens of each sentence.
        cats : sequence of sequences of (str or None)
            Their lexicon categories (same shape).
        tags : sequence of (sequence of str or None), optional
            Their part-of-speech tags; a sentence without tags is tagged by the shipped
            tagger, as in :meth:`token_scores`.

        sentences_too : bool
            Whether to compute the sentence probabilities (else an empty list).

        Returns
        -------
        (list of list of float, list of float)
            The token probabilities and the sentence probability of every sentence: the
            floats of ``[self.score(w, c, t) for w, c, t in zip(sentences, cats, tags)]``
            (:class:`framing.features._loaded_vectors.LoadedVectorizer`).
        """
        if len(cats) != len(sentences) or (tags is not None and len(tags) != len(sentences)):
            raise ValueError("sentences, cats and tags must have the same length")
        all_tags: list[Sequence[str]] = []
        odd: list[int] = []  # sentences whose tags do not match their words
        for k, words in enumerate(sentences):
            t = tags[k] if tags is not None else None
            if not t or not any(t):
                t = pos_tags(words)
            if len(t) != len(words) or len(cats[k]) != len(words):
                odd.append(k)
                t = [""] * len(words)
            all_tags.append(t)
        vec = self._scorer.get("vector")
        if vec is None:
            from framing.features._loaded_vectors import LoadedVectorizer

            scorer = self._scorer.get("token")
            if scorer is None:
                scorer = self._scorer["token"] = _TokenScorer(self)
            vec = self._scorer["vector"] = LoadedVectorizer(scorer)
        keep = set(odd)
        out, sent = vec.score(
            [s if k not in keep else () for k, s in enumerate(sentences)],
            [c if k not in keep else () for k, c in enumerate(cats)],
            [t if k not in keep else () for k, t in enumerate(all_tags)],
            sentences_too=sentences_too,
        )
        for k in odd:
            out[k] = self.token_scores(sentences[k], cats[k], tags[k] if tags is not None else None)
            if sentences_too:
                sent[k] = self.sentence_score(sentences[k], cats[k], out[k])
        return out, sent

    def token_scores_reference(
        self,
        words: Sequence[str],
        cats: Sequence[str | None],
        tags: Sequence[str] | None = None,
    ) -> list[float]:
        """:meth:`token_scores` computed from the feature strings of :func:`token_features`.

        The direct (slow) computation, as in training; kept for tests and for checking
        the fast path.
        """
        if not tags or not any(tags):
            tags = pos_tags(words)
        w = self.token_weights
        out = []
        for i, word in enumerate(words):
            if not _is_word(word):
                out.append(0.0)
                continue
            seen = self.token_prior.get(_norm(word), (0, 0))
            feats = token_features(words, i, cats, tags, (int(seen[0]), int(seen[1])))
            z = self.token_bias + sum(map(w.get, feats, repeat(0.0)))
            out.append(_sigmoid(z))
        return out

    def sentence_score(
        self, words: Sequence[str], cats: Sequence[str | None], probs: Sequence[float]
    ) -> float:
        """Probability that the sentence is biased.

        The terms of :meth:`sentence_score_reference`, looked up without building the
        feature strings of the words and summed in the same order: the same float.
        """
        tables = self._scorer.get("sentence")
        if tables is None:
            tables = self._scorer["sentence"] = _sentence_tables(self.sentence_weights)
        unigram, bigram = tables
        w = self.sentence_weights
        low = [_norm(x) for x in words if _is_word(x)]
        scale = 1.0 / math.sqrt(max(len(low), 1))
        total = 0.0  # the terms in the order sentence_features inserts its keys
        for word in dict.fromkeys(low):
            total += unigram.get(word, 0.0) * scale
        for pair in dict.fromkeys(f"{a}|{b}" for a, b in pairwise(low)):
            total += bigram.get(pair, 0.0) * scale
        counts: dict[str, float] = {}
        for c in cats:
            if c:
                counts[c] = counts.get(c, 0.0) + 1.0
        for c, n in counts.items():
            total += w.get(f"cat={c}", 0.0) * n
        for name, value in _sentence_summary(words, probs, len(low)):
            total += w.get(name, 0.0) * value
        return _sigmoid(self.sentence_bias + total)

    def sentence_score_reference(
        self, words: Sequence[str], cats: Sequence[str | None], probs: Sequence[float]
    ) -> float:
        """:meth:`sentence_score` from the feature dict of :func:`sentence_features`."""
        w = self.sentence_weights
        feats = sentence_features(words, cats, probs)
        return _sigmoid(self.sentence_bias + sum(w.get(k, 0.0) * v for k, v in feats.items()))

    def score(
        self,
        words: Sequence[str],
        cats: Sequence[str | None],
        tags: Sequence[str] | None = None,
    ) -> tuple[list[float], float]:
        """Token probabilities and the sentence's biased probability."""
        probs = self.token_scores(words, cats, tags)
        return probs, self.sentence_score(words, cats, probs)

    def flags(
        self,
        words: Sequence[str],
        cats: Sequence[str | None],
        threshold: float | None = None,
        tags: Sequence[str] | None = None,
    ) -> tuple[list[float], list[bool]]:
        """Token probabilities and which tokens are loaded (threshold and sentence gate)."""
        probs, sent_p = self.score(words, cats, tags)
        t = self.token_threshold if threshold is None else threshold
        gate_open = sent_p >= self.token_gate
        return probs, [gate_open and p >= t for p in probs]

    def to_json(self) -> dict[str, Any]:
        """The JSON form stored in ``framing/models``.

        Token weights are stored by template (``"tables"``, see :class:`TemplateWeights`),
        and the pair templates of the token scorer and the word / pair features of the
        sentence classifier also parsed into value ids with their weights (``"pairs"``,
        ``"parsed"``; :func:`framing.features._loaded_vectors.parsed_weights`), so that
        loading does not parse the names. The weights are the model's floats, unchanged.
        """
        from framing.features._loaded_vectors import parsed_weights

        tables, other = _template_tables(self.token_weights)
        token: dict[str, Any] = {
            "bias": self.token_bias,
            "threshold": self.token_threshold,
            "gate": self.token_gate,
            "tables": tables,
            "pairs": parsed_weights(self.token_weights, "token"),
            "prior": {k: list(v) for k, v in self.token_prior.items()},
        }
        if other:
            token["other"] = other
        return {
            "name": self.name,
            "version": self.version,
            "token": token,
            "sentence": {
                "bias": self.sentence_bias,
                "threshold": self.sentence_threshold,
                "weights": dict(self.sentence_weights),
                "parsed": parsed_weights(self.sentence_weights, "sentence"),
            },
            "info": dict(self.info),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> LoadedModel:
        """Build the model from its JSON form (token ``"tables"`` or, before
        ``scripts/convert_models.py``, token ``"weights"`` by name)."""
        tok, sent = raw["token"], raw["sentence"]
        if "tables" in tok:
            token_weights: Mapping[str, float] = TemplateWeights(tok["tables"], tok.get("other"))
        else:
            token_weights = tok["weights"]
        stored = {"pairs": tok.get("pairs"), "sentence": sent.get("parsed")}
        for key, parsed in stored.items():  # numpy arrays, not lists every collection traverses
            if isinstance(parsed, dict) and isinstance(parsed.get("groups"), list):
                parsed = stored[key] = dict(parsed)  # (the caller's JSON is left as it is)
                parsed["groups"] = [
                    [_array(v, "int64") for v in group] if isinstance(group, list) else group
                    for group in parsed["groups"]
                ]
                if "weights" in parsed:
                    parsed["weights"] = _array(parsed["weights"], "float64")
        return cls(
            name=raw["name"],
            version=int(raw["version"]),
            token_weights=token_weights,
            token_bias=float(tok["bias"]),
            token_threshold=float(tok["threshold"]),
            token_gate=float(tok.get("gate", 0.0)),
            sentence_weights=sent["weights"],
            sentence_bias=float(sent["bias"]),
            sentence_threshold=float(sent["threshold"]),
            token_prior={k: (int(v[0]), int(v[1])) for k, v in tok.get("prior", {}).items()},
            info=raw.get("info", {}),
            _stored={k: v for k, v in stored.items() if v is not None},
        )


_ZEROS = repeat(0.0)


class _TokenScorer:
    """The token scorer's weights split by feature template, for scoring without strings.

    ``token_features`` names a feature ``template=value`` (``w-1=iran``, ``pos,w=NN|claim``);
    a template never contains ``=``, so splitting each weight's name at its first ``=``
    gives one ``value -> weight`` table per template, looked up with the value alone.
    What depends on the token alone (word, affixes, shape, length, valence, character
    n-grams, word prior) is summed once per distinct token and kept; what a word adds as
    a neighbour (``w-1``, ``w+1``, ``w-2``, ``w+2``, ``vad-1``, ``vad+1``) once per
    distinct normalised word. The sum of the same weights as
    :meth:`LoadedModel.token_scores_reference`, in another order.
    """

    _MAX_KEPT = 1 << 16  # distinct words kept before the tables are cleared

    def __init__(self, model: LoadedModel) -> None:
        stored = getattr(model.token_weights, "tables", None)
        if stored is not None:  # the file's layout: the tables as they are (float weights)
            tables: dict[str, dict[str, float]] = dict(stored)
        else:
            tables = {}
            for name, weight in model.token_weights.items():
                template, _, value = name.partition("=")
                tables.setdefault(template, {})[value] = float(weight)
        self.tables = tables
        self.model = model
        self.bias = float(model.token_bias)
        t = self._table
        self.w, self.p3, self.s2, self.s3 = t("w"), t("p3"), t("s2"), t("s3")
        self.s4, self.shape, self.len, self.vad = t("s4"), t("shape"), t("len"), t("vad")
        self.mb, self.mbn = t("mb"), t("mbn")
        self.grams = ((3, t("c3")), (4, t("c4")), (5, t("c5")))
        self.bigram_l, self.bigram_r = t("w-1,w"), t("w,w+1")
        self.lex, self.lex_1 = t("lex"), t("lex-1")
        self.lex_none = self.lex.get("None", 0.0)
        self.relpos = [t("relpos").get(str(k), 0.0) for k in range(5)]
        self.pos, self.pos_l, self.pos_r = t("pos"), t("pos-1,pos"), t("pos,pos+1")
        self.pos_w, self.pos_1, self.pos1 = t("pos,w"), t("pos-1"), t("pos+1")
        self.pos_2, self.pos2 = t("pos-2"), t("pos+2")
        self._tag_parts: dict[str, tuple[float, float, float, float, float]] = {}
        self._nb_tables: tuple[dict[str, float], ...] | None = None
        self.start = self._neighbour("<s>")
        self.end = self._neighbour("</s>")
        self._own: dict[str, float | None] = {}
        self._as_neighbour: dict[str, tuple[float, float, float, float]] = {}

    def _table(self, template: str) -> dict[str, float]:
        return self.tables.get(template, {})

    def _own_sum(self, word: str) -> float | None:
        """The weights of the features that depend on the token alone (:func:`_word_features`
        and :func:`prior_features`), or None for a token that is not a word."""
        if not _is_word(word):
            return None
        w = _norm(word)
        padded = f"<{w}>"
        marked, seen = self.model.token_prior.get(w, (0, 0))
        rate = (int(marked) + 0.1) / (int(seen) + 1)
        z = (
            self.w.get(w, 0.0)
            + self.p3.get(w[:3], 0.0)
            + self.s2.get(w[-2:], 0.0)
            + self.s3.get(w[-3:], 0.0)
            + self.s4.get(w[-4:], 0.0)
            + self.shape.get(_shape(word), 0.0)
            + self.len.get(str(min(len(w), 12)), 0.0)
            + self.vad.get(_valence_bucket(w), 0.0)
            + self.mb.get(str(min(int(rate * 10), 9)), 0.0)
            + self.mbn.get(str(min(int(marked), 5)), 0.0)
        )
        for n, grams in self.grams:  # sum() of the same terms in the same order
            keys = [padded[k : k + n] for k in range(len(padded) - n + 1)]
            z += sum(map(grams.get, keys, _ZEROS))
        return z

    def _own_sums(self, words: Sequence[str]) -> list[float | None]:
        """:meth:`_own_sum` of many tokens at once: the same floats.

        The weights are looked up template by template for all tokens, then added in
        :meth:`_own_sum`'s order, element-wise (numpy); each token's character n-gram
        weights are summed left to right by ``sum``, as in :meth:`_own_sum`.
        """
        import numpy as np

        at = [k for k, word in enumerate(words) if _is_word(word)]
        out: list[float | None] = [None] * len(words)
        if not at:
            return out
        raw = [words[k] for k in at]
        low = list(map(_norm, raw))
        m = len(low)
        prior = self.model.token_prior
        marks = [prior.get(w, (0, 0)) for w in low]
        rates = [(int(a) + 0.1) / (int(b) + 1) for a, b in marks]

        def look(table: Mapping[str, float], keys: Iterable[str]) -> np.ndarray:
            return np.fromiter(map(table.get, keys, _ZEROS), dtype=np.float64, count=m)

        z = look(self.w, low) + look(self.p3, [w[:3] for w in low])
        z += look(self.s2, [w[-2:] for w in low])
        z += look(self.s3, [w[-3:] for w in low])
        z += look(self.s4, [w[-4:] for w in low])
        z += look(self.shape, map(_shape, raw))
        z += look(self.len, [str(min(len(w), 12)) for w in low])
        z += look(self.vad, map(_valence_bucket, low))
        z += look(self.mb, [str(min(int(r * 10), 9)) for r in rates])
        z += look(self.mbn, [str(min(int(a), 5)) for a, _ in marks])
        padded = [f"<{w}>" for w in low]
        for n, grams in self.grams:
            # each token's weights summed by ``sum`` (a few dozen new tokens per article:
            # cheaper than a zero-padded grid summed by numpy.add.accumulate)
            keys = [p[k : k + n] for p in padded for k in range(len(p) - n + 1)]
            vals = list(map(grams.get, keys, _ZEROS))
            ends = list(accumulate([max(len(p) - n + 1, 0) for p in padded]))
            z += np.array(list(map(sum, map(vals.__getitem__, map(slice, [0, *ends], ends)))))
        zs = z.tolist()
        for k, v in zip(at, zs, strict=True):
            out[k] = v
        return out

    def _neighbour(self, w: str) -> tuple[float, float, float, float]:
        """What normalised word ``w`` adds as left / right neighbour at distance 1 and 2."""
        t = self._nb_tables
        if t is None:
            t = self._nb_tables = tuple(
                map(self._table, ("w-1", "vad-1", "w+1", "vad+1", "w-2", "w+2"))
            )
        bucket = _valence_bucket(w)
        return (
            t[0].get(w, 0.0) + t[1].get(bucket, 0.0),
            t[2].get(w, 0.0) + t[3].get(bucket, 0.0),
            t[4].get(w, 0.0),
            t[5].get(w, 0.0),
        )

    def _tag_part(self, tag: str) -> tuple[float, float, float, float, float]:
        """What a tag adds as the token's own (``pos``) and as neighbour at -2 .. +2."""
        part = self._tag_parts.get(tag)
        if part is None:
            part = self._tag_parts[tag] = (
                self.pos.get(tag, 0.0),
                self.pos_1.get(tag, 0.0),
                self.pos1.get(tag, 0.0),
                self.pos_2.get(tag, 0.0),
                self.pos2.get(tag, 0.0),
            )
        return part

    def scores(
        self, words: Sequence[str], cats: Sequence[str | None], tags: Sequence[str]
    ) -> list[float]:
        """Probability that each word is loaded (0 for punctuation)."""
        own, around = self._own, self._as_neighbour
        if len(own) > self._MAX_KEPT:
            own.clear()
        if len(around) > self._MAX_KEPT:
            around.clear()
        n = len(words)
        low = [_norm(w) for w in words]
        nb = [self.start, self.start]
        for w in low:
            v = around.get(w)
            if v is None:
                v = around[w] = self._neighbour(w)
            nb.append(v)
        nb += (self.end, self.end)  # nb[i + 2] is token i's
        padded_low = ["<s>", *low, "</s>"]  # padded_low[i + 1] is token i's
        tagged = bool(tags)
        if tagged:
            padded_tags = ["<s>", "<s>", *tags, "</s>", "</s>"]
            parts = [self._tag_part(tag) for tag in padded_tags]
        bigram_l, bigram_r = self.bigram_l, self.bigram_r
        pos_l, pos_r, pos_w = self.pos_l, self.pos_r, self.pos_w
        lex, lex_1, lex_none, relpos = self.lex, self.lex_1, self.lex_none, self.relpos
        bias, n_rel = self.bias, max(n, 1)
        out: list[float] = []
        for i, word in enumerate(words):
            z = own.get(word, 0.0)
            if z == 0.0 and word not in own:
                z = own[word] = self._own_sum(word)
            if z is None:  # not a word
                out.append(0.0)
                continue
            w, prev, nxt = padded_low[i + 1], padded_low[i], padded_low[i + 2]
            z += nb[i + 1][0] + nb[i + 3][1] + nb[i][2] + nb[i + 4][3]
            z += bigram_l.get(f"{prev}|{w}", 0.0) + bigram_r.get(f"{w}|{nxt}", 0.0)
            cat = cats[i]
            z += lex_none if cat is None else lex.get(f"{cat}", 0.0)
            if i > 0 and cats[i - 1]:
                z += lex_1.get(f"{cats[i - 1]}", 0.0)
            if tagged:
                tag, tp, tn = padded_tags[i + 2], padded_tags[i + 1], padded_tags[i + 3]
                z += (
                    parts[i + 2][0]
                    + parts[i + 1][1]
                    + parts[i + 3][2]
                    + parts[i][3]
                    + parts[i + 4][4]
                    + pos_l.get(f"{tp}|{tag}", 0.0)
                    + pos_r.get(f"{tag}|{tn}", 0.0)
                    + pos_w.get(f"{tag}|{w}", 0.0)
                )
            z += relpos[min(int(5 * i / n_rel), 4)]
            out.append(_sigmoid(bias + z))
        return out


@cache
def load_loaded_model(file: str = MODEL_FILE) -> LoadedModel:
    """Load the shipped loaded-language model.

    Raises
    ------
    ModelNotFoundError
        If the model file is not installed.
    """
    from framing.features._cue_vectors import _gc_paused

    with _gc_paused():  # reading allocates ~10^6 objects: no full collections meanwhile
        raw = load_model_json(
            file,
            what="The loaded-language model",
            train_command="python scripts/train_loaded_model.py --babe ../shared/data/babe",
        )
        return LoadedModel.from_json(raw)


# --- helpers shared with training and scoring ---------------------------------------------
def _tokenize(sentence: str) -> list[str]:
    from framing.text import word_spans

    return [sentence[s:e] for s, e in word_spans(sentence)]


def _biased_tokens(biased_words: Iterable[str]) -> set[str]:
    out = set()
    for phrase in biased_words:
        out.update(_norm(m.group()) for m in RE_TOKEN.finditer(str(phrase)))
    return out
