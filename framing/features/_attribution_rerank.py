"""Span-level re-ranking of attribution cues: keep or drop each candidate relation.

The cue tagger runs with low thresholds (many candidate cues, for recall); each relation the
rules build around a candidate cue is then kept or dropped by a logistic regression over
span-level evidence (:func:`candidate_features`): the tagger's probability for the cue
tokens, the rule that built the relation, the cue's lemma and words, the source type and
whether a source and a content were found, the quotation type, whether the cue stands in
another relation's content or in a quotation, the tags around the cue, how many other cues
the sentence holds and where the cue stands in the article. The weights are trained on
PolNeAR *train* by ``scripts/train_attribution.py`` from cross-fitted candidates (the
tagger that proposes the candidates of an article never saw it) and shipped inside the
cue-tagger model file (key ``"reranker"``, gzipped JSON).
"""

from __future__ import annotations

import math
from bisect import bisect_left, bisect_right
from collections import Counter
from collections.abc import Mapping, Sequence, Set
from dataclasses import dataclass, replace
from typing import Any

from framing.features.lexical import _is_word_text
from framing.features.wordclasses import load_word_classes
from framing.types import Attribution, Document

__all__ = [
    "CueReranker",
    "candidate_features",
    "is_act_with_object",
    "is_bare_noun_cue",
    "is_candidate",
]

_TRIM = " \t\n\xa0.,;:"
_QUOTE_MARKS = frozenset(("“", "”", '"', "''", "``"))


# rules whose relations the re-ranker does not judge (see is_candidate)
_UNJUDGED_RULES = ("poll:", "adverb:")


def is_candidate(text: str, a: Attribution) -> bool:
    """Whether the re-ranker judges ``a``: it has a cue with a word in it and is no relay.

    Relayed sources of chains ("citing X") follow their relaying relation, cues of
    punctuation only (the colon of "Pence: ...", the dash of "... — Paul Ryan") are left to
    the layout rules, and the relations of the poll and report-adverb rules ("in a new
    Fox News poll", "reportedly") are left to those rules (the re-ranker was trained
    without such candidates).
    """
    if a.cue is None or a.attrs.get("relay") or a.rule.startswith(_UNJUDGED_RULES):
        return False
    return _is_word_text(text[a.cue.start : a.cue.end])


def _word(word: str) -> str:
    """A neighbouring word as a feature: lower case, names folded to ``<Cap>``."""
    return "<Cap>" if word[:1].isupper() else word.lower()


def _rule_kind(rule: str) -> str:
    parts = rule.split(":")
    return parts[0] if parts[0] in ("lexicon", "model") else ":".join(parts[:2])


class _CuesWithin:
    """The relations whose cue lies inside a stretch of text, found by bisection.

    Parameters
    ----------
    attrs : sequence of Attribution
        The relations; those without a cue are never found.
    """

    def __init__(self, attrs: Sequence[Attribution]) -> None:
        self._cues = sorted(
            (a.cue.start, a.cue.end, k) for k, a in enumerate(attrs) if a.cue is not None
        )
        self._starts = [s for s, _, _ in self._cues]

    def __call__(self, start: int, end: int) -> list[int]:
        """Indexes (in ``attrs``) of the relations with ``start <= cue.start``,
        ``cue.end <= end``, by cue offset."""
        lo = bisect_left(self._starts, start)
        hi = bisect_right(self._starts, end)
        return [k for _, e, k in self._cues[lo:hi] if e <= end]


