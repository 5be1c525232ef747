"""Hostile article text in ``report.md`` renders as text in a real Markdown renderer.

The report is rendered with markdown-it-py in its GitHub-flavoured preset with the GFM
autolinks (``http://``, ``www.``, e-mail addresses) switched on, and the HTML it produces is
checked: no link, image, script, raw HTML or heading comes from the article.
"""

from __future__ import annotations

import html
import re

import pytest

import framing
from framing.report import comparison_markdown, escape_md

markdown_it = pytest.importorskip("markdown_it", reason="markdown-it-py renders the report")
pytest.importorskip("linkify_it", reason="linkify-it-py gives markdown-it GFM autolinks")

PAYLOADS = [
    "[click](javascript:alert(1))",
    "![x](http://evil.example/x.png)",
    "<script>alert(1)</script>",
    "<!-- hidden -->",
    '<a href="javascript:alert(2)" onclick="alert(3)">a</a>',
    "`code` and ``more``",
    "| a | b |",
    "# Injected heading",
    "see http://evil.example/p and www.evil.example and mail@evil.example",
    "[ref]: http://evil.example/ref",
    "&#106;avascript:alert(4)",
    "*em* __strong__ ~~del~~",
]


def _render(md: str) -> str:
    mdit = markdown_it.MarkdownIt("gfm-like")
    mdit.linkify.set({"fuzzy_link": False})  # the autolinks of the GFM spec, no guessing
    return mdit.render(md)


def _text_of(rendered: str) -> str:
    return html.unescape(re.sub(r"<[^>]*>", "", rendered))


@pytest.mark.parametrize("payload", PAYLOADS)
def test_escaped_payload_renders_as_its_own_text(payload: str) -> None:
    rendered = _render("- " + escape_md(payload) + "\n")
    assert rendered.startswith("<ul>\n<li>") and rendered.count("<li>") == 1
    inner = rendered[len("<ul>\n<li>") : -len("</li>\n</ul>\n")]
    assert "<" not in inner.replace("&lt;", ""), f"markup from the payload: {inner}"
    assert _text_of(inner) == payload


@pytest.mark.parametrize("brk", ["\r", "\r\n", "\n", "\u2028", "\x85"])
def test_line_breaks_cannot_start_a_line(brk: str) -> None:
    out = escape_md(f"title{brk}==={brk}- item{brk}    code{brk}1. one")
    assert "\n" not in out and "\r" not in out
    assert _render(out).count("<p>") == 1


@pytest.fixture(scope="module")
def hostile_report() -> tuple[str, str]:
    text = (
        "Iran rejects claims that its envoy met Musk. "
        + " ".join(f"He said {p} today." for p in PAYLOADS)
        + " Officials said the meeting was secret."
    )
    evil = framing.Article(
        id="evil|`id`",
        outlet="<b>Evil</b> | [x](javascript:alert(1))",
        title="Headline\r===\r# Injected\rwww.evil.example",
        text=text,
    )
    good = framing.Article(id="good", outlet="Good", text="Iran said nothing at all today.")
    md = comparison_markdown(framing.compare(evil, good))
    return md, _render(md)


def test_hostile_report_has_no_links_images_or_html(hostile_report: tuple[str, str]) -> None:
    _, rendered = hostile_report
    for tag in ("<a ", "<img", "<script", "<b>", "<!--", "<h3", "<del"):
        assert tag not in rendered, tag
    assert "javascript:" not in re.sub(r">[^<]*<", "><", rendered)  # not in any attribute


def test_hostile_report_headings_are_only_the_reports_own(
    hostile_report: tuple[str, str],
) -> None:
    md, rendered = hostile_report
    own = [line for line in md.split("\n") if line.startswith("#")]
    assert all(line.startswith(("# How ", "## ")) for line in own)
    assert len(re.findall(r"<h[1-6]>", rendered)) == len(own)


def test_hostile_outlet_and_title_read_literally(hostile_report: tuple[str, str]) -> None:
    _, rendered = hostile_report
    text = _text_of(rendered)
    assert "<b>Evil</b> | [x](javascript:alert(1))" in text
    assert "Headline === # Injected www.evil.example" in text
