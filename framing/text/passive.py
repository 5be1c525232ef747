"""Passive clauses and their agents, from words and Penn Treebank tags.

"Qassem Soleimani was killed in a drone strike" leaves out who killed him; "the US killed
Qassem Soleimani" and "... was killed by a US drone" name the agent. Whether a version puts
an act in the passive, and whether it names the agent, is a framing choice the comparison
reports for aligned sentences (:func:`framing.compare.framing.aligned_framing`).

The rule needs no parser: a past participle (``VBN``) after a form of *be* or *get*, with
at most three adverbs between them ("was not immediately confirmed"), is a passive; a
participle coordinated with one ("was arrested and charged") shares its auxiliary. The
agent is the noun phrase after *by* within four tokens of the participle. The words are
the ``passive.en`` lexicon's; the tags are Penn Treebank's. Measured on UD
English EWT dev (``aux:pass`` and ``obl:agent`` relations) in ``docs/evaluation.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache

from framing.lexicons import load_lexicon

__all__ = ["LEXICON", "Passive", "find_passives", "passive_words"]

#: The lexicon of the words the rule reads (``auxiliary``, ``not_participle``, ``negation``,
#: ``coordinator``, ``agent_marker``).
LEXICON = "passive.en"


@cache
def passive_words() -> tuple[Mapping[str, frozenset[str]], str]:
    """Lower-cased terms of :data:`LEXICON` by category, and the lexicon's id."""
    lex = load_lexicon(LEXICON)
    return (
        {c: frozenset(e.term.lower() for e in es) for c, es in lex.by_category().items()},
        lex.id,
    )


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
    lex, _ = passive_words()
    out: list[Passive] = []
    last: Passive | None = None
    for k, tag in enumerate(tags):
        if tag != "VBN" or lows[k] in lex["not_participle"]:  # "has been", "'s been elected"
            continue
        aux = _auxiliary(lows, tags, k, lex)
        if aux is None and last is not None and _coordinated(lows, tags, last.verb, k, lex):
            aux = last.aux  # "was arrested and charged"
        if aux is None:
            continue
        last = Passive(aux, k, _agent(lows, tags, k, lex))
        out.append(last)
    return out


_Words = Mapping[str, frozenset[str]]


def _auxiliary(lows: Sequence[str], tags: Sequence[str], k: int, lex: _Words) -> int | None:
    j = k - 1
    skipped = 0
    while j >= 0 and skipped < _MAX_ADVERBS and (
        tags[j] in _ADVERB_TAGS or lows[j] in lex["negation"]
    ):
        j -= 1
        skipped += 1
    if j < 0 or lows[j] not in lex["auxiliary"]:
        return None
    if lows[j] in ("'s", "’s") and not tags[j].startswith("VB"):
        return None  # a possessive, not "it's been said"
    return j


def _coordinated(
    lows: Sequence[str], tags: Sequence[str], prev: int, k: int, lex: _Words
) -> bool:
    between = range(prev + 1, k)
    joins = lex["coordinator"]
    return (
        0 < k - prev <= 3
        and any(lows[x] in joins for x in between)
        and all(lows[x] in joins or tags[x] in _ADVERB_TAGS or lows[x] == "," for x in between)
    )


def _agent(
    lows: Sequence[str], tags: Sequence[str], k: int, lex: _Words
) -> tuple[int, int] | None:
    n = len(lows)
    for j in range(k + 1, min(n, k + 1 + _AGENT_WINDOW)):
        if lows[j] in lex["agent_marker"]:
            start = end = j + 1
            while end < n and end - start < _MAX_AGENT and tags[end] in _AGENT_TAGS:
                end += 1
            return (start, end) if end > start else None
        if tags[j] not in _ADVERB_TAGS and tags[j] not in ("RP", "IN"):
            return None
    return None
