"""Self-contained HTML report of a comparison: the versions side by side, with evidence.

The page (``templates/report.html.j2``, rendered with jinja2 and autoescaping on) shows the
narrative, the per-sentence feature rates with their bootstrap intervals, the versions in
columns sentence by sentence with aligned sentences linked, every span highlighted with an
explanation on hover and keyboard focus, filters per feature, and the differences with
their evidence linked to the highlighted text. CSS and JavaScript (``templates/report.css``,
``templates/report.js``) are inlined: the page needs no network when it is viewed.

Article text is only ever rendered as escaped text (element content or quoted attribute
values); it is never placed inside the ``<script>`` or ``<style>`` blocks, and a
Content-Security-Policy allows only the page's own script and style (by hash), so an
injected ``<script>`` or event handler could not run even if escaping failed.

Overlapping and nested spans are rendered by cutting the text at every span and sentence
boundary: each piece (segment) is wrapped once, with the classes of every span covering it,
so concatenating the text of a column gives back the article's canonical text exactly.
"""

from __future__ import annotations

import base64
import hashlib
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from framing.colours import CATEGORY_COLOURS, OKABE_ITO, SOURCE_TYPE_COLOURS, category_colour
from framing.compare.deltas import feature_label
from framing.compare.result import Comparison, Evidence
from framing.pipeline import default_categories
from framing.types import Attribution, FeatureSet, Span

if TYPE_CHECKING:
    import jinja2

__all__ = ["CATEGORY_PALETTE", "OUTLET_PALETTE", "comparison_html", "segments"]

#: Outlet colours: the Okabe-Ito palette of :mod:`framing.colours`, in the order of the
#: figures of :mod:`framing.plot`, so an outlet has one colour everywhere.
OUTLET_PALETTE: tuple[str, ...] = OKABE_ITO

#: colours of the categories inside one feature (Tol's muted scheme, never an outlet colour)
CATEGORY_PALETTE: tuple[str, ...] = CATEGORY_COLOURS

#: fixed colours where the category has a conventional meaning
_FIXED_COLOURS: dict[tuple[str, str], str] = {
    ("tone", "negative"): "#CC6677",  # rose and cyan from the category palette: no outlet
    ("tone", "positive"): "#88CCEE",  # colour is reused for a highlight
}

#: feature families in the order of the filters; the second item is the reader's name
FEATURES: tuple[tuple[str, str], ...] = (
    ("loaded", "Loaded language"),
    ("hedge", "Hedges"),
    ("booster", "Boosters"),
    ("attribution", "Attribution"),
    ("entity", "Entities"),
    ("tone", "Tone"),
)

#: features whose highlights are hidden when the page opens (dense; one click shows them)
HIDDEN_AT_START: frozenset[str] = frozenset({"entity", "tone"})

#: how each feature (attribution: each role) is drawn; see report.css
_CHANNEL: dict[str, str] = {
    "loaded": "--hl-bg",
    "hedge": "--hl-td",
    "booster": "--hl-sh3",
    "attribution:source": "--hl-bb",
    "attribution:cue": "--hl-ol",
    "attribution:content": "--hl-bgi",
    "entity": "--hl-bt",
    "tone": "--hl-sh2",
}

_DRAW: dict[str, str] = {
    "--hl-bg": "{c}66",
    "--hl-td": "underline wavy {c}",
    "--hl-bb": "3px solid {c}",
    "--hl-ol": "2px solid {c}",
    "--hl-bgi": "linear-gradient({c}2e, {c}2e)",
    "--hl-bt": "2px dotted {c}",
    "--hl-sh2": "inset 0 -4px 0 0 {c}99",
    "--hl-sh3": "inset 0 -2px 0 0 {c}",
}

_DESCRIPTION: dict[str, str] = {
    "loaded": "background colour",
    "hedge": "wavy underline",
    "booster": "solid underline",
    "attribution:source": "thick underline",
    "attribution:cue": "outline",
    "attribution:content": "light shading",
    "entity": "dotted line above",
    "tone": "band under the line",
}

_EVIDENCE_SHOWN = 6


def _slug(text: str) -> str:
    """A CSS-class-safe form of ``text`` (letters, digits and ``-`` only)."""
    out = "".join(ch if (ch.isascii() and ch.isalnum()) else "-" for ch in text.lower())
    return out.strip("-") or "x"


