"""Outlet profiles across many stories, with bootstrap confidence intervals over stories.

Every measure is a ratio of two counts taken from an article's :class:`FeatureSet`: a
numerator derived from its spans or attributions (hedge spans, anonymous sources ...) and a
denominator (words, attributions with a source ...). For one outlet the measure is

    rate = sum of numerators / sum of denominators * scale

over all its articles; the 95% confidence interval comes from a bootstrap over **stories**
(stories are resampled with replacement, never sentences or articles: articles of one story
are not independent). Rates per 100 words have ``scale = 100``; shares have ``scale = 1``.

Raw outlet rates mix what an outlet says with which stories it covers. The within-story
comparison removes the second part: for two outlets A and B and every story both cover
(with a non-zero denominator in both), ``d = rate_A(story) - rate_B(story)``; the mean of
``d`` over those stories, with a bootstrap CI over them (paired), says how A and B differ on
the same events.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from typing import Any, Literal

import numpy as np

from framing.errors import ValidationError
from framing.features._attribution_summary import STANCES
from framing.features.loaded import LoadedLanguageFeatures
from framing.types import FeatureSet

__all__ = [
    "DEFAULT_N_BOOT",
    "Measure",
    "OutletDifference",
    "OutletProfiles",
    "OutletRate",
    "default_measures",
    "outlet_profiles",
]

DEFAULT_N_BOOT = 2000
#: Loaded-language categories profiled one by one (besides the total): the extractor's own.
LOADED_CATEGORIES = tuple(LoadedLanguageFeatures().categories())
#: Cue stances profiled one by one: the attribution extractor's own.
CUE_STANCES = STANCES

Count = Callable[[FeatureSet], float]


@dataclass(frozen=True, slots=True)
class Measure:
    """One profiled quantity: ``numerator / denominator * scale`` per article pool.

    Attributes
    ----------
    key : str
        Stable machine name (``"hedge_per_100_words"``).
    label : str
        Report label (``"hedges per 100 words"``).
    kind : {"rate", "share"}
        Per-100-words rate or share in [0, 1].
    numerator, denominator : callable
        ``FeatureSet -> float`` counts.
    """

    key: str
    label: str
    kind: Literal["rate", "share"]
    numerator: Count
    denominator: Count

    @property
    def scale(self) -> float:
        """100 for rates per 100 words, 1 for shares."""
        return 100.0 if self.kind == "rate" else 1.0


def _words(fs: FeatureSet) -> float:
    return float(fs.metrics.get("lexical:words", 0.0))


def _spans(feature: str, category: str | None = None, voice: str | None = None) -> Count:
    def count(fs: FeatureSet) -> float:
        return float(
            sum(
                1
                for s in fs.spans
                if s.feature == feature
                and (category is None or s.category == category)
                and (voice is None or s.voice == voice)
            )
        )

    return count


def _attr(pred: Callable[[Any], bool]) -> Count:
    def count(fs: FeatureSet) -> float:
        return float(sum(1 for a in fs.attributions if pred(a)))

    return count


def _has_source(a: Any) -> bool:
    return a.source_type != "none"


def _has_stance(a: Any) -> bool:
    return a.cue_stance != "none"


def _has_content(a: Any) -> bool:
    return a.quote != "none"


def default_measures() -> tuple[Measure, ...]:
    """The measures of a profile, in report order."""
    out = [
        Measure("hedge_per_100_words", "hedges per 100 words", "rate", _spans("hedge"), _words),
        Measure(
            "narrator_hedge_per_100_words",
            "narrator hedges per 100 words",
            "rate",
            _spans("hedge", voice="narrator"),
            _words,
        ),
        Measure(
            "booster_per_100_words", "boosters per 100 words", "rate", _spans("booster"), _words
        ),
        Measure(
            "loaded_per_100_words",
            "loaded language per 100 words",
            "rate",
            _spans("loaded"),
            _words,
        ),
    ]
    out += [
        Measure(
            f"loaded_{c}_per_100_words",
            f"loaded: {c.replace('_', ' ')} per 100 words",
            "rate",
            _spans("loaded", c),
            _words,
        )
        for c in LOADED_CATEGORIES
    ]
    out += [
        Measure(
            "anonymous_source_share",
            "anonymous sources (share of sourced attributions)",
            "share",
            _attr(lambda a: a.source_type == "anonymous"),
            _attr(_has_source),
        ),
        Measure(
            "vague_source_share",
            "vague sources (share of sourced attributions)",
            "share",
            _attr(lambda a: a.source_type == "vague"),
            _attr(_has_source),
        ),
    ]
    out += [
        Measure(
            f"cue_{s}_share",
            f"cue stance {s} (share of cues)",
            "share",
            _attr(lambda a, s=s: a.cue_stance == s),
            _attr(_has_stance),
        )
        for s in CUE_STANCES
    ]
    out.append(
        Measure(
            "direct_quote_share",
            "direct quotes (share of attributed contents)",
            "share",
            _attr(lambda a: a.quote == "direct"),
            _attr(_has_content),
        )
    )
    return tuple(out)


@dataclass(frozen=True, slots=True)
class OutletRate:
    """One outlet's value of one measure, with its 95% bootstrap CI over stories."""

    outlet: str
    measure: str
    value: float
    low: float
    high: float
    numerator: float
    denominator: float
    stories: int
    articles: int

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "outlet": self.outlet,
            "measure": self.measure,
            "value": _r(self.value),
            "ci": [_r(self.low), _r(self.high)],
            "numerator": self.numerator,
            "denominator": self.denominator,
            "stories": self.stories,
            "articles": self.articles,
        }


