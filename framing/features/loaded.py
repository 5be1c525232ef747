"""Loaded language: words and phrases that carry the writer's judgement, with evidence.

Three sources of spans, each named in the span's ``rule`` and ``attrs["source"]``:

* ``lexicon``: the project's own categorised lexicon ``loaded.en`` (secrecy, delegitimising,
  hostility, violence/threat, intensifier, label, emotive verb of saying), matched as
  multiword expressions over the document's tokens, longest match first, with an intensity
  ``weight`` per entry (``rule="lexicon:loaded.en@1:<term>"``).
* ``rule``: scare quotes, a short quotation used as a label ("rejected the “false reports”",
  "a ‘maximum pressure’ strategy") (``rule="rule:scare_quote"``).
* ``model``: a token scorer trained on BABE's word-level ``biased_words`` (logistic
  regression over hand-crafted features, stored as JSON) that finds loaded words outside
  the lexicon (``rule="model:loaded-babe@1"``, category ``"learned"``, ``score`` set).

The same shipped model holds a sentence classifier (is this sentence biased?) whose
features are the lexicon hits by category, the token scores and the sentence's words;
:meth:`LoadedLanguageFeatures.sentence_scores` exposes it. Training lives in
:func:`train_loaded_model` (run by ``scripts/train_loaded_model.py``). See
``docs/loaded-language.md``.
"""

from __future__ import annotations

import gzip
import json
import math
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise
from typing import Any

from framing.errors import ModelNotFoundError
from framing.features.base import SpanExtractor, rate_metrics, word_count
from framing.lexicons import LexiconEntry, load_lexicon
from framing.models import model_path
from framing.patterns import RE_SCARE_QUOTE_CUE, RE_TOKEN
from framing.text import VoiceMap
from framing.types import Document, Span, Token

__all__ = [
    "LEXICON_CATEGORIES",
    "LoadedLanguageFeatures",
    "LoadedModel",
    "load_loaded_model",
    "match_lexicon",
    "train_loaded_model",
]

LEXICON = "loaded.en"
MODEL_FILE = "loaded-babe.en.v1.json.gz"
#: Categories of the lexicon, in report order.
LEXICON_CATEGORIES = (
    "secrecy",
    "delegitimising",
    "hostility",
    "violence_threat",
    "intensifier",
    "label",
    "emotive_saying",
)
SCARE_QUOTE = "scare_quote"
LEARNED = "learned"
_MAX_SCARE_WORDS = 4
_CUE_WINDOW = 40


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _is_word(word: str) -> bool:
    return any(c.isalnum() for c in word)


# --- lexicon matching ------------------------------------------------------------------
@dataclass(frozen=True, slots=True)
class _Pattern:
    words: tuple[str, ...]
    entry: LexiconEntry


@cache
def _patterns(name: str) -> dict[str, tuple[_Pattern, ...]]:
    """Index the lexicon's terms and forms by first word, longest first."""
    index: dict[str, list[_Pattern]] = {}
    for entry in load_lexicon(name):
        forms = [entry.term, *(f for f in entry.get("forms").split("|") if f.strip())]
        for form in forms:
            words = tuple(_norm(m.group()) for m in RE_TOKEN.finditer(form))
            if words:
                index.setdefault(words[0], []).append(_Pattern(words, entry))
    return {k: tuple(sorted(v, key=lambda p: -len(p.words))) for k, v in index.items()}


def match_lexicon(
    words: Sequence[str], *, lexicon: str = LEXICON
) -> list[tuple[int, int, LexiconEntry]]:
    """Match the lexicon over a word sequence: longest matches first, no overlaps.

    Parameters
    ----------
    words : sequence of str
        The tokens of one sentence, as written.
    lexicon : str
        Lexicon name.

    Returns
    -------
    list of (int, int, LexiconEntry)
        Half-open token ranges and the entry that matched.

    Examples
    --------
    >>> [(i, j, e.category) for i, j, e in match_lexicon("a clandestine meeting".split())]
    [(1, 3, 'secrecy')]
    """
    index = _patterns(lexicon)
    low = [_norm(w) for w in words]
    found: list[tuple[int, int, LexiconEntry]] = []
    for i, w in enumerate(low):
        for pat in index.get(w, ()):  # longest first: keep the longest match at i
            n = len(pat.words)
            if tuple(low[i : i + n]) == pat.words:
                found.append((i, i + n, pat.entry))
                break
    # longest matches win over overlapping shorter ones ("in secret discussions" is
    # "secret discussions", not "in secret"); then the higher weight, then the leftmost
    taken = [False] * len(low)
    out: list[tuple[int, int, LexiconEntry]] = []
    for i, j, entry in sorted(found, key=lambda m: (m[0] - m[1], -m[2].weight, m[0])):
        if not any(taken[i:j]):
            taken[i:j] = [True] * (j - i)
            out.append((i, j, entry))
    return sorted(out, key=lambda m: m[0])


