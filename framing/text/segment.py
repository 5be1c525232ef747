"""Sentences and word tokens as character spans of the canonical text.

Sentences come from NLTK's Punkt with the project's own abbreviation list (the
``abbreviations.en`` lexicon), so "Mr.", "U.S.", "Gen." or "Nov." do not end a sentence;
no Punkt model is downloaded. Newlines always end a sentence (outlet text files put one
paragraph on a line) and the headline is a sentence of its own. Word tokens come from
:data:`framing.patterns.RE_TOKEN` with abbreviations in the lexicon kept whole.
"""

from __future__ import annotations

import re
from bisect import bisect_left
from functools import cache
from typing import TYPE_CHECKING, Any

from framing.lexicons import load_lexicon
from framing.patterns import RE_CHAR_DIGIT, RE_CHAR_SPACE, RE_CHAR_WORD, RE_LINE, RE_TOKEN
from framing.text._nltk import import_light
from framing.types import Sentence

_match_span = re.Match.span

if TYPE_CHECKING:
    from nltk.tokenize.punkt import (
        PunktLanguageVars,
        PunktParameters,
        PunktSentenceTokenizer,
        PunktToken,
    )
else:
    # nltk.tokenize.punkt without nltk/__init__ (which imports scikit-learn and SciPy): see
    # framing.text._nltk
    _punkt_module = import_light("nltk.tokenize.punkt", pending=("nltk",))
    PunktLanguageVars = _punkt_module.PunktLanguageVars
    PunktParameters = _punkt_module.PunktParameters
    PunktSentenceTokenizer = _punkt_module.PunktSentenceTokenizer
    PunktToken = _punkt_module.PunktToken

__all__ = ["sentence_spans", "split_sentences", "word_spans"]


@cache
def _abbreviations() -> frozenset[str]:
    # Punkt stores abbreviation types lower-cased and without the final period.
    return frozenset(e.term.lower().rstrip(".") for e in load_lexicon("abbreviations.en"))


@cache
def _punkt() -> PunktSentenceTokenizer:
    params = PunktParameters()
    params.abbrev_types = set(_abbreviations())
    return PunktSentenceTokenizer(params)


# --- Punkt's patterns on the standard-library engine ---------------------------------------
# NLTK runs every pattern of Punkt on the third-party ``regex`` engine under a wall-clock
# timeout (nltk.redos), about three times slower here than the same patterns on ``re``
# (Punkt's patterns are NLTK's fixed ones, not the caller's). The two engines read the
# patterns alike but class some characters differently (Unicode versions: "½", combining
# marks, characters assigned since Unicode 14, U+001C..U+001F), so the standard-library
# copy runs only on texts whose characters both engines class alike; other texts go through
# NLTK's tokenizer (:func:`_punkt`, the reference). Tests compare both on real and hostile
# text.
_RE_FLAGS = re.IGNORECASE | re.MULTILINE | re.DOTALL | re.UNICODE | re.VERBOSE


def _stdlib(pattern: Any) -> re.Pattern[str]:
    """``pattern`` (an nltk.redos pattern) compiled by the standard-library engine."""
    import regex

    extra = pattern.flags & ~(_RE_FLAGS | regex.VERSION0)
    if extra:
        raise ValueError(f"pattern flags {extra:#x} have no standard-library meaning")
    return re.compile(pattern.pattern, pattern.flags & _RE_FLAGS)


class _StdlibLanguageVars(PunktLanguageVars):
    """Punkt's language variables with NLTK's own patterns on the standard-library engine."""

    __slots__ = ()

    def __init__(self) -> None:
        super().__init__()
        reference = PunktLanguageVars()
        self._re_period_context = _stdlib(reference.period_context_re())
        self._re_word_tokenizer = _stdlib(reference._word_tokenizer_re())


class _StdlibToken(PunktToken):
    """Punkt's token with NLTK's own patterns on the standard-library engine."""

    __slots__ = ()

    @property
    def is_non_punct(self) -> Any:
        """True if the token is either a number or is alphabetic."""
        return _StdlibToken._RE_NON_PUNCT.search(self.type)


@cache
def _punkt_stdlib() -> PunktSentenceTokenizer | None:
    """:func:`_punkt` with its patterns on the standard-library engine (None if NLTK's
    patterns cannot be moved: then every text goes through :func:`_punkt`)."""
    try:
        _StdlibLanguageVars.re_boundary_realignment = _stdlib(
            PunktLanguageVars.re_boundary_realignment
        )
        for name in ("_RE_ELLIPSIS", "_RE_NUMERIC", "_RE_INITIAL", "_RE_ALPHA"):
            setattr(_StdlibToken, name, _stdlib(getattr(PunktToken, name)))
        _StdlibToken._RE_NON_PUNCT = _stdlib(_punkt_module._re_non_punct)
        lang_vars = _StdlibLanguageVars()
    except (AttributeError, ValueError, re.error):  # another NLTK: its own engine only
        return None
    params = PunktParameters()
    params.abbrev_types = set(_abbreviations())
    return PunktSentenceTokenizer(params, lang_vars=lang_vars, token_cls=_StdlibToken)


