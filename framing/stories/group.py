"""Group a pile of articles into stories: the same event told by different outlets.

Method (see ``docs/stories.md``):

1. Each article becomes one TF-IDF vector (scikit-learn :class:`TfidfVectorizer`, sublinear
   term frequency, English stop words) over its title (counted ``title_weight`` times), its
   lead (the first ``lead_chars`` characters of the body, counted once more) and its body.
   A second TF-IDF block holds the article's capitalised words that do not start a sentence
   (a cheap stand-in for named entities), scaled by ``entity_weight``; the two blocks are
   stacked and L2-normalised. A character n-gram TF-IDF block (``analyzer="char_wb"``,
   :data:`CHAR_NGRAMS`) of the same text matches wording variants (``sanction`` /
   ``sanctions`` / ``sanctioned``, ``Biden's`` / ``Biden``); it is combined with the word
   block so that the similarity of two articles is one cosine, ``(1 - char_weight)`` times
   the word cosine plus ``char_weight`` times the character cosine.
2. Two articles whose dates are both known and lie more than ``window_days`` apart never
   share a story (their distance is made prohibitive); missing dates are allowed.
3. Two articles of the same outlet get ``outlet_penalty`` added to their distance: one
   outlet rarely publishes two articles on one event in a pile (a soft constraint).
4. Thresholds are relative to the pile (``scale="z"``): ``threshold`` counts standard
   deviations above the mean cosine of all pairs in the pile (:func:`pile_background`), so
   one setting serves short leads (NeuS, mean ~0.015) and full articles (mean ~0.05).
   Articles are linked when their cosine similarity exceeds that level; the connected
   components of that graph are blocks (exact for average and complete linkage: two
   clusters whose mean similarity exceeds the threshold hold at least one such pair), and
   each block is clustered with :class:`~sklearn.cluster.AgglomerativeClustering`
   (precomputed distances ``1 - cosine``, ``distance_threshold = 1 - threshold``).
5. Second pass (:func:`merge_mutual_best`, ``merge_threshold``, same scale): clusters of
   known, disjoint outlets that are each other's best match merge, re-uniting stories
   whose versions are worded unlike each other.

The defaults were chosen on the NeuS (AllSides) *train* split only, under a limit on how
much of a null pile (PolNeAR dev, nearly all different events) gets grouped, and are
reported on NeuS *val* by :mod:`framing.evaluate.stories`.
"""

from __future__ import annotations

import hashlib
import string
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any, Literal

import numpy as np

from framing.errors import ValidationError
from framing.types import Article

__all__ = [
    "CHAR_NGRAMS",
    "DEFAULT_CHAR_WEIGHT",
    "DEFAULT_ENTITY_WEIGHT",
    "DEFAULT_LINKAGE",
    "DEFAULT_MERGE_THRESHOLD",
    "DEFAULT_OUTLET_PENALTY",
    "DEFAULT_THRESHOLD",
    "DEFAULT_TITLE_WEIGHT",
    "Background",
    "Story",
    "StoryLink",
    "StoryVectors",
    "article_document",
    "cluster_similarities",
    "group_stories",
    "merge_mutual_best",
    "pile_background",
    "story_vectors",
]

Linkage = Literal["average", "complete", "single"]