@dataclass(frozen=True, slots=True)
class OutletDifference:
    """Mean within-story difference ``a - b`` of one measure, paired over shared stories."""

    measure: str
    a: str
    b: str
    mean: float
    low: float
    high: float
    stories: int

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "measure": self.measure,
            "a": self.a,
            "b": self.b,
            "mean_difference": _r(self.mean),
            "ci": [_r(self.low), _r(self.high)],
            "stories": self.stories,
        }


def _r(x: float) -> float | None:
    return None if x is None or not np.isfinite(x) else round(float(x), 6)


@dataclass(frozen=True, slots=True)
class OutletProfiles:
    """Per-outlet rates and within-story differences across many stories.

    Attributes
    ----------
    outlets : tuple of str
        Outlets in order of first appearance.
    measures : tuple of Measure
    rates : tuple of OutletRate
        One per (outlet, measure).
    differences : tuple of OutletDifference
        One per (pair of outlets, measure) with at least one shared story.
    stories : Mapping[str, tuple[str, ...]]
        Story id -> member article ids.
    params : Mapping
        ``n_boot``, ``seed``, ``confidence``.
    """

    outlets: tuple[str, ...]
    measures: tuple[Measure, ...]
    rates: tuple[OutletRate, ...]
    differences: tuple[OutletDifference, ...]
    stories: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)

    def rate(self, outlet: str, measure: str) -> OutletRate:
        """The rate of one outlet and measure (``KeyError`` when absent)."""
        for r in self.rates:
            if r.outlet == outlet and r.measure == measure:
                return r
        raise KeyError(f"no rate for outlet {outlet!r} and measure {measure!r}.")

    def difference(self, a: str, b: str, measure: str) -> OutletDifference:
        """The within-story difference ``a - b`` (sign flipped when stored as ``b - a``)."""
        for d in self.differences:
            if d.measure != measure:
                continue
            if (d.a, d.b) == (a, b):
                return d
            if (d.a, d.b) == (b, a):
                return OutletDifference(measure, a, b, -d.mean, -d.high, -d.low, d.stories)
        raise KeyError(f"no within-story difference for {a!r} - {b!r} on {measure!r}.")

    def to_frame(self, kind: Literal["rates", "differences"] = "rates") -> Any:
        """Tidy pandas table of the ``rates`` (default) or the within-story ``differences``.

        Values are floats (NaN where a denominator is zero, e.g. no attribution at all).
        """
        import pandas as pd

        labels = {m.key: m.label for m in self.measures}
        if kind == "rates":
            rows = [
                {**r.to_dict(), "label": labels[r.measure], "value": r.value, "low": r.low,
                 "high": r.high}
                for r in self.rates
            ]
            cols = ["outlet", "measure", "label", "value", "low", "high", "numerator",
                    "denominator", "stories", "articles"]
        elif kind == "differences":
            rows = [
                {**d.to_dict(), "label": labels[d.measure], "mean_difference": d.mean,
                 "low": d.low, "high": d.high}
                for d in self.differences
            ]
            cols = ["measure", "label", "a", "b", "mean_difference", "low", "high", "stories"]
        else:
            raise ValueError(f"kind must be 'rates' or 'differences'; got {kind!r}.")
        return pd.DataFrame(rows, columns=cols)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``outlets``, ``measures``, ``rates``, ``differences``, ``stories``."""
        return {
            "schema": "framing.profiles/1",
            "outlets": list(self.outlets),
            "measures": [
                {"key": m.key, "label": m.label, "kind": m.kind, "scale": m.scale}
                for m in self.measures
            ],
            "rates": [r.to_dict() for r in self.rates],
            "differences": [d.to_dict() for d in self.differences],
            "stories": {k: list(v) for k, v in self.stories.items()},
            "params": dict(self.params),
        }

    def __repr__(self) -> str:
        return (
            f"<OutletProfiles outlets={len(self.outlets)} stories={len(self.stories)} "
            f"measures={len(self.measures)}>"
        )


def _collect(
    items: Iterable[Any], stories: Any
) -> tuple[list[FeatureSet], dict[str, str]]:
    feature_sets: list[FeatureSet] = []
    story_of: dict[str, str] = {}
    for k, item in enumerate(items):
        if isinstance(item, FeatureSet):
            feature_sets.append(item)
        elif hasattr(item, "features"):  # a Comparison: one story
            for fs in item.features:
                feature_sets.append(fs)
                story_of[fs.article.id] = f"comparison-{k}"
        else:
            raise ValidationError(
                f"item {k}: expected a FeatureSet or a Comparison; got {type(item).__name__}."
            )
    ids = [fs.article.id for fs in feature_sets]
    if len(set(ids)) != len(ids):
        dup = sorted({i for i in ids if ids.count(i) > 1})
        raise ValidationError(f"article ids must be unique; repeated: {dup[:5]}.")
    if stories is not None:
        story_of = _story_map(stories)
    elif not story_of or len(story_of) < len(feature_sets):
        from framing.stories import group_stories

        grouped = group_stories([fs.article for fs in feature_sets])
        story_of = {aid: s.id for s in grouped for aid in s.article_ids}
    missing = [i for i in ids if i not in story_of]
    if missing:
        raise ValidationError(
            f"{len(missing)} articles have no story (e.g. {missing[:3]}); give every article "
            "id a story in `stories`."
        )
    return feature_sets, story_of


def _story_map(stories: Any) -> dict[str, str]:
    if isinstance(stories, Mapping):
        return {str(k): str(v) for k, v in stories.items()}
    out: dict[str, str] = {}
    for s in stories:
        for aid in s.article_ids:
            out[aid] = s.id
    return out


def _ci(boot: np.ndarray, confidence: float) -> tuple[float, float]:
    boot = boot[np.isfinite(boot)]
    if boot.size == 0:
        return float("nan"), float("nan")
    tail = (1.0 - confidence) / 2 * 100
    lo, hi = np.percentile(boot, [tail, 100 - tail])
    return float(lo), float(hi)


def outlet_profiles(
    feature_sets_or_comparisons: Iterable[FeatureSet | Any],
    *,
    stories: Mapping[str, str] | Sequence[Any] | None = None,
    measures: Sequence[Measure] | None = None,
    n_boot: int = DEFAULT_N_BOOT,
    confidence: float = 0.95,
    seed: int = 0,
) -> OutletProfiles:
    """Profile outlets across many stories.

    Parameters
    ----------
    feature_sets_or_comparisons : iterable of FeatureSet or Comparison
        Extracted articles; a :class:`~framing.compare.Comparison` counts as one story.
    stories : Mapping[str, str] or sequence of Story, optional
        Article id -> story id (or the stories of :func:`framing.stories.group_stories`).
        Default: one story per comparison; for bare feature sets the articles are grouped
        with :func:`~framing.stories.group_stories`.
    measures : sequence of Measure, optional
        Default :func:`default_measures`.
    n_boot : int
        Bootstrap resamples (of stories).
    confidence : float
        Coverage of the intervals.
    seed : int
        Seed of the resampling (results are reproducible).

    Returns
    -------
    OutletProfiles
    """
    feature_sets, story_of = _collect(feature_sets_or_comparisons, stories)
    chosen = tuple(measures) if measures is not None else default_measures()
    story_ids = sorted({story_of[fs.article.id] for fs in feature_sets})
    s_index = {s: k for k, s in enumerate(story_ids)}
    outlets: list[str] = []
    for fs in feature_sets:
        if fs.article.outlet not in outlets:
            outlets.append(fs.article.outlet)
    o_index = {o: k for k, o in enumerate(outlets)}
    n_s, n_o, n_m = len(story_ids), len(outlets), len(chosen)
    num = np.zeros((n_m, n_o, n_s))
    den = np.zeros((n_m, n_o, n_s))
    arts = np.zeros((n_o, n_s), dtype=int)
    for fs in feature_sets:
        o, s = o_index[fs.article.outlet], s_index[story_of[fs.article.id]]
        arts[o, s] += 1
        for m, measure in enumerate(chosen):
            num[m, o, s] += measure.numerator(fs)
            den[m, o, s] += measure.denominator(fs)
    rng = np.random.default_rng(seed)
    boot_idx = rng.integers(0, n_s, size=(n_boot, n_s)) if n_s else np.zeros((n_boot, 0), int)
    counts = np.stack([np.bincount(row, minlength=n_s) for row in boot_idx]).astype(float)
    rates: list[OutletRate] = []
    with np.errstate(invalid="ignore", divide="ignore"):
        for m, measure in enumerate(chosen):
            for o, outlet in enumerate(outlets):
                total_num, total_den = num[m, o].sum(), den[m, o].sum()
                value = total_num / total_den * measure.scale if total_den else float("nan")
                bn, bd = counts @ num[m, o], counts @ den[m, o]
                boot = np.where(bd > 0, bn / np.where(bd > 0, bd, 1) * measure.scale, np.nan)
                lo, hi = _ci(boot, confidence)
                rates.append(
                    OutletRate(
                        outlet,
                        measure.key,
                        float(value),
                        lo,
                        hi,
                        float(total_num),
                        float(total_den),
                        int((arts[o] > 0).sum()),
                        int(arts[o].sum()),
                    )
                )
        differences: list[OutletDifference] = []
        for m, measure in enumerate(chosen):
            for a, b in combinations(range(n_o), 2):
                ok = (den[m, a] > 0) & (den[m, b] > 0)
                if not ok.any():
                    continue
                ra = num[m, a, ok] / den[m, a, ok] * measure.scale
                rb = num[m, b, ok] / den[m, b, ok] * measure.scale
                d = ra - rb
                idx = rng.integers(0, d.size, size=(n_boot, d.size))
                lo, hi = _ci(d[idx].mean(axis=1), confidence)
                differences.append(
                    OutletDifference(
                        measure.key, outlets[a], outlets[b], float(d.mean()), lo, hi, int(d.size)
                    )
                )
    members: dict[str, list[str]] = {s: [] for s in story_ids}
    for fs in feature_sets:
        members[story_of[fs.article.id]].append(fs.article.id)
    return OutletProfiles(
        outlets=tuple(outlets),
        measures=chosen,
        rates=tuple(rates),
        differences=tuple(differences),
        stories={k: tuple(v) for k, v in members.items()},
        params={"n_boot": n_boot, "confidence": confidence, "seed": seed,
                "resampling": "stories"},
    )
