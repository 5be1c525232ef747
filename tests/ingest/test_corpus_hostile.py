"""Hostile story manifests: every bad entry is a clear error naming the manifest and version,
never a traceback, and no path leaves the story folder."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from framing.errors import IngestError
from framing.ingest import load, load_many

BODY = "Iran denied that its envoy met Musk.\n"


def _story(tmp_path: Path, versions: list, **extra) -> Path:
    story = tmp_path / "story"
    story.mkdir(exist_ok=True)
    (story / "a.txt").write_text(BODY, encoding="utf-8")
    (story / "manifest.json").write_text(
        json.dumps({"versions": versions, **extra}), encoding="utf-8"
    )
    return story


@pytest.mark.parametrize(
    ("version", "message"),
    [
        ({"file": ""}, "each version needs a non-empty 'file' string."),
        ({"file": 3}, "each version needs a non-empty 'file' string."),
        ({"file": "."}, "file '.' is not an article file (a folder or a manifest)."),
        ({"file": "manifest.json"},
         "file 'manifest.json' is not an article file (a folder or a manifest)."),
        ({"file": "a\x00b.txt"}, "file 'a\\x00b.txt' is not a usable path (embedded null byte)."),
        ({"file": "/etc/hostname"}, "file '/etc/hostname' is outside the story folder"),
        ({"file": "a.txt", "id": 5}, "'id' must be a string; got int."),
        ({"file": "a.txt", "outlet": ["x"]}, "'outlet' must be a string; got list."),
        ({"file": "a.txt", "title": None}, "'title' must be a string; got NoneType."),
        ({"file": "a.txt", "source_chain": 5}, "'source_chain' must be a list of strings."),
        ({"file": "a.txt", "source_chain": "AP"}, "'source_chain' must be a list of strings."),
        ("a.txt", "each version needs a non-empty 'file' string."),
    ],
)
def test_bad_manifest_entry_is_named(tmp_path: Path, version, message: str) -> None:
    story = _story(tmp_path, [{"file": "a.txt"}, version])
    [err] = load_many([story]).errors
    assert str(err).startswith(f"{story / 'manifest.json'}:version 1: {message}")


def test_symbolic_link_out_of_the_folder_is_refused(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("Outside text.", encoding="utf-8")
    story = _story(tmp_path, [{"file": "link.txt"}])
    os.symlink(tmp_path / "secret.txt", story / "link.txt")
    [err] = load_many([story]).errors
    assert "outside the story folder" in str(err)


def test_symbolic_link_loop_is_refused(tmp_path: Path) -> None:
    story = _story(tmp_path, [{"file": "loop.txt"}])
    os.symlink(story / "loop.txt", story / "loop.txt")
    [err] = load_many([story]).errors
    assert str(err).startswith(f"{story / 'manifest.json'}:version 0: file 'loop.txt'")


def test_deeply_nested_manifest_and_wrong_story_type(tmp_path: Path) -> None:
    story = tmp_path / "deep"
    story.mkdir()
    (story / "manifest.json").write_text("[" * 50_000, encoding="utf-8")
    with pytest.raises(IngestError, match="manifest JSON nested too deeply"):
        load(story)
    story2 = _story(tmp_path, [{"file": "a.txt"}], story=["x"])
    with pytest.raises(IngestError, match="'story' must be a string"):
        load(story2)


def test_good_manifest_still_loads(tmp_path: Path) -> None:
    story = _story(tmp_path, [{"file": "a.txt", "id": "a", "outlet": "AP",
                               "source_chain": ["AP", "Reuters"]}])
    [a] = load(story)
    assert (a.id, a.outlet, a.source_chain, a.text) == ("a", "AP", ("AP", "Reuters"),
                                                        BODY.strip())


def test_folder_without_manifest_keeps_to_the_folder(tmp_path: Path) -> None:
    (tmp_path / "secret.txt").write_text("Outside text.", encoding="utf-8")
    folder = tmp_path / "plain"
    folder.mkdir()
    (folder / "a.txt").write_text(BODY, encoding="utf-8")
    os.symlink(tmp_path / "secret.txt", folder / "b_out.txt")
    os.symlink(folder / "gone.txt", folder / "c_broken.txt")
    os.symlink(folder / "d_loop.txt", folder / "d_loop.txt")
    os.symlink(folder / "a.txt", folder / "e_inside.txt")  # a link within the folder is fine
    os.mkfifo(folder / "f_pipe.txt")
    found = load_many([folder])
    assert [a.text for a in found.articles] == [BODY.strip(), BODY.strip()]
    errors = {Path(e.path).name: str(e) for e in found.errors}
    assert sorted(errors) == ["b_out.txt", "c_broken.txt", "d_loop.txt", "f_pipe.txt"]
    assert "outside the folder" in errors["b_out.txt"]
    assert "broken link" in errors["c_broken.txt"]
    assert "leads back to itself" in errors["d_loop.txt"]
    assert "not a regular file" in errors["f_pipe.txt"]
    assert not any("Outside text" in a.text for a in found.articles)


def test_a_device_is_refused_without_reading_it() -> None:
    [err] = load_many([Path("/dev/zero")]).errors
    assert str(err) == (
        "/dev/zero: is not a regular file (a device, pipe or socket); save the article to a file."
    )
