"""Hedges and boosters on the seed story and on real sentences (WikiWeasel, seeds).

Expectations come from reading the sentences: which words a reader takes as a hedge,
which as the month, a noun or plain future.
"""

from __future__ import annotations

import numpy as np
import pytest
from sklearn.base import clone

from framing.errors import ModelNotFoundError
from framing.features.hedging import (
    BOOSTER_CATEGORIES,
    HEDGE_CATEGORIES,
    BoosterFeatures,
    HedgingFeatures,
    central_sentences,
    find_stance_spans,
    load_matcher,
)
from framing.lexicons import load_lexicon
from framing.text import VoiceMap, process
from framing.types import Article, Document


def _doc(article: Article) -> Document:
    # Tags are used when the shipped tagger is there; the rules also work without them.
    try:
        return process(article)
    except ModelNotFoundError:
        return process(article, tag=False)


def _spans(text: str, feature: str = "hedge", *, scheme: str = "news") -> list[tuple[str, str]]:
    doc = _doc(Article(id="t", outlet="T", text=text))
    return [
        (s.text, s.category)
        for s in find_stance_spans(doc, scheme=scheme)  # type: ignore[arg-type]
        if s.feature == feature
    ]


def _texts(text: str, feature: str = "hedge") -> list[str]:
    return [t for t, _ in _spans(text, feature)]


# --- the seed story -----------------------------------------------------------------------
@pytest.fixture(scope="module")
def troib_spans(troib):
    doc = _doc(troib)
    return doc, find_stance_spans(doc)


@pytest.fixture(scope="module")
def ians_spans(ians):
    doc = _doc(ians)
    return doc, find_stance_spans(doc)


def _find(spans, text, start_after=0):
    return [s for s in spans if s.text == text and s.start >= start_after]


def test_troib_headline_claims_is_distancing_noun(troib_spans):
    doc, spans = troib_spans
    head = doc.sentences[0]
    assert head.section == "headline"
    [claims] = [s for s in spans if head.start <= s.start < head.end]
    assert (claims.text, claims.category, claims.voice) == ("claims", "distancing_noun", "narrator")
    assert claims.rule == "lexicon:hedges.en@1:claim"


def test_troib_reportedly_and_assertions(troib_spans):
    _, spans = troib_spans
    [rep] = _find(spans, "reportedly")
    assert (rep.feature, rep.category, rep.voice) == ("hedge", "reportative", "narrator")
    [ass] = _find(spans, "assertions")
    assert ass.category == "distancing_noun"


def test_troib_firmly_is_a_narrator_booster(troib_spans):
    _, spans = troib_spans
    [firmly] = _find(spans, "firmly")
    assert (firmly.feature, firmly.category, firmly.voice) == (
        "booster",
        "emphatic_adverb",
        "narrator",
    )
    assert firmly.rule == "lexicon:boosters.en@1:firmly"


def test_troib_quoted_cues_are_in_the_quoted_voice(troib_spans):
    _, spans = troib_spans
    # Baghaei rejected the “false reports”; Cheung: “... meetings that did or did not occur.”
    [reports] = _find(spans, "reports")
    assert (reports.category, reports.voice) == ("distancing_noun", "quoted")
    [open_outcome] = _find(spans, "did or did not")
    assert (open_outcome.category, open_outcome.voice) == ("uncertainty_construction", "quoted")


def test_troib_would_in_reported_speech_is_not_a_hedge(troib_spans):
    _, spans = troib_spans
    # "Cheung told the NYT that the president-elect would not address ..." (plain future)
    assert not [s for s in spans if s.text == "would"]


def test_ians_hedges(ians_spans):
    doc, spans = ians_spans
    [apparent] = _find(spans, "apparent")
    assert (apparent.category, apparent.voice) == ("possibility", "narrator")
    [possible] = _find(spans, "possible")
    assert possible.category == "possibility"
    [may] = _find(spans, "may")
    assert may.category == "epistemic_modal"
    assert doc.text[may.start : may.start + 26] == "may be a back channel atte"
    [unclear] = _find(spans, "not clear if")
    assert unclear.category == "uncertainty_construction"
    [alleged] = _find(spans, "alleged")
    assert alleged.category == "reportative"
    assert len(_find(spans, "according to")) == 5


