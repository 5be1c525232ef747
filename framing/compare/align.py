"""Align the sentences of 2..N versions of a story: what they share, what only one carries.

Every pair of sentences from two different versions gets a similarity in ``[0, 1]`` that
combines three views of the sentence, all fitted on the sentences of the versions being
compared (so rare words of this story weigh more than words every sentence has):

* **words** – TF-IDF cosine over content words (stop words dropped), each reduced to a
  *key*: the Snowball stem of the word, or the group of the project's paraphrase lexicon
  (``paraphrases.en``) it belongs to, so "scrapped the nuclear deal" and "withdrew from the
  nuclear agreement" share ``withdraw``, ``nuclear`` and ``agreement``;
* **characters** – TF-IDF cosine over character 3–5-grams of the content words, which
  tolerates spelling variants and derivations the stemmer misses ("Teheran", "withdrawal");
* **entities** – TF-IDF cosine over the names and numbers of the sentence (proper-noun tags
  ``NNP``/``NNPS``/``CD``, or capitalised words inside the sentence when the text was not
  tagged, plus the lexicon's ``name`` and ``number`` groups: "US" = "United States").

Two sentences are aligned when the weighted sum reaches ``threshold``. A sentence may align
with several sentences of another version (one-to-many: a long wire lead often carries what
another outlet spreads over three sentences). A sentence with content words and no
counterpart in any other version is listed in :attr:`Alignment.only`. The default weights and
threshold were chosen on BASIL (see ``docs/comparison.md``), never on the seed story.

Examples
--------
>>> from framing.text import process
>>> from framing.types import Article
>>> a = process(Article(id="a", outlet="A", text="Trump scrapped the nuclear deal. It rained."),
...             tag=False)
>>> b = process(Article(id="b", outlet="B",
...             text="Trump withdrew from the nuclear agreement. Musk met Iravani."), tag=False)
>>> al = align([a, b])
>>> [(p.a, p.i, p.b, p.j) for p in al.pairs]
[('a', 0, 'b', 0)]
>>> dict(al.only)
{'a': (1,), 'b': (1,)}
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

import numpy as np

from framing.errors import ValidationError
from framing.lexicons import load_lexicon
from framing.patterns import RE_TOKEN, RE_WHITESPACE_RUN
from framing.types import Document, Token

__all__ = [
    "DEFAULT_THRESHOLD",
    "DEFAULT_WEIGHTS",
    "AlignedPair",
    "Alignment",
    "SentenceKeys",
    "align",
    "sentence_keys",
    "similarity_matrices",
    "story_keys",
]

#: Default similarity threshold; chosen on the BASIL tuning events (docs/comparison.md).
DEFAULT_THRESHOLD = 0.25
#: Default weights of the word, character and entity similarities (they sum to 1).
DEFAULT_WEIGHTS: tuple[float, float, float] = (0.6, 0.2, 0.2)

_LEXICON = "paraphrases.en"
_ENTITY_TAGS = frozenset({"NNP", "NNPS", "CD"})
_ENTITY_CATEGORIES = frozenset({"name", "number"})


# --- lexicon --------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class _Phrase:
    group: str
    entity: bool
    term: str


@dataclass(frozen=True, slots=True)
class _Paraphrases:
    """The paraphrase lexicon indexed for matching at a token position."""

    exact: Mapping[tuple[str, ...], _Phrase]  # case-sensitive terms, by token texts
    stems: Mapping[tuple[str, ...], _Phrase]  # lower-case terms, by stems
    longest: int
    id: str


@cache
def _stemmer() -> Any:
    from framing.text._nltk import import_light

    # nltk.stem.snowball without nltk/__init__, nltk/stem/__init__ and nltk.corpus (which
    # import scikit-learn and SciPy); see framing.text._nltk
    snowball = import_light(
        "nltk.stem.snowball",
        pending=("nltk", "nltk.stem", "nltk.corpus"),
        deferred={"nltk.corpus": ("stopwords",)},
    )
    return snowball.SnowballStemmer("english")


@cache
def _stem(word: str) -> str:
    return _stemmer().stem(word)


@cache
def _stopwords() -> frozenset[str]:
    return frozenset(e.term.lower() for e in load_lexicon("stopwords.en"))


def _split_term(term: str) -> tuple[str, ...]:
    return tuple(m.group() for m in RE_TOKEN.finditer(term))


@cache
def _paraphrases() -> _Paraphrases:
    lex = load_lexicon(_LEXICON)
    exact: dict[tuple[str, ...], _Phrase] = {}
    stems: dict[tuple[str, ...], _Phrase] = {}
    longest = 1
    for e in lex:
        group = e.get("group") or e.term.lower()
        phrase = _Phrase(group, e.category in _ENTITY_CATEGORIES, e.term)
        words = _split_term(e.term)
        longest = max(longest, len(words))
        if any(c.isupper() for c in e.term):
            exact[words] = phrase
        else:
            stems[tuple(_stem(w.lower()) for w in words)] = phrase
    return _Paraphrases(MappingProxyType(exact), MappingProxyType(stems), longest, lex.id)


# --- sentence keys --------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class SentenceKeys:
    """What a sentence contributes to the similarity.

    Attributes
    ----------
    terms : tuple of str
        Keys of its content words, in order (stems or paraphrase groups).
    entities : tuple of str
        Keys of its names and numbers (a subset of ``terms``).
    surface : str
        Its content words, lower-cased and space-joined (for character n-grams).
    words : tuple of str
        The text each term was read from, parallel to ``terms`` ("scrapped", "U.S.").
    offsets : tuple of (int, int)
        Where each of ``words`` is in the article text, parallel to ``terms``.
    """

    terms: tuple[str, ...]
    entities: tuple[str, ...]
    surface: str
    words: tuple[str, ...] = ()
    offsets: tuple[tuple[int, int], ...] = ()

    def with_entities(self, known: frozenset[str]) -> SentenceKeys:
        """Also count as entities the capitalised words whose key is a known entity.

        One sense per story: "Trump" opening a sentence (where the tagger may say ``NN``
        and capitalisation proves nothing) is the same name as elsewhere.
        """
        extra = [
            t
            for t, w in zip(self.terms, self.words, strict=False)
            if t in known and w[:1].isupper()
        ]
        if not extra:
            return self
        ents = tuple(dict.fromkeys((*self.entities, *extra)))
        return SentenceKeys(self.terms, ents, self.surface, self.words, self.offsets)


def _is_entity(token: Token, first: bool, tagged: bool) -> bool:
    if tagged:
        return token.pos in _ENTITY_TAGS
    if token.text[:1].isdigit():
        return True
    return not first and token.text[:1].isupper()


def sentence_keys(doc: Document, index: int) -> SentenceKeys:
    """Reduce one sentence of ``doc`` to its content-word keys, entity keys and surface.

    Parameters
    ----------
    doc : Document
        The processed article.
    index : int
        The sentence index.

    Returns
    -------
    SentenceKeys

    Examples
    --------
    >>> from framing.text import process
    >>> from framing.types import Article
    >>> doc = process(Article(id="a", outlet="X", text="Teheran scrapped the U.S. deal."),
    ...               tag=False)
    >>> sentence_keys(doc, 0).terms
    ('iran', 'withdraw', 'united_states', 'agreement')
    """
    para = _paraphrases()
    stop = _stopwords()
    toks = [t for t in doc.tokens_of(index) if t.text[:1].isalnum()]
    stems = [_stem(t.lower) for t in toks]
    tagged = any(t.pos for t in toks)
    terms: list[str] = []
    entities: list[str] = []
    surface: list[str] = []
    words: list[str] = []
    offsets: list[tuple[int, int]] = []
    k = 0
    while k < len(toks):
        hit: _Phrase | None = None
        size = 0
        for n in range(min(para.longest, len(toks) - k), 0, -1):
            window = toks[k : k + n]
            hit = para.exact.get(tuple(t.text for t in window))
            if hit is None:
                hit = para.stems.get(tuple(stems[k : k + n]))
            if hit is not None:
                size = n
                break
        if hit is not None:
            if hit.group != "-":
                terms.append(hit.group)
                words.append(doc.text[toks[k].start : toks[k + size - 1].end])
                offsets.append((toks[k].start, toks[k + size - 1].end))
                surface.extend(t.lower for t in toks[k : k + size])
                if hit.entity or any(_is_entity(t, k == 0, tagged) for t in toks[k : k + size]):
                    entities.append(hit.group)
            k += size
            continue
        tok = toks[k]
        low = tok.lower
        if low not in stop:
            key = low.replace(",", "") if low[:1].isdigit() else stems[k]
            terms.append(key)
            words.append(tok.text)
            offsets.append((tok.start, tok.end))
            surface.append(low)
            if _is_entity(tok, k == 0, tagged):
                entities.append(key)
        k += 1
    return SentenceKeys(
        tuple(terms),
        tuple(dict.fromkeys(entities)),
        " ".join(surface),
        tuple(words),
        tuple(offsets),
    )


def story_keys(docs: Sequence[Document]) -> list[list[SentenceKeys]]:
    """Keys of every sentence of every version, entities shared across the story.

    A key that is an entity anywhere in the story counts as an entity wherever it is
    written with a capital (see :meth:`SentenceKeys.with_entities`).
    """
    keys = [[sentence_keys(d, s.index) for s in d.sentences] for d in docs]
    known = frozenset(e for ks in keys for k in ks for e in k.entities)
    return [[k.with_entities(known) for k in ks] for ks in keys]


# --- result types ---------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class AlignedPair:
    """Two sentences of two versions that carry the same content.

    Attributes
    ----------
    a, b : str
        Article ids (``a`` comes first in the input order).
    i, j : int
        Sentence indexes in ``a`` and ``b``.
    similarity : float
        The weighted similarity in ``[0, 1]`` that passed the threshold.
    shared : tuple of str
        Content-word keys both sentences have (stems or paraphrase groups), rarest first.
    entities : tuple of str
        The shared keys that are names or numbers.
    words, chars, entity_score : float
        The three component similarities (word TF-IDF, character n-grams, entities).
    """

    a: str
    i: int
    b: str
    j: int
    similarity: float
    shared: tuple[str, ...] = ()
    entities: tuple[str, ...] = ()
    words: float = 0.0
    chars: float = 0.0
    entity_score: float = 0.0

    def to_dict(self) -> dict[str, Any]:
        """JSON form: ``{a, i, b, j, similarity, shared, entities, scores}``."""
        return {
            "a": self.a,
            "i": self.i,
            "b": self.b,
            "j": self.j,
            "similarity": round(self.similarity, 4),
            "shared": list(self.shared),
            "entities": list(self.entities),
            "scores": {
                "words": round(self.words, 4),
                "chars": round(self.chars, 4),
                "entities": round(self.entity_score, 4),
            },
        }


@dataclass(frozen=True, slots=True)
class Alignment:
    """Sentence alignment across 2..N versions.

    Attributes
    ----------
    ids : tuple of str
        Article ids in input order.
    pairs : tuple of AlignedPair
        Every aligned sentence pair, ordered by article then sentence.
    only : Mapping of str to tuple of int
        Per article id, the sentences (with content words) that align with nothing in any
        other version.
    threshold : float
        The similarity threshold used.
    params : Mapping
        Weights and lexicon version, for the record.
    similarity : numpy.ndarray, optional
        The combined similarity of every pair of sentences, all versions' sentences in input
        order (``n x n``); kept so that :func:`~framing.compare.coverage.coverage` does not
        compute it again. Not part of the JSON form.
    """

    ids: tuple[str, ...]
    pairs: tuple[AlignedPair, ...]
    only: Mapping[str, tuple[int, ...]]
    threshold: float
    params: Mapping[str, Any] = field(default_factory=lambda: MappingProxyType({}))
    similarity: np.ndarray | None = field(default=None, repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "only", MappingProxyType(dict(self.only)))
        object.__setattr__(self, "params", MappingProxyType(dict(self.params)))

    def counterparts(self, article_id: str, index: int) -> list[tuple[str, int, float]]:
        """The sentences aligned with one sentence: ``(article_id, index, similarity)``."""
        out = []
        for p in self.pairs:
            if p.a == article_id and p.i == index:
                out.append((p.b, p.j, p.similarity))
            elif p.b == article_id and p.j == index:
                out.append((p.a, p.i, p.similarity))
        return sorted(out, key=lambda x: -x[2])

    def covered_by(self, article_id: str, index: int) -> frozenset[str]:
        """Ids of the other versions that carry a counterpart of this sentence."""
        return frozenset(x[0] for x in self.counterparts(article_id, index))

    def to_frame(self) -> Any:
        """Tidy table of the pairs: ``a, i, b, j, similarity, words, chars, entities, shared``
        (a pandas DataFrame; ``shared`` joined by spaces)."""
        import pandas as pd

        return pd.DataFrame(
            [
                (
                    p.a,
                    p.i,
                    p.b,
                    p.j,
                    p.similarity,
                    p.words,
                    p.chars,
                    p.entity_score,
                    " ".join(p.shared),
                )
                for p in self.pairs
            ],
            columns=["a", "i", "b", "j", "similarity", "words", "chars", "entities", "shared"],
        )

    def to_dict(self) -> dict[str, Any]:
        """JSON form of the output contract: ``{"pairs": [...], "only": {id: [...]}}``."""
        return {
            "pairs": [p.to_dict() for p in self.pairs],
            "only": {k: list(v) for k, v in self.only.items()},
            "threshold": self.threshold,
            "params": dict(self.params),
        }

    def __repr__(self) -> str:
        only = ", ".join(f"{k}={len(v)}" for k, v in self.only.items())
        return f"<Alignment versions={len(self.ids)} pairs={len(self.pairs)} only: {only}>"


# --- alignment ------------------------------------------------------------------------


def _identity(x: Sequence[str]) -> Sequence[str]:
    return x


def _char_wb_ngrams(text: str, lo: int, hi: int) -> list[str]:
    """scikit-learn's ``char_wb`` analyzer (lower-cased): n-grams inside space-padded words."""
    grams: list[str] = []
    for w in RE_WHITESPACE_RUN.sub(" ", text.lower()).split():
        w = f" {w} "
        size = len(w)
        for n in range(lo, hi + 1):
            offset = 0
            grams.append(w[:n])
            while offset + n < size:
                offset += 1
                grams.append(w[offset : offset + n])
            if offset == 0:  # a short word counts once
                break
    return grams


