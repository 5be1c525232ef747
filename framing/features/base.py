"""The common shape of feature extractors: spans first, counts derived from spans.

Every extractor is a scikit-learn transformer (``fit`` / ``transform`` /
``get_feature_names_out``, so ``set_output(transform="pandas")``, ``clone`` and
``Pipeline`` work) and also answers ``spans(doc)`` so every number traces back to text.
Subclasses implement :meth:`SpanExtractor.find_spans` and declare ``feature`` (the span
family) and ``prefix`` (the namespace of the output columns).

The transformer API is implemented here rather than inherited from scikit-learn's
``BaseEstimator`` and ``TransformerMixin``: importing ``sklearn.base`` costs over a second
(it imports SciPy), which every ``framing extract`` / ``framing compare`` run would pay
without using it. scikit-learn supports such estimators by duck typing ("Rolling your own
estimator" in its developer guide): ``get_params`` / ``set_params`` read the constructor's
parameters, ``__sklearn_tags__`` gives a transformer's tags and ``__sklearn_is_fitted__``
what ``check_is_fitted`` asks; scikit-learn is imported only when scikit-learn calls them.
"""

from __future__ import annotations

import inspect
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from functools import wraps
from itertools import pairwise, repeat
from operator import attrgetter
from typing import Any, ClassVar, TypeVar

import numpy as np

from framing.features.lexical import _texts_and_words
from framing.text import VoiceMap, process
from framing.types import Article, Document, Span, Token

__all__ = [
    "SpanExtractor",
    "as_document",
    "norm_words",
    "rate_metrics",
    "sentence_tokens",
    "sentences_of",
    "word_count",
]


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


_start_of = attrgetter("start")
_category_of = attrgetter("category")
_voice_of = attrgetter("voice")
_T = TypeVar("_T")


def _for_last_document(fn: Callable[[Document], _T]) -> Callable[[Document], _T]:
    """``fn`` remembering its answer for the last document it was given (hedging, loaded
    language and tone each go through the same document's sentences)."""
    last: list[tuple[Any, Any]] = [(None, None)]  # (document, answer), swapped whole

    @wraps(fn)
    def wrapper(doc: Document) -> _T:
        seen, answer = last[0]
        if seen is doc:
            return answer
        answer = fn(doc)
        last[0] = (doc, answer)
        return answer

    return wrapper


@_for_last_document
def word_count(doc: Document) -> int:
    """Number of word tokens (tokens with a letter or digit) in ``doc``.

    The count of the last document asked about is kept: every extractor's metrics need it.
    """
    # the word texts lexical_metrics keeps for the last document
    return len(_texts_and_words(doc)[1])


@_for_last_document
def sentence_tokens(doc: Document) -> tuple[tuple[Token, ...], ...]:
    """The tokens of every sentence of ``doc``: ``Document.tokens_of`` of each, in order.

    Found with one list of token offsets (``Document.tokens_of`` bisects the tokens with a
    key function, a Python call per step); the answer for the last document asked about
    is kept, as hedging, loaded language and tone each go through the sentences.
    """
    tokens = doc.tokens
    starts = list(map(_start_of, tokens))
    return tuple(
        tokens[bisect_left(starts, s.start) : bisect_left(starts, s.end)] for s in doc.sentences
    )


@_for_last_document
def norm_words(doc: Document) -> tuple[list[str], ...]:
    """Every sentence's token texts lower-cased, with ’ as ' (the form the lexicons match).

    Aligned with :func:`sentence_tokens`; ``word.lower().replace("’", "'")`` of each token,
    done on all the tokens joined by newlines at once (a token holds no whitespace, and a
    newline is neither cased nor case-ignorable, so lower-casing does not look across it).
    Kept for the last document: hedging and loaded language both match their lexicons.
    """
    sentences = sentence_tokens(doc)
    flat = [t.text for toks in sentences for t in toks]
    low = "\n".join(flat).lower().replace("’", "'").split("\n") if flat else []
    if len(low) != len(flat):  # (a token with a newline: never made by the text stage)
        low = [w.lower().replace("’", "'") for w in flat]
    out = []
    at = 0
    for toks in sentences:
        out.append(low[at : at + len(toks)])
        at += len(toks)
    return tuple(out)


@_for_last_document
def _sentence_starts(doc: Document) -> list[int] | None:
    """The sentences' start offsets, or None if they are not in order."""
    starts = [s.start for s in doc.sentences]
    return None if any(a > b for a, b in pairwise(starts)) else starts


def sentences_of(doc: Document, offsets: Iterable[int]) -> list[int]:
    """``doc.sentence_of`` of every offset, by bisection of one list of sentence starts.

    ``Document.sentence_of`` searches the sentences with a Python loop per call; metrics
    ask for the sentence of every span. The starts of the last document asked about are
    kept. Sentences are in text order; if their starts were not sorted, each offset would be
    given to ``Document.sentence_of`` itself.
    """
    starts = _sentence_starts(doc)
    if starts is None:
        return [doc.sentence_of(o) for o in offsets]
    if not starts:
        return [-1 for _ in offsets]
    # the last sentence starting at or before the offset; the first one for earlier offsets
    return [k - 1 if k > 0 else 0 for k in map(bisect_right, repeat(starts), offsets)]


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
    with_span = set(sentences_of(doc, [s.start for s in spans]))
    out[f"{prefix}:sentence_share"] = round(len(with_span) / n_sent, 4)
    by_cat = Counter(map(_category_of, spans))
    for cat in dict.fromkeys([*categories, *sorted(by_cat)]):
        out[f"{prefix}:{cat}:count"] = float(by_cat.get(cat, 0))
        out[f"{prefix}:{cat}:per_100_words"] = round(100.0 * by_cat.get(cat, 0) / words, 4)
    by_voice = Counter(map(_voice_of, spans))
    for v in ("narrator", "quoted"):
        out[f"{prefix}:voice:{v}:count"] = float(by_voice.get(v, 0))
    return out