def test_attributed_content_makes_the_voice_quoted(ians):
    # "It said that it was not clear if ...": the attribution stage passes the content.
    doc = _doc(ians)
    start = doc.text.index("that it was not clear if")
    end = doc.text.index(".", start)
    vm = VoiceMap.build(doc.quotes, [(start, end)])
    [unclear] = [s for s in find_stance_spans(doc, vm) if s.text == "not clear if"]
    assert unclear.voice == "quoted"
    [narr] = [s for s in find_stance_spans(doc) if s.text == "not clear if"]
    assert narr.voice == "narrator"


def test_spans_match_text_and_name_their_rule(troib, ians):
    for art in (troib, ians):
        doc = _doc(art)
        for s in find_stance_spans(doc):
            assert doc.text[s.start : s.end] == s.text
            assert s.rule.startswith(("lexicon:hedges.en@1:", "lexicon:boosters.en@1:", "rule:"))
            assert s.category in (*HEDGE_CATEGORIES, *BOOSTER_CATEGORIES)


# --- disambiguation rules, each on real sentences ------------------------------------------
def test_rule_modal_may_month():
    # WikiWeasel (Tim Witherspoon): "May" the month.
    assert (
        _texts("On May 20, 1983, Witherspoon would have his first attempt at a world title.") == []
    )
    assert _texts("Tsiranana dissolved the government in May 1972 and appointed a premier.") == []
    assert _texts("Laurence Olivier (22 May 1907 - 11 July 1989) was an English actor.") == []
    # IANS: the modal
    assert _spans("Iran cut off negotiations and this may be a back channel attempt.") == [
        ("may", "epistemic_modal")
    ]


def test_rule_modal_may_in_title_case_headline():
    art = Article(
        id="h",
        outlet="T",
        text="Iran Envoy May Have Met Musk\n\nThe envoy met Musk.",
        title="Iran Envoy May Have Met Musk",
        body_start=30,
    )
    spans = find_stance_spans(_doc(art))
    assert [(s.text, s.category) for s in spans] == [("May", "epistemic_modal")]


def test_rule_epistemic_could():
    # WikiWeasel: past ability is not a hedge; "could be said" is.
    assert (
        _texts("In 1903, Bobrikov was given powers so that he could fire government officials.")
        == []
    )
    # ("said to be" is the impersonal report, a second hedge)
    assert _texts("It could be said to be the project to turn humans into God.") == [
        "could",
        "said to be",
    ]
    # "could not" is inability (WikiWeasel, Atari)
    assert _texts("His boss at Atari said it could not be done.") == []


def test_rule_conditional_would():
    # WikiWeasel: hypothetical "would" with a condition ...
    assert ("would", "epistemic_modal") in _spans(
        "Based on Tort's age, she would be 12, if one accepts Thompson as an authority."
    )
    # ... but not the future in the past or a plain consequence
    assert _texts("Any Iraqi planes that violated the ban would be shot down.") == []


def test_rule_appear_evidential():
    assert _texts("This appears to be the decision of a trial court.") == ["appears"]
    assert _texts("She appeared in two films in 1999.") == []


def test_rule_that_clause_indicate():
    # TROIB
    assert _spans(
        "The New York Times indicated that Iravani and Musk had secret discussions on Monday."
    ) == [("indicated", "speculative_verb")]
    assert _texts("The gauge indicates the pressure in the tank.") == []


def test_rule_assume_belief():
    # WikiWeasel: "assumed the command / role" is taking on, not supposing.
    assert _texts("Pelopidas assumed the command of the Sacred Band.") == []
    assert _texts("Robert Goyard assumed the role of the family's leader.") == []
    assert _texts("It is assumed that the tomb was robbed.") == ["assumed"]


def test_rule_not_noun_thought():
    assert _texts("Dragoon has often been thought to be based off Akuma.") == ["thought"]
    assert _texts("His thought shaped the movement.") == []


def test_rule_regard_as():
    assert _texts("Shea Fahy is regarded as one of the heroes of the Cork team.") == ["regarded"]
    assert _texts("The ministry said nothing with regard to the meeting.") == []


def test_rule_view_doxastic():
    assert _texts("This gives support to the view that 'black' does not refer to the colour.") == [
        "view"
    ]
    assert _texts("The hotel has a view of the lake.") == []


def test_rule_fear_that():
    assert _texts("Officials fear that the talks will collapse.") == ["fear"]
    # IANS: the infinitive "to fear" of a noun phrase is not speculation
    assert _texts("Iran has reasons to fear increased hostility when Trump returns.") == []


