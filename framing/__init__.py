"""framing: compare how news outlets cover the same story, with evidence.

The pipeline runs in one direction: ingest -> text -> features -> compare -> report.

Examples
--------
>>> import framing
>>> articles = framing.load("corpora/iran-envoy-musk-2024-11")  # doctest: +SKIP
>>> comparison = framing.compare(articles)  # doctest: +SKIP
>>> comparison.to_frame()  # doctest: +SKIP
"""

from __future__ import annotations

import logging

from framing._version import __version__
from framing.compare import Comparison, compare
from framing.errors import (
    FramingError,
    IngestError,
    LexiconNotFoundError,
    ModelNotFoundError,
    OffsetError,
    ValidationError,
)
from framing.ingest import LoadResult, load, load_many
from framing.pipeline import extract, extract_many
from framing.text import process
from framing.types import (
    Article,
    Attribution,
    Document,
    FeatureSet,
    Removal,
    Sentence,
    Span,
    TextRef,
    Token,
)

__all__ = [
    "Article",
    "Attribution",
    "Comparison",
    "Document",
    "FeatureSet",
    "FramingError",
    "IngestError",
    "LexiconNotFoundError",
    "LoadResult",
    "ModelNotFoundError",
    "OffsetError",
    "Removal",
    "Sentence",
    "Span",
    "TextRef",
    "Token",
    "ValidationError",
    "__version__",
    "compare",
    "extract",
    "extract_many",
    "load",
    "load_many",
    "process",
]

logging.getLogger("framing").addHandler(logging.NullHandler())
