"""Loaded language: lexicon, scare quotes, learned token scorer, voice and metrics."""

from __future__ import annotations

import csv

import pytest
from sklearn.base import clone

from framing.features.loaded import (
    LEXICON_CATEGORIES,
    LoadedLanguageFeatures,
    load_loaded_model,
    match_lexicon,
)
from framing.features.loaded_model import LoadedModel, prior_features
from framing.features.loaded_train import _word_prior
from framing.lexicons import load_lexicon
from framing.text import VoiceMap, process
from framing.types import Article


@pytest.fixture(scope="module")
def troib_doc(troib):
    return process(troib)


@pytest.fixture(scope="module")
def ians_doc(ians):
    return process(ians)


@pytest.fixture(scope="module")
def extractor():
    return LoadedLanguageFeatures().fit()


def _find(spans, text, source="lexicon"):
    hits = [s for s in spans if s.text == text and s.attrs.get("source") == source]
    assert hits, f"no {source} span {text!r}; got {[s.text for s in spans]}"
    return hits


@pytest.mark.parametrize(
    ("term", "category", "voice"),
    [
        ("clandestine meeting", "secrecy", "narrator"),
        ("secret discussions", "secrecy", "narrator"),
        ("false reports", "delegitimising", "quoted"),  # inside Baghaei's “false reports”
        ("antagonistic measures", "hostility", "narrator"),
        ("hardliners", "hostility", "narrator"),
        ("third-rate comedy", "delegitimising", "quoted"),  # Iran's words, in quotes
        ("act of terrorism", "violence_threat", "quoted"),
    ],
)
def test_troib_seed_terms(extractor, troib_doc, term, category, voice):
    span = _find(extractor.spans(troib_doc), term)[0]
    assert span.category == category
    assert span.voice == voice
    assert span.rule.startswith("lexicon:loaded.en@1:")
    assert 0 < span.attrs["weight"] <= 1


@pytest.mark.parametrize(
    ("term", "category"),
    [
        ("secret meeting", "secrecy"),
        ("behind-the-scenes", "secrecy"),
        ("vehement opponents", "hostility"),
        ("unleashed its proxies", "hostility"),
        ("said cryptically", "emotive_saying"),
    ],
)
def test_ians_seed_terms_narrator(extractor, ians_doc, term, category):
    span = _find(extractor.spans(ians_doc), term)[0]
    assert (span.category, span.voice) == (category, "narrator")


def test_attributed_content_is_quoted_voice(extractor, ians_doc):
    # "It said that it was not clear if the nominees ... who are vehement opponents of Iran,
    # were aware of the meeting." The content of "It said" is the quoted voice.
    text = ians_doc.text
    start = text.index("that it was not clear if")
    end = text.index("were aware of the meeting.") + len("were aware of the meeting")
    vm = VoiceMap.build(ians_doc.quotes, [(start, end)])
    span = _find(extractor.spans(ians_doc, voice=vm), "vehement opponents")[0]
    assert span.voice == "quoted"
    # "said cryptically" is the outlet's own verb of saying, outside the content
    assert _find(extractor.spans(ians_doc, voice=vm), "said cryptically")[0].voice == "narrator"


def test_scare_quotes_in_seed(extractor, troib_doc):
    scare = {s.text: s for s in extractor.spans(troib_doc) if s.category == "scare_quote"}
    assert "“false reports”" in scare  # "rejected the “false reports”"
    assert "‘maximum pressure’" in scare  # "adopted a ‘maximum pressure’ strategy"
    assert scare["“false reports”"].rule == "rule:scare_quote"
    assert scare["“false reports”"].voice == "narrator"
    # partial quotes of speech are not labels: "reportedly “expressed surprise”"
    assert "“expressed surprise”" not in scare
    assert not any("specific threats" in t for t in scare)  # six words: a quotation


def test_scare_quotes_up_to_four_words_without_a_comma(extractor):
    # the quotation's tokens are read only until a fifth word: four words are a label, five
    # are a quotation, and a comma anywhere in a short one makes it a quotation too
    text = (
        "He called it a “very bad fake story” today. They dismissed the “fake, bad” claims. "
        "She rejected the “one two three four five” idea. We saw the “one, two three four "
        "five six” plan."
    )
    doc = process(Article(id="sq", outlet="x", text=text))
    scare = [s.text for s in extractor.spans(doc) if s.category == "scare_quote"]
    assert scare == ["“very bad fake story”"]