def _token_categories(words: Sequence[str], lexicon: str) -> list[str | None]:
    cats: list[str | None] = [None] * len(words)
    for i, j, entry in match_lexicon(words, lexicon=lexicon):
        for k in range(i, j):
            cats[k] = entry.category
    return cats


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


def token_features(
    words: Sequence[str], i: int, cats: Sequence[str | None], tags: Sequence[str] = ()
) -> list[str]:
    """Binary features of token ``i``: the word, affixes, shape, neighbours, lexicon category.

    Also the VADER valence of the word and of its neighbours, bucketed (``vad=-2``), and
    the part-of-speech tags of the word and its neighbours when ``tags`` are given.
    """
    w = _norm(words[i])
    prev = _norm(words[i - 1]) if i > 0 else "<s>"
    nxt = _norm(words[i + 1]) if i + 1 < len(words) else "</s>"
    feats = [
        f"w={w}",
        f"p3={w[:3]}",
        f"s2={w[-2:]}",
        f"s3={w[-3:]}",
        f"s4={w[-4:]}",
        f"shape={_shape(words[i])}",
        f"w-1={prev}",
        f"w+1={nxt}",
        f"w-1,w={prev}|{w}",
        f"w,w+1={w}|{nxt}",
        f"lex={cats[i]}",
        f"len={min(len(w), 12)}",
        f"vad={_valence_bucket(w)}",
        f"vad-1={_valence_bucket(prev)}",
        f"vad+1={_valence_bucket(nxt)}",
    ]
    padded = f"<{w}>"
    for n in (3, 4, 5):
        feats.extend(f"c{n}={padded[k : k + n]}" for k in range(len(padded) - n + 1))
    if i > 0 and cats[i - 1]:
        feats.append(f"lex-1={cats[i - 1]}")
    if tags:
        feats.append(f"pos={tags[i]}")
        feats.append(f"pos-1,pos={tags[i - 1] if i > 0 else '<s>'}|{tags[i]}")
        feats.append(f"pos,pos+1={tags[i]}|{tags[i + 1] if i + 1 < len(tags) else '</s>'}")
        feats.append(f"pos,w={tags[i]}|{w}")
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
            feats = token_features(words, i, cats, tags)
            z = self.token_bias + sum(w.get(f, 0.0) for f in feats)
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
    path = model_path(file)
    if not path.is_file():
        raise ModelNotFoundError(
            f"The loaded-language model {file!r} is missing from framing/models. Reinstall "
            "framing-toolkit, or train it from a source checkout with: "
            "python scripts/train_loaded_model.py --babe ../shared/data/babe"
        )
    with path.open("rb") as fh:
        return LoadedModel.from_json(json.loads(gzip.decompress(fh.read()).decode("utf-8")))


