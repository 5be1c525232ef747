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


# --- loaded language: the token scorer looks weights up by template ----------------------
_HOSTILE = [
    ["=", "w=x", "|", "a|b", "<s>", "</s>", "None", "lex=None", "pos=NN"],
    ["“", "Clandestine", "”", "meetings", "—", "U.S.-based", "1979", "’s", "n’t", "!!"],
    ["ÉLITE", "naïve", "\u00a0", "x" * 40, "3.5%", "--", "...", "a-b-c-d", "日本"],
    ["so-called", "experts", "unleashed", "proxies", "and", "hardliners", "."],
    ["a"],
    [".", ",", "!"],
]


def _sentences(article: Article) -> list[tuple[list[str], list[str]]]:
    doc = process(article)
    out = []
    for s in doc.sentences:
        toks = doc.tokens_of(s.index)
        out.append(([t.text for t in toks], [t.pos for t in toks]))
    return out


def test_loaded_token_scores_equal_the_feature_string_reference(
    troib: Article, ians: Article
) -> None:
    from framing.features.loaded import load_loaded_model

    model = load_loaded_model()
    cases = _sentences(troib) + _sentences(ians)
    cases += [(words, ["NN"] * len(words)) for words in _HOSTILE]
    cases += [(words, []) for words in _HOSTILE]  # untagged: the shipped tagger tags them
    checked = 0
    for words, tags in cases:
        # lexicon categories on some tokens, so lex= and lex-1= features count too
        some = ["hostility" if i % 3 == 1 else None for i in range(len(words))]
        for cats in ([None] * len(words), some):
            fast = model.token_scores(words, cats, tags)
            slow = model.token_scores_reference(words, cats, tags)
            assert len(fast) == len(slow) == len(words)
            assert max((abs(a - b) for a, b in zip(fast, slow, strict=True)), default=0) < 1e-9
            checked += sum(1 for p in slow if p > 0)
    assert checked > 800
    # punctuation scores 0 on both paths; a real word does not
    assert model.token_scores([".", "clandestine"], [None, None], [".", "JJ"])[0] == 0.0
    assert model.token_scores([".", "clandestine"], [None, None], [".", "JJ"])[1] > 0.0


def test_loaded_token_scores_follow_the_tags_given() -> None:
    from framing.features.loaded import load_loaded_model

    model = load_loaded_model()
    words = ["They", "lied", "again", "."]
    cats = [None, None, None, None]
    as_verb = model.token_scores(words, cats, ["PRP", "VBD", "RB", "."])
    as_noun = model.token_scores(words, cats, ["PRP", "NN", "RB", "."])
    reference = model.token_scores_reference(words, cats, ["PRP", "VBD", "RB", "."])
    assert max(abs(a - b) for a, b in zip(as_verb, reference, strict=True)) < 1e-9
    assert abs(as_verb[1] - as_noun[1]) > 1e-6  # the pos= features take part


# --- compare: TF-IDF similarities without scikit-learn -----------------------------------
def test_tfidf_gram_equals_scikit_learn_bit_for_bit(troib: Article, ians: Article) -> None:
    import numpy as np

    from framing.compare.align import _identity, _sklearn_tfidf_gram, _tfidf_gram, sentence_keys

    docs = [process(troib), process(ians)]
    keys = [sentence_keys(d, s.index) for d in docs for s in d.sentences]
    hostile = ["", "   ", "a", "Ab  cd\t\tEF", "x" * 30, "naïve ÉLITE 日本", "a b", "ab"]
    configs = [
        (
            [k.terms for k in keys],
            {"analyzer": _identity, "lowercase": False, "token_pattern": None},
        ),
        ([k.surface for k in keys], {"analyzer": "char_wb", "ngram_range": (3, 5)}),
        ([k.surface for k in keys] + hostile, {"analyzer": "char_wb", "ngram_range": (3, 5)}),
        (
            [k.entities for k in keys],
            {"analyzer": _identity, "lowercase": False, "token_pattern": None, "binary": True},
        ),
        ([(), ("a",), ("a", "a", "b"), ()], {"analyzer": _identity, "lowercase": False}),
        ([(), ()], {"analyzer": _identity, "lowercase": False}),  # no vocabulary: zeros
    ]
    for texts, kw in configs:
        ours = _tfidf_gram(list(texts), **kw)
        reference = _sklearn_tfidf_gram(list(texts), **kw)
        assert ours.shape == reference.shape == (len(texts), len(texts))
        assert np.array_equal(ours, reference)
    # cosines of unit rows: 1 on the diagonal, within [0, 1] elsewhere, symmetric
    cs = _tfidf_gram([k.surface for k in keys], analyzer="char_wb", ngram_range=(3, 5))
    assert np.allclose(np.diag(cs), 1.0)
    assert cs.min() >= 0.0 and cs.max() <= 1.0 + 1e-12
    assert np.allclose(cs, cs.T)


