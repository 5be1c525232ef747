"""Source attribution: who says what, through which reporting cue, and how it is framed.

:class:`AttributionFeatures` finds reported-speech relations (source, cue, content) with
rules over the tokens and Penn part-of-speech tags of a :class:`~framing.types.Document`:

* verb cues from the ``reporting_verbs.en`` lexicon ("said", "told X that", "rejected",
  "indicated that"), with the source as the subject to the left ("Baghaei firmly
  rejected") or inverted to the right of a quotation ("“...,” said Caddell");
* direct quotations before or after the cue, multi-sentence quotations, quotations that
  continue in the next sentence of the paragraph, mixed quotes ("described it as
  “positive”");
* "according to X", "citing X" / "quoting X" (chains: the relayed source gets ``via``),
  "in comments to X" (the channel, kept in ``attrs``);
* quotations that no cue claims (content with no source).

Each source is typed (person, organisation, media outlet, anonymous, vague, document),
given the affiliation the text states ("Iranian", "Trump") and, for pronouns and
descriptions ("It", "The diplomat", "The report"), resolved to the entity named before.
The stance of the cue comes from the lexicon (neutral, assertive, distancing, denial,
confirming, speculative, emotive); a manner adverb can colour a neutral cue ("said
cryptically" is emotive).

:meth:`AttributionFeatures.summary` aggregates one article: sources with type,
affiliation, number of attributions and words given to each, shares of anonymous and vague
sourcing, direct vs indirect quotes.

Modules: this one holds the public extractor; the rule engine is in
:mod:`framing.features._attribution_rules` (cues, sources, contents),
:mod:`framing.features._attribution_sources` (typing, resolution, affiliation),
:mod:`framing.features._attribution_lexicons` (lexicon access and constants),
:mod:`framing.features._attribution_summary` (the per-article summary) and
:mod:`framing.features.attribution_model` (the learned cue tagger).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from typing import Any, ClassVar

from framing.features._cue_vectors import load_cue_vectorizer
from framing.features.attribution_model import load_cue_reranker
from framing.features.base import SpanExtractor, as_document
from framing.text import VoiceMap
from framing.types import Article, Attribution, Document, Span

__all__ = [
    "AttributionFeatures",
    "AttributionSummary",
    "SourceSummary",
]

from framing.features._attribution_lexicons import _Lexicons, _load_lexicons
from framing.features._attribution_rules import _Engine
from framing.features._attribution_summary import (
    QUOTES,
    SOURCE_TYPES,
    STANCES,
    AttributionSummary,
    SourceSummary,
    _words,
)


class AttributionFeatures(SpanExtractor):
    """Reported-speech relations, source types and cue stance, as spans and relations.

    Parameters
    ----------
    min_quote_words : int
        Quotations with fewer words are not reported as unattributed content (they are
        usually scare quotes or mixed-quote fragments).
    use_model : bool
        Find cues with the shipped PolNeAR-trained tagger (``attribution-polnear.en``);
        when False, cues come from the ``reporting_verbs.en`` lexicon alone.
    cue_threshold : float, optional
        Minimum probability that a token is part of a cue (learned tagger only). Default:
        the value recorded in the model, chosen on a held-out fifth of PolNeAR train: 0.35
        for the candidates of the re-ranker, 0.5 with ``rerank=False``.
    lexicon_cue_threshold : float, optional
        The same for tokens that the ``reporting_verbs.en`` lexicon knows. Default: the
        value recorded in the model (0.25 with the re-ranker, 0.35 without).
    rerank : bool
        Keep or drop each relation with the span re-ranker shipped in the model
        (:mod:`framing.features._attribution_rerank`); the tagger then proposes candidate
        cues at the lower thresholds recorded for it. False: the tagger's own thresholds.

    Examples
    --------
    >>> from framing.types import Article
    >>> art = Article(id="a", outlet="X", text="Officials said the talks may resume.")
    >>> [(a.source.text, a.source_type, a.cue.text, a.cue_stance, a.content.text)
    ...  for a in AttributionFeatures().attributions(art)]
    [('Officials', 'anonymous', 'said', 'neutral', 'the talks may resume')]
    """

    feature: ClassVar[str] = "attribution"
    prefix: ClassVar[str] = "attribution"

    def __init__(
        self,
        *,
        min_quote_words: int = 6,
        use_model: bool = True,
        cue_threshold: float | None = None,
        lexicon_cue_threshold: float | None = None,
        rerank: bool = True,
    ) -> None:
        self.min_quote_words = min_quote_words
        self.use_model = use_model
        self.rerank = rerank
        self.cue_threshold = cue_threshold
        self.lexicon_cue_threshold = lexicon_cue_threshold

    def _load(self) -> dict[str, Any]:
        if not isinstance(self.min_quote_words, int) or self.min_quote_words < 1:
            raise ValueError(
                "The 'min_quote_words' parameter of AttributionFeatures must be an int >= 1; "
                f"got {self.min_quote_words!r} instead."
            )
        lex = _load_lexicons()
        model = None
        reranker = None
        if self.use_model:
            vectorizer = load_cue_vectorizer()
            chosen = vectorizer.meta.get("thresholds", {})
            if self.rerank:
                reranker = load_cue_reranker()
                if reranker is not None:  # the guard's word lists (cue-filters.en)
                    reranker = replace(
                        reranker,
                        speech_classes=lex.cue_words.get("speech_class", frozenset()),
                        object_determiners=lex.cue_words.get("object_determiner", frozenset()),
                    )
            if reranker is None:  # the tagger's own thresholds, without the re-ranker
                chosen = chosen.get("without_reranker", chosen)
            model = (
                vectorizer,
                (
                    chosen.get("cue", 0.5) if self.cue_threshold is None else self.cue_threshold,
                    chosen.get("lexicon_cue", 0.25)
                    if self.lexicon_cue_threshold is None
                    else self.lexicon_cue_threshold,
                ),
            )
        return {"lexicons_": lex, "model_": model, "reranker_": reranker}

    def categories(self) -> list[str]:
        """Span categories: ``source:<type>``, ``cue:<stance>``, ``content:<quote type>``."""
        return (
            [f"source:{t}" for t in SOURCE_TYPES]
            + [f"cue:{s}" for s in STANCES]
            + [f"content:{q}" for q in QUOTES]
        )

    def versions(self) -> dict[str, str]:
        """Versions of the lexicons and models used.

        The cue model (``attribution-model``, with ``+reranker`` when its span re-ranker
        runs) and the WordNet word-class table it reads (``word-classes``) are listed when
        the learned tagger is used.
        """
        self._ensure_fitted()
        lex: _Lexicons = self.lexicons_
        out = {lx.name: lx.id for lx in lex.all()}
        if self.model_ is not None:
            meta = self.model_[0].meta
            model_id = f"{meta.get('name', 'attribution-polnear.en')}@{meta.get('version', '?')}"
            out["attribution-model"] = model_id + ("+reranker" if self.reranker_ else "")
            if meta.get("word_classes"):
                out["word-classes"] = str(meta["word_classes"])
        return out

    # --- relations -------------------------------------------------------------------
    def attributions(self, item: Article | Document) -> list[Attribution]:
        """Return the attribution relations of one article, in text order.

        Parameters
        ----------
        item : Article or Document

        Returns
        -------
        list of Attribution
            Relayed sources of chains come right after the relation that relays them and
            point to it with ``via``. Contents with no source have ``source=None``.
        """
        self._ensure_fitted()
        doc = as_document(item)
        judge = self.reranker_ is not None and bool(self.reranker_.meta.get("cue_only"))
        engine = _Engine(
            doc,
            self.lexicons_,
            min_quote_words=self.min_quote_words,
            model=self.model_,
            judge=judge,
        )
        attrs = engine.run()
        if self.reranker_ is not None:
            in_quote = [q >= 0 for q in engine.in_quote]
            attrs = self.reranker_.filter(doc, attrs, engine.cue_prob, in_quote)
        return attrs

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        """Spans for the parts of every relation: source, cue and content."""
        return self._relation_spans(self.attributions(doc), voice)

    def spans_from(
        self,
        attributions: Sequence[Attribution],
        item: Article | Document,
        *,
        voice: VoiceMap | None = None,
    ) -> list[Span]:
        """Spans of relations already found, as :meth:`spans` would return them.

        :func:`framing.extract` finds the relations of an article once (they decide the
        voice of every other feature) and builds the attribution spans from them here.

        Parameters
        ----------
        attributions : sequence of Attribution
            The relations of ``item``, as :meth:`attributions` returns them.
        item : Article or Document
        voice : VoiceMap, optional
            Quoted regions; by default the quotations of the document.

        Returns
        -------
        list of Span
            Sorted by offset; equal to ``spans(item, voice=voice)``.
        """
        self._ensure_fitted()
        doc = as_document(item)
        vm = voice if voice is not None else VoiceMap.build(doc.quotes)
        spans = self._relation_spans(attributions, vm)
        for s in spans:
            s.check(doc.text)
        return sorted(spans, key=lambda s: (s.start, s.end))

    def _relation_spans(self, attributions: Sequence[Attribution], voice: VoiceMap) -> list[Span]:
        spans: list[Span] = []
        seen: set[tuple[int, int, str]] = set()
        for i, a in enumerate(attributions):
            parts = (
                ("source", a.source, a.source_type),
                ("cue", a.cue, a.cue_stance),
                ("content", a.content, a.quote),
            )
            for role, ref, cat in parts:
                if ref is None or ref.end <= ref.start or (ref.start, ref.end, role) in seen:
                    continue
                seen.add((ref.start, ref.end, role))
                spans.append(
                    Span(
                        ref.start,
                        ref.end,
                        ref.text,
                        self.feature,
                        f"{role}:{cat}",
                        voice="quoted" if role == "content" else voice.voice(ref.start, ref.end),
                        rule=a.rule,
                        attrs={"relation": i},
                    )
                )
        return spans

    def voice_map(
        self, item: Article | Document, attributions: Sequence[Attribution] | None = None
    ) -> VoiceMap:
        """The quoted voice of an article: its quotations plus every attributed content.

        Hedging and loaded language take this map so that what a source says is kept
        apart from what the outlet says.
        """
        doc = as_document(item)
        attrs = attributions if attributions is not None else self.attributions(doc)
        return VoiceMap.build(doc.quotes, [a.content for a in attrs])

    # --- summary ---------------------------------------------------------------------
    def summary(
        self, doc: Article | Document, attributions: Sequence[Attribution] | None = None
    ) -> AttributionSummary:
        """Aggregate the attributions of one article into a per-source table and shares.

        Parameters
        ----------
        doc : Article or Document
        attributions : sequence of Attribution, optional
            The relations of ``doc`` (computed when not given).

        Returns
        -------
        AttributionSummary
        """
        doc = as_document(doc)
        attrs = list(attributions) if attributions is not None else self.attributions(doc)
        table: dict[str, dict[str, Any]] = {}
        with_source = [a for a in attrs if a.source is not None]
        for a in with_source:
            ref = a.resolved or a.source
            key = " ".join(ref.text.split()).removeprefix("the ").removeprefix("The ")
            row = table.setdefault(
                key.lower(),
                {
                    "name": key,
                    "type": a.source_type,
                    "aff": a.affiliation,
                    "n": 0,
                    "words": 0,
                    "q": Counter(),
                    "st": Counter(),
                },
            )
            row["n"] += 1
            row["aff"] = row["aff"] or a.affiliation
            row["words"] += _words(a.content.text) if a.content and a.via is None else 0
            row["q"][a.quote] += 1
            row["st"][a.cue_stance] += 1
        sources = tuple(
            SourceSummary(
                name=r["name"],
                source_type=r["type"],
                affiliation=r["aff"],
                attributions=r["n"],
                words=r["words"],
                direct=r["q"]["direct"],
                indirect=r["q"]["indirect"],
                mixed=r["q"]["mixed"],
                stances=tuple(r["st"].most_common()),
            )
            for r in table.values()
        )
        n = len(with_source)
        types = Counter(a.source_type for a in with_source)
        quotes = Counter(a.quote for a in with_source)
        vm = VoiceMap.build(doc.quotes, [a.content for a in attrs])
        quoted_words = sum(_words(doc.text[s:e]) for s, e in vm.regions)
        return AttributionSummary(
            article_id=doc.article.id,
            sources=sources,
            n_attributions=n,
            unattributed=sum(1 for a in attrs if a.source is None and a.content is not None),
            anonymous_share=round(types["anonymous"] / n, 4) if n else 0.0,
            vague_share=round(types["vague"] / n, 4) if n else 0.0,
            named_share=round((types["person"] + types["organisation"] + types["media"]) / n, 4)
            if n
            else 0.0,
            direct=quotes["direct"],
            indirect=quotes["indirect"],
            mixed=quotes["mixed"],
            quoted_words=quoted_words,
            stances=tuple(Counter(a.cue_stance for a in with_source).most_common()),
        )


# --- resources ---------------------------------------------------------------------------
