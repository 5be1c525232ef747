"""Markdown report of a comparison. All article text is escaped, so it renders as text.

Escaping covers Markdown syntax (emphasis, links, images, code, headings, tables), raw HTML
(``<`` and ``&`` become entities), the bare URLs and e-mail addresses that GitHub-flavoured
Markdown links by itself, and line breaks, so a hostile article cannot inject a link, an
image, a heading or a script into a rendered report.
"""

from __future__ import annotations

from framing.compare.result import Comparison
from framing.patterns import RE_MD_SPECIAL

__all__ = ["comparison_markdown", "escape_md"]

_AUTOLINK_ESCAPES = (("://", "\\://"), ("www.", "www\\."), ("WWW.", "WWW\\."), ("@", "\\@"))

_METRICS_SHOWN = (
    "lexical:words",
    "lexical:sentences",
    "lexical:words_per_sentence",
    "lexical:vocabulary",
    "lexical:type_token_ratio",
)


def escape_md(text: str) -> str:
    """Escape ``text`` for Markdown: it renders literally, never as markup or HTML.

    Examples
    --------
    >>> escape_md("[click](javascript:alert(1)) <script>")
    '\\\\[click\\\\](javascript:alert(1)) &lt;script&gt;'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = RE_MD_SPECIAL.sub(r"\\\g<0>", text)
    # GitHub-flavoured Markdown turns bare URLs and e-mail addresses into links; an escaped
    # character in the middle ("http\://", "www\.", "\@") renders the same but links nothing.
    for bare, escaped in _AUTOLINK_ESCAPES:
        text = text.replace(bare, escaped)
    # every line break Markdown knows (CR, CR LF, LF) and the Unicode ones become spaces, so
    # article text can never start a line (a heading, list, setext underline or table row)
    return " ".join(text.splitlines())


def _quote(text: str, limit: int = 160) -> str:
    t = " ".join(text.split())
    if len(t) > limit:
        t = t[: limit - 1] + "…"
    return f"“{escape_md(t)}”"


def _sources_section(comparison: Comparison) -> list[str]:
    from framing.features.attribution import AttributionFeatures

    extractor = AttributionFeatures().fit()
    lines: list[str] = []
    for f in comparison.features:
        summary = extractor.summary(f.document, f.attributions)
        loose = (
            f" (and {summary.unattributed} quoted or reported content"
            f"{'s' if summary.unattributed != 1 else ''} no source claims)"
            if summary.unattributed else ""
        )
        lines.append(
            f"**{escape_md(f.article.outlet)}**: {summary.n_attributions} attributions "
            f"with a source{loose}; anonymous {summary.anonymous_share:.0%}, vague "
            f"{summary.vague_share:.0%}, named {summary.named_share:.0%}; by quote type "
            f"direct {summary.direct}, indirect {summary.indirect}, mixed {summary.mixed}."
        )
        lines.append("")
        lines.append("| source | type | affiliation | attributions | words | cue stances |")
        lines.append("|---|---|---|---:|---:|---|")
        for src in summary.sources:
            stances = ", ".join(f"{k} {v}" for k, v in src.stances)
            lines.append(
                f"| {escape_md(src.name)} | {src.source_type} "
                f"| {escape_md(src.affiliation or '—')} "
                f"| {src.attributions} | {src.words} | {stances} |"
            )
        lines.append("")
    return lines


def comparison_markdown(comparison: Comparison, *, evidence_per_finding: int = 3) -> str:
    """Render a comparison as a Markdown document."""
    feats = comparison.features
    lines = [f"# How {len(feats)} versions of the story differ", ""]
    if comparison.story_title:
        lines[0] += f": {escape_md(comparison.story_title)}"
    lines += ["| id | outlet | source chain | title | date | words | sentences |"]
    lines += ["|---|---|---|---|---|---:|---:|"]
    for f in feats:
        a = f.article
        lines.append(
            "| "
            + " | ".join(
                [
                    escape_md(a.id),
                    escape_md(a.outlet),
                    escape_md(" ← ".join(a.source_chain)),
                    escape_md(a.title or "—"),
                    escape_md(a.date or "—"),
                    str(int(f.metrics.get("lexical:words", 0))),
                    str(int(f.metrics.get("lexical:sentences", 0))),
                ]
            )
            + " |"
        )
    if comparison.narrative:
        lines += ["", "## In short", ""]
        for n in comparison.narrative:
            ev = "; ".join(
                f"{escape_md(e.article_id)} [{e.start}:{e.end}]"
                for e in n.evidence[:evidence_per_finding]
            )
            lines.append(f"- {escape_md(n.text)} (difference {n.difference + 1}; evidence: {ev})")
    lines += ["", "## All differences, most consequential first", ""]
    for i, d in enumerate(comparison.differences, start=1):
        lines.append(f"{i}. `{d.kind}`: {escape_md(d.summary)}")
        for e in d.evidence[:evidence_per_finding]:
            note = f" ({escape_md(e.note)})" if e.note else ""
            lines.append(
                f"   - {escape_md(e.article_id)} [{e.start}:{e.end}] {_quote(e.text)}{note}"
            )
        if len(d.evidence) > evidence_per_finding:
            lines.append(f"   - … {len(d.evidence) - evidence_per_finding} more in report.json")
    if comparison.rates:
        lines += ["", "## Feature rates per sentence", ""]
        lines.append(
            "Mean spans per sentence with a 95% bootstrap interval (sentences resampled); "
            "n = spans, share = sentences with at least one."
        )
        lines.append("")
        lines.append("| feature | " + " | ".join(escape_md(f.article.outlet) for f in feats) + " |")
        lines.append("|---|" + "---|" * len(feats))
        by_feature: dict[str, dict[str, object]] = {}
        for r in comparison.rates:
            by_feature.setdefault(r.feature, {})[r.article_id] = r
        for feature, per in by_feature.items():
            cells = []
            for f in feats:
                r = per.get(f.article.id)
                cells.append(
                    f"{r.rate:.2f} [{r.ci_low:.2f}, {r.ci_high:.2f}] n={r.count}, "
                    f"share={r.share:.2f}"
                    if r is not None
                    else "—"
                )
            lines.append(f"| `{feature}` | " + " | ".join(cells) + " |")
    clear = [d for d in comparison.deltas if d.clear]
    if clear:
        lines += ["", "## Differences whose interval excludes zero", ""]
        lines += [
            "| feature | versions | difference per sentence [95% CI] | Hedges' g | Cohen's h |"
        ]
        lines += ["|---|---|---|---:|---:|"]
        for d in clear:
            lines.append(
                f"| `{d.feature}` | {escape_md(d.a.outlet)} − {escape_md(d.b.outlet)} "
                f"| {d.difference:+.2f} [{d.ci_low:+.2f}, {d.ci_high:+.2f}] "
                f"| {d.hedges_g:+.2f} | {d.cohens_h:+.2f} |"
            )
    lines += ["", "## Who speaks", ""]
    lines += ["Counted per attribution (who said what through which cue). The feature rates "
              "count highlighted pieces instead, so a content two attributions share counts "
              "once there.", ""]
    lines += _sources_section(comparison)
    lines += ["", "## Distinctive terms", ""]
    lines.append("Log-odds ratio with an informative Dirichlet prior (Monroe et al. 2008), "
                 "each version against the others; z ≥ 1 shown.")
    lines.append("")
    for f in feats:
        terms = [t for t in comparison.distinctive_terms if t.article_id == f.article.id]
        shown = ", ".join(f"{escape_md(t.term)} (z={t.z:.2f}, n={t.count})" for t in terms)
        lines.append(f"- **{escape_md(f.article.outlet)}**: {shown or '—'}")
    lines += ["", "## Feature table", ""]
    header = "| metric | " + " | ".join(escape_md(f.article.outlet) for f in feats) + " |"
    lines += [header, "|---|" + "---:|" * len(feats)]
    names = [m for m in _METRICS_SHOWN if all(m in f.metrics for f in feats)]
    names += sorted(
        {k for f in feats for k in f.metrics if not k.startswith("lexical:")}
    )
    for name in names:
        vals = " | ".join(f"{f.metrics.get(name, 0):g}" for f in feats)
        lines.append(f"| {escape_md(name)} | {vals} |")
    lines += ["", "## Removed boilerplate", ""]
    for f in feats:
        for r in f.article.removals:
            lines.append(f"- {escape_md(f.article.id)}: {escape_md(r.kind)} {_quote(r.text, 100)}")
    lines += ["", "## Versions", ""]
    lines += [f"- {escape_md(k)}: {escape_md(v)}" for k, v in comparison.versions.items()]
    return "\n".join(lines) + "\n"
