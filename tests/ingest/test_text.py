"""Ingestion of outlet text files: the seed articles and constructed variants."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import IngestError
from framing.ingest.text import outlet_name, parse_text, read_text_article

from ..conftest import IANS_FILE, SEED_DIR, TROIB_FILE


def _raw(name: str) -> str:
    return (SEED_DIR / name).read_text(encoding="utf-8")


def test_troib_headline_teaser_readmore_credit(troib):
    kinds = [r.kind for r in troib.removals]
    assert kinds == ["headline", "teaser", "read_more", "repeated_headline", "credit"]
    assert troib.title == "Iran rejects claims that its envoy had a meeting with Musk"
    assert troib.outlet == "TROIB News"
    assert troib.source_chain == ("TROIB News", "RT")
    assert troib.meta["credit"] == "Navid Kalantari"
    assert troib.meta["teaser"].startswith("Earlier this week, the New York Times revealed")
    assert "confidential discussions" in troib.meta["teaser"]


def test_troib_body_has_no_boilerplate(troib):
    body = troib.text[troib.body_start :]
    assert "Read Full Article" not in troib.text
    assert "contributed to this report" not in troib.text
    assert "revealed that" not in troib.text  # the teaser is metadata, not body
    assert troib.title not in body  # the repeated headline is gone
    assert troib.text.startswith(troib.title + "\n\n")
    assert body.startswith("Earlier this week, the New York Times reported that US-based")
    assert body.endswith("Iran has dismissed these claims as a “third-rate comedy.”")


def test_ians_date_prefix_and_dateline(ians):
    kinds = [r.kind for r in ians.removals]
    assert kinds == ["date_prefix", "dateline"]
    assert ians.date == "2024-11-16"
    assert ians.meta["place"] == "New York"
    assert ians.meta["agency"] == "IANS"
    assert ians.outlet == "IANS"
    assert ians.title is None and ians.body_start == 0
    assert ians.text.startswith("In apparent attempts by Iran to prepare")
    assert "(IANS)" not in ians.text and "date 2024" not in ians.text


@pytest.mark.parametrize("name", [TROIB_FILE, IANS_FILE])
def test_removals_point_into_the_source_file(name):
    raw = _raw(name)
    article = read_text_article(SEED_DIR / name)
    for r in article.removals:
        assert raw[r.start : r.end] == r.text, r
    # every canonical stretch maps back to the same characters in the source
    for canon, src, length in article.meta["offset_map"]:
        assert article.text[canon : canon + length] == raw[src : src + length]


@pytest.mark.parametrize("name", [TROIB_FILE, IANS_FILE])
def test_nothing_but_boilerplate_is_lost(name):
    """Every word of the file is either in the canonical text or in a removal record."""
    raw = _raw(name)
    article = read_text_article(SEED_DIR / name)
    kept = article.text.split() + [w for r in article.removals for w in r.text.split()]
    from collections import Counter

    missing = Counter(raw.split()) - Counter(kept)
    assert not missing


def test_front_matter_overrides_inference():
    text = (
        "---\noutlet: RT\ndate: 2024-11-15\nsource_chain: RT <- Sputnik\nlanguage: en\n---\n"
        "Headline here\n\nNew York, Nov 16 (IANS) Body text that says things.\n"
    )
    a = parse_text(text, path="x.txt")
    assert a.outlet == "RT"
    assert a.date == "2024-11-15"
    assert a.source_chain == ("RT", "Sputnik")
    assert a.meta["language"] == "en"
    assert a.meta["agency"] == "IANS"  # still inferred, but not used for the outlet
    assert a.removals[0].kind == "front_matter"
    assert a.text == "Headline here\n\nBody text that says things."


def test_malformed_front_matter_names_the_line():
    with pytest.raises(IngestError, match=r"x\.txt:3: front matter line"):
        parse_text("---\noutlet: RT\nnot a pair\n---\nBody.\n", path="x.txt")


def test_byline_and_crlf():
    raw = "Talks collapse\r\n\r\nBy Jane Roe\r\n\r\nThe talks collapsed.\r\n"
    a = parse_text(raw, path="b.txt")
    assert a.meta["byline"] == "Jane Roe"
    assert a.text == "Talks collapse\n\nThe talks collapsed."


def test_single_sentence_file_is_not_a_headline():
    a = parse_text("Iran denied the report on Saturday.", path="one.txt")
    assert a.title is None and a.text == "Iran denied the report on Saturday."


def test_outlet_names_from_lexicon():
    assert outlet_name("RT.com") == "RT"
    assert outlet_name("NYT") == "The New York Times"
    assert outlet_name("Unknown Gazette") == "Unknown Gazette"


def test_whitespace_only_is_refused(tmp_path: Path):
    p = tmp_path / "blank.txt"
    p.write_text("  \n\n \t\n", encoding="utf-8")
    with pytest.raises(IngestError, match=r"blank\.txt: the file has no text"):
        read_text_article(p)
