"""Feature deltas between versions with statistics that hold for two articles.

With two articles there is no sample of articles to test, but each article is a sample of
sentences. Every feature is therefore measured per sentence (spans whose start falls in the
sentence), and:

- the **rate** is the mean count per sentence, with a percentile **bootstrap confidence
  interval** from resampling the article's sentences (``n_boot`` draws, fixed seed);
- the **difference** between two versions has its own bootstrap interval (both articles'
  sentences resampled independently);
- the **effect size** is Hedges' *g* (standardised mean difference of the per-sentence
  counts, small-sample corrected), and Cohen's *h* for the share of sentences carrying the
  feature at least once.

Every number keeps its evidence: the spans it was counted from.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING

import numpy as np

from framing.types import FeatureSet, Span

if TYPE_CHECKING:
    from framing.compare.result import Difference

__all__ = [
    "FeatureDelta",
    "FeatureRate",
    "bootstrap_mean_ci",
    "cohens_h",
    "delta_differences",
    "feature_deltas",
    "feature_label",
    "feature_rates",
    "hedges_g",
    "per_sentence_counts",
]

#: span families compared, and whether each category is compared on its own as well
FAMILIES: dict[str, bool] = {
    "hedge": True,
    "booster": True,
    "loaded": True,
    "attribution": True,
    "tone": True,
}


@dataclass(frozen=True, slots=True)
class FeatureRate:
    """One feature in one article: count, per-sentence rate with CI, share of sentences."""

    article_id: str
    outlet: str
    feature: str
    count: int
    sentences: int
    rate: float
    ci_low: float
    ci_high: float
    share: float
    evidence: tuple[Span, ...] = field(default=(), repr=False)

    def to_dict(self) -> dict[str, object]:
        """JSON form (evidence as ``[start, end]`` pairs)."""
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "feature": self.feature,
            "count": self.count,
            "sentences": self.sentences,
            "rate": round(self.rate, 4),
            "ci": [round(self.ci_low, 4), round(self.ci_high, 4)],
            "share": round(self.share, 4),
            "evidence": [[s.start, s.end] for s in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class FeatureDelta:
    """The difference of one feature between two versions (``a`` minus ``b``)."""

    feature: str
    a: FeatureRate
    b: FeatureRate
    difference: float
    ci_low: float
    ci_high: float
    hedges_g: float
    cohens_h: float

    @property
    def clear(self) -> bool:
        """True when the bootstrap interval of the difference excludes zero."""
        return self.ci_low > 0 or self.ci_high < 0

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "feature": self.feature,
            "a": self.a.article_id,
            "b": self.b.article_id,
            "rate_a": round(self.a.rate, 4),
            "rate_b": round(self.b.rate, 4),
            "difference": round(self.difference, 4),
            "ci": [round(self.ci_low, 4), round(self.ci_high, 4)],
            "hedges_g": round(self.hedges_g, 4),
            "cohens_h": round(self.cohens_h, 4),
            "clear": self.clear,
        }


def per_sentence_counts(fs: FeatureSet, spans: Sequence[Span]) -> np.ndarray:
    """Count of ``spans`` starting in each sentence of ``fs`` (one entry per sentence)."""
    counts = np.zeros(max(len(fs.document.sentences), 1), dtype=float)
    for s in spans:
        i = fs.document.sentence_of(s.start)
        if i >= 0:
            counts[i] += 1
    return counts


def bootstrap_mean_ci(
    values: np.ndarray, *, n_boot: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    """Percentile bootstrap interval of the mean of ``values``.

    Examples
    --------
    >>> lo, hi = bootstrap_mean_ci(np.array([0, 1, 0, 2, 1, 0, 0, 1.0]))
    >>> lo <= 0.625 <= hi
    True
    """
    rng = np.random.default_rng(seed)
    n = len(values)
    if n == 0:
        return (0.0, 0.0)
    idx = rng.integers(0, n, size=(n_boot, n))
    means = values[idx].mean(axis=1)
    alpha = (1 - level) / 2
    return (float(np.quantile(means, alpha)), float(np.quantile(means, 1 - alpha)))


def _bootstrap_diff_ci(
    a: np.ndarray, b: np.ndarray, *, n_boot: int = 2000, level: float = 0.95, seed: int = 0
) -> tuple[float, float]:
    rng = np.random.default_rng(seed)
    ia = rng.integers(0, len(a), size=(n_boot, len(a)))
    ib = rng.integers(0, len(b), size=(n_boot, len(b)))
    diffs = a[ia].mean(axis=1) - b[ib].mean(axis=1)
    alpha = (1 - level) / 2
    return (float(np.quantile(diffs, alpha)), float(np.quantile(diffs, 1 - alpha)))


def hedges_g(a: np.ndarray, b: np.ndarray) -> float:
    """Hedges' g: standardised mean difference with the small-sample correction.

    Returns 0 when both samples are constant and equal; ±inf never occurs (a pooled
    standard deviation of 0 with different means gives a large finite value via a floor).
    """
    na, nb = len(a), len(b)
    if na < 2 or nb < 2:
        return 0.0
    va, vb = a.var(ddof=1), b.var(ddof=1)
    pooled = math.sqrt(((na - 1) * va + (nb - 1) * vb) / (na + nb - 2))
    diff = float(a.mean() - b.mean())
    if pooled == 0:
        return 0.0 if diff == 0 else math.copysign(10.0, diff)
    correction = 1 - 3 / (4 * (na + nb) - 9)
    return diff / pooled * correction


def cohens_h(p1: float, p2: float) -> float:
    """Cohen's h for two proportions: ``2 asin(sqrt(p1)) - 2 asin(sqrt(p2))``."""
    return 2 * math.asin(math.sqrt(p1)) - 2 * math.asin(math.sqrt(p2))


