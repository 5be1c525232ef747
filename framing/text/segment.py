"""Sentences and word tokens as character spans of the canonical text.

Sentences come from NLTK's Punkt with the project's own abbreviation list (the
``abbreviations.en`` lexicon), so "Mr.", "U.S.", "Gen." or "Nov." do not end a sentence;
no Punkt model is downloaded. Newlines always end a sentence (outlet text files put one
paragraph on a line) and the headline is a sentence of its own. Word tokens come from
:data:`framing.patterns.RE_TOKEN` with abbreviations in the lexicon kept whole.
"""

from __future__ import annotations

from bisect import bisect_left
from functools import cache
from typing import TYPE_CHECKING

from framing.lexicons import load_lexicon
from framing.patterns import RE_LINE, RE_TOKEN
from framing.text._nltk import import_light
from framing.types import Sentence

if TYPE_CHECKING:
    from nltk.tokenize.punkt import PunktParameters, PunktSentenceTokenizer
else:
    # nltk.tokenize.punkt without nltk/__init__ (which imports scikit-learn and SciPy): see
    # framing.text._nltk
    _punkt_module = import_light("nltk.tokenize.punkt", pending=("nltk",))
    PunktParameters = _punkt_module.PunktParameters
    PunktSentenceTokenizer = _punkt_module.PunktSentenceTokenizer

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
    spans = [m.span() for m in RE_TOKEN.finditer(text, start, end)]
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