#: Similarity above which articles join a story, in standard deviations above the pile's
#: mean pairwise cosine (``scale="z"``; chosen on NeuS train under the null-pile limit).
DEFAULT_THRESHOLD = 12.0
#: Agglomerative linkage (chosen on NeuS train).
DEFAULT_LINKAGE: Linkage = "average"
#: Weight of the capitalised-word (entity) block against the word block.
DEFAULT_ENTITY_WEIGHT = 0.0
#: Share of the character n-gram cosine in the similarity (chosen on NeuS train).
DEFAULT_CHAR_WEIGHT = 0.3
#: Lengths of the character n-grams (``analyzer="char_wb"``: n-grams inside word boundaries).
CHAR_NGRAMS = (3, 5)
#: How many times the title is counted.
DEFAULT_TITLE_WEIGHT = 2
#: Added to the distance of two articles of the same outlet.
DEFAULT_OUTLET_PENALTY = 0.5
#: Characters of the body counted once more as the lead.
DEFAULT_LEAD_CHARS = 400
#: Merge threshold of the second pass (same scale as the threshold; chosen on NeuS train).
DEFAULT_MERGE_THRESHOLD = 4.0
#: Prior of the background similarity, worth PRIOR_PAIRS pairs (small piles lean on it).
PRIOR_MEAN, PRIOR_STD, PRIOR_PAIRS = 0.03, 0.025, 300
#: Pairs used to estimate the background (all of them up to this, else a sample).
MAX_PAIRS = 200_000
#: Share of the most similar pairs left out of the background.
TRIM = 0.02
#: Distance of pairs that may never share a story (dates outside the window).
FORBIDDEN = 1e6
#: At most this many pairwise similarities are kept as a story's evidence.
MAX_EVIDENCE = 50

_PUNCT = string.punctuation + "“”‘’«»—–…"
_SENTENCE_END = (".", "!", "?", ":", "\u201d", '"')
_UNKNOWN_OUTLETS = frozenset({"", "unknown"})


@dataclass(frozen=True, slots=True)
class StoryLink:
    """Evidence: the cosine similarity of two member articles of a story."""

    a: str
    b: str
    similarity: float

    def to_dict(self) -> dict[str, Any]:
        """``{a, b, similarity}``."""
        return {"a": self.a, "b": self.b, "similarity": round(float(self.similarity), 4)}


@dataclass(frozen=True, slots=True)
class Story:
    """One story: articles of (usually) different outlets about the same event.

    Attributes
    ----------
    id : str
        Stable identifier derived from the sorted member ids (``story-<8 hex>``).
    article_ids, outlets, titles, dates : tuple
        The members, in input order, with their outlet, title and date.
    label : tuple of str
        The story's top TF-IDF terms (summed over the members).
    evidence : tuple of StoryLink
        Pairwise cosine similarities of the members (strongest first, at most
        :data:`MAX_EVIDENCE`).
    """

    id: str
    article_ids: tuple[str, ...]
    outlets: tuple[str, ...]
    titles: tuple[str | None, ...]
    dates: tuple[str | None, ...]
    label: tuple[str, ...]
    evidence: tuple[StoryLink, ...] = field(default=())

    @property
    def size(self) -> int:
        """Number of member articles."""
        return len(self.article_ids)

    def to_dict(self) -> dict[str, Any]:
        """JSON form (see ``docs/stories.md``)."""
        return {
            "id": self.id,
            "size": self.size,
            "label": list(self.label),
            "outlets": sorted(set(self.outlets)),
            "articles": [
                {"id": i, "outlet": o, "title": t, "date": d}
                for i, o, t, d in zip(
                    self.article_ids, self.outlets, self.titles, self.dates, strict=True
                )
            ],
            "evidence": [e.to_dict() for e in self.evidence],
        }


@dataclass(frozen=True, slots=True)
class StoryVectors:
    """The vectors of a pile of articles and what is needed to compare them.

    ``matrix`` rows are L2-normalised (cosine = dot product; the word and entity blocks and,
    with a ``char_weight``, the character n-gram block); ``words`` is the word block alone
    (for labels) with its ``vocabulary`` (feature names).
    """

    matrix: Any
    words: Any
    vocabulary: np.ndarray
    days: np.ndarray  # date ordinal per article, -1 when unknown
    outlets: np.ndarray  # outlet index per article, -1 when unknown


def _body(article: Article) -> str:
    return article.text[article.body_start :] if article.body_start else article.text


def _title(article: Article) -> str:
    if article.title:
        return article.title
    span = article.headline_span
    return article.text[span[0] : span[1]] if span else ""


