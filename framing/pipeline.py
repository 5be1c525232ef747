"""Extraction of every feature of one article: text stage, then each feature extractor.

Order matters for voice: attributions are found first, and the :class:`VoiceMap` built
from quotations and attributed contents is handed to the span extractors, so hedging,
loaded language and attribution agree on who speaks.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from functools import cache

from framing._version import __version__
from framing.features.base import SpanExtractor, as_document
from framing.features.lexical import lexical_metrics
from framing.lexicons import load_lexicon
from framing.text import VoiceMap
from framing.types import Article, Attribution, Document, FeatureSet, Span

__all__ = ["default_extractors", "extract", "extract_many"]


def _default_unfitted() -> list[SpanExtractor]:
    """The default extractors, in order, before their lexicons and models are loaded.

    Attribution comes first: its contents decide the voice of every other span.
    """
    from framing.features.attribution import AttributionFeatures
    from framing.features.entities import EntityFeatures
    from framing.features.hedging import BoosterFeatures, HedgingFeatures
    from framing.features.loaded import LoadedLanguageFeatures
    from framing.features.tone import ToneFeatures

    return [
        AttributionFeatures(),
        HedgingFeatures(),
        BoosterFeatures(),
        LoadedLanguageFeatures(),
        EntityFeatures(),
        ToneFeatures(),
    ]


@cache
def default_extractors() -> tuple[SpanExtractor, ...]:
    """The span extractors run by :func:`extract`, fitted (lexicons and models loaded).

    Attribution comes first: its contents decide the voice of every other span.
    """
    return tuple(e.fit() for e in _default_unfitted())


@cache
def default_categories() -> dict[str, tuple[str, ...]]:
    """Every category each default extractor can emit, in its stable order (no model loaded).

    ``{"loaded": ("delegitimising", ...), "attribution": ("source:person", ...), ...}``;
    reports give a category the same colour in every story from its place here.
    """
    return {e.feature: tuple(e.categories()) for e in _default_unfitted()}


# extract() pauses the cyclic garbage collector (see _collector_paused); shared by threads
_pause_lock = threading.Lock()
_pause_depth = 0
_pause_resumes = False


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector while one or more extractions run.

    An article allocates tens of thousands of short-lived containers (tokens, spans,
    tuples), which set off a few collections of the youngest generation per article, each
    looking at every young object then alive. Paused, the objects that die young are freed by
    reference counting alone and those that live on are looked at once, by the first
    collection after the pause. Nothing is freed later than at the end of the article. The
    collector is enabled again when the last extraction of any thread ends, if it was
    enabled when the first began.
    """
    global _pause_depth, _pause_resumes
    with _pause_lock:
        if _pause_depth == 0:
            _pause_resumes = gc.isenabled()
            gc.disable()
        _pause_depth += 1
    try:
        yield
    finally:
        with _pause_lock:
            _pause_depth -= 1
            if _pause_depth == 0 and _pause_resumes:
                gc.enable()


def _versions(extractors: Iterable[SpanExtractor]) -> dict[str, str]:
    from framing.text.tagger import load_tagger

    tagger = load_tagger()
    versions = {
        "framing": __version__,
        "abbreviations.en": load_lexicon("abbreviations.en").id,
        "stopwords.en": load_lexicon("stopwords.en").id,
        "pos-tagger": f"{tagger.meta.get('name', 'pos-ewt.en')}@{tagger.version}",
    }
    for e in extractors:
        versions.update(e.versions())
    return dict(sorted(versions.items()))


def extract(
    item: Article | Document, *, extractors: Iterable[SpanExtractor] | None = None
) -> FeatureSet:
    """Extract every feature of one article.

    Parameters
    ----------
    item : Article or Document
        The article (processed here) or an already processed document.
    extractors : iterable of SpanExtractor, optional
        Span extractors to run (default: :func:`default_extractors`).

    Returns
    -------
    FeatureSet
        Spans sorted by offset, attributions, metrics and the versions used.
    """
    with _collector_paused():
        return _extract(item, extractors)


def _extract(item: Article | Document, extractors: Iterable[SpanExtractor] | None) -> FeatureSet:
    doc = as_document(item)
    chosen = tuple(extractors) if extractors is not None else default_extractors()
    attributions: list[Attribution] = []
    finder = next((e for e in chosen if hasattr(e, "attributions")), None)
    if finder is not None:
        attributions = list(finder.attributions(doc))
    voice = VoiceMap.build(doc.quotes, [a.content for a in attributions])
    spans: list[Span] = []
    metrics: dict[str, float] = dict(lexical_metrics(doc))
    for extractor in chosen:
        if extractor is finder and hasattr(extractor, "spans_from"):
            # the relations found above: not found a second time
            found = extractor.spans_from(attributions, doc, voice=voice)
        else:
            found = extractor.spans(doc, voice=voice)
        spans.extend(found)
        metrics.update(extractor.metrics(doc, found))
    spans.sort(key=lambda s: (s.start, s.end, s.feature))
    return FeatureSet(doc, tuple(spans), tuple(attributions), metrics, _versions(chosen))


def extract_many(items: Iterable[Article | Document]) -> list[FeatureSet]:
    """Extract features of several articles (in order)."""
    return [extract(item) for item in items]
