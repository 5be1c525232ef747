"""Distinctive terms: the content words that set each version apart from the others."""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from framing.compare.result import DistinctiveTerm, Evidence
from framing.compare.stats import log_odds_dirichlet
from framing.features.lexical import content_tokens
from framing.types import FeatureSet

__all__ = ["distinctive_terms"]


def distinctive_terms(
    features: Sequence[FeatureSet], *, top: int = 10, min_z: float = 1.0, alpha0: float = 100.0
) -> list[DistinctiveTerm]:
    """Per version, the content words with the highest log-odds z-score against the rest.

    The prior is the pooled counts of all versions (Monroe et al. 2008, informative prior).
    Each term carries the offsets of its occurrences as evidence.

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
    pooled: Counter[str] = Counter()
    for c in counts:
        pooled.update(c)
    out: list[DistinctiveTerm] = []
    for i, f in enumerate(features):
        rest: Counter[str] = Counter()
        for j, c in enumerate(counts):
            if j != i:
                rest.update(c)
        ranked = log_odds_dirichlet(counts[i], rest, pooled, alpha0=alpha0)
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