def test_loaded_sentence_score_equals_the_feature_dict_reference(
    troib: Article, ians: Article
) -> None:
    from framing.features.loaded import load_loaded_model

    model = load_loaded_model()
    cases = [words for words, _ in _sentences(troib) + _sentences(ians)] + _HOSTILE
    cases.append(["a|b", "c", "a", "b|c", "a", "a|b", "c"])  # "a|b c" and "a b|c": one key
    cases.append([])
    for words in cases:
        cats = ["secrecy" if i % 4 == 2 else None for i in range(len(words))]
        probs = [((7 * i) % 10) / 10 for i in range(len(words))]
        fast = model.sentence_score(words, cats, probs)
        assert fast == model.sentence_score_reference(words, cats, probs), words
        assert 0.0 < fast < 1.0


# --- loaded language: all sentences of an article scored in one numpy pass -----------------
def _scored_sentences(doc) -> tuple[list[list[str]], list[list[str | None]], list[list[str]]]:
    from framing.features.loaded import _token_categories

    words = [[t.text for t in doc.tokens_of(s.index)] for s in doc.sentences]
    tags = [[t.pos for t in doc.tokens_of(s.index)] for s in doc.sentences]
    return words, [_token_categories(w, "loaded.en") for w in words], tags


def _assert_batch_equals_per_sentence(model, words, cats, tags) -> int:
    """The batch gives token_scores' and sentence_score's floats exactly, and the
    references' to 1e-9."""
    batch = model.token_scores_many(words, cats, tags)
    assert len(batch) == len(words)
    tokens, biased = model.score_many(words, cats, tags)
    assert tokens == batch and len(biased) == len(words)
    scored = 0
    for w, c, t, got, b in zip(words, cats, tags, batch, biased, strict=True):
        assert got == model.token_scores(w, c, t), w[:8]
        assert b == model.sentence_score(w, c, got), w[:8]
        assert abs(b - model.sentence_score_reference(w, c, got)) < 1e-9
        reference = model.token_scores_reference(w, c, t)
        assert len(got) == len(reference) == len(w)
        assert max((abs(a - b) for a, b in zip(got, reference, strict=True)), default=0) < 1e-9
        scored += sum(1 for p in got if p > 0)
    return scored


def test_loaded_batch_scores_equal_the_reference_on_the_seeds(
    troib: Article, ians: Article
) -> None:
    from framing.features.loaded import load_loaded_model

    model = load_loaded_model()
    scored = 0
    for article in (troib, ians):
        for tag in (True, False):  # untagged documents: the shipped tagger tags each sentence
            scored += _assert_batch_equals_per_sentence(
                model, *_scored_sentences(process(article, tag=tag))
            )
    # the seeds hold several hundred words (punctuation scores 0 and is not counted)
    assert scored > 800


def test_loaded_batch_scores_equal_the_reference_on_polnear(shared_data) -> None:
    from framing.evaluate.attribution import iter_polnear
    from framing.features.loaded import load_loaded_model

    model = load_loaded_model()
    golds = list(iter_polnear(shared_data / "polnear" / "data" / "dev", limit=3))
    assert len(golds) == 3
    for g in golds:
        doc = process(Article(id=g.name, outlet=g.publisher, text=g.text))
        words, cats, tags = _scored_sentences(doc)
        assert len(words) > 5
        assert _assert_batch_equals_per_sentence(model, words, cats, tags) > 100


