"""Lexical differences between versions: length, sentences, shared and unshared vocabulary."""

from __future__ import annotations

from collections.abc import Sequence

from framing.compare.result import Difference, Evidence
from framing.features.lexical import content_tokens
from framing.types import FeatureSet

__all__ = ["lexical_differences"]


def _evidence_for(f: FeatureSet, words: set[str], limit: int) -> tuple[Evidence, ...]:
    out = []
    seen: set[str] = set()
    for t in content_tokens(f.document):
        w = t.text.lower()
        if w in words and w not in seen:
            seen.add(w)
            out.append(Evidence(f.article.id, t.start, t.end, t.text))
            if len(out) >= limit:
                break
    return tuple(out)


def lexical_differences(features: Sequence[FeatureSet], *, examples: int = 8) -> list[Difference]:
    """Differences in length and vocabulary, each with token evidence.

    Returns one ``length`` difference and, per version, one ``vocabulary`` difference
    listing the content words no other version uses (most frequent first).
    """
    out: list[Difference] = []
    sizes = [
        (f.article.outlet, int(f.metrics["lexical:words"]), int(f.metrics["lexical:sentences"]))
        for f in features
    ]
    longest = max(sizes, key=lambda s: s[1])
    shortest = min(sizes, key=lambda s: s[1])
    ratio = longest[1] / max(shortest[1], 1)
    parts = ", ".join(f"{o} {w} words in {s} sentences" for o, w, s in sizes)
    out.append(
        Difference(
            kind="length",
            summary=f"Length: {parts}.",
            evidence=tuple(
                Evidence(f.article.id, s.start, s.end, s.text, note="sentence")
                for f in features
                for s in f.document.sentences[:1]
            ),
            score=min(ratio - 1.0, 1.0),
            attrs={"words": {f.article.id: sz[1] for f, sz in zip(features, sizes, strict=True)}},
        )
    )
    vocabs = [
        {t.text.lower(): 0 for t in content_tokens(f.document)} for f in features
    ]
    counts = []
    for f in features:
        c: dict[str, int] = {}
        for t in content_tokens(f.document):
            c[t.text.lower()] = c.get(t.text.lower(), 0) + 1
        counts.append(c)
    shared = set(vocabs[0]).intersection(*vocabs[1:]) if vocabs else set()
    union = set().union(*vocabs) if vocabs else set()
    jaccard = len(shared) / len(union) if union else 0.0
    for i, f in enumerate(features):
        others = set().union(*(v for j, v in enumerate(vocabs) if j != i))
        only = {w for w in vocabs[i] if w not in others}
        ranked = sorted(only, key=lambda w: (-counts[i][w], w))
        if not ranked:
            continue
        shown = ", ".join(f"“{w}”" for w in ranked[:examples])
        out.append(
            Difference(
                kind="vocabulary",
                summary=(
                    f"{f.article.outlet} uses {len(only)} content words no other version uses, "
                    f"e.g. {shown}."
                ),
                evidence=_evidence_for(f, set(ranked[:examples]), examples),
                score=len(only) / max(len(vocabs[i]), 1),
                attrs={"only": ranked, "shared_share": round(jaccard, 4)},
            )
        )
    return out
