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
