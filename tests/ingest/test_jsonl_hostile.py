"""Hostile JSON and JSON Lines: every failure of the parser is a clear error naming file and
record, the rest of the file is read, and a JSONL file is read one line at a time."""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

from framing.errors import IngestError
from framing.ingest import load, load_many
from framing.ingest.jsonl import MAX_RECORD_BYTES, iter_records, parse_records
from framing.types import MAX_ARTICLE_CHARS


def _items(p: Path) -> tuple[list[str], list[str]]:
    items = list(iter_records(p))
    return (
        [i.id for i in items if not isinstance(i, IngestError)],
        [str(i) for i in items if isinstance(i, IngestError)],
    )


def test_deeply_nested_json_file_is_refused_not_a_traceback(tmp_path: Path) -> None:
    p = tmp_path / "deep.json"
    p.write_text("[" * 100_000 + "]" * 100_000, encoding="utf-8")
    [err] = load_many([p]).errors
    assert str(err).startswith(f"{p}: JSON nested too deeply")


def test_deeply_nested_jsonl_line_names_the_line(tmp_path: Path) -> None:
    p = tmp_path / "deep.jsonl"
    p.write_text(
        '{"id": "a", "text": "Iran denied it."}\n'
        '{"id": "b", "text": "x", "meta": ' + "[" * 50_000 + "\n"
        '{"id": "c", "text": "Musk said nothing."}\n',
        encoding="utf-8",
    )
    ok, errs = _items(p)
    assert ok == ["a", "c"]
    assert errs == [f"{p}:2: JSON nested too deeply (arrays or objects inside each other over "
                    f"about {__import__('sys').getrecursionlimit()} levels)."]


def test_integer_of_5000_digits_is_a_record_error(tmp_path: Path) -> None:
    p = tmp_path / "big.jsonl"
    p.write_text(
        '{"id": "n", "text": "x", "n": ' + "9" * 5000 + "}\n"
        '{"id": "ok", "text": "Tehran denied it."}\n',
        encoding="utf-8",
    )
    ok, errs = _items(p)
    assert ok == ["ok"]
    assert errs[0].startswith(f"{p}:1: malformed JSON (Exceeds the limit (4300 digits)")


def test_unicode_line_separators_inside_a_jsonl_record_are_text(tmp_path: Path) -> None:
    text = "Iran denied it.\u2028Musk\u2029said\x85nothing\x0bat\x0call\x1c."
    p = tmp_path / "seps.jsonl"
    p.write_text(json.dumps({"id": "s", "text": text}, ensure_ascii=False) + "\n",
                 encoding="utf-8")
    [a] = load(p)
    assert a.text == text


def test_invalid_utf8_line_is_an_error_and_other_lines_are_read(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    p.write_bytes(
        b'{"id": "a", "text": "Iran denied it."}\n'
        b'{"id": "b", "text": "\x93smart\x94 quotes"}\n'
        b'{"id": "c", "text": "Musk said nothing."}\n'
    )
    ok, errs = _items(p)
    assert ok == ["a", "c"]
    assert errs == [f"{p}:2: not valid UTF-8 at byte 21 of the line; re-save the file as UTF-8 "
                    "or name the encoding (--encoding cp1252)."]
    assert [a.text for a in load(p, encoding="cp1252")][1] == "\u201csmart\u201d quotes"


def test_over_long_jsonl_line_is_skipped_unread_and_memory_stays_bounded(tmp_path: Path) -> None:
    p = tmp_path / "long.jsonl"
    with p.open("wb") as fh:
        fh.write(b'{"id": "a", "text": "Iran denied it."}\n')
        fh.write(b'{"id": "huge", "text": "')
        chunk = b"word " * 200_000
        for _ in range(2 * MAX_RECORD_BYTES // len(chunk)):
            fh.write(chunk)
        fh.write(b'"}\n{"id": "c", "text": "Musk said nothing."}\n')
    tracemalloc.start()
    try:
        ok, errs = _items(p)
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert ok == ["a", "c"]
    assert errs == [f"{p}:2: line is over {MAX_RECORD_BYTES:,} bytes (framing.ingest.jsonl."
                    "MAX_RECORD_BYTES); a record this long cannot fit one article."]
    assert p.stat().st_size > 2 * MAX_RECORD_BYTES
    assert peak < 1.5 * MAX_RECORD_BYTES, f"peak {peak:,} bytes"
    assert MAX_RECORD_BYTES >= 6 * MAX_ARTICLE_CHARS  # room for \uXXXX-escaped text


def test_jsonl_of_many_records_is_read_line_by_line(tmp_path: Path) -> None:
    p = tmp_path / "many.jsonl"
    record = json.dumps({"text": "Iran rejected the claims. " * 400})  # about 10 KB
    n = 2000  # about 20 MB in all
    p.write_text((record + "\n") * n, encoding="utf-8")
    size = p.stat().st_size
    tracemalloc.start()
    try:
        count = 0
        for item in iter_records(p):
            assert not isinstance(item, IngestError)
            count += 1
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert count == n
    assert peak < size / 10, f"peak {peak:,} bytes for a {size:,}-byte file"


def test_parse_records_of_text_follows_the_name() -> None:
    lines = '{"id": "a", "text": "One."}\n\n{"id": "b", "text": "Two."}\n'
    assert [a.id for a in parse_records(lines, path="x.jsonl")] == ["a", "b"]
    items = list(parse_records('[{"text": "One."}, 3]', path="x.json"))
    assert items[0].text == "One." and str(items[1]).startswith("x.json:record 1: expected")


def test_a_truncated_line_is_named_with_its_own_column(tmp_path: Path) -> None:
    p = tmp_path / "mixed.jsonl"
    good = '{"id": "a", "text": "Iran denied it."}'
    cut = '{"id": "b", "text": '  # the record stops after 20 characters
    p.write_text(f"{good}\n{cut}\n{good.replace('a', 'c', 1)}\n", encoding="utf-8")
    ids, errors = _items(p)
    assert ids == ["a", "c"]
    assert errors == [f"{p}:2: malformed JSON (Expecting value at column {len(cut) + 1})."]