def test_direct_quote_is_not_a_scare_quote(extractor, small_articles):
    spans = extractor.spans(small_articles[0])
    assert not [s for s in spans if s.category == "scare_quote"]
    # the lexicon still finds the loaded words inside the quotation, in the quoted voice
    assert _find(spans, "false reports")[0].voice == "quoted"


def test_model_finds_loaded_words_outside_the_lexicon(shared_data, extractor):
    # Real SG2-dev sentences that are in no training file; gold = annotators' biased_words.
    from framing.evaluate.loaded import read_babe, sentence_key

    train = {
        sentence_key(r.text)
        for name in ("final_labels_SG1.dev.csv", "final_labels_MBIC.dev.csv")
        for r in read_babe(shared_data / "babe" / name)
    }
    rows = [
        r
        for r in read_babe(shared_data / "babe" / "final_labels_SG2.dev.csv")
        if r.label == 1 and sentence_key(r.text) not in train
    ][:150]
    threshold = load_loaded_model().token_threshold
    hits = correct = 0
    for n, r in enumerate(rows):
        spans = extractor.spans(Article(id=f"babe{n}", outlet="babe", text=r.text))
        gold = {w.lower() for phrase in r.biased_words for w in phrase.split()}
        for s in spans:
            if s.attrs["source"] != "model":
                continue
            assert s.rule == "model:loaded-babe@2"
            assert s.category == "learned"
            assert s.score is not None and s.score >= threshold
            assert s.attrs["score"] == round(s.score, 4)
            hits += 1
            correct += s.text.lower() in gold
    # about 1 word in 20 is a gold biased word; the model's extra words are right far more often
    assert hits >= 50
    assert correct / hits >= 0.3


def test_offsets_rules_and_sorting(extractor, troib_doc, ians_doc):
    for doc in (troib_doc, ians_doc):
        spans = extractor.spans(doc)
        assert spans == sorted(spans, key=lambda s: (s.start, s.end))
        for s in spans:
            assert doc.text[s.start : s.end] == s.text
            assert s.feature == "loaded"
            assert s.category in extractor.categories()
            assert s.attrs["source"] in {"lexicon", "rule", "model"}
            assert (
                s.rule.split(":")[0]
                == {"lexicon": "lexicon", "rule": "rule", "model": "model"}[s.attrs["source"]]
            )


def test_metrics_rates_by_category_and_voice(extractor, troib_doc):
    spans = extractor.spans(troib_doc)
    m = extractor.metrics(troib_doc, spans)
    n_secrecy = sum(s.category == "secrecy" for s in spans)
    assert m["loaded:secrecy:count"] == n_secrecy >= 2
    quoted = [s for s in spans if s.voice == "quoted"]
    assert m["loaded:voice:quoted:count"] == len(quoted) >= 2
    words = sum(1 for t in troib_doc.tokens if any(c.isalnum() for c in t.text))
    assert m["loaded:per_100_words"] == pytest.approx(100 * len(spans) / words, abs=1e-3)
    deleg_q = sum(s.category == "delegitimising" and s.voice == "quoted" for s in spans)
    assert m["loaded:delegitimising:voice:quoted:per_100_words"] == pytest.approx(
        100 * deleg_q / words, abs=1e-3
    )
    assert m["loaded:source:lexicon:count"] + m["loaded:source:rule:count"] + m[
        "loaded:source:model:count"
    ] == len(spans)


def test_sklearn_api(troib, ians):
    est = LoadedLanguageFeatures(model=False, min_weight=0.5)
    twin = clone(est)
    assert twin.get_params() == est.get_params()
    X = est.fit_transform([troib, ians])
    assert X.shape == (2, len(est.categories()))
    assert list(est.get_feature_names_out())[:2] == ["loaded:secrecy", "loaded:delegitimising"]
    assert est.versions() == {"loaded.en": "loaded.en@1"}
    with pytest.raises(ValueError, match="Iterable over articles expected"):
        est.transform(troib)


def test_min_weight_drops_mild_entries(troib_doc):
    mild = [e for e in load_lexicon("loaded.en") if e.weight < 0.5]
    assert mild
    spans = LoadedLanguageFeatures(model=False, min_weight=0.5).spans(troib_doc)
    assert all(s.attrs["weight"] >= 0.5 for s in spans if s.attrs["source"] == "lexicon")


