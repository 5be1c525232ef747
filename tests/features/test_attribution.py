"""Source attribution on the seed story, small inline articles and real PolNeAR sentences."""

from __future__ import annotations

import pytest
from sklearn.base import clone

from framing.features.attribution import AttributionFeatures, AttributionSummary
from framing.lexicons import load_lexicon
from framing.text import process
from framing.types import Article, Attribution


@pytest.fixture(scope="module")
def extractor() -> AttributionFeatures:
    return AttributionFeatures().fit()


@pytest.fixture(scope="module")
def troib_attrs(troib, extractor) -> list[Attribution]:
    return extractor.attributions(troib)


@pytest.fixture(scope="module")
def ians_attrs(ians, extractor) -> list[Attribution]:
    return extractor.attributions(ians)


def _by_source(attrs: list[Attribution], needle: str) -> Attribution:
    hits = [a for a in attrs if a.source is not None and needle in a.source.text]
    assert hits, f"no attribution with a source containing {needle!r}"
    return hits[0]


def _one(text: str, extractor: AttributionFeatures) -> list[Attribution]:
    return extractor.attributions(Article(id="t", outlet="T", text=text))


# --- the seed story: TROIB News (denial led by a named official) -------------------------
def test_baghaei_denial_is_a_named_person_with_denial_stance(troib_attrs):
    a = _by_source(troib_attrs, "Esmail Baghaei")
    assert a.source.text == "Foreign Ministry spokesperson Esmail Baghaei"
    assert a.source_type == "person"
    assert a.affiliation == "Foreign Ministry"
    assert "rejected" in a.cue.text
    assert a.cue_stance == "denial"
    assert a.content.text.startswith("the “false reports” from US media")
    assert a.quote == "mixed"
    assert "IRNA" in a.attrs["channel"]  # "In comments to Iran's state-operated IRNA ..."


def test_the_diplomat_resolves_to_baghaei(troib_attrs):
    a = _by_source(troib_attrs, "The diplomat")
    assert a.resolved is not None and "Baghaei" in a.resolved.text
    assert a.source_type == "person"
    assert a.cue.text == "expressed"
    assert a.quote == "mixed"  # the cue itself is quoted: “expressed surprise”


def test_nyt_citing_unnamed_officials_is_a_chain(troib_attrs):
    nyt = [
        (i, a) for i, a in enumerate(troib_attrs) if a.cue is not None and a.cue.text == "indicated"
    ]
    assert len(nyt) == 1
    i, main = nyt[0]
    assert main.source.text == "the New York Times"
    assert main.source_type == "media"
    assert main.cue_stance == "speculative"
    relayed = _by_source(troib_attrs, "two unnamed Iranian officials")
    assert relayed.source_type == "anonymous"
    assert relayed.affiliation == "Iranian"
    assert relayed.cue.text == "citing"
    assert relayed.via == i
    assert relayed.attrs["relay"] is True
    assert relayed.content == main.content  # what the officials said, as the NYT relays it


def test_report_and_anonymous_sources_are_resolved(troib_attrs):
    report = _by_source(troib_attrs, "The report")
    assert report.cue_stance == "speculative"  # "suggested"
    assert report.resolved.text == "the New York Times"
    assert report.source_type == "media"
    anon = _by_source(troib_attrs, "the anonymous sources")
    assert anon.source_type == "anonymous"
    assert anon.resolved.text == "two unnamed Iranian officials"
    assert anon.content.text == "it as “positive.”"  # "described it as “positive.”"
    assert anon.quote == "mixed"


def test_trump_spokesperson_and_state_denials(troib_attrs):
    cheung = _by_source(troib_attrs, "Steven Cheung")
    assert (cheung.source_type, cheung.affiliation, cheung.cue.text) == ("person", "Trump", "told")
    assert cheung.content.text.startswith("that the president-elect would not address")
    campaign = _by_source(troib_attrs, "the Trump campaign")
    assert (campaign.source_type, campaign.cue_stance) == ("organisation", "assertive")
    refuted = _by_source(troib_attrs, "The Islamic Republic")
    assert refuted.cue_stance == "denial"
    headline = troib_attrs[0]
    assert (headline.source.text, headline.cue_stance) == ("Iran", "denial")


