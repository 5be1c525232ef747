"""Named entities from part-of-speech tags, capitalisation and a gazetteer, with canonical names.

A mention is a maximal run of proper-noun tokens (``NNP``/``NNPS``, or capitalised words
the gazetteer knows), joined across "of" / "the" when a proper noun follows ("Islamic
Republic of Iran"). A leading title ("President-elect", "Ambassador") is kept in
``attrs["title"]`` and left out of the name. Each mention gets:

- ``category``: ``person``, ``organisation``, ``media``, ``place`` or ``other``, from the
  ``entities.en`` / ``outlets.en`` gazetteers, organisation head words ("Ministry",
  "Corps"), a title before it, or the shape of the name;
- ``attrs["canonical"]``: the gazetteer's canonical name (Teheran -> Tehran, Walz -> Mike
  Waltz), else the full name of an earlier person mention it shortens ("Musk" after
  "Elon Musk"), else the mention itself;
- ``attrs["referent"]``: what a metonym stands for when it speaks ("Tehran" -> Iran,
  "the White House" -> United States), from the gazetteer's ``referent`` column.

Spelling variants the gazetteer does not know are unified across versions by
:func:`framing.compare` (close edit distance between canonical names).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from typing import Any

from framing.features.base import SpanExtractor
from framing.lexicons import load_lexicon
from framing.text import VoiceMap
from framing.types import Document, Span, Token

__all__ = ["EntityFeatures", "canonical_entity"]

_PROPER = frozenset({"NNP", "NNPS"})
_JOINERS = frozenset({"of", "the", "for"})


@dataclass(frozen=True, slots=True)
class _Gazetteer:
    names: dict[str, tuple[str, str]]  # lower-cased name -> (category, canonical)
    heads: frozenset[str]
    titles: frozenset[tuple[str, ...]]
    longest: int
    referents: dict[str, str]  # canonical -> what it stands for as a news source
    # the first words of the names and titles of two words or more: a token that is none
    # of them can only start a one-word match
    starts: frozenset[str] = frozenset()


@cache
def _gazetteer() -> _Gazetteer:
    names: dict[str, tuple[str, str]] = {}
    heads: set[str] = set()
    titles: set[tuple[str, ...]] = set()
    referents: dict[str, str] = {}
    for e in load_lexicon("entities.en"):
        if e.get("referent"):
            referents[e.get("canonical") or e.term] = e.get("referent")
        if e.category == "org_head":
            heads.add(e.term.lower())
        elif e.category == "title":
            titles.add(tuple(e.term.lower().split()))
        else:
            names[e.term.lower()] = (e.category, e.get("canonical") or e.term)
    for e in load_lexicon("outlets.en"):
        names.setdefault(e.term.lower(), ("media", e.get("canonical") or e.term))
    longest = max(len(k.split()) for k in [*names, *(" ".join(t) for t in titles)])
    starts = {n.split(" ", 1)[0] for n in names if " " in n}
    starts.update(t[0] for t in titles if len(t) > 1)
    return _Gazetteer(
        names, frozenset(heads), frozenset(titles), longest, referents, frozenset(starts)
    )


def canonical_entity(name: str) -> tuple[str, str] | None:
    """Return ``(category, canonical name)`` for a name the gazetteers know, else None.

    Examples
    --------
    >>> canonical_entity("Teheran"), canonical_entity("Walz")
    (('place', 'Tehran'), ('person', 'Mike Waltz'))
    """
    return _gazetteer().names.get(" ".join(name.split()).lower())


def _is_cap(t: Token) -> bool:
    return t.text[:1].isupper()


class EntityFeatures(SpanExtractor):
    """Named-entity mentions as ``entity`` spans with category and canonical name.

    Examples
    --------
    >>> from framing.text import process
    >>> from framing.types import Article
    >>> doc = process(Article(id="a", outlet="X", text="Teheran told President Joe Biden."))
    >>> [(s.text, s.category, s.attrs["canonical"]) for s in EntityFeatures().spans(doc)]
    [('Teheran', 'place', 'Tehran'), ('Joe Biden', 'person', 'Joe Biden')]
    """

    feature = "entity"
    prefix = "entity"

    def __init__(self) -> None:
        pass

    def _load(self) -> dict[str, Any]:
        _gazetteer()
        return {
            "lexicon_ids_": {
                "entities.en": load_lexicon("entities.en").id,
                "outlets.en": load_lexicon("outlets.en").id,
            }
        }

    def categories(self) -> list[str]:
        return ["person", "organisation", "media", "place", "other"]

    def versions(self) -> dict[str, str]:
        self._ensure_fitted()
        return dict(self.lexicon_ids_)

    def _runs(self, doc: Document) -> list[tuple[int, int]]:
        """Maximal runs of capitalised proper nouns (token index ranges)."""
        names = _gazetteer().names
        toks = doc.tokens
        texts = [t.text for t in toks]
        # whether each token may be part of a name: capitalised, a proper noun or a known name
        ok = [
            tx[:1].isupper() and (t.pos in _PROPER or tx.lower() in names)
            for t, tx in zip(toks, texts, strict=True)
        ]
        out: list[tuple[int, int]] = []
        i, n = 0, len(toks)
        while True:
            try:
                i = ok.index(True, i)  # the next token that starts a run
            except ValueError:
                return out
            sentence = toks[i].sentence
            j = i + 1
            while j < n and toks[j].sentence == sentence:
                if ok[j]:
                    j += 1
                elif (
                    texts[j].lower() in _JOINERS
                    and j + 1 < n
                    and toks[j + 1].sentence == sentence
                    and _is_cap(toks[j + 1])
                    and toks[j + 1].pos in _PROPER
                ):
                    j += 2
                else:
                    break
            out.append((i, j))
            i = j

    def _segments(
        self, doc: Document, i: int, j: int
    ) -> list[tuple[int, int, str | None, tuple[str, str] | None]]:
        """Split a run into (start, end, title, gazetteer hit) by longest gazetteer match."""
        g = _gazetteer()
        toks = doc.tokens
        low = [t.text.lower() for t in toks[i:j]]
        out: list[tuple[int, int, str | None, tuple[str, str] | None]] = []
        title: str | None = None
        chunk: int | None = None
        # a title just before the run, not tagged as a proper noun ("President-elect")
        for size in (3, 2, 1):
            if i - size >= 0 and toks[i - size].sentence == toks[i].sentence:
                words = tuple([t.text.lower() for t in toks[i - size : i]])
                if words in g.titles:
                    title = doc.text[toks[i - size].start : toks[i - 1].end]
                    break

        def flush(upto: int) -> None:
            nonlocal chunk, title
            if chunk is not None:
                # trim joiners at the edges ("of State" is not a name)
                a, b = chunk, upto
                while a < b and low[a - i] in _JOINERS:
                    a += 1
                while b > a and low[b - 1 - i] in _JOINERS:
                    b -= 1
                if b > a:
                    out.append((a, b, title, None))
                    title = None
                chunk = None

        k = i
        while k < j:
            hit = None
            top = min(g.longest, j - k) if low[k - i] in g.starts else 1
            for size in range(top, 0, -1):
                key = " ".join(low[k - i : k - i + size])
                if key in g.names or tuple(low[k - i : k - i + size]) in g.titles:
                    hit = (size, key)
                    break
            if hit is None:
                if chunk is None:
                    chunk = k
                k += 1
                continue
            size, key = hit
            if tuple(key.split()) in g.titles and key not in g.names:
                flush(k)
                text = doc.text[toks[k].start : toks[k + size - 1].end]
                title = text if title is None else f"{title} {text}"
                k += size
                continue
            category, canonical = g.names[key]
            # a known name followed by organisation head words is an organisation ("UN Mission")
            tail = k + size
            while tail < j and low[tail - i] in g.heads:
                tail += 1
            if tail > k + size:
                flush(k)
                out.append((k, tail, title, None))
                title = None
                k = tail
                continue
            if category == "time" and (j - i > 1):
                if chunk is None:
                    chunk = k
                k += size
                continue
            flush(k)
            if category != "time":
                out.append((k, k + size, title, (category, canonical)))
            title = None
            k += size
        flush(j)
        return out

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        g = _gazetteer()
        toks = doc.tokens
        found: list[tuple[int, int, str, str, str, str | None]] = []
        persons: dict[str, str] = {}  # last name -> full canonical name
        for i, j in self._runs(doc):
            for k, e, title, hit in self._segments(doc, i, j):
                start, end = toks[k].start, toks[e - 1].end
                text = doc.text[start:end]
                words = text.split()
                if hit is not None:
                    category, canonical = hit
                    lex = "outlets.en" if category == "media" else "entities.en"
                    rule = f"lexicon:{self.lexicon_ids_[lex]}:{canonical}"
                elif words[-1].lower() in g.heads:
                    category, canonical, rule = "organisation", text, "rule:org_head"
                elif title is not None or 2 <= len(words) <= 4:
                    category, canonical = "person", text
                    rule = "rule:title_before_name" if title else "rule:name_shape"
                elif len(words) == 1 and doc.sentences[toks[k].sentence].start == start:
                    continue  # a capitalised first word alone is no evidence of a name
                else:
                    category, canonical, rule = "other", text, "rule:proper_noun_run"
                if category == "person" and len(canonical.split()) > 1:
                    persons.setdefault(canonical.split()[-1], canonical)
                found.append((start, end, category, canonical, rule, title))
        out = []
        for start, end, category, canonical, rule, title in found:
            text = doc.text[start:end]
            if category in ("other", "person") and text in persons and canonical == text:
                category, canonical, rule = "person", persons[text], "rule:short_name"
            attrs: dict[str, Any] = {"canonical": canonical}
            if canonical in g.referents:
                attrs["referent"] = g.referents[canonical]
            if title:
                attrs["title"] = title
            out.append(
                Span(start, end, text, "entity", category, voice.voice(start, end), rule,
                     attrs=attrs)
            )
        return out
