"""Framing differences on the seed story: claim status, sources, naming, narrative."""

from __future__ import annotations

import pytest

import framing
from framing.compare.framing import claim_status
from framing.report import validate

from ..conftest import SEED_DIR


@pytest.fixture(scope="module")
def seed():
    return framing.compare(SEED_DIR)


def _fs(comparison, article_id):
    return next(f for f in comparison.features if f.article.id == article_id)


def test_troib_headline_denies_the_claim(seed):
    [head, lead] = claim_status(_fs(seed, "troib-rt"))
    assert head.role == "headline" and head.main == "denied"
    assert lead.role == "lead" and "denied" not in lead.statuses  # "the NYT reported that"
    assert any(e.text.startswith("rejects") for e in head.evidence)
    assert head.agent == "Iran"


def test_ians_lead_rests_on_media_reports(seed):
    [lead] = claim_status(_fs(seed, "ians"))
    assert lead.role == "lead"
    assert "denied" not in lead.statuses
    assert "attributed" in lead.statuses
    assert any("media reports" in e.text for e in lead.evidence)
    assert lead.agent == "a senior diplomat"


def test_what_each_lead_puts_first(seed):
    # TROIB: "Earlier this week, the New York Times reported that ..." (a short setting,
    # then the source); IANS: "In apparent attempts by Iran to prepare for the return of
    # Donald Trump as US President, a senior diplomat had a secret meeting ..."
    [_, troib_lead] = claim_status(_fs(seed, "troib-rt"))
    assert troib_lead.opening == "source"
    [ians_lead] = claim_status(_fs(seed, "ians"))
    assert ians_lead.opening == "clause"
    [clause] = [e for e in ians_lead.evidence if e.note == "opening clause"]
    assert clause.text == (
        "In apparent attempts by Iran to prepare for the return of Donald Trump as US President"
    )
    claim = next(d for d in seed.differences if d.kind == "claim_status")
    assert "leading with “In apparent attempts by Iran" in claim.summary


def test_claim_difference_leads_the_narrative(seed):
    first = seed.narrative[0]
    assert first.kind == "claim_status"
    assert "differently" in first.text
    d = seed.differences[first.difference]
    assert d.summary == first.text


def test_sources_only_one_version_quotes(seed):
    only = [d for d in seed.differences if d.kind == "source_only_in"]
    by_source = {d.attrs["source"]: d.attrs["article_id"] for d in only}
    # read off the texts: NBC and Karoline Leavitt speak only in IANS; the Foreign Ministry
    # (Baghaei's denial) only in the TROIB/RT version
    assert by_source.get("NBC News") == "ians"
    assert by_source.get("Karoline Leavitt") == "ians"
    assert any(aid == "troib-rt" and ("Foreign Ministry" in src or "Baghaei" in src)
               for src, aid in by_source.items())


def test_a_source_is_named_by_the_head_of_its_phrase(seed):
    # TROIB: "Trump spokesperson Steven Cheung told the NYT ..." is Cheung speaking, and
    # "the Trump campaign claimed ..." the campaign: neither is Trump himself.
    keyed = [d for d in seed.differences if d.kind in ("source_only_in", "same_source")]
    cheung = [d for d in keyed if d.attrs["source"] == "Steven Cheung"]
    assert cheung and cheung[0].attrs["article_id"] == "troib-rt"
    for d in keyed:
        if "Trump" in d.attrs["source"] and d.attrs["source"] != "Trump campaign":
            wrong = ("Trump spokesperson", "the Trump")
            assert not any(
                e.article_id == "troib-rt" and e.text.startswith(wrong) for e in d.evidence
            ), d.summary


def test_naming_variants(seed):
    naming = {d.attrs["canonical"]: d for d in seed.differences if d.kind == "naming"}
    assert "Tehran" in naming and "Teheran" in naming["Tehran"].summary
    assert "Mike Waltz" in naming and "Mike Walz" in naming["Mike Waltz"].summary


def test_every_evidence_span_points_into_its_article(seed):
    texts = {f.article.id: f.article.text for f in seed.features}
    for d in seed.differences:
        for e in d.evidence:
            assert texts[e.article_id][e.start : e.end] == e.text, (d.kind, e)
    for n in seed.narrative:
        assert n.evidence == seed.differences[n.difference].evidence


def test_json_validates_and_is_deterministic(seed):
    data = seed.to_dict()
    validate(data, "comparison")
    again = framing.compare(SEED_DIR).to_dict()
    assert again == data


def _sentence_index(fs, needle):
    return next(s.index for s in fs.document.sentences if needle in s.text)


