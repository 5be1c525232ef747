"""Distinctive terms: the content words that set each version apart from the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping, Sequence
from functools import cache

from framing.compare.result import Difference, DistinctiveTerm, Evidence
from framing.compare.stats import log_odds_dirichlet
from framing.features.lexical import content_tokens
from framing.models import load_model_json
from framing.types import FeatureSet

__all__ = ["BACKGROUND_FILE", "background_counts", "distinctive_terms", "terms_differences"]

BACKGROUND_FILE = "background-ewt.en.v1.json.gz"


@cache
def background_counts() -> tuple[Mapping[str, int], str]:
    """The shipped background word counts and their id (``background-ewt.en@1``).

    Built by ``scripts/build_background.py`` from UD English EWT (CC BY-SA 4.0).
    """
    payload = load_model_json(
        BACKGROUND_FILE,
        what="The background word counts",
        train_command="python scripts/build_background.py --ewt ../shared/data/ud-english-ewt",
    )
    meta = payload["meta"]
    return payload["counts"], f"{meta['name']}@{meta['version']}"


def distinctive_terms(
    features: Sequence[FeatureSet], *, top: int = 10, min_z: float = 1.0, alpha0: float = 1000.0
) -> list[DistinctiveTerm]:
    """Per version, the content words with the highest log-odds z-score against the rest.

    The informative Dirichlet prior (Monroe et al. 2008, section 3.5) is the shipped
    background (general English word frequencies, :func:`background_counts`) plus the pooled
    counts of the versions, so the estimates of rare words are shrunk towards their general
    frequency instead of exploding. Each term carries the offsets of its occurrences.

    Parameters
    ----------
    features : sequence of FeatureSet
        Two or more versions.
    top : int
        At most this many terms per version.
    min_z : float
        Only terms with ``z >= min_z``.
    alpha0 : float
        Prior mass (see :func:`~framing.compare.stats.log_odds_dirichlet`).
    """
    token_lists = [content_tokens(f.document) for f in features]
    counts = [Counter(t.text.lower() for t in toks) for toks in token_lists]
    background, _ = background_counts()
    pooled: Counter[str] = Counter()
    for c in counts:
        pooled.update(c)
    prior = {w: background.get(w, 0) + n for w, n in pooled.items()}
    out: list[DistinctiveTerm] = []
    for i, f in enumerate(features):
        rest: Counter[str] = Counter()
        for j, c in enumerate(counts):
            if j != i:
                rest.update(c)
        ranked = log_odds_dirichlet(counts[i], rest, prior, alpha0=alpha0)
        for r in ranked[:top]:
            if r.z < min_z or r.count_a == 0:
                break
            ev = tuple(
                Evidence(f.article.id, t.start, t.end, t.text)
                for t in token_lists[i]
                if t.text.lower() == r.term
            )
            out.append(
                DistinctiveTerm(f.article.id, r.term, r.count_a, r.count_b, r.delta, r.z, ev)
            )
    return out


def terms_differences(
    features: Sequence[FeatureSet], terms: Sequence[DistinctiveTerm], *, shown: int = 6
) -> list[Difference]:
    """One difference per version naming its most distinctive words (first use as evidence)."""
    out = []
    for f in features:
        mine = [t for t in terms if t.article_id == f.article.id][:shown]
        if not mine:
            continue
        words = ", ".join(f"“{t.term}” (z={t.z:.1f})" for t in mine)
        out.append(
            Difference(
                kind="distinctive_terms",
                summary=f"Words that set {f.article.outlet} apart: {words}.",
                evidence=tuple(t.evidence[0] for t in mine if t.evidence),
                score=min(max(t.z for t in mine) / 4.0, 1.0),
                attrs={"terms": [t.term for t in mine]},
            )
        )
    return out
