"""More property-based tests (hypothesis), on the shapes ``test_properties.py`` leaves out:
full Unicode with astral characters, unbalanced quotation marks, 5,000-word sentences, text
with no sentence punctuation at all, and headline-only files."""

from __future__ import annotations

import json
import random

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from framing.errors import FramingError
from framing.ingest.decode import decode_bytes, normalize_text
from framing.ingest.jsonl import parse_records
from framing.ingest.text import parse_text
from framing.pipeline import extract
from framing.types import Article
from tests.robustness.evidence import assert_evidence_points_at_text

PROPS = settings(
    max_examples=25, deadline=None, derandomize=True,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
FEW = settings(PROPS, max_examples=2)

# Any code point but lone surrogates (they cannot be encoded), astral planes included.
full_unicode = st.characters(exclude_categories=("Cs",))
astral = st.characters(min_codepoint=0x10000, max_codepoint=0x10FFFF, exclude_categories=("Cs",))
QUOTES = ['"', "'", "\u201c", "\u201d", "\u2018", "\u2019", "\u00ab", "\u00bb", "\u201e",
          "\u2039", "\u203a", "`", "\u300c", "\u300d"]
WORDS = ["Iran", "denied", "the", "claims", "said", "Musk", "reportedly", "met", "envoy",
         "secret", "firmly", "may", "according", "to", "officials", "U.S.", "Mr.", "It"]
word = st.one_of(st.sampled_from(WORDS), st.text(full_unicode, min_size=1, max_size=5))


def check(text: str) -> None:
    """Extraction gives sentences that tile the text and offsets that point at it."""
    fs = extract(Article(id="p", outlet="x", text=text))
    previous = 0
    for sent in fs.document.sentences:
        assert text[sent.start : sent.end] == sent.text
        assert sent.start >= previous and not text[previous : sent.start].strip()
        previous = sent.end
    assert not text[previous:].strip()
    for tok in fs.document.tokens:
        assert text[tok.start : tok.end] == tok.text
    assert_evidence_points_at_text(fs, text)


@PROPS
@given(st.lists(st.one_of(word, st.text(astral, min_size=1, max_size=3)), min_size=1,
                max_size=40).map(" ".join))
def test_full_unicode_with_astral_characters(text: str) -> None:
    if text.strip():
        check(text)


@PROPS
@given(st.lists(st.one_of(word, st.sampled_from(QUOTES)), min_size=1, max_size=60),
       st.sampled_from(["", " ", "."]))
def test_unbalanced_and_mixed_quotation_marks(parts: list[str], end: str) -> None:
    text = " ".join(parts) + end
    if text.strip():
        check(text)


@FEW
@given(st.integers(min_value=0, max_value=2**32 - 1))
def test_5000_word_sentence(seed: int) -> None:
    words = random.Random(seed).choices([w for w in WORDS if "." not in w], k=5000)
    text = " ".join(words) + "."
    check(text)
    fs = extract(Article(id="p", outlet="x", text=text))
    assert len(fs.document.sentences) == 1
    assert [t.text for t in fs.document.tokens] == [*words, "."]


@PROPS
@given(st.lists(st.one_of(st.sampled_from([w for w in WORDS if "." not in w]),
                          st.text(st.characters(categories=("L", "N", "Zs")), min_size=1,
                                  max_size=8)),
                min_size=1, max_size=200).map(" ".join))
def test_text_without_sentence_punctuation_is_one_sentence(text: str) -> None:
    if not text.strip():
        return
    check(text)
    fs = extract(Article(id="p", outlet="x", text=text))
    assert len(fs.document.sentences) == 1
    assert fs.document.sentences[0].text == text.strip()


@PROPS
@given(st.text(st.characters(exclude_categories=("Cs",), exclude_characters="\r\n"),
               min_size=1, max_size=200),
       st.sampled_from(["", "\n", "\n\n", "\r\n"]))
def test_headline_only_file(headline: str, newline: str) -> None:
    data = (headline + newline).encode("utf-8")
    try:
        art = parse_text(decode_bytes(data, path="h.txt"), path="h.txt")
    except FramingError as err:
        assert str(err).startswith("h.txt: ")
        assert not normalize_text(headline.lstrip("\ufeff")).strip()
        return
    assert art.text.strip() == normalize_text(headline.lstrip("\ufeff")).strip()
    check(art.text)


@PROPS
@given(st.lists(st.text(full_unicode, max_size=30), min_size=1, max_size=5))
def test_jsonl_of_arbitrary_texts_keeps_each_text_verbatim(texts: list[str]) -> None:
    lines = "\n".join(json.dumps({"id": f"r{i}", "text": t}, ensure_ascii=False)
                      for i, t in enumerate(texts))
    items = list(parse_records(lines, path="p.jsonl"))
    assert len(items) == len(texts)
    for i, (item, text) in enumerate(zip(items, texts, strict=True)):
        if text.strip():
            assert isinstance(item, Article) and item.text == text
        else:
            assert str(item) == f"p.jsonl:{i + 1}: 'text' is empty."
