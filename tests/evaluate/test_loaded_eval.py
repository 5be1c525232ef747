"""Scorers of loaded language: BABE and BASIL readers, F1 arithmetic, NewsWCL50 check."""

from __future__ import annotations

import pytest

from framing.errors import IngestError
from framing.evaluate.loaded import (
    BabeRow,
    _lexicon_predictor,
    _word_f1,
    _word_list_predictor,
    check_newswcl50,
    f1,
    macro_f1,
    read_babe,
    read_basil,
    score_basil,
    sentence_key,
)


def test_f1_counts():
    assert f1(3, 1, 2) == pytest.approx((0.75, 0.6, 2 * 0.75 * 0.6 / 1.35))
    assert f1(0, 0, 0) == (0.0, 0.0, 0.0)


def test_macro_f1_two_classes():
    # class 1: tp=1 fp=1 fn=0 -> F1 2/3; class 0: tp=1 fp=0 fn=1 -> F1 2/3
    assert macro_f1([1, 0, 0], [1, 1, 0]) == pytest.approx(2 / 3)


def test_word_f1_on_a_hand_row():
    row = BabeRow("Trump fumed at the baseless report.", 1, ("fumed", "baseless"), "x")
    # the word list flags 'baseless' and 'report': tp=1, fp=1, fn=1 ('fumed' missed)
    p, r, _ = _word_f1([row], _word_list_predictor(["baseless", "report"]))
    assert (p, r) == (0.5, 0.5)
    # the project lexicon has both 'fumed' (emotive_saying) and 'baseless' (delegitimising)
    assert _word_f1([row], _lexicon_predictor())[2] == 1.0


def test_read_babe_dev(shared_data):
    rows = read_babe(shared_data / "babe" / "final_labels_SG2.dev.csv")
    assert len(rows) == 2956
    second = rows[1]  # "We have one beautiful law," Trump recently said ...
    assert second.label == 1
    assert second.biased_words == ("bizarre", "characteristically")
    assert second.outlet == "Alternet"
    assert rows[0].label == 0 and rows[0].biased_words == ()
    assert sum(r.label is None for r in rows) == 1  # one "No agreement" row


def test_read_babe_bad_file(tmp_path):
    bad = tmp_path / "x.csv"
    bad.write_text("sentence;label\nfoo;bar\n", encoding="utf-8")
    with pytest.raises(IngestError, match="lacks the columns"):
        read_babe(bad)


def test_sentence_key_ignores_case_and_spaces():
    assert sentence_key("Iran’s  envoy\nmet Musk") == sentence_key("iran's envoy met musk")


def test_read_basil_places_lex_spans(shared_data):
    arts = read_basil(shared_data / "basil")
    assert len(arts) == 246  # 82 events x 3 outlets
    steele = next(a for a in arts if a[0].article == "2b95d2cf-e979-4f9c-ae27-9a5370934f23_1")
    # the NYT article's lexical-bias span 'fierce' sits in its first sentence
    assert "fierce criticism" in steele[0].text
    assert steele[0].lex


def test_score_basil_counts_sentences(shared_data):
    arts = read_basil(shared_data / "basil")[:3]
    n_lex = sum(s.lex for a in arts for s in a)
    n = sum(len(a) for a in arts)
    counts = score_basil(
        arts,
        {
            "all": lambda art, starts, k: [True] * k,
            "none": lambda art, starts, k: [False] * k,
        },
    )
    assert counts["all"] == (n_lex, n - n_lex, 0)
    assert counts["none"] == (0, 0, n_lex)


def test_newswcl50_referent_rule_is_precise(shared_data):
    chk = check_newswcl50(shared_data / "newswcl50" / "Annotations.csv")
    assert chk.events == 10
    p, r, _ = chk.scores
    assert chk.predicted_pairs > 500
    assert p >= 0.6  # most same-head wordings across outlets do name the same concept
    assert 0 < r < 0.5  # coreference beyond heads is out of reach, and we say so
