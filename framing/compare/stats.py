"""Statistics for comparing versions: log-odds ratios with an informative Dirichlet prior.

Monroe, Colaresi and Quinn (2008), "Fightin' Words", Political Analysis 16(4), section 3.5:
for word ``w`` with counts ``y_a`` and ``y_b`` in two texts of sizes ``n_a`` and ``n_b`` and a
prior ``alpha_w = alpha0 * p_w`` (``p_w`` the word's share of the background),

    delta_w = log((y_a + alpha_w) / (n_a + alpha0 - y_a - alpha_w))
            - log((y_b + alpha_w) / (n_b + alpha0 - y_b - alpha_w))
    var_w  ~= 1 / (y_a + alpha_w) + 1 / (y_b + alpha_w)

and ``z_w = delta_w / sqrt(var_w)``. A positive ``z`` means ``w`` is characteristic of ``a``.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

__all__ = ["LogOdds", "log_odds_dirichlet"]


@dataclass(frozen=True, slots=True)
class LogOdds:
    """One word's log-odds ratio between two texts."""

    term: str
    count_a: int
    count_b: int
    delta: float
    variance: float

    @property
    def z(self) -> float:
        """The z-score ``delta / sqrt(variance)``."""
        return self.delta / math.sqrt(self.variance)


def log_odds_dirichlet(
    counts_a: Mapping[str, int],
    counts_b: Mapping[str, int],
    prior: Mapping[str, float] | None = None,
    *,
    alpha0: float = 100.0,
) -> list[LogOdds]:
    """Log-odds ratios with an informative Dirichlet prior, sorted by ``z`` (descending).

    Parameters
    ----------
    counts_a, counts_b : Mapping[str, int]
        Word counts of the two texts.
    prior : Mapping[str, float], optional
        Background counts or frequencies; normalised to shares. Words missing from it get
        the smallest background share. Default: the pooled counts of ``a`` and ``b``.
    alpha0 : float
        Total prior mass (how strongly the background shrinks the estimates).

    Returns
    -------
    list of LogOdds

    Examples
    --------
    >>> a = {"denied": 3, "meeting": 2}
    >>> b = {"meeting": 2, "secret": 3}
    >>> [r.term for r in log_odds_dirichlet(a, b)]
    ['denied', 'meeting', 'secret']
    """
    if alpha0 <= 0:
        raise ValueError(f"alpha0 must be > 0; got {alpha0}.")
    vocab = sorted(set(counts_a) | set(counts_b))
    if not vocab:
        return []
    if prior is None:
        prior = {w: counts_a.get(w, 0) + counts_b.get(w, 0) for w in vocab}
    total_prior = float(sum(prior.values())) or 1.0
    floor = min((v for v in prior.values() if v > 0), default=1.0) / total_prior
    n_a = sum(counts_a.values())
    n_b = sum(counts_b.values())
    out = []
    for w in vocab:
        share = prior.get(w, 0.0) / total_prior or floor
        a_w = alpha0 * share
        y_a = counts_a.get(w, 0)
        y_b = counts_b.get(w, 0)
        delta = math.log((y_a + a_w) / (n_a + alpha0 - y_a - a_w)) - math.log(
            (y_b + a_w) / (n_b + alpha0 - y_b - a_w)
        )
        var = 1.0 / (y_a + a_w) + 1.0 / (y_b + a_w)
        out.append(LogOdds(w, y_a, y_b, delta, var))
    out.sort(key=lambda r: (-r.z, r.term))
    return out