def article_document(
    article: Article,
    *,
    title_weight: int = DEFAULT_TITLE_WEIGHT,
    lead_chars: int = DEFAULT_LEAD_CHARS,
) -> str:
    """The text that represents an article: title x ``title_weight``, lead, body."""
    body = _body(article)
    lead = body[:lead_chars]
    if len(body) > lead_chars and " " in lead:
        lead = lead[: lead.rfind(" ")]
    return "\n".join([_title(article)] * title_weight + [lead, body])


def _capitalised(text: str) -> list[str]:
    """Capitalised words that do not start a sentence (lower-cased), in order."""
    out: list[str] = []
    start = True
    for raw in text.split():
        word = raw.strip(_PUNCT)
        if word and word[0].isupper() and not start and len(word) > 1:
            out.append(word.lower())
        start = raw.endswith(_SENTENCE_END) or raw.endswith("\n")
    return out


def _ordinal(value: str | None) -> int:
    if not value:
        return -1
    try:
        return date.fromisoformat(str(value)[:10]).toordinal()
    except ValueError:
        return -1


def story_vectors(
    articles: Sequence[Article],
    *,
    entity_weight: float = DEFAULT_ENTITY_WEIGHT,
    title_weight: int = DEFAULT_TITLE_WEIGHT,
    lead_chars: int = DEFAULT_LEAD_CHARS,
    char_weight: float = DEFAULT_CHAR_WEIGHT,
) -> StoryVectors:
    """Vectorise a pile of articles (TF-IDF fitted on the pile itself).

    Parameters
    ----------
    articles : sequence of Article
        The pile.
    entity_weight : float
        Weight of the capitalised-word block against the word block (0: off).
    title_weight : int
        How many times the title is counted.
    lead_chars : int
        Characters of the body counted once more as the lead.
    char_weight : float
        Share in [0, 1] of the character n-gram cosine in the similarity (0: words only).

    Returns
    -------
    StoryVectors
        Rows L2-normalised; a dot product is ``(1 - char_weight) * word cosine +
        char_weight * character cosine``.
    """
    if not 0.0 <= char_weight <= 1.0:
        raise ValidationError(f"char_weight must be in [0, 1]; got {char_weight!r}.")
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.preprocessing import normalize

    docs = [
        article_document(a, title_weight=title_weight, lead_chars=lead_chars) for a in articles
    ]
    word_vec = TfidfVectorizer(
        sublinear_tf=True, stop_words="english", strip_accents="unicode", dtype=np.float64
    )
    try:
        words = word_vec.fit_transform(docs)
        vocab = word_vec.get_feature_names_out()
    except ValueError:  # empty vocabulary: nothing but stop words
        words = sparse.csr_matrix((len(docs), 0))
        vocab = np.array([], dtype=object)
    blocks = [words]
    if entity_weight > 0:
        ent_vec = TfidfVectorizer(
            sublinear_tf=True, analyzer=_capitalised, strip_accents=None, dtype=np.float64
        )
        try:
            ents = ent_vec.fit_transform(docs)
            blocks.append(ents * float(entity_weight))
        except ValueError:
            pass
    stacked = sparse.hstack(blocks).tocsr()
    # a pile of stop words (or punctuation) alone has no feature: nothing to normalise
    matrix = normalize(stacked) if stacked.shape[1] else stacked
    if char_weight > 0:
        char_vec = TfidfVectorizer(
            sublinear_tf=True,
            analyzer="char_wb",
            ngram_range=CHAR_NGRAMS,
            strip_accents="unicode",
            dtype=np.float64,
        )
        try:
            chars = normalize(char_vec.fit_transform(docs))
        except ValueError:  # no text at all
            chars = sparse.csr_matrix((len(docs), 0), dtype=np.float64)
        matrix = sparse.hstack(
            [matrix * np.sqrt(1.0 - char_weight), chars * np.sqrt(char_weight)]
        ).tocsr()
    outlet_ids: dict[str, int] = {}
    outlets = np.array(
        [
            -1
            if a.outlet.strip().lower() in _UNKNOWN_OUTLETS
            else outlet_ids.setdefault(a.outlet.strip().lower(), len(outlet_ids))
            for a in articles
        ],
        dtype=int,
    )
    days = np.array([_ordinal(a.date) for a in articles], dtype=int)
    return StoryVectors(matrix, words, vocab, days, outlets)


