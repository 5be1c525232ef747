"""Story folders and manifests."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from framing.errors import IngestError
from framing.ingest import load, load_many

from ..conftest import ROOT, SEED_DIR


def test_seed_story_loads_in_manifest_order():
    arts = load(SEED_DIR)
    assert [a.id for a in arts] == ["troib-rt", "ians"]
    assert [a.outlet for a in arts] == ["TROIB News", "IANS"]
    assert arts[0].source_chain == ("TROIB News", "RT")
    assert arts[1].source_chain == ("IANS",)
    assert all(a.meta["story"] == "iran-envoy-musk-2024-11" for a in arts)


def test_seed_copies_match_shared_seeds():
    shared = ROOT.parent / "shared" / "seeds"
    if not shared.is_dir():
        pytest.skip(f"{shared} is absent")
    for f in shared.iterdir():
        copy = SEED_DIR / f.name
        assert hashlib.sha256(copy.read_bytes()).digest() == hashlib.sha256(
            f.read_bytes()
        ).digest()


def test_manifest_path_cannot_escape(tmp_path: Path):
    story = tmp_path / "story"
    story.mkdir()
    (tmp_path / "secret.txt").write_text("Outside text.", encoding="utf-8")
    (story / "manifest.json").write_text(
        json.dumps({"versions": [{"file": "../secret.txt"}]}), encoding="utf-8"
    )
    result = load_many([story])
    assert not result.articles
    assert "outside the story folder" in str(result.errors[0])


def test_folder_without_manifest_and_batch_errors(tmp_path: Path):
    (tmp_path / "a.txt").write_text("Headline A\n\nBody of A is here.\n", encoding="utf-8")
    (tmp_path / "b.txt").write_bytes("Caf\xe9 text".encode("latin-1"))
    (tmp_path / "c.txt").write_text("Body of C.\n", encoding="utf-8")
    (tmp_path / "notes.bin").write_bytes(b"\x00\x01")  # unsupported suffix: ignored
    result = load_many([tmp_path])
    assert [a.id for a in result.articles] == ["a", "c"]
    assert len(result.errors) == 1 and "b.txt" in str(result.errors[0])


def test_duplicate_ids_made_unique(tmp_path: Path):
    (tmp_path / "x").mkdir()
    (tmp_path / "y").mkdir()
    for d in ("x", "y"):
        (tmp_path / d / "same.txt").write_text("Some body text.\n", encoding="utf-8")
    result = load_many([tmp_path / "x" / "same.txt", tmp_path / "y" / "same.txt"])
    assert [a.id for a in result.articles] == ["same", "same~2"]


def test_malformed_manifest(tmp_path: Path):
    (tmp_path / "manifest.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(IngestError, match="malformed manifest JSON"):
        load(tmp_path)