# --- the extractor ---------------------------------------------------------------------
class LoadedLanguageFeatures(SpanExtractor):
    """Loaded-language spans from the lexicon, scare quotes and the learned token scorer.

    Parameters
    ----------
    lexicon : str
        Name of the loaded-language lexicon.
    min_weight : float
        Lexicon entries with a lower intensity weight are not reported.
    scare_quotes : bool
        Whether to report scare quotes.
    model : bool
        Whether to run the learned token scorer (``source="model"`` spans).
    model_threshold : float, optional
        Token score needed for a model span; by default the threshold stored in the model.

    Examples
    --------
    >>> from framing.types import Article
    >>> art = Article(id="x", outlet="X", text="Iran rejected the “false reports” of a clandestine meeting.")
    >>> [(s.text, s.category, s.voice) for s in LoadedLanguageFeatures(model=False).spans(art)]
    [('“false reports”', 'scare_quote', 'narrator'), ('false reports', 'delegitimising', 'quoted'), ('clandestine meeting', 'secrecy', 'narrator')]
    """  # noqa: E501

    feature = "loaded"
    prefix = "loaded"

    def __init__(
        self,
        *,
        lexicon: str = LEXICON,
        min_weight: float = 0.0,
        scare_quotes: bool = True,
        model: bool = True,
        model_threshold: float | None = None,
    ) -> None:
        self.lexicon = lexicon
        self.min_weight = min_weight
        self.scare_quotes = scare_quotes
        self.model = model
        self.model_threshold = model_threshold

    def _load(self) -> dict[str, Any]:
        lex = load_lexicon(self.lexicon)
        _patterns(self.lexicon)
        model = load_loaded_model() if self.model else None
        return {"lexicon_": lex, "model_": model}

    def categories(self) -> list[str]:
        """Lexicon categories, then ``scare_quote`` and ``learned``."""
        return [*LEXICON_CATEGORIES, SCARE_QUOTE, LEARNED]

    def versions(self) -> dict[str, str]:
        """The lexicon and model versions used."""
        self._ensure_fitted()
        out = {self.lexicon_.name: self.lexicon_.id}
        if self.model_ is not None:
            out[self.model_.name] = self.model_.id
        return out

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        """Return lexicon, scare-quote and model spans of ``doc``."""
        text = doc.text
        lex_rule = f"lexicon:{self.lexicon_.id}:"
        spans: list[Span] = []
        for sent in doc.sentences:
            toks = doc.tokens_of(sent.index)
            words = [t.text for t in toks]
            covered = [False] * len(toks)
            cats: list[str | None] = [None] * len(toks)
            for i, j, entry in match_lexicon(words, lexicon=self.lexicon):
                for k in range(i, j):
                    cats[k] = entry.category
                if entry.weight < self.min_weight:
                    continue
                start, end = toks[i].start, toks[j - 1].end
                covered[i:j] = [True] * (j - i)
                spans.append(
                    Span(
                        start,
                        end,
                        text[start:end],
                        self.feature,
                        entry.category,
                        voice.voice(start, end),
                        lex_rule + entry.term,
                        attrs={
                            "source": "lexicon",
                            "weight": entry.weight,
                            "term": entry.term,
                            "note": entry.note,
                            "sentence": sent.index,
                        },
                    )
                )
            if self.model_ is not None and toks:
                spans.extend(self._model_spans(doc, sent.index, toks, words, cats, covered, voice))
        if self.scare_quotes:
            spans.extend(self._scare_quotes(doc, voice))
        return spans

    def _model_spans(
        self,
        doc: Document,
        sent_index: int,
        toks: Sequence[Token],
        words: Sequence[str],
        cats: Sequence[str | None],
        covered: Sequence[bool],
        voice: VoiceMap,
    ) -> list[Span]:
        model = self.model_
        tags = [t.pos for t in toks]
        probs, flags = model.flags(words, cats, self.model_threshold, tags)
        out = []
        for k, p in enumerate(probs):
            if not flags[k] or covered[k]:
                continue
            t = toks[k]
            out.append(
                Span(
                    t.start,
                    t.end,
                    t.text,
                    self.feature,
                    LEARNED,
                    voice.voice(t.start, t.end),
                    f"model:{model.id}",
                    score=p,
                    attrs={
                        "source": "model",
                        "weight": round(p, 4),
                        "score": round(p, 4),
                        "sentence": sent_index,
                    },
                )
            )
        return out

    def _scare_quotes(self, doc: Document, voice: VoiceMap) -> list[Span]:
        text = doc.text
        out = []
        for q in doc.quotes:
            inner = [m.group() for m in RE_TOKEN.finditer(q.text[1:-1])]
            n_words = sum(1 for w in inner if _is_word(w))
            if not 1 <= n_words <= _MAX_SCARE_WORDS or any(w in {",", "?", "!"} for w in inner):
                continue
            before = text[max(0, q.start - _CUE_WINDOW) : q.start]
            if "\n" in before:
                before = before[before.rfind("\n") + 1 :]
            if not RE_SCARE_QUOTE_CUE.search(before):
                continue
            end = q.end
            # a closing mark that never came: stop at the last word
            while end > q.start and not text[end - 1].isalnum() and text[end - 1] not in '”’"':
                end -= 1
            v = voice.voice(q.start - 1, q.start) if q.start > 0 else "narrator"
            out.append(
                Span(
                    q.start,
                    end,
                    text[q.start : end],
                    self.feature,
                    SCARE_QUOTE,
                    v,
                    "rule:scare_quote",
                    attrs={"source": "rule", "weight": 0.6, "sentence": doc.sentence_of(q.start)},
                )
            )
        return out

    def sentence_scores(self, item: Any) -> list[float]:
        """Probability that each sentence of ``item`` is biased (the model's classifier).

        Parameters
        ----------
        item : Article or Document

        Returns
        -------
        list of float
            One probability per sentence, in sentence order.
        """
        from framing.features.base import as_document

        self._ensure_fitted()
        model = self.model_ or load_loaded_model()
        doc = as_document(item)
        out = []
        for sent in doc.sentences:
            words = [t.text for t in doc.tokens_of(sent.index)]
            cats = _token_categories(words, self.lexicon)
            out.append(model.sentence_score(words, cats, model.token_scores(words, cats)))
        return out

    def metrics(self, doc: Document, spans: Sequence[Span]) -> dict[str, float]:
        """Rates by category and voice, by source, and the weighted intensity per 100 words.

        Adds ``loaded:{category}:voice:{voice}:per_100_words``,
        ``loaded:source:{source}:count`` and ``loaded:weighted_per_100_words`` to
        :func:`~framing.features.base.rate_metrics`.
        """
        out = rate_metrics(doc, spans, prefix=self.prefix, categories=self.categories())
        words = max(word_count(doc), 1)
        for v in ("narrator", "quoted"):
            mine = [s for s in spans if s.voice == v]
            out[f"{self.prefix}:voice:{v}:per_100_words"] = round(100.0 * len(mine) / words, 4)
            for cat in self.categories():
                n = sum(1 for s in mine if s.category == cat)
                out[f"{self.prefix}:{cat}:voice:{v}:per_100_words"] = round(100.0 * n / words, 4)
        for src in ("lexicon", "rule", "model"):
            n = sum(1 for s in spans if s.attrs.get("source") == src)
            out[f"{self.prefix}:source:{src}:count"] = float(n)
        weighted = sum(float(s.attrs.get("weight", 0.0)) for s in spans)
        out[f"{self.prefix}:weighted_per_100_words"] = round(100.0 * weighted / words, 4)
        return out


