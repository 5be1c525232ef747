"""Vectorised token scorer of the loaded-language model (numpy; the same floats as before).

:meth:`~framing.features.loaded_model.LoadedModel.token_scores_reference` scores each token
from the feature *strings* of :func:`~framing.features.loaded_model.token_features`;
:class:`~framing.features.loaded_model._TokenScorer` looks the same weights up by template,
one token at a time. :class:`LoadedVectorizer` computes the scorer's sums for all sentences
of an article in one pass:

* per distinct token text (cached for the process): what the token adds by itself (the
  word, affix, shape, length, valence, n-gram and prior features, summed by
  ``_TokenScorer._own_sums``), what it adds as a neighbour at -2 .. +2, the id of its
  normalised word and its values for the biased-sentence classifier; per distinct tag the
  same for the part-of-speech templates;
* the sentences are laid out with two padding positions on each side holding the ``<s>`` /
  ``</s>`` values of the reference, so that neighbours never cross a sentence;
* the pair templates (``w-1,w``, ``w,w+1``, ``pos-1,pos``, ``pos,pos+1``, ``pos,w``) become
  integer keys of two value ids, looked up together in a hash table
  (:class:`framing.features._cue_vectors._KeyTable`, names parsed by
  :func:`framing.features._cue_vectors._parse_names`, which cuts a name at every ``|`` so
  that words holding ``|`` still find their weights).

The terms are added array by array in the order in which ``_TokenScorer.scores`` adds them
to each token, and the sigmoid is Python's, so every probability is the same float.
:meth:`LoadedVectorizer.score` also gives every sentence's biased probability, the float of
:meth:`~framing.features.loaded_model.LoadedModel.sentence_score` (its terms summed left to
right per sentence).
"""

from __future__ import annotations

import math
import threading
from collections.abc import Mapping, Sequence
from itertools import chain, repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.errors import ValidationError
from framing.features._cue_vectors import _gc_paused, _KeyTable, _parse_names, group_arrays

if TYPE_CHECKING:
    from framing.features.loaded_model import _TokenScorer

__all__ = ["LoadedVectorizer", "parsed_weights"]

_PAD = 2
"""Padding positions on each side of a sentence (the widest window is two tokens)."""
_PAIRS = ("w-1,w=", "w,w+1=", "pos-1,pos=", "pos,pos+1=", "pos,w=")
_LEFT, _RIGHT = 0, 1  # padding rows of the word and tag tables
_COLS = 8  # columns of the word table
_QUOTES = frozenset({'"', "“", "”"})  # the sentence classifier's "quote" feature
_SUMMARY = ("tok_max", "tok_top3", "tok_n50", "quote", "len")  # its last features
_GRID_WIDTH = 256  # sentences with more classifier terms are summed one by one
_CACHE_LIMIT = 1 << 16
"""Distinct token texts kept before the word cache is emptied."""


# the names parsed for the vectorizer: the token scorer's pair templates, the sentence
# classifier's word and pair features (prefix -> number of values)
_PARSED = {
    "token": dict.fromkeys(_PAIRS, 2),
    "sentence": {"u=": 1, "b=": 2},
}


def parsed_weights(weights: Mapping[str, float], kind: str) -> dict[str, Any]:
    """The names of the templates the vectorizer parses, parsed, with their weights.

    What :class:`LoadedVectorizer` otherwise computes from the names at load time, for the
    model file (``kind`` ``"token"``: the pair templates; ``"sentence"``: the ``u=`` and
    ``b=`` features): ``templates`` (``[prefix, number of values]``), ``values`` (the value
    vocabulary, in id order), ``weights`` (of the parsed names) and per template the value
    ids of its names, flattened, and the index of each name in ``weights``. A name holding
    ``|`` inside a value is there once per way to cut it
    (:func:`framing.features._cue_vectors._parse_names`).
    """
    arity = _PARSED[kind]
    groups = {p: g for g, p in enumerate(arity)}
    names = [n for n in weights if n.startswith(tuple(arity))]
    with _gc_paused():
        ids, _, vals, rows = _parse_names(names, groups, arity)
    return {
        "templates": [[p, a] for p, a in arity.items()],
        "values": list(ids),
        "weights": [float(weights[n]) for n in names],
        "groups": [[v.ravel().tolist(), rws.tolist()] for v, rws in zip(vals, rows, strict=True)],
    }


