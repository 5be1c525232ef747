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
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache, lru_cache
from itertools import pairwise, repeat
from typing import Any

from framing.errors import ModelNotFoundError
from framing.models import load_model_json
from framing.patterns import RE_TOKEN

__all__ = [
    "MODEL_FILE",
    "LoadedModel",
    "load_loaded_model",
    "pos_tags",
    "sentence_features",
    "token_features",
]

MODEL_FILE = "loaded-babe.en.v2.json.gz"
_LEXICON = "loaded.en"


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_word(word: str) -> bool:
    return any(c.isalnum() for c in word)


# --- the learned model -----------------------------------------------------------------
def _shape(word: str) -> str:
    if word.isupper() and len(word) > 1:
        return "UPPER"
    if word[:1].isupper():
        return "Cap"
    if "-" in word:
        return "hyph"
    if any(c.isdigit() for c in word):
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
    ranked = sorted(probs, reverse=True)
    feats["tok_max"] = ranked[0] if ranked else 0.0
    feats["tok_top3"] = sum(ranked[:3]) / 3.0 if ranked else 0.0
    feats["tok_n50"] = float(sum(p >= 0.5 for p in ranked))
    feats["quote"] = float(any(w in {'"', "“", "”"} for w in words))
    feats["len"] = min(len(low), 60) / 60.0
    return feats


def _sigmoid(x: float) -> float:
    return 1.0 / (1.0 + math.exp(-x)) if x >= 0 else math.exp(x) / (1.0 + math.exp(x))


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
        they are not given (or empty).
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
        """Probability that the sentence is biased."""
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
        """The JSON form stored in ``framing/models``."""
        return {
            "name": self.name,
            "version": self.version,
            "token": {
                "bias": self.token_bias,
                "threshold": self.token_threshold,
                "gate": self.token_gate,
                "weights": dict(self.token_weights),
                "prior": {k: list(v) for k, v in self.token_prior.items()},
            },
            "sentence": {
                "bias": self.sentence_bias,
                "threshold": self.sentence_threshold,
                "weights": dict(self.sentence_weights),
            },
            "info": dict(self.info),
        }

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> LoadedModel:
        """Build the model from its JSON form."""
        tok, sent = raw["token"], raw["sentence"]
        return cls(
            name=raw["name"],
            version=int(raw["version"]),
            token_weights=tok["weights"],
            token_bias=float(tok["bias"]),
            token_threshold=float(tok["threshold"]),
            token_gate=float(tok.get("gate", 0.0)),
            sentence_weights=sent["weights"],
            sentence_bias=float(sent["bias"]),
            sentence_threshold=float(sent["threshold"]),
            token_prior={k: (int(v[0]), int(v[1])) for k, v in tok.get("prior", {}).items()},
            info=raw.get("info", {}),
        )


@cache
def load_loaded_model(file: str = MODEL_FILE) -> LoadedModel:
    """Load the shipped loaded-language model.

    Raises
    ------
    ModelNotFoundError
        If the model file is not installed.
    """
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
