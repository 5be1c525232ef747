"""The task run by each worker: extract every article of one chunk.

:func:`run_chunk` never raises for a bad article: the exception becomes a line of the
errors file (file, record, error type, message) and the chunk goes on. It returns plain
Python data (JSON lines or flat row dictionaries), so results travel back from local
processes and Dask workers alike.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from framing.batch.chunks import Chunk, article_from_payload, error_record

__all__ = ["ChunkResult", "run_chunk"]


@dataclass(slots=True)
class ChunkResult:
    """What one chunk produced, in input order.

    ``records`` are JSON lines (format ``"jsonl"``) or row dictionaries (``"parquet"``).
    """

    index: int
    records: list[Any] = field(default_factory=list)
    errors: list[dict[str, Any]] = field(default_factory=list)


def run_chunk(chunk: Chunk, fmt: str) -> ChunkResult:
    """Extract the articles of ``chunk`` and format them for the ``fmt`` sink.

    Parameters
    ----------
    chunk : Chunk
        The chunk to process.
    fmt : {"jsonl", "parquet"}
        ``"jsonl"``: each record is the line ``framing extract --format jsonl`` prints;
        ``"parquet"``: each record is a row of :func:`framing.batch.sink.parquet_row`.
    """
    from framing.batch.sink import parquet_row
    from framing.pipeline import extract
    from framing.report.json import record_json

    result = ChunkResult(chunk.index)
    for offset, (kind, payload) in enumerate(chunk.items):
        if kind == "error":
            result.errors.append(payload)
            continue
        position = chunk.start + offset
        meta = payload.get("meta", {})
        try:
            features = extract(article_from_payload(payload))
            record = record_json(features) if fmt == "jsonl" else parquet_row(features)
        except Exception as exc:  # one bad article must not stop the corpus
            result.errors.append(
                error_record(
                    position,
                    file=meta.get("path"),
                    record=meta.get("record"),
                    id=payload.get("id"),
                    error=type(exc).__name__,
                    message=str(exc),
                )
            )
            continue
        result.records.append(record)
    return result
