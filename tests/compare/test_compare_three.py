"""N = 3: a BASIL event (Fox News, New York Times, HuffPost) compared end to end."""

from __future__ import annotations

import framing
from framing.evaluate.comparison import read_basil_events
from framing.report import validate


def test_three_outlets_on_a_basil_event(shared_data):
    [event] = read_basil_events(shared_data, limit=1)
    articles = [a.article for a in event.articles]
    assert len(articles) == 3
    c = framing.compare(*articles)
    data = c.to_dict()
    validate(data, "comparison")
    ids = {a.id for a in articles}
    assert set(data["alignment"]["only"]) == ids
    assert {p["a"] for p in data["alignment"]["pairs"]} | {
        p["b"] for p in data["alignment"]["pairs"]
    } <= ids
    # every pair of versions is compared for every feature
    keys = {(d.feature, d.a.article_id, d.b.article_id) for d in c.deltas}
    features = {d.feature for d in c.deltas}
    assert len(keys) == 3 * len(features)
    for unit in c.coverage:
        assert unit.article_id not in unit.missing_from
        assert set(unit.missing_from) <= ids
    assert c.narrative and c.narrative[0].text
