"""The result of a comparison: differences with evidence, distinctive terms, features."""

from __future__ import annotations

import html
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import TYPE_CHECKING, Any

from framing.types import FeatureSet

if TYPE_CHECKING:
    from framing.compare.deltas import FeatureDelta, FeatureRate
    from framing.compare.narrative import NarrativeSentence
    from framing.plot.accessor import ComparisonPlot

__all__ = ["Comparison", "Difference", "DistinctiveTerm", "Evidence"]


@dataclass(frozen=True, slots=True)
class Evidence:
    """A stretch of one article's text that supports a finding."""

    article_id: str
    start: int
    end: int
    text: str
    note: str = ""

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        out: dict[str, Any] = {
            "article_id": self.article_id,
            "start": self.start,
            "end": self.end,
            "text": self.text,
        }
        if self.note:
            out["note"] = self.note
        return out


@dataclass(frozen=True, slots=True)
class Difference:
    """One way in which the versions differ, with the evidence for it.

    ``kind`` names the comparison that found it (``"length"``, ``"vocabulary"``,
    ``"distinctive_terms"``, ...); ``score`` ranks differences (higher first).
    """

    kind: str
    summary: str
    evidence: tuple[Evidence, ...] = ()
    score: float = 0.0
    attrs: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))

    def __post_init__(self) -> None:
        object.__setattr__(self, "attrs", MappingProxyType(dict(self.attrs)))

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "kind": self.kind,
            "summary": self.summary,
            "score": round(self.score, 4),
            "evidence": [e.to_dict() for e in self.evidence],
            "attrs": dict(self.attrs),
        }


