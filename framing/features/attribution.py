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
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType
from typing import Any, ClassVar

from framing.features.attribution_model import (
    cue_lexicon_maps,
    load_cue_tagger,
    sentence_features,
)
from framing.features.base import SpanExtractor, as_document
from framing.lexicons import Lexicon, LexiconEntry, load_lexicon
from framing.text import VoiceMap
from framing.types import Article, Attribution, Document, Span, TextRef

__all__ = [
    "AttributionFeatures",
    "AttributionSummary",
    "SourceSummary",
]

SOURCE_TYPES = ("person", "organisation", "media", "anonymous", "vague", "document", "pronoun")
STANCES = ("neutral", "assertive", "distancing", "denial", "confirming", "speculative", "emotive")
QUOTES = ("direct", "indirect", "mixed", "none")


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """One source of an article, with everything attributed to it.

    Parameters
    ----------
    name : str
        The source as first named (pronouns and descriptions count for what they refer to).
    source_type : str
        Type of the source (see :class:`~framing.types.Attribution`).
    affiliation : str or None
        Affiliation stated in the text.
    attributions : int
        Number of attributions to this source.
    words : int
        Words of content attributed to this source.
    direct, indirect, mixed : int
        Attributions by quote type.
    stances : tuple of (str, int)
        Cue stances used for this source, most frequent first.
    """

    name: str
    source_type: str
    affiliation: str | None
    attributions: int
    words: int
    direct: int
    indirect: int
    mixed: int
    stances: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class AttributionSummary:
    """Per-article summary of sourcing.

    Parameters
    ----------
    article_id : str
    sources : tuple of SourceSummary
        Sources in order of first appearance.
    n_attributions : int
        Attributions with a source (relayed sources of chains included).
    unattributed : int
        Contents with no source (quotations that no cue claims).
    anonymous_share, vague_share, named_share : float
        Shares of attributions whose source is anonymous, vague, or named (person,
        organisation, media outlet); 0.0 when there is none.
    direct, indirect, mixed : int
        Attributions by quote type.
    quoted_words : int
        Words inside attributed contents and quotations.
    stances : tuple of (str, int)
        Cue stances over the article, most frequent first.
    """

    article_id: str
    sources: tuple[SourceSummary, ...]
    n_attributions: int
    unattributed: int
    anonymous_share: float
    vague_share: float
    named_share: float
    direct: int
    indirect: int
    mixed: int
    quoted_words: int
    stances: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        out = {k: getattr(self, k) for k in self.__slots__}
        out["sources"] = [{k: getattr(s, k) for k in s.__slots__} for s in self.sources]
        out["stances"] = dict(self.stances)
        for s in out["sources"]:
            s["stances"] = dict(s["stances"])
        return out


def _words(text: str) -> int:
    return sum(1 for w in text.split() if any(c.isalnum() for c in w))


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
    cue_threshold : float
        Minimum probability that a token is part of a cue (learned tagger only).
    lexicon_cue_threshold : float
        The same for tokens that the ``reporting_verbs.en`` lexicon knows (lower, since
        the lexicon is evidence too; 0.25 was chosen on PolNeAR dev).

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
        cue_threshold: float = 0.5,
        lexicon_cue_threshold: float = 0.25,
    ) -> None:
        self.min_quote_words = min_quote_words
        self.use_model = use_model
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
        if self.use_model:
            model = (
                load_cue_tagger(),
                cue_lexicon_maps(lex.verbs, lex.sources),
                (self.cue_threshold, self.lexicon_cue_threshold),
            )
        return {"lexicons_": lex, "model_": model}

    def categories(self) -> list[str]:
        """Span categories: ``source:<type>``, ``cue:<stance>``, ``content:<quote type>``."""
        return (
            [f"source:{t}" for t in SOURCE_TYPES]
            + [f"cue:{s}" for s in STANCES]
            + [f"content:{q}" for q in QUOTES]
        )

    def versions(self) -> dict[str, str]:
        """Versions of the lexicons used."""
        self._ensure_fitted()
        lex: _Lexicons = self.lexicons_
        return {lx.name: lx.id for lx in lex.all()}

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
        return _Engine(
            doc, self.lexicons_, min_quote_words=self.min_quote_words, model=self.model_
        ).run()

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        """Spans for the parts of every relation: source, cue and content."""
        spans: list[Span] = []
        seen: set[tuple[int, int, str]] = set()
        for i, a in enumerate(self.attributions(doc)):
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
            unattributed=sum(1 for a in attrs if a.source is None),
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
@dataclass(frozen=True, slots=True)
class _Lexicons:
    """The lexicons of the feature, indexed for lookup by lower-cased token."""

    verbs: Lexicon
    sources: Lexicon
    outlets: Lexicon
    verb_forms: Mapping[str, LexiconEntry]
    phrases: Mapping[tuple[str, ...], LexiconEntry]
    words: Mapping[str, frozenset[str]]
    outlet_names: Mapping[tuple[str, ...], str]
    max_outlet_len: int

    def all(self) -> tuple[Lexicon, ...]:
        return (self.verbs, self.sources, self.outlets)

    def is_(self, word: str, category: str) -> bool:
        return word.lower() in self.words.get(category, frozenset())


