"""The attribution engine's quotation of every token: by bisection per quotation when the
quotations are in order, as the reference scan of tokens and quotations finds it."""

from __future__ import annotations

from framing.features._attribution_rules import _Engine, _in_quote_reference
from framing.features.attribution import AttributionFeatures
from framing.text import process
from framing.types import Article, Document, TextRef

HOSTILE = (
    "“He said” “no.” He said: “a ‘nested’ quote” and \"straight\" ones ''  \"\" “” “unclosed\n"
    "“Two” “quotes”touching“here” — and “a «guillemet» one”."
)


def _in_quote(doc: Document) -> list[int]:
    ext = AttributionFeatures().fit()
    return _Engine(doc, ext.lexicons_, min_quote_words=ext.min_quote_words, model=None).in_quote


def test_in_quote_equals_the_reference_scan(troib: Article, ians: Article) -> None:
    texts = [troib.text, ians.text, HOSTILE, "No quotation at all."]
    for text in texts:
        doc = process(Article(id="q", outlet="q", text=text))
        starts = [t.start for t in doc.tokens]
        expected = _in_quote_reference(doc.tokens, starts, doc.quotes)
        assert _in_quote(doc) == expected
    assert all(k == -1 for k in expected)  # the last text has none
    doc = process(troib)
    assert any(k >= 0 for k in _in_quote(doc))  # the seed quotes Baghaei


def test_in_quote_of_overlapping_quotations_is_the_reference_scan(troib: Article) -> None:
    # quotations out of order or overlapping (a document built by hand) take the scan
    doc = process(troib)
    quotes = list(doc.quotes)
    assert len(quotes) >= 2
    text = doc.text
    wide = TextRef.of(text, quotes[0].start, quotes[1].end)  # holds both
    for qs in ([quotes[1], quotes[0]], [wide, *quotes], [*quotes, wide]):
        odd = Document(doc.article, doc.sentences, doc.tokens, tuple(qs))
        starts = [t.start for t in odd.tokens]
        assert _in_quote(odd) == _in_quote_reference(odd.tokens, starts, odd.quotes)