def candidate_features(
    doc: Document,
    attrs: Sequence[Attribution],
    cue_prob: Sequence[float],
    in_quote: Sequence[bool],
) -> list[dict[str, float] | None]:
    """Features of every relation of one article (``None`` for non-candidates).

    Parameters
    ----------
    doc : Document
        The processed article.
    attrs : sequence of Attribution
        The relations of the rule engine, in text order.
    cue_prob : sequence of float
        Per token of ``doc.tokens``: the tagger's probability of the token's label when it
        is tagged as a cue, else ``1 - P(O)``.
    in_quote : sequence of bool
        Per token: whether it stands inside a quotation.

    Returns
    -------
    list of dict or None
        Feature name -> value (1 for indicator features), aligned with ``attrs``.
    """
    toks = doc.tokens
    starts = [t.start for t in toks]
    n = len(toks)
    text = doc.text
    classes = load_word_classes().of
    cue_sent: list[int | None] = []
    for a in attrs:
        if a.cue is None:
            cue_sent.append(None)
        else:
            cue_sent.append(toks[max(0, bisect_left(starts, a.cue.start + 1) - 1)].sentence)
    contents = [(a.content.start, a.content.end, j) for j, a in enumerate(attrs) if a.content]
    within = _CuesWithin(attrs)
    # cue index -> the relations (in order) whose content holds that cue
    holders: dict[int, list[int]] = {}
    for s, e, j in contents:
        for k in within(s, e):
            holders.setdefault(k, []).append(j)
    per_sentence = Counter(cue_sent)
    # per sentence: token indexes of its quotation marks, its first verb outside quotes
    quote_marks: dict[int, list[int]] = {}
    first_verbs: dict[int, int] = {}
    for k, t in enumerate(toks):
        if t.text in _QUOTE_MARKS:
            quote_marks.setdefault(t.sentence, []).append(k)
        if (
            t.sentence not in first_verbs
            and t.pos.startswith("VB")
            and not (in_quote and in_quote[k])
        ):
            first_verbs[t.sentence] = k
    out: list[dict[str, float] | None] = []
    for idx, a in enumerate(attrs):
        if not is_candidate(text, a) or a.cue is None:
            out.append(None)
            continue
        lo = bisect_left(starts, a.cue.start)
        hi = max(lo + 1, bisect_left(starts, a.cue.end))
        hi = min(hi, n)
        lo = min(lo, hi - 1)
        ps = cue_prob[lo:hi] if cue_prob else [0.0]
        pmax = max(ps)
        pb = min(9, int(pmax * 10))
        pb5 = f"|pb={min(4, int(pmax * 5))}"
        rk = _rule_kind(a.rule)
        left = toks[lo - 1] if lo > 0 else None
        right = toks[hi] if hi < n else None
        aa = a.attrs
        judge = f"judge={aa.get('_judge', '-')}"
        has_source, has_content, via = a.source is not None, a.content is not None, a.via
        srccont = f"srccont={has_source}|{has_content}"
        f: dict[str, float] = {
            "p": pmax,
            "pmean": sum(ps) / len(ps),
            f"pb={pb}": 1,
            f"rule={rk}": 1,
            f"rule={rk}{pb5}": 1,
            f"lemma={aa.get('lemma')}": 1,
            f"w={a.cue.text.lower()}": 1,
            f"stype={a.source_type}": 1,
            f"stance={a.cue_stance}": 1,
            f"quote={a.quote}": 1,
            srccont: 1,
            f"via={via is not None}": 1,
            f"inq={bool(in_quote[lo]) if in_quote else False}": 1,
            f"ntok={min(4, hi - lo)}": 1,
            f"tags={'|'.join([t.pos for t in toks[lo : min(hi, lo + 3)]])}": 1,
            f"tagL={left.pos if left else '-'}": 1,
            f"tagR={right.pos if right else '-'}": 1,
            f"wL={_word(left.text) if left else '-'}": 1,
            f"wR={_word(right.text) if right else '-'}": 1,
            f"named={bool(aa.get('named'))}": 1,
            judge: 1,
            judge + pb5: 1,
            f"nested={via is not None}{pb5}": 1,
            srccont + pb5: 1,
        }
        if a.source is not None:
            f[f"slen={min(4, len(a.source.text.split()))}"] = 1
        if a.content is not None:
            first = text[a.content.start : a.content.end].split(None, 1)
            f[f"c0={_word(first[0]) if first else '-'}"] = 1
        outer = [j for j in holders.get(idx, ()) if j != idx]
        f[f"nested={bool(outer)}"] = 1
        if outer:
            f[f"nested|rule={rk}"] = 1
            f[f"nested|outerq={attrs[outer[0]].quote}"] = 1
            f[f"nested|outerrule={_rule_kind(attrs[outer[0]].rule)}"] = 1
        if a.content is not None:
            inner = sum(1 for k in within(a.content.start, a.content.end) if attrs[k] is not a)
            f[f"inner={min(2, inner)}"] = 1
            f[f"clen={min(5, (a.content.end - a.content.start) // 40)}"] = 1
        if a.source is not None:
            f[f"sside={'L' if a.source.start < a.cue.start else 'R'}"] = 1
        others = per_sentence[cue_sent[idx]] - 1
        f[f"sentcues={min(3, others)}"] = 1
        # the sentence around the cue: nearest quotation mark (the last one before the cue
        # and the first one from it on), first verb outside quotes
        sent = toks[lo].sentence
        marks = quote_marks.get(sent, ())
        x = bisect_left(marks, lo)
        near = [lo - marks[x - 1]] if x else []
        if x < len(marks):
            near.append(marks[x] - hi + 1)
        dist = min(near, default=None)
        f[f"qdist={'-' if dist is None else min(dist, 8).bit_length()}"] = 1
        first_verb = first_verbs.get(sent)
        f[f"firstverb={first_verb is not None and lo <= first_verb < hi}"] = 1
        f[f"posart={min(4, 5 * a.cue.start // max(1, len(text)))}"] = 1
        # WordNet classes of the cue words (framing.features.wordclasses): the long tail of
        # communication, thought and feeling verbs outside the lexicon
        for k in range(lo, min(hi, lo + 4)):
            vc, vf, nc, _ = classes(toks[k].text.lower())
            f[f"vc={vc}|{toks[k].pos[:2]}"] = 1
            f[f"vf={vf}"] = 1
            f[f"nc={nc}"] = 1
            f[f"rule={rk}|vc={vc}"] = 1
        out.append(f)
    return out


