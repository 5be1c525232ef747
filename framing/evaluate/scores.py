"""Precision, recall and F1 from counts, shared by every scorer.

Counts are kept separately for the predicted and the gold side (``tp_pred`` of ``n_pred``
predictions are right; ``tp_gold`` of ``n_gold`` gold items are found), which is what
overlap matching needs: one prediction may cover two gold items and vice versa.
"""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["PRF", "f1_score", "ratio"]


def ratio(part: int, whole: int) -> float:
    """``part / whole``, or 0.0 when ``whole`` is 0."""
    return part / whole if whole else 0.0


def f1_score(precision: float, recall: float) -> float:
    """Harmonic mean of precision and recall (0.0 when both are 0).

    Examples
    --------
    >>> round(f1_score(0.5, 1.0), 4)
    0.6667
    """
    return 2 * precision * recall / (precision + recall) if precision + recall else 0.0


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and F1 with the counts behind them."""

    tp_pred: int
    n_pred: int
    tp_gold: int
    n_gold: int

    @property
    def precision(self) -> float:
        """Share of predictions that are right."""
        return ratio(self.tp_pred, self.n_pred)

    @property
    def recall(self) -> float:
        """Share of gold items found."""
        return ratio(self.tp_gold, self.n_gold)

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return f1_score(self.precision, self.recall)
