"""Scale hostility: enormous inputs are refused clearly and cheaply; long but legal ones work.

Timing is not asserted here (see ``benchmarks/hostile.py`` and ``docs/reliability.md`` for the
measured growth per doubling); these tests check correctness at size and the limits' errors.
"""

from __future__ import annotations

import json
import tracemalloc
from pathlib import Path

import pytest

from framing.errors import IngestError
from framing.ingest import load_many
from framing.ingest.decode import MAX_ARTICLE_FILE_BYTES, MAX_PAGE_BYTES
from framing.pipeline import extract
from framing.text import process
from framing.types import MAX_ARTICLE_CHARS, Article

WORDS = ["Iran", "rejects", "claims", "that", "its", "envoy", "met", "Musk", "in", "secret"]


def _long_sentence(n_words: int) -> str:
    return " ".join(WORDS[i % len(WORDS)] for i in range(n_words)) + "."


def _check_offsets(text: str, fs) -> None:
    doc = fs.document
    previous = 0
    for sent in doc.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert text[previous : sent.start].strip() == ""
        previous = sent.end
    assert text[previous:].strip() == ""
    for tok in doc.tokens:
        assert text[tok.start : tok.end] == tok.text
    for span in fs.spans:
        assert text[span.start : span.end] == span.text
    for attr in fs.attributions:
        for part in (attr.source, attr.cue, attr.content):
            if part is not None:
                assert text[part.start : part.end] == part.text


def test_limits_are_ordered() -> None:
    assert 1_000_000 <= MAX_ARTICLE_CHARS <= 10_000_000  # "a few MB" of news text
    assert MAX_ARTICLE_FILE_BYTES == 4 * MAX_ARTICLE_CHARS  # UTF-8/16/32 use <= 4 bytes a char
    assert MAX_PAGE_BYTES >= MAX_ARTICLE_FILE_BYTES


def test_article_over_the_limit_names_article_and_file() -> None:
    text = "a" * (MAX_ARTICLE_CHARS + 1)
    with pytest.raises(IngestError) as err:
        Article(id="huge", outlet="x", text=text, meta={"path": "big.jsonl", "record": 3})
    msg = str(err.value)
    assert msg.startswith("big.jsonl:3: ") and "'huge'" in msg and "MAX_ARTICLE_CHARS" in msg
    Article(id="edge", outlet="x", text="a" * MAX_ARTICLE_CHARS)  # the limit itself is fine


def test_50_mb_text_file_is_refused_from_its_size_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "huge.txt"
    with big.open("wb") as fh:  # a sparse 50 MB file: stat says 50 MB, no disk used
        fh.truncate(50 * 1024 * 1024)
    good = tmp_path / "good.txt"
    good.write_text("Iran denied the meeting took place.\n", encoding="utf-8")
    tracemalloc.start()
    try:
        result = load_many([big, good])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert [a.text for a in result.articles] == ["Iran denied the meeting took place.\n".strip()]
    [err] = result.errors
    assert err.path == str(big)
    assert "52,428,800 bytes" in str(err) and "MAX_ARTICLE_FILE_BYTES" in str(err)
    assert peak < 5 * 1024 * 1024, f"refusing a 50 MB file used {peak:,} bytes"


def test_50_mb_html_page_is_refused_from_its_size(tmp_path: Path) -> None:
    big = tmp_path / "page.html"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)
    [err] = load_many([big]).errors
    assert err.path == str(big) and "MAX_PAGE_BYTES" in str(err)


def test_record_over_the_article_limit_is_refused_and_the_batch_continues(tmp_path: Path) -> None:
    p = tmp_path / "batch.jsonl"
    lines = [
        {"id": "ok1", "text": "Iran denied it."},
        {"id": "huge", "text": "word " * (MAX_ARTICLE_CHARS // 5 + 1)},
        {"id": "ok2", "text": "Musk said nothing."},
    ]
    p.write_text("".join(json.dumps(r) + "\n" for r in lines), encoding="utf-8")
    result = load_many([p])
    assert [a.id for a in result.articles] == ["ok1", "ok2"]
    [err] = result.errors
    assert err.path == str(p) and err.record == 2 and "'huge'" in str(err)


def test_200000_character_sentence_through_text_and_extraction() -> None:
    text = _long_sentence(37_100)
    n_words = text.count(" ") + 1
    assert len(text) >= 200_000
    fs = extract(Article(id="long", outlet="x", text=text))
    assert len(fs.document.sentences) == 1  # no sentence punctuation until the final period
    assert len(fs.document.tokens) == n_words + 1  # every word, and the period
    # the lexicon's secrecy phrase "in secret" is found wherever it occurs, even at size
    secret = [s for s in fs.spans if s.feature == "loaded" and s.text == "in secret"]
    assert len(secret) == text.count("in secret")
    _check_offsets(text, fs)


def test_100000_quote_marks_through_text_and_extraction() -> None:
    marks = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb"]
    body = " ".join(f"{marks[i % 8]}w{marks[(i + 3) % 8]}" for i in range(50_000))
    text = f"Officials said {body} and Iran denied it."
    n_marks = sum(text.count(m) for m in marks)
    assert n_marks >= 100_000
    fs = extract(Article(id="q", outlet="x", text=text))
    assert sum(1 for t in fs.document.tokens if t.text == "w") == 50_000
    _check_offsets(text, fs)


def test_unbalanced_quote_marks_alone() -> None:
    text = "He said \u201c" + '"' * 20_000 + " and stopped."
    doc = process(Article(id="u", outlet="x", text=text))
    assert doc.tokens[-1].text == "." and doc.tokens[-2].text == "stopped"
    _check_offsets(text, extract(Article(id="u", outlet="x", text=text)))


def _peak(text: str) -> int:
    """Peak bytes Python allocates extracting ``text`` (tracemalloc; no time measured)."""
    article = Article(id="m", outlet="x", text=text)
    extract(Article(id="warm", outlet="x", text=text[:2000]))  # models loaded before tracing
    tracemalloc.start()
    try:
        extract(article)
        return tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()


@pytest.mark.parametrize(
    "make",
    [
        pytest.param(lambda n: _long_sentence(n // 6), id="long sentence"),
        pytest.param(lambda n: "".join("\u201cw\u201d " for _ in range(n // 4)), id="quote marks"),
        pytest.param(lambda n: "It rained. " * (n // 11), id="short sentences"),
    ],
)
def test_memory_grows_linearly(make) -> None:
    # doubling the input at most about doubles the peak (2.0 is linear, 4.0 quadratic)
    small, large = _peak(make(20_000)), _peak(make(40_000))
    assert large / small < 2.6, f"peak grew {large / small:.2f}x for twice the text"