def _channel_key(span: Span) -> str:
    if span.feature == "attribution":
        return f"attribution:{span.category.partition(':')[0]}"
    return span.feature


def _feature_class(span: Span) -> str:
    return f"f-{_slug(span.feature)}"


def _category_class(span: Span) -> str:
    return f"c-{_slug(span.feature)}-{_slug(span.category)}"


@dataclass(slots=True)
class Segment:
    """A piece of an article's text and the indexes of the spans covering all of it."""

    start: int
    end: int
    text: str
    spans: tuple[int, ...] = ()
    starts: tuple[int, ...] = ()


def segments(text: str, spans: Sequence[Span], cuts: Iterable[int] = ()) -> list[Segment]:
    """Cut ``text`` at every span boundary (and at ``cuts``) into covered segments.

    Parameters
    ----------
    text : str
        The canonical text.
    spans : sequence of Span
        Spans into ``text``; they may overlap and nest.
    cuts : iterable of int
        Extra offsets to cut at (sentence boundaries).

    Returns
    -------
    list of Segment
        Consecutive, non-empty segments whose texts concatenate to ``text``; each lists the
        indexes (into ``spans``) of the spans covering it and of those starting at it.

    Examples
    --------
    >>> from framing.types import Span
    >>> t = "a clandestine meeting"
    >>> ss = [Span(2, 21, t[2:21], "loaded", "secrecy"), Span(2, 13, t[2:13], "hedge", "x")]
    >>> [(s.text, s.spans) for s in segments(t, ss)]
    [('a ', ()), ('clandestine', (0, 1)), (' meeting', (0,))]
    """
    n = len(text)
    bounds = {0, n}
    for s in spans:
        bounds.add(min(max(s.start, 0), n))
        bounds.add(min(max(s.end, 0), n))
    bounds.update(c for c in cuts if 0 <= c <= n)
    order = sorted(range(len(spans)), key=lambda k: (spans[k].start, -spans[k].end, k))
    points = sorted(bounds)
    out: list[Segment] = []
    active: list[int] = []
    nxt = 0
    for lo, hi in pairwise(points):
        active = [k for k in active if spans[k].end > lo]
        started: list[int] = []
        while nxt < len(order) and spans[order[nxt]].start <= lo:
            k = order[nxt]
            nxt += 1
            if spans[k].end > lo:
                active.append(k)
                started.append(k)
        out.append(
            Segment(lo, hi, text[lo:hi], tuple(sorted(active)), tuple(sorted(started)))
        )
    return out


# --------------------------------------------------------------------------- view model


@dataclass(slots=True)
class _Column:
    index: int
    article_id: str
    outlet: str
    colour: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    explanations: list[dict[str, Any]] = field(default_factory=list)
    anchors: dict[tuple[int, int], str] = field(default_factory=dict)
    sentence_ids: list[str] = field(default_factory=list)


def _fmt_score(value: float | None) -> str:
    return "" if value is None else f"{value:.3f}"


def _rule_parts(rule: str) -> tuple[str, str, str]:
    """``"lexicon:loaded.en@1:clandestine"`` -> ``("lexicon", "loaded.en@1", "clandestine")``."""
    kind, _, rest = rule.partition(":")
    resource, _, entry = rest.partition(":")
    return kind, resource, entry


def _attrs_rows(span: Span, text: str) -> list[tuple[str, str]]:
    rows: list[tuple[str, str]] = []
    for key, value in span.attrs.items():
        if key in {"sentence", "relation"}:
            continue
        if key == "words" and isinstance(value, list | tuple):
            parts = []
            for item in value:
                if isinstance(item, list | tuple) and len(item) == 3:
                    s, e, v = item
                    if isinstance(s, int) and isinstance(e, int) and 0 <= s <= e <= len(text):
                        parts.append(f"{text[s:e]} ({float(v):+.1f})")
            rows.append(("scored words", ", ".join(parts) or "—"))
        elif isinstance(value, str | int | float | bool) or value is None:
            rows.append((key.replace("_", " "), "—" if value is None else str(value)))
    return rows