def test_rule_possible_guard():
    # WikiWeasel: "as soon as possible" is not a hedge; "it is possible that" is.
    assert _texts("IBM needed to release a version of OS as soon as possible.") == []
    assert _texts("It is possible that the islanders removed themselves.") == ["possible"]


def test_rule_apparent_attributive():
    assert _texts("In apparent attempts by Iran to prepare for the return of Donald Trump.") == [
        "apparent"
    ]
    assert _texts("The king's eldest son was the heir apparent to the throne.") == []
    # WikiWeasel: predicative "became apparent" states certainty
    assert _texts("Schneider's prowess became apparent with his production style.") == []


def test_rule_noun_claim():
    assert _spans("Iran rejects claims that its envoy had a meeting with Musk") == [
        ("claims", "distancing_noun")
    ]
    # WikiWeasel: the verb is an attribution cue, not a distancing noun
    assert _texts("Attempts are under way, he claims, by communists and socialists.") == []


def test_rule_vague_reports():
    assert _texts("Tehran sent the message, according to multiple media reports on Friday.") == [
        "according to",
        "reports",
    ]
    assert _texts("The committee reports to the minister every month.") == []


def test_rule_unknown_clausal():
    assert _texts(
        "For whom Telchar originally made Narsil, as well as its history, is unknown."
    ) == ["unknown"]
    assert _texts("Witherspoon, a relative unknown, utilized his awkward style.") == []


def test_rule_if_conditional():
    assert _texts("Two manifolds are cobordant if and only if their numbers are equal.") == []
    assert _spans("The deal would collapse if Iran refused.") == [
        ("would", "epistemic_modal"),
        ("if", "conditional"),
    ]


def test_rule_numeric_next_approximator():
    # WikiWeasel sentences; approximators are news-scope (not Szeged cues).
    assert _spans("The Reserve currently holds about 640 million barrels of oil.") == [
        ("about", "approximator")
    ]
    assert _texts("The Reserve holds about 640 million barrels.", "hedge") == ["about"]
    assert _texts("They talked about the reserve.") == []
    assert _spans("The Reserve currently holds about 640 million barrels.", scheme="szeged") == []


def test_rule_negated_and_attenuated_booster():
    # WikiWeasel: "not certain", "not clearly known", "almost certainly" are hedges.
    doc = _doc(Article(id="w", outlet="W", text="The exact place of his birth is not certain."))
    [span] = find_stance_spans(doc)
    assert (span.text, span.feature, span.category, span.rule) == (
        "not certain",
        "hedge",
        "uncertainty_construction",
        "rule:negated_booster",
    )
    assert _spans("The reason is not clearly known.") == [
        ("not clearly", "uncertainty_construction")
    ]
    assert _spans("This was almost certainly done in order to discredit him.") == [
        ("almost certainly", "possibility")
    ]
    assert _spans("The ministry has not confirmed the meeting.") == [
        ("not confirmed", "uncertainty_construction")
    ]


def test_rule_predicative_clear_and_certain_boosters():
    assert _spans("It became clear that their paths lay in realism.", "booster") == [
        ("clear", "certainty_adjective")
    ]
    assert _spans("The water was clear and cold.", "booster") == [("clear", "certainty_adjective")]
    assert _spans("They swam in clear water.", "booster") == []
    # WikiWeasel: determiner "certain" ("in certain areas") is not certainty
    assert _spans("Gullies, which are common in certain areas of Mars, may have formed.") == [
        ("may", "epistemic_modal")
    ]
    assert _spans("Gullies are common in certain areas of Mars.", "booster") == []


def test_longest_match_wins():
    # "may or may not" is one open-outcome construction, not two modals.
    assert _spans("The drug may or may not work.") == [
        ("may or may not", "uncertainty_construction")
    ]
    # "no doubt" is a booster, not the hedge "doubt"
    assert _spans("There is no doubt about the result.", "booster") == [
        ("no doubt", "certainty_phrase")
    ]
    assert _texts("There is no doubt about the result.") == []


# --- extractor API --------------------------------------------------------------------------
def test_extractors_sklearn_api(troib, ians):
    docs = [_doc(troib), _doc(ians)]
    hed = HedgingFeatures().set_output(transform="pandas")
    frame = hed.fit_transform(docs)
    assert list(frame.columns) == [f"hedge:{c}" for c in HEDGE_CATEGORIES]
    assert frame.shape == (2, len(HEDGE_CATEGORIES))
    # IANS has five "according to": reportative rate is higher there
    assert frame["hedge:reportative"].iloc[1] > frame["hedge:reportative"].iloc[0]
    boo = BoosterFeatures().fit(docs)
    assert list(boo.get_feature_names_out()) == [f"booster:{c}" for c in BOOSTER_CATEGORIES]
    assert boo.transform(docs)[0, BOOSTER_CATEGORIES.index("emphatic_adverb")] > 0
    assert clone(hed).get_params() == hed.get_params()
    with pytest.raises(ValueError, match="Iterable over articles expected"):
        hed.transform(troib)


