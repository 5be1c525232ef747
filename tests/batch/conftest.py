"""Fixtures for batch extraction: small real corpora copied into a temporary folder."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from framing.ingest import load
from tests.conftest import SEED_DIR, SHARED_DATA

POLNEAR_DEV = SHARED_DATA / "polnear" / "data" / "dev" / "text"


def seed_paragraphs() -> list[str]:
    """Body paragraphs (8 words or more) of the two seed articles, in file order."""
    out = []
    for article in load(SEED_DIR):
        body = article.text[article.body_start :]
        out += [p.strip() for p in body.split("\n") if len(p.split()) >= 8]
    return out


def write_paragraph_jsonl(path: Path, n: int) -> list[str]:
    """Write ``n`` records ``{"id": "pNN", "outlet", "text"}`` of real paragraphs; return ids."""
    paragraphs = seed_paragraphs()
    ids = [f"p{i:02d}" for i in range(n)]
    with path.open("w", encoding="utf-8") as fh:
        for i, rid in enumerate(ids):
            outlet = "TROIB News" if i % 2 else "IANS"
            text = paragraphs[i % len(paragraphs)]
            fh.write(json.dumps({"id": rid, "outlet": outlet, "text": text}) + "\n")
    return ids


@pytest.fixture()
def corpus(tmp_path: Path) -> Path:
    """A folder with the two seed articles and, when the gold data is there, 3 PolNeAR ones."""
    folder = tmp_path / "corpus"
    folder.mkdir()
    for f in sorted(SEED_DIR.glob("*.txt")):
        shutil.copy(f, folder / f.name)
    if POLNEAR_DEV.is_dir():
        for f in sorted(POLNEAR_DEV.glob("*.txt"))[:3]:
            shutil.copy(f, folder / f.name)
    return folder


@pytest.fixture()
def paragraphs_jsonl(tmp_path: Path) -> Path:
    """Eight short real articles (seed paragraphs) in one JSONL file."""
    path = tmp_path / "paragraphs.jsonl"
    write_paragraph_jsonl(path, 8)
    return path