def _attribution_rows(att: Attribution) -> list[tuple[str, str]]:
    def ref(r: Any) -> str:
        if r is None:
            return "—"
        t = " ".join(r.text.split())
        return f"“{t[:157]}…”" if len(t) > 160 else f"“{t}”"

    rows = [
        ("source", f"{ref(att.source)} ({att.source_type})"),
        ("cue", f"{ref(att.cue)} ({att.cue_stance})"),
        ("content", f"{ref(att.content)} ({att.quote} quote)"),
    ]
    if att.resolved is not None:
        rows.append(("refers to", ref(att.resolved)))
    if att.affiliation:
        rows.append(("affiliation", att.affiliation))
    if att.via is not None:
        rows.append(("relayed through", f"attribution {att.via + 1}"))
    return rows


def _explanation(span: Span, sid: str, fs: FeatureSet) -> dict[str, Any]:
    kind, resource, entry = _rule_parts(span.rule)
    source = {"lexicon": "lexicon", "model": "model", "rule": "rule"}.get(kind, kind or "—")
    if span.score is not None:
        source_line = f"{source} {resource}, score {_fmt_score(span.score)}"
    else:
        source_line = f"{source} {resource}".strip()
    text = " ".join(span.text.split())
    if len(text) > 200:
        text = text[:199] + "…"
    rel = span.attrs.get("relation")
    relation: list[tuple[str, str]] = []
    if span.feature == "attribution" and isinstance(rel, int) and 0 <= rel < len(
        fs.attributions
    ):
        relation = _attribution_rows(fs.attributions[rel])
    return {
        "id": sid,
        "feature": _slug(span.feature),
        "feature_label": dict(FEATURES).get(span.feature, span.feature),
        "category": span.category.replace("_", " "),
        "category_class": _category_class(span),
        "label": feature_label(f"{span.feature}:{span.category}"),
        "text": text,
        "rows": [
            ("category", span.category),
            ("produced by", source_line),
            ("entry", entry or "—"),
            ("rule", span.rule or "—"),
            ("voice", span.voice),
            ("offsets", f"{span.start}–{span.end}"),
            *_attrs_rows(span, fs.article.text),
            *relation,
        ],
    }


def _column(
    index: int,
    fs: FeatureSet,
    colour: str,
    partners: Mapping[int, list[tuple[int, int, int]]],
    shared_with: Mapping[int, list[str]],
    only: set[int],
) -> _Column:
    art = fs.article
    text = art.text
    col = _Column(index, art.id, art.outlet, colour)
    spans = list(fs.spans)
    sids = [f"s{index}-{k}" for k in range(len(spans))]
    col.explanations = [_explanation(s, sids[k], fs) for k, s in enumerate(spans)]
    sentences = fs.document.sentences
    cuts = [b for s in sentences for b in (s.start, s.end)]
    segs = segments(text, spans, cuts)
    col.sentence_ids = [f"st{index}-{s.index}" for s in sentences]

    # which sentence (or gap) each segment belongs to
    blocks: list[dict[str, Any]] = []
    si = 0
    for n, seg in enumerate(segs):
        while si < len(sentences) and sentences[si].end <= seg.start:
            si += 1
        inside = si < len(sentences) and sentences[si].start <= seg.start < sentences[si].end
        key = ("sent", si) if inside else ("gap", si)
        if not blocks or blocks[-1]["key"] != key:
            blocks.append(_block(key, index, sentences, art.outlet, partners, shared_with, only))
        if seg.spans:
            classes = sorted(
                {_feature_class(spans[k]) for k in seg.spans}
                | {_category_class(spans[k]) for k in seg.spans}
            )
            gid = f"g{index}-{n}"
            inner_first = sorted(seg.spans, key=lambda k: (spans[k].end - spans[k].start, k))
            for k in seg.starts:
                col.anchors.setdefault((spans[k].start, spans[k].end), gid)
            blocks[-1]["segments"].append(
                {
                    "id": gid,
                    "text": seg.text,
                    "classes": " ".join(["seg", *classes]),
                    "spans": " ".join(sids[k] for k in inner_first),
                    "starts": " ".join(sids[k] for k in seg.starts),
                    "described": " ".join(f"x-{sids[k]}" for k in inner_first),
                    "focusable": bool(seg.starts),
                }
            )
        else:
            blocks[-1]["segments"].append({"id": None, "text": seg.text})
    for b in blocks:
        if b["kind"] == "gap":
            b["blank"] = not "".join(s["text"] for s in b["segments"]).strip()
    col.blocks = blocks
    return col


