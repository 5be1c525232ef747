"""Bad and unusual encodings: decoded where unambiguous, refused clearly otherwise."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from framing.errors import IngestError
from framing.ingest.decode import decode_bytes, normalize_text, read_text

TEXT = "Iran’s envoy “rejected” the report — in Zürich."


def test_utf8_bom_is_removed():
    assert decode_bytes(codecs.BOM_UTF8 + TEXT.encode("utf-8")) == TEXT


@pytest.mark.parametrize("codec", ["utf-16", "utf-16-le", "utf-16-be"])
def test_utf16_with_bom_is_decoded(codec):
    data = TEXT.encode(codec)
    if codec != "utf-16":
        bom = codecs.BOM_UTF16_LE if codec.endswith("le") else codecs.BOM_UTF16_BE
        data = bom + data
    assert decode_bytes(data) == TEXT


@pytest.mark.parametrize("codec", ["cp1252", "latin-1"])
def test_eight_bit_text_is_refused_with_a_hint(codec):
    data = "Caf\u00e9 d\u00e9j\u00e0 vu".encode(codec)
    with pytest.raises(IngestError, match=r"f\.txt: not valid UTF-8 at byte 3.*--encoding"):
        decode_bytes(data, path="f.txt")
    assert decode_bytes(data, path="f.txt", encoding=codec) == "Caf\u00e9 d\u00e9j\u00e0 vu"


def test_binary_is_refused():
    with pytest.raises(IngestError, match="binary"):
        decode_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", path="x.png")


def test_empty_file(tmp_path: Path):
    p = tmp_path / "empty.txt"
    p.write_bytes(b"")
    with pytest.raises(IngestError, match=r"empty\.txt: the file is empty"):
        read_text(p)


def test_size_limit(tmp_path: Path):
    p = tmp_path / "big.txt"
    p.write_text("word " * 100, encoding="utf-8")
    with pytest.raises(IngestError, match="over the limit of 50 bytes"):
        read_text(p, max_bytes=50)


def test_missing_file(tmp_path: Path):
    with pytest.raises(IngestError, match="no such file"):
        read_text(tmp_path / "nope.txt")


def test_normalize_newlines_and_controls():
    assert normalize_text("a\r\nb\rc\x00d\x07e\tf") == "a\nb\ncde\tf"
    assert normalize_text("e\u0301") == "\u00e9"
