"""The ``framing stories`` and ``framing profile`` commands on the seed story."""

from __future__ import annotations

import json

from framing.cli import main
from tests.conftest import SEED_DIR


def test_stories_json_to_stdout(capsys):
    assert main(["stories", str(SEED_DIR), "--format", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["schema"] == "framing.stories/1"
    assert doc["articles"] == 2
    assert len(doc["stories"]) == 1
    assert doc["stories"][0]["outlets"] == ["IANS", "TROIB News"]
    assert doc["parameters"]["window_days"] == 3


def test_stories_table_and_file(tmp_path, capsys):
    assert main(["stories", str(SEED_DIR)]) == 0
    out = capsys.readouterr().out
    assert out.startswith("1 stories from 2 articles")
    assert "Iran rejects claims that its envoy had a meeting with Musk" in out
    target = tmp_path / "stories.json"
    assert main(["stories", str(SEED_DIR), "-o", str(target)]) == 0
    assert json.loads(target.read_text(encoding="utf-8"))["articles"] == 2


def test_stories_reports_unreadable_input(tmp_path, capsys):
    bad = tmp_path / "empty.txt"
    bad.write_text("", encoding="utf-8")
    assert main(["stories", str(SEED_DIR), str(bad)]) == 1
    err = capsys.readouterr().err
    assert "empty.txt" in err


def test_profile_with_stories_file_json_and_figure(tmp_path, capsys):
    stories = tmp_path / "stories.json"
    assert main(["stories", str(SEED_DIR), "-o", str(stories)]) == 0
    out, fig = tmp_path / "profiles.json", tmp_path / "profiles.png"
    code = main(
        ["profile", str(SEED_DIR), "--stories", str(stories), "-o", str(out), "--figure", str(fig)]
    )
    assert code == 0
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert set(doc["outlets"]) == {"TROIB News", "IANS"}
    assert len(doc["stories"]) == 1
    assert any(d["stories"] == 1 for d in doc["differences"])
    assert fig.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    capsys.readouterr()
    assert main(["profile", str(SEED_DIR)]) == 0
    table = capsys.readouterr().out
    assert "hedges per 100 words" in table and "TROIB News" in table


def test_profile_names_a_bad_stories_file(tmp_path, capsys):
    bad = tmp_path / "stories.json"
    bad.write_text('{"not": "stories"}', encoding="utf-8")
    assert main(["profile", str(SEED_DIR), "--stories", str(bad)]) == 1
    err = capsys.readouterr().err
    assert "stories.json" in err and "not a stories document" in err