@cache
def _load_lexicons() -> _Lexicons:
    """Load and index ``reporting_verbs.en``, ``sources.en`` and ``outlets.en``."""
    verbs = load_lexicon("reporting_verbs.en")
    sources = load_lexicon("sources.en")
    outlets = load_lexicon("outlets.en")
    forms: dict[str, LexiconEntry] = {}
    phrases: dict[tuple[str, ...], LexiconEntry] = {}
    for e in verbs:
        kind = e.get("kind")
        if kind in ("speech", "cognition"):
            for f in e.get("forms").split("|"):
                forms.setdefault(f.strip().lower(), e)
        else:
            phrases[tuple(e.term.lower().split())] = e
    words: dict[str, set[str]] = {}
    for e in sources:
        words.setdefault(e.category, set()).add(e.term.lower())
    names = {tuple(e.term.lower().split()): e.get("canonical") or e.term for e in outlets}
    return _Lexicons(
        verbs,
        sources,
        outlets,
        MappingProxyType(forms),
        MappingProxyType(phrases),
        MappingProxyType({k: frozenset(v) for k, v in words.items()}),
        MappingProxyType(names),
        max(len(k) for k in names),
    )


# --- the rule engine ---------------------------------------------------------------------
_NP_TAGS = frozenset(
    {"NN", "NNS", "NNP", "NNPS", "PRP", "DT", "JJ", "JJR", "JJS", "CD", "POS", "PRP$", "HYPH"}
)
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD"})
_OPEN_Q = frozenset("“\"‘'")
_CLOSE_Q = frozenset("”\"’'")
_CLAUSE_START = frozenset({"that", "how", "whether", "why", "what", "if", "when", "who"})
_TELL_LEMMAS = frozenset({"tell", "inform", "assure", "warn", "brief", "urge", "ask", "thank"})
_PERSONAL = frozenset({"he", "she"})
_DASHES = frozenset({"—", "―", "--"})
_CONNECT = frozenset({"of", "for", "to", "at"})


@dataclass(slots=True)
class _Rel:
    """A relation under construction (token indexes for the source, chars for the rest)."""

    src: tuple[int, int] | None  # token range [a, b)
    cue: tuple[int, int] | None  # char range
    content: tuple[int, int] | None  # char range
    stance: str
    rule: str
    attrs: dict[str, Any]
    via: int | None = None
    source_type: str = "none"
    affiliation: str | None = None
    resolved: tuple[int, int] | None = None  # char range
    appos: tuple[int, int] | None = None  # token range of an apposition / relative clause