def test_bad_scheme_is_rejected():
    with pytest.raises(ValueError, match="'scheme' parameter of HedgingFeatures must be one of"):
        HedgingFeatures(scheme="wiki").fit()  # type: ignore[arg-type]


def test_versions_and_lexicons():
    v = HedgingFeatures().versions()
    assert v["hedges.en"] == "hedges.en@1" and v["boosters.en"] == "boosters.en@1"
    for name in ("hedges.en", "boosters.en"):
        for entry in load_lexicon(name):
            assert entry.category and entry.note and entry.get("source"), entry.term
            assert entry.get("scope") in ("all", "news"), entry.term
    assert load_matcher() is load_matcher()


def test_central_claim_metrics(troib, ians):
    tdoc, idoc = _doc(troib), _doc(ians)
    assert central_sentences(tdoc) == {"headline": 0, "lead": 1}
    assert central_sentences(idoc) == {"headline": None, "lead": 0}
    hed = HedgingFeatures()
    tm = hed.metrics(tdoc, hed.spans(tdoc))
    im = hed.metrics(idoc, hed.spans(idoc))
    # TROIB headline: "claims"; IANS lead: "apparent" and "according to" (+ "reports")
    assert tm["hedge:headline:count"] == 1.0
    assert tm["hedge:headline:distancing_noun:count"] == 1.0
    assert im["hedge:headline:count"] == 0.0
    assert im["hedge:lead:possibility:count"] == 1.0
    assert im["hedge:lead:reportative:count"] == 1.0
    assert im["hedge:central:sentence_share"] == 1.0
    n = tm["hedge:count"]
    assert tm["hedge:voice:narrator:count"] + tm["hedge:voice:quoted:count"] == n
    assert 0 < tm["hedge:sentence_share"] <= 1
    assert np.isclose(tm["hedge:per_sentence"], n / len(tdoc.sentences), atol=1e-4)


def test_spans_to_frame_and_small_articles(small_articles):
    from framing.features.hedging import spans_to_frame

    a1, b1 = small_articles
    spans = find_stance_spans(_doc(a1))
    frame = spans_to_frame(spans, article_id=a1.id)
    # "may resume"; “We firmly reject these false reports,” (quoted); "reportedly met Musk"
    assert list(frame["text"]) == ["may", "firmly", "reports", "reportedly"]
    assert list(frame["voice"]) == ["narrator", "quoted", "quoted", "narrator"]
    assert list(frame["feature"]) == ["hedge", "booster", "hedge", "hedge"]
    assert set(frame["article_id"]) == {"a1"}
    # "confirmed by the ministry" is a booster; "According to multiple media reports",
    # "It is not clear if" are hedges
    texts = [(s.text, s.feature) for s in find_stance_spans(_doc(b1))]
    assert texts == [
        ("confirmed", "booster"),
        ("According to", "hedge"),
        ("reports", "hedge"),
        ("not clear if", "hedge"),
    ]


def test_hedge_and_booster_extractors_share_a_pass_but_not_across_voice_maps(troib):
    # "firmly" (in the TROIB body, said by the narrator) is a booster; with a voice map
    # covering the whole text the same span must come back quoted, not from the kept pass
    doc = process(troib)
    hedging, boosting = HedgingFeatures().fit(), BoosterFeatures().fit()
    narrator = VoiceMap.build(doc.quotes)
    everything = VoiceMap.build(contents=[(0, len(doc.text))])
    hedges = hedging.spans(doc, voice=narrator)
    boosters = boosting.spans(doc, voice=narrator)
    assert hedges and all(s.feature == "hedge" for s in hedges)
    firmly = [s for s in boosters if s.text.lower() == "firmly"]
    assert firmly and firmly[0].voice == "narrator"
    again = boosting.spans(doc, voice=everything)
    assert {s.voice for s in again} == {"quoted"}
    assert [(s.start, s.end) for s in again] == [(s.start, s.end) for s in boosters]
    # and a hedge pass asked with the first map again gives the first voices back
    assert hedging.spans(doc, voice=narrator) == hedges
