"""A short narrative of the main differences, written from the measured findings.

No language model: each sentence is the summary of one :class:`Difference`, chosen by rank,
and keeps a link to that difference and its evidence spans. Ranking puts the most
consequential kinds first (how the central claim is framed, what only one version carries,
who gets a voice), then measured feature differences (a bootstrap interval that excludes
zero, or a medium effect), then word choice and the same content framed differently, then
naming and vocabulary;
within a kind the higher score comes first. At most one sentence per kind (per version, for
coverage) is taken before any kind gets a second one, so the narrative covers several
aspects.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from framing.compare.result import Difference, Evidence

__all__ = ["KIND_PRIORITY", "NarrativeSentence", "rank_differences", "write_narrative"]

#: consequence of each kind of difference, highest first
KIND_PRIORITY: dict[str, float] = {
    "claim_status": 10.0,
    "coverage": 9.0,
    "source_only_in": 8.0,
    "sourcing": 7.5,
    "same_source": 7.0,
    "feature_delta": 6.9,
    "word_choice": 6.8,
    "same_claim": 6.5,
    "entity_tone": 4.5,
    "naming": 4.0,
    "distinctive_terms": 3.0,
    "vocabulary": 2.0,
    "length": 1.0,
}


@dataclass(frozen=True, slots=True)
class NarrativeSentence:
    """One sentence of the narrative, linked to the difference (by index) and its evidence."""

    text: str
    difference: int
    kind: str
    evidence: tuple[Evidence, ...]

    def to_dict(self) -> dict[str, object]:
        """JSON form."""
        return {
            "text": self.text,
            "difference": self.difference,
            "kind": self.kind,
            "evidence": [e.to_dict() for e in self.evidence],
        }


def rank_differences(differences: Sequence[Difference]) -> list[Difference]:
    """Differences sorted by kind priority, then score (both descending), then summary."""
    return sorted(
        differences,
        key=lambda d: (-KIND_PRIORITY.get(d.kind, 0.0), -d.score, d.summary),
    )


def write_narrative(
    differences: Sequence[Difference], *, max_sentences: int = 6, per_kind: int = 2
) -> list[NarrativeSentence]:
    """Pick the leading differences (already ranked) and turn them into linked sentences.

    Parameters
    ----------
    differences : sequence of Difference
        Ranked differences (see :func:`rank_differences`); indexes refer to this sequence.
    max_sentences : int
        Length of the narrative.
    per_kind : int
        At most this many sentences of one kind.
    """
    chosen: list[int] = []
    taken: dict[tuple[str, str], int] = {}
    for round_ in range(1, per_kind + 1):
        for i, d in enumerate(differences):
            if len(chosen) >= max_sentences:
                break
            # what only one version carries counts once per version in the first round
            slot = (d.kind, str(d.attrs.get("article_id", "")) if d.kind == "coverage" else "")
            if i in chosen or taken.get(slot, 0) >= round_:
                continue
            if d.kind == "claim_status" and d.score < 0.5:
                continue  # framed alike: not a difference worth leading with
            chosen.append(i)
            taken[slot] = taken.get(slot, 0) + 1
    chosen.sort(key=lambda i: i)
    return [
        NarrativeSentence(differences[i].summary, i, differences[i].kind, differences[i].evidence)
        for i in chosen
    ]