def test_longest_match_wins():
    hits = match_lexicon(["they", "had", "engaged", "in", "secret", "discussions"])
    assert [(i, j, e.term) for i, j, e in hits] == [(4, 6, "secret discussions")]


def test_lexicon_is_documented_entry_by_entry():
    lex = load_lexicon("loaded.en")
    assert {e.category for e in lex} == set(LEXICON_CATEGORIES)
    for e in lex:
        assert e.note and e.get("origin"), e.term
        assert 0 < e.weight <= 1, e.term
        assert e.term == e.term.lower(), e.term
    assert sum(" " in e.term for e in lex) >= 20  # multiword expressions


def test_sentence_classifier_on_unseen_babe_sentences(shared_data):
    from framing.evaluate.loaded import _sentence_preds, macro_f1, read_babe, sentence_key

    train = {
        sentence_key(r.text)
        for name in ("final_labels_SG1.dev.csv", "final_labels_MBIC.dev.csv")
        for r in read_babe(shared_data / "babe" / name)
    }
    dev = [
        r
        for r in read_babe(shared_data / "babe" / "final_labels_SG2.dev.csv")
        if r.label is not None and sentence_key(r.text) not in train
    ][:400]
    score = macro_f1([r.label for r in dev], _sentence_preds(load_loaded_model(), dev))
    assert score >= 0.65


def test_no_reference_lexicon_copied(shared_data):
    ours = {e.term for e in load_lexicon("loaded.en")}
    ref = shared_data / "babe" / "bias_word_lexicon.csv"
    theirs = {ln.strip().lower() for ln in ref.read_text(encoding="utf-8").splitlines()}
    assert len(ours & theirs) < 0.25 * len(ours)
    rec = shared_data / "reference-lexicons" / "recasens2013" / "bias-lexicon_bias-lexicon.txt"
    recasens = {ln.strip().lower() for ln in rec.read_text(errors="replace").splitlines()}
    assert len(ours & recasens) < 0.25 * len(ours)
    # and no gold sentence is shipped in the lexicon notes
    with open(shared_data / "babe" / "final_labels_SG2.dev.csv", encoding="utf-8") as fh:
        sentences = {row["text"] for row in csv.DictReader(fh, delimiter=";")}
    notes = " ".join(e.note for e in load_lexicon("loaded.en"))
    assert not any(s in notes for s in sentences if len(s) > 40)


def test_prior_features_buckets():
    # rate = (marked + 0.1) / (seen + 1): unseen 0.1 -> bucket 1; 0 of 10 -> 0.009 -> 0;
    # 5 of 6 -> 5.1 / 7 = 0.73 -> 7; marked counts cap at 5
    assert prior_features(0, 0) == ["mb=1", "mbn=0"]
    assert prior_features(0, 10) == ["mb=0", "mbn=0"]
    assert prior_features(5, 6) == ["mb=7", "mbn=5"]
    assert prior_features(9, 9) == ["mb=9", "mbn=5"]


def test_word_prior_counts_and_leaves_own_sentence_out():
    words = [["Radical", "leftists", "rioted", "."], ["The", "leftists", "met", "."]]
    total, by_group = _word_prior(words, [["radical", "rioted"], []], ["s1", "s2"], [True, True])
    assert total["leftists"] == (0, 2)
    assert total["radical"] == (1, 1)
    assert "." not in total  # punctuation is no word
    # a training token of s1 sees only the other sentences' counts
    assert by_group["s1"]["radical"] == (1, 1)
    assert by_group["s2"]["leftists"] == (0, 1)
    # rows not used for the prior count nothing
    assert _word_prior(words, [["radical"], []], ["s1", "s2"], [False, False])[0] == {}


def test_model_json_round_trip_keeps_the_prior():
    model = load_loaded_model()
    assert model.id == "loaded-babe@2"
    assert len(model.token_prior) > 1000  # the crowd annotations cover thousands of words
    again = LoadedModel.from_json(model.to_json())
    assert again.token_prior == model.token_prior
    words = ["Democrats", "slammed", "the", "radical", "plan"]
    cats = [None] * len(words)
    assert again.token_scores(words, cats) == model.token_scores(words, cats)
