"""The text stage: an :class:`~framing.types.Article` becomes a :class:`~framing.types.Document`.

Sentences, word tokens with part-of-speech tags and quotations, all as character offsets
into the article's canonical text. Fully offline: nothing is downloaded.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Callable, Sequence
from itertools import chain, repeat

from framing.text.segment import sentence_spans, split_sentences, word_spans
from framing.text.voice import VoiceMap, find_quotes
from framing.types import Article, Document, Sentence, Token

__all__ = [
    "VoiceMap",
    "find_quotes",
    "process",
    "sentence_spans",
    "split_sentences",
    "word_spans",
]


TAG_BATCH_TOKENS = 20_000
"""Sentences are tagged in batches of about this many tokens: the tagger holds arrays of
about 1.2 KB per token of a batch, so a very long article (up to the 2,000,000-character
limit) is tagged in bounded memory; an ordinary article (under 2,000 tokens) is one batch.
Each sentence is tagged on its own, so the batching changes no tag."""


def _tag_in_batches(
    tag_sentences: Callable[[Sequence[Sequence[str]]], list[list[str]]],
    words: list[list[str]],
) -> list[list[str]]:
    """``tag_sentences(words)``, called on runs of sentences of about
    :data:`TAG_BATCH_TOKENS` tokens (a longer sentence is a batch of its own)."""
    tags: list[list[str]] = []
    start = size = 0
    for k, sentence in enumerate(words):
        size += len(sentence)
        if size >= TAG_BATCH_TOKENS:
            tags += tag_sentences(words[start : k + 1])
            start, size = k + 1, 0
    if start < len(words) or not tags:
        tags += tag_sentences(words[start:])
    return tags


def process(article: Article, *, tag: bool = True) -> Document:
    """Split an article into sentences and tokens, tag them and find its quotations.

    Parameters
    ----------
    article : Article
        The article to process.
    tag : bool
        Whether to run the part-of-speech tagger (tags are ``""`` when False).

    Returns
    -------
    Document

    Examples
    --------
    >>> from framing.types import Article
    >>> doc = process(Article(id="a", outlet="X", text="Iran denied it. Musk said “no”."))
    >>> [s.text for s in doc.sentences]
    ['Iran denied it.', 'Musk said “no”.']
    >>> [t.pos for t in doc.tokens][:3]
    ['NNP', 'VBD', 'PRP']
    """
    text = article.text
    sentences = tuple(split_sentences(text, body_start=article.body_start))
    spans = [word_spans(text, sent.start, sent.end) for sent in sentences]
    words = [[text[s:e] for s, e in sent_spans] for sent_spans in spans]
    if tag:
        from framing.text.tagger import load_tagger

        tags = _tag_in_batches(load_tagger().tag_sentences, words)
    else:
        tags = [[""] * len(w) for w in words]
    return Document(
        article, sentences, _tokens(sentences, spans, words, tags), tuple(find_quotes(text))
    )


# The slots of a Token, set through their descriptors (as Token._trusted sets them)
_SET_START, _SET_END, _SET_TEXT, _SET_POS, _SET_SENTENCE = (
    Token.__dict__[name].__set__ for name in ("start", "end", "text", "pos", "sentence")
)


def _tokens(
    sentences: Sequence[Sentence],
    spans: Sequence[Sequence[tuple[int, int]]],
    words: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
) -> tuple[Token, ...]:
    """The tokens of the text stage, as :func:`_tokens_reference` makes them.

    The offsets are regular-expression match offsets in the text, so no check is needed:
    every token is made empty and each of its five slots is filled in one pass over all
    the tokens (C loops: no Python call per token, unlike ``Token._trusted``).
    """
    for sent_spans, sent_words, sent_tags in zip(spans, words, tags, strict=True):
        if not len(sent_spans) == len(sent_words) == len(sent_tags):
            raise ValueError("the spans, words and tags of a sentence differ in number")
    flat = list(chain.from_iterable(spans))
    n = len(flat)
    tokens = list(map(object.__new__, repeat(Token, n)))
    starts, ends = zip(*flat, strict=True) if flat else ((), ())
    index = chain.from_iterable(map(repeat, [s.index for s in sentences], map(len, spans)))
    for fill, values in (
        (_SET_START, starts),
        (_SET_END, ends),
        (_SET_TEXT, chain.from_iterable(words)),
        (_SET_POS, chain.from_iterable(tags)),
        (_SET_SENTENCE, index),
    ):
        deque(map(fill, tokens, values), maxlen=0)
    return tuple(tokens)


def _tokens_reference(
    sentences: Sequence[Sentence],
    spans: Sequence[Sequence[tuple[int, int]]],
    words: Sequence[Sequence[str]],
    tags: Sequence[Sequence[str]],
) -> tuple[Token, ...]:
    """:func:`_tokens` one ``Token._trusted`` call per token."""
    new = Token._trusted  # offsets of regex matches in the text: no check needed
    tokens = []
    for sent, sent_spans, sent_words, sent_tags in zip(sentences, spans, words, tags, strict=True):
        index = sent.index
        tokens += [
            new(s, e, w, p, index)
            for (s, e), w, p in zip(sent_spans, sent_words, sent_tags, strict=True)
        ]
    return tuple(tokens)
