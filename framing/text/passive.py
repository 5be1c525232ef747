"""Passive clauses and their agents, from words and Penn Treebank tags.

"Qassem Soleimani was killed in a drone strike" leaves out who killed him; "the US killed
Qassem Soleimani" and "... was killed by a US drone" name the agent. Whether a version puts
an act in the passive, and whether it names the agent, is a framing choice the comparison
reports for aligned sentences (:func:`framing.compare.framing.aligned_framing`).

The rule needs no parser: a past participle (``VBN``) after a form of *be* or *get*, with
at most three adverbs between them ("was not immediately confirmed"), is a passive; a
participle coordinated with one ("was arrested and charged") shares its auxiliary. The
agent is the noun phrase after *by* within four tokens of the participle. Measured on UD
English EWT dev (``aux:pass`` and ``obl:agent`` relations) in ``docs/evaluation.md``.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

__all__ = ["Passive", "find_passives"]

#: Forms of *be* and *get* that build a passive with a past participle.
PASSIVE_AUXILIARIES = frozenset({
    "be", "is", "are", "am", "was", "were", "been", "being", "'s", "’s", "'re", "’re", "'m",
    "’m", "get", "gets", "got", "gotten", "getting",
})
_ADVERB_TAGS = frozenset({"RB", "RBR", "RBS"})
_AGENT_TAGS = frozenset({
    "DT", "PDT", "JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS", "PRP", "PRP$", "CD", "POS",
    "HYPH", "VBN", "VBG",
})
_MAX_ADVERBS = 3
_AGENT_WINDOW = 4
_MAX_AGENT = 8


@dataclass(frozen=True, slots=True)
class Passive:
    """One passive clause: token indexes into the words it was found in.

    Attributes
    ----------
    aux : int
        The form of *be* or *get*.
    verb : int
        The past participle.
    agent : tuple of (int, int), optional
        ``[start, end)`` of the noun phrase after *by*; ``None`` when the agent is left out.
    """

    aux: int
    verb: int
    agent: tuple[int, int] | None = None

    @property
    def agentless(self) -> bool:
        """True when the clause does not say who acted."""
        return self.agent is None


def find_passives(words: Sequence[str], tags: Sequence[str]) -> list[Passive]:
    """The passive clauses of one sentence, in order.

    Parameters
    ----------
    words : sequence of str
        The sentence's tokens.
    tags : sequence of str
        Their Penn Treebank tags (the package's tagger).

    Returns
    -------
    list of Passive

    Examples
    --------
    >>> words = "Soleimani was killed in a strike ordered by Trump .".split()
    >>> tags = ["NNP", "VBD", "VBN", "IN", "DT", "NN", "VBN", "IN", "NNP", "."]
    >>> [(p.verb, p.agentless) for p in find_passives(words, tags)]
    [(2, True)]
    """
    if len(words) != len(tags):
        raise ValueError(f"words and tags differ in length ({len(words)} != {len(tags)}).")
    lows = [w.lower() for w in words]
    out: list[Passive] = []
    last: Passive | None = None
    for k, tag in enumerate(tags):
        if tag != "VBN" or lows[k] in ("been", "gotten"):  # "has been", "'s been elected"
            continue
        aux = _auxiliary(lows, tags, k)
        if aux is None and last is not None and _coordinated(lows, tags, last.verb, k):
            aux = last.aux  # "was arrested and charged"
        if aux is None:
            continue
        last = Passive(aux, k, _agent(lows, tags, k))
        out.append(last)
    return out


def _auxiliary(lows: Sequence[str], tags: Sequence[str], k: int) -> int | None:
    j = k - 1
    skipped = 0
    while j >= 0 and skipped < _MAX_ADVERBS and (tags[j] in _ADVERB_TAGS or lows[j] == "n't"):
        j -= 1
        skipped += 1
    if j < 0 or lows[j] not in PASSIVE_AUXILIARIES:
        return None
    if lows[j] in ("'s", "’s") and not tags[j].startswith("VB"):
        return None  # a possessive, not "it's been said"
    return j


def _coordinated(lows: Sequence[str], tags: Sequence[str], prev: int, k: int) -> bool:
    between = range(prev + 1, k)
    return (
        0 < k - prev <= 3
        and any(lows[x] in ("and", "or") for x in between)
        and all(lows[x] in ("and", "or", ",") or tags[x] in _ADVERB_TAGS for x in between)
    )


def _agent(lows: Sequence[str], tags: Sequence[str], k: int) -> tuple[int, int] | None:
    n = len(lows)
    for j in range(k + 1, min(n, k + 1 + _AGENT_WINDOW)):
        if lows[j] == "by":
            start = end = j + 1
            while end < n and end - start < _MAX_AGENT and tags[end] in _AGENT_TAGS:
                end += 1
            return (start, end) if end > start else None
        if tags[j] not in _ADVERB_TAGS and tags[j] not in ("RP", "IN"):
            return None
    return None
