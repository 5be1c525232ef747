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
  the lexicon (``rule="model:loaded-babe@2"``, category ``"learned"``, ``score`` set).

The same shipped model holds a sentence classifier (is this sentence biased?) whose
features are the lexicon hits by category, the token scores and the sentence's words;
:meth:`LoadedLanguageFeatures.sentence_scores` exposes it. Training lives in
:mod:`framing.features.loaded_model` and :mod:`framing.features.loaded_train`
(:func:`train_loaded_model`, run by ``scripts/train_loaded_model.py``); their public names
are re-exported here. See
``docs/loaded-language.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from framing.features.base import (
    SpanExtractor,
    norm_words,
    rate_metrics,
    sentence_tokens,
    word_count,
)
from framing.features.loaded_model import (
    MODEL_FILE,
    LoadedModel,
    _is_word,
    _norm,
    load_loaded_model,
    pos_tags,
    sentence_features,
    token_features,
)
from framing.features.loaded_train import train_loaded_model
from framing.lexicons import LexiconEntry, load_lexicon
from framing.patterns import RE_SCARE_QUOTE_CUE, RE_TOKEN
from framing.text import VoiceMap
from framing.types import Document, Span, Token

__all__ = [
    "LEXICON_CATEGORIES",
    "MODEL_FILE",
    "LoadedLanguageFeatures",
    "LoadedModel",
    "load_loaded_model",
    "match_lexicon",
    "pos_tags",
    "sentence_features",
    "token_features",
    "train_loaded_model",
]

LEXICON = "loaded.en"
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
    return _match_normalised([_norm(w) for w in words], lexicon)


def _match_normalised(low: Sequence[str], lexicon: str) -> list[tuple[int, int, LexiconEntry]]:
    """:func:`match_lexicon` of words already normalised (``_norm``)."""
    index = _patterns(lexicon)
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
        """Return lexicon, scare-quote and model spans of ``doc``.

        The spans of each sentence (lexicon, then model) in sentence order, then the scare
        quotes. The model scores the tokens of all sentences in one vectorised pass
        (:meth:`LoadedModel.token_scores_many`).
        """
        text = doc.text
        lex_rule = f"lexicon:{self.lexicon_.id}:"
        per_sentence: list[tuple[int, tuple[Token, ...], list[str], list, list, list]] = []
        for sent, toks, low in zip(
            doc.sentences, sentence_tokens(doc), norm_words(doc), strict=True
        ):
            words = [t.text for t in toks]
            covered = [False] * len(toks)
            cats: list[str | None] = [None] * len(toks)
            spans: list[Span] = []
            for i, j, entry in _match_normalised(low, self.lexicon):
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
            per_sentence.append((sent.index, toks, words, cats, covered, spans))
        scored = [p for p in per_sentence if p[1]] if self.model_ is not None else []
        probs, biased = (
            self.model_.score_many(
                [p[2] for p in scored],
                [p[3] for p in scored],
                [[t.pos for t in p[1]] for p in scored],
            )
            if scored
            else ([], [])
        )
        model_spans = {
            p[0]: self._model_spans(p[0], p[1], p[4], voice, pr, sp)
            for p, pr, sp in zip(scored, probs, biased, strict=True)
        }
        out: list[Span] = []
        for index, _, _, _, _, spans in per_sentence:
            out.extend(spans)
            out.extend(model_spans.get(index, ()))
        if self.scare_quotes:
            out.extend(self._scare_quotes(doc, voice))
        return out

    def _model_spans(
        self,
        sent_index: int,
        toks: Sequence[Token],
        covered: Sequence[bool],
        voice: VoiceMap,
        probs: Sequence[float],
        biased: float,
    ) -> list[Span]:
        """Model spans of one sentence: tokens over the threshold, the sentence gate open."""
        model = self.model_
        if biased < model.token_gate:  # the sentence gate of LoadedModel.flags
            return []
        t_min = model.token_threshold if self.model_threshold is None else self.model_threshold
        out = []
        for k, p in enumerate(probs):
            if p < t_min or covered[k]:
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
            # the tokens of the quotation, read only until it has too many words to be one
            inner: list[str] = []
            n_words = 0
            for m in RE_TOKEN.finditer(q.text[1:-1]):
                w = m.group()
                inner.append(w)
                if _is_word(w):
                    n_words += 1
                    if n_words > _MAX_SCARE_WORDS:
                        break
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
