"""The span re-ranker of attribution cues on the seed story (issue #5)."""

from __future__ import annotations

import pytest

from framing.features._attribution_rerank import (
    CueReranker,
    candidate_features,
    is_act_with_object,
    is_bare_noun_cue,
    is_candidate,
)
from framing.features._attribution_rules import _Engine
from framing.features.attribution import AttributionFeatures
from framing.features.attribution_model import load_cue_reranker
from framing.text import process
from framing.types import Article


@pytest.fixture(scope="module")
def lexicon_only() -> AttributionFeatures:
    # the lexicon engine alone: its relations do not depend on the trained models
    return AttributionFeatures(use_model=False).fit()


def _engine_run(article: Article, ext: AttributionFeatures):
    doc = process(article)
    engine = _Engine(doc, ext.lexicons_, min_quote_words=ext.min_quote_words, model=ext.model_)
    return doc, engine, engine.run()


def test_candidate_features_describe_the_baghaei_denial(troib, lexicon_only):
    doc, engine, attrs = _engine_run(troib, lexicon_only)
    feats = candidate_features(doc, attrs, engine.cue_prob, [q >= 0 for q in engine.in_quote])
    assert len(feats) == len(attrs)
    j = next(
        i
        for i, a in enumerate(attrs)
        if a.cue is not None and a.cue.text == "rejected" and "Baghaei" in a.source.text
    )
    f = feats[j]
    # "Foreign Ministry spokesperson Esmail Baghaei firmly rejected the 'false reports'"
    assert f["rule=lexicon"] == 1
    assert f["lemma=reject"] == 1
    assert f["w=rejected"] == 1
    assert f["stance=denial"] == 1
    assert f["srccont=True|True"] == 1
    assert f["sside=L"] == 1
    assert f["wL=firmly"] == 1 and f["wR=the"] == 1 and f["tags=VBD"] == 1
    assert f["stype=person"] == 1 and f["nested=False"] == 1
    assert f["p"] == 0.0  # no tagger ran: no probability


def test_relays_are_not_candidates(troib, lexicon_only):
    doc, engine, attrs = _engine_run(troib, lexicon_only)
    feats = candidate_features(doc, attrs, engine.cue_prob, [False] * len(doc.tokens))
    relays = [i for i, a in enumerate(attrs) if a.attrs.get("relay")]
    assert relays  # "citing two unnamed Iranian officials"
    for i in relays:
        assert feats[i] is None and not is_candidate(troib.text, attrs[i])
    colon = Article(id="c", outlet="T", text="Pence: Gennifer Flowers Won't Be at Debate\n")
    _, _, cattrs = _engine_run(colon, lexicon_only)
    assert cattrs and cattrs[0].cue is not None and cattrs[0].cue.text == ":"
    assert not is_candidate(colon.text, cattrs[0])  # a cue of punctuation only


def test_filter_drops_a_relation_with_its_relay_and_renumbers_via(troib, lexicon_only):
    doc, engine, attrs = _engine_run(troib, lexicon_only)
    # a re-ranker that rejects exactly the cue "indicated" (the NYT relation that relays
    # "citing two unnamed Iranian officials")
    rr = CueReranker({"w=indicated": -20.0}, 10.0, 0.5, {})
    kept = rr.filter(doc, attrs, engine.cue_prob, [q >= 0 for q in engine.in_quote])
    cues = [a.cue.text for a in kept if a.cue is not None]
    assert "indicated" not in cues and "citing" not in cues
    assert "rejected" in cues
    assert len(kept) == len(attrs) - 2
    for a in kept:
        if a.via is not None:
            assert 0 <= a.via < len(kept)
            holder = kept[a.via]
            assert holder.content is not None or holder.attrs.get("relay") is None
    everyone = CueReranker({}, 10.0, 0.5, {}).filter(doc, attrs, engine.cue_prob, [])
    assert everyone == attrs


def test_probability_is_a_logistic_of_the_weights():
    rr = CueReranker({"a": 1.0, "b": -3.0}, 0.5, 0.5, {})
    assert rr.probability({"a": 1}) == pytest.approx(1 / (1 + 2.718281828459045**-1.5))
    assert rr.probability({"b": 1, "zzz": 1}) == pytest.approx(1 / (1 + 2.718281828459045**2.5))


def test_shipped_reranker_keeps_the_seed_story_sources(troib, ians):
    if load_cue_reranker() is None:
        pytest.skip("the shipped model has no re-ranker")
    on = AttributionFeatures()
    off = AttributionFeatures(rerank=False)
    for art, needle in ((troib, "Esmail Baghaei"), (ians, "Leavitt")):
        srcs_on = [a.source.text for a in on.attributions(art) if a.source is not None]
        srcs_off = [a.source.text for a in off.attributions(art) if a.source is not None]
        assert any(needle in s for s in srcs_on)
        assert any(needle in s for s in srcs_off)
    assert off.model_[1] == (0.5, 0.35)  # the tagger's own thresholds without re-ranking


def test_cues_outside_the_lexicon_have_their_own_threshold():
    # bias 0: every candidate has probability 0.5 -> kept at 0.4, a tagger-only cue not at 0.6
    rr = CueReranker({}, 0.0, 0.4, {}, model_threshold=0.6)
    assert rr.keeps({"rule=lexicon": 1})
    assert not rr.keeps({"rule=model": 1})
    assert CueReranker({}, 0.0, 0.4, {}).keeps({"rule=model": 1})


def _triples(attrs):
    return {
        tuple((r.start, r.end) if r is not None else None for r in (a.source, a.cue, a.content))
        for a in attrs
    }


