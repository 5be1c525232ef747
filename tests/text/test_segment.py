"""Sentence splitting and word tokens on real news sentences."""

from __future__ import annotations

import itertools

import pytest

from framing.text.segment import sentence_spans, split_sentences, word_spans


@pytest.mark.parametrize(
    "text",
    [
        "Mr. Musk met the envoy. He said nothing.",
        "The U.S. imposed sanctions on Tehran. Iran responded.",
        "Gen. Qassem Soleimani was killed in January. Iran vowed revenge.",
        "New York, Nov. 16 was the date of the report. It spread fast.",
        "Sen. Marco Rubio and Rep. Mike Waltz were named. Both are hawks.",
        "The U.N. envoy met him at 10 a.m. on Monday. Nobody confirmed it.",
    ],
)
def test_abbreviations_do_not_split(text):
    spans = sentence_spans(text)
    assert len(spans) == 2
    first = text[spans[0][0] : spans[0][1]]
    assert first.endswith(".") and text[spans[1][0] : spans[1][1]][0].isupper()


def test_newlines_end_sentences_and_headline_section(troib):
    sents = split_sentences(troib.text, body_start=troib.body_start)
    assert sents[0].section == "headline"
    assert sents[0].text == troib.title
    assert sents[1].text.startswith("Earlier this week, the New York Times reported")
    assert all(s.section == "body" for s in sents[1:])
    # sentences never cross a paragraph break and tile the non-space text in order
    for a, b in itertools.pairwise(sents):
        assert a.end <= b.start
        assert "\n" not in a.text


def test_seed_sentence_counts(troib, ians):
    # counted by reading the files, paragraph by paragraph:
    # TROIB: headline + 1+2+2+2+2+2+1+3+2 = 18; IANS: 17 paragraphs, two of 2 sentences and
    # a quotation of 2 sentences ("... around the world. When he returns ...") = 20
    troib_n = len(split_sentences(troib.text, body_start=troib.body_start))
    ians_n = len(split_sentences(ians.text, body_start=ians.body_start))
    assert troib_n == 18
    assert ians_n == 20


def test_sentence_text_matches_offsets(troib, ians):
    for a in (troib, ians):
        for s in split_sentences(a.text, body_start=a.body_start):
            assert a.text[s.start : s.end] == s.text


def test_word_spans_keep_offsets_and_split_clitics():
    text = "Iran’s envoy didn't meet Mr. Musk—reportedly—in the U.S. on Nov. 11, 2024."
    words = [text[s:e] for s, e in word_spans(text)]
    assert words[:6] == ["Iran", "’s", "envoy", "did", "n't", "meet"]
    assert "Mr." in words and "U.S." in words and "Nov." in words
    assert "—" in words and "reportedly" in words
    assert "2024" in words and words[-1] == "."


def test_hyphenated_words_stay_whole():
    text = "a possible behind-the-scenes negotiator and a third-rate comedy"
    words = [text[s:e] for s, e in word_spans(text)]
    assert "behind-the-scenes" in words and "third-rate" in words


def test_abbreviation_periods_join_only_an_adjacent_abbreviation():
    # "Mr", "Gen", "Dr", "Nov" are in the abbreviations lexicon: a period right after one joins
    # it, a second period and a period after a space do not; a sentence range is honoured
    text = "Mr.. Gen. Smith met Dr . Who in the U.S. on 3.5 Nov."
    assert [text[s:e] for s, e in word_spans(text)] == [
        "Mr.", ".", "Gen.", "Smith", "met", "Dr", ".", "Who", "in", "the", "U.S.", "on",
        "3.5", "Nov.",
    ]
    assert word_spans(text, 5, 15) == [(5, 9), (10, 15)]  # "Gen.", "Smith"
    assert word_spans(text, 5, 8) == [(5, 8)]  # "Gen" without its period
    assert word_spans("no periods here") == [(0, 2), (3, 10), (11, 15)]
