"""Coverage: the content that one version carries and the others do not, as content units.

The alignment (:func:`framing.compare.align.align`) lists, per article, the sentences with no
counterpart in any other version. A reader wants the *content* behind them: a run of such
sentences about one thing ("Tehran assured Washington ... through Switzerland ... NBC reported
the assurance ...") is one unit, labelled with its key words and names, with the attributions
(who said it, how) that rest inside it, so that a report can say "IANS does not carry the
denial by Foreign Ministry spokesperson Esmail Baghaei".

Grouping rule: two consecutive only-in sentences ``i-1, i`` of one article (lacking from the
same versions) belong to one unit when they are *related*: their similarity (the alignment's,
fitted on the whole story) reaches :data:`GROUP_THRESHOLD`, either directly or across one
sentence (``i-2`` with ``i``, or ``i-1`` with ``i+1``, when the sentence in between is also
only-in); or a quotation runs from one into the other; or ``i`` opens with a personal pronoun
(an anaphor, tag ``PRP``). The headline is never grouped with the body.
:data:`GROUP_THRESHOLD` is the 99.5th percentile (0.154) of the similarity between sentences
of two *unrelated* BASIL stories (the null comparisons of the 41 tune events, 85,406 pairs,
see :mod:`framing.evaluate.comparison`): sentences of one article that are more alike than
that are taken to be about the same thing.
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np

from framing.compare.align import (
    DEFAULT_WEIGHTS,
    Alignment,
    SentenceKeys,
    similarity_matrices,
    story_keys,
)
from framing.compare.result import Difference, Evidence
from framing.errors import ValidationError
from framing.types import Attribution, Document, TextRef

__all__ = ["GROUP_THRESHOLD", "ContentUnit", "coverage", "coverage_differences"]

#: Similarity at which two nearby only-in sentences are about the same thing (see above).
GROUP_THRESHOLD = 0.15
#: At most this many words in a unit label.
LABEL_WORDS = 6
_ANAPHOR_TAGS = frozenset({"PRP"})


@dataclass(frozen=True, slots=True)
class ContentUnit:
    """Content that some versions carry and others lack.

    Attributes
    ----------
    article_id, outlet : str
        The version that carries the unit.
    sentences : tuple of int
        Its sentence indexes in that article (consecutive).
    evidence : tuple of TextRef
        The sentences' text and offsets (``article.text[start:end] == text``).
    label : str
        Its key words and names, most distinctive first ("Esmail Baghaei, IRNA, ...").
    terms : tuple of str
        The content keys behind the label (stems or paraphrase groups).
    sources : tuple of Attribution
        Attributions whose cue (else content, else source) starts inside the unit.
    missing_from : tuple of str
        Ids of the versions that do not carry it (all the others for an only-in unit).
    missing_outlets : tuple of str
        Their outlets, in the same order.
    """

    article_id: str
    outlet: str
    sentences: tuple[int, ...]
    evidence: tuple[TextRef, ...]
    label: str
    terms: tuple[str, ...]
    sources: tuple[Attribution, ...]
    missing_from: tuple[str, ...]
    missing_outlets: tuple[str, ...]

    @property
    def start(self) -> int:
        """Offset where the unit's first sentence starts."""
        return self.evidence[0].start

    @property
    def end(self) -> int:
        """Offset where the unit's last sentence ends."""
        return self.evidence[-1].end

    def source_phrases(self) -> list[str]:
        """Each source as "who (type; stance cue)", e.g. ``"Esmail Baghaei (person; ...)"``."""
        out = []
        for a in self.sources:
            how = f"{a.cue_stance} '{a.cue.text}'" if a.cue else a.cue_stance
            who = a.source_label()
            out.append(f"{who} ({a.source_type}; {how})" if who else f"no source given ({how})")
        return out

    def summary(self) -> str:
        """One sentence for a reader: which versions lack what, resting on which sources.

        Example: ``"IANS does not carry what TROIB News reports in 1 sentence (“In comments
        to ...”), resting on Foreign Ministry spokesperson Esmail Baghaei (person; denial
        'firmly rejected')."``
        """
        lacking = " and ".join(self.missing_outlets) or "no other version"
        verb = "does" if len(self.missing_outlets) == 1 else "do"
        first = " ".join(self.evidence[0].text.split()) if self.evidence else self.label
        if len(first) > 120:
            first = first[:119].rstrip() + "…"
        n = len(self.sentences)
        where = f"{n} sentence{'s' if n > 1 else ''}"
        text = f"{lacking} {verb} not carry what {self.outlet} reports in {where} (“{first}”)"
        if self.sources:
            text += f", resting on {'; '.join(self.source_phrases())}"
        return text + "."

    def to_dict(self) -> dict[str, Any]:
        """JSON form."""
        return {
            "article_id": self.article_id,
            "outlet": self.outlet,
            "sentences": list(self.sentences),
            "start": self.start,
            "end": self.end,
            "label": self.label,
            "terms": list(self.terms),
            "evidence": [e.to_dict() for e in self.evidence],
            "sources": [a.to_dict() for a in self.sources],
            "missing_from": list(self.missing_from),
            "missing_outlets": list(self.missing_outlets),
            "summary": self.summary(),
        }