# --- the seed story: IANS (anonymous and vague sourcing) ---------------------------------
def test_according_to_media_reports_is_vague(ians_attrs):
    a = _by_source(ians_attrs, "media reports")
    assert a.source.text == "media reports"
    assert a.source_type == "vague"
    assert a.cue.text == "according to"
    assert "a senior diplomat had a secret meeting with Elon Musk" in a.content.text
    multiple = _by_source(ians_attrs, "multiple media reports")
    assert multiple.source_type == "vague"


def test_cbs_quoting_unnamed_sources_and_it_said(ians_attrs):
    i, cbs = next(
        (i, a) for i, a in enumerate(ians_attrs) if a.source and a.source.text == "CBS News"
    )
    assert cbs.source_type == "media"
    relayed = _by_source(ians_attrs, "unnamed sources")
    assert relayed.source_type == "anonymous"
    assert relayed.via == i
    it = _by_source(ians_attrs, "It")
    assert it.resolved.text == "CBS News"
    assert it.source_type == "media"
    assert it.content.text.startswith("that it was not clear if the nominees")


def test_ians_anonymous_officials(ians_attrs):
    two = _by_source(ians_attrs, "two Iranian officials")
    assert (two.source_type, two.affiliation) == ("anonymous", "Iranian")
    officials = [a for a in ians_attrs if a.source and a.source.text == "officials"]
    assert officials and officials[0].source_type == "anonymous"
    us = _by_source(ians_attrs, "US officials")
    assert (us.source_type, us.affiliation, us.cue_stance) == ("anonymous", "US", "assertive")


def test_leavitt_said_cryptically_is_emotive_direct(ians_attrs):
    a = _by_source(ians_attrs, "Karoline Leavitt")
    assert a.source.text == "Karoline Leavitt"
    assert a.cue_stance == "emotive"
    assert a.quote == "direct"
    assert a.content.text.startswith("“The American people re-elected President Trump")
    assert a.content.text.endswith("to do just that”")
    assert a.affiliation == "Trump"  # "who will be Trump's press secretary"


def test_mission_said_with_straight_opening_quote(ians_attrs):
    a = _by_source(ians_attrs, "UN Mission")
    assert (a.source_type, a.affiliation, a.quote) == ("organisation", "Iran", "direct")
    assert a.content.text.startswith('"The Islamic Republic of Iran has long declared')


def test_summary_contrasts_the_two_versions(troib, ians, extractor, troib_attrs, ians_attrs):
    t = extractor.summary(troib, troib_attrs)
    i = extractor.summary(ians, ians_attrs)
    assert isinstance(t, AttributionSummary)
    assert dict(t.stances).get("denial", 0) >= 3  # rejects, rejected, refuted, dismissed
    assert dict(i.stances).get("denial", 0) == 0
    assert i.anonymous_share + i.vague_share > t.anonymous_share + t.vague_share
    baghaei = next(s for s in t.sources if "Baghaei" in s.name)
    assert baghaei.attributions == 2  # "rejected" and, as "The diplomat", "expressed"
    assert baghaei.words > 10
    assert t.to_dict()["sources"][0]["name"]
    # unattributed counts contents with no source, not learned cues kept on their own
    for summary, attrs in ((t, troib_attrs), (i, ians_attrs)):
        sourceless = [a for a in attrs if a.source is None]
        assert summary.unattributed == sum(1 for a in sourceless if a.content is not None)
        assert all(a.attrs.get("cue_only") for a in sourceless if a.content is None)


