"""The whole pipeline runs with no NLTK data and no network."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from .conftest import SEED_DIR

SCRIPT = r"""
import socket, sys
def _blocked(*a, **k):
    raise OSError("network access attempted")
socket.socket.connect = _blocked
socket.create_connection = _blocked
socket.getaddrinfo = _blocked
import nltk
def _no_download(*a, **k):
    raise AssertionError("nltk.download called")
nltk.download = _no_download
from framing.cli import main
code = main(["compare", sys.argv[1], "--out", sys.argv[2]])
code2 = main(["extract", sys.argv[1]])
sys.exit(code or code2)
"""


def test_pipeline_with_empty_nltk_data_and_no_sockets(tmp_path: Path):
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    env = {"NLTK_DATA": str(empty), "PATH": "/usr/bin:/bin", "HOME": str(tmp_path)}
    proc = subprocess.run(
        [sys.executable, "-c", SCRIPT, str(SEED_DIR), str(tmp_path / "out")],
        env=env, capture_output=True, text=True, timeout=300, check=False,
    )
    assert proc.returncode == 0, proc.stderr[-2000:]
    assert (tmp_path / "out" / "report.json").is_file()
    assert '"spans"' in proc.stdout
