"""Word-choice pairs across versions of the seed story."""

from __future__ import annotations

import pytest

from framing.features.wordchoice import WordChoicePair, word_choice_pairs
from framing.text import process
from framing.types import Article


@pytest.fixture(scope="module")
def pairs(troib, ians) -> list[WordChoicePair]:
    return word_choice_pairs([process(troib), process(ians)])


def _pair(pairs, a_text, b_text):
    for p in pairs:
        if (p.a_text, p.b_text) == (a_text, b_text):
            return p
    got = [(p.a_text, p.b_text) for p in pairs]
    raise AssertionError(f"no pair {a_text!r} / {b_text!r}: {got}")


def test_clandestine_vs_secret_meeting(pairs, troib, ians):
    # TROIB: "held a clandestine meeting with Musk"; IANS: "had a secret meeting with Elon Musk"
    p = _pair(pairs, "clandestine meeting", "secret meeting")
    assert (p.a, p.b) == (troib.id, ians.id)
    assert p.loaded == ("secrecy", "secrecy")
    assert [s.text for s in p.a_spans] == ["clandestine meeting"]
    assert [s.text for s in p.b_spans] == ["secret meeting"]
    assert p.rule == "rule:wordchoice.same_head"


def test_secret_discussions_vs_secret_meeting_same_event(pairs):
    # "secret discussions" (TROIB, twice) and "secret meeting" (IANS) name one event
    p = _pair(pairs, "secret discussions", "secret meeting")
    assert len(p.a_spans) == 2
    assert p.referent == p.referent.lower()


def test_spelling_variants_of_names(pairs):
    # IANS spells the capital "Teheran" and the adviser "Walz"; TROIB "Tehran" and "Waltz"
    _pair(pairs, "tehran", "teheran")
    waltz = [p for p in pairs if "waltz" in p.a_text and "walz" in p.b_text]
    assert waltz


def test_evidence_spans_point_into_each_article(pairs, troib, ians):
    texts = {troib.id: troib.text, ians.id: ians.text}
    for p in pairs:
        for art, spans, wording in ((p.a, p.a_spans, p.a_text), (p.b, p.b_spans, p.b_text)):
            assert spans, p
            for s in spans:
                assert texts[art][s.start : s.end] == s.text
                assert s.feature == "wordchoice"
                assert s.rule == p.rule
                assert " ".join(s.text.lower().replace("’", "'").split()) == wording
        assert 0 < p.score <= 1
        d = p.to_dict()
        assert d["a"]["id"] == p.a and d["b"]["spans"][0]["text"] == p.b_spans[0].text


def test_no_pairs_between_identical_versions(troib):
    a = process(troib)
    b = process(Article(id="copy", outlet="Copy", text=troib.text, body_start=troib.body_start))
    assert word_choice_pairs([a, b]) == []


def test_needs_two_documents(troib):
    with pytest.raises(ValueError, match="at least two"):
        word_choice_pairs([process(troib)])
