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
import sys
from importlib import import_module
from types import ModuleType
from typing import TYPE_CHECKING, Any

from framing._version import __version__
from framing.errors import (
    FramingError,
    IngestError,
    LexiconNotFoundError,
    ModelNotFoundError,
    OffsetError,
    ValidationError,
)
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

if TYPE_CHECKING:
    from framing.compare import Comparison, compare
    from framing.ingest import LoadResult, load, load_many
    from framing.pipeline import extract, extract_many
    from framing.text import process

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

# Imported on first use: the pipeline pulls in NLTK, scikit-learn and SciPy (seconds of
# start-up), which ``import framing.types`` or ``framing --help`` do not need.
_LAZY = {
    "Comparison": "framing.compare",
    "compare": "framing.compare",
    "LoadResult": "framing.ingest",
    "load": "framing.ingest",
    "load_many": "framing.ingest",
    "extract": "framing.pipeline",
    "extract_many": "framing.pipeline",
    "process": "framing.text",
}


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'framing' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


class _Package(ModuleType):
    """The package module: ``framing.compare`` stays the function once the submodule loads.

    Importing the submodule ``framing.compare`` sets the package attribute of that name to
    the submodule; the function :func:`framing.compare.compare` is kept there instead, as
    when the package imported it eagerly.
    """

    def __setattr__(self, name: str, value: Any) -> None:
        if name == "compare" and isinstance(value, ModuleType):
            value = value.compare
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

logging.getLogger("framing").addHandler(logging.NullHandler())