@dataclass(frozen=True, slots=True)
class Background:
    """Typical cosine similarity of two articles of a pile: mean and standard deviation.

    Computed over the pairs of distinct articles (all pairs up to :data:`MAX_PAIRS`, else a
    seeded random sample of that many), leaving out the top :data:`TRIM` share (the pairs of
    one story, which would otherwise inflate the spread of a small pile), and shrunk toward
    :data:`PRIOR_MEAN` / :data:`PRIOR_STD` with the weight of :data:`PRIOR_PAIRS` pairs, so
    that a pile of two or three articles still has a sensible background.
    """

    mean: float
    std: float
    pairs: int

    def cosine(self, z: float) -> float:
        """The cosine similarity ``z`` standard deviations above the mean (at most 0.99)."""
        return float(min(self.mean + z * self.std, 0.99))


def pile_background(vectors: StoryVectors, *, seed: int = 0, chunk: int = 1024) -> Background:
    """The background similarity of a pile (see :class:`Background`)."""
    n = vectors.matrix.shape[0]
    total = n * (n - 1) // 2
    if total == 0:
        values = np.zeros(0)
    elif total <= MAX_PAIRS:
        dense = np.asarray((vectors.matrix @ vectors.matrix.T).todense(), dtype=float)
        values = dense[np.triu_indices(n, k=1)]
    else:
        rng = np.random.default_rng(seed)
        i = rng.integers(0, n, size=MAX_PAIRS)
        j = (i + rng.integers(1, n, size=MAX_PAIRS)) % n
        # the sampled pairs' cosines, read off row blocks of the similarity matrix (indexing
        # 200,000 sparse rows is far slower when rows are dense, as character n-grams are)
        values = np.empty(MAX_PAIRS)
        order = np.argsort(i, kind="stable")
        bounds = np.searchsorted(i[order], np.arange(0, n + chunk, chunk))
        for b, lo in enumerate(range(0, n, chunk)):
            pick = order[bounds[b] : bounds[b + 1]]
            if pick.size:
                block = vectors.matrix[lo : lo + chunk] @ vectors.matrix.T
                values[pick] = np.asarray(block[i[pick] - lo, j[pick]], dtype=float).ravel()
    if values.size:
        values = np.sort(values)[: max(1, int(np.ceil(values.size * (1 - TRIM))))]
    k = PRIOR_PAIRS
    mean = (float(values.sum()) + k * PRIOR_MEAN) / (values.size + k)
    second = (float((values**2).sum()) + k * (PRIOR_STD**2 + PRIOR_MEAN**2)) / (values.size + k)
    return Background(mean, float(np.sqrt(max(second - mean**2, 1e-12))), int(values.size))


