"""Passive clauses and their agents on real sentences, tagged by the package's tagger."""

from __future__ import annotations

import pytest

import framing
from framing.evaluate.passive import score_passives
from framing.text import process
from framing.text.passive import find_passives
from framing.types import Article


def _passives(text: str) -> list[tuple[str, str | None]]:
    """(auxiliary ... participle, agent or None) for every passive of ``text``."""
    doc = process(Article(id="t", outlet="T", text=text))
    out = []
    for s in doc.sentences:
        toks = doc.tokens_of(s.index)
        for p in find_passives([t.text for t in toks], [t.pos for t in toks]):
            verb = text[toks[p.aux].start:toks[p.verb].end]
            agent = text[toks[p.agent[0]].start:toks[p.agent[1] - 1].end] if p.agent else None
            out.append((verb, agent))
    return out


def test_agentless_passives_in_the_ians_seed(ians):
    # "... not trying to assassinate President-elect Donald Trump, after having been warned it
    # would be seen as an act of war"
    sentence = next(s for s in process(ians).sentences if "act of war" in s.text)
    found = _passives(sentence.text)
    assert ("been warned", None) in found
    assert ("be seen", None) in found


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The issue was first reported by The Washington Post on Monday.",
         [("was first reported", "The Washington Post")]),
        ("Qassem Soleimani was killed in a drone strike near Baghdad airport.",
         [("was killed", None)]),
        ("The envoy was arrested and charged with espionage.",
         [("was arrested", None), ("was arrested and charged", None)]),
        ("Trump has killed the nuclear deal, and Iran has been warned.",
         [("been warned", None)]),
        ("Tehran has told the administration that it is not seeking war.", []),
    ],
)
def test_passives_and_agents(text: str, expected: list) -> None:
    assert _passives(text) == expected


def test_mismatched_lengths_are_refused() -> None:
    with pytest.raises(ValueError, match="differ in length"):
        find_passives(["was", "killed"], ["VBD"])


def test_comparison_reports_who_acted_left_out() -> None:
    a = Article(id="a", outlet="A", text=(
        "Qassem Soleimani was killed in a drone strike near Baghdad airport in January 2020."
    ))
    b = Article(id="b", outlet="B", text=(
        "A US drone strike ordered by Donald Trump killed Qassem Soleimani near Baghdad "
        "airport in January 2020."
    ))
    found = [d for d in framing.compare(a, b).differences if d.kind == "same_claim"]
    assert found, "the two sentences tell the same event and should be aligned"
    assert "A puts it in the passive without saying who acted (“was killed”), B does not" in (
        found[0].summary
    )
    assert any(e.text == "was killed" and e.note == "agentless passive" for e in found[0].evidence)


def test_ewt_dev_scores(shared_data) -> None:
    s = score_passives(shared_data / "ud-english-ewt" / "en_ewt-ud-dev.conllu")
    assert s.gold > 150 and s.f1 >= 0.85 and s.agentless_accuracy >= 0.95
