"""JSON and JSON Lines article records.

A record is an object with at least ``text`` (a non-empty string); ``id``, ``outlet``,
``title``, ``date``, ``url`` and ``source_chain`` are read when present and every other key
goes to :attr:`Article.meta`. The ``text`` is kept verbatim, so offsets index the caller's
own string. A ``.json`` file holds one record or a list of records; a ``.jsonl`` file holds
one record per line (blank lines are skipped).

Bad records raise :class:`~framing.errors.IngestError` naming the file and line (or record
index); :func:`iter_records` yields them instead of raising so that a batch keeps going.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.errors import IngestError
from framing.ingest.decode import read_text
from framing.types import Article

__all__ = ["article_from_record", "iter_records", "read_json_articles"]

_KNOWN = ("id", "outlet", "title", "date", "url", "source_chain")


def article_from_record(
    record: Any, *, path: str = "<record>", where: int | str | None = None, default_id: str = ""
) -> Article:
    """Build an :class:`Article` from one JSON record.

    Parameters
    ----------
    record : Any
        The decoded JSON value; must be an object with a string ``text``.
    path : str
        File name for error messages.
    where : int or str, optional
        Line number or record index for error messages.
    default_id : str
        Id used when the record has none.

    Raises
    ------
    IngestError
        When the record is not an object, or ``text`` is missing, empty or not a string,
        or a known field has the wrong type.

    Examples
    --------
    >>> a = article_from_record({"id": "x1", "outlet": "AP", "text": "Iran denied it."})
    >>> a.id, a.outlet, a.text
    ('x1', 'AP', 'Iran denied it.')
    """
    if not isinstance(record, dict):
        raise IngestError(
            f"expected a JSON object with a 'text' field; got {type(record).__name__}.",
            path=path,
            record=where,
        )
    rid = record.get("id", default_id)
    label = where if where is not None else rid
    text = record.get("text")
    if text is None:
        raise IngestError("record has no 'text' field.", path=path, record=label)
    if not isinstance(text, str):
        raise IngestError(
            f"'text' must be a string; got {type(text).__name__}.", path=path, record=label
        )
    if not text.strip():
        raise IngestError("'text' is empty.", path=path, record=label)
    values: dict[str, Any] = {}
    for key in ("id", "outlet", "title", "date", "url"):
        value = record.get(key)
        if value is None:
            continue
        if isinstance(value, (int, float)) and key == "id":
            value = str(value)
        if not isinstance(value, str):
            raise IngestError(
                f"'{key}' must be a string; got {type(value).__name__}.", path=path, record=label
            )
        values[key] = value
    chain = record.get("source_chain", ())
    if isinstance(chain, str):
        chain = [s.strip() for s in chain.replace("<-", ",").split(",") if s.strip()]
    if not isinstance(chain, (list, tuple)) or not all(isinstance(s, str) for s in chain):
        raise IngestError("'source_chain' must be a list of strings.", path=path, record=label)
    outlet = values.pop("outlet", None) or "unknown"
    meta = {k: v for k, v in record.items() if k not in (*_KNOWN, "text")}
    meta.update({"path": path, "format": "json", "record": where})
    return Article(
        id=values.pop("id", None) or default_id,
        outlet=outlet,
        text=text,
        source_chain=tuple(chain) or ((outlet,) if outlet != "unknown" else ()),
        meta=meta,
        **values,
    )


def iter_records(
    path: str | os.PathLike[str], *, encoding: str | None = None
) -> Iterator[Article | IngestError]:
    """Yield an :class:`Article` or an :class:`IngestError` for each record of a file.

    File-level problems (missing, empty, undecodable) are raised, not yielded.
    """
    name = str(path)
    text = read_text(path, encoding=encoding)
    stem = Path(name).stem
    if name.lower().endswith(".jsonl") or name.lower().endswith(".ndjson"):
        seen = 0
        for lineno, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            seen += 1
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                yield IngestError(
                    f"malformed JSON ({exc.msg} at column {exc.colno}).", path=name, record=lineno
                )
                continue
            try:
                yield article_from_record(
                    record, path=name, where=lineno, default_id=f"{stem}-{lineno}"
                )
            except IngestError as exc:
                yield exc
        if not seen:
            raise IngestError("the file has no records (only blank lines).", path=name)
        return
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"malformed JSON ({exc.msg} at line {exc.lineno}, column {exc.colno}).", path=name
        ) from None
    records = data if isinstance(data, list) else [data]
    if not records:
        raise IngestError("the JSON list has no records.", path=name)
    for i, record in enumerate(records):
        try:
            yield article_from_record(
                record,
                path=name,
                where=f"record {i}" if isinstance(data, list) else None,
                default_id=f"{stem}-{i}" if isinstance(data, list) else stem,
            )
        except IngestError as exc:
            yield exc


def read_json_articles(
    path: str | os.PathLike[str], *, encoding: str | None = None
) -> list[Article]:
    """Read every record of a JSON or JSONL file; raise on the first bad record.

    Use :func:`iter_records` (or :func:`framing.ingest.load_many`) to keep going past bad
    records.
    """
    out = []
    for item in iter_records(path, encoding=encoding):
        if isinstance(item, IngestError):
            raise item
        out.append(item)
    return out