# --- training --------------------------------------------------------------------------
def _tokenize(sentence: str) -> list[str]:
    from framing.text import word_spans

    return [sentence[s:e] for s, e in word_spans(sentence)]


def _biased_tokens(biased_words: Iterable[str]) -> set[str]:
    out = set()
    for phrase in biased_words:
        out.update(_norm(m.group()) for m in RE_TOKEN.finditer(str(phrase)))
    return out


def _int32(m: Any) -> Any:
    # liblinear accepts only 32-bit sparse indices; DictVectorizer may give 64-bit ones
    import numpy as np

    m = m.tocsr()
    m.indices = m.indices.astype(np.int32)
    m.indptr = m.indptr.astype(np.int32)
    return m


def _best_threshold(y: Sequence[int], p: Sequence[float], *, macro: bool) -> float:
    from sklearn.metrics import f1_score

    best, best_t = -1.0, 0.5
    for t in [x / 100 for x in range(5, 96)]:
        pred = [int(v >= t) for v in p]
        f = f1_score(y, pred, average="macro" if macro else "binary", zero_division=0)
        if f > best:
            best, best_t = f, t
    return best_t


def _best_gate(tok_p: Any, sent_p: Any, y: Any, lex: Sequence[bool]) -> tuple[float, float]:
    """Token threshold and sentence gate that maximise token F1 of lexicon | model."""
    import numpy as np

    lex_arr = np.asarray(lex, dtype=bool)
    y = np.asarray(y, dtype=bool)
    best, best_tg = -1.0, (0.5, 0.0)
    for t in np.arange(0.05, 0.8, 0.025):
        for g in np.arange(0.0, 0.85, 0.05):
            pred = lex_arr | ((tok_p >= t) & (sent_p >= g))
            tp = int(np.sum(pred & y))
            denom = int(np.sum(pred)) + int(np.sum(y))
            f = 2 * tp / denom if denom else 0.0
            if f > best:
                best, best_tg = f, (round(float(t), 3), round(float(g), 3))
    return best_tg


