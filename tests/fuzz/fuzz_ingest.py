"""Fuzz target: bytes as a file -> decoding, the text-file parser and the JSON record reader.

Any exception other than :class:`~framing.errors.FramingError` is a crash, and so is an
article whose removals do not point at the decoded source or whose JSON text is not kept
verbatim.

Run (atheris extra: ``pip install atheris``)::

    python tests/fuzz/fuzz_ingest.py -max_total_time=60 NEW_CORPUS_DIR tests/fuzz/corpus/ingest
"""

from __future__ import annotations

import sys

import atheris

with atheris.instrument_imports(include=["framing.ingest", "framing.types"]):
    from framing.errors import FramingError
    from framing.ingest.decode import decode_bytes, normalize_text
    from framing.ingest.jsonl import parse_records
    from framing.ingest.text import parse_text
    from framing.types import Article


def check_ingest(data: bytes) -> None:
    """Feed ``data`` to every ingestion entry point; raise AssertionError on a broken result."""
    try:
        text = decode_bytes(data, path="fuzz.txt")
    except FramingError:
        return
    try:
        article = parse_text(text, path="fuzz.txt")
    except FramingError:
        pass
    else:
        source = normalize_text(text)
        for r in article.removals:
            assert source[r.start : r.end] == r.text, r
        assert article.text.strip(), "an article with no text"
    for name in ("fuzz.json", "fuzz.jsonl"):
        try:
            for item in parse_records(text, path=name):
                if isinstance(item, Article):
                    assert isinstance(item.text, str) and item.text.strip(), item
                else:
                    assert isinstance(item, FramingError) and name in str(item)
        except FramingError:
            pass


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line options."""
    atheris.Setup(sys.argv, check_ingest)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