# Above this many pairwise products the sparse product of scikit-learn (SciPy) is used.
_PAIR_BUDGET = 2_000_000


def _tfidf_gram(
    docs: list[Any],
    *,
    analyzer: Any,
    ngram_range: tuple[int, int] = (1, 1),
    binary: bool = False,
    **kw: Any,
) -> np.ndarray:
    """Cosine matrix of L2-normalised TF-IDF rows (zeros when there is no vocabulary).

    The values of scikit-learn's ``TfidfVectorizer(sublinear_tf=True, ...)`` followed by
    the sparse product ``m @ m.T``, computed the same way (``1 + ln(tf)`` times
    ``idf = ln((n + 1) / (df + 1)) + 1``, each row divided by the square root of its sum
    of squares, each product summed term by term in the order scikit-learn stores a row's
    terms: the order in which the terms first appear in ``docs``), so the numbers are the
    same to the last bit (``tests/features/test_fast_paths.py``). Written out
    here because importing ``sklearn.feature_extraction`` costs about a second, half of a
    ``framing compare`` run; beyond ``_PAIR_BUDGET`` products scikit-learn does it.
    ``analyzer`` is a callable (documents are sequences of terms) or ``"char_wb"``;
    ``kw`` holds the other ``TfidfVectorizer`` arguments the callers pass, which do not
    change the result here (``lowercase`` and ``token_pattern`` with a callable analyzer).
    """
    if callable(analyzer):
        counts = [Counter(analyzer(d)) for d in docs]
    else:
        lo, hi = ngram_range
        counts = [Counter(_char_wb_ngrams(d, lo, hi)) for d in docs]
    n = len(docs)
    index: dict[str, int] = {}  # term -> order of first appearance
    for cnt in counts:
        for t in cnt:
            index.setdefault(t, len(index))
    if not index:
        return np.zeros((n, n))
    rows = [sorted((index[t], c) for t, c in cnt.items()) for cnt in counts]
    df = np.zeros(len(index), dtype=np.float64)
    postings: list[list[tuple[int, int]]] = [[] for _ in index]
    for i, row in enumerate(rows):
        for pos, (k, _) in enumerate(row):
            postings[k].append((i, pos))
    for k, post in enumerate(postings):
        df[k] = len(post)
    if sum(len(p) ** 2 for p in postings) > _PAIR_BUDGET:
        return _sklearn_tfidf_gram(
            docs, analyzer=analyzer, ngram_range=ngram_range, binary=binary, **kw
        )
    idf = np.full_like(df, fill_value=n + 1)
    idf /= df + 1.0
    np.log(idf, out=idf)
    idf += 1.0
    tf = np.fromiter((1 if binary else c for row in rows for _, c in row), np.float64)
    np.log(tf, out=tf)
    tf += 1.0
    tf *= idf[np.fromiter((k for row in rows for k, _ in row), np.intp)]
    values: list[list[float]] = []
    start = 0
    for row in rows:
        vals = tf[start : start + len(row)].tolist()
        start += len(row)
        total = 0.0
        for v in vals:
            total += v * v
        if total != 0.0:
            norm = math.sqrt(total)
            vals = [v / norm for v in vals]
        values.append(vals)
    gram = [[0.0] * n for _ in range(n)]
    for post in postings:  # order of first appearance: each product is summed in that order
        pairs = [(i, values[i][pos]) for i, pos in post]
        for i, vi in pairs:
            out = gram[i]
            for j, vj in pairs:
                out[j] += vi * vj
    return np.asarray(gram, dtype=np.float64).reshape(n, n)


