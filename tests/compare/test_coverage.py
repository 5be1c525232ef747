"""Coverage: what one version of the seed story carries and the other lacks, as content units.

Expectations come from reading the two articles: IANS does not carry the Foreign Ministry's
denial (Esmail Baghaei, in comments to IRNA) nor the "third-rate comedy" dismissal; the
TROIB/RT version does not carry Tehran's assurance, sent through Switzerland, that it is not
trying to assassinate Trump.
"""

from __future__ import annotations

import pytest

from framing.compare.align import align
from framing.compare.coverage import ContentUnit, coverage, coverage_differences
from framing.errors import ValidationError
from framing.text import process
from framing.types import Article, Attribution, TextRef


@pytest.fixture(scope="module")
def seed_docs(troib, ians):
    return [process(troib), process(ians)]


@pytest.fixture(scope="module")
def baghaei(troib) -> Attribution:
    """The denial, as an attribution read off the TROIB text by hand."""
    text = troib.text

    def ref(s: str) -> TextRef:
        start = text.index(s)
        return TextRef.of(text, start, start + len(s))

    return Attribution(
        source=ref("Foreign Ministry spokesperson Esmail Baghaei"),
        cue=ref("firmly rejected"),
        content=ref("the “false reports” from US media regarding a meeting between Ambassador"),
        source_type="person",
        cue_stance="denial",
        quote="indirect",
        rule="test:by-hand",
    )


@pytest.fixture(scope="module")
def units(seed_docs, baghaei, troib):
    return coverage(seed_docs, align(seed_docs), {troib.id: [baghaei]})


def _unit_with(units: list[ContentUnit], doc, needle: str) -> ContentUnit:
    index = next(s.index for s in doc.sentences if needle in s.text)
    hits = [u for u in units if u.article_id == doc.article.id and index in u.sentences]
    assert len(hits) == 1, f"{needle!r} should be in exactly one unit; got {hits}"
    return hits[0]


def _index(doc, needle: str) -> int:
    return next(s.index for s in doc.sentences if needle in s.text)


def test_ians_lacks_the_foreign_ministry_denial(units, seed_docs, baghaei):
    troib, _ = seed_docs
    unit = _unit_with(units, troib, "Esmail Baghaei firmly rejected")
    assert unit.missing_outlets == ("IANS",)
    assert baghaei in unit.sources
    summary = unit.summary()
    assert summary.startswith("IANS does not carry what TROIB News reports in")
    assert "Foreign Ministry spokesperson Esmail Baghaei (person; denial 'firmly rejected')" in (
        summary
    )
    assert "Esmail Baghaei" in unit.label.split(", ")  # one name, not two words


def test_a_resolved_pronoun_source_is_named_by_its_referent(seed_docs, troib):
    """"he expressed his support for Trump": the reader is told who "he" is (Musk)."""
    text = troib.text
    start = text.index("he expressed his support")
    musk = text.index("Musk has positioned himself")
    he = Attribution(
        source=TextRef.of(text, start, start + 2),
        cue=TextRef.of(text, start + 3, start + 12),
        content=TextRef.of(text, start + 13, start + 24),
        source_type="person",
        cue_stance="emotive",
        rule="test:by-hand",
        resolved=TextRef.of(text, musk, musk + 4),
    )
    found = coverage(seed_docs, align(seed_docs), {troib.id: [he]})
    unit = _unit_with(found, seed_docs[0], "he expressed his support")
    assert unit.sources == (he,)
    assert "resting on Musk, as “he” (person; emotive 'expressed')" in unit.summary()


def test_troib_lacks_the_assurance_sent_through_switzerland(units, seed_docs):
    _, ians = seed_docs
    unit = _unit_with(units, ians, "through Switzerland")
    assert unit.missing_outlets == ("TROIB News",)
    # the message sent through Switzerland *is* the assurance of the sentences around it
    for needle in (
        "Teheran has told President Joe Biden’s administration",
        "the assurance from Iran that it would not try to assassinate Trump",
    ):
        assert _index(ians, needle) in unit.sentences
    assert "Switzerland" in unit.label.split(", ")
    assert unit.sources == ()  # no attributions were passed for IANS