def test_same_claim_with_different_cue_stance(seed):
    troib, ians = _fs(seed, "troib-rt"), _fs(seed, "ians")
    i = _sentence_index(troib, "citing two unnamed Iranian officials, indicated")
    j = _sentence_index(ians, "according to two Iranian officials the meeting was")
    found = [
        d for d in seed.differences
        if d.kind == "same_claim" and d.attrs["i"] == i and d.attrs["j"] == j
    ]
    assert found, "the NYT report is carried by both versions and should be aligned"
    # TROIB: "indicated" (speculative in the reporting-verb lexicon); IANS: "reported"
    assert any("speculative" in d.summary for d in found)


def test_entity_tone_uses_tone_spans(seed):
    from framing.compare.framing import entity_tone

    troib = _fs(seed, "troib-rt")
    tones = entity_tone(troib)
    mean, mentions, spans = tones["Qassem Soleimani"]
    # "... a drone strike in Iraq that killed Qassem Soleimani" reads negative
    assert mean < 0 and mentions >= 1
    assert all(s.feature == "tone" for s in spans)


def test_same_claim_names_a_pronoun_source_by_its_referent(seed):
    # IANS: "... CBS News reported ... It said that it was not clear if the nominees ..."
    ians = _fs(seed, "ians")
    j = _sentence_index(ians, "It said that it was not clear")
    found = [d for d in seed.differences if d.kind == "same_claim" and d.attrs["j"] == j]
    assert found, "the sentence on Trump's hardline nominees is carried by both versions"
    assert any("IANS attributes it (CBS News, as “It”)" in d.summary for d in found)


def test_one_same_claim_finding_per_aligned_pair(seed):
    pairs = [
        (d.attrs["a"], d.attrs["i"], d.attrs["b"], d.attrs["j"])
        for d in seed.differences if d.kind == "same_claim"
    ]
    assert pairs and len(pairs) == len(set(pairs))


def test_an_attribution_cue_is_not_also_reported_as_a_hedge(seed):
    # IANS: "... reported that according to two Iranian officials the meeting was ..." is
    # attributed, as TROIB's "the New York Times, citing two unnamed Iranian officials" is:
    # "according to" must not make IANS the only version that "hedges it".
    for d in seed.differences:
        if d.kind == "same_claim":
            assert "hedges it (“according to”)" not in d.summary, d.summary


def _pair(text_a: str, text_b: str):
    from framing.types import Article

    return framing.compare(Article(id="a", outlet="A", text=text_a),
                           Article(id="b", outlet="B", text=text_b))


def test_a_spelling_or_plural_is_not_a_framing_difference():
    # BASIL: Fox News "Libyan strongman Muammar Gaddafi", HuffPost "... Moammar Gaddafi"
    found = _pair(
        "The Libyan strongman Muammar Gaddafi said the rebels were traitors. "
        "Republicans in Congress criticized the strikes on Tuesday.",
        "The Libyan strongman Moammar Gaddafi said the rebels were traitors. "
        "One Republican in Congress criticized the strikes on Tuesday.",
    )
    kinds = [(d.kind, d.summary) for d in found.differences]
    assert not [s for k, s in kinds if k == "word_choice" and "moammar" in s.lower()], kinds
    assert not [s for k, s in kinds if k == "naming" and "Republican" in s], kinds


def test_summaries_carry_no_internal_keys():
    # BASIL (NYT / Fox News): two wordings in the same place of aligned sentences, whose
    # internal referent key is "slot:cheney_her"
    found = _pair(
        "Mary Cheney sharply criticized her sister over the marriage post on Friday evening.",
        "Mary Cheney gently answered her sister over the marriage post on Friday evening.",
    )
    [choice] = [d for d in found.differences if d.kind == "word_choice"]
    assert choice.attrs["referent"].startswith("slot:")
    assert choice.summary.startswith(
        "Different words in the same place of aligned sentences: A “sharply criticized”"
    )
    for d in found.differences:
        assert "slot:" not in d.summary and "cheney_her" not in d.summary, d.summary


def test_the_narrative_names_the_denial_gap(seed):
    # TROIB reports Iran's denial five times ("rejects", "has rejected", "firmly rejected",
    # "has refuted", "has dismissed"); IANS reports none: a measured difference worth telling
    [delta] = [n for n in seed.narrative if n.kind == "feature_delta"]
    assert delta.text.startswith("TROIB News has more denial reporting cues than IANS")
    assert "95% CI" in delta.text


def test_coverage_says_when_no_source_is_given(seed):
    # IANS: "... after having been warned it would be seen as an act of war": warned by whom?
    unit = next(u for u in seed.coverage if "been warned" in u.summary())
    assert "no source given (assertive 'been warned')" in unit.summary()
    assert "unnamed source" not in unit.summary()