def _anchor(a: Attribution) -> int | None:
    for ref in (a.cue, a.content, a.source):
        if ref is not None:
            return ref.start
    return None


def _continues_quote(doc: Document, prev: int, cur: int) -> bool:
    p, c = doc.sentences[prev], doc.sentences[cur]
    return any(q.start < p.end and q.end > c.start for q in doc.quotes)


def _linked(doc: Document, i: int, missing: Mapping[int, tuple[str, ...]], sim: Any) -> bool:
    """Whether only-in sentences ``i - 1`` and ``i`` belong to one unit."""
    prev = i - 1
    if prev not in missing or missing[prev] != missing[i]:
        return False
    if doc.sentences[prev].section != doc.sentences[i].section:
        return False
    if _continues_quote(doc, prev, i):
        return True
    toks = [t for t in doc.tokens_of(i) if t.text[:1].isalnum()]
    if toks and toks[0].pos in _ANAPHOR_TAGS:
        return True
    if sim(prev, i) >= GROUP_THRESHOLD:
        return True
    bridges = ((i - 2, i), (prev, i + 1))
    return any(
        a in missing
        and b in missing
        and missing[a] == missing[i] == missing[b]
        and doc.sentences[a].section == doc.sentences[b].section
        and sim(a, b) >= GROUP_THRESHOLD
        for a, b in bridges
    )


def _weights(alignment: Alignment) -> tuple[float, float, float]:
    w = alignment.params.get("weights")
    return (float(w[0]), float(w[1]), float(w[2])) if w and len(w) == 3 else DEFAULT_WEIGHTS


def _name_phrases(text: str, key: SentenceKeys) -> list[str | None]:
    """Per term: the multiword name it is part of ("Esmail Baghaei"), else None.

    A name is a run of entity terms separated by single spaces in the text.
    """
    ents = set(key.entities)
    out: list[str | None] = [None] * len(key.terms)
    k = 0
    while k < len(key.terms):
        if key.terms[k] not in ents or k >= len(key.offsets):
            k += 1
            continue
        j = k
        while (
            j + 1 < len(key.terms)
            and j + 1 < len(key.offsets)
            and key.terms[j + 1] in ents
            and text[key.offsets[j][1] : key.offsets[j + 1][0]] == " "
        ):
            j += 1
        if j > k:
            phrase = text[key.offsets[k][0] : key.offsets[j][1]]
            for x in range(k, j + 1):
                out[x] = phrase
        k = j + 1
    return out


def _label(
    text: str,
    unit: Sequence[int],
    keys: Sequence[SentenceKeys],
    idf: Mapping[str, float],
    elsewhere: frozenset[str],
) -> tuple[str, tuple[str, ...]]:
    """Rank the unit's keys: tf x idf, names and numbers x2, keys the lacking versions also
    use (so not what sets the unit apart) x0.5; ties by first occurrence. Words of one
    multiword name are shown once, as the name."""
    score: Counter[str] = Counter()
    first: dict[str, str] = {}
    order: dict[str, int] = {}
    for i in unit:
        ents = set(keys[i].entities)
        names = _name_phrases(text, keys[i])
        for term, word, name in zip(keys[i].terms, keys[i].words, names, strict=False):
            boost = (2.0 if term in ents else 1.0) * (0.5 if term in elsewhere else 1.0)
            score[term] += idf.get(term, 0.0) * boost
            first.setdefault(term, name or word)
            order.setdefault(term, len(order))
    ranked = sorted(score, key=lambda t: (-score[t], order[t]))
    shown: list[str] = []
    kept: list[str] = []
    for t in ranked:
        if len(shown) == LABEL_WORDS:
            break
        kept.append(t)
        if first[t] not in shown:
            shown.append(first[t])
    return ", ".join(shown), tuple(kept)