def test_third_rate_comedy_unit_label(units, seed_docs):
    troib, _ = seed_docs
    unit = _unit_with(units, troib, "third-rate comedy")
    assert unit.sentences == (_index(troib, "third-rate comedy"),)
    assert {"third-rate", "comedy"} <= set(unit.label.split(", "))
    assert unit.sources == ()


def test_split_quotation_is_one_unit(units, seed_docs):
    _, ians = seed_docs
    # Karoline Leavitt's quotation runs over two sentences
    unit = _unit_with(units, ians, "Karoline Leavitt")
    assert _index(ians, "he will take the necessary action") in unit.sentences


def test_units_cover_exactly_the_only_sentences(units, seed_docs):
    al = align(seed_docs)
    for doc in seed_docs:
        aid = doc.article.id
        mine = [i for u in units if u.article_id == aid for i in u.sentences]
        assert sorted(mine) == sorted(al.only[aid])  # each once, nothing else
    for u in units:
        assert list(u.sentences) == list(range(u.sentences[0], u.sentences[-1] + 1))
        doc = next(d for d in seed_docs if d.article.id == u.article_id)
        for ev in u.evidence:
            assert doc.text[ev.start : ev.end] == ev.text
        d = u.to_dict()
        assert d["summary"] == u.summary() and d["start"] == u.start and d["end"] == u.end


def test_partial_coverage_with_three_versions(troib, ians):
    third = Article(
        id="third",
        outlet="Wire",
        text="Iran has dismissed the claims as a third-rate comedy, its ministry said.",
    )
    docs = [process(troib), process(ians), process(third)]
    al = align(docs)
    only = coverage(docs, al)
    comedy = _index(docs[0], "third-rate comedy")
    assert not any(u.article_id == troib.id and comedy in u.sentences for u in only)
    partial = coverage(docs, al, include_partial=True)
    unit = _unit_with(partial, docs[0], "third-rate comedy")
    assert unit.missing_from == (ians.id,)
    denial = _unit_with(partial, docs[0], "Esmail Baghaei firmly rejected")
    assert set(denial.missing_from) == {ians.id, "third"}
    assert denial.summary().startswith("IANS and Wire do not carry what TROIB News reports")


def test_documents_must_match_alignment(seed_docs):
    al = align(seed_docs)
    with pytest.raises(ValidationError, match="same order"):
        coverage(list(reversed(seed_docs)), al)


def test_coverage_differences(units, seed_docs):
    diffs = coverage_differences(units)
    assert len(diffs) == len(units)
    troib, _ = seed_docs
    denial = next(d for d in diffs if "Baghaei" in d.summary)
    assert denial.kind == "coverage"
    assert denial.attrs["missing_from"] == [seed_docs[1].article.id]
    (ev,) = denial.evidence
    assert ev.article_id == troib.article.id and troib.text[ev.start : ev.end] == ev.text
    assert denial.attrs["sources"][0]["cue_stance"] == "denial"
    assert all(0.0 < d.score <= 1.0 for d in diffs)


def test_coverage_reuses_the_alignment_matrix_with_the_same_units(seed_docs, baghaei):
    """The alignment's kept similarity matrix gives the units a recomputation gives."""
    from dataclasses import replace

    from framing.compare.align import similarity_matrices, story_keys

    al = align(seed_docs)
    flat = [k for ks in story_keys(seed_docs) for k in ks]
    n = sum(len(d.sentences) for d in seed_docs)
    assert al.similarity is not None and al.similarity.shape == (n, n)
    weights = tuple(al.params["weights"])
    assert (al.similarity == similarity_matrices(flat, weights=weights)[0]).all()
    attrs = {seed_docs[0].article.id: [baghaei]}
    kept = coverage(seed_docs, al, attrs)
    recomputed = coverage(seed_docs, replace(al, similarity=None), attrs)
    assert [u.summary() for u in kept] == [u.summary() for u in recomputed]
    assert kept, "the seeds have content only one version carries"