def _block(
    key: tuple[str, int],
    index: int,
    sentences: Sequence[Any],
    outlet: str,
    partners: Mapping[int, list[tuple[int, int, int]]],
    shared_with: Mapping[int, list[str]],
    only: set[int],
) -> dict[str, Any]:
    kind, si = key
    block: dict[str, Any] = {"key": key, "kind": kind, "segments": []}
    if kind == "gap":
        return block
    sent = sentences[si]
    classes = ["sent"]
    if sent.section == "headline":
        classes.append("headline")
    label = f"§{sent.index + 1}"
    if sent.index in only:
        classes.append("only")
        label += f" · only in {outlet}"
    elif sent.index in shared_with:
        classes.append("shared")
        label += " · shared with " + ", ".join(shared_with[sent.index])
    block.update(
        id=f"st{index}-{sent.index}",
        index=sent.index,
        classes=" ".join(classes),
        label=label,
        partners=" ".join(f"st{c}-{j}" for c, j, _ in partners.get(sent.index, [])),
        align=" ".join(sorted({f"a{p}" for _, _, p in partners.get(sent.index, [])})),
        start=sent.start,
        end=sent.end,
    )
    return block


def _alignment_maps(
    comparison: Comparison,
) -> tuple[list[dict[int, list[tuple[int, int, int]]]], list[dict[int, list[str]]], list[set[int]]]:
    ids = comparison.ids
    pos = {a: n for n, a in enumerate(ids)}
    outlets = comparison.outlets
    partners: list[dict[int, list[tuple[int, int, int]]]] = [{} for _ in ids]
    shared: list[dict[int, dict[str, list[int]]]] = [{} for _ in ids]
    pairs = comparison.alignment.get("pairs", []) if comparison.alignment else []
    for p, pair in enumerate(pairs):
        a, b = pos.get(pair.get("a")), pos.get(pair.get("b"))
        i, j = pair.get("i"), pair.get("j")
        if a is None or b is None or not isinstance(i, int) or not isinstance(j, int):
            continue
        partners[a].setdefault(i, []).append((b, j, p))
        partners[b].setdefault(j, []).append((a, i, p))
        for x, k, y, m in ((a, i, b, j), (b, j, a, i)):
            shared[x].setdefault(k, {}).setdefault(outlets[y], []).append(m)
    only_map = comparison.alignment.get("only", {}) if comparison.alignment else {}
    only = [set(only_map.get(a, ())) for a in ids]
    # "IANS §2 §4": the partner sentences, numbered from 1 as the labels and the figure are
    named = [
        {k: [f"{o} " + " ".join(f"§{m + 1}" for m in sorted(ms)) for o, ms in by.items()]
         for k, by in col.items()}
        for col in shared
    ]
    return partners, named, only


def _evidence_link(ev: Evidence, columns: Mapping[str, _Column], sentence_of: Any) -> str:
    col = columns.get(ev.article_id)
    if col is None:
        return ""
    gid = col.anchors.get((ev.start, ev.end))
    if gid:
        return f"#{gid}"
    i = sentence_of(ev.article_id, ev.start)
    return f"#{col.sentence_ids[i]}" if 0 <= i < len(col.sentence_ids) else ""


def _quote(text: str, limit: int = 180) -> str:
    t = " ".join(text.split())
    return t if len(t) <= limit else t[: limit - 1] + "…"


def _rates_table(comparison: Comparison) -> list[dict[str, Any]]:
    rows: dict[str, dict[str, Any]] = {}
    for r in comparison.rates:
        row = rows.setdefault(
            r.feature,
            {
                "feature": r.feature,
                "label": feature_label(r.feature),
                "family": ":" not in r.feature,
                "cells": {},
            },
        )
        row["cells"][r.article_id] = {
            "rate": f"{r.rate:.2f}",
            "ci": f"[{r.ci_low:.2f}, {r.ci_high:.2f}]",
            "count": r.count,
            "share": f"{r.share:.0%}",
            "sentences": r.sentences,
            # bar geometry, in percent of the largest upper bound
            "_lo": r.ci_low,
            "_hi": r.ci_high,
            "_rate": r.rate,
        }
    top = max((c["_hi"] for row in rows.values() for c in row["cells"].values()), default=0.0)
    top = top or 1.0
    for row in rows.values():
        for c in row["cells"].values():
            c["bar_rate"] = round(100 * c["_rate"] / top, 1)
            c["bar_lo"] = round(100 * c["_lo"] / top, 1)
            c["bar_hi"] = round(100 * c["_hi"] / top, 1)
    return list(rows.values())


