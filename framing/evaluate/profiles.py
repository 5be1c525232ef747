"""Outlet profiles of Fox News, the New York Times and HuffPost on BASIL.

BASIL (Fan et al. 2019) covers each event with one article from each of the three outlets,
so the event is the story (no grouping needed, no grouping error). Every article of the
events available here (82 of 100; the rest is held back) is read with
:func:`framing.evaluate.comparison.read_basil_events`, extracted with
:func:`framing.pipeline.extract`, and profiled with :func:`framing.profiles.outlet_profiles`
(95% bootstrap CIs over events; within-story differences paired over events).

This is a description of the three outlets under the toolkit's own extractors, not a gold
score: BASIL has no gold for these rates. The figure is written to
``docs/figures/outlet-profiles-basil.png``.

Run ``python scripts/evaluate.py --only profiles`` to regenerate the section of
``docs/evaluation.md``.
"""

from __future__ import annotations

import time
from pathlib import Path

from framing.evaluate.comparison import read_basil_events
from framing.pipeline import extract
from framing.profiles import OutletProfiles, outlet_profiles
from framing.types import FeatureSet

__all__ = ["FIGURE", "TABLE_MEASURES", "basil_profiles", "report"]

ROOT = Path(__file__).resolve().parents[2]
FIGURE = ROOT / "docs" / "figures" / "outlet-profiles-basil.png"
OUTLETS = ("Fox News", "New York Times", "HuffPost")
#: Measures shown in the tables (all measures are in the profile).
TABLE_MEASURES = (
    "hedge_per_100_words",
    "narrator_hedge_per_100_words",
    "booster_per_100_words",
    "loaded_per_100_words",
    "loaded_hostility_per_100_words",
    "loaded_violence_threat_per_100_words",
    "loaded_learned_per_100_words",
    "anonymous_source_share",
    "vague_source_share",
    "cue_neutral_share",
    "cue_assertive_share",
    "cue_distancing_share",
    "direct_quote_share",
)


def basil_profiles(
    data_root: Path, *, limit: int | None = None
) -> tuple[OutletProfiles, list[FeatureSet]]:
    """Extract every BASIL article and profile the outlets (events are the stories)."""
    events = read_basil_events(data_root, limit=limit)
    feature_sets: list[FeatureSet] = []
    story_of: dict[str, str] = {}
    for ev in events:
        for art in ev.articles:
            feature_sets.append(extract(art.article))
            story_of[art.article.id] = ev.id
    return outlet_profiles(feature_sets, stories=story_of), feature_sets


def _fmt(value: float, low: float, high: float, kind: str) -> str:
    if kind == "share":
        return f"{value:.1%} [{low:.1%}, {high:.1%}]"
    return f"{value:.2f} [{low:.2f}, {high:.2f}]"


def report(data_root: Path, *, limit: int | None = None, figure: Path | None = FIGURE) -> str:
    """The ``profiles`` section of ``docs/evaluation.md`` (also writes the figure)."""
    t0 = time.perf_counter()
    prof, feature_sets = basil_profiles(data_root, limit=limit)
    kinds = {m.key: m for m in prof.measures}
    outlets = [o for o in OUTLETS if o in prof.outlets] + [
        o for o in prof.outlets if o not in OUTLETS
    ]
    n_art = {o: prof.rate(o, "hedge_per_100_words").articles for o in outlets}
    lines = [
        "## Outlet profiles (BASIL: Fox News, New York Times, HuffPost)",
        "",
        f"Data: `basil`, all {len(prof.stories)} events here ({len(feature_sets)} articles: "
        + ", ".join(f"{o} {n_art[o]}" for o in outlets)
        + "); each event is one story. Every article is extracted by `framing.pipeline."
        "extract` and profiled by `framing.profiles.outlet_profiles`: rates per 100 words "
        "and shares pooled over an outlet's articles, 95% bootstrap CI over events "
        f"({prof.params['n_boot']} resamples of events, seed {prof.params['seed']}). "
        "Descriptive, not a gold score (BASIL has no gold for these rates). Shares: anonymous "
        "/ vague of attributions with a source; cue stances of attributions with a cue; "
        "direct quotes of attributions with content.",
        "",
        "| measure | " + " | ".join(outlets) + " |",
        "|---|" + "---:|" * len(outlets),
    ]
    for key in TABLE_MEASURES:
        m = kinds[key]
        cells = []
        for o in outlets:
            r = prof.rate(o, key)
            cells.append(_fmt(r.value, r.low, r.high, m.kind))
        lines.append(f"| {m.label} | " + " | ".join(cells) + " |")
    lines += [
        "",
        "Within-story differences (column A − B: outlet A minus outlet B, mean over the "
        "events both cover, 95% paired bootstrap CI over events; **bold** when the CI "
        "excludes 0). This compares the outlets on the same events, so story choice does not "
        "enter:",
        "",
    ]
    pairs = [(a, b) for i, a in enumerate(outlets) for b in outlets[i + 1 :]]
    lines += [
        "| measure | " + " | ".join(f"{a} − {b}" for a, b in pairs) + " |",
        "|---|" + "---:|" * len(pairs),
    ]
    for key in TABLE_MEASURES:
        m = kinds[key]
        cells = []
        for a, b in pairs:
            d = prof.difference(a, b, key)
            cell = _fmt(d.mean, d.low, d.high, m.kind) + f" (n={d.stories})"
            if d.low > 0 or d.high < 0:
                cell = f"**{cell}**"
            cells.append(cell)
        lines.append(f"| {m.label} | " + " | ".join(cells) + " |")
    if figure is not None:
        from framing.plot.style import standalone_figures
        from framing.profiles.plot import plot_outlet_profiles

        with standalone_figures():
            ax = plot_outlet_profiles(
                prof, title=f"BASIL: outlet profiles across {len(prof.stories)} events"
            )
            figure.parent.mkdir(parents=True, exist_ok=True)
            ax.figure.savefig(figure, dpi=150)
        lines += [
            "",
            f"Figure: `docs/figures/{figure.name}` (rates per 100 words with 95% CIs).",
        ]
    lines += [
        "",
        f"Run `python scripts/evaluate.py --only profiles` ({time.perf_counter() - t0:.0f} s).",
    ]
    return "\n".join(lines) + "\n"