def _parsed_or_parse(
    stored: Mapping[str, Any] | None, weights: Mapping[str, float], kind: str
) -> tuple[dict[str, int], np.ndarray, list[np.ndarray], list[np.ndarray]]:
    """Value ids, the weights of the parsed names, and per template the value ids
    ``[entries, arity]`` and weight row of each entry: read from the model file's parsed
    tables when they are for these templates, else parsed from the names
    (:func:`parsed_weights`)."""
    arity = _PARSED[kind]
    if stored is None or stored.get("templates") != [[p, a] for p, a in arity.items()]:
        stored = parsed_weights(weights, kind)
    try:
        values = stored["values"]
        w = np.asarray(stored["weights"], dtype=np.float64)
        if w.ndim != 1:
            raise ValueError("the weights are not a flat list")
        vals, rows = group_arrays(stored["groups"], list(arity.values()), len(values), len(w))
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(
            f"the loaded-language model's parsed {kind} tables are malformed ({exc}); "
            "convert the model file again with: python scripts/convert_models.py"
        ) from None
    return {v: k for k, v in enumerate(values)}, w, vals, rows


class LoadedVectorizer:
    """Token probabilities of many sentences at once, equal to ``_TokenScorer.scores``.

    Parameters
    ----------
    scorer : _TokenScorer
        The per-template weight tables of the loaded model (its per-word sums are reused).
    cache_limit : int
        The per-word values are cached for the process; the cache is emptied when it holds
        more than this many distinct token texts.
    """

    def __init__(self, scorer: _TokenScorer, *, cache_limit: int = _CACHE_LIMIT) -> None:
        self.scorer = scorer
        self.cache_limit = cache_limit
        stored = getattr(scorer.model, "_stored", {})
        # the pair templates: keys of two value ids -> weight rows
        ids, pair_w, group_vals, group_rows = _parsed_or_parse(
            stored.get("pairs"), scorer.model.token_weights, "token"
        )
        self.ids = ids
        self._base = len(ids) + 1
        span = self._base**2
        self._span = span
        mult = np.array([self._base, 1], dtype=np.int64)
        keys = np.concatenate(
            [np.zeros(0, dtype=np.int64)] + [g * span + v @ mult for g, v in enumerate(group_vals)]
        )
        rows = np.concatenate([np.zeros(0, dtype=np.int64), *group_rows])
        self._pair_w = np.concatenate([pair_w, [0.0]])
        self._zero = len(pair_w)
        self._keys = _KeyTable(keys, rows)
        # the sentence classifier: "u=" word and "b=" pair weights by value ids
        sids, sent_w, (uni, bi), (uni_rows, bi_rows) = _parsed_or_parse(
            stored.get("sentence"), scorer.model.sentence_weights, "sentence"
        )
        self.sent_ids = sids
        self._sent_w = np.concatenate([sent_w, [0.0]])
        self._sent_zero = len(sent_w)
        self._uni = np.full(len(sids) + 1, self._sent_zero, dtype=np.int64)
        self._uni[uni[:, 0] + 1] = uni_rows
        self._sbase = len(sids) + 1
        pair_keys = bi @ np.array([self._sbase, 1], dtype=np.int64)
        self._bigrams = _KeyTable(pair_keys, bi_rows)
        sw = scorer.model.sentence_weights
        self._summary_w = np.array([float(sw.get(n, 0.0)) for n in _SUMMARY])
        self._lock = threading.Lock()
        self._reset_words()
        self._tag_index: dict[str, int] = {}
        self._tag_rows: list[tuple[float, ...]] = [
            (*scorer._tag_part("<s>"), float(ids.get("<s>", -1))),
            (*scorer._tag_part("</s>"), float(ids.get("</s>", -1))),
        ]
        self._tag_table = np.array(self._tag_rows)

    def __getstate__(self) -> dict[str, Any]:
        """State for copies and pickles (without the cache lock, which cannot be copied)."""
        state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    # --- caches ------------------------------------------------------------------------
    def _reset_words(self) -> None:
        """Empty the word cache: only the padding rows (``<s>`` and ``</s>``)."""
        s = self.scorer
        self._word_index: dict[str, int] = {}
        # own, nb-1, nb+1, nb-2, nb+2, word id, sentence-classifier word id, quotation mark
        self._words = np.zeros((4096, _COLS))
        self._words[_LEFT] = (np.nan, *s.start, self.ids.get("<s>", -1), -1, 0)
        self._words[_RIGHT] = (np.nan, *s.end, self.ids.get("</s>", -1), -1, 0)
        self._n_words = 2

    def _word_rows(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Rows of ``words`` in the word cache, and the cache's table."""
        from framing.features.loaded_model import _norm

        with self._lock:
            index = self._word_index
            get = index.get
            idx = list(map(get, words, repeat(-1)))
            if -1 in idx:
                if len(index) > self.cache_limit:
                    self._reset_words()
                    index = self._word_index
                new = [w for w in dict.fromkeys(words) if w not in index]
                start = self._n_words
                need = start + len(new)
                if need > len(self._words):
                    grown = np.zeros((max(need, 2 * len(self._words)), _COLS))
                    grown[:start] = self._words[:start]
                    self._words = grown
                s, ids, sids = self.scorer, self.ids, self.sent_ids
                added = []
                for w, z in zip(new, s._own_sums(new), strict=True):
                    low = _norm(w)
                    added.append(
                        (
                            math.nan if z is None else z,
                            *s._neighbour(low),
                            ids.get(low, -1),
                            sids.get(low, -1),
                            float(w in _QUOTES),
                        )
                    )
                if new:
                    flat = chain.from_iterable(added)
                    self._words[start:need] = np.fromiter(
                        flat, dtype=np.float64, count=len(new) * _COLS
                    ).reshape(len(new), _COLS)
                for x, w in enumerate(new, start=start):
                    index[w] = x
                self._n_words = need
                idx = list(map(index.__getitem__, words))
            return np.fromiter(idx, dtype=np.int64, count=len(idx)), self._words

    def _tag_table_rows(self, tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """Rows of ``tags`` in the tag table (own and neighbour weights, tag id)."""
        with self._lock:
            index = self._tag_index
            get = index.get
            idx = list(map(get, tags, repeat(-1)))
            if -1 in idx:
                if len(index) > self.cache_limit:  # only the padding rows
                    index.clear()
                    del self._tag_rows[2:]
                for t in dict.fromkeys(tags):
                    if t not in index:
                        index[t] = len(self._tag_rows)
                        self._tag_rows.append(
                            (*self.scorer._tag_part(t), float(self.ids.get(t, -1)))
                        )
                self._tag_table = np.array(self._tag_rows)
                idx = list(map(index.__getitem__, tags))
            return np.fromiter(idx, dtype=np.int64, count=len(idx)), self._tag_table

    def _pairs(self, left: np.ndarray, right: np.ndarray) -> np.ndarray:
        """Weights of the pair templates for value ids ``left`` | ``right``, ``[group, n]``.

        Row ``g`` of ``left`` and ``right`` holds the values of template ``_PAIRS[g]``.
        """
        groups = np.arange(len(left), dtype=np.int64)[:, None]
        key = groups * self._span + left * self._base + right
        key[(left < 0) | (right < 0)] = -1
        return self._pair_w[self._keys.get(key.ravel(), self._zero)].reshape(key.shape)

    # --- scoring -----------------------------------------------------------------------
    def scores(
        self,
        sentences: Sequence[Sequence[str]],
        cats: Sequence[Sequence[str | None]],
        tags: Sequence[Sequence[str]],
    ) -> list[list[float]]:
        """Probability that each word is loaded (0 for punctuation), per sentence.

        Parameters
        ----------
        sentences : sequence of sequences of str
            The tokens of each sentence, as written.
        cats : sequence of sequences of (str or None)
            The lexicon category of each token (same shape).
        tags : sequence of sequences of str
            The part-of-speech tag of each token (same shape; tags are used as given).

        Returns
        -------
        list of list of float
            The probabilities of ``_TokenScorer.scores`` for each sentence.
        """
        return self.score(sentences, cats, tags, sentences_too=False)[0]

    def score(
        self,
        sentences: Sequence[Sequence[str]],
        cats: Sequence[Sequence[str | None]],
        tags: Sequence[Sequence[str]],
        *,
        sentences_too: bool = True,
    ) -> tuple[list[list[float]], list[float]]:
        """Token probabilities per sentence and each sentence's biased probability.

        The arguments are those of :meth:`scores`. The sentence probabilities are those of
        :meth:`~framing.features.loaded_model.LoadedModel.sentence_score` over the token
        probabilities (an empty list when ``sentences_too`` is false).
        """
        if len(sentences) != len(cats) or len(sentences) != len(tags):
            raise ValueError("sentences, cats and tags must have the same length")
        lens = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
        for s, c, t in zip(sentences, cats, tags, strict=True):
            if len(c) != len(s) or len(t) != len(s):
                raise ValueError("sentences, cats and tags must have the same shape")
        n = int(lens.sum())
        if n == 0:
            empty = self._sentence_probs(
                np.zeros(0), np.zeros(0, dtype=bool), np.zeros((0, _COLS)), lens, [], []
            )
            return [[] for _ in sentences], empty if sentences_too else []
        words = [w for s in sentences for w in s]
        flat_tags = [t for ts in tags for t in ts]
        flat_cats = [c for cs in cats for c in cs]
        widx, wtab = self._word_rows(words)
        tidx, ttab = self._tag_table_rows(flat_tags)
        # padded layout: two positions on each side of every sentence
        sent_of = np.repeat(np.arange(len(lens)), lens)
        first = np.cumsum(lens) - lens
        i_in = np.arange(n, dtype=np.int64) - first[sent_of]
        width = lens + 2 * _PAD
        offs = np.cumsum(width) - width
        pos = offs[sent_of] + _PAD + i_in
        total = int(width.sum())
        left = (offs[:, None] + np.arange(_PAD)).ravel()
        wpos = np.full(total, _RIGHT, dtype=np.int64)
        wpos[left] = _LEFT
        wpos[pos] = widx
        tpos = np.full(total, _RIGHT, dtype=np.int64)
        tpos[left] = _LEFT
        tpos[pos] = tidx
        pw = wtab[wpos]  # [positions, 6]
        pt = ttab[tpos]  # [positions, 6]
        own = pw[pos, 0]
        is_word = ~np.isnan(own)
        # the terms, in the order _TokenScorer.scores adds them
        z = own.copy()
        z += ((pw[pos - 1, 1] + pw[pos + 1, 2]) + pw[pos - 2, 3]) + pw[pos + 2, 4]
        wid = pw[:, 5].astype(np.int64)
        tid = pt[:, 5].astype(np.int64)
        w_0, w_l, w_r, t_0 = wid[pos], wid[pos - 1], wid[pos + 1], tid[pos]
        pairs = self._pairs(
            np.stack([w_l, w_0, tid[pos - 1], t_0, t_0]),
            np.stack([w_0, w_r, t_0, tid[pos + 1], w_0]),
        )
        z += pairs[0] + pairs[1]
        s = self.scorer
        lex, lex_1, lex_none = s.lex, s.lex_1, s.lex_none
        z += np.array([lex_none if c is None else lex.get(c, 0.0) for c in flat_cats])
        prev = np.array([0.0, *[lex_1.get(c, 0.0) if c else 0.0 for c in flat_cats[:-1]]])
        prev[first[lens > 0]] = 0.0  # no lex-1 for the first token of a sentence
        z += prev
        tag_sum = pt[pos, 0] + pt[pos - 1, 1]
        tag_sum += pt[pos + 1, 2]
        tag_sum += pt[pos - 2, 3]
        tag_sum += pt[pos + 2, 4]
        tag_sum += pairs[2]
        tag_sum += pairs[3]
        tag_sum += pairs[4]
        z += tag_sum
        rel = np.minimum((5 * i_in / np.maximum(lens, 1)[sent_of]).astype(np.int64), 4)
        z += np.asarray(s.relpos)[rel]
        z = s.bias + z
        exp = math.exp
        probs = [
            (1.0 / (1.0 + exp(-x)) if x >= 0 else exp(x) / (1.0 + exp(x))) if ok else 0.0
            for x, ok in zip(z.tolist(), is_word.tolist(), strict=True)
        ]
        out: list[list[float]] = []
        at = 0
        for k in lens.tolist():
            out.append(probs[at : at + k])
            at += k
        if not sentences_too:
            return out, []
        sent = self._sentence_probs(np.array(probs), is_word, pw[pos], lens, cats, flat_cats)
        return out, sent

    def _sentence_probs(
        self,
        probs: np.ndarray,
        is_word: np.ndarray,
        rows: np.ndarray,
        lens: np.ndarray,
        cats: Sequence[Sequence[str | None]],
        flat_cats: Sequence[str | None],
    ) -> list[float]:
        """The biased-sentence probability of every sentence (``LoadedModel.sentence_score``).

        Its terms, in the order in which ``sentence_score`` adds them (distinct words, then
        distinct word pairs, lexicon categories, the summary features), are laid out in one
        row per sentence and summed left to right (:func:`numpy.add.accumulate`); a term
        of weight 0 (a word the classifier does not know) changes no sum and is left out.
        """
        model = self.scorer.model
        n_sent = len(lens)
        sent_of = np.repeat(np.arange(n_sent), lens)
        sw = self._sent_w
        # the words of each sentence (tokens with a letter or digit), their number and scale
        at = np.flatnonzero(is_word)
        s_w = sent_of[at]
        n_words = np.bincount(s_w, minlength=n_sent)
        scale = 1.0 / np.sqrt(np.maximum(n_words, 1).astype(np.float64))
        sid = rows[at, 6].astype(np.int64)
        terms_s: list[np.ndarray] = []  # sentence, phase, order, value of every term
        terms_v: list[np.ndarray] = []
        terms_k: list[np.ndarray] = []
        terms_o: list[np.ndarray] = []
        # phase 0: distinct words; phase 1: distinct pairs of consecutive words
        uni = self._uni[sid + 1]
        same = s_w[:-1] == s_w[1:]
        left, right = sid[:-1][same], sid[1:][same]
        key = left * self._sbase + right
        key[(left < 0) | (right < 0)] = -1
        pair = self._bigrams.get(key, self._sent_zero)
        for phase, r, sents in ((0, uni, s_w), (1, pair, s_w[:-1][same])):
            known = np.flatnonzero(r != self._sent_zero)
            if not len(known):
                continue
            r, sents = r[known], sents[known]
            _, first = np.unique(sents * (len(sw) + 1) + r, return_index=True)
            first.sort()  # first occurrences, in sentence order
            terms_s.append(sents[first])
            terms_k.append(np.full(len(first), phase))
            terms_o.append(known[first])
            terms_v.append(sw[r[first]] * scale[sents[first]])
        # phase 2: lexicon categories by first occurrence, weight x count
        w = model.sentence_weights
        cat_s, cat_o, cat_v = [], [], []
        if any(flat_cats):
            for k, cs in enumerate(cats):
                if not any(cs):  # no category in the sentence: no term
                    continue
                counts: dict[str, float] = {}
                for c in cs:
                    if c:
                        counts[c] = counts.get(c, 0.0) + 1.0
                for x, (c, m) in enumerate(counts.items()):
                    cat_s.append(k)
                    cat_o.append(x)
                    cat_v.append(w.get(f"cat={c}", 0.0) * m)
        terms_s.append(np.array(cat_s, dtype=np.int64))
        terms_k.append(np.full(len(cat_s), 2))
        terms_o.append(np.array(cat_o, dtype=np.int64))
        terms_v.append(np.array(cat_v, dtype=np.float64))
        # phase 3: the summary features (_sentence_summary)
        order = np.lexsort((-probs, sent_of))  # each sentence's probabilities, descending
        first_tok = np.cumsum(lens) - lens
        rank = np.arange(len(probs)) - first_tok[sent_of[order]]
        ranked = probs[order]
        top = np.zeros((n_sent, 3))
        keep = rank < 3
        top[sent_of[order][keep], rank[keep]] = ranked[keep]
        top3 = ((top[:, 0] + top[:, 1]) + top[:, 2]) / 3.0
        tok_max = top[:, 0]
        n50 = np.bincount(sent_of, weights=probs >= 0.5, minlength=n_sent)
        quote = np.bincount(sent_of, weights=rows[:, 7], minlength=n_sent) > 0
        length = np.minimum(n_words, 60) / 60.0
        summary = np.stack([tok_max, top3, n50, quote.astype(np.float64), length], axis=1)
        values = summary * self._summary_w
        terms_s.append(np.repeat(np.arange(n_sent), len(_SUMMARY)))
        terms_k.append(np.full(n_sent * len(_SUMMARY), 3))
        terms_o.append(np.tile(np.arange(len(_SUMMARY)), n_sent))
        terms_v.append(values.ravel())
        ts, tk, to, tv = (np.concatenate(x) for x in (terms_s, terms_k, terms_o, terms_v))
        order = np.lexsort((to, tk, ts))
        ts, tv = ts[order], tv[order]
        per = np.bincount(ts, minlength=n_sent)
        starts = np.cumsum(per) - per
        col = np.arange(len(ts)) - starts[ts]
        # one row per sentence; a sentence of very many terms is summed alone (in Python)
        wide = per > _GRID_WIDTH
        narrow = col < _GRID_WIDTH
        grid = np.zeros((n_sent, min(int(per.max(initial=0)), _GRID_WIDTH)))
        grid[ts[narrow], col[narrow]] = tv[narrow]
        totals = np.add.accumulate(grid, axis=1)[:, -1] if grid.shape[1] else np.zeros(n_sent)
        for k in np.flatnonzero(wide).tolist():
            total = 0.0
            for v in tv[starts[k] : starts[k] + per[k]].tolist():
                total += v
            totals[k] = total
        exp = math.exp
        out = []
        for t in totals.tolist():
            x = model.sentence_bias + t
            out.append(1.0 / (1.0 + exp(-x)) if x >= 0 else exp(x) / (1.0 + exp(x)))
        return out
