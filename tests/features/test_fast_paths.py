"""Shortcuts taken for speed give what the direct computation gives.

:func:`framing.extract` finds attributions once and builds the attribution spans from them
(``AttributionFeatures.spans_from``); the attribution rules look phrases up by their first
word; tone keeps the VADER scores of the last document; ``word_count`` keeps the
count of the last document; the loaded-language token features cache what depends on the
word alone.
"""

from __future__ import annotations

from framing.features.attribution import AttributionFeatures
from framing.features.base import word_count
from framing.features.loaded_model import _word_features, token_features
from framing.features.tone import ToneFeatures, load_vader
from framing.pipeline import default_extractors, extract
from framing.text import VoiceMap, process
from framing.types import Article


def test_extract_attribution_spans_equal_a_fresh_extractor(troib: Article) -> None:
    doc = process(troib)
    fs = extract(doc)
    fresh = AttributionFeatures()
    attributions = fresh.attributions(doc)
    assert list(fs.attributions) == attributions
    voice = VoiceMap.build(doc.quotes, [a.content for a in attributions])
    expected = fresh.spans(doc, voice=voice)
    assert expected
    assert [s for s in fs.spans if s.feature == fresh.feature] == expected


def test_extract_leaves_the_shared_extractor_alone(ians: Article) -> None:
    extract(ians)
    shared = next(e for e in default_extractors() if isinstance(e, AttributionFeatures))
    assert "attributions" not in vars(shared)


def test_tone_scores_follow_the_document_asked_about(troib: Article, ians: Article) -> None:
    tone = ToneFeatures()
    analyzer = load_vader()[0]
    docs = [process(troib), process(ians), process(troib)]
    for doc in docs:
        expected = [analyzer.polarity_scores(s.text)["compound"] for s in doc.sentences]
        assert tone.sentence_scores(doc) == expected
        assert tone.sentence_scores(doc) == expected  # the kept scores


def test_word_count_follows_the_document_asked_about() -> None:
    a = process(Article(id="a", outlet="X", text="Iran denied it."), tag=False)
    b = process(Article(id="b", outlet="X", text="Musk, 52, said “no” twice."), tag=False)
    # a: Iran, denied, it; b: Musk, 52, said, no, twice (punctuation is not a word)
    assert [word_count(a), word_count(b), word_count(a), word_count(a)] == [3, 5, 3, 3]


def test_loaded_token_features_layout() -> None:
    _word_features.cache_clear()
    words = ["They", "lied", "."]
    feats = token_features(words, 1, [None, "deception", None])
    assert feats[:20] == [
        "w=lied",
        "p3=lie",
        "s2=ed",
        "s3=ied",
        "s4=lied",
        "shape=lower",
        "w-1=they",
        "w+1=.",
        "w-1,w=they|lied",
        "w,w+1=lied|.",
        "lex=deception",
        "len=4",
        feats[12],  # vad=: VADER's valence of "lied" (lexicon data)
        feats[13],
        feats[14],
        "c3=<li",
        "c3=lie",
        "c3=ied",
        "c3=ed>",
        "c4=<lie",
    ]
    assert feats[12].startswith("vad=") and feats[13].startswith("vad-1=")
    assert feats[20:24] == ["c4=lied", "c4=ied>", "c5=<lied", "c5=lied>"]
    # the cached word part is reused for the next call with the same word
    assert token_features(words, 1, [None, "deception", None]) == feats
    assert _word_features.cache_info().hits >= 1


def test_spans_from_found_relations_equal_spans(troib: Article, ians: Article) -> None:
    att = AttributionFeatures()
    for art in (troib, ians):
        doc = process(art)
        relations = att.attributions(doc)
        voice = VoiceMap.build(doc.quotes, [a.content for a in relations])
        expected = att.spans(doc, voice=voice)
        assert expected
        assert att.spans_from(relations, doc, voice=voice) == expected
        assert att.spans_from(relations, doc) == att.spans(doc)  # default voice: quotations


def test_spans_from_empty_relations_give_no_spans(troib: Article) -> None:
    assert AttributionFeatures().spans_from([], troib) == []


def test_multi_word_phrases_found_by_their_first_word() -> None:
    # "in an interview with" (4 words) and "in comments to" (3) both start with "in"; the
    # channel is the noun phrase after each, kept on the relation of its sentence.
    text = (
        "In an interview with Reuters, the minister said the talks would resume. "
        "In comments to CNN, the envoy said the meeting never happened."
    )
    rels = AttributionFeatures(use_model=False).attributions(Article(id="c", outlet="X", text=text))
    said = [r for r in rels if r.cue is not None and r.cue.text == "said"]
    assert [r.source.text for r in said] == ["the minister", "the envoy"]
    assert [r.attrs.get("channel") for r in said] == ["Reuters", "CNN"]