def _feature_keys(features: Sequence[FeatureSet]) -> list[str]:
    keys: dict[str, None] = {}
    for fam, by_cat in FAMILIES.items():
        present = any(s.feature == fam for f in features for s in f.spans)
        if not present:
            continue
        keys[fam] = None
        if by_cat:
            cats = sorted({s.category for f in features for s in f.spans if s.feature == fam})
            for c in cats:
                keys[f"{fam}:{c}"] = None
    return list(keys)


def _select(fs: FeatureSet, key: str) -> list[Span]:
    fam, _, cat = key.partition(":")
    return [s for s in fs.spans if s.feature == fam and (not cat or s.category == cat)]


def feature_rates(
    features: Sequence[FeatureSet], *, n_boot: int = 2000, seed: int = 0
) -> list[FeatureRate]:
    """Per-sentence rate (with bootstrap CI) of every span feature and category, per article."""
    out = []
    for key in _feature_keys(features):
        for fs in features:
            spans = _select(fs, key)
            counts = per_sentence_counts(fs, spans)
            lo, hi = bootstrap_mean_ci(counts, n_boot=n_boot, seed=seed)
            out.append(
                FeatureRate(
                    fs.article.id,
                    fs.article.outlet,
                    key,
                    len(spans),
                    len(counts),
                    float(counts.mean()),
                    lo,
                    hi,
                    float((counts > 0).mean()),
                    tuple(spans),
                )
            )
    return out


def feature_deltas(
    features: Sequence[FeatureSet], *, n_boot: int = 2000, seed: int = 0
) -> list[FeatureDelta]:
    """Every feature compared between every pair of versions, largest effect first."""
    rates = feature_rates(features, n_boot=n_boot, seed=seed)
    by_key: dict[tuple[str, str], FeatureRate] = {(r.feature, r.article_id): r for r in rates}
    out = []
    keys = list(dict.fromkeys(r.feature for r in rates))
    for key in keys:
        for i, fa in enumerate(features):
            for fb in features[i + 1 :]:
                ra = by_key[(key, fa.article.id)]
                rb = by_key[(key, fb.article.id)]
                ca = per_sentence_counts(fa, ra.evidence)
                cb = per_sentence_counts(fb, rb.evidence)
                lo, hi = _bootstrap_diff_ci(ca, cb, n_boot=n_boot, seed=seed)
                out.append(
                    FeatureDelta(
                        key,
                        ra,
                        rb,
                        ra.rate - rb.rate,
                        lo,
                        hi,
                        hedges_g(ca, cb),
                        cohens_h(ra.share, rb.share),
                    )
                )
    out.sort(key=lambda d: (-abs(d.hedges_g), d.feature))
    return out


_FAMILY_NAMES = {
    "hedge": "hedges",
    "booster": "boosters",
    "loaded": "loaded terms",
    "tone": "strongly toned sentences",
    "attribution": "attribution parts",
}


def feature_label(key: str) -> str:
    """A reader's name for a feature key (``"loaded:secrecy"`` -> ``"loaded terms (secrecy)"``).

    Examples
    --------
    >>> feature_label("attribution:source:anonymous"), feature_label("tone:negative")
    ('anonymous sources', 'negative sentences')
    """
    fam, _, cat = key.partition(":")
    if fam == "attribution" and cat:
        role, _, value = cat.partition(":")
        value = value.replace("_", " ")
        return {
            "source": f"{value} sources",
            "cue": f"{value} reporting cues",
            "content": f"{value} quotes",
        }.get(role, cat)
    if fam == "tone" and cat:
        return f"{cat} sentences"
    base = _FAMILY_NAMES.get(fam, fam)
    return f"{base} ({cat.replace('_', ' ')})" if cat else base


def delta_differences(deltas: Sequence[FeatureDelta], *, min_g: float = 0.3) -> list[Difference]:
    """Differences for the deltas whose interval excludes zero (or with a large effect).

    Each summary gives both rates per sentence, the difference with its 95% bootstrap
    interval and Hedges' g; the evidence is every span counted on either side.
    """
    from framing.compare.result import Difference, Evidence

    out = []
    for d in deltas:
        if not (d.clear or abs(d.hedges_g) >= 0.5) or abs(d.hedges_g) < min_g:
            continue
        hi, lo = (d.a, d.b) if d.difference > 0 else (d.b, d.a)
        ci = (d.ci_low, d.ci_high) if d.difference > 0 else (-d.ci_high, -d.ci_low)
        label = feature_label(d.feature)
        summary = (
            f"{hi.outlet} has more {label} than {lo.outlet}: {hi.count} in {hi.sentences} "
            f"sentences ({hi.rate:.2f} per sentence) vs {lo.count} in {lo.sentences} "
            f"({lo.rate:.2f}); difference {abs(d.difference):.2f} per sentence, 95% CI "
            f"[{ci[0]:.2f}, {ci[1]:.2f}], Hedges' g = {abs(d.hedges_g):.2f}."
        )
        evidence = tuple(
            Evidence(r.article_id, s.start, s.end, s.text, f"{s.feature}:{s.category}")
            for r in (hi, lo)
            for s in r.evidence
        )
        out.append(
            Difference(
                kind="feature_delta",
                summary=summary,
                evidence=evidence,
                score=min(abs(d.hedges_g), 3.0) / 3.0 + (0.2 if d.clear else 0.0),
                attrs=d.to_dict(),
            )
        )
    return out
