"""Scorer for passive clauses and their agents against UD English EWT.

Gold: a word with an ``aux:pass`` dependent is a passive verb, and so is a past participle
coordinated with one that has no auxiliary of its own ("was arrested and charged": UD
attaches ``aux:pass`` to the first verb only); it names its agent when it has an
``obl:agent`` dependent. Predicted: :func:`framing.text.passive.find_passives`
on the gold tokens, tagged by the package's own tagger (so tagging errors count).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from framing.evaluate.pos import read_conllu
from framing.evaluate.scores import PRF, ratio
from framing.text.passive import find_passives

__all__ = ["PassiveScore", "report", "score_passives"]


@dataclass(frozen=True, slots=True)
class PassiveScore:
    """Passive-verb detection and agent detection on one treebank file.

    Attributes
    ----------
    gold, predicted, matched : int
        Gold passive verbs, predicted passive verbs, and predicted ones that are gold.
    agent_gold, agent_predicted, agent_matched : int
        Among matched verbs: gold agents, predicted agents, and verbs where both have one.
    agentless_right : int
        Matched verbs that are agentless in both gold and prediction.
    """

    gold: int
    predicted: int
    matched: int
    agent_gold: int
    agent_predicted: int
    agent_matched: int
    agentless_right: int

    @property
    def verbs(self) -> PRF:
        """Precision, recall and F1 of passive verbs (one verb matches one verb)."""
        return PRF(self.matched, self.predicted, self.matched, self.gold)

    @property
    def precision(self) -> float:
        """Predicted passive verbs that are gold passives."""
        return self.verbs.precision

    @property
    def recall(self) -> float:
        """Gold passive verbs found."""
        return self.verbs.recall

    @property
    def f1(self) -> float:
        """Harmonic mean of precision and recall."""
        return self.verbs.f1

    @property
    def agentless_accuracy(self) -> float:
        """Among matched verbs, the share whose agent presence (named or left out) is right."""
        return ratio(self.agent_matched + self.agentless_right, self.matched)


def score_passives(conllu_path: str | Path) -> PassiveScore:
    """Score :func:`~framing.text.passive.find_passives` on a CoNLL-U file.

    Raises
    ------
    FileNotFoundError
        If ``conllu_path`` does not exist.
    """
    from framing.text.tagger import load_tagger

    path = Path(conllu_path)
    if not path.is_file():
        raise FileNotFoundError(f"CoNLL-U file {str(path)!r} does not exist.")
    tagger = load_tagger()
    gold_n = pred_n = matched = a_gold = a_pred = a_match = agentless_right = 0
    for sentence in read_conllu(path):
        words = [t.form for t in sentence]
        passive_heads = {t.head for t in sentence if t.deprel == "aux:pass"}
        agent_heads = {t.head for t in sentence if t.deprel == "obl:agent"}
        gold = {h - 1 for h in passive_heads if h > 0}
        # "was arrested and charged": UD hangs aux:pass on the first verb only; a
        # coordinated participle without an auxiliary of its own is a passive too
        own_aux = {t.head for t in sentence if t.deprel.startswith("aux")}
        gold |= {
            t.id - 1 for t in sentence
            if t.deprel == "conj" and t.xpos == "VBN" and t.head - 1 in gold
            and t.id not in own_aux
        }
        predicted = {p.verb: p for p in find_passives(words, tagger.tag(words))}
        gold_n += len(gold)
        pred_n += len(predicted)
        for verb in gold & set(predicted):
            matched += 1
            has_gold = verb + 1 in agent_heads
            has_pred = predicted[verb].agent is not None
            a_gold += has_gold
            a_pred += has_pred
            a_match += has_gold and has_pred
            agentless_right += not has_gold and not has_pred
    return PassiveScore(gold_n, pred_n, matched, a_gold, a_pred, a_match, agentless_right)


def report(data_root: Path) -> str:
    """The ``docs/evaluation.md`` section: passives on UD English EWT dev and test."""
    ewt = Path(data_root) / "ud-english-ewt"
    rows = []
    for split in ("dev", "test"):
        s = score_passives(ewt / f"en_ewt-ud-{split}.conllu")
        rows.append(
            f"| {split} | {s.gold} | {s.predicted} | {s.precision:.3f} | {s.recall:.3f} "
            f"| {s.f1:.3f} | {s.agent_gold} / {s.matched} | {s.agentless_accuracy:.3f} |"
        )
    return "\n".join([
        "## Passive voice (UD English EWT)",
        "",
        "`framing.text.passive.find_passives` (a past participle after *be*/*get*, agent = "
        "the noun phrase after *by*) on the gold tokens, tagged by the package's tagger. Gold: "
        "a word with an `aux:pass` dependent is a passive verb, as is a participle coordinated "
        "with one and without an auxiliary of its own (UD attaches `aux:pass` to the first "
        "conjunct only); it names its agent when it has an `obl:agent` dependent. Agent "
        "accuracy: among the passives found, the share whose agent is rightly named or "
        "rightly missing. The tagger was trained on EWT train, so train is not reported. "
        "The comparison uses it to say that one version leaves out who acted where the "
        "other does not. Command: "
        "`python scripts/evaluate.py --only passive`.",
        "",
        "| split | gold passives | predicted | P | R | F1 | gold agents / found | agent "
        "accuracy |",
        "|---|---:|---:|---:|---:|---:|---:|---:|",
        *rows,
    ])
