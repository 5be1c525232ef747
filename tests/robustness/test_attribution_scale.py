"""Attribution at scale: many quotations and cues, and many cues in one very long sentence.

These check behaviour, not timing (the growth per doubling is measured by
``benchmarks/hostile.py`` into ``docs/reliability.md``): every quotation keeps its own cue
when there are hundreds of them, and in a sentence longer than
:data:`~framing.features._attribution_rules.LONG_SENTENCE_CHARS` the contents stop at the
neighbouring cues instead of each running to the end of the sentence.
"""

from __future__ import annotations

import pytest

from framing.features._attribution_rules import LONG_SENTENCE_CHARS
from framing.features.attribution import AttributionFeatures
from framing.text import process
from framing.types import Article

UNIT = "“We deny it,” he said. "
# one clause with three cues: "rejects", "according to" and "cited"
CLAUSE = (
    "Iran rejects claims that its envoy had a clandestine meeting with Musk according to two "
    "unnamed officials cited by media reports"
)


@pytest.fixture(scope="module")
def features() -> AttributionFeatures:
    return AttributionFeatures()


def test_many_quotes_each_pairs_with_its_own_cue(features):
    text = UNIT * 500
    rels = features.attributions(Article(id="quotes", outlet="x", text=text))
    assert len(rels) == 500
    for i, a in enumerate(rels):
        base = i * len(UNIT)
        assert a.content is not None and a.cue is not None and a.source is not None
        assert (a.content.start, a.content.text) == (base, "“We deny it,”")
        assert (a.cue.start, a.cue.text) == (base + UNIT.index("said"), "said")
        assert (a.source.start, a.source.text) == (base + UNIT.index("he"), "he")
        assert a.quote == "direct"
        assert a.via is None


def test_many_quote_continuations_point_to_their_own_relation(features):
    unit = UNIT + "“The reports are false and we will sue them.” "
    text = unit * 300
    rels = features.attributions(Article(id="continued", outlet="x", text=text))
    assert len(rels) == 600
    for i in range(300):
        said, more = rels[2 * i], rels[2 * i + 1]
        assert said.cue is not None and said.cue.start == i * len(unit) + unit.index("said")
        assert more.rule == "rule:quote_continuation"
        assert more.attrs["continues"] == 2 * i
        assert more.content is not None
        assert more.content.start == i * len(unit) + unit.index("“The")
        assert more.cue == said.cue


def _max_overlap(spans: list[tuple[int, int]]) -> int:
    """The largest number of characters that two of ``spans`` share."""
    best, reach = 0, -1
    for s, e in sorted(spans):
        best = max(best, min(e, reach) - s)
        reach = max(reach, e)
    return best


def test_contents_in_a_very_long_sentence_stop_at_the_next_cue(features):
    text = " ".join([CLAUSE] * 400) + "."
    assert len(text) > 20 * LONG_SENTENCE_CHARS
    doc = process(Article(id="long", outlet="x", text=text))
    assert len(doc.sentences) == 1
    rels = features.attributions(doc)
    # every clause has its "rejects" and its "according to" relation
    cues = sorted(a.cue.start for a in rels if a.cue is not None)
    assert sum(1 for a in rels if a.cue is not None and a.cue.text == "rejects") == 400
    assert sum(1 for a in rels if a.cue is not None and a.cue.text == "according to") == 400
    contents = [(a.content.start, a.content.end) for a in rels if a.content is not None]
    assert len(contents) >= 800
    # contents do not overlap each other beyond the bound (they ran to the sentence end:
    # 1,200 contents of up to 51,600 characters)
    assert _max_overlap(contents) <= LONG_SENTENCE_CHARS
    # no content holds a cue that starts after the content does
    for s, e in contents:
        later = [c for c in cues if s < c < e]
        assert later == [], (s, e, text[s:e][:80])
    # output linear in the input: each character in a few contents at most
    assert sum(e - s for s, e in contents) <= 3 * len(text)
    # the first content is the object of the first "rejects", up to "according to"
    first = min(rels, key=lambda a: a.cue.start if a.cue is not None else len(text))
    assert first.content is not None
    assert first.content.text == "claims that its envoy had a clandestine meeting with Musk"


def test_a_normal_sentence_keeps_contents_to_its_end(features):
    # the same clause as one ordinary sentence: far under the bound, nothing is cut
    text = CLAUSE + "."
    rels = features.attributions(Article(id="short", outlet="x", text=text))
    rejects = [a for a in rels if a.cue is not None and a.cue.text == "rejects"]
    assert len(rejects) == 1 and rejects[0].content is not None
    assert rejects[0].content.text == CLAUSE[CLAUSE.index("claims") :]
