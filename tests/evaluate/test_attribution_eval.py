"""The PolNeAR brat reader and the attribution scorer."""

from __future__ import annotations

from collections import Counter

import pytest

from framing.errors import IngestError
from framing.evaluate.attribution import (
    annotator_agreement,
    evaluate,
    f1_intervals,
    gold_named,
    iter_polnear,
    read_brat,
    score_roles,
)

ANN = (
    "T1\tSource 0 11\tPat Caddell\n"
    "T2\tCue 11 12\t:\n"
    "T3\tContent 13 20;25 30\tDemocra Heads\n"
    "T4\tAttribution 11 12\t:\n"
    "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1\n"
    "#1\tAnnotatorNotes T3\tsplit across a line\n"
    "T5\tContent 40 50\tfirst line\n"
    "second line of the same element\n"
    "T6\tCue 51 55\tsaid\n"
    "E2\tAttribution:T6 Cue:T6 Content:T5\n"
)


def test_read_brat_discontinuous_and_multiline():
    rels = read_brat(ANN)
    assert len(rels) == 2
    assert rels[0].source == ((0, 11),)
    assert rels[0].content == ((13, 20), (25, 30))
    assert rels[1].source == ()  # content with no source
    assert rels[1].cue == ((51, 55),)


def test_read_brat_undefined_element():
    with pytest.raises(IngestError, match=r"x\.ann:1: element 'T9' is not defined"):
        read_brat("E1\tAttribution:T9 Cue:T9\n", path="x.ann")


def test_score_roles_exact_and_overlap():
    text = "Iran denied the report, officials said."
    gold = {"source": {(24, 33)}, "cue": {(34, 38)}, "content": {(0, 22)}}
    # content off by the trailing comma (exact after trimming), cue missed, source overlapping
    pred = {"source": {(24, 29)}, "cue": set(), "content": {(0, 23)}}
    s = {(r.role, r.match): r for r in score_roles([(text, gold, pred)])}
    assert s[("content", "exact")].f1 == 1.0
    assert s[("source", "exact")].f1 == 0.0
    assert s[("source", "overlap")].f1 == 1.0
    assert s[("cue", "overlap")].recall == 0.0


def test_f1_intervals_resample_articles():
    text = "Officials said it."
    gold = {"cue": {(10, 14)}}
    found = (text, gold, {"cue": {(10, 14)}})  # F1 1
    missed = (text, gold, {"cue": set()})  # F1 0
    # Resampling two articles gives both found (F1 1), both missed (0) or one of each
    # (2 * 1 / (1 + 2)); each of the first two has probability 1/4, so the 2.5th and
    # 97.5th percentiles are the extremes.
    ci = f1_intervals([found, missed])
    assert ci[("cue", "overlap")] == (0.0, 1.0)
    assert ci == f1_intervals([found, missed])  # seeded: the same on every run
    assert f1_intervals([found, missed], seed=1)[("cue", "overlap")] == (0.0, 1.0)
    # identical articles leave nothing to resample: the interval is the point estimate
    assert f1_intervals([found] * 5)[("cue", "exact")] == (1.0, 1.0)
    assert f1_intervals([]) == {}


def test_gold_named_uses_corpus_case():
    # "officials" is written in lower case in the corpus; "Caddell" is capitalised; "trump"
    # occurs in lower case (the verb) but far less often than the capitalised name.
    lower = Counter({"officials": 50, "trump": 2, "nominee": 30})
    cap = Counter({"caddell": 12, "trump": 900, "republican": 400})
    text = "two officials; Pat Caddell; he; Trump; The Republican nominee"
    assert gold_named(text, [(0, 13)], (lower, cap)) is False
    assert gold_named(text, [(15, 26)], (lower, cap)) is True
    assert gold_named(text, [(28, 30)], (lower, cap)) is None
    assert gold_named(text, [(32, 37)], (lower, cap)) is True
    assert gold_named(text, [(39, 61)], (lower, cap)) is False  # head "nominee"


def test_polnear_offsets_index_the_txt_verbatim(shared_data):
    arts = list(iter_polnear(shared_data / "polnear/data/dev", limit=3))
    caddell = next(a for a in arts if "pat-caddell" in a.name)
    first = caddell.relations[0]
    s, e = first.source[0]
    assert caddell.text[s:e] == "Pat Caddell"
    for art in arts:
        for rel in art.relations:
            for s, e in rel.cue:
                assert 0 <= s < e <= len(art.text) and art.text[s:e].strip()