@cache
def _regex_classes() -> tuple[Any, ...]:
    """:data:`RE_CHAR_SPACE`, :data:`RE_CHAR_DIGIT`, :data:`RE_CHAR_WORD` on the ``regex``
    engine (NLTK's)."""
    import regex

    return tuple(regex.compile(p.pattern) for p in (RE_CHAR_SPACE, RE_CHAR_DIGIT, RE_CHAR_WORD))


_seen_chars: set[str] = set()  # characters classed by both engines so far
_split_chars: set[str] = set()  # ... and those the engines class differently


def _classed_alike(text: str) -> bool:
    """Whether the standard-library and ``regex`` engines class every character of ``text``
    alike (whitespace, digit, word character); each character is looked at once."""
    chars = set(text)
    new = chars - _seen_chars
    if new:
        ours = (RE_CHAR_SPACE.match, RE_CHAR_DIGIT.match, RE_CHAR_WORD.match)
        theirs = tuple(p.match for p in _regex_classes())
        for c in new:
            if any((a(c) is None) != (b(c) is None) for a, b in zip(ours, theirs, strict=True)):
                _split_chars.add(c)
            _seen_chars.add(c)
    return chars.isdisjoint(_split_chars)


def sentence_spans(text: str, *, body_start: int = 0) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the sentences of ``text``.

    Parameters
    ----------
    text : str
        Canonical text.
    body_start : int
        Where the body begins; everything before it (the headline) is one sentence.

    Returns
    -------
    list of (int, int)
        Half-open offsets, in order, trimmed of surrounding whitespace.

    Examples
    --------
    >>> text = "Mr. Musk met Gen. Smith in the U.S. on Nov. 11. It was brief."
    >>> [text[s:e] for s, e in sentence_spans(text)]
    ['Mr. Musk met Gen. Smith in the U.S. on Nov. 11.', 'It was brief.']
    """
    spans: list[tuple[int, int]] = []
    if body_start:
        head = text[:body_start]
        stripped = head.strip()
        if stripped:
            s = head.find(stripped)
            spans.append((s, s + len(stripped)))
    punkt = _punkt_stdlib() if _classed_alike(text) else None
    if punkt is None:
        punkt = _punkt()
    for line in RE_LINE.finditer(text, body_start):
        base = line.start()
        paragraph = line.group()
        for s, e in punkt.span_tokenize(paragraph):
            piece = paragraph[s:e]
            lead = len(piece) - len(piece.lstrip())
            trail = len(piece) - len(piece.rstrip())
            if e - trail > s + lead:
                spans.append((base + s + lead, base + e - trail))
    return spans


def split_sentences(text: str, *, body_start: int = 0) -> list[Sentence]:
    """Return the sentences of ``text`` as :class:`~framing.types.Sentence` objects."""
    out = []
    for i, (s, e) in enumerate(sentence_spans(text, body_start=body_start)):
        section = "headline" if body_start and e <= body_start else "body"
        out.append(Sentence(i, s, e, text[s:e], section))
    return out


def word_spans(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Return ``(start, end)`` offsets of the word tokens in ``text[start:end]``.

    Abbreviations from the ``abbreviations.en`` lexicon keep their period ("Mr.", "Gen.").

    Examples
    --------
    >>> text = "Iran’s envoy didn't meet Mr. Musk."
    >>> [text[s:e] for s, e in word_spans(text)]
    ['Iran', '’s', 'envoy', 'did', "n't", 'meet', 'Mr.', 'Musk', '.']
    """
    end = len(text) if end is None else end
    spans = list(map(_match_span, RE_TOKEN.finditer(text, start, end)))
    # A lone "." right after an abbreviation joins it. Only periods are looked at (a merged
    # token ends with "." and so is never an abbreviation itself: lexicon entries are kept
    # without their final period).
    q = text.find(".", start, end)
    if q < 0:
        return spans
    abbrevs = _abbreviations()
    starts = [s for s, _ in spans]
    merged: list[int] = []
    while q >= 0:
        k = bisect_left(starts, q)
        if (
            0 < k < len(spans)
            and spans[k][1] == q + 1
            and starts[k] == q
            and spans[k - 1][1] == q
            and text[spans[k - 1][0] : q].lower() in abbrevs
        ):
            merged.append(k)
        q = text.find(".", q + 1, end)
    for k in reversed(merged):
        spans[k - 1] = (spans[k - 1][0], spans[k][1])
        del spans[k]
    return spans
