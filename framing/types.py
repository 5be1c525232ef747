"""Core value types shared by every stage of the pipeline.

Every offset in the library is a half-open ``[start, end)`` character offset into
:attr:`Article.text`, the one canonical string of an article. The types are frozen
dataclasses so that a result cannot be changed after it was produced, and each validates
its offsets in ``__post_init__``.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import Any, Literal

from framing.errors import IngestError, OffsetError

__all__ = [
    "MAX_ARTICLE_CHARS",
    "Article",
    "Attribution",
    "Document",
    "FeatureSet",
    "Removal",
    "Sentence",
    "Span",
    "TextRef",
    "Token",
    "Voice",
]

Voice = Literal["narrator", "quoted"]

#: Longest canonical text accepted for one article (characters). Two million characters is
#: about 330,000 words, a hundred times the longest news feature; extraction takes about a
#: minute per million characters. Longer texts are refused with an :class:`IngestError` that
#: names the article and its file (see ``docs/reliability.md``).
MAX_ARTICLE_CHARS = 2_000_000

_EMPTY: Mapping[str, Any] = MappingProxyType({})


def _check_offsets(start: int, end: int, what: str) -> None:
    if not (isinstance(start, int) and isinstance(end, int)) or start < 0 or end < start:
        raise OffsetError(
            f"{what} offsets must be integers with 0 <= start <= end; got ({start!r}, {end!r})."
        )


@dataclass(frozen=True, slots=True)
class Removal:
    """A piece of the source file that ingestion removed from the article body.

    Parameters
    ----------
    kind : str
        What was removed, e.g. ``"headline"``, ``"teaser"``, ``"read_more"``, ``"credit"``,
        ``"date_prefix"``, ``"dateline"``, ``"front_matter"``, ``"repeated_headline"``.
    text : str
        The removed text, verbatim.
    start, end : int
        Offsets of the removed text in the decoded source file (not the canonical text).
    rule : str
        Identifier of the ingestion rule that removed it (see ``docs/ingestion.md``).
    """

    kind: str
    text: str
    start: int
    end: int
    rule: str

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, "Removal")


@dataclass(frozen=True, slots=True)
class Article:
    """One version of a story, as one outlet published it.

    Parameters
    ----------
    id : str
        Identifier unique within a comparison or corpus.
    outlet : str
        The outlet that published this version (e.g. ``"TROIB News"``).
    text : str
        The canonical text; every offset in the library points into it. For outlet text
        files it is the headline (if any) followed by a blank line and the cleaned body;
        for JSON records it is the record's ``text`` verbatim.
    title : str, optional
        The headline.
    date : str, optional
        Publication date, ISO ``YYYY-MM-DD`` where known.
    url : str, optional
        Where the article was published.
    body_start : int
        Offset in ``text`` where the body begins (0 when the headline is not part of ``text``).
    source_chain : tuple of str
        Who the content came from, outlet first: ``("TROIB News", "RT")``.
    removals : tuple of Removal
        What ingestion removed from the source file, in file order.
    meta : Mapping
        Everything else that ingestion found (dateline place, agency, credit, teaser, path).
    """

    id: str
    outlet: str
    text: str
    title: str | None = None
    date: str | None = None
    url: str | None = None
    body_start: int = 0
    source_chain: tuple[str, ...] = ()
    removals: tuple[Removal, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        if not isinstance(self.text, str):
            raise TypeError(f"Article.text must be str; got {type(self.text).__name__}.")
        if len(self.text) > MAX_ARTICLE_CHARS:
            meta = self.meta or {}
            raise IngestError(
                f"article {self.id!r} has {len(self.text):,} characters, over the limit of "
                f"{MAX_ARTICLE_CHARS:,} (framing.types.MAX_ARTICLE_CHARS); split it into parts.",
                path=meta.get("path") or f"<article {self.id}>",
                record=meta.get("record"),
            )
        if not 0 <= self.body_start <= len(self.text):
            raise OffsetError(
                f"Article {self.id!r}: body_start={self.body_start} is outside the text "
                f"(length {len(self.text)})."
            )
        object.__setattr__(self, "meta", MappingProxyType(dict(self.meta)))
        object.__setattr__(self, "source_chain", tuple(self.source_chain))
        object.__setattr__(self, "removals", tuple(self.removals))

    @property
    def headline_span(self) -> tuple[int, int] | None:
        """Offsets of the headline inside :attr:`text`, or ``None`` when it is not there."""
        if self.body_start == 0 or not self.title:
            return None
        end = self.text.find("\n")
        return (0, end if end != -1 else len(self.text))

    def __repr__(self) -> str:
        title = (self.title or self.text[:40]).replace("\n", " ")
        return f"<Article id={self.id!r} outlet={self.outlet!r} chars={len(self.text)} {title!r}>"


@dataclass(frozen=True, slots=True)
class TextRef:
    """A stretch of an article's text: ``text == article.text[start:end]``."""

    start: int
    end: int
    text: str

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, "TextRef")
        if len(self.text) != self.end - self.start:
            raise OffsetError(
                f"TextRef text has length {len(self.text)} but the offsets ({self.start}, "
                f"{self.end}) span {self.end - self.start} characters."
            )

    @classmethod
    def of(cls, text: str, start: int, end: int) -> TextRef:
        """Build a reference to ``text[start:end]``."""
        return cls(start, end, text[start:end])

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form ``{start, end, text}``."""
        return {"start": self.start, "end": self.end, "text": self.text}


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its index in the article and its offsets.

    ``section`` is ``"headline"`` for the headline line and ``"body"`` otherwise.
    """

    index: int
    start: int
    end: int
    text: str
    section: Literal["headline", "body"] = "body"

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, "Sentence")