def test_loaded_batch_scores_on_hostile_input() -> None:
    from framing.features.loaded import load_loaded_model

    model = load_loaded_model()
    pattern = ["the", "so-called", "experts", "lied", ",", "“", "regime", "”"]
    long = [pattern[i % 8] for i in range(5000)]
    words = [[], *_HOSTILE, long, [], ["“", "—", "..."]]
    cats = [["hostility" if i % 3 == 1 else None for i in range(len(w))] for w in words]
    tags = [["NN"] * len(w) for w in words]
    tags[1] = []  # untagged: the shipped tagger tags it
    tags[2] = ["NN"] * (len(words[2]) + 1)  # one tag too many: the reference's reading
    assert _assert_batch_equals_per_sentence(model, words, cats, tags) > 3000
    batch = model.token_scores_many(words, cats, tags)
    assert batch[0] == [] and batch[-2] == []
    assert batch[-1] == [0.0, 0.0, 0.0]  # punctuation only
    assert model.token_scores_many([], []) == []
    assert model.token_scores_many([["lied"]], [[None]]) == [model.token_scores(["lied"], [None])]


def test_loaded_batch_scores_do_not_depend_on_the_cache(troib: Article, ians: Article) -> None:
    from framing.features._loaded_vectors import LoadedVectorizer
    from framing.features.loaded import load_loaded_model
    from framing.features.loaded_model import _TokenScorer

    model = load_loaded_model()
    words, cats, tags = _scored_sentences(process(troib))
    tiny = LoadedVectorizer(_TokenScorer(model), cache_limit=5)  # emptied again and again
    expected = [model.token_scores(w, c, t) for w, c, t in zip(words, cats, tags, strict=True)]
    assert tiny.scores(words, cats, tags) == expected
    other = _scored_sentences(process(ians))
    tiny.scores(*other)
    assert tiny.scores(words, cats, tags) == expected


def test_loaded_spans_equal_the_per_sentence_computation(troib: Article, ians: Article) -> None:
    from framing.features.loaded import LoadedLanguageFeatures

    extractor = LoadedLanguageFeatures()
    extractor.fit()
    model = extractor.model_
    for article in (troib, ians):
        doc = process(article)
        spans = [s for s in extractor.spans(doc) if s.attrs["source"] == "model"]
        expected = []
        words_all, cats_all, tags_all = _scored_sentences(doc)
        for sent, words, cats, tags in zip(
            doc.sentences, words_all, cats_all, tags_all, strict=True
        ):
            probs, flags = model.flags(words, cats, tags=tags)
            toks = doc.tokens_of(sent.index)
            expected += [
                (toks[k].start, p) for k, p in enumerate(probs) if flags[k] and cats[k] is None
            ]
        assert expected  # the seeds have model spans
        assert sorted((s.start, s.score) for s in spans) == sorted(expected)


def test_loaded_word_sums_in_one_batch_equal_one_by_one(troib: Article) -> None:
    from framing.features.loaded import load_loaded_model
    from framing.features.loaded_model import _TokenScorer

    scorer = _TokenScorer(load_loaded_model())
    words = [t.text for t in process(troib, tag=False).tokens]
    words += ["x" * 200, "a", ".", "", "Ab", "naïve", "’s", "U.S.-based", "a|b", "1979", "日本"]
    batch = scorer._own_sums(words)
    assert batch == [scorer._own_sum(w) for w in words]
    assert batch[-11] is not None and batch[-9] is None  # a long word; punctuation
    assert scorer._own_sums([]) == [] and scorer._own_sums([",", "—"]) == [None, None]


def test_loaded_model_pickles_after_scoring(troib: Article) -> None:
    import copy
    import pickle

    from framing.features.loaded import load_loaded_model

    model = load_loaded_model()
    words, cats, tags = _scored_sentences(process(troib))
    expected = model.score_many(words, cats, tags)  # builds the vectorised scorer (a lock)
    assert pickle.loads(pickle.dumps(model)).score_many(words, cats, tags) == expected
    assert copy.deepcopy(model).score_many(words, cats, tags) == expected
