"""The compare stage: 2..N versions of one story in, a :class:`Comparison` out."""

from __future__ import annotations

import os
from collections import Counter
from collections.abc import Iterable
from dataclasses import replace
from pathlib import Path

from framing.compare.align import Alignment, align
from framing.compare.coverage import ContentUnit, coverage, coverage_differences
from framing.compare.deltas import delta_differences, feature_deltas, feature_rates
from framing.compare.framing import (
    aligned_framing,
    entity_tone_differences,
    lead_framing,
    naming_variants,
    source_framing,
    word_choice_differences,
)
from framing.compare.lexical import lexical_differences
from framing.compare.narrative import rank_differences, write_narrative
from framing.compare.result import Comparison, Difference, DistinctiveTerm, Evidence
from framing.compare.terms import background_counts, distinctive_terms, terms_differences
from framing.errors import ValidationError
from framing.ingest import load
from framing.lexicons import load_lexicon
from framing.pipeline import extract
from framing.text.passive import passive_words
from framing.types import Article, Document, FeatureSet

__all__ = [
    "Alignment",
    "Comparison",
    "ContentUnit",
    "Difference",
    "DistinctiveTerm",
    "Evidence",
    "compare",
]

Version = Article | Document | FeatureSet | str | os.PathLike[str]


def _flatten(items: Iterable[Version | Iterable[Version]]) -> list[FeatureSet]:
    out: list[FeatureSet] = []
    for item in items:
        if isinstance(item, FeatureSet):
            out.append(item)
        elif isinstance(item, (Article, Document)):
            out.append(extract(item))
        elif isinstance(item, (str, Path, os.PathLike)):
            out.extend(extract(a) for a in load(item))
        elif isinstance(item, Iterable):
            out.extend(_flatten(item))
        else:
            raise TypeError(
                f"compare() takes articles, feature sets or paths; got {type(item).__name__}."
            )
    return out


def _named(features: list[FeatureSet]) -> list[FeatureSet]:
    """Give every version a name of its own for the report's sentences and figures.

    A version without an outlet ("unknown") is named by its id (a file's stem); versions of
    one outlet are told apart by their ids ("Fox News (fox-1)").
    """
    counts = Counter(f.article.outlet for f in features)
    out = []
    for f in features:
        a = f.article
        if a.outlet == "unknown":
            name = a.id
        elif counts[a.outlet] > 1:
            name = f"{a.outlet} ({a.id})"
        else:
            out.append(f)
            continue
        out.append(replace(f, document=replace(f.document, article=replace(a, outlet=name))))
    return out


def compare(
    *versions: Version | Iterable[Version],
    top_terms: int = 10,
    n_boot: int = 2000,
    seed: int = 0,
    narrative_sentences: int = 7,
) -> Comparison:
    """Compare two or more versions of one story.

    Parameters
    ----------
    *versions : Article, Document, FeatureSet, path, or iterables of them
        The versions; a path may be a file or a story folder (all its versions).
    top_terms : int
        Distinctive terms kept per version.
    n_boot : int
        Bootstrap draws for the confidence intervals.
    seed : int
        Seed of the bootstrap (results are deterministic for a given seed).
    narrative_sentences : int
        Length of the narrative.

    Returns
    -------
    Comparison
        Versions are named by their outlets; a version without an outlet is named by its id,
        and versions of one outlet by outlet and id (``"Fox News (fox-1)"``).

    Raises
    ------
    ValidationError
        With fewer than two versions.

    Examples
    --------
    >>> from framing.types import Article
    >>> c = compare(Article(id="a", outlet="A", text="Iran denied the secret meeting."),
    ...             Article(id="b", outlet="B", text="Iran confirmed the meeting."))
    >>> c.outlets
    ['A', 'B']
    """
    features = _flatten(versions)
    if len(features) < 2:
        raise ValidationError(
            f"compare() needs at least two versions of a story; got {len(features)}."
        )
    ids = [f.article.id for f in features]
    if len(set(ids)) != len(ids):
        raise ValidationError(f"article ids must be unique within a comparison; got {ids}.")
    features = _named(features)
    docs = [f.document for f in features]
    alignment = align(docs)
    units = coverage(docs, alignment, {f.article.id: f.attributions for f in features})
    terms = distinctive_terms(features, top=top_terms)
    rates = feature_rates(features, n_boot=n_boot, seed=seed)
    deltas = feature_deltas(features, n_boot=n_boot, seed=seed)
    differences: list[Difference] = [
        *lead_framing(features),
        *coverage_differences(units),
        *source_framing(features),
        *aligned_framing(features, alignment.pairs),
        *delta_differences(deltas),
        *entity_tone_differences(features),
        *word_choice_differences(features, alignment=alignment),
        *naming_variants(features),
        *terms_differences(features, terms),
        *lexical_differences(features),
    ]
    ranked = rank_differences(differences)
    stage_versions = {
        "paraphrases.en": load_lexicon("paraphrases.en").id,
        "background": background_counts()[1],
        "passive.en": passive_words()[1],
    }
    narrative = write_narrative(ranked, max_sentences=narrative_sentences)
    return Comparison(
        features=tuple(features),
        differences=tuple(ranked),
        distinctive_terms=tuple(terms),
        alignment=alignment.to_dict(),
        coverage=tuple(units),
        rates=tuple(rates),
        deltas=tuple(deltas),
        narrative=tuple(narrative),
        params={"top_terms": top_terms, "n_boot": n_boot, "seed": seed},
        stage_versions=stage_versions,
    )
