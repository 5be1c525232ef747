"""Sentence alignment across versions, on the seed story (TROIB News <- RT, and IANS).

Every expectation below was derived by reading the two articles, not by running the code:
which sentences report the same fact, and which carry something the other version lacks.
"""

from __future__ import annotations

import time

import pytest

from framing.compare.align import DEFAULT_THRESHOLD, Alignment, align, sentence_keys
from framing.errors import ValidationError
from framing.lexicons import load_lexicon
from framing.text import process
from framing.types import Article


@pytest.fixture(scope="module")
def seed_docs(troib, ians):
    return [process(troib), process(ians)]


@pytest.fixture(scope="module")
def seed_alignment(seed_docs):
    return align(seed_docs)


def _index(doc, needle: str) -> int:
    hits = [s.index for s in doc.sentences if needle in s.text]
    assert len(hits) == 1, f"{needle!r} should be in exactly one sentence; got {hits}"
    return hits[0]


def _pair(alignment: Alignment, a: str, i: int, b: str, j: int):
    return next(
        (p for p in alignment.pairs if (p.a, p.i, p.b, p.j) in ((a, i, b, j), (b, j, a, i))),
        None,
    )


def test_nuclear_deal_paraphrase_is_aligned(seed_docs, seed_alignment):
    troib, ians = seed_docs
    i = _index(troib, "withdrew the US from the 2015 Iran nuclear agreement")
    j = _index(ians, "Trump scrapped the nuclear deal")
    pair = _pair(seed_alignment, troib.article.id, i, ians.article.id, j)
    assert pair is not None
    assert DEFAULT_THRESHOLD <= pair.similarity <= 1.0
    # scrapped ~ withdrew and deal ~ agreement come from the paraphrase lexicon
    assert {"withdraw", "agreement", "nuclear"} <= set(pair.shared)
    assert "trump" in pair.entities


def test_switzerland_message_only_in_ians(seed_docs, seed_alignment):
    _, ians = seed_docs
    j = _index(ians, "Tehran sent the message through Switzerland")
    assert j in seed_alignment.only[ians.article.id]
    assert seed_alignment.counterparts(ians.article.id, j) == []


def test_third_rate_comedy_only_in_troib(seed_docs, seed_alignment):
    troib, _ = seed_docs
    i = _index(troib, "third-rate comedy")
    assert i in seed_alignment.only[troib.article.id]
    assert seed_alignment.covered_by(troib.article.id, i) == frozenset()


def test_one_to_many(seed_docs, seed_alignment):
    # TROIB: "the New York Times, citing two unnamed Iranian officials, indicated that Iravani
    # and Musk had secret discussions on Monday in New York" carries both IANS's "Musk ... met
    # with ... Iravani, at his New York residence" and "The New York Times reported that
    # according to two Iranian officials the meeting was 'positive'".
    troib, ians = seed_docs
    i = _index(troib, "citing two unnamed Iranian officials")
    partners = {j for b, j, _ in seed_alignment.counterparts(troib.article.id, i)}
    assert _index(ians, "at his New York residence") in partners
    assert _index(ians, "according to two Iranian officials the meeting") in partners


def test_warning_paraphrase_alerted_warned(seed_docs, seed_alignment):
    troib, ians = seed_docs
    i = _index(troib, "US intelligence officials had alerted them")
    j = _index(ians, "US officials warned in July")
    pair = _pair(seed_alignment, troib.article.id, i, ians.article.id, j)
    assert pair is not None
    assert {"warn", "kill"} <= set(pair.shared)  # alerted ~ warned, assassinate (both)


def test_spelling_variant_walz_waltz(seed_docs, seed_alignment):
    troib, ians = seed_docs
    i = _index(troib, "Congressman Mike Waltz")
    j = _index(ians, "National Security Advisor Mike Walz")
    pair = _pair(seed_alignment, troib.article.id, i, ians.article.id, j)
    assert pair is not None
    assert {"waltz", "rubio"} <= set(pair.shared)


def test_denial_by_foreign_ministry_not_in_ians(seed_docs, seed_alignment):
    troib, _ = seed_docs
    i = _index(troib, "Esmail Baghaei firmly rejected")
    assert i in seed_alignment.only[troib.article.id]


