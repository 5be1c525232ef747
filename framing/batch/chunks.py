"""Numbered chunks of work: the inputs, enumerated lazily, cut into groups of articles.

Every item the ingest stage yields (an article, or an :class:`~framing.errors.IngestError`
for a bad file or record) gets a *position* in input order; chunk ``k`` holds positions
``k * size`` to ``(k + 1) * size - 1``. The numbering depends only on the inputs and the chunk
size, so a restarted run cuts the same chunks and can skip the finished ones.

Articles travel to worker processes as plain dictionaries (:func:`article_payload`), since
:class:`~framing.types.Article` keeps its metadata in a read-only mapping that cannot be pickled.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, fields
from typing import Any

from framing.errors import IngestError
from framing.types import Article

__all__ = ["Chunk", "ChunkReader", "article_from_payload", "article_payload", "error_record"]

_ARTICLE_FIELDS = tuple(f.name for f in fields(Article))


def article_payload(article: Article) -> dict[str, Any]:
    """The fields of an article as a picklable dictionary (see :func:`article_from_payload`)."""
    out = {name: getattr(article, name) for name in _ARTICLE_FIELDS}
    out["meta"] = dict(article.meta)
    return out


def article_from_payload(payload: dict[str, Any]) -> Article:
    """Rebuild the :class:`Article` that :func:`article_payload` took apart."""
    return Article(**payload)


def error_record(
    position: int,
    *,
    file: str | None,
    record: str | int | None,
    error: str,
    message: str,
    id: str | None = None,
) -> dict[str, Any]:
    """One line of the errors file: where the problem is, its type and message."""
    return {
        "position": position,
        "file": file,
        "record": record,
        "id": id,
        "error": error,
        "message": message,
    }


@dataclass(frozen=True, slots=True)
class Chunk:
    """One task: consecutive input items, starting at input position ``start``.

    ``items`` holds, in input order, ``("article", payload)`` for an article to extract and
    ``("error", record)`` for an input that could not be read.
    """

    index: int
    start: int
    items: tuple[tuple[str, dict[str, Any]], ...]


class ChunkReader:
    """Iterate the chunks of some inputs, skipping those already finished.

    Parameters
    ----------
    inputs : iterable of path-like
        Files, folders, manifests, JSON/JSONL files (as :func:`framing.ingest.iter_path`).
    size : int
        Items per chunk.
    skip : set of int, optional
        Chunk indices not to yield (their items are still read, to keep the numbering).
    encoding : str, optional
        Decode inputs with this encoding instead of detecting it.

    Attributes
    ----------
    n_chunks, n_items : int
        Chunks and items seen so far; final once iteration is over.
    """

    def __init__(
        self,
        inputs: Iterable[str | os.PathLike[str]],
        size: int,
        *,
        skip: set[int] | frozenset[int] = frozenset(),
        encoding: str | None = None,
    ) -> None:
        if size < 1:
            raise ValueError(f"chunk size must be at least 1; got {size}.")
        self.inputs = list(inputs)
        self.size = size
        self.skip = skip
        self.encoding = encoding
        self.n_chunks = 0
        self.n_items = 0

    def _items(self) -> Iterator[Article | IngestError]:
        from framing.ingest import iter_path

        for path in self.inputs:
            yield from iter_path(path, encoding=self.encoding)

    def __iter__(self) -> Iterator[Chunk]:
        pending: list[tuple[str, dict[str, Any]]] = []
        start = 0
        for item in self._items():
            position = self.n_items
            self.n_items += 1
            index = position // self.size
            if index not in self.skip:
                pending.append(_encode(item, position))
            if self.n_items % self.size == 0:
                self.n_chunks = index + 1
                if index not in self.skip:
                    yield Chunk(index, start, tuple(pending))
                pending = []
                start = self.n_items
        if self.n_items % self.size:
            index = self.n_items // self.size
            self.n_chunks = index + 1
            if index not in self.skip:
                yield Chunk(index, start, tuple(pending))


def _encode(item: Article | IngestError, position: int) -> tuple[str, dict[str, Any]]:
    if isinstance(item, IngestError):
        return (
            "error",
            error_record(
                position,
                file=item.path,
                record=item.record,
                error=type(item).__name__,
                message=item.reason,
            ),
        )
    return ("article", article_payload(item))
