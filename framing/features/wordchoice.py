"""Word-choice pairs: different words for the same referent or event across versions.

Two versions of a story name the same thing differently: "clandestine meeting" (TROIB)
and "secret meeting" (IANS); "Tehran" and "Teheran"; "hardliners" and "vehement
opponents". :func:`word_choice_pairs` finds such pairs across 2..N documents, each with
the evidence spans (every occurrence of each wording) in each article. Two rules:

``rule:wordchoice.same_head``
    Noun phrases (from the part-of-speech tags: adjectives, nouns and participles ending in
    a noun) whose heads name the same thing: the same word (singular), the same group of
    the ``paraphrases.en`` lexicon ("meeting" = "discussions", "Tehran" = "Teheran"), or
    proper nouns one letter apart ("Waltz" / "Walz"). The wordings must differ after
    dropping determiners and numbers. Common-noun heads count only when the two sentences
    are aligned (:func:`framing.compare.align.align`) or one wording is loaded (a
    ``loaded.en`` entry), so "US officials" / "Iranian officials" in unrelated sentences
    is not a pair.
``rule:wordchoice.aligned_slot``
    In two aligned sentences, a short stretch (1-4 words each side) where the sentences
    differ between shared words: the same slot filled with different words.

Each pair records whether either wording is loaded and with which category.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from difflib import SequenceMatcher
from functools import cache
from typing import TYPE_CHECKING, Any

from framing.features.loaded import match_lexicon
from framing.lexicons import load_lexicon
from framing.patterns import RE_TOKEN
from framing.types import Document, Span, Token

if TYPE_CHECKING:
    from framing.compare.align import Alignment

__all__ = ["WordChoicePair", "noun_phrases", "word_choice_pairs"]

_NP_TAGS = frozenset({"JJ", "JJR", "JJS", "NN", "NNS", "NNP", "NNPS"})
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS"})
_MAX_SLOT = 4


@dataclass(frozen=True, slots=True)
class WordChoicePair:
    """Two wordings of one referent in two versions, with evidence in each.

    Parameters
    ----------
    referent : str
        What both wordings name: the shared head key (``"meet"``, ``"iran"``) or, for
        aligned slots, ``"slot:<words before>_<words after>"``.
    a, b : str
        Article ids.
    a_text, b_text : str
        The two wordings (lower case, determiners dropped).
    a_spans, b_spans : tuple of Span
        Every occurrence of each wording in its article (``feature="wordchoice"``).
    rule : str
        ``"rule:wordchoice.same_head"`` or ``"rule:wordchoice.aligned_slot"``.
    score : float
        Strength of the evidence in ``[0, 1]``: aligned sentences, loaded wording, name.
    loaded : tuple of (str or None, str or None)
        Loaded-language category of each wording (``None`` when neutral).
    sentences : tuple of (int, int)
        Indexes of the sentences (in ``a`` and ``b``) where the pair was found.
    """

    referent: str
    a: str
    b: str
    a_text: str
    b_text: str
    a_spans: tuple[Span, ...]
    b_spans: tuple[Span, ...]
    rule: str
    score: float
    loaded: tuple[str | None, str | None] = (None, None)
    sentences: tuple[int, int] = (-1, -1)

    def to_dict(self) -> dict[str, Any]:
        """JSON form: referent, the two wordings with their evidence, rule, score."""
        return {
            "referent": self.referent,
            "rule": self.rule,
            "score": round(self.score, 4),
            "a": {
                "id": self.a,
                "text": self.a_text,
                "loaded": self.loaded[0],
                "spans": [s.to_dict() for s in self.a_spans],
            },
            "b": {
                "id": self.b,
                "text": self.b_text,
                "loaded": self.loaded[1],
                "spans": [s.to_dict() for s in self.b_spans],
            },
        }


@dataclass(frozen=True, slots=True)
class _Phrase:
    doc: int
    sentence: int
    start: int
    end: int
    words: tuple[str, ...]  # normalised wording, determiners/numbers dropped
    head: str
    key: str
    is_name: bool


def _norm(word: str) -> str:
    return word.lower().replace("’", "'")


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith("ss"):
        return word[:-1]
    return word


@cache
def _paraphrase_index() -> dict[tuple[str, ...], tuple[str, str]]:
    """Lower-cased paraphrase terms -> (group, category) from ``paraphrases.en``."""
    out: dict[tuple[str, ...], tuple[str, str]] = {}
    try:
        lex = load_lexicon("paraphrases.en")
    except LookupError:  # the lexicon is optional: heads then match by word only
        return out
    for e in lex:
        words = tuple(_norm(m.group()) for m in RE_TOKEN.finditer(e.term))
        group = e.get("group") or e.term
        if words and e.category != "ignore":
            out[words] = (group, e.category)
    return out


def _key(words: Sequence[str]) -> tuple[str, bool]:
    """Referent key of a phrase: paraphrase group of its head (or longest tail), or head."""
    index = _paraphrase_index()
    low = [_norm(w) for w in words]
    for k in range(len(low)):
        hit = index.get(tuple(low[k:]))
        if hit:
            return hit[0], hit[1] == "name"
    head = low[-1]
    hit = index.get((_singular(head),)) or index.get((head,))
    if hit:
        return hit[0], hit[1] == "name"
    return _singular(head), words[-1][:1].isupper()


def noun_phrases(doc: Document, index: int = 0) -> list[_Phrase]:
    """Noun phrases of ``doc`` (runs of adjective/noun/participle tags ending in a noun).

    Without tags (``process(..., tag=False)``) a phrase is a run of words ending in a
    capitalised word, which keeps names and drops everything else.
    """
    out: list[_Phrase] = []
    for sent in doc.sentences:
        toks = doc.tokens_of(sent.index)
        run: list[Token] = []
        for t in [*toks, None]:
            ok = t is not None and (
                t.pos in _NP_TAGS if t.pos else (t.text[:1].isupper() and t.text.isalpha())
            )
            if ok:
                run.append(t)
                continue
            while run and (run[-1].pos not in _NOUN_TAGS if run[-1].pos else False):
                run.pop()
            if run:
                words = tuple(_norm(x.text) for x in run)
                key, is_name = _key([x.text for x in run])
                out.append(
                    _Phrase(
                        index, sent.index, run[0].start, run[-1].end, words, words[-1], key, is_name
                    )
                )
            run = []
    return out


def _edit1(a: str, b: str) -> bool:
    """True when ``a`` and ``b`` differ by one insertion, deletion or substitution."""
    if a == b or abs(len(a) - len(b)) > 1:
        return False
    if len(a) > len(b):
        a, b = b, a
    i = 0
    while i < len(a) and a[i] == b[i]:
        i += 1
    return a[i:] == b[i + 1 :] or (len(a) == len(b) and a[i + 1 :] == b[i + 1 :])


def _loaded_category(words: Sequence[str]) -> str | None:
    hits = match_lexicon(list(words))
    return hits[0][2].category if hits else None


def _spans_of(
    doc: Document, wording: tuple[str, ...], phrases: Sequence[_Phrase], rule: str
) -> tuple[Span, ...]:
    text = doc.text
    return tuple(
        Span(p.start, p.end, text[p.start : p.end], "wordchoice", "wording", rule=rule)
        for p in phrases
        if p.words == wording
    )


def word_choice_pairs(
    docs: Sequence[Document],
    *,
    min_score: float = 0.5,
    align_threshold: float | None = None,
    alignment: Alignment | None = None,
) -> list[WordChoicePair]:
    """Pairs of different wordings for the same referent across 2..N documents.

    Parameters
    ----------
    docs : sequence of Document
        The versions of one story (processed, ideally with part-of-speech tags).
    min_score : float
        Pairs with a lower evidence score are dropped.
    align_threshold : float, optional
        Sentence-alignment threshold (default: the aligner's).
    alignment : Alignment, optional
        The sentence alignment of ``docs`` (same order), when the caller has it already;
        ``align_threshold`` is then not used.

    Returns
    -------
    list of WordChoicePair
        Sorted by score (highest first), then by referent.

    Raises
    ------
    ValueError
        With fewer than two documents.
    """
    if isinstance(docs, Document) or len(docs) < 2:
        raise ValueError("word_choice_pairs needs a sequence of at least two Documents.")
    from framing.compare.align import align

    ids = [d.article.id for d in docs]
    if alignment is None or list(alignment.ids) != ids:
        kw = {} if align_threshold is None else {"threshold": align_threshold}
        alignment = align(list(docs), **kw)
    aligned = {(ids.index(p.a), p.i, ids.index(p.b), p.j) for p in alignment.pairs}
    aligned |= {(c, j, a, i) for a, i, c, j in aligned}
    phrases = [noun_phrases(d, n) for n, d in enumerate(docs)]
    wordings = [_ngrams(d) for d in docs]
    found: dict[tuple[int, int, tuple[str, ...], tuple[str, ...]], WordChoicePair] = {}

    def add(
        pa: tuple[int, tuple[str, ...]],
        pb: tuple[int, tuple[str, ...]],
        referent: str,
        rule: str,
        score: float,
        sents: tuple[int, int],
    ) -> None:
        (da, wa), (db, wb) = pa, pb
        if wa == wb or score < min_score:
            return
        if wa in wordings[db] and wb in wordings[da]:
            return  # both versions use both wordings: no difference in word choice
        key = (da, db, wa, wb)
        old = found.get(key)
        if old is not None and old.score >= score:
            return
        la, lb = _loaded_category(wa), _loaded_category(wb)
        found[key] = WordChoicePair(
            referent=referent,
            a=ids[da],
            b=ids[db],
            a_text=" ".join(wa),
            b_text=" ".join(wb),
            a_spans=_spans_of(docs[da], wa, phrases[da], rule) or _slot_spans(docs[da], wa, rule),
            b_spans=_spans_of(docs[db], wb, phrases[db], rule) or _slot_spans(docs[db], wb, rule),
            rule=rule,
            score=min(score, 1.0),
            loaded=(la, lb),
            sentences=sents,
        )

    for da in range(len(docs)):
        for db in range(da + 1, len(docs)):
            for p in phrases[da]:
                for q in phrases[db]:
                    same = p.key == q.key or (
                        p.is_name and q.is_name and _spelling_variant(p.head, q.head)
                    )
                    if not same or not _differ(p.words, q.words):
                        continue
                    is_aligned = (da, p.sentence, db, q.sentence) in aligned
                    loaded = _loaded_category(p.words) or _loaded_category(q.words)
                    if not (p.is_name or q.is_name or is_aligned or loaded):
                        continue
                    score = (
                        0.3
                        + 0.3 * is_aligned
                        + 0.3 * bool(loaded)
                        + 0.2 * (p.is_name and q.is_name)
                    )
                    add(
                        (da, p.words),
                        (db, q.words),
                        p.key,
                        "rule:wordchoice.same_head",
                        score,
                        (p.sentence, q.sentence),
                    )
            for pair in alignment.pairs:
                if {pair.a, pair.b} != {ids[da], ids[db]}:
                    continue
                i, j = (pair.i, pair.j) if pair.a == ids[da] else (pair.j, pair.i)
                for wa, wb, ref in _slots(docs[da], i, docs[db], j):
                    loaded = _loaded_category(wa) or _loaded_category(wb)
                    add(
                        (da, wa),
                        (db, wb),
                        ref,
                        "rule:wordchoice.aligned_slot",
                        0.5 + 0.3 * bool(loaded),
                        (i, j),
                    )
    return sorted(found.values(), key=lambda p: (-p.score, p.referent, p.a_text, p.b_text))


def _ngrams(doc: Document, n: int = _MAX_SLOT) -> frozenset[tuple[str, ...]]:
    """Every lower-cased token sequence of up to ``n`` words inside one sentence."""
    out: set[tuple[str, ...]] = set()
    for sent in doc.sentences:
        low = [_norm(t.text) for t in doc.tokens_of(sent.index)]
        for k in range(len(low)):
            for m in range(1, n + 1):
                if k + m <= len(low):
                    out.add(tuple(low[k : k + m]))
    return frozenset(out)


def _spelling_variant(a: str, b: str) -> bool:
    """Unknown names one letter apart ("Waltz" / "Walz"); known paraphrase terms excluded."""
    index = _paraphrase_index()
    return max(len(a), len(b)) >= 5 and (a,) not in index and (b,) not in index and _edit1(a, b)


def _differ(a: Sequence[str], b: Sequence[str]) -> bool:
    """Whether two wordings are a real word choice, not a plural or an elaboration.

    One wording inside the other ("Musk" / "Elon Musk", "sanctions" / "numerous
    sanctions") counts only when the extra words are loaded ("meeting" / "secret meeting").
    """
    sa, sb = {_singular(w) for w in a}, {_singular(w) for w in b}
    # a name spelled one letter apart is the same word ("Muammar" / "Moammar")
    sb = {next((x for x in sa if _spelling_variant(x, w)), w) for w in sb}
    if sa == sb:
        return False
    if sa <= sb or sb <= sa:
        extra = [w for w in (b if sa <= sb else a) if _singular(w) not in (sa & sb)]
        return _loaded_category(extra) is not None
    return True


def _content(words: Sequence[str]) -> bool:
    from framing.features.lexical import stopwords

    stop = stopwords()
    return any(w.isalpha() and w not in stop for w in words)


def _slots(
    doc_a: Document, i: int, doc_b: Document, j: int
) -> list[tuple[tuple[str, ...], tuple[str, ...], str]]:
    """Short differing stretches between shared words of two aligned sentences."""
    a = [_norm(t.text) for t in doc_a.tokens_of(i)]
    b = [_norm(t.text) for t in doc_b.tokens_of(j)]
    out = []
    ops = SequenceMatcher(None, a, b, autojunk=False).get_opcodes()
    for n, (op, a0, a1, b0, b1) in enumerate(ops):
        if op != "replace" or not (0 < a1 - a0 <= _MAX_SLOT and 0 < b1 - b0 <= _MAX_SLOT):
            continue
        if not (0 < n < len(ops) - 1):  # a slot lies between two shared stretches
            continue
        prev, nxt = ops[n - 1], ops[n + 1]
        if not (_content(a[prev[1] : prev[2]]) and _content(a[nxt[1] : nxt[2]])):
            continue  # both neighbours must share a content word, not just punctuation
        wa, wb = tuple(a[a0:a1]), tuple(b[b0:b1])
        if not (_content(wa) and _content(wb)) or any(
            not w.isalnum() and "-" not in w for w in (*wa, *wb)
        ):
            continue
        before = ops[n - 1][1:3]
        after = ops[n + 1][1:3]
        ref = f"slot:{a[before[1] - 1]}_{a[after[0]] if after[0] < len(a) else ''}"
        out.append((wa, wb, ref))
    return out


def _slot_spans(doc: Document, wording: tuple[str, ...], rule: str) -> tuple[Span, ...]:
    """Every occurrence of a token sequence in ``doc`` (evidence for slot pairs)."""
    toks = doc.tokens
    low = [_norm(t.text) for t in toks]
    n = len(wording)
    out = []
    for k in range(len(low) - n + 1):
        if tuple(low[k : k + n]) == wording and toks[k].sentence == toks[k + n - 1].sentence:
            s, e = toks[k].start, toks[k + n - 1].end
            out.append(Span(s, e, doc.text[s:e], "wordchoice", "wording", rule=rule))
    return tuple(out)