def test_only_and_pairs_are_consistent(seed_docs, seed_alignment):
    paired = {(p.a, p.i) for p in seed_alignment.pairs} | {(p.b, p.j) for p in seed_alignment.pairs}
    for doc in seed_docs:
        aid = doc.article.id
        only = set(seed_alignment.only[aid])
        assert not only & {i for a, i in paired if a == aid}
        assert only <= {s.index for s in doc.sentences}
    for p in seed_alignment.pairs:
        assert p.a != p.b and 0.0 <= p.similarity <= 1.0


def test_to_dict_contract(seed_docs, seed_alignment):
    d = seed_alignment.to_dict()
    assert set(d) >= {"pairs", "only"}
    ids = {doc.article.id for doc in seed_docs}
    assert set(d["only"]) == ids
    first = d["pairs"][0]
    assert {"a", "i", "b", "j", "similarity", "shared"} <= set(first)
    assert isinstance(first["similarity"], float) and isinstance(first["shared"], list)


def test_sentence_keys_lexicon_groups(seed_docs):
    _, ians = seed_docs
    j = _index(ians, "Teheran has told President Joe Biden")
    keys = sentence_keys(ians, j)
    assert "iran" in keys.entities  # Teheran = Tehran = Iran (metonym, spelling variant)
    assert "kill" in keys.terms  # assassinate
    assert keys.words[keys.terms.index("iran")] == "Teheran"


def test_pronoun_us_is_not_united_states():
    doc = process(Article(id="x", outlet="X", text="They told us the US would act."))
    keys = sentence_keys(doc, 0)
    assert keys.terms.count("united_states") == 1


def test_three_versions_only_means_no_counterpart_anywhere(troib, ians):
    third = Article(
        id="third",
        outlet="Wire",
        text="Iran has dismissed the claims as a third-rate comedy, its ministry said.",
    )
    docs = [process(troib), process(ians), process(third)]
    al = align(docs)
    i = _index(docs[0], "third-rate comedy")
    assert i not in al.only[troib.id]
    assert al.covered_by(troib.id, i) == frozenset({"third"})
    assert al.only["third"] == ()


def test_fast_enough(seed_docs):
    align(seed_docs)  # warm caches (lexicons, stemmer, sklearn import)
    t0 = time.perf_counter()
    align(seed_docs)
    assert time.perf_counter() - t0 < 0.5


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"threshold": 0.0}, "threshold"),
        ({"threshold": 1.5}, "threshold"),
        ({"weights": (1.0, -1.0, 0.0)}, "weights"),
        ({"weights": (0.0, 0.0, 0.0)}, "weights"),
    ],
)
def test_bad_parameters(seed_docs, kwargs, match):
    with pytest.raises(ValidationError, match=match):
        align(seed_docs, **kwargs)


def test_needs_two_unique_documents(seed_docs):
    with pytest.raises(ValidationError, match="at least two"):
        align(seed_docs[:1])
    with pytest.raises(ValidationError, match="unique"):
        align([seed_docs[0], seed_docs[0]])


def test_to_frame(seed_alignment):
    frame = seed_alignment.to_frame()
    assert list(frame.columns) == [
        "a",
        "i",
        "b",
        "j",
        "similarity",
        "words",
        "chars",
        "entities",
        "shared",
    ]
    assert len(frame) == len(seed_alignment.pairs)
    assert frame.similarity.min() >= DEFAULT_THRESHOLD


def test_paraphrase_lexicon_is_documented():
    lex = load_lexicon("paraphrases.en")
    seen: dict[str, str] = {}
    for e in lex:
        assert e.note, f"{e.term!r} has no note"
        assert e.category in {"verb", "noun", "adjective", "name", "number", "ignore"}
        assert e.get("group"), f"{e.term!r} has no group"
        assert seen.setdefault(e.term, e.get("group")) == e.get("group"), e.term
    # the seed paraphrases the issue names
    groups = {e.term: e.get("group") for e in lex}
    assert groups["scrap"] == groups["withdrew"] == groups["pulled out"]  # matched by stem
    assert groups["deal"] == groups["agreement"] == groups["accord"]
    assert groups["assassinate"] == groups["kill"]
    assert groups["envoy"] == groups["ambassador"] == groups["diplomat"]