def _deltas_table(comparison: Comparison) -> list[dict[str, Any]]:
    return [
        {
            "feature": d.feature,
            "label": feature_label(d.feature),
            "a": d.a.outlet,
            "b": d.b.outlet,
            "difference": f"{d.difference:+.2f}",
            "ci": f"[{d.ci_low:+.2f}, {d.ci_high:+.2f}]",
            "g": f"{d.hedges_g:+.2f}",
            "h": f"{d.cohens_h:+.2f}",
            "clear": d.clear,
        }
        for d in comparison.deltas
    ]


def _colour_of(feature: str, category: str) -> str:
    """A category's colour, the same in every story.

    Source types have the colours of the sourcing figure; any other category takes the
    colour of its place among the categories its extractor can emit (per part of an
    attribution: ``cue:``, ``content:``), so it does not depend on what a story contains.
    """
    fixed = _FIXED_COLOURS.get((feature, category))
    if fixed:
        return fixed
    group, _, name = category.rpartition(":")
    if feature == "attribution" and group == "source" and name in SOURCE_TYPE_COLOURS:
        return SOURCE_TYPE_COLOURS[name]
    known = [c for c in default_categories().get(feature, ()) if c.rpartition(":")[0] == group]
    if category in known:
        return CATEGORY_COLOURS[known.index(category) % len(CATEGORY_COLOURS)]
    return category_colour(f"{feature}:{category}")


def _category_css(columns_spans: Iterable[Span]) -> tuple[str, list[dict[str, Any]]]:
    """CSS rules colouring each (feature, category) and the legend entries."""
    cats: dict[str, dict[str, None]] = {}
    channel: dict[tuple[str, str], str] = {}
    for s in columns_spans:
        cats.setdefault(s.feature, {})[s.category] = None
        channel[(s.feature, s.category)] = _channel_key(s)
    rules: list[str] = []
    legend: list[dict[str, Any]] = []
    known = [f for f, _ in FEATURES] + sorted(set(cats) - {f for f, _ in FEATURES})
    for feature in known:
        if feature not in cats:
            continue
        entries = []
        for cat in sorted(cats[feature]):
            colour = _colour_of(feature, cat)
            key = channel[(feature, cat)]
            var = _CHANNEL.get(key, "--hl-bg")
            draw = _DRAW[var].format(c=colour)
            cls = f"c-{_slug(feature)}-{_slug(cat)}"
            rules.append(f".{cls}{{{var}:{draw};--cat:{colour}}}")
            entries.append(
                {"category": cat.replace("_", " "), "class": cls, "how": _DESCRIPTION.get(key, "")}
            )
        legend.append(
            {
                "feature": feature,
                "slug": _slug(feature),
                "label": dict(FEATURES).get(feature, feature),
                "entries": entries,
                "hidden": feature in HIDDEN_AT_START,
            }
        )
    return "\n".join(rules), legend


def _safe_url(url: str | None) -> str | None:
    """``url`` when it is an http(s) address (so it can be a link), else ``None``."""
    if url and url.strip().lower().startswith(("http://", "https://")):
        return url.strip()
    return None


@lru_cache(maxsize=1)
def _environment() -> jinja2.Environment:
    import jinja2  # imported here: ``import framing`` does not need it

    return jinja2.Environment(
        loader=jinja2.PackageLoader("framing.report", "templates"),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
    )


@lru_cache(maxsize=4)
def _asset(name: str) -> str:
    return (resources.files("framing.report") / "templates" / name).read_text(encoding="utf-8")


def _csp_hash(text: str) -> str:
    digest = hashlib.sha256(text.encode("utf-8")).digest()
    return "sha256-" + base64.b64encode(digest).decode("ascii")


