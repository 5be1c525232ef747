"""The command line, run as a user would (in-process through main(), and once as a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from framing.cli import main
from framing.report import validate

from .conftest import IANS_FILE, SEED_DIR, TROIB_FILE


def test_inspect_shows_metadata_and_removals(capsys):
    assert main(["inspect", str(SEED_DIR / TROIB_FILE)]) == 0
    out = capsys.readouterr().out
    assert "outlet:       TROIB News" in out
    assert "source chain: TROIB News <- RT" in out
    assert "read_more" in out and "Read Full Article at RT.com" in out
    assert "credit" in out and "Navid Kalantari" in out
    assert "0H [0:58] Iran rejects claims that its envoy had a meeting with Musk" in out


def test_inspect_json(capsys):
    assert main(["inspect", "--format", "json", str(SEED_DIR / IANS_FILE)]) == 0
    [rec] = json.loads(capsys.readouterr().out)
    assert rec["date"] == "2024-11-16" and rec["meta"]["place"] == "New York"
    assert [r["kind"] for r in rec["removed"]] == ["date_prefix", "dateline"]


def test_extract_jsonl_contract(capsys):
    assert main(["extract", str(SEED_DIR), "--format", "jsonl"]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 2
    for line in lines:
        rec = json.loads(line)
        validate(rec, "article")
        text = rec["text"]
        for s, e in rec["sentences"]:
            assert text[s:e].strip() == text[s:e] and text[s:e]
        for span in rec["spans"]:
            assert text[span["start"] : span["end"]] == span["text"]
        assert rec["versions"]["framing"]
        assert rec["metrics"]["lexical:words"] > 300


def test_extract_keeps_going_past_bad_files(tmp_path: Path, capsys):
    bad = tmp_path / "bad.txt"
    bad.write_bytes("Caf\xe9".encode("cp1252"))
    empty = tmp_path / "empty.txt"
    empty.write_bytes(b"")
    jl = tmp_path / "r.jsonl"
    jl.write_text('{"id": "a", "text": "Iran denied it."}\n{oops\n', encoding="utf-8")
    code = main(["extract", str(bad), str(SEED_DIR / IANS_FILE), str(empty), str(jl)])
    captured = capsys.readouterr()
    assert code == 1
    ids = [json.loads(line)["id"] for line in captured.out.splitlines()]
    assert ids == ["004_09db77039b0ad837", "a"]
    err = captured.err.splitlines()
    assert err[0].startswith(f"framing: error: {bad}: not valid UTF-8")
    assert err[1].startswith(f"framing: error: {empty}: the file is empty")
    assert err[2].startswith(f"framing: error: {jl}:2: malformed JSON")
    assert "Traceback" not in captured.err


def test_compare_writes_reports(tmp_path: Path, capsys):
    out = tmp_path / "report"
    code = main(["compare", str(SEED_DIR / TROIB_FILE), str(SEED_DIR / IANS_FILE), "--out",
                 str(out)])
    assert code == 0
    data = json.loads((out / "report.json").read_text(encoding="utf-8"))
    validate(data, "comparison")
    assert [a["outlet"] for a in data["articles"]] == ["TROIB News", "IANS"]
    md = (out / "report.md").read_text(encoding="utf-8")
    assert md.startswith("# How 2 versions of the story differ")
    assert "TROIB News ← RT" in md
    assert "## Distinctive terms" in md
    html = (out / "report.html").read_text(encoding="utf-8")
    assert html.rstrip().endswith("</html>") and 'id="columns"' in html
    from framing.plot.save import FIGURES

    figures = sorted(p.name for p in out.iterdir() if p.suffix in (".png", ".svg"))
    assert figures == sorted(f"{stem}.{fmt}" for stem in FIGURES for fmt in ("png", "svg"))
    err = capsys.readouterr().err
    assert all(f"framing: wrote {out / name}" in err for name in figures)


def test_compare_json_stdout(capsys):
    assert main(["compare", str(SEED_DIR), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data["articles"]) == 2 and data["differences"]


def test_compare_refuses_unreadable_version(tmp_path: Path, capsys):
    bad = tmp_path / "bin.txt"
    bad.write_bytes(b"\x00\x01\x02")
    assert main(["compare", str(SEED_DIR / TROIB_FILE), str(bad)]) == 1
    assert "looks like a binary file" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv", [[], ["compare"], ["nosuchcommand"], ["extract", "--format", "xml", "x"]]
)
def test_usage_errors_exit_2(argv, capsys):
    assert main(argv) == 2


def test_python_dash_m(tmp_path: Path):
    proc = subprocess.run(
        [sys.executable, "-m", "framing", "compare", str(SEED_DIR), "--out", str(tmp_path)],
        capture_output=True, text=True, timeout=120, check=False,
    )
    assert proc.returncode == 0, proc.stderr
    assert (tmp_path / "report.json").is_file() and (tmp_path / "report.md").is_file()