class SpanExtractor:
    """Base class: a feature that emits spans, with sklearn access to per-100-word rates.

    Subclasses set the class attributes ``feature`` and ``prefix``, implement
    :meth:`_load` (return the fitted resources as a dict of attributes ending in ``_``) and
    :meth:`find_spans`. Constructor arguments are the estimator's parameters (stored under
    their own names, as scikit-learn requires).
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
        if not self.__sklearn_is_fitted__():  # fit lazily: loading is deterministic
            self.fit()

    def fit_transform(
        self, X: Iterable[Article | Document], y: Any = None, **fit_params: Any
    ) -> Any:
        """:meth:`fit`, then :meth:`transform` (scikit-learn's ``TransformerMixin``)."""
        return self.fit(X, y, **fit_params).transform(X)

    @classmethod
    def _get_param_names(cls) -> list[str]:
        """The constructor's keyword parameters, sorted (as ``BaseEstimator``'s)."""
        init = cls.__init__
        if init is object.__init__:
            return []
        params = inspect.signature(init).parameters.values()
        for p in params:
            if p.kind == p.VAR_POSITIONAL:
                raise RuntimeError(
                    f"{cls.__name__}.__init__ takes *args; scikit-learn estimators must "
                    "name their parameters."
                )
        return sorted(p.name for p in params if p.name != "self" and p.kind != p.VAR_KEYWORD)

    def get_params(self, deep: bool = True) -> dict[str, Any]:
        """The estimator's parameters (scikit-learn's ``get_params``).

        Parameters
        ----------
        deep : bool
            Also return the parameters of parameters that are estimators
            (``name__param``).
        """
        out: dict[str, Any] = {}
        for name in self._get_param_names():
            value = getattr(self, name)
            if deep and hasattr(value, "get_params") and not isinstance(value, type):
                out.update((f"{name}__{k}", v) for k, v in value.get_params().items())
            out[name] = value
        return out

    def set_params(self, **params: Any) -> SpanExtractor:
        """Set parameters (scikit-learn's ``set_params``); returns the estimator.

        Raises
        ------
        ValueError
            For a name that is not a parameter of this extractor.
        """
        valid = self.get_params(deep=True)
        nested: dict[str, dict[str, Any]] = {}
        for key, value in params.items():
            name, sep, sub = key.partition("__")
            if name not in valid:
                raise ValueError(
                    f"Invalid parameter {name!r} for estimator {self!r}. Valid parameters "
                    f"are: {self._get_param_names()!r}."
                )
            if sep:
                nested.setdefault(name, {})[sub] = value
            else:
                setattr(self, name, value)
                valid[name] = value
        for name, sub_params in nested.items():
            valid[name].set_params(**sub_params)
        return self

    def __repr__(self) -> str:
        changed = []
        defaults = {
            p.name: p.default
            for p in inspect.signature(type(self).__init__).parameters.values()
            if p.default is not p.empty
        }
        for name in self._get_param_names():
            value = getattr(self, name, None)
            if name not in defaults or (defaults[name] is not value and defaults[name] != value):
                changed.append(f"{name}={value!r}")
        return f"{type(self).__name__}({', '.join(changed)})"

    def __sklearn_is_fitted__(self) -> bool:
        """Whether :meth:`fit` ran (fitted attributes end in ``_``, as in scikit-learn)."""
        return any(v.endswith("_") and not v.startswith("__") for v in vars(self))

    def __sklearn_tags__(self) -> Any:
        """scikit-learn's tags of a transformer (imports scikit-learn: it is the caller)."""
        from sklearn.utils import Tags, TargetTags, TransformerTags

        return Tags(
            estimator_type=None,
            target_tags=TargetTags(required=False),
            transformer_tags=TransformerTags(),
        )

    def set_output(self, *, transform: str | None = None) -> SpanExtractor:
        """Choose the container :meth:`transform` returns (scikit-learn's ``set_output``).

        Parameters
        ----------
        transform : {"default", "pandas"} or None
            ``"default"``: a NumPy array; ``"pandas"``: a DataFrame whose columns are
            :meth:`get_feature_names_out`; None leaves the choice unchanged.
        """
        if transform is None:
            return self
        if transform not in ("default", "pandas"):
            raise ValueError(
                f"set_output(transform={transform!r}): {type(self).__name__} supports "
                "'default' and 'pandas'."
            )
        self._sklearn_output_config = {"transform": transform}
        return self

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

    def transform(self, X: Iterable[Article | Document]) -> Any:
        """Per-100-word rate of each category, one row per article (dense).

        A NumPy array, or a pandas DataFrame after ``set_output(transform="pandas")``.
        """
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
        out = np.asarray(rows, dtype=float).reshape(len(rows), len(cats))
        config = getattr(self, "_sklearn_output_config", {})
        if config.get("transform") == "pandas":
            import pandas as pd

            return pd.DataFrame(out, columns=self.get_feature_names_out())
        return out

    def get_feature_names_out(self, input_features: Any = None) -> np.ndarray:
        """Namespaced output names, e.g. ``hedging:epistemic_modal``."""
        self._ensure_fitted()
        return np.asarray([f"{self.prefix}:{c}" for c in self.categories()], dtype=object)
