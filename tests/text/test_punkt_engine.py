"""Punkt's patterns on the standard-library engine give NLTK's sentences.

framing.text.segment runs NLTK's own Punkt patterns on ``re`` instead of the ``regex``
engine (with a timeout) NLTK runs them on, for texts whose characters both engines class
alike; the NLTK tokenizer stays the reference.
"""

from __future__ import annotations

import random
from pathlib import Path

import pytest

from framing.text import segment
from framing.text.segment import _classed_alike, _punkt, _punkt_stdlib, sentence_spans
from framing.types import Article

HOSTILE = [
    "Mr. Smith went to Washington. He said: “No.” Then left!? Yes... maybe.",
    "The U.S. and U.K. met on Nov. 11. J. R. R. Tolkien wrote it. It cost $3.5 bn. OK.",
    "“Stop.” ‘Go.’ (Really.) [Yes.] {No.} «Oui.» «Non»! -- dash. --Next. ...And so.",
    "Line one.\u2028Line two.\x85Line three.\u00a0Nbsp. Ideographic\u3000space. Tab.\tEnd.",
    "Numbers: 1,000.5. -3.2. .5 percent. 10.-20. v2.0. No. 5. Sec. 3(a). Fig. 2.",
    "Emoji \U0001f600. Right-to-left \u202eevil. Zero\u200bwidth. Αθήνα. Москва. 東京。Done.",
    "A.B.C. d.e.f. G. H. I said?! \"Who?\" 'Me.' ` backtick. ;colon: end.",
    "Wait . . . what? Ellipsis\u2026 Next. Long----dash. x" + "." * 50 + " y.",
    ".", "", " ", "?!", "a.b", "\n\n", "U.S.", "‘’“”", "1.", "Mr.", "...", "(.)",
]


def _same(text: str) -> None:
    fast, reference = _punkt_stdlib(), _punkt()
    assert fast is not None
    assert list(fast.span_tokenize(text)) == list(reference.span_tokenize(text))


def test_the_standard_library_copy_splits_hostile_text_as_nltk() -> None:
    for text in HOSTILE:
        assert _classed_alike(text)
        _same(text)


def test_the_standard_library_copy_splits_shuffled_pieces_as_nltk() -> None:
    # texts made of pieces of the hostile texts, shuffled (a fixed seed)
    rng = random.Random(8)
    pieces = " ".join(HOSTILE).split(" ")
    for _ in range(300):
        text = " ".join(rng.choice(pieces) for _ in range(rng.randint(1, 40)))
        _same(text)


def test_the_standard_library_copy_splits_the_seed_story_as_nltk(troib: Article, ians: Article):
    for article in (troib, ians):
        assert _classed_alike(article.text)
        for line in article.text.splitlines():
            _same(line)


def test_the_standard_library_copy_splits_polnear_as_nltk(shared_data: Path) -> None:
    texts = sorted((shared_data / "polnear" / "data" / "dev" / "text").glob("*.txt"))
    assert texts
    for path in texts:
        _same(path.read_text(encoding="utf-8"))


@pytest.mark.parametrize("char", ["\u00bd", "\u00b2", "e\u0301", "\x1c"])
def test_characters_the_engines_class_differently_go_through_nltk(char: str) -> None:
    # "½" and "²" are word characters to ``re`` (str.isalnum) but not to ``regex``; a
    # combining accent the other way round; U+001C is whitespace to ``re`` only
    import regex

    from framing.patterns import RE_CHAR_SPACE, RE_CHAR_WORD

    c = char[-1]
    differs = [
        (p.match(c) is None) != (regex.compile(p.pattern).match(c) is None)
        for p in (RE_CHAR_SPACE, RE_CHAR_WORD)
    ]
    assert any(differs)
    text = f"It rose by {char}. Mr. Musk met him{char}. The end."
    assert not _classed_alike(text) and c in segment._split_chars
    expected = [(s, e) for s, e in _punkt().span_tokenize(text)]
    assert sentence_spans(text) == expected
