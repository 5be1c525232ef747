"""JSON and JSON Lines article records.

A record is an object with at least ``text`` (a non-empty string); ``id``, ``outlet``,
``title``, ``date``, ``url`` and ``source_chain`` are read when present and every other key
goes to :attr:`Article.meta`. The ``text`` is kept verbatim, so offsets index the caller's
own string. A ``.json`` file holds one record or a list of records; a ``.jsonl`` file holds
one record per line (blank lines are skipped).

Bad records raise :class:`~framing.errors.IngestError` naming the file and line (or record
index); :func:`iter_records` yields them instead of raising so that a batch keeps going.
Every failure of the JSON parser (malformed text, nesting deeper than the recursion limit,
integers of more than 4300 digits) becomes such an error, never a traceback.
"""

from __future__ import annotations

import codecs
import json
import os
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any, BinaryIO

from framing.errors import IngestError
from framing.ingest.decode import check_file, read_text
from framing.types import MAX_ARTICLE_CHARS, Article

__all__ = [
    "MAX_RECORD_BYTES",
    "article_from_record",
    "iter_records",
    "parse_json",
    "parse_records",
    "read_json_articles",
]

#: Longest JSON Lines line (bytes). A record's ``text`` of
#: :data:`framing.types.MAX_ARTICLE_CHARS` characters written with ``\uXXXX`` escapes
#: takes six bytes a character; longer lines are refused, unread, naming the line.
MAX_RECORD_BYTES = 8 * MAX_ARTICLE_CHARS

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


def parse_json(
    text: str,
    *,
    path: str,
    record: int | str | None = None,
    with_line: bool = True,
    what: str = "JSON",
) -> Any:
    """``json.loads`` whose every failure is an :class:`IngestError` naming file and record.

    Malformed text, nesting deeper than the recursion limit and integers of more than 4300
    digits are all refused with a message; no other exception escapes.
    """
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno}, column {exc.colno}" if with_line else f"column {exc.colno}"
        raise IngestError(
            f"malformed {what} ({exc.msg} at {where}).", path=path, record=record
        ) from None
    except RecursionError:
        raise IngestError(
            f"{what} nested too deeply (arrays or objects inside each other over about "
            f"{sys.getrecursionlimit()} levels).",
            path=path,
            record=record,
        ) from None
    except ValueError as exc:  # e.g. an integer of more than 4300 digits
        raise IngestError(f"malformed {what} ({exc}).", path=path, record=record) from None


def parse_records(text: str, *, path: str = "<json>") -> Iterator[Article | IngestError]:
    """Yield an :class:`Article` or an :class:`IngestError` for each record of decoded text.

    ``path`` decides the format as for files: a name ending in ``.jsonl`` or ``.ndjson``
    is JSON Lines (records separated by ``\\n`` only: U+2028 and other Unicode line breaks
    inside a record are text), anything else one JSON value (an object or a list of them).

    Raises
    ------
    IngestError
        Problems of the whole text (malformed JSON file, no records).
    """
    stem = Path(path).stem
    if path.lower().endswith((".jsonl", ".ndjson")):
        yield from _records_of_lines(enumerate(text.split("\n"), start=1), path, stem)
        return
    data = parse_json(text, path=path, record=None, with_line=True)
    records = data if isinstance(data, list) else [data]
    if not records:
        raise IngestError("the JSON list has no records.", path=path)
    for i, record in enumerate(records):
        try:
            yield article_from_record(
                record,
                path=path,
                where=f"record {i}" if isinstance(data, list) else None,
                default_id=f"{stem}-{i}" if isinstance(data, list) else stem,
            )
        except IngestError as exc:
            yield exc


def _records_of_lines(
    lines: Iterable[tuple[int, str | IngestError]], path: str, stem: str
) -> Iterator[Article | IngestError]:
    seen = 0
    for lineno, line in lines:
        if isinstance(line, IngestError):
            seen += 1
            yield line
            continue
        if not line.strip():
            continue
        seen += 1
        try:
            # without its line ending, so that an error's column is on this line
            record = parse_json(line.rstrip("\r\n"), path=path, record=lineno, with_line=False)
            yield article_from_record(
                record, path=path, where=lineno, default_id=f"{stem}-{lineno}"
            )
        except IngestError as exc:
            yield exc
    if not seen:
        raise IngestError("the file has no records (only blank lines).", path=path)


def _utf8_lines(fh: BinaryIO, path: str) -> Iterator[tuple[int, str | IngestError]]:
    """Lines of a UTF-8 JSONL file read one at a time; an over-long line is skipped unread."""
    lineno = 0
    chunk = 1 << 20
    while True:
        raw = bytearray()  # grown 1 MiB at a time: memory stays near the line's own size
        while len(raw) <= MAX_RECORD_BYTES:
            piece = fh.readline(chunk)
            raw += piece
            if not piece or piece.endswith(b"\n"):
                break
        if not raw:
            return
        lineno += 1
        if lineno == 1 and raw.startswith(codecs.BOM_UTF8):
            del raw[: len(codecs.BOM_UTF8)]
        if len(raw) > MAX_RECORD_BYTES:
            while not raw.endswith(b"\n"):  # skip the rest of the line, 1 MiB at a time
                raw = bytearray(fh.readline(chunk))
                if not raw:
                    break
            yield lineno, IngestError(
                f"line is over {MAX_RECORD_BYTES:,} bytes (framing.ingest.jsonl."
                "MAX_RECORD_BYTES); a record this long cannot fit one article.",
                path=path,
                record=lineno,
            )
            continue
        try:
            yield lineno, raw.decode("utf-8")
        except UnicodeDecodeError as exc:
            yield lineno, IngestError(
                f"not valid UTF-8 at byte {exc.start} of the line; re-save the file as UTF-8 "
                "or name the encoding (--encoding cp1252).",
                path=path,
                record=lineno,
            )


def iter_records(
    path: str | os.PathLike[str], *, encoding: str | None = None
) -> Iterator[Article | IngestError]:
    """Yield an :class:`Article` or an :class:`IngestError` for each record of a file.

    File-level problems (missing, empty, binary, undecodable, too large) are raised, not
    yielded. A UTF-8 JSON Lines file is read one line at a time, so memory holds one record,
    not the file; other encodings (named, or a UTF-16/32 byte-order mark) are decoded whole.
    """
    name = str(path)
    stem = Path(name).stem
    if not name.lower().endswith((".jsonl", ".ndjson")):
        yield from parse_records(read_text(path, encoding=encoding), path=name)
        return
    head = _head(path, name)
    utf8 = encoding is None and not head.startswith(
        (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE, codecs.BOM_UTF32_LE, codecs.BOM_UTF32_BE)
    )
    if not utf8:
        yield from parse_records(read_text(path, encoding=encoding), path=name)
        return
    if not head:
        raise IngestError("the file is empty; nothing to read.", path=name)
    if b"\x00" in head:
        raise IngestError(
            "looks like a binary file (it contains NUL bytes), not JSON Lines.", path=name
        )
    with open(path, "rb") as fh:
        yield from _records_of_lines(_utf8_lines(fh, name), name, stem)


def _head(path: str | os.PathLike[str], name: str) -> bytes:
    """The first 8 KiB of a file, after the checks of :func:`read_text` (exists, size)."""
    check_file(path)
    try:
        with open(path, "rb") as fh:
            return fh.read(8192)
    except FileNotFoundError:
        raise IngestError("no such file.", path=name) from None
    except PermissionError:
        raise IngestError("permission denied.", path=name) from None


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