@dataclass(frozen=True, slots=True)
class Token:
    """A word token with its offsets, part-of-speech tag and sentence index."""

    start: int
    end: int
    text: str
    pos: str
    sentence: int

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, "Token")

    @property
    def lower(self) -> str:
        """The token's text in lower case."""
        return self.text.lower()

    @staticmethod
    def _trusted(start: int, end: int, text: str, pos: str, sentence: int) -> Token:
        """Make a token without the offset check of ``__post_init__`` (2.5x faster).

        Internal: for the text stage (:func:`framing.text.process`), whose offsets are
        regular-expression match offsets in the text (so integers with
        ``0 <= start <= end``). Everyone else constructs ``Token(...)``, which checks.
        """
        token = _new_object(Token)
        _set_token_start(token, start)
        _set_token_end(token, end)
        _set_token_text(token, text)
        _set_token_pos(token, pos)
        _set_token_sentence(token, sentence)
        return token


# Token._trusted sets the slots through their descriptors (what the frozen dataclass's own
# __init__ does through object.__setattr__), skipping the check.
_new_object = object.__new__
_set_token_start = Token.__dict__["start"].__set__
_set_token_end = Token.__dict__["end"].__set__
_set_token_text = Token.__dict__["text"].__set__
_set_token_pos = Token.__dict__["pos"].__set__
_set_token_sentence = Token.__dict__["sentence"].__set__


@dataclass(frozen=True, slots=True)
class Span:
    """Evidence for a feature: a stretch of text and what produced it.

    Parameters
    ----------
    start, end : int
        Offsets into :attr:`Article.text`.
    text : str
        ``article.text[start:end]``; checked by :meth:`check`.
    feature : str
        Feature family: ``"hedge"``, ``"booster"``, ``"loaded"``, ``"entity"``, ...
    category : str
        Category inside the family (``"epistemic_modal"``, ``"secrecy"``, ``"person"``...).
    voice : {"narrator", "quoted"}
        Whether the outlet says it or it stands inside a quotation / attributed content.
    rule : str
        What produced the span: ``"lexicon:hedges.en@1:may"``, ``"model:loaded-babe@2"``,
        ``"rule:scare_quote"``.
    score : float, optional
        Confidence for model-produced spans.
    attrs : Mapping
        Extra, feature-specific evidence (lexicon note, weight, sentence index).
    """

    start: int
    end: int
    text: str
    feature: str
    category: str
    voice: Voice = "narrator"
    rule: str = ""
    score: float | None = None
    attrs: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        _check_offsets(self.start, self.end, "Span")
        if len(self.text) != self.end - self.start:
            raise OffsetError(
                f"Span {self.feature}:{self.category} text {self.text!r} does not fit offsets "
                f"({self.start}, {self.end})."
            )
        object.__setattr__(self, "attrs", MappingProxyType(dict(self.attrs)))

    def check(self, text: str) -> Span:
        """Raise :class:`OffsetError` unless ``text[start:end] == self.text``; return self."""
        if text[self.start : self.end] != self.text:
            raise OffsetError(
                f"Span ({self.start}, {self.end}) {self.text!r} does not match the article "
                f"text {text[self.start : self.end]!r}."
            )
        return self

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the output contract."""
        out: dict[str, Any] = {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "feature": self.feature,
            "category": self.category,
            "voice": self.voice,
            "rule": self.rule,
        }
        if self.score is not None:
            out["score"] = round(float(self.score), 4)
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out


@dataclass(frozen=True, slots=True)
class Attribution:
    """A reported-speech relation: who (source) said what (content) through which cue.

    Parameters
    ----------
    source, cue, content : TextRef or None
        The three parts; any may be missing (content with no source, a quote with no cue).
    source_type : str
        ``"person"``, ``"organisation"``, ``"media"``, ``"anonymous"``, ``"vague"``,
        ``"document"``, ``"pronoun"`` (unresolved) or ``"none"``.
    cue_stance : str
        ``"neutral"``, ``"assertive"``, ``"distancing"``, ``"denial"``, ``"confirming"``,
        ``"speculative"``, ``"emotive"`` or ``"none"``.
    quote : str
        ``"direct"``, ``"indirect"``, ``"mixed"`` or ``"none"``.
    rule : str
        The rule or model that produced the relation.
    resolved : TextRef, optional
        For pronoun/description sources, the earlier mention they refer to.
    affiliation : str, optional
        Affiliation given by the text (``"Iranian"``, ``"Trump"``).
    via : int, optional
        Index of the attribution this one is relayed through (chains).
    """

    source: TextRef | None
    cue: TextRef | None
    content: TextRef | None
    source_type: str = "none"
    cue_stance: str = "none"
    quote: str = "none"
    rule: str = ""
    resolved: TextRef | None = None
    affiliation: str | None = None
    via: int | None = None
    attrs: Mapping[str, Any] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attrs", MappingProxyType(dict(self.attrs)))

    def source_label(self) -> str | None:
        """The source as a reader should see it, or ``None`` when there is no source.

        A pronoun or description resolved to an earlier mention is shown by that mention,
        with its own words after it: ``"Musk, as “he”"``; any other source by its text.
        """
        if self.source is None:
            return None
        if self.resolved is None or self.resolved.text == self.source.text:
            return self.source.text
        return f"{self.resolved.text}, as “{self.source.text}”"

    def to_dict(self) -> dict[str, Any]:
        """Return the JSON form of the output contract."""
        out: dict[str, Any] = {
            "source": self.source.to_dict() if self.source else None,
            "source_type": self.source_type,
            "cue": self.cue.to_dict() if self.cue else None,
            "cue_stance": self.cue_stance,
            "content": self.content.to_dict() if self.content else None,
            "quote": self.quote,
            "rule": self.rule,
            "resolved": self.resolved.to_dict() if self.resolved else None,
            "affiliation": self.affiliation,
            "via": self.via,
        }
        if self.attrs:
            out["attrs"] = dict(self.attrs)
        return out


@dataclass(frozen=True, slots=True)
class Document:
    """An article after the text stage: sentences, tokens and quotations.

    Produced by :func:`framing.text.process`; features read it and never re-tokenise.
    """

    article: Article
    sentences: tuple[Sentence, ...]
    tokens: tuple[Token, ...]
    quotes: tuple[TextRef, ...] = ()

    @property
    def text(self) -> str:
        """The article's canonical text."""
        return self.article.text

    def sentence_of(self, offset: int) -> int:
        """Return the index of the sentence containing ``offset`` (the last one before it)."""
        lo, hi = 0, len(self.sentences) - 1
        if hi < 0:
            return -1
        while lo < hi:
            mid = (lo + hi + 1) // 2
            if self.sentences[mid].start <= offset:
                lo = mid
            else:
                hi = mid - 1
        return lo

    def tokens_of(self, sentence: int) -> tuple[Token, ...]:
        """Return the tokens of one sentence."""
        sent = self.sentences[sentence]
        lo = bisect_left(self.tokens, sent.start, key=_token_start)
        hi = bisect_left(self.tokens, sent.end, key=_token_start)
        return self.tokens[lo:hi]


