"""``sentence_tokens``: the tokens of every sentence, as ``Document.tokens_of`` gives them."""

from __future__ import annotations

from framing.features.base import sentence_tokens
from framing.text import process
from framing.types import Article, Document, Sentence, Token


def test_sentence_tokens_are_tokens_of_each_sentence(troib: Article, ians: Article) -> None:
    for article in (troib, ians):
        doc = process(article)
        got = sentence_tokens(doc)
        assert got == tuple(doc.tokens_of(s.index) for s in doc.sentences)
        assert sentence_tokens(doc) is got  # kept for the same document
        assert sum(map(len, got)) == len(doc.tokens)


def test_sentence_tokens_of_a_hand_made_document() -> None:
    # tokens between sentences, a sentence without tokens, a token across a boundary, no
    # sentences at all: the same as tokens_of (bisection by start offset)
    text = "Ab cd. Ef. Gh ij kl."
    article = Article(id="h", outlet="x", text=text)
    sentences = (
        Sentence(0, 0, 6, text[0:6]),
        Sentence(1, 7, 7, ""),
        Sentence(2, 7, 10, text[7:10]),
        Sentence(3, 11, 20, text[11:20]),
    )
    tokens = (
        Token(0, 2, "Ab", "NNP", 0),
        Token(3, 5, "cd", "NN", 0),
        Token(5, 8, ". E", "X", 0),  # across sentences 0 and 2
        Token(8, 9, "f", "NN", 2),
        Token(10, 11, " ", "X", 2),  # between sentences
        Token(14, 16, "ij", "NN", 3),
    )
    doc = Document(article, sentences, tokens)
    expected = tuple(doc.tokens_of(s.index) for s in sentences)
    assert sentence_tokens(doc) == expected
    assert [len(t) for t in expected] == [3, 0, 1, 1]  # read off the offsets above
    assert sentence_tokens(Document(article, (), tokens)) == ()