@dataclass(frozen=True, slots=True)
class DistinctiveTerm:
    """A word characteristic of one version against the others (log-odds z-score)."""

    article_id: str
    term: str
    count: int
    other_count: int
    log_odds: float
    z: float
    evidence: tuple[Evidence, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "article_id": self.article_id,
            "term": self.term,
            "count": self.count,
            "other_count": self.other_count,
            "log_odds": round(self.log_odds, 4),
            "z": round(self.z, 4),
            "evidence": [[e.start, e.end] for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class Comparison:
    """How 2..N versions of one story differ.

    Attributes
    ----------
    features : tuple of FeatureSet
        The versions, in input order, with everything extracted from each.
    differences : tuple of Difference
        Findings, most consequential first, each with evidence.
    distinctive_terms : tuple of DistinctiveTerm
        Per version, the words that set it apart.
    alignment : Mapping
        ``{"pairs": [...], "only": {...}}`` (filled by the alignment stage).
    rates : tuple of FeatureRate
        Per-sentence rate of every span feature in every version, with bootstrap CIs.
    deltas : tuple of FeatureDelta
        Every feature compared between every pair of versions, largest effect first.
    narrative : tuple of NarrativeSentence
        The main differences in a few sentences, each linked to a difference.
    params : Mapping
        Parameters of the comparison.
    stage_versions : Mapping
        Versions of what the compare stage itself reads (``paraphrases.en``, the background
        word counts, ``passive.en``); :attr:`versions` adds the extractors'.
    """

    features: tuple[FeatureSet, ...]
    differences: tuple[Difference, ...]
    distinctive_terms: tuple[DistinctiveTerm, ...]
    alignment: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    rates: tuple[FeatureRate, ...] = ()
    deltas: tuple[FeatureDelta, ...] = ()
    narrative: tuple[NarrativeSentence, ...] = ()
    coverage: tuple[Any, ...] = ()
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    stage_versions: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    @property
    def versions(self) -> dict[str, str]:
        """Every version behind the comparison, sorted by name: ``framing``, each
        extractor's lexicons and models, and the compare stage's own (``stage_versions``:
        paraphrases, background counts, passive words)."""
        out: dict[str, str] = {}
        for f in self.features:
            out.update(f.versions)
        out.update(self.stage_versions)
        return dict(sorted(out.items()))

    @property
    def ids(self) -> list[str]:
        """Article ids in input order."""
        return [f.article.id for f in self.features]

    @property
    def outlets(self) -> list[str]:
        """Outlets in input order."""
        return [f.article.outlet for f in self.features]

    @property
    def story_title(self) -> str | None:
        """The story's own title (a manifest's ``title``) when every version has the same one.

        Reports use it as their heading: one outlet's headline would adopt that outlet's
        framing of the story.
        """
        titles = {f.article.meta.get("story_title") for f in self.features}
        title = titles.pop() if len(titles) == 1 else None
        return title if isinstance(title, str) and title.strip() else None

    @property
    def plot(self) -> ComparisonPlot:
        """The figures of this comparison: ``comparison.plot.feature_rates()``, ``.sourcing()``,
        ``.distinctive_terms()``, ``.alignment()``, ``.loaded_terms()``, ``.save(out_dir)``
        (see :mod:`framing.plot`; matplotlib is imported on first use)."""
        from framing.plot.accessor import ComparisonPlot

        return ComparisonPlot(self)

    def to_dict(self) -> dict[str, Any]:
        """The comparison as JSON (``framing compare --format json``)."""
        return {
            "articles": [f.to_dict() for f in self.features],
            "alignment": dict(self.alignment) or {"pairs": [], "only": {}},
            "narrative": [n.to_dict() for n in self.narrative],
            "differences": [d.to_dict() for d in self.differences],
            "coverage": [c.to_dict() for c in self.coverage],
            "rates": [r.to_dict() for r in self.rates],
            "deltas": [d.to_dict() for d in self.deltas],
            "distinctive_terms": [t.to_dict() for t in self.distinctive_terms],
            "params": dict(self.params),
            "versions": self.versions,
        }

    def to_frame(self) -> Any:
        """Tidy table of every metric: ``article_id, outlet, feature, value``."""
        import pandas as pd

        frames = [f.to_frame() for f in self.features]
        return pd.concat(frames, ignore_index=True)

    def metric_table(self) -> Any:
        """Wide table: one row per metric, one column per outlet/article."""
        frame = self.to_frame()
        frame["column"] = frame["outlet"] + " (" + frame["article_id"] + ")"
        return frame.pivot(index="feature", columns="column", values="value")

    def __repr__(self) -> str:
        return (
            f"<Comparison outlets={len(self.features)} "
            f"({', '.join(self.outlets)}) differences={len(self.differences)}>"
        )

    def _repr_html_(self) -> str:
        """Notebook view: the narrative (or the top differences), then the feature table (per
        feature and version, the per-sentence rate with its 95% bootstrap CI).

        Every string taken from the articles is escaped with :func:`html.escape`.
        """
        from framing.compare.deltas import feature_label

        esc = html.escape
        items = "".join(f"<li>{esc(n.text)}</li>" for n in self.narrative) or "".join(
            f"<li>{esc(d.summary)}</li>" for d in self.differences[:10]
        )
        outlets = ", ".join(esc(o) for o in self.outlets)
        table = ""
        if self.rates:
            cells: dict[str, dict[str, FeatureRate]] = {}
            for r in self.rates:
                cells.setdefault(r.feature, {})[r.article_id] = r
            head = "".join(
                f"<th>{esc(f.article.outlet)} ({esc(f.article.id)})</th>" for f in self.features
            )
            rows = []
            for feature, by_id in cells.items():
                tds = "".join(
                    f"<td>{by_id[i].rate:.2f} [{by_id[i].ci_low:.2f}, {by_id[i].ci_high:.2f}]"
                    "</td>" if i in by_id else "<td></td>"
                    for i in self.ids
                )
                name = f"<th title='{esc(feature)}'>{esc(feature_label(feature))}</th>"
                rows.append(f"<tr>{name}{tds}</tr>")
            table = (
                "<table class='framing-rates'><caption>Per sentence: mean [95% bootstrap CI]"
                f"</caption><thead><tr><th>feature</th>{head}</tr></thead>"
                f"<tbody>{''.join(rows)}</tbody></table>"
            )
        return (
            f"<div class='framing-comparison'><strong>Comparison of {outlets}</strong>"
            f"<ol>{items}</ol>{table}</div>"
        )
