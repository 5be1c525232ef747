"""framing.text.process: tokens made by the text stage are ordinary, checked-equivalent Tokens."""

from __future__ import annotations

import dataclasses

import pytest

from framing.errors import OffsetError
from framing.text import process
from framing.types import Article, Token


def test_tokens_equal_checked_tokens(troib: Article) -> None:
    doc = process(troib)
    assert len(doc.tokens) > 300
    for token in doc.tokens:
        assert type(token) is Token
        assert troib.text[token.start : token.end] == token.text
        assert token == Token(token.start, token.end, token.text, token.pos, token.sentence)
        assert hash(token) == hash(Token(*dataclasses.astuple(token)))
    with pytest.raises(dataclasses.FrozenInstanceError):
        doc.tokens[0].pos = "NN"  # type: ignore[misc]


def test_tokens_of_a_short_article() -> None:
    # read off the text: 5 tokens in 2 sentences, "it" is a pronoun
    doc = process(Article(id="a", outlet="X", text="Iran denied it. Musk"))
    assert [(t.start, t.end, t.text, t.sentence) for t in doc.tokens] == [
        (0, 4, "Iran", 0),
        (5, 11, "denied", 0),
        (12, 14, "it", 0),
        (14, 15, ".", 0),
        (16, 20, "Musk", 1),
    ]
    assert doc.tokens[2].pos == "PRP" and doc.tokens[3].pos == "."
    untagged = process(Article(id="a", outlet="X", text="Iran denied it. Musk"), tag=False)
    assert [t.pos for t in untagged.tokens] == [""] * 5


def test_public_constructor_still_checks_offsets() -> None:
    with pytest.raises(OffsetError):
        Token(5, 2, "x", "NN", 0)
