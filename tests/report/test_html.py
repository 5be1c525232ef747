"""The HTML report without a browser: exact text, every span, escaping, links, structure."""

from __future__ import annotations

import base64
import hashlib
import re
from html.parser import HTMLParser
from pathlib import Path

import pytest

import framing
from framing.compare.result import Comparison
from framing.plot.sourcing import SOURCE_LABELS
from framing.report import comparison_html, write_report
from framing.report.html import segments
from framing.types import Article, Span
from tests.report.conftest import HOSTILE_TEXT

VOID = {"meta", "link", "br", "img", "input", "hr", "wbr", "col", "area", "base", "source"}


class Page(HTMLParser):
    """A small DOM: elements by id, text content per element id, every tag and attribute."""

    def __init__(self, page: str) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, dict[str, str | None]]] = []
        self.ids: dict[str, dict[str, str | None]] = {}
        self.text: dict[str, list[str]] = {}
        self.script_text: list[str] = []
        self.style_text: list[str] = []
        self._open: list[tuple[str, str | None]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        d = dict(attrs)
        d["<tag>"] = tag
        self.tags.append((tag, d))
        if d.get("id"):
            assert d["id"] not in self.ids, f"duplicate id {d['id']}"
            self.ids[str(d["id"])] = d
            self.text[str(d["id"])] = []
        if tag not in VOID:
            self._open.append((tag, d.get("id")))

    def handle_endtag(self, tag: str) -> None:
        if tag in VOID:
            return
        assert self._open and self._open[-1][0] == tag, f"unbalanced </{tag}>"
        self._open.pop()

    def handle_data(self, data: str) -> None:
        for _, ident in self._open:
            if ident:
                self.text[ident].append(data)
        if self._open and self._open[-1][0] == "script":
            self.script_text.append(data)
        if self._open and self._open[-1][0] == "style":
            self.style_text.append(data)

    def text_of(self, ident: str) -> str:
        return "".join(self.text[ident])

    def with_class(self, cls: str) -> list[dict[str, str | None]]:
        return [d for _, d in self.tags if cls in (d.get("class") or "").split()]


@pytest.fixture(scope="module")
def seed_page(seed_comparison: Comparison) -> tuple[str, Page]:
    page = comparison_html(seed_comparison)
    return page, Page(page)


@pytest.fixture(scope="module")
def hostile_page(hostile_comparison: Comparison) -> tuple[str, Page]:
    page = comparison_html(hostile_comparison)
    return page, Page(page)


def test_segments_nested_and_overlapping():
    text = "the secret talks may resume"
    #       0   4      11    17  21
    spans = [
        Span(4, 16, "secret talks", "loaded", "secrecy"),
        Span(11, 21, "talks may ", "attribution", "content:indirect"),
        Span(17, 20, "may", "hedge", "epistemic_modal"),
        Span(4, 10, "secret", "entity", "other"),
    ]
    segs = segments(text, spans)
    assert "".join(s.text for s in segs) == text
    assert [(s.text, s.spans, s.starts) for s in segs] == [
        ("the ", (), ()),
        ("secret", (0, 3), (0, 3)),
        (" ", (0,), ()),
        ("talks", (0, 1), (1,)),
        (" ", (1,), ()),
        ("may", (1, 2), (2,)),
        (" ", (1,), ()),
        ("resume", (), ()),
    ]


def test_segments_cut_at_sentences_and_keep_empty_spans_out():
    text = "One. Two."
    segs = segments(text, [Span(0, 9, text, "tone", "negative"), Span(5, 5, "", "hedge", "x")],
                    cuts=[0, 4, 5, 9])
    assert [s.text for s in segs] == ["One.", " ", "Two."]
    assert all(s.spans == (0,) for s in segs)


@pytest.mark.parametrize("n", [0, 1])
def test_column_text_is_the_canonical_text(seed_page, seed_comparison, n):
    _, dom = seed_page
    assert dom.text_of(f"text-{n}") == seed_comparison.features[n].article.text
    assert dom.ids[f"text-{n}"]["data-article"] == seed_comparison.ids[n]


def test_every_span_is_highlighted_and_explained(seed_page, seed_comparison):
    _, dom = seed_page
    for n, fs in enumerate(seed_comparison.features):
        pieces: dict[str, list[str]] = {}
        starts: set[str] = set()
        for d in dom.with_class("seg"):
            if not str(d.get("id", "")).startswith(f"g{n}-"):
                continue
            for sid in (d.get("data-spans") or "").split():
                pieces.setdefault(sid, []).append(dom.text_of(str(d["id"])))
            starts.update((d.get("data-starts") or "").split())
        assert len(fs.spans) > 100
        for k, span in enumerate(fs.spans):
            sid = f"s{n}-{k}"
            assert "".join(pieces[sid]) == span.text, (sid, span)
            assert sid in starts
            expl = dom.text_of(f"x-{sid}")
            assert span.category in expl and span.rule in expl and span.voice in expl


def test_explanations_name_rule_source_and_score(seed_page, seed_comparison):
    _, dom = seed_page
    fs = seed_comparison.features[0]
    k = next(
        k for k, s in enumerate(fs.spans) if s.feature == "loaded" and "clandestine" in s.text
    )
    expl = dom.text_of(f"x-s0-{k}")
    assert "secrecy" in expl and "lexicon" in expl and "loaded.en@1" in expl
    assert "clandestine meeting" in expl
    k, tone = next((k, s) for k, s in enumerate(fs.spans) if s.feature == "tone")
    expl = dom.text_of(f"x-s0-{k}")
    assert "model" in expl and "vader" in expl and f"score {tone.score:.3f}" in expl


def test_loaded_span_classes(seed_page):
    _, dom = seed_page
    hits = [d for d in dom.with_class("c-loaded-secrecy")
            if str(d.get("id", "")).startswith("g0-")
            and "clandestine" in dom.text_of(str(d["id"]))]
    assert hits and "f-loaded" in str(hits[0]["class"]).split()


def test_alignment_links_and_only_in(seed_page, seed_comparison):
    _, dom = seed_page
    ids = seed_comparison.ids
    pairs = seed_comparison.alignment["pairs"]
    assert pairs
    for pair in pairs:
        a, b = ids.index(pair["a"]), ids.index(pair["b"])
        left, right = f"st{a}-{pair['i']}", f"st{b}-{pair['j']}"
        assert right in str(dom.ids[left]["data-partners"]).split()
        assert left in str(dom.ids[right]["data-partners"]).split()
        assert dom.ids[left]["tabindex"] == "0"
        # the label names the partner sentence, numbered from 1
        outlet_b = seed_comparison.outlets[b]
        label = str(dom.ids[left]["data-label"])
        assert label.startswith(f"§{pair['i'] + 1} · shared with ")
        assert f"{outlet_b} " in label and f"§{pair['j'] + 1}" in label.split(outlet_b)[1]
    swiss = [d for d in dom.with_class("sent")
             if str(d["id"]).startswith("st1-") and "Switzerland" in dom.text_of(str(d["id"]))]
    assert len(swiss) == 1
    assert "only" in str(swiss[0]["class"]).split()
    index = int(str(swiss[0]["id"]).split("-")[1])
    assert swiss[0]["data-label"] == f"§{index + 1} · only in IANS"
    for n, only in enumerate(seed_comparison.alignment["only"].values()):
        for i in only:
            assert "only" in str(dom.ids[f"st{n}-{i}"]["class"]).split()


def test_internal_links_resolve(seed_page, seed_comparison):
    _, dom = seed_page
    hrefs = [str(d["href"]) for t, d in dom.tags if t == "a" and d.get("href")]
    internal = [h for h in hrefs if h.startswith("#")]
    assert len(internal) > len(seed_comparison.differences)
    for h in internal:
        assert h[1:] in dom.ids, h
    # evidence that is exactly a span links to the highlighted piece where that span starts
    fs = seed_comparison.features[0]
    exact = {(s.start, s.end): k for k, s in enumerate(fs.spans)}
    ev = next(e for d in seed_comparison.differences for e in d.evidence
              if e.article_id == fs.article.id and (e.start, e.end) in exact)
    sid = f"s0-{exact[(ev.start, ev.end)]}"
    gid = next(str(d["id"]) for d in dom.with_class("seg")
               if sid in (d.get("data-starts") or "").split())
    assert f"#{gid}" in internal
    assert ev.text.startswith(dom.text_of(gid))


def test_page_is_self_contained(seed_page):
    page, dom = seed_page
    for tag, d in dom.tags:
        for attr in ("src", "href"):
            value = d.get(attr)
            if value and tag != "a":
                assert value.startswith(("#", "data:")), (tag, value)
        if tag == "link":
            assert d.get("href", "").startswith("data:")
    assert "@import" not in page and "url(" not in "".join(dom.style_text)
    assert not re.search(r"https?://", "".join(dom.script_text) + "".join(dom.style_text))


def test_csp_allows_only_the_pages_own_script_and_style(seed_page):
    _, dom = seed_page
    csp = next(d["content"] for _, d in dom.tags
               if d.get("http-equiv") == "Content-Security-Policy")
    scripts = [d for t, d in dom.tags if t == "script"]
    assert len(scripts) == 1
    for text in ("".join(dom.script_text), "".join(dom.style_text)):
        digest = base64.b64encode(hashlib.sha256(text.encode()).digest()).decode()
        assert f"'sha256-{digest}'" in str(csp)
    assert "default-src 'none'" in str(csp) and "unsafe-inline" not in str(csp)


def test_summary_tables_and_footer(seed_page, seed_comparison):
    page, dom = seed_page
    rates = {r.feature: r for r in seed_comparison.rates if r.article_id == seed_comparison.ids[0]}
    hedge = rates["hedge"]
    assert f"{hedge.rate:.2f}" in dom.text_of("features")
    assert f"[{hedge.ci_low:.2f}, {hedge.ci_high:.2f}]" in dom.text_of("features")
    for n in seed_comparison.narrative:
        assert n.text in dom.text_of("narrative")
    for d in seed_comparison.differences:
        assert d.summary in dom.text_of("differences")
    footer = page[page.index("<footer>"):]
    for key, value in seed_comparison.features[0].versions.items():
        assert key in footer and value in footer
    for outlet in ("TROIB News", "IANS"):
        assert f"{outlet}" in dom.text_of("h-col-0") + dom.text_of("h-col-1")


def test_hostile_text_is_text(hostile_page, hostile_comparison, hostile: Article):
    page, dom = hostile_page
    assert dom.text_of("text-0") == HOSTILE_TEXT
    assert [t for t, _ in dom.tags].count("script") == 1
    assert "window.__pwned" not in "".join(dom.script_text)
    for tag, d in dom.tags:
        assert tag not in {"img", "textarea", "b"}, tag
        for name, value in d.items():
            assert not name.startswith("on"), (tag, name, value)
            if name in {"href", "src"}:
                assert not str(value).lower().startswith("javascript:"), (tag, value)
    assert "{{ 7*7 }}" in dom.text_of("text-0") and "{% if true %}" in dom.text_of("text-0")
    assert "<b>Evil</b> News" in dom.text_of("h-col-0")
    assert "&lt;script&gt;alert(6)" in page and "<script>alert" not in page
    assert "javascript:alert(7)" in page  # shown as text, not a link
    # explanations quote article text: escaped too
    assert "&lt;script&gt;window.__pwned" in page


def test_hostile_text_in_every_feature_explanation(hostile_page, hostile_comparison):
    _, dom = hostile_page
    fs = hostile_comparison.features[0]
    for k, span in enumerate(fs.spans):
        assert " ".join(span.text.split())[:100] in dom.text_of(f"x-s0-{k}")


def test_three_versions(troib: Article, ians: Article):
    third = Article(id="c1", outlet="Outlet C",
                    text="Iran denied reports that its envoy met Musk in New York. "
                         "The ministry called the claims false.")
    comparison = framing.compare(troib, ians, third)
    dom = Page(comparison_html(comparison))
    for n, fs in enumerate(comparison.features):
        assert dom.text_of(f"text-{n}") == fs.article.text
    assert "many" in str(dom.ids["columns"]["class"]).split()


def test_write_report_writes_html(tmp_path: Path, seed_comparison: Comparison):
    paths = write_report(seed_comparison, tmp_path / "out", figures=False)
    assert [p.name for p in paths] == ["report.json", "report.md", "report.html"]
    page = (tmp_path / "out" / "report.html").read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == [
        "report.html", "report.json", "report.md"
    ]


def test_write_report_adds_the_figures(tmp_path: Path, seed_comparison: Comparison):
    paths = write_report(seed_comparison, tmp_path / "out")
    names = {p.name for p in paths}
    assert {"report.json", "report.md", "report.html"} <= names
    for figure in ("feature-rates", "sourcing", "distinctive-terms", "alignment", "loaded-terms"):
        png = (tmp_path / "out" / f"{figure}.png").read_bytes()
        assert png.startswith(b"\x89PNG\r\n\x1a\n")
        svg = (tmp_path / "out" / f"{figure}.svg").read_text(encoding="utf-8")
        assert "<svg" in svg
    assert sorted(p.name for p in (tmp_path / "out").iterdir()) == sorted(names)


def test_outlet_colours_match_the_figures():
    style = pytest.importorskip("framing.plot.style")
    from framing.report.html import OUTLET_PALETTE

    assert tuple(c.upper() for c in OUTLET_PALETTE) == tuple(c.upper() for c in style.OKABE_ITO)


def test_browser_tests_can_run_where_ci_requires_them() -> None:
    """CI sets FRAMING_REQUIRE_BROWSER=1 after installing Chromium: then the browser tests
    must not be skipped for a missing browser, driver or selenium."""
    import importlib.util
    import os
    import shutil

    if not os.environ.get("FRAMING_REQUIRE_BROWSER"):
        pytest.skip("FRAMING_REQUIRE_BROWSER is not set (CI sets it)")
    assert shutil.which("chromium") or shutil.which("chromium-browser"), "chromium missing"
    assert shutil.which("chromedriver"), "chromedriver missing"
    assert importlib.util.find_spec("selenium") is not None, "selenium missing"


def test_report_heading_is_the_story_not_one_outlets_headline(troib, ians):
    import json

    from framing.report import comparison_markdown

    from ..conftest import SEED_DIR

    # loose files: no story title, so a neutral heading, not TROIB's "Iran rejects claims ..."
    page = comparison_html(framing.compare(troib, ians))
    assert "<h1>How 2 versions of the story differ: TROIB News, IANS</h1>" in page
    # a story folder: its manifest's title
    manifest = json.loads((SEED_DIR / "manifest.json").read_text(encoding="utf-8"))
    story = framing.compare(SEED_DIR)
    assert story.story_title == manifest["title"]
    heading = manifest["title"].replace("'", "&#39;")
    assert f"<h1>{heading}</h1>" in comparison_html(story)
    first = comparison_markdown(story).splitlines()[0]
    assert first.startswith("# How 2 versions of the story differ: Alleged meeting between")


CATEGORY_RULE = re.compile(r"\.c-([\w-]+)\{[^}]*--cat:(#[0-9A-Fa-f]{6})\}")


def _category_colours(page: str) -> dict[str, str]:
    return {m[1]: m[2].upper() for m in CATEGORY_RULE.finditer(page)}


def test_category_colours_are_stable_and_never_an_outlets(seed_comparison, hostile_comparison):
    from framing.colours import OKABE_ITO, SOURCE_TYPE_COLOURS
    from framing.plot import plot_sourcing
    from framing.plot.style import standalone_figures

    seed = _category_colours(comparison_html(seed_comparison))
    other = _category_colours(comparison_html(hostile_comparison))
    assert seed and other
    outlets = {c.upper() for c in OKABE_ITO}
    assert not (set(seed.values()) | set(other.values())) & outlets
    shared = set(seed) & set(other)
    assert shared and all(seed[c] == other[c] for c in shared)  # the same in every story
    # a source type has the colour of its bar in the sourcing figure
    with standalone_figures():
        ax = plot_sourcing(seed_comparison)
    for container in ax.containers:
        t = container.get_label()
        source_type = next(k for k, v in SOURCE_LABELS.items() if v == t)
        bar = "#{:02X}{:02X}{:02X}".format(
            *(round(255 * x) for x in container.patches[0].get_facecolor()[:3])
        )
        assert bar == SOURCE_TYPE_COLOURS[source_type].upper()
        if f"attribution-source-{source_type}" in seed:
            assert seed[f"attribution-source-{source_type}"] == bar
