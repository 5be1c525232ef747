"""Interrupted runs leave no half-written output, and inputs are never modified.

A real ``framing compare --out`` process is killed with SIGKILL while it writes its report;
every report file then present must be complete. (Resuming a killed batch run is tested in
``tests/batch/test_resume.py``; ``write_atomic`` itself in ``tests/report/test_io.py``.)
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.cli import main

from ..conftest import IANS_FILE, SEED_DIR, TROIB_FILE

PNG_END = b"IEND\xaeB`\x82"
TEMP_NAME = re.compile(r"^\.(?P<target>[^/]+)\.[^.]+\.tmp$")  # write_atomic's mkstemp names


def _check_complete(out: Path) -> list[str]:
    """Assert every visible file in ``out`` is a complete report file; return their names."""
    names = []
    for p in sorted(out.iterdir()):
        if p.name.startswith("."):
            m = TEMP_NAME.match(p.name)
            assert m, f"unexpected hidden file {p.name}"
            continue
        names.append(p.name)
        data = p.read_bytes()
        if p.suffix == ".json":
            json.loads(data)
        elif p.suffix == ".html":
            assert data.rstrip().endswith(b"</html>"), p.name
        elif p.suffix == ".md":
            assert b"\n## Versions\n" in data and data.endswith(b"\n"), p.name
        elif p.suffix == ".svg":
            assert data.rstrip().endswith(b"</svg>"), p.name
        elif p.suffix == ".png":
            assert data.startswith(b"\x89PNG") and data.endswith(PNG_END), p.name
        else:
            pytest.fail(f"unexpected output file {p.name}")
    return names


def _kill_when(out: Path, ready, timeout: float = 240.0) -> int:
    env = {**os.environ, "MPLBACKEND": "Agg"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "framing", "compare", str(SEED_DIR), "--out", str(out)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
    )
    deadline = time.monotonic() + timeout
    try:
        while proc.poll() is None and time.monotonic() < deadline:
            if out.is_dir() and ready(os.listdir(out)):
                proc.send_signal(signal.SIGKILL)
                break
            time.sleep(0.002)
    finally:
        if proc.poll() is None:
            proc.kill()
        code = proc.wait()
    return code


def test_killed_compare_leaves_only_complete_reports(tmp_path: Path) -> None:
    out = tmp_path / "out"
    # kill while the first file is written, then (over the debris) while figures are written
    for ready in (
        lambda names: len(names) > 0,
        lambda names: any(n.endswith(".png") for n in names),
    ):
        _kill_when(out, ready)
        _check_complete(out)
    # an uninterrupted run over the debris completes and leaves no temporary file of its own
    # (hidden debris of a killed run may stay: SIGKILL gives no chance to clean up)
    before = {p.name for p in out.iterdir() if p.name.startswith(".")}
    assert main(["compare", str(SEED_DIR), "--out", str(out), "--format", "json"]) == 0
    assert {"report.json", "report.md", "report.html"} <= set(_check_complete(out))
    assert {p.name for p in out.iterdir() if p.name.startswith(".")} == before


def _snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    return {
        str(p.relative_to(folder)): (p.read_bytes(), p.stat().st_mtime_ns, p.stat().st_mode)
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def test_inputs_are_never_modified(tmp_path: Path, capsys) -> None:
    corpus = tmp_path / "in"
    shutil.copytree(SEED_DIR, corpus)
    jsonl = tmp_path / "records.jsonl"
    jsonl.write_text(
        '{"id": "r1", "outlet": "IANS", "text": "Iran denied that its envoy met Musk."}\n',
        encoding="utf-8",
    )
    os.utime(jsonl, ns=(1_000_000_000, 1_000_000_000))
    before = _snapshot(corpus)
    before_jsonl = (jsonl.read_bytes(), jsonl.stat().st_mtime_ns)
    assert main(["inspect", str(corpus / TROIB_FILE)]) == 0
    assert main(["extract", str(corpus), str(jsonl)]) == 0
    assert main(["compare", str(corpus / TROIB_FILE), str(corpus / IANS_FILE),
                 "--out", str(tmp_path / "report")]) == 0
    assert main(["extract", str(corpus), str(jsonl), "-o", str(tmp_path / "b.jsonl"),
                 "-j", "1", "-q"]) == 0
    capsys.readouterr()
    assert _snapshot(corpus) == before
    assert (jsonl.read_bytes(), jsonl.stat().st_mtime_ns) == before_jsonl


def test_an_output_never_replaces_an_input(tmp_path: Path, capsys) -> None:
    folder = tmp_path / "story"
    folder.mkdir()
    shutil.copy(SEED_DIR / TROIB_FILE, folder / "a.txt")
    shutil.copy(SEED_DIR / IANS_FILE, folder / "report.md")  # an article named like a report
    before = _snapshot(folder)
    code = main(["compare", str(folder / "a.txt"), str(folder / "report.md"), "--out",
                 str(folder)])
    err = capsys.readouterr().err
    assert code == 2
    assert f"{folder / 'report.md'}: is one of the compared articles" in err
    assert _snapshot(folder) == before  # nothing written, nothing replaced
    # a batch output inside an input folder would be read back as an input
    assert main(["extract", str(folder), "-o", str(folder / "out.jsonl"), "-q"]) == 2
    assert "inside the input folder" in capsys.readouterr().err
    assert main(["extract", str(folder / "a.txt"), "-o", str(folder / "a.txt"),
                 "--overwrite", "-q"]) == 2
    assert "is an input" in capsys.readouterr().err
    assert _snapshot(folder) == before


def test_unusable_output_paths_are_clear_errors(tmp_path: Path, capsys) -> None:
    a, b = str(SEED_DIR / TROIB_FILE), str(SEED_DIR / IANS_FILE)
    a_file = tmp_path / "notes.txt"
    a_file.write_text("mine", encoding="utf-8")
    assert main(["compare", a, b, "--out", str(a_file)]) == 2
    assert f"{a_file}: is a file; the report needs a folder" in capsys.readouterr().err
    assert main(["compare", a, b, "--out", str(a_file / "sub")]) == 2
    assert "cannot write here (Not a directory)" in capsys.readouterr().err
    assert main(["stories", a, b, "-o", str(tmp_path)]) == 2
    assert f"{tmp_path}: is a folder; name a file to write." in capsys.readouterr().err
    assert main(["profile", a, b, "--figure", str(tmp_path / "p.gif")]) == 2
    assert "the figure's name must end in .png, .svg, .pdf" in capsys.readouterr().err
    assert a_file.read_text(encoding="utf-8") == "mine"


def test_profile_figure_is_written_whole(tmp_path: Path, capsys) -> None:
    fig = tmp_path / "figs" / "profiles.png"
    assert main(["profile", str(SEED_DIR), "--figure", str(fig), "-o",
                 str(tmp_path / "p.json")]) == 0
    capsys.readouterr()
    assert fig.read_bytes().endswith(PNG_END)
    assert [p.name for p in fig.parent.iterdir()] == ["profiles.png"]  # no temporary left