def _sklearn_tfidf_gram(docs: list[Any], **kw: Any) -> np.ndarray:
    """:func:`_tfidf_gram` by scikit-learn (the reference; used for large inputs)."""
    from sklearn.feature_extraction.text import TfidfVectorizer

    try:
        m = TfidfVectorizer(sublinear_tf=True, **kw).fit_transform(docs)
    except ValueError:  # empty vocabulary
        return np.zeros((len(docs), len(docs)))
    # sparse product: the matrices are tiny and mostly zero; dense BLAS only adds overhead
    return np.asarray((m @ m.T).todense())


def similarity_matrices(
    keys: Sequence[SentenceKeys], *, weights: tuple[float, float, float] = DEFAULT_WEIGHTS
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairwise similarities of a flat list of sentences (all versions together).

    Returns ``(combined, words, chars, entities)``, each an ``n x n`` array.
    """
    ws = _tfidf_gram(
        [k.terms for k in keys], analyzer=_identity, lowercase=False, token_pattern=None
    )
    cs = _tfidf_gram([k.surface for k in keys], analyzer="char_wb", ngram_range=(3, 5))
    es = _tfidf_gram(
        [k.entities for k in keys],
        analyzer=_identity,
        lowercase=False,
        token_pattern=None,
        binary=True,
    )
    combined = weights[0] * ws + weights[1] * cs + weights[2] * es
    return combined, ws, cs, es


def align(
    docs: Sequence[Document],
    *,
    threshold: float = DEFAULT_THRESHOLD,
    weights: tuple[float, float, float] = DEFAULT_WEIGHTS,
) -> Alignment:
    """Align the sentences of two or more versions of one story.

    Parameters
    ----------
    docs : sequence of Document
        The versions (processed articles), at least two, with unique article ids.
    threshold : float
        Minimum combined similarity for two sentences to align, in ``(0, 1]``.
    weights : tuple of three floats
        Weights of the word, character and entity similarities; non-negative, sum > 0
        (they are normalised to sum to 1).

    Returns
    -------
    Alignment

    Raises
    ------
    ValidationError
        With fewer than two documents, duplicate ids, a threshold outside ``(0, 1]`` or
        bad weights.

    See Also
    --------
    framing.compare.coverage.coverage : group the ``only`` sentences into content units.
    """
    if isinstance(docs, Document) or len(docs) < 2:
        raise ValidationError(
            "align() needs a sequence of at least two Documents (versions of one story); "
            f"got {type(docs).__name__ if isinstance(docs, Document) else len(docs)}."
        )
    ids = [d.article.id for d in docs]
    if len(set(ids)) != len(ids):
        raise ValidationError(f"article ids must be unique within an alignment; got {ids}.")
    if not 0.0 < threshold <= 1.0:
        raise ValidationError(f"The 'threshold' of align() must be in (0, 1]; got {threshold!r}.")
    if len(weights) != 3 or min(weights) < 0 or sum(weights) <= 0:
        raise ValidationError(
            f"The 'weights' of align() must be three non-negative numbers with a positive sum "
            f"(words, chars, entities); got {weights!r}."
        )
    total = float(sum(weights))
    wts = (weights[0] / total, weights[1] / total, weights[2] / total)

    keys: list[SentenceKeys] = []
    owner: list[tuple[int, int]] = []  # flat row -> (doc position, sentence index)
    for d_pos, (doc, doc_keys) in enumerate(zip(docs, story_keys(docs), strict=True)):
        for s, k in zip(doc.sentences, doc_keys, strict=True):
            keys.append(k)
            owner.append((d_pos, s.index))
    combined, ws, cs, es = similarity_matrices(keys, weights=wts)
    doc_of = np.array([o[0] for o in owner], dtype=int)
    rows_of = [np.flatnonzero(doc_of == p) for p in range(len(docs))]
    df = _document_frequency(keys)

    pairs: list[AlignedPair] = []
    matched = np.zeros(len(keys), dtype=bool)
    for pa in range(len(docs)):
        for pb in range(pa + 1, len(docs)):
            ra, rb = rows_of[pa], rows_of[pb]
            if not len(ra) or not len(rb):
                continue
            block = combined[np.ix_(ra, rb)]
            for x, y in zip(*np.nonzero(block >= threshold), strict=True):
                r, s = int(ra[x]), int(rb[y])
                matched[r] = matched[s] = True
                shared = set(keys[r].terms) & set(keys[s].terms)
                ents = set(keys[r].entities) & set(keys[s].entities)
                order = sorted(shared, key=lambda t: (df.get(t, 0), t))
                pairs.append(
                    AlignedPair(
                        a=ids[pa],
                        i=owner[r][1],
                        b=ids[pb],
                        j=owner[s][1],
                        similarity=float(min(1.0, combined[r, s])),
                        shared=tuple(order),
                        entities=tuple(t for t in order if t in ents),
                        words=float(ws[r, s]),
                        chars=float(cs[r, s]),
                        entity_score=float(es[r, s]),
                    )
                )
    only = {
        ids[p]: tuple(owner[r][1] for r in rows_of[p] if not matched[r] and keys[r].terms)
        for p in range(len(docs))
    }
    params = {"weights": list(wts), "lexicon": _paraphrases().id, "stemmer": "snowball.en"}
    return Alignment(tuple(ids), tuple(pairs), only, float(threshold), params, combined)


def _document_frequency(keys: Sequence[SentenceKeys]) -> dict[str, int]:
    df: dict[str, int] = {}
    for k in keys:
        for t in set(k.terms):
            df[t] = df.get(t, 0) + 1
    return df
