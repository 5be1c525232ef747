"""The whole pipeline and report run with no NLTK data and no network, and give the same bytes
in every process.

One subprocess per hash seed runs ``compare --out`` (JSON, Markdown, HTML and figures),
``compare --format json`` and ``extract`` on the seed story with every socket call blocked
and ``nltk.download`` trapped; two different ``PYTHONHASHSEED`` values must give byte-identical
outputs (set iteration order must never leak into a result). Local vs Dask engines giving the
same rows is tested in ``tests/batch/test_dask.py``.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEED_DIR

SCRIPT = r"""
import atexit, socket, sys
ATTEMPTS = []  # every blocked call is counted, so one the code catches and ignores shows too
atexit.register(lambda: print(f"network attempts: {len(ATTEMPTS)}", file=sys.stderr))
def _blocked(*a, **k):
    ATTEMPTS.append(a)
    raise OSError("network access attempted")
socket.socket.connect = _blocked
socket.socket.connect_ex = _blocked
socket.socket.sendto = _blocked
socket.socket.bind = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
import nltk
def _no_download(*a, **k):
    ATTEMPTS.append(("nltk.download",) + a)
    raise AssertionError("nltk.download called")
nltk.download = _no_download
from framing.cli import main
code = main(["compare", sys.argv[1], "--out", sys.argv[2], "--format", "json"])
code2 = main(["extract", sys.argv[1]])
sys.exit(code or code2)
"""


def _run(tmp_path: Path, seed: str) -> tuple[str, Path]:
    empty = tmp_path / "nltk_data"
    empty.mkdir(exist_ok=True)
    out = tmp_path / f"out-{seed}"
    env = {
        "NLTK_DATA": str(empty),
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path),
        "PYTHONHASHSEED": seed,
        "MPLBACKEND": "Agg",
    }
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEED_DIR), str(out)],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert "network access attempted" not in proc.stderr
    assert "network attempts: 0" in proc.stderr, proc.stderr[-2000:]
    return proc.stdout, out


def test_pipeline_and_report_offline_and_byte_identical_across_hash_seeds(tmp_path: Path):
    stdout1, out1 = _run(tmp_path, "1")
    stdout2, out2 = _run(tmp_path, "4242")
    assert '"spans"' in stdout1 and '"alignment"' in stdout1
    files1 = sorted(p.name for p in out1.iterdir())
    assert {"report.json", "report.md", "report.html"} <= set(files1)
    assert any(n.endswith(".png") for n in files1) and any(n.endswith(".svg") for n in files1)
    assert files1 == sorted(p.name for p in out2.iterdir())
    assert stdout1 == stdout2, "compare JSON / extract JSONL differ between hash seeds"
    for name in files1:
        assert (out1 / name).read_bytes() == (out2 / name).read_bytes(), name
