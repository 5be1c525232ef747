"""Encodings and formats: decoded correctly when named, refused clearly otherwise, and a batch
keeps going past every bad file or record.

(BOM/UTF-16 detection, the cp1252 refusal hint, malformed JSONL lines and HTML scripts, styles
and comments are covered in ``tests/ingest``; the batch errors file in ``tests/batch``.)
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from framing.cli import main
from framing.errors import IngestError
from framing.ingest import load, load_many

# "Iran “firmly” rejected the ‘false reports’ – Baghaei said…" in cp1252: 0x93/0x94 are the
# double quotes, 0x91/0x92 the single ones, 0x96 the en dash, 0x85 the ellipsis.
CP1252 = b"Iran \x93firmly\x94 rejected the \x91false reports\x92 \x96 Baghaei said\x85\n"
CP1252_TEXT = (
    "Iran \u201cfirmly\u201d rejected the \u2018false reports\u2019 \u2013 Baghaei said\u2026"
)


def test_cp1252_smart_quotes_refused_then_read_with_the_encoding(tmp_path: Path) -> None:
    p = tmp_path / "smart.txt"
    p.write_bytes(CP1252)
    with pytest.raises(IngestError, match=r"smart\.txt: not valid UTF-8 at byte 5 \(0x93\)"):
        load(p)
    [a] = load(p, encoding="cp1252")
    assert a.text == CP1252_TEXT


def test_cli_encoding_option_decodes_cp1252(tmp_path: Path, capsys) -> None:
    p = tmp_path / "smart.txt"
    p.write_bytes(CP1252)
    assert main(["extract", str(p)]) == 1
    assert "--encoding cp1252" in capsys.readouterr().err
    assert main(["extract", str(p), "--encoding", "cp1252"]) == 0
    [record] = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert record["text"] == CP1252_TEXT
    for span in record["spans"]:
        assert record["text"][span["start"] : span["end"]] == span["text"]


def test_latin1_text(tmp_path: Path) -> None:
    p = tmp_path / "latin.txt"
    p.write_bytes("Z\u00fcrich: the caf\u00e9 \u00abmeeting\u00bb was denied.\n".encode("latin-1"))
    with pytest.raises(IngestError, match=r"latin\.txt: not valid UTF-8 at byte 1"):
        load(p)
    [a] = load(p, encoding="latin-1")
    assert a.text == "Z\u00fcrich: the caf\u00e9 \u00abmeeting\u00bb was denied."


def test_unknown_encoding_names_the_file(tmp_path: Path) -> None:
    p = tmp_path / "a.txt"
    p.write_text("Iran denied it.\n", encoding="utf-8")
    [err] = load_many([p], encoding="klingon-8").errors
    assert str(err) == f"{p}: unknown encoding 'klingon-8'."


def test_mixed_line_endings_read_as_the_same_article_as_lf(tmp_path: Path) -> None:
    mixed = tmp_path / "mixed.txt"
    mixed.write_bytes(
        b"Iran rejects claims about envoy\r\n\r\n"
        b"Iran denied the meeting.\rIt said so on Saturday.\n\n"
        b"Musk did not comment.\r\n"
    )
    lf = tmp_path / "lf.txt"
    lf.write_bytes(mixed.read_bytes().replace(b"\r\n", b"\n").replace(b"\r", b"\n"))
    [a] = load(mixed)
    [b] = load(lf)
    assert "\r" not in a.text
    assert a.title == "Iran rejects claims about envoy"
    assert (a.text, a.body_start, a.removals) == (b.text, b.body_start, b.removals)
    assert a.text.endswith("Musk did not comment.")


@pytest.mark.parametrize("codec", ["utf-16", "utf-8-sig", "utf-32"])
def test_jsonl_in_other_unicode_encodings(tmp_path: Path, codec: str) -> None:
    p = tmp_path / "r.jsonl"
    lines = [{"id": "a", "text": "Iran \u201cdenied\u201d it."}, {"id": "b", "text": "Z\u00fcrich"}]
    p.write_bytes("".join(json.dumps(r, ensure_ascii=False) + "\r\n" for r in lines).encode(codec))
    arts = load(p)
    assert [(a.id, a.text) for a in arts] == [(r["id"], r["text"]) for r in lines]


def test_bom_then_invalid_bytes_names_file_and_byte(tmp_path: Path) -> None:
    p = tmp_path / "bad16.txt"
    p.write_bytes(codecs.BOM_UTF16_LE + "ok".encode("utf-16-le") + b"\x00\xdc")  # lone surrogate
    with pytest.raises(IngestError, match=r"bad16\.txt: starts with a utf-16-le byte-order mark"):
        load(p)


def test_wrong_field_types_in_a_json_list_name_the_record(tmp_path: Path) -> None:
    p = tmp_path / "list.json"
    p.write_text(
        json.dumps([
            {"id": "ok", "text": "Iran denied it."},
            {"id": "t", "text": "Fine.", "title": 3},
            {"id": "d", "text": "Fine.", "date": {"y": 2024}},
            {"id": "s", "text": "Fine.", "source_chain": [1, 2]},
            {"id": "n", "text": None},
            "just a string",
            {"id": "ok2", "text": "Musk said nothing."},
        ]),
        encoding="utf-8",
    )
    result = load_many([p])
    assert [a.id for a in result.articles] == ["ok", "ok2"]
    assert [str(e) for e in result.errors] == [
        f"{p}:record 1: 'title' must be a string; got int.",
        f"{p}:record 2: 'date' must be a string; got dict.",
        f"{p}:record 3: 'source_chain' must be a list of strings.",
        f"{p}:record 4: record has no 'text' field.",
        f"{p}:record 5: expected a JSON object with a 'text' field; got str.",
    ]


def test_cli_batch_of_bad_files_exits_1_and_processes_the_rest(tmp_path: Path, capsys) -> None:
    good = tmp_path / "a_good.txt"
    good.write_text("Iran denied that its envoy met Musk.\n", encoding="utf-8")
    (tmp_path / "b_cp1252.txt").write_bytes(CP1252)
    (tmp_path / "c_truncated.json").write_text('[{"id": "x", "text": "cut', encoding="utf-8")
    (tmp_path / "d_types.jsonl").write_text(
        '{"id": "r1", "text": ["not", "text"]}\n{"id": "r2", "text": "Tehran denied it."}\n',
        encoding="utf-8",
    )
    (tmp_path / "e_empty.txt").write_bytes(b"")
    (tmp_path / "f_binary.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
    (tmp_path / "g_page.html").write_text(
        "<html><body><script>alert(1)</script><style>p{}</style><!-- c --></body></html>",
        encoding="utf-8",
    )
    code = main(["extract", str(tmp_path)])
    out, err = capsys.readouterr()
    assert code == 1
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a_good", "r2"]
    assert "Traceback" not in err
    for where in ("b_cp1252.txt: not valid UTF-8", "c_truncated.json: malformed JSON",
                  "d_types.jsonl:1: 'text' must be a string", "e_empty.txt: the file is empty",
                  "f_binary.txt: looks like a binary file", "g_page.html: no article text"):
        assert where in err, where
