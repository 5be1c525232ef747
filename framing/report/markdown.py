"""Markdown report of a comparison. All article text is escaped, so it renders as text.

Escaping covers Markdown syntax (emphasis, links, images, code, headings, tables) and raw
HTML (``<`` and ``&`` become entities), so a hostile article cannot inject a link, an image
or a script into a rendered report.
"""

from __future__ import annotations

from framing.compare.result import Comparison
from framing.patterns import RE_MD_SPECIAL

__all__ = ["comparison_markdown", "escape_md"]

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
    '\\\\[click\\\\]\\\\(javascript:alert\\\\(1\\\\)\\\\) &lt;script&gt;'
    """
    text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    text = RE_MD_SPECIAL.sub(r"\\\g<0>", text)
    return " ".join(text.split("\n"))


def _quote(text: str, limit: int = 160) -> str:
    t = " ".join(text.split())
    if len(t) > limit:
        t = t[: limit - 1] + "…"
    return f"“{escape_md(t)}”"


def comparison_markdown(comparison: Comparison, *, evidence_per_finding: int = 3) -> str:
    """Render a comparison as a Markdown document."""
    feats = comparison.features
    lines = [f"# How {len(feats)} versions of the story differ", ""]
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
    lines += ["", "## Main differences", ""]
    for i, d in enumerate(comparison.differences, start=1):
        lines.append(f"{i}. {escape_md(d.summary)}")
        for e in d.evidence[:evidence_per_finding]:
            lines.append(f"   - {escape_md(e.article_id)} [{e.start}:{e.end}] {_quote(e.text)}")
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
    versions: dict[str, str] = {}
    for f in feats:
        versions.update(f.versions)
    lines += ["", "## Versions", ""]
    lines += [f"- {escape_md(k)}: {escape_md(v)}" for k, v in sorted(versions.items())]
    return "\n".join(lines) + "\n"