def test_offsets_and_spans(troib, ians, extractor):
    for art in (troib, ians):
        doc = process(art)
        for a in extractor.attributions(doc):
            for ref in (a.source, a.cue, a.content, a.resolved):
                if ref is not None:
                    assert art.text[ref.start : ref.end] == ref.text
        spans = extractor.spans(doc)
        cats = {s.category for s in spans}
        assert all(s.voice == "quoted" for s in spans if s.category.startswith("content:"))
        if art is troib:
            assert "cue:denial" in cats and "source:media" in cats
        else:
            assert "source:anonymous" in cats and "source:vague" in cats


# --- small inline articles ---------------------------------------------------------------
def test_quote_before_speaker_inverted(small_articles, extractor):
    attrs = extractor.attributions(small_articles[0])
    a = _by_source(attrs, "Baghaei")
    assert a.source.text == "spokesman Esmail Baghaei"
    assert a.content.text == "“We firmly reject these false reports,”"
    assert a.quote == "direct"
    officials = _by_source(attrs, "Officials")
    assert officials.source_type == "anonymous"
    assert officials.content.text == "the talks may resume"


def test_multi_sentence_quote_continuation_and_unattributed(extractor):
    text = (
        "“We will not negotiate. Not now,” said Ambassador Amir Saeid Iravani. "
        "“The pressure has failed.”\n\n"
        "“Nobody in this building knows what the plan is going to be.”"
    )
    attrs = _one(text, extractor)
    first = attrs[0]
    assert first.source.text == "Ambassador Amir Saeid Iravani"
    assert first.content.text == "“We will not negotiate. Not now,”"
    cont = [a for a in attrs if a.rule == "rule:quote_continuation"]
    assert cont and cont[0].content.text == "“The pressure has failed.”"
    assert cont[0].source.text == first.source.text
    orphan = [a for a in attrs if a.source is None]
    assert orphan and orphan[0].content.text.startswith("“Nobody in this building")
    assert orphan[0].rule == "rule:unattributed_quote"


def test_dash_attribution(extractor):
    text = (
        "Reactions came quickly.\n"
        "No one should be above the law. — Paul Ryan (@SpeakerRyan) October 28, 2016\n"
    )
    a = next(a for a in _one(text, extractor) if a.rule == "rule:dash")
    assert a.source.text == "Paul Ryan (@SpeakerRyan)"
    assert a.content.text == "No one should be above the law."


def test_dash_attribution_with_name_ending_its_line(extractor):
    # PolNeAR dev (huff-post, Latino readers on Trump): the reader's name after the dash
    # ends with a full stop before the line break; gold: Source "Carla Sanchez", Cue "―".
    text = (
        "“Trump must stop portraying Latinos as dangerous gangsters when most of us are "
        "hard-working, tax-paying, successful entrepreneurs, unlike him.”― Carla Sanchez.\n"
        "\nGetty/Instagram.\n"
    )
    a = next(a for a in _one(text, extractor) if a.rule == "rule:dash")
    assert a.source.text == "Carla Sanchez"
    assert a.cue.text == "―"
    assert a.content.text.startswith("“Trump must stop portraying Latinos")


def test_cue_filter_lists_are_lexicon_data(extractor):
    # The closed word lists of the rules are the cue-filters.en lexicon, documented entry
    # by entry, and recorded among the feature's versions.
    lex = load_lexicon("cue-filters.en")
    cats = {e.category for e in lex}
    assert cats == {
        "clause_start",
        "tell_verb",
        "personal_pronoun",
        "dash",
        "connector",
        "action_verb",
        "pronoun_source",
        "first_person_source",
        "relative_source",
        "object_determiner",
        "speech_class",
        "layout_label",
        "source_noun_class",
        "poll_head",
        "report_adverb",
    }
    assert all(e.note for e in lex)
    assert {e.term for e in lex if e.category == "poll_head"} == {"poll", "survey"}
    assert {e.term for e in lex if e.category == "report_adverb"} == {"reportedly"}
    assert {e.term for e in lex if e.category == "source_noun_class"} == {"person", "group"}
    order = next(e for e in lex if e.term == "order")
    assert order.category == "action_verb" and "ordered" in order.get("forms").split("|")
    assert extractor.versions()["cue-filters.en"] == lex.id


