"""The WikiWeasel scorer: reading the XML, the scoring arithmetic, and the targets."""

from __future__ import annotations

import pytest

from framing.evaluate.hedging import (
    BASELINES,
    WIKIWEASEL,
    WeaselDoc,
    WeaselSentence,
    build_documents,
    framing_predictor,
    phrase_list_predictor,
    read_phrase_list,
    read_wikiweasel,
    score_hedges,
    to_document,
)


@pytest.fixture(scope="module")
def weasel(shared_data):
    return read_wikiweasel(shared_data / WIKIWEASEL)


def test_read_wikiweasel_counts_and_offsets(weasel):
    # the data README: 3,580 documents; the file has 16,485 <Sentence> elements
    assert len(weasel) == 3580
    assert sum(len(d.sentences) for d in weasel) == 16485
    first = weasel[0]
    assert first.doc_id == "Tim Witherspoon_2358"
    assert first.sentences[0] == WeaselSentence("Tim Witherspoon", ())
    for doc in weasel[:300]:
        for s in doc.sentences:
            for start, end, _ in s.cues:
                assert 0 <= start < end <= len(s.text)


def test_cues_of_a_known_sentence(weasel):
    # Document 215: "... suggested that the periodicity could not be explained ..."
    [sent] = [s for s in weasel[215].sentences if "47 Ursae Majoris suggested" in s.text]
    cues = [sent.text[a:b] for a, b, _ in sent.cues]
    assert cues == ["suggested", "could"]
    assert [t for _, _, t in sent.cues] == ["speculation_modal_probable_"] * 2


def test_missing_file_is_an_ingest_error(tmp_path):
    from framing.errors import IngestError

    with pytest.raises(IngestError, match="cannot read the WikiWeasel XML"):
        read_wikiweasel(tmp_path / "nope.xml")


def _toy() -> list[WeaselDoc]:
    s1 = "It may rain if the wind turns."  # gold: may, if
    s2 = "The rain fell in May."  # no cue
    s3 = "Some think it is over."  # gold: think
    return [
        WeaselDoc(
            "toy",
            0,
            (
                WeaselSentence(s1, ((3, 6, "speculation_modal_probable_"), (12, 14, "cond"))),
                WeaselSentence(s2, ()),
                WeaselSentence(s3, ((5, 10, "speculation_hypo_doxastic _"),)),
            ),
        )
    ]


def test_to_document_keeps_gold_sentences():
    [wdoc] = _toy()
    doc = to_document(wdoc)
    assert [s.text for s in doc.sentences] == [s.text for s in wdoc.sentences]
    assert doc.text[doc.sentences[1].start : doc.sentences[1].end] == "The rain fell in May."


def test_scoring_arithmetic():
    pairs = build_documents(_toy())
    doc = pairs[0][1]

    def predict(d):
        # "may" (right), "May" in sentence 2 (wrong), nothing in sentence 3 (miss)
        i = d.text.index("may")
        j = d.text.index("May")
        return [(i, i + 3), (j, j + 3)]

    sc = score_hedges(pairs, predict)
    # sentences: predicted uncertain {1, 2}, gold uncertain {1, 3} -> P 1/2, R 1/2
    assert (sc.sentence.precision, sc.sentence.recall) == (0.5, 0.5)
    # cues: 1 of 2 predictions right; 1 of 3 gold cues found
    assert sc.cue.precision == 0.5
    assert sc.cue.recall == pytest.approx(1 / 3)
    assert sc.cue.f1 == pytest.approx(0.4)
    assert sc.sentences == 3 and doc.sentences[2].text.startswith("Some")


def test_framing_predictor_on_toy():
    pairs = build_documents(_toy())
    sc = score_hedges(pairs, framing_predictor("szeged"))
    # may, if, think are found and "May" the month is not predicted
    assert (sc.cue.precision, sc.cue.recall) == (1.0, 1.0)


def test_baseline_list_reader(shared_data):
    path = shared_data / BASELINES["Islam et al. 2020 hedge words"]
    phrases = read_phrase_list(path)
    assert ("suggest",) in phrases
    assert not any(p[0].startswith("#") for p in phrases)
    pairs = build_documents(_toy())
    hits = [pairs[0][1].text[a:b] for a, b in phrase_list_predictor(phrases)(pairs[0][1])]
    assert "may" in [h.lower() for h in hits]


def test_targets_on_held_out_sample(weasel):
    # 600 held-out (odd) documents, never read during lexicon work: targets 0.62 / 0.55
    held = [d for d in weasel if d.position % 2 == 1][:600]
    sc = score_hedges(build_documents(held), framing_predictor("szeged"))
    assert sc.sentence.f1 >= 0.62
    assert sc.cue.f1 >= 0.55
