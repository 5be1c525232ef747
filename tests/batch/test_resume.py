"""A batch run killed with SIGKILL resumes: no chunk redone that was finished, none lost."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from framing.batch import extract_corpus
from tests.batch.conftest import write_paragraph_jsonl
from tests.conftest import ROOT

pq = pytest.importorskip("pyarrow.parquet")

N_ARTICLES, CHUNK = 30, 2
N_CHUNKS = N_ARTICLES // CHUNK


def _journal_lines(path: Path) -> int:
    try:
        return sum(1 for line in path.read_text().splitlines() if line.endswith("}"))
    except OSError:
        return 0


def test_killed_run_resumes_to_the_uninterrupted_output(tmp_path: Path):
    records = tmp_path / "records.jsonl"
    ids = write_paragraph_jsonl(records, N_ARTICLES)
    out = tmp_path / "features.parquet"
    journal = tmp_path / "features.parquet.parts" / "done.jsonl"
    command = [sys.executable, "-m", "framing", "extract", str(records), "-o", str(out),
               "--jobs", "1", "--chunk-size", str(CHUNK), "--quiet"]
    proc = subprocess.Popen(command, cwd=ROOT, start_new_session=True,
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 120
        while _journal_lines(journal) < 3 and proc.poll() is None:
            assert time.monotonic() < deadline, "the batch run wrote no parts in 120 s"
            time.sleep(0.05)
        os.killpg(proc.pid, signal.SIGKILL)
    finally:
        proc.wait()
        proc.stderr.close()
    assert proc.returncode == -signal.SIGKILL, "the run finished before it could be killed"
    finished = _journal_lines(journal)
    assert 3 <= finished < N_CHUNKS and not out.exists()

    resumed = extract_corpus([records], out, jobs=1, chunk_size=CHUNK)
    assert resumed.chunks_resumed >= finished
    assert resumed.chunks_run + resumed.chunks_resumed == N_CHUNKS
    table = pq.read_table(out)
    assert table.column("id").to_pylist() == ids  # each article once, in input order

    whole = extract_corpus([records], tmp_path / "whole.parquet", jobs=1, chunk_size=CHUNK)
    assert whole.chunks_run == N_CHUNKS
    assert table.equals(pq.read_table(tmp_path / "whole.parquet"))

    again = extract_corpus([records], out, jobs=1, chunk_size=CHUNK)
    assert again.chunks_run == 0 and again.n_articles == N_ARTICLES