def comparison_html(comparison: Comparison, *, title: str | None = None) -> str:
    """Render a comparison as one self-contained HTML page.

    Parameters
    ----------
    comparison : Comparison
        The result of :func:`framing.compare`.
    title : str, optional
        Page title; by default the story's title (:attr:`Comparison.story_title`), else a
        neutral one naming the outlets (never one version's headline).

    Returns
    -------
    str
        The page. It loads nothing from the network; all article text in it is escaped.
    """
    feats = comparison.features
    colours = {f.article.id: OUTLET_PALETTE[n % len(OUTLET_PALETTE)] for n, f in enumerate(feats)}
    partners, shared, only = _alignment_maps(comparison)
    columns = [
        _column(n, f, colours[f.article.id], partners[n], shared[n], only[n])
        for n, f in enumerate(feats)
    ]
    by_id = {c.article_id: c for c in columns}
    docs = {f.article.id: f.document for f in feats}
    outlet_of = {f.article.id: f.article.outlet for f in feats}

    def sentence_of(article_id: str, offset: int) -> int:
        return docs[article_id].sentence_of(offset)

    def evidence(evs: Sequence[Evidence]) -> list[dict[str, Any]]:
        return [
            {
                "outlet": outlet_of.get(e.article_id, e.article_id),
                "colour": colours.get(e.article_id, "#999999"),
                "column": by_id[e.article_id].index if e.article_id in by_id else -1,
                "href": _evidence_link(e, by_id, sentence_of),
                "text": _quote(e.text),
                "note": e.note,
                "offsets": f"{e.start}–{e.end}",
            }
            for e in evs
        ]

    differences = [
        {
            "id": f"d-{n}",
            "number": n + 1,
            "kind": d.kind.replace("_", " "),
            "summary": d.summary,
            "evidence": evidence(d.evidence[:_EVIDENCE_SHOWN]),
            "more": evidence(d.evidence[_EVIDENCE_SHOWN:]),
        }
        for n, d in enumerate(comparison.differences)
    ]
    narrative = [
        {
            "text": s.text,
            "href": f"#d-{s.difference}" if 0 <= s.difference < len(differences) else "",
            "kind": s.kind.replace("_", " "),
        }
        for s in comparison.narrative
    ]
    category_css, legend = _category_css(s for f in feats for s in f.spans)
    n_cols = len(columns)
    outlet_css = "\n".join(f".col-{c.index}{{--outlet:{c.colour}}}" for c in columns)
    outlet_css += f"\n.columns{{--n:{n_cols}}}"
    css = _asset("report.css") + "\n" + outlet_css + "\n" + category_css + "\n"
    script = _asset("report.js")
    versions = comparison.versions
    articles = [
        {
            "index": n,
            "id": f.article.id,
            "outlet": f.article.outlet,
            "colour": colours[f.article.id],
            "chain": " ← ".join(f.article.source_chain),
            "title": f.article.title or "",
            "date": f.article.date or "",
            "url": f.article.url or "",
            "link": _safe_url(f.article.url),
            "words": int(f.metrics.get("lexical:words", 0)),
            "sentences": len(f.document.sentences),
            "spans": len(f.spans),
            "only": len(only[n]),
        }
        for n, f in enumerate(feats)
    ]
    terms = [
        {
            "outlet": f.article.outlet,
            "terms": [
                {"term": t.term, "z": f"{t.z:.2f}", "count": t.count}
                for t in comparison.distinctive_terms
                if t.article_id == f.article.id
            ],
        }
        for f in feats
    ]
    page_title = (
        title or comparison.story_title
        or f"How {len(feats)} versions of the story differ: " + ", ".join(comparison.outlets)
    )
    csp = (
        "default-src 'none'; "
        f"script-src '{_csp_hash(script)}'; "
        f"style-src '{_csp_hash(css)}'; "
        "img-src data:; base-uri 'none'; form-action 'none'"
    )
    from markupsafe import Markup

    template = _environment().get_template("report.html.j2")
    return template.render(
        title=page_title,
        csp=csp,
        css=Markup(css),  # our own stylesheet and generated class rules: no data
        script=Markup(script),  # our own static script: no data
        articles=articles,
        columns=columns,
        n_cols=n_cols,
        legend=legend,
        narrative=narrative,
        differences=differences,
        rates=_rates_table(comparison),
        deltas=_deltas_table(comparison),
        terms=terms,
        versions=sorted(versions.items()),
        framing_version=versions.get("framing", ""),
        params=sorted((str(k), str(v)) for k, v in dict(comparison.params).items()),
        alignment_threshold=(comparison.alignment or {}).get("threshold"),
        n_pairs=len((comparison.alignment or {}).get("pairs", [])),
    )