def _distances(
    vectors: StoryVectors,
    rows: np.ndarray,
    cols: np.ndarray,
    *,
    window_days: float | None,
    outlet_penalty: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Cosine similarities and adjusted distances of ``rows`` x ``cols``."""
    sim = np.asarray((vectors.matrix[rows] @ vectors.matrix[cols].T).todense(), dtype=float)
    dist = 1.0 - sim
    if outlet_penalty:
        o_r, o_c = vectors.outlets[rows][:, None], vectors.outlets[cols][None, :]
        dist = dist + outlet_penalty * ((o_r == o_c) & (o_r >= 0))
    if window_days is not None:
        d_r, d_c = vectors.days[rows][:, None], vectors.days[cols][None, :]
        far = (d_r >= 0) & (d_c >= 0) & (np.abs(d_r - d_c) > window_days)
        dist = np.where(far, FORBIDDEN, dist)
    return sim, dist


def cluster_similarities(
    vectors: StoryVectors,
    *,
    threshold: float = DEFAULT_THRESHOLD,
    linkage: Linkage = DEFAULT_LINKAGE,
    window_days: float | None = 3,
    outlet_penalty: float = DEFAULT_OUTLET_PENALTY,
    chunk: int = 1024,
) -> np.ndarray:
    """Cluster labels (0..k-1, in order of first member) for vectorised articles.

    Blocks are the connected components of the graph of pairs whose adjusted distance is
    below ``1 - threshold``; blocks of three or more articles are clustered with
    agglomerative clustering (``single`` linkage keeps the components as they are).
    """
    from scipy import sparse
    from scipy.sparse.csgraph import connected_components
    from sklearn.cluster import AgglomerativeClustering

    n = vectors.matrix.shape[0]
    if n == 0:
        return np.zeros(0, dtype=int)
    cut = 1.0 - threshold
    all_rows = np.arange(n)
    src: list[np.ndarray] = []
    dst: list[np.ndarray] = []
    for lo in range(0, n, chunk):
        rows = all_rows[lo : lo + chunk]
        _, dist = _distances(
            vectors, rows, all_rows, window_days=window_days, outlet_penalty=outlet_penalty
        )
        r, c = np.nonzero(dist < cut)
        src.append(rows[r])
        dst.append(c)
    i, j = np.concatenate(src), np.concatenate(dst)
    graph = sparse.coo_matrix((np.ones(len(i)), (i, j)), shape=(n, n))
    _, comp = connected_components(graph, directed=False)
    labels = np.full(n, -1, dtype=int)
    next_label = 0
    for c in np.unique(comp):
        members = np.flatnonzero(comp == c)
        if len(members) < 3 or linkage == "single":
            labels[members] = next_label
            next_label += 1
            continue
        _, dist = _distances(
            vectors, members, members, window_days=window_days, outlet_penalty=outlet_penalty
        )
        np.fill_diagonal(dist, 0.0)
        dist = np.maximum(dist, 0.0)
        model = AgglomerativeClustering(
            n_clusters=None, metric="precomputed", linkage=linkage, distance_threshold=cut
        )
        sub = model.fit_predict(dist)
        labels[members] = sub + next_label
        next_label += int(sub.max()) + 1
    # renumber in order of first member, so labels are stable for a given input order
    order: dict[int, int] = {}
    return np.array([order.setdefault(int(x), len(order)) for x in labels], dtype=int)


def merge_mutual_best(
    vectors: StoryVectors,
    labels: np.ndarray,
    *,
    threshold: float = DEFAULT_MERGE_THRESHOLD,
    window_days: float | None = 3,
    max_rounds: int = 10,
    chunk: int = 1024,
) -> np.ndarray:
    """Second pass: merge clusters that are each other's best compatible match.

    Two clusters are compatible when every member of both has a known outlet, no outlet
    occurs in both, and all their dates fit in the window (the pass rests on the outlet
    constraint, so articles of unknown outlet never take part). The similarity of two
    clusters is the mean cosine of their member pairs (computed from summed vectors).
    Mutual best matches above ``threshold`` merge; rounds repeat until nothing merges.
    Stories split by a strict first pass (a version worded unlike the others) are
    re-united without chaining: a merge needs both sides to prefer each other over every
    other compatible cluster. ``threshold`` is a cosine here; with an absolute cosine as low
    as NeuS favours (0.04) it glues unrelated full articles together, hence the relative
    scale of :func:`group_stories`.
    """
    from scipy import sparse

    labels = labels.copy()
    n = len(labels)
    n_outlets = int(vectors.outlets.max()) + 1 if n else 0
    for _ in range(max_rounds):
        k = int(labels.max()) + 1 if n else 0
        if k < 2:
            break
        member = sparse.csr_matrix((np.ones(n), (labels, np.arange(n))), shape=(k, n))
        size = np.asarray(member.sum(axis=1)).ravel()
        summed = member @ vectors.matrix
        known = vectors.outlets >= 0
        has_outlet = sparse.csr_matrix(
            (np.ones(int(known.sum())), (labels[known], vectors.outlets[known])),
            shape=(k, max(n_outlets, 1)),
        )
        unknown = np.bincount(labels[~known], minlength=k)
        all_known = unknown == 0
        days = vectors.days.astype(float)
        dated = days >= 0
        lo = np.full(k, np.inf)
        hi = np.full(k, -np.inf)
        np.minimum.at(lo, labels[dated], days[dated])
        np.maximum.at(hi, labels[dated], days[dated])
        best = np.full(k, -1)
        best_sim = np.full(k, -np.inf)
        for start in range(0, k, chunk):
            rows = np.arange(start, min(start + chunk, k))
            sim = np.asarray((summed[rows] @ summed.T).todense()) / np.outer(size[rows], size)
            clash = np.asarray((has_outlet[rows] @ has_outlet.T).todense()) > 0
            sim[clash] = -np.inf
            sim[:, ~all_known] = -np.inf
            sim[~all_known[rows], :] = -np.inf
            if window_days is not None:
                span = np.maximum(hi[rows][:, None], hi[None, :]) - np.minimum(
                    lo[rows][:, None], lo[None, :]
                )
                sim[np.isfinite(span) & (span > window_days)] = -np.inf
            sim[np.arange(len(rows)), rows] = -np.inf
            best[rows] = np.argmax(sim, axis=1)
            best_sim[rows] = sim[np.arange(len(rows)), best[rows]]
        merged = False
        target = np.arange(k)
        for i in range(k):
            j = best[i]
            if i < j and best[j] == i and best_sim[i] > threshold:
                target[j] = i
                merged = True
        if not merged:
            break
        labels = target[labels]
        order: dict[int, int] = {}
        labels = np.array([order.setdefault(int(x), len(order)) for x in labels], dtype=int)
    return labels


def _story(
    articles: Sequence[Article], members: np.ndarray, vectors: StoryVectors, n_terms: int
) -> Story:
    ids = tuple(articles[k].id for k in members)
    digest = hashlib.sha1("\x1f".join(sorted(ids)).encode("utf-8")).hexdigest()[:8]
    label: tuple[str, ...] = ()
    if vectors.words.shape[1]:
        weights = np.asarray(vectors.words[members].sum(axis=0)).ravel()
        top = np.argsort(-weights, kind="stable")[:n_terms]
        label = tuple(str(vectors.vocabulary[t]) for t in top if weights[t] > 0)
    links: list[StoryLink] = []
    if len(members) > 1:
        sim = np.asarray((vectors.matrix[members] @ vectors.matrix[members].T).todense())
        for x in range(len(members)):
            for y in range(x + 1, len(members)):
                links.append(StoryLink(ids[x], ids[y], float(sim[x, y])))
        links.sort(key=lambda e: -e.similarity)
    return Story(
        id=f"story-{digest}",
        article_ids=ids,
        outlets=tuple(articles[k].outlet for k in members),
        titles=tuple(articles[k].title for k in members),
        dates=tuple(articles[k].date for k in members),
        label=label,
        evidence=tuple(links[:MAX_EVIDENCE]),
    )


def group_stories(
    articles: Sequence[Article],
    *,
    window_days: float | None = 3,
    threshold: float = DEFAULT_THRESHOLD,
    merge_threshold: float | None = DEFAULT_MERGE_THRESHOLD,
    scale: Literal["z", "cosine"] = "z",
    linkage: Linkage = DEFAULT_LINKAGE,
    outlet_penalty: float = DEFAULT_OUTLET_PENALTY,
    entity_weight: float = DEFAULT_ENTITY_WEIGHT,
    title_weight: int = DEFAULT_TITLE_WEIGHT,
    lead_chars: int = DEFAULT_LEAD_CHARS,
    n_terms: int = 5,
    char_weight: float = DEFAULT_CHAR_WEIGHT,
) -> list[Story]:
    """Group articles into stories (same event, different outlets).

    Parameters
    ----------
    articles : sequence of Article
        The pile; ids must be unique.
    window_days : float or None
        Articles whose dates (both known) are more than this many days apart never share a
        story; ``None`` switches the window off. Missing dates are allowed.
    threshold : float
        Similarity above which articles (or clusters, under the linkage) merge. With
        ``scale="z"`` (default) it counts standard deviations above the pile's mean pairwise
        cosine (:func:`pile_background`), which holds for short leads and full articles
        alike; with ``scale="cosine"`` it is a cosine similarity in [0, 1).
    merge_threshold : float or None
        Second pass (:func:`merge_mutual_best`), on the same scale: clusters with no outlet in
        common that are each other's best match merge when their mean similarity exceeds
        this. ``None`` skips the pass.
    scale : {"z", "cosine"}
        How ``threshold`` and ``merge_threshold`` are read.
    linkage : {"average", "complete", "single"}
        How the similarity of two clusters is computed.
    outlet_penalty : float
        Added to the distance of two articles of the same (known) outlet; 0 switches it off.
    entity_weight : float
        Weight of the capitalised-word block (0: words only).
    title_weight : int
        How many times the title counts.
    lead_chars : int
        Characters of the body counted once more as the lead.
    n_terms : int
        Number of top terms in each story's label.
    char_weight : float
        Share in [0, 1] of the character n-gram cosine (:data:`CHAR_NGRAMS`, within word
        boundaries) in the similarity of two articles; the rest is the word cosine. It
        matches wording variants; 0 gives words only.

    Returns
    -------
    list of Story
        Every article in exactly one story (singletons included), in order of each story's
        first member in the input.

    Raises
    ------
    ValidationError
        When ids repeat or a parameter is out of range.
    """
    if linkage not in ("average", "complete", "single"):
        raise ValidationError(f"linkage must be average, complete or single; got {linkage!r}.")
    if scale not in ("z", "cosine"):
        raise ValidationError(f"scale must be 'z' or 'cosine'; got {scale!r}.")
    if scale == "cosine" and not 0.0 <= threshold < 1.0:
        raise ValidationError(f"a cosine threshold must be in [0, 1); got {threshold!r}.")
    seen: set[str] = set()
    for a in articles:
        if a.id in seen:
            raise ValidationError(f"article id {a.id!r} appears twice; ids must be unique.")
        seen.add(a.id)
    articles = list(articles)
    if not articles:
        return []
    vectors = story_vectors(
        articles,
        entity_weight=entity_weight,
        title_weight=title_weight,
        lead_chars=lead_chars,
        char_weight=char_weight,
    )
    if scale == "z":
        bg = pile_background(vectors)
        cos_threshold = max(bg.cosine(threshold), 0.0)
        cos_merge = None if merge_threshold is None else bg.cosine(merge_threshold)
    else:
        cos_threshold, cos_merge = threshold, merge_threshold
    labels = cluster_similarities(
        vectors,
        threshold=cos_threshold,
        linkage=linkage,
        window_days=window_days,
        outlet_penalty=outlet_penalty,
    )
    if cos_merge is not None:
        labels = merge_mutual_best(vectors, labels, threshold=cos_merge, window_days=window_days)
    return [
        _story(articles, np.flatnonzero(labels == k), vectors, n_terms)
        for k in range(int(labels.max()) + 1)
    ]