def test_evaluate_on_a_few_dev_articles(shared_data):
    root = shared_data / "polnear/data"
    scores, (ok, n), arts, _ = evaluate(root / "dev", root / "train", limit=6)
    by = {(s.role, s.match): s for s in scores}
    assert len(arts) == 6
    assert by[("cue", "overlap")].f1 > 0.6
    assert by[("content", "overlap")].f1 > 0.5
    assert n > 0 and ok / n > 0.8


def test_report_gives_intervals_around_each_f1(shared_data):
    from framing.evaluate.attribution import _run

    root = shared_data / "polnear/data"
    items, _, _, _ = _run(root / "dev", None, 8, True)
    point = {(s.role, s.match): s.f1 for s in score_roles(items)}
    ci = f1_intervals(items)
    assert set(ci) == set(point)
    for key, (lo, hi) in ci.items():
        assert lo <= point[key] <= hi, key
        assert hi - lo > 0.005, key  # eight articles differ from each other


def test_cue_token_labels_mark_the_tokens_of_each_gold_cue() -> None:
    from framing.evaluate.attribution import GoldRelation, cue_token_labels
    from framing.text import process
    from framing.types import Article

    text = "Baghaei firmly rejected the reports, and the ministry also said nothing."
    doc = process(Article(id="c", outlet="x", text=text))
    rejected = text.index("firmly rejected")
    said = text.index("also said")
    relations = [
        GoldRelation(source=(), cue=((rejected, rejected + len("firmly rejected")),), content=()),
        GoldRelation(source=(), cue=((said + 5, said + 9),), content=()),
    ]
    labels = cue_token_labels(doc, relations)
    assert labels == {
        rejected: "B-CUE",
        text.index("rejected"): "I-CUE",
        said + 5: "B-CUE",
    }


def _compartment(root, name, text, anns):
    (root / "c" / "text").mkdir(parents=True, exist_ok=True)
    (root / "c" / "attributions").mkdir(parents=True, exist_ok=True)
    (root / "c" / "text" / f"{name}.txt").write_text(text, encoding="utf-8")
    for annotator, ann in anns.items():
        (root / "c" / "attributions" / f"{name}_{annotator}.ann").write_text(ann, "utf-8")


def test_annotator_agreement_identical_annotators_agree_fully(tmp_path):
    text = "Pat Caddell: Democrats worry. Heads said nothing of the sort."
    _compartment(tmp_path, "art", text, {"a1": ANN, "b2": ANN})
    scores, articles, pairs = annotator_agreement(tmp_path, ("c",))
    assert (articles, pairs) == (1, 1)
    assert all(s.f1 == 1.0 for s in scores)


def test_annotator_agreement_counts_a_cue_one_annotator_missed(tmp_path):
    text = "Officials said Iran denied it. Aides claimed victory."
    spans = {w: (text.index(w), text.index(w) + len(w)) for w in ("said", "denied", "claimed")}
    ann_full = "".join(
        f"T{k}\tCue {s} {e}\t{w}\nE{k}\tAttribution:T{k} Cue:T{k}\n"
        for k, (w, (s, e)) in enumerate(spans.items(), 1)
    )
    ann_two = "".join(line + "\n" for line in ann_full.splitlines()[:4])  # no "claimed"
    _compartment(tmp_path, "art", text, {"a1": ann_full, "b2": ann_two})
    scores, _, _ = annotator_agreement(tmp_path, ("c",))
    cue = next(s for s in scores if s.role == "cue" and s.match == "exact")
    # both directions summed: 3 + 2 gold cues, 2 + 3 predicted, 2 + 2 matched
    assert (cue.tp_gold, cue.n_gold, cue.n_pred) == (4, 5, 5)
    assert cue.f1 == pytest.approx(0.8)


def test_annotator_agreement_on_polnear(shared_data):
    scores, articles, pairs = annotator_agreement(shared_data / "polnear/data")
    assert articles >= 20 and pairs >= articles
    by = {(s.role, s.match): s.f1 for s in scores}
    # annotators disagree on some spans but mostly agree
    for role in ("source", "cue", "content"):
        assert 0.5 < by[(role, "exact")] <= by[(role, "overlap")] < 1.0
