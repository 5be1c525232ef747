"""``sentences_of`` (sentence of many offsets) and the lexical metrics' token passes."""

from __future__ import annotations

from framing.features.base import sentences_of
from framing.features.lexical import lexical_metrics, stopwords
from framing.text import process
from framing.types import Article, Document, Sentence


def test_sentences_of_is_sentence_of(troib: Article, ians: Article) -> None:
    for article in (troib, ians):
        doc = process(article)
        offsets = [t.start for t in doc.tokens] + [t.end for t in doc.tokens]
        offsets += [0, len(doc.text), len(doc.text) + 50, doc.sentences[1].start - 1]
        got = sentences_of(doc, offsets)
        assert got == [doc.sentence_of(o) for o in offsets]
        assert len(set(got)) == len(doc.sentences)  # every sentence is met


def test_sentences_of_hand_made_documents() -> None:
    # offsets before the first sentence, between sentences, on a boundary, an empty
    # sentence, two sentences starting together, starts out of order, no sentences
    text = "   Ab cd. Ef. Gh ij kl."
    article = Article(id="h", outlet="x", text=text)
    offsets = list(range(-2, len(text) + 3))
    layouts = [
        (Sentence(0, 3, 9, text[3:9]), Sentence(1, 10, 10, ""), Sentence(2, 10, 13, text[10:13])),
        (Sentence(0, 3, 9, text[3:9]), Sentence(1, 3, 9, text[3:9]), Sentence(2, 14, 23, "x" * 9)),
        (Sentence(0, 14, 23, text[14:23]), Sentence(1, 3, 9, text[3:9])),  # not in text order
        (),
    ]
    for sentences in layouts:
        doc = Document(article, sentences, ())
        assert sentences_of(doc, offsets) == [doc.sentence_of(o) for o in offsets]
    assert sentences_of(Document(article, (), ()), [0, 5]) == [-1, -1]


def test_lexical_metrics_count_the_tokens(troib: Article) -> None:
    # the counts read from the tokens one by one
    doc = process(troib)
    words = [t.text for t in doc.tokens if any(c.isalnum() for c in t.text)]
    content = [
        t.text
        for t in doc.tokens
        if any(c.isalpha() for c in t.text) and t.text.lower() not in stopwords()
    ]
    got = lexical_metrics(doc)
    assert got["lexical:words"] == len(words) > 300
    assert got["lexical:content_words"] == len(content) > 100
    assert got["lexical:vocabulary"] == len({w.lower() for w in content})
    assert got["lexical:word_length"] == round(sum(len(w) for w in words) / len(words), 4)
    assert got["lexical:type_token_ratio"] == round(
        len({w.lower() for w in content}) / len(content), 4
    )


def test_norm_words_lower_each_token_alone(troib: Article, ians: Article) -> None:
    # lower-casing all tokens joined by newlines gives each token's own lower case, also for
    # letters whose lower case depends on their neighbours (final sigma), grows (dotted I),
    # and for combining marks and apostrophes next to the token boundaries
    from framing.features.base import norm_words, sentence_tokens

    hostile = Article(
        id="h",
        outlet="x",
        text="ΟΔΟΣ Σ ΣΑΣ’ Σ’Σ. İSTANBUL’S İ Ǆ ǅ. ΑΣ\u0301 Σ\u0301Α x\u0301Σ ’Σ’ Straße’s "
        "O’NEILL ΣΣ. Iran’s envoy didn’t (ΌΣΟ) «ΣΑ» 3Σ Σ3.",
    )
    for article in (troib, ians, hostile):
        doc = process(article)
        got = norm_words(doc)
        want = tuple(
            [t.text.lower().replace("’", "'") for t in toks] for toks in sentence_tokens(doc)
        )
        assert got == want
        assert norm_words(doc) is got  # kept for the same document
    assert any("ς" in w or "σ" in w for words in got for w in words)