def test_pronoun_sources_come_from_the_lexicon(extractor):
    # "It said" after CBS News: the pronoun is a whole source (pronoun_source in
    # cue-filters.en), resolved to the outlet named before it.
    text = 'CBS News reported the meeting on Thursday. It said the talks were "positive".'
    art = Article(id="p", outlet="x", text=text)
    [_, second] = sorted(extractor.attributions(art), key=lambda a: a.cue.start)
    assert second.source is not None and second.source.text == "It"
    assert {e.term for e in load_lexicon("cue-filters.en") if e.category == "pronoun_source"} >= {
        "it", "they", "we"
    }


def test_lexicon_only_mode(troib):
    a = _by_source(AttributionFeatures(use_model=False).attributions(troib), "Esmail Baghaei")
    assert a.cue.text == "rejected" and a.cue_stance == "denial"


def test_polnear_sentence(shared_data, extractor):
    # A real sentence of PolNeAR dev (breitbart, Pat Caddell), gold: Source "Caddell",
    # Cue "said", Content the quotation.
    name = "breitbart_2016-09-15_pat-caddell-democrat-voters-worr.txt"
    path = shared_data / "polnear/data/dev/text" / name
    text = path.read_text(encoding="utf-8")
    attrs = extractor.attributions(Article(id="p", outlet="breitbart", text=text))
    said = [a for a in attrs if a.cue and a.cue.text == "said" and a.source.text == "Caddell"]
    assert said
    assert said[0].content.text.startswith("“One of the things I am surprised about")


def test_params_and_sklearn_api(extractor, small_articles):
    with pytest.raises(ValueError, match="min_quote_words"):
        AttributionFeatures(min_quote_words=0).fit()
    twin = clone(extractor)
    assert twin.get_params() == extractor.get_params()
    x = extractor.transform(small_articles)
    assert x.shape == (2, len(extractor.categories()))
    names = list(extractor.get_feature_names_out())
    assert x[0, names.index("attribution:source:anonymous")] > 0
    assert "reporting_verbs.en" in extractor.versions()


def test_voice_map_separates_sources_from_narrator(troib, extractor, troib_attrs):
    vm = extractor.voice_map(troib, troib_attrs)
    text = troib.text
    secret = text.index("secret discussions")  # what the New York Times reported
    hostile = text.index("antagonistic measures")  # the outlet's own words
    assert vm.voice(secret, secret + 6) == "quoted"
    assert vm.voice(hostile, hostile + 12) == "narrator"


def test_speaker_colon_and_passive_agent(extractor):
    text = (
        "Pence: Gennifer Flowers Won’t Be at Debate\n\n"
        "The registration issue was first reported by The Washington Post."
    )
    attrs = _one(text, extractor)
    colon = next(a for a in attrs if a.cue is not None and a.cue.text == ":")
    assert colon.source.text == "Pence"
    assert colon.content.text == "Gennifer Flowers Won’t Be at Debate"
    passive = next(a for a in attrs if a.cue is not None and "reported" in a.cue.text)
    assert passive.source.text == "The Washington Post"
    assert passive.source_type == "media"
    assert passive.content.text == "The registration issue"


def test_layout_labels_before_a_colon_are_not_speakers(extractor):
    # Headline kickers, editorial notes and metadata lines ("Breaking:", "CORRECTION:",
    # "BYLINE:", "The Latest:") have the layout of "Pence: ..." but name no speaker; the
    # labels are layout_label entries of cue-filters.en.
    labels = {e.term for e in load_lexicon("cue-filters.en") if e.category == "layout_label"}
    assert {"breaking", "correction", "byline", "the latest"} <= labels
    text = (
        "Breaking: Federal Judge Orders Release Of Clinton Emails\n\n"
        "BYLINE: Amber Phillips.\n\n"
        "The Latest: Senate Votes Tonight\n\n"
        "CORRECTION: An earlier version of this story misstated the date.\n\n"
        "Pence: Gennifer Flowers Won’t Be at Debate\n\n"
        "The judge said the emails must be released by Friday."
    )
    attrs = _one(text, extractor)
    colons = [a for a in attrs if a.cue is not None and a.cue.text == ":"]
    assert [a.source.text for a in colons] == ["Pence"]
    said = next(a for a in attrs if a.cue is not None and a.cue.text == "said")
    assert said.source.text == "The judge"