def test_judge_mode_adds_cue_only_candidates_and_nothing_else(troib, ians):
    ext = AttributionFeatures().fit()
    if ext.model_ is None:
        pytest.skip("no cue model")
    extras = []
    for art in (troib, ians):
        doc = process(art)
        kw = {"min_quote_words": ext.min_quote_words, "model": ext.model_}
        plain = _Engine(doc, ext.lexicons_, **kw).run()
        judged = _Engine(doc, ext.lexicons_, judge=True, **kw).run()
        # the relations the rules build are the same; the rest are bare learned cues
        assert _triples(plain) <= _triples(judged)
        new = [a for a in judged if _triples([a]) - _triples(plain)]
        for a in new:
            assert a.source is None and a.content is None and a.cue is not None
            assert a.attrs["cue_only"] is True
            assert a.attrs["_judge"] in ("unbuilt", "filtered", "unclaimed")
            # "Trump ordered the killing", "authorized the drone strike": acts, not speech
            assert a.cue.text.split()[-1] not in ("ordered", "authorized")
        assert not any(a.attrs.get("cue_only") for a in plain)
        extras += new
    assert extras  # the tagger proposes cues the rules build nothing around


def test_kept_relations_carry_no_internal_judge_mark(troib, ians):
    ext = AttributionFeatures()
    for art in (troib, ians):
        for a in ext.attributions(art):
            assert "_judge" not in a.attrs
            if a.attrs.get("cue_only"):
                assert a.source is None and a.content is None


def test_guarded_candidates_of_the_seed_story(troib):
    # the relations the rules build around "adopted", "scrapped" (acts on a noun phrase)
    # and the cue-only "calls with" (a sourceless noun) are guarded; "rejected" is not
    ext = AttributionFeatures().fit()
    if ext.reranker_ is None or ext.reranker_.act_threshold is None:
        pytest.skip("the shipped re-ranker has no act guard")
    doc = process(troib)
    kw = {"min_quote_words": ext.min_quote_words, "model": ext.model_}
    engine = _Engine(doc, ext.lexicons_, judge=True, **kw)
    attrs = engine.run()
    feats = candidate_features(doc, attrs, engine.cue_prob, [q >= 0 for q in engine.in_quote])
    rr = ext.reranker_
    # the guard's word lists come from cue-filters.en
    assert rr.speech_classes == ext.lexicons_.cue_words["speech_class"]
    assert "a" in rr.object_determiners
    guarded = {
        a.cue.text
        for a, f in zip(attrs, feats, strict=True)
        if f is not None
        and (is_act_with_object(f, rr.speech_classes, rr.object_determiners) or is_bare_noun_cue(f))
    }
    assert "rejected" not in " ".join(guarded)
    kept = {a.cue.text for a in ext.attributions(troib) if a.cue is not None}
    for cue in ("adopted", "calls with"):
        assert cue not in kept
    assert "firmly rejected" in kept


def test_guard_predicates_read_the_candidate_features():
    # "Trump adopted a ... strategy": a possession verb (WordNet) before a determiner
    lists = ({"communication", "cognition"}, {"a", "the"})
    act = {"rule=model": 1, "vc=possession|VB": 1, "c0=a": 1}
    assert is_act_with_object(act, *lists)
    assert not is_act_with_object(act, set(), set())  # no lists: nothing is guarded
    assert not is_act_with_object({**act, "vc=communication|VB": 1}, *lists)  # speech verb
    assert not is_act_with_object({"rule=lexicon": 1, "vc=possession|VB": 1, "c0=a": 1}, *lists)
    assert not is_act_with_object({"rule=model": 1, "vc=possession|VB": 1, "c0=<Cap>": 1}, *lists)
    noun = {"rule=model": 1, "judge=filtered": 1, "tags=NNS|IN": 1}  # "calls with"
    assert is_bare_noun_cue(noun)
    assert not is_bare_noun_cue({"rule=model": 1, "judge=filtered": 1, "tags=VBD": 1})
    assert not is_bare_noun_cue({"rule=model": 1, "judge=unbuilt": 1, "tags=NNS|IN": 1})


def test_nesting_features_follow_the_offsets_of_cues_and_contents(troib, ians, lexicon_only):
    # nested= / nested|outerrule= (the cue inside another relation's content, the first such
    # relation) and inner= (how many other cues a content holds), read off the offsets
    seen_nested = seen_inner = False
    for article in (troib, ians):
        doc, engine, attrs = _engine_run(article, lexicon_only)
        feats = candidate_features(doc, attrs, engine.cue_prob, [False] * len(doc.tokens))
        for i, (a, f) in enumerate(zip(attrs, feats, strict=True)):
            if f is None:
                continue
            holders = [
                j
                for j, b in enumerate(attrs)
                if j != i
                and b.content
                and b.content.start <= a.cue.start
                and a.cue.end <= b.content.end
            ]
            assert f[f"nested={bool(holders)}"] == 1
            if holders:
                seen_nested = True
                outer = attrs[holders[0]].rule.split(":")
                kind = outer[0] if outer[0] in ("lexicon", "model") else ":".join(outer[:2])
                assert f[f"nested|outerrule={kind}"] == 1
            if a.content is not None:
                inner = [
                    b
                    for b in attrs
                    if b is not a
                    and b.cue is not None
                    and a.content.start <= b.cue.start
                    and b.cue.end <= a.content.end
                ]
                seen_inner = seen_inner or bool(inner)
                assert f[f"inner={min(2, len(inner))}"] == 1
    assert seen_nested and seen_inner
