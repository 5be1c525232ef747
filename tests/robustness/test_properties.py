"""Property-based tests (hypothesis): arbitrary text never crashes ingestion or extraction,
and every offset the toolkit emits points at the text it claims to."""

from __future__ import annotations

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.errors import FramingError
from framing.ingest.decode import decode_bytes, normalize_text
from framing.ingest.jsonl import article_from_record
from framing.ingest.text import parse_text
from framing.pipeline import extract
from framing.text import process
from framing.types import Article
from tests.robustness.evidence import assert_evidence_points_at_text

# Words and marks taken from the seed story, mixed with quote marks of every kind, dashes,
# control characters and arbitrary Unicode: the hostile mixtures real pages produce.
SEED_WORDS = [
    "Iran", "rejects", "claims", "that", "its", "envoy", "had", "a", "clandestine", "meeting",
    "with", "Musk", "said", "according", "to", "CBS", "News", "officials", "reportedly",
    "Baghaei", "firmly", "rejected", "the", "false", "reports", "It", "may", "not", "clear",
    "if", "Tehran", "Mr.", "U.S.", "Nov.", "16", "(IANS)", "citing", "two", "unnamed",
]
MARKS = ['"', "\u201c", "\u201d", "'", "\u2018", "\u2019", "\u00ab", "\u00bb", "--", "\u2014",
         ":", ".", "?", "!", ",", ";", "\n", "\n\n", "\r\n", "\t", "\x00", "\x0b", "\u2028",
         "\u200b", "\ufeff", " ", "  "]
token = st.one_of(
    st.sampled_from(SEED_WORDS),
    st.sampled_from(MARKS),
    st.text(min_size=1, max_size=6),
)
texts = st.lists(token, min_size=1, max_size=80).map(" ".join)
PROPS = settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow],
    derandomize=True,
)


def _check_document(text: str) -> None:
    doc = process(Article(id="h", outlet="x", text=text))
    previous_end = 0
    for sent in doc.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert sent.start >= previous_end, "sentences overlap or go backwards"
        assert text[previous_end : sent.start].strip() == "", "text left outside sentences"
        previous_end = sent.end
    assert text[previous_end:].strip() == ""
    for tok in doc.tokens:
        assert text[tok.start : tok.end] == tok.text
        sent = doc.sentences[tok.sentence]
        assert sent.start <= tok.start and tok.end <= sent.end


@PROPS
@given(texts)
def test_sentences_tile_the_text_and_tokens_point_at_it(text: str) -> None:
    if not text.strip():
        with pytest.raises(FramingError):
            Article(id="h", outlet="x", text=text)
        return
    _check_document(text)


@PROPS
@given(texts)
def test_every_extracted_span_and_attribution_points_at_its_text(text: str) -> None:
    if not text.strip():
        return
    fs = extract(Article(id="h", outlet="x", text=text))
    assert_evidence_points_at_text(fs, text)


@PROPS
@given(texts, st.sampled_from(["utf-8", "utf-8-sig", "utf-16"]))
def test_decoding_round_trips_or_refuses_clearly(text: str, encoding: str) -> None:
    data = text.encode(encoding, errors="surrogatepass")
    try:
        decoded = decode_bytes(data, path="prop.txt")
    except FramingError as err:
        assert "prop.txt" in str(err)
        return
    assert decoded.lstrip("\ufeff") == text.lstrip("\ufeff")


@PROPS
@given(texts)
def test_text_file_parser_loses_no_word(text: str) -> None:
    try:
        art = parse_text(text, path="prop.txt")
    except FramingError as err:
        assert "prop.txt" in str(err)
        return
    kept = set(art.text.split())
    for removal in art.removals:
        kept.update(removal.text.split())
    for word in normalize_text(text).split():
        assert word in kept or any(word in k for k in kept), word


json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=20),
    lambda children: st.lists(children, max_size=3)
    | st.dictionaries(st.text(max_size=8), children, max_size=3),
    max_leaves=10,
)
records = st.dictionaries(
    st.sampled_from(["id", "outlet", "title", "text", "date", "url", "body", "extra"]),
    json_values | texts,
    max_size=6,
)


@PROPS
@given(records)
def test_json_records_are_read_or_refused_with_file_and_record(record: dict) -> None:
    try:
        art = article_from_record(record, path="batch.jsonl", where=7)
    except FramingError as err:
        assert "batch.jsonl" in str(err) and "7" in str(err)
        return
    assert art.text == record["text"]


# HTML pages: the same hostile words inside tags, scripts, comments and entities
html_bits = st.one_of(
    texts,
    st.sampled_from([
        "<p>", "</p>", "<script>alert(1)</script>", "<style>p{}</style>", "<!-- c -->",
        "<div>", "</div>", "&amp;", "&lt;b&gt;", "<br>", "<h1>", "</h1>", "<a href='x'>",
        "</a>", "<", ">", "&", "<![CDATA[x]]>",
    ]),
)
pages = st.lists(html_bits, min_size=1, max_size=40).map(
    lambda parts: "<html><body>" + "".join(parts) + "</body></html>"
)


@PROPS
@given(pages)
def test_html_pages_are_read_or_refused_clearly(page: str) -> None:
    pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")
    from framing.ingest.html import parse_html

    try:
        art = parse_html(page, path="page.html")
    except FramingError as err:
        assert "page.html" in str(err)
        return
    assert "<script>" not in art.text and "alert(1)" not in art.text
    assert_evidence_points_at_text(extract(art), art.text)


@PROPS
@given(texts, texts)
def test_word_choice_pair_spans_point_at_their_texts(text_a: str, text_b: str) -> None:
    from framing.features.wordchoice import word_choice_pairs

    docs = [process(Article(id="a", outlet="A", text=text_a)),
            process(Article(id="b", outlet="B", text=text_b))]
    by_id = {d.article.id: d.article.text for d in docs}
    for pair in word_choice_pairs(docs):
        for aid, spans in ((pair.a, pair.a_spans), (pair.b, pair.b_spans)):
            for s in spans:
                assert by_id[aid][s.start:s.end] == s.text