def test_nyt_two_apostrophe_quote_before_speaker(shared_data, extractor):
    # PolNeAR dev, NYT: "''This isn't tax reform,'' said Douglas Holtz-Eakin, an economist
    # ..." -- the quotation marked with two apostrophes is the content of "said" and the
    # economist, named after the cue, is the source.
    name = "nyt_2016-09-16_clinton-plan-for-taxes-is-expans.txt"
    text = (shared_data / "polnear/data/dev/text" / name).read_text(encoding="utf-8")
    attrs = extractor.attributions(Article(id="n", outlet="nyt", text=text))
    hits = [a for a in attrs if a.source is not None and "Holtz-Eakin" in a.source.text]
    assert hits
    rel = hits[0]
    assert rel.cue.text == "said"
    assert rel.content.text.startswith("''This isn't tax reform,")
    assert rel.quote == "direct"


def test_actions_and_prepositions_are_not_cues(troib, ians, extractor):
    # Seed story: "he expressed his support for Trump" (the cue is "expressed", not "for"),
    # "he authorized the drone strike that killed Qassem Soleimani" and "Trump ordered the
    # killing of ..." report actions, not speech; "these claims" inside the content of
    # "Iran has dismissed" is a noun, not a second cue.
    cues = [
        a.cue.text
        for art in (troib, ians)
        for a in extractor.attributions(art)
        if a.cue is not None
    ]
    for word in ("for", "authorized", "ordered", "claims"):
        assert word not in cues
    assert "expressed" in cues
    assert "has dismissed" in cues


def test_order_with_infinitive_is_still_a_cue(extractor):
    # The action filter keeps an order that reports what someone was told to do.
    text = "The judge ordered the campaign to release the records by Friday."
    cues = [a.cue.text for a in _one(text, extractor) if a.cue is not None]
    assert any("ordered" in c for c in cues)


def test_lexicon_directive_needs_an_infinitive_without_the_model():
    # reporting_verbs.en lists "order" as a directive; the rules alone (no cue tagger) keep
    # "ordered them to ..." and drop "ordered the killing" (an act), as with the model.
    rules = AttributionFeatures(use_model=False).fit()
    directive = "The judge ordered the campaign to release the records, the court said."
    act = "In 2020, Trump ordered the killing of the general in Baghdad, the officials said."
    assert "ordered" in [a.cue.text for a in _one(directive, rules) if a.cue is not None]
    assert "ordered" not in [a.cue.text for a in _one(act, rules) if a.cue is not None]
    assert "said" in [a.cue.text for a in _one(act, rules) if a.cue is not None]


def test_citing_after_a_clause_is_a_cue_of_the_subject(troib, extractor):
    # PolNeAR dev (wash-post, Burma): "McConnell said in June 2012, citing the release of
    # political prisoners ..." -- gold: Source "McConnell", Cue "citing", Content "the
    # release of ...". After a source ("the New York Times, citing two unnamed Iranian
    # officials" in the seed story) "citing" stays a relay and the date before it
    # ("On Thursday,") is no source.
    text = (
        'The country "has made dramatic changes for the better," McConnell said in June 2012, '
        "citing the release of political prisoners and Suu Kyi's election to parliament."
    )
    citing = [a for a in _one(text, extractor) if a.cue is not None and a.cue.text == "citing"]
    assert len(citing) == 1
    assert citing[0].source.text == "McConnell"
    assert citing[0].content.text.startswith("the release of political prisoners")
    seed = [a for a in extractor.attributions(troib) if a.cue and a.cue.text == "citing"]
    assert [a.source.text for a in seed] == ["two unnamed Iranian officials"]
    assert all(a.attrs.get("relay") for a in seed)


