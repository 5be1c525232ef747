"""Hedging and epistemic stance: how sure the outlet (or its source) sounds.

Two span families come from one matcher over one pass of the tokens:

* ``hedge`` spans (category ``epistemic_modal``, ``speculative_verb``, ``possibility``,
  ``reportative``, ``distancing_noun``, ``uncertainty_construction``, ``conditional``,
  ``approximator``) from the ``hedges.en`` lexicon;
* ``booster`` spans (``certainty_adverb``, ``certainty_phrase``, ``emphatic_adverb``,
  ``certainty_adjective``, ``certainty_verb``) from the ``boosters.en`` lexicon.

Entries may be multiword ("not clear", "may or may not"); the longest match wins, so
"not clear" is a hedge and not the booster "clear". An entry may name a disambiguation
rule (its ``rule`` column, e.g. ``modal_may`` keeps "May" the month out); the rules read
the words around the cue, listed in the ``hedge-context.en`` lexicon, and the part-of-speech
tags when the tagger has run. Two rules make hedges out of boosters: ``negated_booster``
("not clearly", "has not been confirmed") and ``attenuated_booster`` ("almost certainly").
Every rule id is documented in ``docs/hedging.md``.

:class:`HedgingFeatures` and :class:`BoosterFeatures` are the scikit-learn extractors (one
feature family each, as :class:`~framing.features.base.SpanExtractor` has one ``feature``);
:func:`find_stance_spans` returns both families at once for the pipeline. Voice comes from
the :class:`~framing.text.VoiceMap` the caller passes (quotations and attributed contents),
so hedging, loaded language and attribution agree on who speaks.

Examples
--------
>>> from framing.types import Article
>>> from framing.text import process
>>> doc = process(Article(id="a", outlet="X", text="The envoy reportedly met Musk in May."))
>>> [(s.text, s.category) for s in HedgingFeatures().spans(doc)]
[('reportedly', 'reportative')]
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from functools import cache, lru_cache
from typing import TYPE_CHECKING, Any, ClassVar, Literal

from framing.features.base import (
    SpanExtractor,
    norm_words,
    rate_metrics,
    sentence_tokens,
    sentences_of,
    word_count,
)
from framing.lexicons import Lexicon, load_lexicon
from framing.text import VoiceMap
from framing.types import Document, Sentence, Span, Token

if TYPE_CHECKING:
    import pandas as pd

__all__ = [
    "BOOSTER_CATEGORIES",
    "HEDGE_CATEGORIES",
    "BoosterFeatures",
    "HedgingFeatures",
    "StanceMatcher",
    "central_sentences",
    "find_stance_spans",
    "load_matcher",
    "spans_to_frame",
    "stance_metrics",
]

Scheme = Literal["news", "szeged"]

#: Hedge categories in report order.
HEDGE_CATEGORIES = (
    "epistemic_modal",
    "speculative_verb",
    "possibility",
    "reportative",
    "distancing_noun",
    "uncertainty_construction",
    "conditional",
    "approximator",
)
#: Booster categories in report order.
BOOSTER_CATEGORIES = (
    "certainty_adverb",
    "certainty_phrase",
    "emphatic_adverb",
    "certainty_adjective",
    "certainty_verb",
)
_SCHEMES = ("news", "szeged")


@lru_cache(maxsize=1 << 16)
def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


@dataclass(frozen=True, slots=True)
class _Entry:
    term: str
    words: tuple[str, ...]
    feature: str
    category: str
    check: str
    scope: str
    lexicon: str


@dataclass(frozen=True, slots=True)
class _Ctx:
    """A candidate match: tokens ``[i, j)`` of one sentence, and its surroundings."""

    tokens: Sequence[Token]
    low: Sequence[str]
    i: int
    j: int
    sentence: Sentence
    words: Mapping[str, frozenset[str]]

    def prev(self, k: int = 1) -> str:
        n = self.i - k
        return self.low[n] if n >= 0 else ""

    def next(self, k: int = 1) -> str:
        n = self.j - 1 + k
        return self.low[n] if n < len(self.low) else ""

    def pos(self, n: int) -> str:
        return self.tokens[n].pos if 0 <= n < len(self.tokens) else ""

    def isin(self, word: str, name: str) -> bool:
        return word in self.words.get(name, frozenset())

    def prev_skipping(self, name: str, limit: int = 2) -> str:
        """The nearest word before the cue that is not in list ``name``."""
        k = 1
        while k <= limit and self.isin(self.prev(k), name):
            k += 1
        return self.prev(k)

    def next_skipping(self, name: str, limit: int = 2) -> str:
        """The next word after the cue that is not in list ``name``."""
        k = 1
        while k <= limit and self.isin(self.next(k), name):
            k += 1
        return self.next(k)


def _is_number(word: str) -> bool:
    return bool(word) and word[0].isdigit()


# --- disambiguation rules: each returns True to keep the candidate ------------------------
def _modal_may(c: _Ctx) -> bool:
    word, tag = c.tokens[c.i].text, c.pos(c.i)
    if word[0].islower():  # edited copy capitalises the month
        return tag != "NNP"
    if _is_number(c.next()) or _is_number(c.prev()) or c.isin(c.prev(), "month_context"):
        return False  # "May 20", "22 May", "in May"
    if c.sentence.section == "headline":
        return True  # title case capitalises the modal too; taggers read it as NNP
    if tag:
        return tag == "MD"
    return c.i == 0  # a capital mid-sentence is the month or a name


def _modal_might(c: _Ctx) -> bool:
    if c.pos(c.i).startswith("NN"):
        return False
    return not (c.isin(c.prev(), "determiner") or c.isin(c.prev(), "might_modifier"))


def _epistemic_could(c: _Ctx) -> bool:
    nxt = c.next_skipping("modal_adverb")
    if c.isin(nxt, "negator"):
        return False
    # narrative past ability: "so that he could fire officials", "where they could travel"
    return not (c.isin(c.prev(), "subject_pronoun") and c.isin(nxt, "ability_verb"))


def _conditional_would(c: _Ctx) -> bool:
    if c.isin(c.next(), "hypothetical_adverb"):
        return True
    return any(c.isin(w, "condition") for w in c.low)


def _appear_evidential(c: _Ctx) -> bool:
    return c.next() in ("to", "that") or c.prev() in ("it", "would", "there")


def _that_clause(c: _Ctx) -> bool:
    return c.next() == "that"


def _assume_belief(c: _Ctx) -> bool:
    return not (c.isin(c.next(), "assume_object") or c.isin(c.next(2), "assume_object"))


def _not_noun(c: _Ctx) -> bool:
    tag = c.pos(c.i)
    if tag:
        return not tag.startswith("NN")
    return not c.isin(c.prev(), "determiner")


def _regard_as(c: _Ctx) -> bool:
    if c.prev() in ("with", "in"):
        return False
    if c.low[c.i] == "regarded":
        return True
    return "as" in c.low[c.j : c.j + 6]


def _view_doxastic(c: _Ctx) -> bool:
    word = c.low[c.i]
    if word == "viewed":
        return "as" in c.low[c.j : c.j + 6]
    if c.next() == "that":
        return True
    return c.prev(2) == "in" and c.isin(c.prev(), "view_possessive")


def _fear_that(c: _Ctx) -> bool:
    return c.next() in ("that", "to") or c.isin(c.prev(), "be_form")


def _possible_guard(c: _Ctx) -> bool:
    return not c.isin(c.prev(), "possible_blocker")


def _apparent_attributive(c: _Ctx) -> bool:
    prev = c.prev()
    if c.isin(prev, "heir") or c.isin(prev, "be_form") or c.isin(prev, "copular"):
        return False  # "heir apparent"; predicative "became apparent" states certainty
    nxt = c.next()
    return bool(nxt) and nxt[0].isalpha() and nxt not in ("that", "to", "and", "in", "from")


def _noun_claim(c: _Ctx) -> bool:
    # Context first: the tagger often reads headline "Iran rejects claims that" as two verbs.
    prev, prev_tag = c.prev(), c.pos(c.i - 1)
    if prev_tag.startswith(("VB", "DT", "PRP$", "JJ", "POS")) or c.isin(prev, "determiner"):
        return True  # "rejects claims", "these claims", "media claims", "Iran's claims"
    if c.isin(prev, "vague_modifier") or c.isin(prev, "be_form"):
        return True
    if c.isin(prev, "subject_pronoun"):
        return False  # "he claims"
    capital = c.i > 0 and c.tokens[c.i - 1].text[:1].isupper()
    if capital and (c.i > 1 or c.next() in ("that", "to") or prev_tag.startswith("NNP")):
        return False  # "Musk claims (that)", "... as Iran claims"
    tag = c.pos(c.i)
    return not tag.startswith("VB")


def _vague_reports(c: _Ctx) -> bool:
    return c.isin(c.prev(), "vague_modifier") and not c.pos(c.i).startswith("VB")


def _unknown_clausal(c: _Ctx) -> bool:
    return (
        c.isin(c.next(), "wh_word") or c.isin(c.prev(), "be_form") or c.prev().startswith("remain")
    )


def _if_conditional(c: _Ctx) -> bool:
    if c.prev() == "as" or (c.prev() == "only" and c.prev(2) == "and"):
        return False
    return not c.isin(c.next(), "if_blocker")


def _numeric_next(c: _Ctx) -> bool:
    nxt = c.next()
    if c.isin(nxt, "currency") or nxt == "a":
        nxt = c.next(2)
    return _is_number(nxt) or c.isin(nxt, "number_word")


def _predicative_clear(c: _Ctx) -> bool:
    if c.next() == "that":
        return True
    prev = c.prev_skipping("negator")
    if c.isin(prev, "be_form") or c.isin(prev, "copular"):
        return True
    return prev == "it" and c.isin(c.prev(2), "copular")


def _predicative_certain(c: _Ctx) -> bool:
    if c.next() in ("that", "to", "of", "whether"):
        return True
    prev = c.prev_skipping("negator")
    return c.isin(prev, "be_form") or c.isin(prev, "copular")


_RULES: dict[str, Callable[[_Ctx], bool]] = {
    "modal_may": _modal_may,
    "modal_might": _modal_might,
    "epistemic_could": _epistemic_could,
    "conditional_would": _conditional_would,
    "appear_evidential": _appear_evidential,
    "that_clause": _that_clause,
    "assume_belief": _assume_belief,
    "not_noun": _not_noun,
    "regard_as": _regard_as,
    "view_doxastic": _view_doxastic,
    "fear_that": _fear_that,
    "possible_guard": _possible_guard,
    "apparent_attributive": _apparent_attributive,
    "noun_claim": _noun_claim,
    "vague_reports": _vague_reports,
    "unknown_clausal": _unknown_clausal,
    "if_conditional": _if_conditional,
    "numeric_next": _numeric_next,
    "predicative_clear": _predicative_clear,
    "predicative_certain": _predicative_certain,
}


def _entries(lex: Lexicon, feature: str) -> list[_Entry]:
    out = []
    for e in lex:
        check = e.get("rule")
        if check and check not in _RULES:
            raise ValueError(
                f"Lexicon {lex.id} entry {e.term!r} names the unknown rule {check!r}; "
                f"the rules are {sorted(_RULES)}."
            )
        forms = [e.term, *(f for f in e.get("forms").split("|") if f)]
        for form in forms:
            out.append(
                _Entry(
                    term=e.term,
                    words=tuple(_norm(w) for w in form.split()),
                    feature=feature,
                    category=e.category,
                    check=check,
                    scope=e.get("scope", "all") or "all",
                    lexicon=lex.id,
                )
            )
    return out


@dataclass(frozen=True, slots=True)
class StanceMatcher:
    """The hedge and booster lexicons compiled into a first-word index.

    Build it with :func:`load_matcher`; call :meth:`match` on a document.
    """

    index: Mapping[str, tuple[_Entry, ...]]
    words: Mapping[str, frozenset[str]]
    versions: Mapping[str, str]

    def match(self, doc: Document, voice: VoiceMap, *, scheme: Scheme = "news") -> list[Span]:
        """Return the hedge and booster spans of ``doc``, in text order.

        Parameters
        ----------
        doc : Document
        voice : VoiceMap
            Quoted regions; a span inside one is in the ``"quoted"`` voice.
        scheme : {"news", "szeged"}
            ``"news"`` uses every entry; ``"szeged"`` only the entries whose ``scope`` is
            ``all``, i.e. cues that the Szeged uncertainty guidelines also annotate (no
            approximators, "according to", distancing "claims"/"reports").
        """
        out: list[Span] = []
        index = self.index
        for sent, toks, low in zip(
            doc.sentences, sentence_tokens(doc), norm_words(doc), strict=True
        ):
            i = floor = 0
            while i < len(toks):
                # most words start no entry: skipped without a call
                hit = self._best(toks, low, i, sent, scheme) if low[i] in index else None
                if hit is None:
                    i += 1
                    continue
                entry, first, j, rule, feature, category = hit
                first = max(first, floor)
                start, end = toks[first].start, toks[j - 1].end
                out.append(
                    Span(
                        start,
                        end,
                        doc.text[start:end],
                        feature,
                        category,
                        voice.voice(start, end),
                        rule,
                        attrs={"sentence": sent.index, "term": entry.term, "check": entry.check},
                    )
                )
                i = floor = j
        return out

    def _best(
        self, toks: Sequence[Token], low: Sequence[str], i: int, sent: Sentence, scheme: Scheme
    ) -> tuple[_Entry, int, int, str, str, str] | None:
        for entry in self.index.get(low[i], ()):  # longest first
            n = len(entry.words)
            if tuple(low[i : i + n]) != entry.words:
                continue
            if scheme == "szeged" and entry.scope != "all":
                continue
            ctx = _Ctx(toks, low, i, i + n, sent, self.words)
            if entry.check and not _RULES[entry.check](ctx):
                continue
            if n == 1 and ctx.isin(low[i], "attenuator") and self._booster_at(low, i + 1):
                return None  # "almost certainly": the booster rule takes both words
            if entry.feature == "booster":
                weakened = _weakened(ctx)
                if weakened is not None:  # the hedge covers the negator / attenuator too
                    first, name, category = weakened
                    return entry, first, i + n, f"rule:{name}", "hedge", category
            rule = f"lexicon:{entry.lexicon}:{entry.term}"
            return entry, i, i + n, rule, entry.feature, entry.category
        return None

    def _booster_at(self, low: Sequence[str], i: int) -> bool:
        if i >= len(low):
            return False
        return any(
            e.feature == "booster" and tuple(low[i : i + len(e.words)]) == e.words
            for e in self.index.get(low[i], ())
        )


def _weakened(c: _Ctx) -> tuple[int, str, str] | None:
    """A booster turned hedge: ``(first token, rule id, hedge category)`` or None."""
    k = 1
    while k <= 3 and c.isin(c.prev(k), "booster_skip"):
        k += 1
    if c.isin(c.prev(k), "negator"):
        return c.i - k, "negated_booster", "uncertainty_construction"
    if c.isin(c.prev(), "attenuator"):
        return c.i - 1, "attenuated_booster", "possibility"
    return None


@cache
def load_matcher(
    hedges: str = "hedges.en", boosters: str = "boosters.en", context: str = "hedge-context.en"
) -> StanceMatcher:
    """Compile the hedge, booster and context lexicons into a :class:`StanceMatcher`."""
    hlex, blex, clex = load_lexicon(hedges), load_lexicon(boosters), load_lexicon(context)
    index: dict[str, list[_Entry]] = {}
    for entry in [*_entries(hlex, "hedge"), *_entries(blex, "booster")]:
        index.setdefault(entry.words[0], []).append(entry)
    frozen = {k: tuple(sorted(v, key=lambda e: -len(e.words))) for k, v in index.items()}
    words = {cat: frozenset(_norm(e.term) for e in es) for cat, es in clex.by_category().items()}
    versions = {lex.name: lex.id for lex in (hlex, blex, clex)}
    return StanceMatcher(frozen, words, versions)


def find_stance_spans(
    doc: Document, voice: VoiceMap | None = None, *, scheme: Scheme = "news"
) -> list[Span]:
    """Return the ``hedge`` and ``booster`` spans of ``doc`` in one pass, in text order.

    Parameters
    ----------
    doc : Document
    voice : VoiceMap, optional
        Quoted regions (quotations and attributed contents); by default the document's
        quotations only.
    scheme : {"news", "szeged"}
        See :meth:`StanceMatcher.match`.

    Returns
    -------
    list of Span
    """
    vm = voice if voice is not None else VoiceMap.build(doc.quotes)
    spans = load_matcher().match(doc, vm, scheme=scheme)
    return sorted(spans, key=lambda s: (s.start, s.end))


def spans_to_frame(spans: Iterable[Span], *, article_id: str | None = None) -> pd.DataFrame:
    """Spans as a tidy DataFrame for notebooks, one row a span.

    Columns: ``article_id, start, end, text, feature, category, voice, rule, sentence``.

    Examples
    --------
    >>> from framing.types import Article
    >>> art = Article(id="a", outlet="X", text="He reportedly met Musk.")
    >>> spans_to_frame(HedgingFeatures().spans(art), article_id="a")[["text", "category"]]
             text     category
    0  reportedly  reportative
    """
    import pandas as pd

    cols = ["article_id", "start", "end", "text", "feature", "category", "voice", "rule"]
    rows = [
        [
            article_id,
            s.start,
            s.end,
            s.text,
            s.feature,
            s.category,
            s.voice,
            s.rule,
            s.attrs.get("sentence"),
        ]
        for s in spans
    ]
    return pd.DataFrame(rows, columns=[*cols, "sentence"])


def central_sentences(doc: Document) -> dict[str, int | None]:
    """Indexes of the sentences that carry the story's central claim.

    ``headline`` is the sentence with ``section == "headline"`` (present when the article's
    ``body_start > 0``) and ``lead`` the first body sentence; either may be None.
    """
    headline = next((s.index for s in doc.sentences if s.section == "headline"), None)
    lead = next((s.index for s in doc.sentences if s.section == "body"), None)
    return {"headline": headline, "lead": lead}


def stance_metrics(
    doc: Document, spans: Sequence[Span], *, prefix: str, categories: Sequence[str] = ()
) -> dict[str, float]:
    """Counts and rates of hedge or booster spans, overall, by category, voice and position.

    Adds to :func:`~framing.features.base.rate_metrics` (``{prefix}:count``,
    ``:per_100_words``, ``:per_sentence``, ``:sentence_share``, per category ``:count`` /
    ``:per_100_words``, per voice ``:count``):

    * ``{prefix}:{category}:per_sentence`` and ``{prefix}:voice:{voice}:per_100_words`` /
      ``:per_sentence`` / ``:sentence_share``;
    * ``{prefix}:{position}:count`` for ``headline``, ``lead`` and ``central`` (both), with
      ``{prefix}:{position}:{category}:count``, and ``{prefix}:central:sentence_share``
      (share of the central sentences with at least one span).
    """
    out = rate_metrics(doc, spans, prefix=prefix, categories=categories)
    words = max(word_count(doc), 1)
    n_sent = max(len(doc.sentences), 1)
    by_cat = Counter(s.category for s in spans)
    for cat in dict.fromkeys([*categories, *sorted(by_cat)]):
        out[f"{prefix}:{cat}:per_sentence"] = round(by_cat.get(cat, 0) / n_sent, 4)
    # the sentence of every span (Document.sentence_of), found once
    sent_of = sentences_of(doc, [s.start for s in spans])
    for v in ("narrator", "quoted"):
        mine = [s for s in spans if s.voice == v]
        out[f"{prefix}:voice:{v}:per_100_words"] = round(100.0 * len(mine) / words, 4)
        out[f"{prefix}:voice:{v}:per_sentence"] = round(len(mine) / n_sent, 4)
        with_span = {k for s, k in zip(spans, sent_of, strict=True) if s.voice == v}
        out[f"{prefix}:voice:{v}:sentence_share"] = round(len(with_span) / n_sent, 4)
    central = central_sentences(doc)
    where = {
        "headline": {central["headline"]} - {None},
        "lead": {central["lead"]} - {None},
        "central": {central["headline"], central["lead"]} - {None},
    }
    for position, idxs in where.items():
        mine = [s for s, k in zip(spans, sent_of, strict=True) if k in idxs]
        out[f"{prefix}:{position}:count"] = float(len(mine))
        cats = Counter(s.category for s in mine)
        for cat in dict.fromkeys([*categories, *sorted(cats)]):
            out[f"{prefix}:{position}:{cat}:count"] = float(cats.get(cat, 0))
    with_central = set(sent_of) & where["central"]
    out[f"{prefix}:central:sentence_share"] = round(
        len(with_central) / max(len(where["central"]), 1), 4
    )
    return out


_last_match: tuple[StanceMatcher, Document, VoiceMap, str, tuple[Span, ...]] | None = None


def _shared_match(
    matcher: StanceMatcher, doc: Document, voice: VoiceMap, scheme: Scheme
) -> tuple[Span, ...]:
    """``matcher.match(doc, voice, scheme=scheme)``, kept for the last call's arguments.

    :func:`framing.extract` runs the hedge and then the booster extractor on the same
    document and voice map; both take their spans from one pass. The arguments are compared
    by identity (documents and voice maps are immutable).
    """
    global _last_match
    last = _last_match
    if (
        last is not None
        and last[0] is matcher
        and last[1] is doc
        and last[2] is voice
        and last[3] == scheme
    ):
        return last[4]
    spans = tuple(matcher.match(doc, voice, scheme=scheme))
    _last_match = (matcher, doc, voice, scheme, spans)
    return spans


class _StanceExtractor(SpanExtractor):
    """Shared implementation of the hedge and booster extractors."""

    category_names: ClassVar[tuple[str, ...]] = ()

    def __init__(
        self,
        *,
        lexicon: str = "hedges.en",
        booster_lexicon: str = "boosters.en",
        scheme: Scheme = "news",
    ) -> None:
        self.lexicon = lexicon
        self.booster_lexicon = booster_lexicon
        self.scheme = scheme

    def _load(self) -> dict[str, Any]:
        if self.scheme not in _SCHEMES:
            raise ValueError(
                f"The 'scheme' parameter of {type(self).__name__} must be one of "
                f"{list(_SCHEMES)}; got {self.scheme!r} instead."
            )
        return {"matcher_": load_matcher(self.lexicon, self.booster_lexicon)}

    def categories(self) -> list[str]:
        """The categories this extractor can emit, in report order."""
        return list(self.category_names)

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        """Return this extractor's spans of ``doc`` (``voice`` decides narrator vs quoted).

        The hedge and booster extractors share one pass: the spans of the last document
        matched are kept (:func:`_shared_match`).
        """
        spans = _shared_match(self.matcher_, doc, voice, self.scheme)
        return [s for s in spans if s.feature == self.feature]

    def versions(self) -> dict[str, str]:
        """Versions of the lexicons used (``name -> name@version``)."""
        self._ensure_fitted()
        return dict(self.matcher_.versions)

    def metrics(self, doc: Document, spans: Sequence[Span]) -> dict[str, float]:
        """Counts and rates, by category, voice and position (see :func:`stance_metrics`)."""
        return stance_metrics(doc, spans, prefix=self.prefix, categories=self.categories())


class HedgingFeatures(_StanceExtractor):
    """Hedges: cues that weaken the commitment to what is said.

    Emits ``hedge`` spans; output columns are ``hedge:<category>`` (per 100 words).

    Parameters
    ----------
    lexicon : str
        Hedge lexicon name (``"hedges.en"`` or ``"hedges.en@1"``).
    booster_lexicon : str
        Booster lexicon; negated boosters ("not clearly") become hedges.
    scheme : {"news", "szeged"}
        ``"news"`` (default) uses every entry; ``"szeged"`` only cues that the Szeged
        uncertainty guidelines annotate (used to score on WikiWeasel).

    Examples
    --------
    >>> from framing.types import Article
    >>> art = Article(id="a", outlet="X", text="It was not clear if Musk may have met him.")
    >>> [(s.text, s.category) for s in HedgingFeatures().spans(art)]
    [('not clear if', 'uncertainty_construction'), ('may', 'epistemic_modal')]
    """

    feature: ClassVar[str] = "hedge"
    prefix: ClassVar[str] = "hedge"
    category_names: ClassVar[tuple[str, ...]] = HEDGE_CATEGORIES


class BoosterFeatures(_StanceExtractor):
    """Boosters: certainty markers that strengthen the commitment ("firmly", "clearly").

    Emits ``booster`` spans; output columns are ``booster:<category>`` (per 100 words).
    Parameters as for :class:`HedgingFeatures`.

    Examples
    --------
    >>> from framing.types import Article
    >>> art = Article(id="a", outlet="X", text="Baghaei firmly rejected the reports.")
    >>> [(s.text, s.category) for s in BoosterFeatures().spans(art)]
    [('firmly', 'emphatic_adverb')]
    """

    feature: ClassVar[str] = "booster"
    prefix: ClassVar[str] = "booster"
    category_names: ClassVar[tuple[str, ...]] = BOOSTER_CATEGORIES