def train_loaded_model(
    sentences: Sequence[str],
    labels: Sequence[int],
    biased_words: Sequence[Sequence[str]],
    *,
    groups: Sequence[str] | None = None,
    token_rows: Sequence[bool] | None = None,
    token_c: float = 0.3,
    sentence_c: float = 1.0,
    folds: int = 5,
    seed: int = 0,
    lexicon: str = LEXICON,
    info: Mapping[str, Any] | None = None,
) -> LoadedModel:
    """Train the token scorer and the sentence classifier.

    Token labels: a word is loaded when it is one of the sentence's ``biased_words``.
    Token scores fed to the sentence classifier, and both thresholds, come from
    ``folds``-fold cross-validation on the training data only (grouped by ``groups``, so
    two annotations of one sentence stay in one fold).

    Parameters
    ----------
    sentences : sequence of str
    labels : sequence of int
        1 for a biased sentence, 0 otherwise.
    biased_words : sequence of sequence of str
        The annotated biased words of each sentence.
    groups : sequence of str, optional
        Group key per row (e.g. the normalised sentence text).
    token_rows : sequence of bool, optional
        Which rows' ``biased_words`` train the token scorer (default: all). The sentence
        classifier always uses every row.
    token_c, sentence_c : float
        Inverse L2 regularisation strengths.
    folds, seed : int
        Cross-validation folds and random seed.
    lexicon : str
        Lexicon whose categories become features.
    info : Mapping, optional
        Provenance stored with the model.

    Returns
    -------
    LoadedModel
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.model_selection import GroupKFold

    words_all = [_tokenize(s) for s in sentences]
    cats_all = [_token_categories(ws, lexicon) for ws in words_all]
    groups = list(groups) if groups is not None else list(sentences)
    tok_rows, tok_y, tok_sent, tok_lex = [], [], [], []
    for n, (ws, cats, bw) in enumerate(zip(words_all, cats_all, biased_words, strict=True)):
        gold = _biased_tokens(bw)
        tags = pos_tags(ws)
        for i, w in enumerate(ws):
            if _is_word(w):
                tok_rows.append(dict.fromkeys(token_features(ws, i, cats, tags), 1.0))
                tok_y.append(int(_norm(w) in gold))
                tok_sent.append(n)
                tok_lex.append(cats[i] is not None)
    tok_y_arr = np.asarray(tok_y)
    tok_sent_arr = np.asarray(tok_sent)
    vec = DictVectorizer()
    X = _int32(vec.fit_transform(tok_rows))

    def token_lr() -> LogisticRegression:
        return LogisticRegression(C=token_c, max_iter=2000, solver="liblinear")

    gkf = GroupKFold(n_splits=folds)
    sent_groups = np.asarray(groups)
    use_row = np.ones(len(sentences), dtype=bool) if token_rows is None else np.asarray(token_rows)
    use = use_row[tok_sent_arr]
    fold_of = np.zeros(len(sentences), dtype=int)
    for k, (_, te) in enumerate(gkf.split(np.zeros(len(sentences)), groups=sent_groups)):
        fold_of[te] = k
    tok_fold = fold_of[tok_sent_arr]
    oof = np.zeros(len(tok_y))
    for k in range(folds):
        tr, te = (tok_fold != k) & use, tok_fold == k
        oof[te] = token_lr().fit(X[tr], tok_y_arr[tr]).predict_proba(X[te])[:, 1]
    tok_model = token_lr().fit(X[use], tok_y_arr[use])

    probs_by_sent: list[list[float]] = [[] for _ in sentences]
    for p, n in zip(oof, tok_sent, strict=True):
        probs_by_sent[n].append(float(p))
    sent_rows = [
        sentence_features(ws, cats, probs_by_sent[n])
        for n, (ws, cats) in enumerate(zip(words_all, cats_all, strict=True))
    ]
    svec = DictVectorizer()
    S = _int32(svec.fit_transform(sent_rows))
    y = np.asarray(labels)

    def sent_lr() -> LogisticRegression:
        return LogisticRegression(C=sentence_c, max_iter=2000, solver="liblinear")

    soof = np.zeros(len(y))
    for k in range(folds):
        tr, te = fold_of != k, fold_of == k
        soof[te] = sent_lr().fit(S[tr], y[tr]).predict_proba(S[te])[:, 1]
    sentence_threshold = _best_threshold(y.tolist(), soof.tolist(), macro=True)
    sent_model = sent_lr().fit(S, y)
    lex_arr = np.asarray(tok_lex, dtype=bool)
    token_threshold, token_gate = _best_gate(
        oof[use], soof[tok_sent_arr][use], tok_y_arr[use], lex_arr[use]
    )

    def weights(v: DictVectorizer, m: LogisticRegression) -> dict[str, float]:
        names = v.get_feature_names_out()
        return {
            str(k): round(float(c), 5)
            for k, c in zip(names, m.coef_[0], strict=True)
            if abs(c) >= 1e-4
        }

    return LoadedModel(
        name="loaded-babe",
        version=1,
        token_weights=weights(vec, tok_model),
        token_bias=round(float(tok_model.intercept_[0]), 5),
        token_threshold=token_threshold,
        token_gate=token_gate,
        sentence_weights=weights(svec, sent_model),
        sentence_bias=round(float(sent_model.intercept_[0]), 5),
        sentence_threshold=sentence_threshold,
        info=dict(info or {}),
    )