def coverage(
    docs: Sequence[Document],
    alignment: Alignment,
    attributions_by_article: Mapping[str, Sequence[Attribution]] | None = None,
    *,
    include_partial: bool = False,
) -> list[ContentUnit]:
    """Group what one version carries and the others lack into content units.

    Parameters
    ----------
    docs : sequence of Document
        The versions, as given to :func:`~framing.compare.align.align`.
    alignment : Alignment
        Their alignment.
    attributions_by_article : mapping of article id to attributions, optional
        Attributions per article (``FeatureSet.attributions``); those inside a unit become
        its ``sources``.
    include_partial : bool
        With three or more versions, also return units that some (not all) other versions
        lack; their ``missing_from`` names which.

    Returns
    -------
    list of ContentUnit
        In input order of the articles, then by position.

    Raises
    ------
    ValidationError
        If the documents are not the ones the alignment was computed for.

    Examples
    --------
    >>> from framing.compare.align import align
    >>> from framing.text import process
    >>> from framing.types import Article
    >>> a = process(Article(id="a", outlet="A", text="Trump scrapped the deal. Musk met Iravani."),
    ...             tag=False)
    >>> b = process(Article(id="b", outlet="B", text="Trump withdrew from the agreement."),
    ...             tag=False)
    >>> [u.summary() for u in coverage([a, b], align([a, b]))]
    ['B does not carry what A reports in 1 sentence (“Musk met Iravani.”).']
    """
    ids = tuple(d.article.id for d in docs)
    if ids != alignment.ids:
        raise ValidationError(
            f"coverage() needs the documents the alignment was made from, in the same order; "
            f"got {list(ids)} for an alignment of {list(alignment.ids)}."
        )
    outlets = {d.article.id: d.article.outlet for d in docs}
    keys = dict(zip(ids, story_keys(docs), strict=True))
    n_sent = sum(len(v) for v in keys.values())
    df: Counter[str] = Counter()
    for ks in keys.values():
        for k in ks:
            df.update(set(k.terms))
    idf = {t: math.log((1 + n_sent) / (1 + c)) + 1.0 for t, c in df.items()}
    flat = [k for d in docs for k in keys[d.article.id]]
    matrix = alignment.similarity
    if matrix is None or matrix.shape != (len(flat), len(flat)):
        matrix = similarity_matrices(flat, weights=_weights(alignment))[0]
    offset = dict(zip(ids, np.cumsum([0] + [len(d.sentences) for d in docs[:-1]]), strict=True))
    attributions = attributions_by_article or {}

    units: list[ContentUnit] = []
    for doc in docs:
        aid = doc.article.id
        missing: dict[int, tuple[str, ...]] = {}
        for s in doc.sentences:
            if not keys[aid][s.index].terms:
                continue
            lacking = tuple(
                o for o in ids if o != aid and o not in alignment.covered_by(aid, s.index)
            )
            if len(lacking) == len(ids) - 1 or (include_partial and lacking):
                missing[s.index] = lacking
        base = int(offset[aid])

        def sim(x: int, y: int, base: int = base) -> float:
            return float(matrix[base + x, base + y])

        groups: list[list[int]] = []
        for i in sorted(missing):
            if groups and groups[-1][-1] == i - 1 and _linked(doc, i, missing, sim):
                groups[-1].append(i)
            else:
                groups.append([i])
        for g in groups:
            sents = [doc.sentences[i] for i in g]
            sources = tuple(
                a
                for a in attributions.get(aid, ())
                if (x := _anchor(a)) is not None and any(s.start <= x < s.end for s in sents)
            )
            lacking = missing[g[0]]
            elsewhere = frozenset(t for o in lacking for k in keys[o] for t in k.terms)
            label, terms = _label(doc.text, g, keys[aid], idf, elsewhere)
            units.append(
                ContentUnit(
                    article_id=aid,
                    outlet=outlets[aid],
                    sentences=tuple(g),
                    evidence=tuple(TextRef.of(doc.text, s.start, s.end) for s in sents),
                    label=label,
                    terms=terms,
                    sources=sources,
                    missing_from=lacking,
                    missing_outlets=tuple(outlets[o] for o in lacking),
                )
            )
    return units


def _unit_score(u: ContentUnit) -> float:
    """Longer units, named sources and denials weigh more: a missing denial is consequential."""
    named = sum(a.source_type in ("person", "organisation", "media") for a in u.sources)
    denial = any(a.cue_stance == "denial" for a in u.sources)
    return min(1.0, 0.2 + 0.05 * len(u.sentences) + 0.1 * named + (0.4 if denial else 0.0))


def coverage_differences(units: Sequence[ContentUnit]) -> list[Difference]:
    """One :class:`~framing.compare.result.Difference` of kind ``"coverage"`` per unit.

    The evidence is the unit's sentences (with the article id); ``attrs`` hold the label,
    sentence indexes, the versions that lack it and the sources (JSON form). The score
    ranks units resting on a denial and on named sources first, then longer units:
    ``min(1, 0.2 + 0.05 * sentences + 0.1 * named sources + 0.4 * has_denial)``.
    """
    out = []
    for u in units:
        out.append(
            Difference(
                kind="coverage",
                summary=u.summary(),
                evidence=tuple(
                    Evidence(u.article_id, e.start, e.end, e.text, note="only here")
                    for e in u.evidence
                ),
                score=_unit_score(u),
                attrs={
                    "article_id": u.article_id,
                    "label": u.label,
                    "sentences": list(u.sentences),
                    "missing_from": list(u.missing_from),
                    "sources": [a.to_dict() for a in u.sources],
                },
            )
        )
    return out
