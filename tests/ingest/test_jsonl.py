"""JSON and JSONL records: text kept verbatim, bad records reported with file and line."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from framing.errors import IngestError
from framing.ingest import load, load_many
from framing.ingest.jsonl import iter_records


def test_jsonl_text_is_verbatim(tmp_path: Path):
    text = "  Iran\r\nrejected “claims”.\u00a0 "
    p = tmp_path / "a.jsonl"
    p.write_text(
        json.dumps({"id": "r1", "outlet": "AP", "text": text, "section": "world"}) + "\n\n",
        encoding="utf-8",
    )
    [a] = load(p)
    assert a.text == text
    assert a.id == "r1" and a.outlet == "AP" and a.meta["section"] == "world"
    assert a.source_chain == ("AP",)


def test_json_list(tmp_path: Path):
    p = tmp_path / "b.json"
    p.write_text(json.dumps([{"text": "One."}, {"text": "Two.", "id": 7}]), encoding="utf-8")
    arts = load(p)
    assert [a.id for a in arts] == ["b-0", "7"]


def test_bad_lines_are_reported_and_the_rest_kept(tmp_path: Path):
    p = tmp_path / "c.jsonl"
    p.write_text(
        '{"id": "ok1", "text": "Fine."}\n'
        '{"id": "broken", "text": "no end\n'
        '{"id": "num", "text": 42}\n'
        '["not", "an", "object"]\n'
        '{"id": "ok2", "text": "Also fine."}\n',
        encoding="utf-8",
    )
    items = list(iter_records(p))
    ok = [i.id for i in items if not isinstance(i, IngestError)]
    errs = [str(i) for i in items if isinstance(i, IngestError)]
    assert ok == ["ok1", "ok2"]
    assert errs[0].startswith(f"{p}:2: malformed JSON")
    assert errs[1] == f"{p}:3: 'text' must be a string; got int."
    assert errs[2].startswith(f"{p}:4: expected a JSON object")
    with pytest.raises(IngestError, match=":2: malformed JSON"):
        load(p)


def test_truncated_json_file(tmp_path: Path):
    p = tmp_path / "t.json"
    p.write_text('{"text": "cut off', encoding="utf-8")
    result = load_many([p])
    assert not result.articles
    assert "malformed JSON" in str(result.errors[0]) and "t.json" in str(result.errors[0])


def test_wrong_field_type(tmp_path: Path):
    p = tmp_path / "w.jsonl"
    p.write_text('{"text": "x", "title": ["a"]}\n', encoding="utf-8")
    with pytest.raises(IngestError, match=r"w\.jsonl:1: 'title' must be a string"):
        load(p)
