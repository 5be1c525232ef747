"""Writing batch output: one part file per chunk, then one merged file, atomically.

Two formats:

``jsonl``
    Each line is exactly what ``framing extract --format jsonl`` prints for the article.
``parquet``
    One row per article (needs ``pyarrow``, extra ``parquet``). Columns: ``id``, ``outlet``,
    ``title``, ``date``, ``url``, ``source_chain`` (list of strings), ``text``, ``body_start``,
    ``n_words``, ``n_sentences``, then every metric as a float column named by
    :func:`metric_column` (``hedge:per_100_words`` -> ``hedge_per_100_words``), then
    ``sentences``, ``spans``, ``attributions``, ``removed``, ``meta`` and ``versions`` as JSON
    strings (the same JSON as the ``jsonl`` record). The schema metadata key
    ``framing.metrics`` maps each metric column back to its metric name.

Part files are written with :func:`framing.report.io.write_atomic`; the merge streams the parts
in chunk order into a temporary file beside the output and renames it over the output, so
memory stays bounded by one row group and a reader never sees a half-written file.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, BinaryIO

from framing.types import FeatureSet

__all__ = [
    "FORMATS",
    "JSON_COLUMNS",
    "merge_errors",
    "merge_parts",
    "metric_column",
    "parquet_row",
    "write_errors_part",
    "write_part",
]

FORMATS = ("jsonl", "parquet")
_HEAD_COLUMNS = ("id", "outlet", "title", "date", "url", "source_chain", "text", "body_start",
                 "n_words", "n_sentences")
JSON_COLUMNS = ("sentences", "spans", "attributions", "removed", "meta", "versions")
METRICS_KEY = b"framing.metrics"
ROW_GROUP_ROWS = 1024


def metric_column(name: str) -> str:
    """Column name of a metric: every character other than a letter, digit or ``_`` becomes ``_``.

    Examples
    --------
    >>> metric_column("hedge:per_100_words")
    'hedge_per_100_words'
    """
    return "".join(c if c.isascii() and (c.isalnum() or c == "_") else "_" for c in name)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)


def parquet_row(features: FeatureSet) -> dict[str, Any]:
    """One article as a row: fixed columns, JSON strings, and the ``metrics`` mapping.

    The metrics stay a nested mapping here; :func:`write_part` spreads them into columns.
    """
    record = features.to_dict()
    words = record["metrics"].get("lexical:words")
    row: dict[str, Any] = {
        "id": record["id"],
        "outlet": record["outlet"],
        "title": record["title"],
        "date": record["date"],
        "url": record["url"],
        "source_chain": record["source_chain"],
        "text": record["text"],
        "body_start": record["body_start"],
        "n_words": None if words is None else int(words),
        "n_sentences": len(record["sentences"]),
        "metrics": {k: float(v) for k, v in record["metrics"].items()},
    }
    for key in JSON_COLUMNS:
        row[key] = _dumps(record[key])
    return row


def _head_fields() -> list[Any]:
    import pyarrow as pa

    types = {"source_chain": pa.list_(pa.string()), "body_start": pa.int64(),
             "n_words": pa.int64(), "n_sentences": pa.int64()}
    return [pa.field(name, types.get(name, pa.string())) for name in _HEAD_COLUMNS]


def _schema(metric_names: Iterable[str]) -> Any:
    import pyarrow as pa

    columns: dict[str, str] = {}
    for name in metric_names:
        col = metric_column(name)
        if (col in columns and columns[col] != name) or col in _HEAD_COLUMNS + JSON_COLUMNS:
            raise ValueError(f"metric {name!r} maps to column {col!r}, which is already taken.")
        columns[col] = name
    fields = _head_fields() + [pa.field(c, pa.float64()) for c in columns]
    fields += [pa.field(name, pa.string()) for name in JSON_COLUMNS]
    return pa.schema(fields, metadata={METRICS_KEY: _dumps(columns).encode("utf-8")})


def _metric_names(schema: Any) -> list[str]:
    raw = (schema.metadata or {}).get(METRICS_KEY)
    return list(json.loads(raw).values()) if raw else []


def _table(rows: list[dict[str, Any]]) -> Any:
    import pyarrow as pa

    names: dict[str, None] = {}
    for row in rows:
        names.update(dict.fromkeys(row["metrics"]))
    schema = _schema(names)
    data: dict[str, list[Any]] = {name: [row[name] for row in rows]
                                  for name in _HEAD_COLUMNS + JSON_COLUMNS}
    for name in names:
        data[metric_column(name)] = [row["metrics"].get(name) for row in rows]
    return pa.Table.from_pydict({f.name: data[f.name] for f in schema}, schema=schema)


def write_part(path: Path, fmt: str, records: list[Any]) -> None:
    """Write one chunk's records to ``path`` atomically (JSON lines, or one Parquet table)."""
    from framing.report.io import write_atomic

    if fmt == "jsonl":
        write_atomic(path, "".join(line + "\n" for line in records))
        return
    import pyarrow as pa
    import pyarrow.parquet as pq

    sink = pa.BufferOutputStream()
    pq.write_table(_table(records), sink)
    write_atomic(path, sink.getvalue().to_pybytes())


def write_errors_part(path: Path, errors: list[dict[str, Any]]) -> None:
    """Write one chunk's error records to ``path`` atomically, or remove it when there are none."""
    from framing.report.io import write_atomic

    if errors:
        write_atomic(path, "".join(_dumps(e) + "\n" for e in errors))
    else:
        path.unlink(missing_ok=True)


@contextmanager
def _atomic_binary(target: Path) -> Iterator[BinaryIO]:
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o666 & ~_umask())  # mkstemp makes 0600; give the usual permissions
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _umask() -> int:
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _concat(target: Path, parts: Iterable[Path]) -> None:
    with _atomic_binary(target) as out:
        for part in parts:
            if part.is_file():
                with part.open("rb") as fh:
                    shutil.copyfileobj(fh, out)


def merge_errors(target: Path, parts: Iterable[Path]) -> None:
    """Concatenate the chunks' error files (those that exist) into ``target``, atomically."""
    _concat(target, parts)


def merge_parts(target: Path, fmt: str, parts: list[Path]) -> int:
    """Merge part files, in the given order, into ``target`` atomically; return the row count."""
    if fmt == "jsonl":
        _concat(target, parts)
        rows = 0
        for part in parts:
            with part.open("rb") as fh:
                rows += sum(1 for _ in fh)
        return rows
    import pyarrow as pa
    import pyarrow.parquet as pq

    names: dict[str, None] = {}
    for part in parts:
        names.update(dict.fromkeys(_metric_names(pq.read_schema(part))))
    schema = _schema(names)
    rows = 0
    buffered: list[Any] = []
    with _atomic_binary(target) as out:
        writer = pq.ParquetWriter(out, schema)
        try:
            for part in parts:
                table = pq.read_table(part)
                missing = [f for f in schema if f.name not in table.column_names]
                for f in missing:
                    table = table.append_column(f, pa.nulls(table.num_rows, f.type))
                buffered.append(table.select(schema.names).cast(schema))
                if sum(t.num_rows for t in buffered) >= ROW_GROUP_ROWS:
                    rows += _flush(writer, buffered)
            rows += _flush(writer, buffered)
        finally:
            writer.close()
    return rows


def _flush(writer: Any, buffered: list[Any]) -> int:
    import pyarrow as pa

    if not buffered:
        return 0
    table = pa.concat_tables(buffered)
    buffered.clear()
    if table.num_rows:
        writer.write_table(table)
    return table.num_rows