def is_act_with_object(
    feats: Mapping[str, float], speech_classes: Set[str], object_determiners: Set[str]
) -> bool:
    """A tagger-only cue that reads as an act on a thing: no cue word has a first verb
    sense in ``speech_classes`` (WordNet: communication, thought, feeling, perception), and
    the content starts with a word of ``object_determiners`` ("Trump *adopted* a 'maximum
    pressure' strategy", "Trump *scrapped* the nuclear deal"). Both lists come from the
    ``cue-filters.en`` lexicon (``speech_class``, ``object_determiner``)."""
    if not feats.get("rule=model") or not any(k.startswith("c0=") for k in feats):
        return False
    classes = [k[3:].split("|", 1)[0] for k in feats if k.startswith("vc=")]
    if any(c in speech_classes for c in classes):
        return False
    return any(k[3:] in object_determiners for k in feats if k.startswith("c0="))


def is_bare_noun_cue(feats: Mapping[str, float]) -> bool:
    """A cue-only candidate of nouns and prepositions alone that the rules' filter rejected
    (a sourceless noun: "held *calls with* foreign leaders")."""
    if not feats.get("judge=filtered") or not feats.get("rule=model"):
        return False
    tags = next((k[5:] for k in feats if k.startswith("tags=")), "")
    return all(t.startswith("NN") or t == "IN" for t in tags.split("|") if t)


@dataclass(frozen=True, slots=True)
class CueReranker:
    """Logistic regression over :func:`candidate_features`: keep a relation when
    ``P(correct cue) >= threshold`` (``model_threshold`` for cues that only the tagger
    found, outside the lexicon; ``None``: the same threshold; ``act_threshold`` for those
    of them that :func:`is_act_with_object` or :func:`is_bare_noun_cue`; the word lists of
    the first are ``speech_classes`` and ``object_determiners``, which
    :class:`~framing.features.attribution.AttributionFeatures` fills from
    ``cue-filters.en``: empty, nothing is guarded as an act)."""

    weights: Mapping[str, float]
    bias: float
    threshold: float
    meta: Mapping[str, Any]
    model_threshold: float | None = None
    act_threshold: float | None = None
    speech_classes: frozenset[str] = frozenset()
    object_determiners: frozenset[str] = frozenset()

    @classmethod
    def from_json(cls, raw: Mapping[str, Any]) -> CueReranker:
        """Build from the ``"reranker"`` object of the model file."""
        mt = raw.get("model_threshold")
        at = raw.get("act_threshold")
        return cls(
            raw["weights"],
            float(raw["bias"]),
            float(raw["threshold"]),
            raw["meta"],
            None if mt is None else float(mt),
            None if at is None else float(at),
        )

    def keeps(self, feats: Mapping[str, float]) -> bool:
        """Whether a candidate with these features is kept."""
        th = self.threshold
        if self.model_threshold is not None and feats.get("rule=model"):
            th = self.model_threshold
        if self.act_threshold is not None and (
            is_act_with_object(feats, self.speech_classes, self.object_determiners)
            or is_bare_noun_cue(feats)
        ):
            th = max(th, self.act_threshold)
        return self.probability(feats) >= th

    def probability(self, feats: Mapping[str, float]) -> float:
        """Probability that the candidate's cue is a true cue."""
        z = self.bias
        for name, v in feats.items():
            w = self.weights.get(name)
            if w is not None:
                z += w * v
        return 1.0 / (1.0 + math.exp(-max(-50.0, min(50.0, z))))

    def filter(
        self,
        doc: Document,
        attrs: Sequence[Attribution],
        cue_prob: Sequence[float],
        in_quote: Sequence[bool],
    ) -> list[Attribution]:
        """The relations kept, in order, with ``via`` indexes renumbered.

        A relay whose relaying relation is dropped is dropped too; a nested relation whose
        relaying relation is dropped loses its ``via``.
        """
        feats = candidate_features(doc, attrs, cue_prob, in_quote)
        keep = [f is None or self.keeps(f) for f in feats]
        changed = True
        while changed:  # relays follow their relaying relation (chains are short)
            changed = False
            for j, a in enumerate(attrs):
                if keep[j] and a.attrs.get("relay") and a.via is not None and not keep[a.via]:
                    keep[j] = False
                    changed = True
        new_index: dict[int, int] = {}
        out: list[Attribution] = []
        for j, a in enumerate(attrs):
            if not keep[j]:
                continue
            new_index[j] = len(out)
            out.append(a)
        return [
            replace(
                a,
                via=new_index.get(a.via) if a.via is not None else None,
                attrs={k: v for k, v in a.attrs.items() if k != "_judge"},
            )
            if a.via is not None or "_judge" in a.attrs
            else a
            for a in out
        ]
