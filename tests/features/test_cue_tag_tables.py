"""Cue templates over tag channels only, read from tables by tag rows: the same logits.

:meth:`CueVectorizer.logits` reads the rows of the templates of several values that look at
tags only (``p-1p=``, ``z:p-2p-1p=`` ...) from tables over every combination of tag rows;
:meth:`CueVectorizer.logits_reference` looks every template up in the hash table of keys.
The sums must be the same bits.
"""

from __future__ import annotations

import numpy as np
import pytest

from framing.features._attribution_lexicons import _load_lexicons
from framing.features._cue_vectors import CueVectorizer, load_cue_vectorizer
from framing.features.attribution_model import cue_lexicon_maps, load_cue_tagger, quote_flags
from framing.text import process
from framing.types import Article, Document, Token


def _sentences(doc: Document) -> tuple[list[tuple[Token, ...]], list[list[bool]]]:
    sents = [doc.tokens_of(i) for i in range(len(doc.sentences))]
    return sents, [quote_flags(s, doc.quotes) for s in sents]


def _toks(words: list[str], pos: list[str]) -> tuple[Token, ...]:
    out = []
    at = 0
    for w, p in zip(words, pos, strict=True):
        out.append(Token(at, at + len(w), w, p, 0))
        at += len(w) + 1
    return tuple(out)


def _same(vec: CueVectorizer, sents, inq) -> None:
    got, lex = vec.logits(sents, inq)
    want, lex_ref = vec.logits_reference(sents, inq)
    assert np.array_equal(got, want)  # bit for bit
    assert np.array_equal(lex, lex_ref)


def test_the_shipped_model_has_tag_only_templates() -> None:
    vec = load_cue_vectorizer()
    assert sum(int(t.sum()) for t in vec._tag_only) >= 4
    # and templates that read words, looked up by key
    assert sum(int((~t).sum()) for t in vec._tag_only) >= 4


@pytest.mark.parametrize("tag", [True, False], ids=["tagged", "untagged"])
def test_seed_logits_equal_the_reference(troib: Article, ians: Article, tag: bool) -> None:
    vec = load_cue_vectorizer()
    for art in (troib, ians):
        sents, inq = _sentences(process(art, tag=tag))
        assert sum(map(len, sents)) > 100
        _same(vec, sents, inq)


def test_hostile_text_and_new_tags_equal_the_reference(troib: Article) -> None:
    # tags the tag table has not met (and empty tags) grow it: the tables are made again
    lex = _load_lexicons()
    vec = CueVectorizer(load_cue_tagger(), cue_lexicon_maps(lex.verbs, lex.sources))
    sents, inq = _sentences(process(troib))
    _same(vec, sents, inq)
    first = vec._tag_tables[0]
    odd = [
        _toks(["Baghaei", "firmly", "rejected", "the", "reports"], ["NNP", "", "VBD", "", "NNS"]),
        _toks(["It", "said", "so", "\u201c", "x"], ["XX", "VBD|NN", "RB", "``", "-LRB-"]),
        _toks(["!!!", "\u202e", "said"], ["ZZZ", "ZZZ", "VBD"]),
    ]
    _same(vec, odd, [[False] * 5, [True] * 5, [False] * 3])
    assert vec._tag_tables[0] is not first  # the tag table grew: new tables
    text = "He said: \u201cNo.\u201d She denied it. \u201cYes,\u201d they claimed, citing sources."
    sents, inq = _sentences(process(Article(id="h", outlet="H", text=text)))
    _same(vec, sents, inq)


def test_an_emptied_tag_table_gives_the_same_logits(troib: Article, ians: Article) -> None:
    lex = _load_lexicons()
    vec = CueVectorizer(load_cue_tagger(), cue_lexicon_maps(lex.verbs, lex.sources), cache_limit=3)
    for art in (troib, ians, troib):
        sents, inq = _sentences(process(art))
        _same(vec, sents, inq)


def test_many_tags_fall_back_to_keys(monkeypatch: pytest.MonkeyPatch, troib: Article) -> None:
    # past the size limit of a table the templates are looked up by key: the same logits
    from framing.features import _cue_vectors

    monkeypatch.setattr(_cue_vectors, "_MAX_TAG_TABLE", 100)
    lex = _load_lexicons()
    vec = CueVectorizer(load_cue_tagger(), cue_lexicon_maps(lex.verbs, lex.sources))
    sents, inq = _sentences(process(troib))
    _same(vec, sents, inq)
    assert not any(vec._tag_tables[1])  # no table was made