def test_infinitive_cue_after_an_object_noun_takes_the_clause_subject(ians_attrs):
    # IANS: "Iran has reasons to fear increased hostility when Trump returns ..." -- the one
    # who fears is Iran; "reasons" (the object of "has") names no one.
    fear = [a for a in ians_attrs if a.cue is not None and a.cue.text.endswith("fear")]
    for a in fear:
        assert a.source is not None and a.source.text == "Iran"
    assert all(a.source is None or a.source.text != "reasons" for a in ians_attrs)


def test_a_poll_is_the_source_of_its_figures(extractor):
    # "in a ... poll" attributes the figures to the poll (PolNeAR annotates the poll as the
    # source and "in" as the cue), before or after the clause; the respondents' own "said"
    # stays, nested in the poll's relation.
    text = (
        "In a Washington Post/ABC News poll released Sunday, just 8 percent of Democrats "
        "said they would vote for Trump. Clinton leads Trump by six points in a new CBS "
        "News survey. Cruz rose in the polls after the debate."
    )
    rels = extractor.attributions(Article(id="poll", outlet="x", text=text))
    polls = [a for a in rels if a.rule.startswith("poll:")]
    assert [(a.cue.text, a.source.text) for a in polls] == [
        ("In", "a Washington Post/ABC News poll"),
        ("in", "a new CBS News survey"),
    ]
    first, second = polls
    assert first.content.text.startswith("just 8 percent of Democrats said")
    assert second.content.text == "Clinton leads Trump by six points"
    assert all(a.cue_stance == "neutral" for a in polls)
    said = next(a for a in rels if a.cue is not None and a.cue.text == "said")
    assert said.source.text == "8 percent of Democrats"
    assert rels[said.via] is first
    # "rose in the polls" is a standing, not a poll's finding ("polls" is no poll_head)
    assert not [a for a in rels if a.cue is not None and a.cue.start > text.index("Cruz")]
    for a in polls:
        for ref in (a.source, a.cue, a.content):
            assert text[ref.start : ref.end] == ref.text


def test_reportedly_is_an_unnamed_report(extractor):
    # "reportedly" attributes its clause to reports it does not name: a cue-only relation
    # with the distancing stance of reporting_verbs.en, unless the reporting verb right
    # after it is the cue ("reportedly said": the adverb is that relation's manner).
    text = (
        "The Club for Growth is reportedly spending $1.5 million on television ads. "
        "The senator reportedly said no."
    )
    rels = extractor.attributions(Article(id="rep", outlet="x", text=text))
    adverb = [a for a in rels if a.cue is not None and a.cue.text == "reportedly"]
    assert len(adverb) == 1
    [rep] = adverb
    assert rep.cue.start == text.index("reportedly")
    assert rep.source is None and rep.content is None and rep.attrs["cue_only"]
    assert rep.cue_stance == "distancing"
    said = next(a for a in rels if a.cue is not None and a.cue.text == "said")
    assert said.source.text == "The senator" and "reportedly" in said.attrs["manner"]


@pytest.mark.parametrize(
    ("text", "cue", "source"),
    [
        # BASIL (Fox News): the speaker is before the time, not the time
        ("The Times reports Liz Cheney on Friday first articulated her position on the "
         "controversial subject.", "articulated", "Liz Cheney"),
        ("Senior officials last week said the talks would resume in Geneva.", "said",
         "Senior officials"),
        # "Today" in a name is no time word
        ("A reporter for USA Today reported that the candidate had left the rally.",
         "reported", "A reporter for USA Today"),
    ],
)
def test_a_time_is_never_the_source(text: str, cue: str, source: str, extractor) -> None:
    found = [a for a in _one(text, extractor) if a.cue is not None and a.cue.text.endswith(cue)]
    assert found, f"no attribution through {cue!r}"
    assert found[0].source is not None and found[0].source.text == source