def _token_start(token: Token) -> int:
    return token.start


@dataclass(frozen=True, slots=True)
class FeatureSet:
    """Everything extracted from one article: spans, attributions, metrics and versions.

    ``metrics`` are derived from the spans; ``versions`` names the framing version and every
    lexicon and model that produced them (``{"framing": "0.1.0", "hedges.en": "hedges.en@1"}``).
    """

    document: Document
    spans: tuple[Span, ...]
    attributions: tuple[Attribution, ...]
    metrics: Mapping[str, float]
    versions: Mapping[str, str]

    def __post_init__(self) -> None:
        object.__setattr__(self, "metrics", MappingProxyType(dict(self.metrics)))
        object.__setattr__(self, "versions", MappingProxyType(dict(self.versions)))

    @property
    def article(self) -> Article:
        """The article the features were extracted from."""
        return self.document.article

    def spans_of(self, feature: str, category: str | None = None) -> list[Span]:
        """The spans of one feature family (and category)."""
        return [
            s
            for s in self.spans
            if s.feature == feature and (category is None or s.category == category)
        ]

    def to_dict(self) -> dict[str, Any]:
        """The JSON object of the output contract (``framing extract --format jsonl``)."""
        a = self.article
        return {
            "id": a.id,
            "outlet": a.outlet,
            "title": a.title,
            "date": a.date,
            "url": a.url,
            "source_chain": list(a.source_chain),
            "text": a.text,
            "body_start": a.body_start,
            "sentences": [[s.start, s.end] for s in self.document.sentences],
            "spans": [s.to_dict() for s in self.spans],
            "attributions": [x.to_dict() for x in self.attributions],
            "metrics": dict(self.metrics),
            "removed": [
                {"kind": r.kind, "text": r.text, "start": r.start, "end": r.end, "rule": r.rule}
                for r in a.removals
            ],
            "meta": {k: v for k, v in a.meta.items() if k != "offset_map"},
            "versions": dict(self.versions),
        }

    def to_frame(self) -> Any:
        """Tidy metrics table: ``article_id, outlet, feature, value`` (a pandas DataFrame)."""
        import pandas as pd

        a = self.article
        return pd.DataFrame(
            [(a.id, a.outlet, k, v) for k, v in self.metrics.items()],
            columns=["article_id", "outlet", "feature", "value"],
        )

    def __repr__(self) -> str:
        return (
            f"<FeatureSet article={self.article.id!r} spans={len(self.spans)} "
            f"attributions={len(self.attributions)} metrics={len(self.metrics)}>"
        )
