"""A long article is tagged in batches of sentences, with the same tags as all at once."""

from __future__ import annotations

from framing.text import TAG_BATCH_TOKENS, process
from framing.text.tagger import load_tagger
from framing.types import Article


def test_batched_tags_equal_tagging_all_sentences_at_once(troib, ians):
    body = troib.text + "\n\n" + ians.text
    text = "\n\n".join([body] * 40)  # the seed story forty times: several batches
    doc = process(Article(id="long", outlet="T", text=text))
    words = [[t.text for t in doc.tokens_of(s.index)] for s in doc.sentences]
    assert sum(map(len, words)) > 2 * TAG_BATCH_TOKENS
    expected = load_tagger().tag_sentences(words)
    got = [[t.pos for t in doc.tokens_of(s.index)] for s in doc.sentences]
    assert got == expected


def test_empty_and_short_articles_are_tagged():
    assert process(Article(id="e", outlet="T", text="")).tokens == ()
    doc = process(Article(id="s", outlet="T", text="Iran denied it."))
    assert [t.pos for t in doc.tokens] == ["NNP", "VBD", "PRP", "."]
