"""The text stage's tokens made slot by slot equal those of one ``Token._trusted`` call each."""

from __future__ import annotations

import pytest

from framing.patterns import RE_TOKEN
from framing.text import _tokens, _tokens_reference, process, split_sentences, word_spans
from framing.text.segment import _match_span
from framing.types import Article, Token

_HOSTILE = (
    "“Don’t,” said Mr. O’Neil-Smith (R-Texas).\n\n"
    "İstanbul’s ΣΟΦΙΑ met 3.5m… people!!  Gen. X: 'no'.\t\u200bZero-width; e\u0301te\u0301.\n"
    "…\n"
    "Tabs\tand\u00a0no-break spaces, then an emoji 🙂 and U.S.-led talks."
)


def _parts(text: str) -> tuple[list, list, list, list]:
    sentences = split_sentences(text)
    spans = [word_spans(text, s.start, s.end) for s in sentences]
    words = [[text[a:b] for a, b in sent] for sent in spans]
    tags = [[f"T{k}" for k in range(len(w))] for w in words]
    return sentences, spans, words, tags


def _fields(tokens: tuple[Token, ...]) -> list[tuple[int, int, str, str, int]]:
    return [(t.start, t.end, t.text, t.pos, t.sentence) for t in tokens]


@pytest.mark.parametrize("which", ["troib", "ians", "hostile", "empty", "blank"])
def test_tokens_equal_the_reference(which: str, request: pytest.FixtureRequest) -> None:
    text = {"hostile": _HOSTILE, "empty": "", "blank": " \n\n \t"}.get(which)
    if text is None:
        text = request.getfixturevalue(which).text
    parts = _parts(text)
    fast, slow = _tokens(*parts), _tokens_reference(*parts)
    assert type(fast) is tuple
    assert fast == slow
    assert _fields(fast) == _fields(slow)
    assert all(type(t) is Token for t in fast)
    # the sentence index of each token is its sentence's (read from the offsets)
    for t in fast:
        s = parts[0][t.sentence]
        assert s.start <= t.start <= t.end <= s.end
    if which == "hostile":
        assert [t.text for t in fast][:4] == ["“", "Do", "n’t", ","]


def test_process_tokens_are_the_reference_tokens(troib: Article) -> None:
    doc = process(troib, tag=False)
    sentences, spans, words, _ = _parts(troib.text)
    tags = [[""] * len(w) for w in words]
    assert doc.tokens == _tokens_reference(sentences, spans, words, tags)
    assert [t.pos for t in process(troib).tokens][:2] != ["", ""]


def test_mismatched_sentence_parts_are_refused() -> None:
    sentences, spans, words, tags = _parts("Iran denied it. Musk said no.")
    tags[1] = tags[1][:-1]
    with pytest.raises(ValueError, match="differ in number"):
        _tokens(sentences, spans, words, tags)


def test_word_spans_are_the_match_spans_of_the_token_pattern() -> None:
    # no period: no abbreviation merging, so the spans are the pattern's matches as found
    text = _HOSTILE.replace(".", ";")
    assert word_spans(text) == [m.span() for m in RE_TOKEN.finditer(text)]
    assert [_match_span(m) for m in RE_TOKEN.finditer(text)] == [
        m.span() for m in RE_TOKEN.finditer(text)
    ]
