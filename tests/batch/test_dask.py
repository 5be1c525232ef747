"""The Dask engine gives the same output as the local engine."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.batch import extract_corpus

pq = pytest.importorskip("pyarrow.parquet")
distributed = pytest.importorskip(
    "distributed", reason="the dask engine needs dask[distributed] (extra dask)"
)


@pytest.fixture(scope="module")
def cluster():
    with distributed.LocalCluster(n_workers=1, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as c:
        yield c


def test_dask_engine_matches_local_engine(paragraphs_jsonl: Path, tmp_path, cluster):
    from tests.conftest import SEED_DIR

    inputs = [SEED_DIR, paragraphs_jsonl]
    for name in ("out.jsonl", "out.parquet"):
        local = extract_corpus(inputs, tmp_path / "local" / name, jobs=1, chunk_size=3)
        dask = extract_corpus(inputs, tmp_path / "dask" / name, engine="dask",
                              scheduler=cluster.scheduler_address, chunk_size=3, max_in_flight=2)
        assert dask.engine == "dask" and dask.chunks_run == local.chunks_run > 1
        assert dask.n_articles == local.n_articles
    assert (tmp_path / "dask" / "out.jsonl").read_bytes() == (
        tmp_path / "local" / "out.jsonl").read_bytes()
    assert pq.read_table(tmp_path / "dask" / "out.parquet").equals(
        pq.read_table(tmp_path / "local" / "out.parquet"))