class _Engine:
    """Rule-based extraction over one document (one use per document)."""

    def __init__(
        self, doc: Document, lex: _Lexicons, *, min_quote_words: int, model: Any = None
    ) -> None:
        self.doc = doc
        self.text = doc.text
        self.lex = lex
        self.toks = doc.tokens
        self.tagged = any(t.pos for t in self.toks)
        self.min_quote_words = min_quote_words
        n = len(self.toks)
        # sentence token bounds
        self.sent_lo = [0] * n
        self.sent_hi = [0] * n
        i = 0
        while i < n:
            j = i
            while j < n and self.toks[j].sentence == self.toks[i].sentence:
                j += 1
            for k in range(i, j):
                self.sent_lo[k], self.sent_hi[k] = i, j
            i = j
        # quotation containing each token (index into doc.quotes) or -1
        self.in_quote = [-1] * n
        qi = 0
        quotes = doc.quotes
        for k, t in enumerate(self.toks):
            while qi < len(quotes) and quotes[qi].end <= t.start:
                qi += 1
            if qi < len(quotes) and quotes[qi].start < t.start and t.end < quotes[qi].end:
                self.in_quote[k] = qi
        self.rels: list[_Rel] = []
        self.taken: set[int] = set()
        self.apposition: tuple[int, int] | None = None
        self.model_cues = self._model_cues(model) if model is not None else None

    def _model_cues(self, model: Any) -> dict[int, int]:
        """Cue spans found by the learned tagger: first token -> end token (exclusive)."""
        tagger, maps, threshold = model
        out: dict[int, int] = {}
        for si in range(len(self.doc.sentences)):
            toks = self.doc.tokens_of(si)
            if not toks:
                continue
            base = bisect_left(self.toks, toks[0].start, key=_tok_start)
            inq = [self.in_quote[base + k] >= 0 for k in range(len(toks))]
            labels = tagger.tag(
                sentence_features(toks, inq, maps),
                threshold=threshold[0],
                lexicon_threshold=threshold[1],
            )
            k = 0
            while k < len(toks):
                if labels[k][0] == "O":
                    k += 1
                    continue
                j = k + 1
                while j < len(toks) and labels[j][0] == "I-CUE":
                    j += 1
                out[base + k] = base + j
                k = j
        return out

    # -- token helpers ----------------------------------------------------------------
    def low(self, k: int) -> str:
        return self.toks[k].text.lower()

    def is_punct(self, k: int) -> bool:
        return not any(c.isalnum() for c in self.toks[k].text)

    def is_cap(self, k: int) -> bool:
        w = self.toks[k].text
        return w[:1].isupper()

    def np_ish(self, k: int) -> bool:
        t = self.toks[k]
        low = t.text.lower()
        if low in ("’s", "'s") or k in self.taken:
            return low in ("’s", "'s")
        if low in _CLAUSE_START or low in ("which", "whom") or self.is_punct(k):
            return False
        nominal = any(
            self.lex.is_(low, c)
            for c in ("anonymous_head", "vague_head", "document_head", "role", "organisation_head")
        )
        if low in self.lex.verb_forms or self.lex.is_(low, "auxiliary"):
            if self.tagged:
                return t.pos in _NP_TAGS and low not in ("said", "says")
            return nominal and k > 0 and self.np_ish_plain(k - 1)
        if self.tagged:
            return t.pos in _NP_TAGS or (t.text[:1].isupper() and t.pos.startswith("NN"))
        return self.np_ish_plain(k) or nominal

    def np_ish_plain(self, k: int) -> bool:
        """Without POS tags: capitalised words and the source lexicon's words."""
        low = self.low(k)
        if self.is_punct(k) or low in self.lex.verb_forms or self.lex.is_(low, "auxiliary"):
            return False
        return self.is_cap(k) or any(
            self.lex.is_(low, c)
            for c in (
                "anonymous_head",
                "vague_head",
                "document_head",
                "role",
                "organisation_head",
                "determiner",
                "affiliation",
                "anonymity_marker",
                "pronoun",
                "state",
            )
        )

    def is_noun(self, k: int) -> bool:
        t = self.toks[k]
        if self.tagged:
            return t.pos in _NOUN_TAGS or t.text[:1].isupper()
        return not self.lex.is_(t.text, "determiner")

    def skip_adverbs_left(self, k: int, lo: int, manner: list[int]) -> int:
        """Index of the first token left of ``k`` that is not an adverb or auxiliary."""
        while k >= lo:
            low = self.low(k)
            e = self.lex.phrases.get((low,))
            if e is not None and e.get("kind") in ("manner", "adverb"):
                manner.append(k)
            elif self.toks[k].text in ("“", "‘") or (
                self.toks[k].text == '"' and self.quote_starting_at(k) is not None
            ):
                pass  # a mixed quote opens right before the cue
            elif not (
                self.lex.is_(low, "auxiliary")
                or (self.tagged and self.toks[k].pos in ("RB", "MD", "RBR"))
                or (not self.tagged and low.endswith("ly") and len(low) > 4)
            ):
                break
            k -= 1
        return k

    def np_left(self, end: int, lo: int) -> tuple[int, int] | None:
        """Noun phrase ending right before token ``end`` (appositions and relatives skipped)."""
        self.apposition = None
        k = end - 1
        for _ in range(2):  # up to two appositions: "Scott Pruitt, the ..., one of ..., said"
            if not (k >= lo and self.toks[k].text in (",", "--", "—", "–")):
                break
            delim = self.toks[k].text
            m = k - 1
            while m >= lo and self.toks[m].text != delim:
                m -= 1
            if not (lo < m < k - 1 and self._skippable(m + 1, k)):
                break
            if self.low(m + 1) not in ("citing", "quoting"):
                self.apposition = (m + 1, k)
            k = m - 1
            end = m
        if k < lo:
            return None
        if self.low(k) in _PERSONAL or self.low(k) in ("it", "they", "we", "i", "who", "which"):
            return (k, k + 1)
        start = k + 1
        while k >= lo and (end - k) <= 16:
            if self.toks[k].text == ")":
                m = k - 1
                while m >= lo and k - m < 8 and self.toks[m].text != "(":
                    m -= 1
                if m >= lo and self.toks[m].text == "(" and m - 1 >= lo and self.np_ish(m - 1):
                    k = m - 1  # "Rep. Gwen Moore (D-Wis.)"
                    continue
                break
            if self.np_ish(k):
                start = k
                k -= 1
                continue
            if self.low(k) in _CONNECT and k - 1 >= lo and self.np_ish(k - 1) and start == k + 1:
                k -= 1
                continue
            break
        if start > end - 1:
            return None
        while start < end and (
            self.low(start) in _CONNECT or self.toks[start].text in ("’s", "'s")
        ):
            start += 1
        if start >= end or not any(self.is_noun(x) for x in range(start, end)):
            return None
        return (start, end) if self.toks[end - 1].text != "," else (start, end - 1)

    def _skippable(self, a: int, b: int) -> bool:
        """Whether tokens ``[a, b)`` between commas are an apposition or relative clause."""
        first = self.low(a)
        if first in ("who", "which", "citing", "quoting"):
            return True
        if not self.tagged:
            return first in self.lex.words.get("determiner", ())
        if self.toks[a].pos in ("VBG", "VBN"):
            return b - a <= 12
        if self.toks[a].pos == "DT" and any(self.low(x) in ("who", "which") for x in range(a, b)):
            return b - a <= 16  # "Erin Murphy, a former aide who accompanied her, said"
        finite = any(self.toks[x].pos in ("VBD", "VBZ", "VBP", "MD") for x in range(a, b))
        return not finite and b - a <= 12 and self.toks[a].pos not in ("IN", "CC", "RB")

    def np_right(self, start: int, hi: int) -> tuple[int, int] | None:
        """Noun phrase starting at token ``start``."""
        if start >= hi:
            return None
        if self.low(start) in _PERSONAL or self.low(start) in ("it", "they", "we"):
            return (start, start + 1)
        k = start
        seen_noun = False
        while k < hi and k - start < 10:
            low = self.low(k)
            rel_word = self.lex.phrases.get((low,))
            if rel_word is not None and rel_word.get("kind") == "relay":
                break
            if self.np_ish(k) and not (
                seen_noun and self.lex.is_(low, "determiner") and low not in ("’s", "'s")
            ):
                seen_noun = seen_noun or (self.is_noun(k) and not self.lex.is_(low, "determiner"))
                k += 1
                continue
            if low in ("of", "for") and seen_noun and k + 1 < hi and self.np_ish(k + 1):
                k += 1
                continue
            break
        while k > start and self.low(k - 1) in _CONNECT:
            k -= 1
        if k == start or not seen_noun:
            return None
        return (start, k)

    def sentence_end_char(self, k: int) -> int:
        """Char end of the sentence of token ``k`` without its final punctuation."""
        hi = self.sent_hi[k]
        j = hi - 1
        while j > k and self.toks[j].text in (".", "!", "?", ";"):
            j -= 1
        return self.toks[j].end

    def quote_starting_at(self, k: int) -> TextRef | None:
        """The quotation whose opening mark is token ``k``."""
        t = self.toks[k]
        for q in self.doc.quotes:
            if q.start == t.start:
                return q
            if q.start > t.start:
                break
        return None

    def quote_ending_at(self, k: int) -> TextRef | None:
        """The quotation whose closing mark is token ``k``."""
        t = self.toks[k]
        for q in self.doc.quotes:
            if q.end == t.end:
                return q
            if q.start > t.end:
                break
        return None

    # -- content ----------------------------------------------------------------------
    def content_after(self, k: int, lemma: str) -> tuple[int, int] | None:
        """Content that starts at or after token ``k`` (after the cue)."""
        hi = self.sent_hi[k - 1] if k > 0 else 0
        if k >= hi:
            return self.content_next_paragraph(k - 1)
        if lemma in _TELL_LEMMAS:
            obj = self.np_right(k, hi)
            if obj is not None:
                k = obj[1]
        # skip punctuation and short prepositional phrases before a clause marker
        start = k
        for j in range(k, min(hi, k + 9)):
            low = self.low(j)
            if low in _CLAUSE_START or (
                self.toks[j].text[:1] in _OPEN_Q
                and (j == k or self.toks[j - 1].text in (",", ":", "—"))
            ):
                start = j
                break
            if low in self.lex.verb_forms or (self.tagged and self.toks[j].pos.startswith("VB")):
                break
        while start < hi and self.toks[start].text in (",", ":", "—", "–", "-"):
            start += 1
        if start >= hi:
            return self.content_next_paragraph(k - 1)
        first = self.toks[start]
        if first.text in (".", "!", "?", ";"):
            return None
        if first.text[:1] in _OPEN_Q:
            q = self.quote_starting_at(start)
            if q is not None:
                end = q.end
                rest = [j for j in range(start, hi) if self.toks[j].start >= q.end]
                if any(not self.is_punct(j) for j in rest):
                    end = max(end, self.sentence_end_char(start))
                return (q.start, end)
        end = self.sentence_end_char(start)
        # a quotation that runs past the sentence end keeps the content open
        for q in self.doc.quotes:
            if q.start < end < q.end and q.start >= first.start:
                end = q.end
                break
        return (first.start, end) if end > first.start else None

    def content_next_paragraph(self, k: int) -> tuple[int, int] | None:
        """ "X continued:" followed by a quotation in the next paragraph."""
        if self.toks[k].text != ":" and not (
            k + 1 < len(self.toks) and self.toks[k + 1].text == ":"
        ):
            return None
        nxt = self.sent_hi[k]
        if nxt < len(self.toks):
            q = self.quote_starting_at(nxt)
            if q is not None:
                return (q.start, q.end)
        return None

    def content_before(self, k: int) -> tuple[int, int] | None:
        """Content that ends before token ``k`` (source and cue after the content)."""
        lo = self.sent_lo[k]
        j = k - 1
        while j >= lo and self.toks[j].text in (",", "—", "–"):
            j -= 1
        if j < lo:
            return None
        q = self.quote_ending_at(j)
        if q is None and j - 1 >= lo and self.toks[j].text in (",",):
            q = self.quote_ending_at(j - 1)
        if q is not None:
            return (q.start, q.end)
        # the content is the clause from the sentence start
        s = self.toks[lo].start
        e = self.toks[j].end
        return (s, e) if e > s else None

    # -- relations --------------------------------------------------------------------
    def verb_relation(
        self, i: int, entry: LexiconEntry | None, *, end: int | None = None, force: bool = False
    ) -> _Rel | None:
        """Relation around the cue tokens ``[i, end)``; ``force`` keeps partial relations."""
        lo, hi = self.sent_lo[i], self.sent_hi[i]
        end = i + 1 if end is None else end
        manner: list[int] = []
        left = self.skip_adverbs_left(i - 1, lo, manner)
        right = end
        while right < hi:
            e = self.lex.phrases.get((self.low(right),))
            if e is None or e.get("kind") != "manner":
                break
            manner.append(right)
            right += 1
        for k in range(i, end):
            e = self.lex.phrases.get((self.low(k),))
            if e is not None and e.get("kind") == "manner":
                manner.append(k)
        lemma = entry.term if entry is not None else self.low(i)
        stance = entry.category if entry is not None else "neutral"
        for m in manner:
            e = self.lex.phrases[(self.low(m),)]
            if e.category == "emotive" and stance == "neutral":
                stance = "emotive"
        attrs: dict[str, Any] = {"lemma": lemma}
        if manner:
            attrs["manner"] = [self.toks[m].text for m in sorted(manner)]
        cue = (self.toks[i].start, self.toks[end - 1].end)
        rule = (
            f"lexicon:{self.lex.verbs.id}:{lemma}"
            if entry is not None
            else "model:attribution-polnear@1"
        )
        if self.toks[end - 1].pos == "VBN" and right + 1 < hi and self.low(right) == "by":
            # passive: "The issue was first reported by The Washington Post"
            agent = self.np_right(right + 1, hi)
            subject = self.np_left(left + 1, lo)
            if agent is not None and subject is not None:
                span = (self.toks[subject[0]].start, self.toks[subject[1] - 1].end)
                return _Rel(agent, cue, span, stance, f"rule:passive:{lemma}", attrs)
        participle = self.toks[i].pos == "VBG" or self.low(i).endswith("ing")
        if (
            left >= lo
            and (self.toks[left].text in (",",) or self.toks[left].text[:1] in _CLOSE_Q)
            and not participle
            and lemma not in _TELL_LEMMAS
        ):
            # "“...,” said Caddell" / "..., said the spokesman"
            src = self.np_right(right, hi)
            content = self.content_before(left + 1)
            if (
                src is not None
                and content is not None
                and (src[1] >= hi or self.toks[src[1]].text in (".", ",", ";", ":", "!", "?"))
            ):
                return _Rel(src, cue, content, stance, f"rule:inverted:{lemma}", attrs)
        src = self.np_left(left + 1, lo)
        if (
            src is None
            and left >= lo
            and (
                (self.toks[left].text == "," and participle)
                or self.low(left) in ("and", "but", "then")  # "X said A and added B"
            )
        ):
            src = self._clause_subject(i)
        if src is None and not force:
            return None
        appos = self.apposition if src is not None else None
        content = self.content_after(right, lemma) if right < hi or end - i else None
        if content is None and src is not None:
            content = self.content_before(src[0])
            if content is not None and content[1] > self.toks[src[0]].start:
                content = None
        if content is None and not force:
            return None
        if (
            not force
            and self.tagged
            and self.toks[i].pos not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")
        ):
            return None
        if src is None and content is None:
            return None
        rel = _Rel(src, cue, content, stance, rule, attrs)
        rel.appos = appos
        return rel

    def dash_relation(self, i: int) -> _Rel | None:
        """``content — Name (@handle) date``: embedded posts and epigraphs."""
        hi = len(self.toks)
        if i + 1 >= hi or (self.toks[i + 1].sentence != self.toks[i].sentence and False):
            return None
        k = i + 1
        while (
            k < hi
            and k - i <= 4
            and self.is_cap(k)
            and "\n" not in self.text[self.toks[i].end : self.toks[k].start]
        ):
            k += 1
        if k == i + 1:
            return None
        after = self.toks[k].text if k < hi else "\n"
        gap = self.text[self.toks[k - 1].end : self.toks[k].start] if k < hi else "\n"
        if after != "(" and "\n" not in gap:
            return None
        line_start = self.text.rfind("\n", 0, self.toks[i].start) + 1
        content_end = self.toks[i].start
        while content_end > line_start and self.text[content_end - 1].isspace():
            content_end -= 1
        if content_end <= line_start:
            return None
        src = (i + 1, k)
        if after == "(" and k + 2 < hi and self.toks[k + 1].text.startswith("@"):
            j = k + 1
            while j < hi and self.toks[j].text != ")" and j - k < 5:
                j += 1
            if j < hi and self.toks[j].text == ")":
                src = (i + 1, j + 1)
        cue = (self.toks[i].start, self.toks[i].end)
        return _Rel(src, cue, (line_start, content_end), "neutral", "rule:dash", {"lemma": "—"})

    def _clause_subject(self, i: int) -> tuple[int, int] | None:
        """Subject of the sentence for a participle cue ("Trump spoke ..., promising to")."""
        lo = self.sent_lo[i]
        for r in reversed(self.rels):
            if r.src is not None and lo <= r.src[0] < i:
                return r.src
        np = self.np_right(lo, i)
        if np is not None and np[1] < i and self.toks[np[1]].pos.startswith(("VB", "MD")):
            return np
        return None

    def speaker_colon_relation(self, i: int) -> _Rel | None:
        """``Pence: Gennifer Flowers won't be at debate`` (headlines) and ``"WALLACE: ...``."""
        line_start = self.text.rfind("\n", 0, self.toks[i].start) + 1
        k = i - 1
        while k >= 0 and self.toks[k].start >= line_start:
            k -= 1
        first = k + 1
        if first < i and self.toks[first].text in _OPEN_Q:
            first += 1
        if not (1 <= i - first <= 4) or not all(self.is_cap(x) for x in range(first, i)):
            return None
        line_end = self.text.find("\n", self.toks[i].end)
        line_end = len(self.text) if line_end == -1 else line_end
        start = self.toks[i].end
        while start < line_end and self.text[start].isspace():
            start += 1
        end = line_end
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end <= start:
            return None
        cue = (self.toks[i].start, self.toks[i].end)
        return _Rel((first, i), cue, (start, end), "neutral", "rule:speaker_colon", {"lemma": ":"})

    def colon_relation(self, i: int) -> _Rel | None:
        """``Name: content`` (headlines, transcripts)."""
        lo = self.sent_lo[i]
        src = self.np_left(i, lo)
        content = self.content_after(i + 1, ":")
        if content is None:
            content = self.content_next_paragraph(i)
        if src is None and content is None:
            return None
        return _Rel(
            src,
            (self.toks[i].start, self.toks[i].end),
            content,
            "neutral",
            "model:attribution-polnear@1",
            {"lemma": ":"},
        )

    def according_relation(self, i: int, entry: LexiconEntry) -> _Rel | None:
        lo, hi = self.sent_lo[i], self.sent_hi[i]
        n_words = len(entry.term.split())
        src = self.np_right(i + n_words, hi)
        if src is None:
            return None
        cue = (self.toks[i].start, self.toks[i + n_words - 1].end)
        rule = f"lexicon:{self.lex.verbs.id}:{entry.term}"
        attrs: dict[str, Any] = {"lemma": entry.term}
        before = i - 1
        if before >= lo and self.toks[before].text == ",":
            content = self.content_before(i)
        elif before < lo or (self.is_cap(i) and before == lo - 1):
            j = src[1]
            while j < hi and self.toks[j].text != ",":
                j += 1
            content = (
                (self.toks[j + 1].start, self.sentence_end_char(j + 1)) if j + 1 < hi else None
            )
        else:
            j = src[1]
            content = (
                (self.toks[j].start, self.sentence_end_char(j))
                if j < hi
                else self.content_before(i)
            )
        if content is None:
            return None
        return _Rel(src, cue, content, entry.category, rule, attrs)

    def relay(self, rel_index: int, k: int, entry: LexiconEntry) -> _Rel | None:
        """``citing X`` / ``quoting X`` after the source of relation ``rel_index``."""
        hi = self.sent_hi[k]
        src = self.np_right(k + 1, hi)
        if src is None:
            return None
        main = self.rels[rel_index]
        cue = (self.toks[k].start, self.toks[k].end)
        rule = f"lexicon:{self.lex.verbs.id}:{entry.term}"
        return _Rel(
            src,
            cue,
            main.content,
            "neutral",
            rule,
            {"lemma": entry.term, "relay": True},
            via=rel_index,
        )

    def run(self) -> list[Attribution]:
        """Find the relations of the document and return them in text order."""
        n = len(self.toks)
        channel: tuple[int, str] | None = None  # (sentence, text) of "in comments to X"
        i = 0
        while i < n:
            if i in self.taken:
                i += 1
                continue
            low = self.low(i)
            phrase, size = None, 1
            for size in (4, 3, 2, 1):
                key = tuple(self.low(j) for j in range(i, min(n, i + size)))
                if len(key) == size and key in self.lex.phrases:
                    phrase = self.lex.phrases[key]
                    break
            kind = phrase.get("kind") if phrase is not None else ""
            rel = None
            if kind == "prep" and self.in_quote[i] < 0:
                rel = self.according_relation(i, phrase)
            elif kind == "channel":
                obj = self.np_right(i + size, self.sent_hi[i])
                if obj is not None:
                    channel = (
                        self.toks[i].sentence,
                        self.text[self.toks[obj[0]].start : self.toks[obj[1] - 1].end],
                    )
                    self.taken.update(range(i, obj[1]))
                i += size
                continue
            elif kind in ("relay", "adverb", "manner") and (
                self.model_cues is None or i not in self.model_cues or kind != "manner"
            ):
                if self.model_cues is not None and i in self.model_cues:
                    # "reportedly “expressed surprise”": the verb after the adverb is the cue
                    k = next(
                        (
                            k
                            for k in range(i + 1, min(n, i + 3))
                            if self.low(k) in self.lex.verb_forms
                        ),
                        None,
                    )
                    if k is not None:
                        self.model_cues.setdefault(k, k + 1)
                i += 1
                continue
            elif (layout := self._layout_relation(i)) is not None:
                rel = layout
            elif self.model_cues is not None and i in self.model_cues:
                j = self.model_cues[i]
                if self.toks[i].text == ":":
                    rel = self.colon_relation(i)
                else:
                    entry, j = self._span_entry(i, j)
                    rel = self.verb_relation(i, entry, end=j, force=True)
                size = j - i
            elif (
                self.model_cues is None
                and low in self.lex.verb_forms
                and (self.in_quote[i] < 0 or self._mixed_cue(i))
                and not self._noun_use(i)
            ):
                rel = self.verb_relation(i, self.lex.verb_forms[low])
            if rel is not None:
                if channel is not None and channel[0] == self.toks[i].sentence:
                    rel.attrs["channel"] = channel[1]
                self.rels.append(rel)
                if rel.src is not None:
                    self.taken.update(range(*rel.src))
                self.taken.update(range(i, i + size))
                self._add_relays(len(self.rels) - 1)
            i += 1
        self._quotes_without_cue()
        return self._finish()

    def _layout_relation(self, i: int) -> _Rel | None:
        """Relations marked by layout: dash attributions and ``Speaker:`` lines."""
        t = self.toks[i].text
        if t in _DASHES and self.in_quote[i] < 0:
            return self.dash_relation(i)
        if t == ":":
            return self.speaker_colon_relation(i)
        return None

    def _span_entry(self, i: int, j: int) -> tuple[LexiconEntry | None, int]:
        """The lexicon verb inside a learned cue span, and the span cut after its particles."""
        for k in range(i, j):
            entry = self.lex.verb_forms.get(self.low(k))
            if entry is None or (self.tagged and not self.toks[k].pos.startswith("VB")):
                continue
            end = k + 1
            while end < j and (
                self.toks[end].pos in ("RP", "IN", "TO", "RB")
                or self.lex.phrases.get((self.low(end),)) is not None
            ):
                end += 1
            return entry, end
        return None, j

    def _mixed_cue(self, i: int) -> bool:
        """A cue verb that opens a short quotation: ``reportedly “expressed surprise” at``."""
        q = self.doc.quotes[self.in_quote[i]]
        return q.start == self.toks[i].start - 1 and _words(q.text) <= 5

    def _noun_use(self, i: int) -> bool:
        t = self.toks[i]
        if self.tagged:
            return not t.pos.startswith("VB")
        if i == 0:
            return False
        prev = self.low(i - 1)
        return (
            self.lex.is_(prev, "determiner")
            or prev in ("of", "to")
            or any(self.lex.is_(prev, c) for c in ("vague_head", "document_head", "affiliation"))
        )

    def _add_relays(self, r: int) -> None:
        """``X, citing Y,`` / ``according to X quoting Y``: Y is relayed through X."""
        rel = self.rels[r]
        if rel.src is None:
            return
        hi = self.sent_hi[rel.src[0]]
        k = rel.src[1]
        if k < hi and self.toks[k].text == ",":
            k += 1
        if k >= hi:
            return
        e = self.lex.phrases.get((self.low(k),))
        if e is None or e.get("kind") != "relay":
            return
        child = self.relay(r, k, e)
        if child is not None:
            self.rels.append(child)
            self.taken.update(range(*child.src))  # type: ignore[arg-type]
            self.taken.add(k)

    def _quotes_without_cue(self) -> None:
        covered = VoiceMap.build((), [r.content for r in self.rels])
        last_direct: _Rel | None = None
        for q in self.doc.quotes:
            if covered.voice(q.start, q.end) == "quoted":
                for r in self.rels:
                    if r.content and r.content[0] <= q.start and q.end <= r.content[1]:
                        last_direct = r
                continue
            k = self._token_at(q.start)
            prev = last_direct
            if (
                prev is not None
                and prev.content is not None
                and k is not None
                and self.toks[self.sent_lo[k]].start == q.start
                and "\n" not in self.text[prev.content[1] : q.start]
            ):
                rel = _Rel(
                    prev.src,
                    prev.cue,
                    (q.start, q.end),
                    prev.stance,
                    "rule:quote_continuation",
                    {"continues": self.rels.index(prev)},
                )
            elif _words(q.text) >= self.min_quote_words:
                rel = _Rel(None, None, (q.start, q.end), "none", "rule:unattributed_quote", {})
            else:
                continue
            self.rels.append(rel)
            last_direct = rel if rel.src is not None else None

    def _token_at(self, offset: int) -> int | None:
        lo = bisect_left(self.toks, offset, key=_tok_start)
        return lo if lo < len(self.toks) else None

    # -- typing, resolution, output ---------------------------------------------------
    def _finish(self) -> list[Attribution]:
        order = sorted(
            range(len(self.rels)),
            key=lambda r: (self.rels[r].cue or self.rels[r].content or (0, 0))[0],
        )
        remap = {old: new for new, old in enumerate(order)}
        rels = [self.rels[r] for r in order]
        mentions: list[tuple[int, int, str, str | None]] = []  # start, end, type, affiliation
        for r in rels:
            if r.src is None:
                continue
            self._type(r, mentions)
        # nested relations are relayed by the relation whose content holds their cue
        for r in rels:
            if r.via is None and r.cue is not None:
                for j, other in enumerate(rels):
                    if (
                        other is not r
                        and other.content
                        and other.src is not None
                        and (other.content[0] <= r.cue[0] and r.cue[1] <= other.content[1])
                        and r.attrs.get("continues") is None
                    ):
                        r.via = order[j]
                        break
        out = []
        text = self.text
        for r in rels:
            ref = lambda span: TextRef.of(text, *span) if span else None  # noqa: E731
            src = (
                TextRef.of(text, self.toks[r.src[0]].start, self.toks[r.src[1] - 1].end)
                if r.src
                else None
            )
            attrs = dict(r.attrs)
            if "continues" in attrs:
                attrs["continues"] = remap[attrs["continues"]]
            out.append(
                Attribution(
                    source=src,
                    cue=ref(r.cue),
                    content=ref(r.content),
                    source_type=r.source_type if src else "none",
                    cue_stance=r.stance if r.cue else "none",
                    quote=self._quote_type(r.content, r.cue),
                    rule=r.rule,
                    resolved=ref(r.resolved),
                    affiliation=r.affiliation,
                    via=remap[r.via] if r.via is not None else None,
                    attrs=attrs,
                )
            )
        return out

    def _quote_type(self, content: tuple[int, int] | None, cue: tuple[int, int] | None) -> str:
        if content is None:
            return "none"
        s, e = content
        inner = [q for q in self.doc.quotes if s <= q.start and q.end <= e]
        if cue is not None and any(q.start < cue[0] and cue[1] < q.end for q in self.doc.quotes):
            return "mixed"  # the cue itself is quoted: reportedly “expressed surprise” at ...
        if not inner:
            return "indirect"
        if len(inner) == 1 and inner[0].start == s and inner[0].end >= e - 1:
            return "direct"
        return "mixed"

    def _type(self, r: _Rel, mentions: list[tuple[int, int, str, str | None]]) -> None:
        a, b = r.src  # type: ignore[misc]
        words = [self.toks[k].text for k in range(a, b)]
        lows = [w.lower() for w in words]
        lex = self.lex
        head = lows[-1]
        start, end = self.toks[a].start, self.toks[b - 1].end
        caps = [
            k
            for k in range(a, b)
            if self.is_cap(k)
            and not lex.is_(self.low(k), "determiner")
            and not lex.is_(self.low(k), "affiliation")
            and not lex.is_(self.low(k), "role")
            and not lex.is_(self.low(k), "state")
        ]
        outlet = self._outlet_in(a, b)
        stype = "person"
        if len(lows) == 1 and lex.is_(head, "pronoun"):
            stype = "pronoun"
        elif any(lex.is_(w, "anonymity_marker") and w != "senior" for w in lows) or (
            lex.is_(head, "anonymous_head") and not (lex.is_(head, "role") and lows[0] == "the")
        ):
            stype = "anonymous"
        elif outlet is not None:
            stype = "media"
            r.attrs["outlet"] = outlet
        elif lex.is_(head, "vague_head"):
            stype = "vague"
        elif lex.is_(head, "document_head"):
            stype = "document"
        elif (
            lex.is_(head, "organisation_head")
            or " ".join(lows) in lex.words.get("state", ())
            or " ".join(lows[1:]) in lex.words.get("state", ())
            or any(
                " ".join(lows[x:]) in lex.words.get("organisation_head", ())
                for x in range(len(lows))
            )
        ):
            stype = "organisation"
        elif not caps:
            stype = "description" if lex.is_(head, "role") else "vague"
        r.attrs["named"] = stype in ("person", "organisation", "media") and self._named_head(a, b)
        # resolution of pronouns and descriptions
        target: tuple[int, int, str, str | None] | None = None
        if stype == "pronoun":
            want = {
                "it": ("media", "organisation", "document"),
                "they": ("anonymous", "vague", "organisation", "media"),
                "he": ("person",),
                "she": ("person",),
            }.get(head)
            if head in ("who", "which") and a > 0:
                np = self.np_left(a, self.sent_lo[a])
                if np is not None:
                    cut = [x for x in range(np[0], np[1]) if self.low(x) in _CONNECT]
                    np = (cut[-1] + 1, np[1]) if cut and cut[-1] + 1 < np[1] else np
                if np is not None and np[1] <= a:
                    sub = _Rel(np, None, None, "none", "", {})
                    self._type(sub, [])
                    target = (
                        self.toks[np[0]].start,
                        self.toks[np[1] - 1].end,
                        sub.source_type,
                        sub.affiliation,
                    )
            elif want:
                target = next((m for m in reversed(mentions) if m[2] in want), None)
                if head in _PERSONAL:
                    name = self._name_before(start)
                    if name is not None and (target is None or name[0] > target[0]):
                        target = name
        elif stype in ("description", "document", "anonymous") and lows[0] in ("the", "this"):
            want = {
                "description": ("person",),
                "document": ("media", "document"),
                "anonymous": ("anonymous",),
            }[stype]
            target = next((m for m in reversed(mentions) if m[2] in want), None)
            if target is None and stype == "description":
                target = next((m for m in reversed(mentions) if m[2] == "person"), None)
        if target is not None:
            r.resolved = (target[0], target[1])
            stype = target[2]
            r.affiliation = target[3]
        elif stype == "description":
            stype = "person"
        r.source_type = stype
        if r.affiliation is None:
            r.affiliation = self._affiliation(a, b)
        if r.affiliation is None and r.appos is not None:
            r.affiliation = self._affiliation(*r.appos)
        if target is None and r.resolved is None:
            mentions.append((start, end, stype, r.affiliation))

    def _name_before(self, offset: int) -> tuple[int, int, str, str | None] | None:
        """The last clause-initial proper name (a likely person) before ``offset``."""
        k = bisect_left(self.toks, offset, key=_tok_start) - 1
        lex = self.lex
        while k >= 0 and offset - self.toks[k].start < 2000:
            t = self.toks[k]
            if _proper(t) and (k + 1 >= len(self.toks) or not _proper(self.toks[k + 1])):
                j = k
                while j - 1 >= 0 and _proper(self.toks[j - 1]):
                    j -= 1
                before = self.toks[j - 1].text if j > 0 else ""
                clause_start = (
                    j == 0 or before in (",", ".", ";") or self.toks[j - 1].sentence != t.sentence
                )
                words = " ".join(self.low(x) for x in range(j, k + 1))
                if clause_start and not (
                    self._outlet_in(j, k + 1)
                    or lex.is_(words, "state")
                    or any(lex.is_(self.low(x), "organisation_head") for x in range(j, k + 1))
                    or (k + 1 < len(self.toks) and self.toks[k + 1].pos in ("NN", "NNS"))
                ):
                    return (self.toks[j].start, t.end, "person", None)
                k = j
            k -= 1
        return None

    def _named_head(self, a: int, b: int) -> bool:
        """Whether the head of the source phrase (before a comma or parenthesis) is a name."""
        end = b
        for k in range(a, b):
            if self.toks[k].text in (",", "("):
                end = k
                break
        k = end - 1
        while k > a and self.toks[k].text in ("’s", "'s", ")"):
            k -= 1
        low = self.low(k)
        return (
            self.is_cap(k)
            and not self.lex.is_(low, "role")
            and not self.lex.is_(low, "affiliation")
            and not self.lex.is_(low, "determiner")
        )

    def _outlet_in(self, a: int, b: int) -> str | None:
        lows = [self.low(k) for k in range(a, b)]
        for size in range(min(self.lex.max_outlet_len, len(lows)), 0, -1):
            for x in range(len(lows) - size + 1):
                key = tuple(lows[x : x + size])
                if key in self.lex.outlet_names and any(
                    self.is_cap(k) for k in range(a + x, a + x + size)
                ):
                    return self.lex.outlet_names[key]
        return None

    def _affiliation(self, a: int, b: int) -> str | None:
        lex = self.lex
        for k in range(a, b):
            low = self.low(k)
            if lex.is_(low, "affiliation") and self.is_cap(k):
                return self.toks[k].text
            nxt = self.low(k + 1) if k + 1 < b else ""
            if lex.is_(low, "state") and self.is_cap(k) and (k + 1 < b):
                return self.toks[k].text
            if nxt in ("’s", "'s") and self.is_cap(k) and k + 2 < b:
                return self.toks[k].text
        for cat in ("role", "anonymous_head", "organisation_head"):
            for k in range(a, b):
                if not lex.is_(self.low(k), cat):
                    continue
                j = k
                while (
                    j - 1 >= a
                    and self.is_cap(j - 1)
                    and not lex.is_(self.low(j - 1), "role")
                    and not lex.is_(self.low(j - 1), "determiner")
                ):
                    j -= 1
                if j < k:
                    return self.text[self.toks[j].start : self.toks[k - 1].end]
        return None


def _tok_start(t: Any) -> int:
    return t.start


def _proper(t: Any) -> bool:
    return t.text[:1].isupper() and t.pos in ("NNP", "NN", "NNPS")
