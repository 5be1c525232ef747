"""Markdown reports render article text as text."""

from __future__ import annotations

import re

import framing
from framing.report import comparison_markdown, escape_md


def test_escape_md_neutralises_markup():
    hostile = "[click](javascript:alert(1)) ![img](http://x/y.png) <script>alert(1)</script> *b*"
    out = escape_md(hostile)
    assert "<script>" not in out and "&lt;script&gt;" in out
    assert not re.search(r"(?<!\\)\]\(", out)  # no unescaped link or image syntax
    assert "\\*b\\*" in out


def test_hostile_article_in_report():
    a = framing.Article(id="evil", outlet="<b>Evil</b>",
                        text='Iran said "[x](javascript:alert(1))" <img src=x onerror=alert(1)>.')
    b = framing.Article(id="good", outlet="Good", text="Iran said nothing at all today.")
    md = comparison_markdown(framing.compare(a, b))
    assert "<img" not in md and "<b>" not in md
    assert not re.search(r"(?<!\\)\]\(javascript", md)


def test_who_speaks_accounts_for_every_attribution(seed_comparison):
    text = comparison_markdown(seed_comparison)
    for f in seed_comparison.features:
        sourced = [a for a in f.attributions if a.source is not None]
        loose = sum(1 for a in f.attributions if a.source is None and a.content is not None)
        [line] = [x for x in text.splitlines() if x.startswith(f"**{f.article.outlet}**: ")]
        assert line.startswith(f"**{f.article.outlet}**: {len(sourced)} attributions with a source")
        if loose:
            assert f"(and {loose} quoted or reported content" in line
        quotes = {q: sum(1 for a in sourced if a.quote == q) for q in ("direct", "indirect")}
        assert f"direct {quotes['direct']}, indirect {quotes['indirect']}" in line
