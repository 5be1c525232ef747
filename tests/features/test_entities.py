"""Entities: proper-noun runs, gazetteer canonical names, titles, short names."""

from __future__ import annotations

from framing.features.entities import EntityFeatures, canonical_entity
from framing.text import process


def _by_text(article):
    spans = EntityFeatures().spans(process(article))
    return {s.text: s for s in spans}, spans


def test_spelling_variants_get_one_canonical_name(ians, troib):
    ians_e, _ = _by_text(ians)
    troib_e, _ = _by_text(troib)
    assert ians_e["Teheran"].attrs["canonical"] == "Tehran"
    assert ians_e["Tehran"].attrs["canonical"] == "Tehran"
    assert ians_e["Mike Walz"].attrs["canonical"] == "Mike Waltz"
    assert troib_e["Mike Waltz"].attrs["canonical"] == "Mike Waltz"


def test_categories_and_titles(troib):
    ents, spans = _by_text(troib)
    assert ents["Amir Saeid Iravani"].category == "person"
    assert ents["Esmail Baghaei"].category == "person"
    assert ents["Musk"].attrs["canonical"] == "Elon Musk"
    assert ents["IRNA"].category == "media"
    trump = next(s for s in spans if s.text == "Donald Trump")
    assert trump.attrs.get("title") == "President-elect"
    for s in spans:
        assert troib.text[s.start : s.end] == s.text


def test_canonical_lookup():
    assert canonical_entity("Teheran") == ("place", "Tehran")
    assert canonical_entity("IRGC") == ("organisation", "Islamic Revolutionary Guard Corps")
    assert canonical_entity("Gotham") is None


def test_runs_join_of_the_for_inside_a_sentence_only():
    from framing.types import Article

    text = (
        "Reporters met the Bank of England and Smith. Jones of Leeds spoke. "
        "Sam Hill said Lee of.\nTom Lane arrived"
    )
    doc = process(Article(id="a", outlet="X", text=text))
    toks = doc.tokens
    runs = [" ".join(t.text for t in toks[i:j]) for i, j in EntityFeatures()._runs(doc)]
    # read off the text: "of" joins two proper nouns (NNP) of one
    # sentence; a run ends at a lower-case word, at the end of a sentence, at a line break,
    # and "of" with no proper noun after it joins nothing
    assert "Bank of England" in runs
    assert "Smith" in runs and "Sam Hill" in runs and "Tom Lane" in runs
    assert "Lee" in runs and not any(r.endswith(" of") for r in runs)
    assert not any("Smith Jones" in r or "Lee Tom" in r for r in runs)


def test_segments_skip_longer_matches_only_for_words_that_start_none(troib, ians, monkeypatch):
    # a token that is no first word of a name or title of two words or more is only looked
    # up alone; with every word counted as a first word (all lengths tried at every token)
    # the segments are the same
    import dataclasses

    import framing.features.entities as ent
    from framing.types import Article

    g = ent._gazetteer()
    for name in g.names:
        if " " in name:
            assert name.split(" ", 1)[0] in g.starts
    assert all(t[0] in g.starts for t in g.titles if len(t) > 1)
    hostile = Article(
        id="h",
        outlet="x",
        text="Secretary of State Mike Waltz met the UN Mission and Elon Musk. The White House "
        "and Prime Minister Netanyahu of Israel; President-elect Donald Trump in New York.",
    )
    docs = [process(a) for a in (troib, ians, hostile)]
    extractor = EntityFeatures()
    runs = [(doc, i, j) for doc in docs for i, j in extractor._runs(doc)]
    fast = [extractor._segments(doc, i, j) for doc, i, j in runs]
    words = {t.text.lower() for doc in docs for t in doc.tokens}
    every = dataclasses.replace(g, starts=frozenset(words) | g.starts)
    monkeypatch.setattr(ent, "_gazetteer", lambda: every)
    assert fast == [extractor._segments(doc, i, j) for doc, i, j in runs]
    assert sum(1 for segs in fast for *_, hit in segs if hit is not None) > 10
