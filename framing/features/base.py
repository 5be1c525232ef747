"""The common shape of feature extractors: spans first, counts derived from spans.

Every extractor is a scikit-learn transformer (``fit`` / ``transform`` /
``get_feature_names_out``, so ``set_output(transform="pandas")``, ``clone`` and
``Pipeline`` work) and also answers ``spans(doc)`` so every number traces back to text.
Subclasses implement :meth:`SpanExtractor.find_spans` and declare ``feature`` (the span
family) and ``prefix`` (the namespace of the output columns).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from typing import Any, ClassVar

import numpy as np
from sklearn.base import BaseEstimator, TransformerMixin
from sklearn.utils.validation import check_is_fitted

from framing.text import VoiceMap, process
from framing.types import Article, Document, Span

__all__ = ["SpanExtractor", "as_document", "rate_metrics", "word_count"]


def as_document(item: Article | Document) -> Document:
    """Return ``item`` as a :class:`Document`, processing an :class:`Article` if needed."""
    if isinstance(item, Document):
        return item
    if isinstance(item, Article):
        return process(item)
    raise TypeError(
        f"Expected an Article or a Document; got {type(item).__name__}. "
        "Load articles with framing.load()."
    )


_last_word_count: tuple[Document | None, int] = (None, 0)


def word_count(doc: Document) -> int:
    """Number of word tokens (tokens with a letter or digit) in ``doc``.

    The count of the last document asked about is kept: every extractor's metrics need it.
    """
    global _last_word_count
    last_doc, last_n = _last_word_count
    if last_doc is doc:
        return last_n
    n = sum(1 for t in doc.tokens if any(c.isalnum() for c in t.text))
    _last_word_count = (doc, n)
    return n


def rate_metrics(
    doc: Document, spans: Sequence[Span], *, prefix: str, categories: Iterable[str] = ()
) -> dict[str, float]:
    """Counts and rates derived from spans.

    Returns ``{prefix}:count``, ``{prefix}:per_100_words``, ``{prefix}:per_sentence``,
    ``{prefix}:sentence_share`` (share of sentences with at least one span), and per
    category and per voice ``{prefix}:{category}:count`` / ``:per_100_words`` and
    ``{prefix}:voice:{voice}:count``.
    """
    words = max(word_count(doc), 1)
    n_sent = max(len(doc.sentences), 1)
    out: dict[str, float] = {
        f"{prefix}:count": float(len(spans)),
        f"{prefix}:per_100_words": round(100.0 * len(spans) / words, 4),
        f"{prefix}:per_sentence": round(len(spans) / n_sent, 4),
    }
    with_span = {doc.sentence_of(s.start) for s in spans}
    out[f"{prefix}:sentence_share"] = round(len(with_span) / n_sent, 4)
    by_cat = Counter(s.category for s in spans)
    for cat in dict.fromkeys([*categories, *sorted(by_cat)]):
        out[f"{prefix}:{cat}:count"] = float(by_cat.get(cat, 0))
        out[f"{prefix}:{cat}:per_100_words"] = round(100.0 * by_cat.get(cat, 0) / words, 4)
    by_voice = Counter(s.voice for s in spans)
    for v in ("narrator", "quoted"):
        out[f"{prefix}:voice:{v}:count"] = float(by_voice.get(v, 0))
    return out


class SpanExtractor(TransformerMixin, BaseEstimator):
    """Base class: a feature that emits spans, with sklearn access to per-100-word rates.

    Subclasses set the class attributes ``feature`` and ``prefix``, implement
    :meth:`_load` (return the fitted resources as a dict of attributes ending in ``_``) and
    :meth:`find_spans`.
    """

    feature: ClassVar[str] = ""
    prefix: ClassVar[str] = ""

    # --- to implement --------------------------------------------------------------
    def _load(self) -> dict[str, Any]:  # pragma: no cover - abstract
        raise NotImplementedError

    def categories(self) -> list[str]:
        """The categories this extractor can emit, in a stable order."""
        raise NotImplementedError  # pragma: no cover - abstract

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        """Return the spans found in ``doc`` (``voice`` decides narrator vs quoted)."""
        raise NotImplementedError  # pragma: no cover - abstract

    def versions(self) -> dict[str, str]:
        """Versions of the lexicons and models this extractor used (``name -> name@v``)."""
        return {}

    # --- sklearn API -----------------------------------------------------------------
    def fit(self, X: Iterable[Article | Document] | None = None, y: Any = None) -> SpanExtractor:
        """Load the lexicons / models into fitted attributes. ``X`` and ``y`` are ignored."""
        for key, value in self._load().items():
            setattr(self, key, value)
        self.n_features_in_ = 1
        return self

    def _ensure_fitted(self) -> None:
        try:
            check_is_fitted(self)
        except Exception:  # NotFittedError: fit lazily, loading is deterministic
            self.fit()

    def spans(self, item: Article | Document, *, voice: VoiceMap | None = None) -> list[Span]:
        """Spans of this feature in one article, sorted by offset.

        Parameters
        ----------
        item : Article or Document
        voice : VoiceMap, optional
            Quoted regions (quotations and attributed contents); by default the
            quotations of the document.
        """
        self._ensure_fitted()
        doc = as_document(item)
        vm = voice if voice is not None else VoiceMap.build(doc.quotes)
        spans = self.find_spans(doc, vm)
        for s in spans:
            s.check(doc.text)
        return sorted(spans, key=lambda s: (s.start, s.end))

    def metrics(self, doc: Document, spans: Sequence[Span]) -> dict[str, float]:
        """Counts and rates derived from ``spans`` (see :func:`rate_metrics`)."""
        return rate_metrics(doc, spans, prefix=self.prefix, categories=self.categories())

    def transform(self, X: Iterable[Article | Document]) -> np.ndarray:
        """Per-100-word rate of each category, one row per article (dense)."""
        if isinstance(X, (str, Article, Document)):
            raise ValueError(
                "Iterable over articles expected; got a single "
                f"{type(X).__name__}. Wrap it in a list."
            )
        self._ensure_fitted()
        cats = self.categories()
        rows = []
        for item in X:
            doc = as_document(item)
            m = self.metrics(doc, self.spans(doc))
            rows.append([m.get(f"{self.prefix}:{c}:per_100_words", 0.0) for c in cats])
        return np.asarray(rows, dtype=float).reshape(len(rows), len(cats))

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Namespaced output names, e.g. ``hedging:epistemic_modal``."""
        self._ensure_fitted()
        return np.asarray([f"{self.prefix}:{c}" for c in self.categories()], dtype=object)
