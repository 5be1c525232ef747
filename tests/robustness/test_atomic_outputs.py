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
