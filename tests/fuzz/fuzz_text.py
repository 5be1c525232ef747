"""Fuzz target: arbitrary Unicode text -> sentences, tokens and every feature extractor.

The input bytes are decoded as UTF-8, invalid bytes becoming U+FFFD, so every code point but
a lone surrogate can occur and the seed corpus is plain text. Any exception other than
:class:`~framing.errors.FramingError` is a crash, and so is an offset that does not point at
its text, or sentences that do not tile the text.

Run (atheris extra: ``pip install atheris``)::

    python tests/fuzz/fuzz_text.py -max_total_time=60 NEW_CORPUS_DIR tests/fuzz/corpus/text
"""

from __future__ import annotations

import json
import sys

import atheris

with atheris.instrument_imports(include=["framing.text", "framing.types"]):
    from framing.errors import FramingError
    from framing.pipeline import extract
    from framing.types import Article


def check_text(data: bytes) -> None:
    """Run ``data`` as article text through the pipeline; assert the offset guarantees."""
    text = data.decode("utf-8", errors="replace")
    try:
        article = Article(id="fuzz", outlet="fuzz", text=text)
    except FramingError:
        assert not text.strip(), "a non-blank text refused"
        return
    fs = extract(article)
    previous = 0
    for sent in fs.document.sentences:
        assert text[sent.start : sent.end] == sent.text, sent
        assert sent.start >= previous and not text[previous : sent.start].strip(), sent
        previous = sent.end
    assert not text[previous:].strip(), "text left after the last sentence"
    for tok in fs.document.tokens:
        assert text[tok.start : tok.end] == tok.text, tok
    for span in fs.spans:
        assert text[span.start : span.end] == span.text, span
    for attr in fs.attributions:
        for part in (attr.source, attr.cue, attr.content):
            if part is not None:
                assert text[part.start : part.end] == part.text, attr
    json.dumps(fs.to_dict(), allow_nan=False)


def main() -> None:
    """Run the fuzzer with libFuzzer's command-line options."""
    atheris.Setup(sys.argv, check_text)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
