"""Batch extraction writes what framing.pipeline.extract gives, per article, in input order."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

import pytest

from framing.batch import OutputExistsError, extract_corpus
from framing.cli import main
from framing.ingest import load_many
from framing.pipeline import extract
from framing.report import record_json

pq = pytest.importorskip("pyarrow.parquet")


def _digests(folder: Path) -> dict[str, str]:
    return {p.name: hashlib.sha256(p.read_bytes()).hexdigest() for p in folder.iterdir()}


def test_parquet_rows_match_extract_per_article(corpus: Path, paragraphs_jsonl: Path, tmp_path):
    before = _digests(corpus)
    out = tmp_path / "out" / "features.parquet"
    result = extract_corpus([corpus, paragraphs_jsonl], out, jobs=1, chunk_size=3)
    expected = load_many([corpus, paragraphs_jsonl]).articles
    assert result.ok and result.n_articles == len(expected) == len(list(corpus.iterdir())) + 8
    table = pq.read_table(out)
    rows = table.to_pylist()
    assert [r["id"] for r in rows] == [a.id for a in expected]  # input order
    for row, article in zip(rows, expected, strict=True):
        features = extract(article)
        assert row["outlet"] == article.outlet and row["title"] == article.title
        assert row["date"] == article.date and row["text"] == article.text
        assert row["n_sentences"] == len(features.document.sentences)
        assert row["n_words"] == features.metrics["lexical:words"]
        assert row["hedge_per_100_words"] == features.metrics["hedge:per_100_words"]
        assert row["loaded_count"] == features.metrics["loaded:count"]
        record = features.to_dict()
        for key in ("spans", "attributions", "sentences", "versions", "meta", "removed"):
            assert json.loads(row[key]) == record[key], key
        for span in json.loads(row["spans"]):
            assert row["text"][span["start"] : span["end"]] == span["text"]
    metrics = json.loads(table.schema.metadata[b"framing.metrics"])
    assert metrics["hedge_per_100_words"] == "hedge:per_100_words"
    assert out.with_name("features.parquet.errors.jsonl").read_text() == ""
    assert not out.with_name("features.parquet.parts").exists()
    assert _digests(corpus) == before  # inputs never modified


def test_jsonl_lines_are_the_stdout_records(corpus: Path, tmp_path, capsys):
    out = tmp_path / "features.jsonl"
    assert main(["extract", str(corpus), "-o", str(out), "--jobs", "2", "--chunk-size", "1",
                 "--quiet"]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    expected = load_many([corpus]).articles
    assert lines == [record_json(extract(a)) for a in expected]
    assert main(["extract", str(corpus)]) == 0  # stdout mode unchanged
    assert capsys.readouterr().out.splitlines() == lines


def test_errors_file_lists_bad_inputs_and_the_rest_completes(tmp_path, capsys):
    from tests.conftest import IANS_FILE, SEED_DIR

    corpus = tmp_path / "in"
    corpus.mkdir()
    (corpus / IANS_FILE).write_bytes((SEED_DIR / IANS_FILE).read_bytes())
    (corpus / "zz-binary.txt").write_bytes(b"\x7fELF\x02\x01\x01\x00\x00\x00\x00binary")
    records = corpus / "zz-records.jsonl"
    records.write_text(
        '{"id": "r1", "outlet": "IANS", "text": "Iran denied that its envoy met Musk."}\n'
        '{"id": "r2", "text": \n'
        '{"id": "r3", "outlet": "RT", "text": "Tehran reportedly rejected the claims."}\n',
        encoding="utf-8",
    )
    out = tmp_path / "out.parquet"
    assert main(["extract", str(corpus), "-o", str(out), "-j", "1"]) == 1
    rows = pq.read_table(out).to_pylist()
    assert [r["id"] for r in rows] == ["004_09db77039b0ad837", "r1", "r3"]
    errors = [json.loads(line) for line in
              out.with_name("out.parquet.errors.jsonl").read_text().splitlines()]
    assert [(Path(e["file"]).name, e["record"], e["error"]) for e in errors] == [
        ("zz-binary.txt", None, "IngestError"),
        ("zz-records.jsonl", 2, "IngestError"),
    ]
    assert "binary" in errors[0]["message"] and "malformed JSON" in errors[1]["message"]
    err = capsys.readouterr().err
    assert "zz-binary.txt" in err and "zz-records.jsonl:2" in err and "Traceback" not in err


def test_second_run_does_no_work_and_other_commands_are_refused(
    paragraphs_jsonl: Path, corpus: Path, tmp_path
):
    out = tmp_path / "p.jsonl"
    first = extract_corpus([paragraphs_jsonl], out, jobs=1, chunk_size=3)
    assert (first.n_chunks, first.chunks_run, first.n_articles) == (3, 3, 8)
    stamp = out.stat().st_mtime_ns
    again = extract_corpus([paragraphs_jsonl], out, jobs=1, chunk_size=3)
    assert (again.chunks_run, again.chunks_resumed, again.n_articles) == (0, 3, 8)
    assert out.stat().st_mtime_ns == stamp
    with pytest.raises(OutputExistsError, match="different command"):
        extract_corpus([corpus], out, jobs=1, chunk_size=3)
    assert main(["extract", str(corpus), "-o", str(out), "-q"]) == 2
    assert out.stat().st_mtime_ns == stamp
    foreign = tmp_path / "notes.jsonl"
    foreign.write_text("mine\n")
    with pytest.raises(OutputExistsError, match="refusing to overwrite"):
        extract_corpus([paragraphs_jsonl], foreign, jobs=1)
    assert foreign.read_text() == "mine\n"
    replaced = extract_corpus([paragraphs_jsonl], foreign, jobs=1, overwrite=True)
    assert replaced.n_articles == 8
    assert foreign.read_bytes() == out.read_bytes()  # chunking does not change the output
