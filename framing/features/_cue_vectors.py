"""Vectorised scoring of the attribution cue tagger (numpy; same numbers as the reference).

:class:`~framing.features.attribution_model.CueTagger` scores one token at a time from the
feature *strings* that :func:`~framing.features.attribution_model.sentence_features` builds
(``"w-1w=the|minister"``); that reference implementation is what the training script uses.
At run time :class:`CueVectorizer` computes the same sums without building any string:

* at load time every feature name of the model is parsed into its **template** (the name's
  prefix, e.g. ``"w-1w="``) and its values (``"the"``, ``"minister"``); every value gets an
  integer id. One-value templates get dense tables (value id -> weight row); templates of
  several values get integer keys combined from their value ids, in a hash table;
* each token has **channels** (its lower-cased word, suffix, shape, stem, POS tag, lexicon
  classes, position ...). The channels of a word (a tag) are computed once per distinct token
  text (tag) and cached for the process, together with the summed weights of all one-value
  templates over them, per offset (what the word adds to the token 1, 2 ... positions away);
* per article, the sentences are laid out with four padding positions on each side that carry
  the reference's boundary values (``<s>``, ``</s>``, ``-`` or nothing), so that offsets never
  cross a sentence; the score of every token is then a few gathers over these arrays
  (:func:`numpy.take`), one hash lookup for all multi-value keys, and sums.

A value the model never saw has id -1, like an absent feature (a feature the model has no
weight for adds nothing). A feature name is parsed at every ``|`` split, so words that
contain ``|`` still find their weights.

Adding a feature template
-------------------------
Add the string feature to ``token_features`` / ``context_features`` (the reference, used by
training) and the matching line to :data:`TEMPLATES`: its name prefix and the (channel,
offset) of each ``|``-joined value. A template over a new kind of per-token value also needs
the channel in :data:`CHANNELS` and its values: in :meth:`CueVectorizer._word_row` for a
function of the token text (and in :data:`_WORD_CHANNELS`), in :meth:`CueVectorizer._tags`
for one of the tag, else in :meth:`CueVectorizer._layout`. The equivalence tests
(``tests/features/test_cue_vectors.py``) compare both implementations, including on a model
that holds every feature the reference emits.
"""

from __future__ import annotations

import gc
import threading
from bisect import bisect_left
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cache
from itertools import chain, combinations, repeat
from typing import TYPE_CHECKING, Any

import numpy as np

from framing.errors import ValidationError
from framing.features.attribution_model import (
    _LEFT_MARKERS,
    _LEFT_TAGS,
    _QUOTE_MARKS,
    _RIGHT_MARKERS,
    _RIGHT_TAGS,
    _shape,
    _stem,
)
from framing.features.wordclasses import load_word_classes
from framing.types import Token

if TYPE_CHECKING:
    from framing.features.attribution_model import CueTagger

__all__ = [
    "CHANNELS",
    "TEMPLATES",
    "CueVectorizer",
    "Template",
    "feature_tables",
    "load_cue_vectorizer",
    "names_from_tables",
]

_PAD = 4
"""Padding positions on each side of a sentence (the widest window is four tokens)."""
_QMARK3 = ("“", "”", '"')
_WORD_CACHE_LIMIT = 50_000
"""Distinct token texts kept in the per-process cache (about 330 bytes each)."""


@dataclass(frozen=True, slots=True)
class Template:
    """One feature template: the name is ``prefix + "|".join(values of parts)``.

    Parameters
    ----------
    prefix : str
        The feature name up to its values (``"w-1w="``, ``"lexcue"``, ``"y:prevlex"``).
    parts : tuple of (str, int)
        The channel and token offset of each value. A flag is a channel whose value is the
        empty string when it fires (``("cue", 0)`` gives ``"lexcue"``). The feature is absent
        when any part has no value (outside the sentence for most channels).
    """

    prefix: str
    parts: tuple[tuple[str, int], ...]


def _t(prefix: str, *parts: tuple[str, int]) -> Template:
    return Template(prefix, tuple(parts))


# Channels: per-token values, with their value outside the sentence (left, right), None when
# a feature reading that position is absent.
CHANNELS: Mapping[str, tuple[str | None, str | None]] = {
    "one": (None, None),  # "" on every token (the bias feature)
    "w": ("<s>", "</s>"),  # lower-cased word, as token_features pads it
    "lw": ("<s>", "<s>"),  # lower-cased word, as context_features pads it
    "s3": (None, None),  # last three characters of the lower-cased word
    "shape": (None, None),  # _shape of the word
    "st": (_stem("<s>"), _stem("<s>")),  # _stem of the lower-cased word
    "lex": (None, None),  # reporting_verbs.en "kind/stance" of the word
    "cue": (None, None),  # "" when reporting_verbs.en knows the word
    "src": (None, None),  # sources.en category of the word
    "qm3": (None, None),  # "" for “ ” "
    "rmark": (None, None),  # the word when in _RIGHT_MARKERS
    "lmark": (None, None),  # the word when in _LEFT_MARKERS
    "q": (None, None),  # "True"/"False": inside a quotation
    "first": (None, None),  # "True"/"False": first token of the sentence
    "last": (None, None),  # "True"/"False": one of the last two tokens
    "ptag": ("-", "-"),  # POS tag, absent in an untagged sentence (token_features)
    "ctag": ("-", "-"),  # POS tag, "-" in an untagged sentence (context_features)
    "rtag": (None, None),  # the tag when in _RIGHT_TAGS (tagged sentences)
    "ltag": (None, None),  # the tag when in _LEFT_TAGS (tagged sentences)
    "sentlex": (None, None),  # min(3, reporting_verbs.en words in the sentence)
    "hasq": (None, None),  # "True"/"False": the sentence holds a quotation mark
    "pos": (None, None),  # relative position in the sentence, 0..4
    "vc": (None, None),  # WordNet class of the first verb sense (framing.features.wordclasses)
    "vf": (None, None),  # WordNet frames of the first verb senses
    "nc": (None, None),  # WordNet class of the first noun sense
    "vcs": (None, None),  # WordNet classes of the first verb senses
}

# The one list of templates: token_features first, then context_features, in their order.
TEMPLATES: tuple[Template, ...] = (
    # --- token_features
    _t("bias", ("one", 0)),
    _t("w=", ("w", 0)),
    _t("s3=", ("s3", 0)),
    _t("shape=", ("shape", 0)),
    _t("w-1=", ("w", -1)),
    _t("w+1=", ("w", 1)),
    _t("w-2=", ("w", -2)),
    _t("w+2=", ("w", 2)),
    _t("w-1w=", ("w", -1), ("w", 0)),
    _t("ww+1=", ("w", 0), ("w", 1)),
    _t("q=", ("q", 0)),
    _t("first=", ("first", 0)),
    _t("last=", ("last", 0)),
    _t("lex=", ("lex", 0)),
    _t("lexcue", ("cue", 0)),
    _t("lexcue-1", ("cue", -1)),
    _t("src-1=", ("src", -1)),
    _t("shape-1=", ("shape", -1)),
    _t("lexcue+1", ("cue", 1)),
    _t("src+1=", ("src", 1)),
    _t("shape+1=", ("shape", 1)),
    _t("p=", ("ptag", 0)),
    _t("p-1=", ("ptag", -1)),
    _t("p+1=", ("ptag", 1)),
    _t("p-1p=", ("ptag", -1), ("ptag", 0)),
    _t("pp+1=", ("ptag", 0), ("ptag", 1)),
    _t("p+1p+2=", ("ptag", 1), ("ptag", 2)),
    _t("p-2p-1=", ("ptag", -2), ("ptag", -1)),
    _t("src=", ("src", 0)),
    *(_t("qmarkL", ("qm3", -d)) for d in (3, 2, 1)),
    *(_t("qmarkR", ("qm3", d)) for d in (0, 1, 2, 3)),
    # --- context_features
    _t("x:st=", ("st", 0)),
    _t("x:wp=", ("lw", 0), ("ctag", 0)),
    _t("x:st-1=", ("st", -1)),
    _t("x:st+1=", ("st", 1)),
    _t("x:w-2w-1=", ("lw", -2), ("lw", -1)),
    _t("x:w+1w+2=", ("lw", 1), ("lw", 2)),
    _t("y:sentlex=", ("sentlex", 0)),
    _t("y:hasq=", ("hasq", 0)),
    _t("y:pos=", ("pos", 0)),
    _t("x:stp=", ("st", 0), ("ctag", 0)),
    _t("x:w-1p=", ("lw", -1), ("ctag", 0)),
    _t("x:pw+1=", ("ctag", 0), ("lw", 1)),
    _t("z:p-2p-1p=", ("ctag", -2), ("ctag", -1), ("ctag", 0)),
    _t("z:pp+1p+2=", ("ctag", 0), ("ctag", 1), ("ctag", 2)),
    *(_t(f"w:R{d}=", ("rmark", d)) for d in (1, 2, 3, 4)),
    *(_t("z:Rp=", ("rtag", d)) for d in (1, 2, 3, 4)),
    *(_t(f"w:L{d}=", ("lmark", -d)) for d in (1, 2, 3, 4)),
    *(_t("z:Lp=", ("ltag", -d)) for d in (1, 2, 3, 4)),
    *(_t("z:Lsrc=", ("src", -d)) for d in (1, 2, 3, 4)),
    _t("y:prevlex", ("cue", -1), ("ctag", 0)),  # "y:prevlex|<tag>" after a lexicon cue
    _t("v:vc=", ("vc", 0)),
    _t("v:vf=", ("vf", 0)),
    _t("v:vcf=", ("vc", 0), ("vf", 0)),
    _t("v:nc=", ("nc", 0)),
    _t("v:vcs=", ("vcs", 0)),
    _t("v:vcp=", ("vc", 0), ("ctag", 0)),
    _t("v:ncp=", ("nc", 0), ("ctag", 0)),
    _t("v:vc-1=", ("vc", -1)),
    _t("v:vc+1=", ("vc", 1)),
)

# channels whose values come from the word alone (cached per distinct token text), in the
# column order of the word table (two flags follow: reporting_verbs.en form, quotation mark)
_CLASS_CHANNELS = ("vc", "vf", "nc", "vcs")
_WORD_CHANNELS = (
    *("w", "lw", "s3", "shape", "st", "lex", "cue", "src", "qm3", "rmark", "lmark"),
    *_CLASS_CHANNELS,
)


def _no_classes(word: str) -> tuple[str, ...]:
    """Word classes for a model without weights on them: values no model knows."""
    return ("",) * len(_CLASS_CHANNELS)


# channels whose values come from the POS tag and whether the sentence is tagged
_TAG_CHANNELS = ("ptag", "ctag", "rtag", "ltag")
# special rows of the word table (padding) and of the tag table (+ untagged sentences)
_LEFT, _RIGHT, _UNTAGGED = 0, 1, 2


class CueVectorizer:
    """The cue tagger's class probabilities for whole articles at once.

    Parameters
    ----------
    tagger : CueTagger
        The loaded model (its ``weights``, ``bias``, ``classes`` and ``meta["link"]``).
    maps : tuple of (dict, dict)
        ``(cue_words, source_words)`` from
        :func:`~framing.features.attribution_model.cue_lexicon_maps`.
    templates : sequence of Template
        The feature templates (default :data:`TEMPLATES`).
    cache_limit : int
        The per-word values are cached for the process; the cache is emptied when it holds
        more than this many distinct token texts.

    Notes
    -----
    :meth:`scores` equals ``[tagger.scores(f) for f in sentence_features(...)]`` up to
    floating-point summation order (differences below 1e-12).
    """

    def __init__(
        self,
        tagger: CueTagger,
        maps: tuple[Mapping[str, str], Mapping[str, str]],
        templates: Sequence[Template] = TEMPLATES,
        *,
        cache_limit: int = _WORD_CACHE_LIMIT,
    ) -> None:
        self.classes = tuple(tagger.classes)
        self.meta: Mapping[str, Any] = dict(tagger.meta)
        self.ovr = tagger.meta.get("link") == "ovr"
        self.bias = np.asarray(tagger.bias, dtype=np.float64)
        self.cue_words, self.source_words = maps
        self.o_index = self.classes.index("O")
        self.cache_limit = cache_limit
        k = len(self.classes)
        self._chan_index = {c: x for x, c in enumerate(CHANNELS)}
        for tp in templates:
            for ch, off in tp.parts:
                if ch not in self._chan_index:
                    raise ValidationError(f"template {tp.prefix!r} reads unknown channel {ch!r}")
                if abs(off) > _PAD:
                    raise ValidationError(f"template {tp.prefix!r}: offset {off} > {_PAD}")
        groups, arity = _template_groups(templates)
        # value vocabulary and keys: as the model file stores them parsed (feature_tables),
        # else from every feature name (at every "|" split)
        n_names = len(tagger.weights)
        tables = getattr(tagger.weights, "tables", None)
        parsed = None if tables is None else _tables_parsed(tables, groups, arity, n_names)
        if parsed is None:
            with _gc_paused():
                parsed = _parse_names(list(tagger.weights), groups, arity)
        ids, group_of, group_vals, group_rows = parsed
        self.ids = ids
        # the WordNet table is read only for a model with weights on its classes
        reads_classes = {
            groups[tp.prefix]
            for tp in templates
            if any(ch in _CLASS_CHANNELS for ch, _ in tp.parts)
        }
        self._classes = (
            load_word_classes().of if reads_classes & {int(g) for g in group_of} else _no_classes
        )
        base = len(ids) + 1
        max_arity = max(arity.values(), default=1)
        if len(groups) * base**max_arity >= 2**62:
            raise ValidationError(
                f"the cue model has too many feature values ({len(ids)}) for 64-bit keys"
            )
        span = base**max_arity
        keys = np.concatenate(
            [np.zeros(0, dtype=np.int64)]
            + [
                g * span + gv @ (base ** np.arange(gv.shape[1] - 1, -1, -1, dtype=np.int64))
                for g, gv in zip(group_of, group_vals, strict=True)
            ]
        )
        rows_all = np.concatenate([np.zeros(0, dtype=np.int64), *group_rows])
        matrix = getattr(tagger.weights, "matrix", None)
        if matrix is not None:  # ColumnarWeights: the rows as the model file stores them
            if matrix.shape != (n_names, k):
                raise ValidationError(
                    f"the cue model's weights must each have {k} values "
                    f"(one per class of {list(self.classes)})"
                )
            weights = matrix
        else:
            if set(map(len, tagger.weights.values())) - {k}:
                raise ValidationError(
                    f"the cue model's weights must each have {k} values "
                    f"(one per class of {list(self.classes)})"
                )
            weights = np.fromiter(
                chain.from_iterable(tagger.weights.values()),
                dtype=np.float64,
                count=n_names * k,
            ).reshape(n_names, k)
        # weight rows, with a zero row for "no feature" at the end
        self._weights = np.vstack([weights, np.zeros((1, k))])
        self._zero = n_names
        # one-value templates: dense tables (group, value id + 1) -> weight row
        single = sorted({groups[p] for p in groups if arity[p] == 1})
        dense_of = np.full(len(groups), -1, dtype=np.int64)
        dense_of[single] = np.arange(len(single))
        grp = keys // span
        is_single = dense_of[grp] >= 0
        self._dense = np.full((len(single), base + 1), self._zero, dtype=np.int32)
        self._dense[dense_of[grp[is_single]], keys[is_single] % span + 1] = rows_all[is_single]
        # templates of several values: a hash table of their keys -> weight row
        self._keys = _KeyTable(keys[~is_single], rows_all[~is_single])
        self._by_arity: list[tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]] = []
        for a in sorted(set(len(tp.parts) for tp in templates) - {1}):
            tps = [tp for tp in templates if len(tp.parts) == a]
            self._by_arity.append(
                (
                    np.array([groups[tp.prefix] * span for tp in tps], dtype=np.int64),
                    np.array([[self._chan_index[c] for c, _ in tp.parts] for tp in tps]),
                    np.array([[o for _, o in tp.parts] for tp in tps]),
                    base ** np.arange(a - 1, -1, -1, dtype=np.int64),
                )
            )
        # one-value templates over a word or tag channel: their weights summed per word (tag)
        # and offset, cached with the word (tag); the other one-value templates: per token
        ones = [tp for tp in templates if len(tp.parts) == 1]

        def plan(channels: tuple[str, ...]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            chosen = [tp for tp in ones if tp.parts[0][0] in channels]
            slots = np.zeros((len(chosen), 2 * _PAD + 1))
            for x, tp in enumerate(chosen):
                slots[x, _PAD - tp.parts[0][1]] = 1.0
            return (
                dense_of[[groups[tp.prefix] for tp in chosen]].astype(np.int64),
                np.array([channels.index(tp.parts[0][0]) for tp in chosen], dtype=np.int64),
                slots,
            )

        self._word_plan = plan(_WORD_CHANNELS)
        self._tag_plan = plan(_TAG_CHANNELS)
        others = [tp for tp in ones if tp.parts[0][0] not in _WORD_CHANNELS + _TAG_CHANNELS]
        self._single = (
            dense_of[[groups[tp.prefix] for tp in others]].astype(np.int64),
            np.array([self._chan_index[tp.parts[0][0]] for tp in others], dtype=np.int64),
            np.array([tp.parts[0][1] for tp in others], dtype=np.int64),
        )
        # value ids outside a sentence, per channel
        self._pad_left = np.array([self._id(p[0]) for p in CHANNELS.values()], dtype=np.int64)
        self._pad_right = np.array([self._id(p[1]) for p in CHANNELS.values()], dtype=np.int64)
        self._true, self._false = self._id("True"), self._id("False")
        self._empty = self._id("")
        self._small = np.array([self._id(str(x)) for x in range(5)], dtype=np.int64)
        self._word_chan = np.array([self._chan_index[c] for c in _WORD_CHANNELS])
        self._tag_chan = np.array([self._chan_index[c] for c in _TAG_CHANNELS])
        self._pos_chan = np.array(
            [x for c, x in self._chan_index.items() if c not in _WORD_CHANNELS + _TAG_CHANNELS]
        )
        self._lock = threading.Lock()
        self._reset_words()
        self._reset_tags()

    def _id(self, value: str | None) -> int:
        return -1 if value is None else self.ids.get(value, -1)

    def __getstate__(self) -> dict[str, Any]:
        """State for copies and pickles (without the cache lock, which cannot be copied)."""
        state = dict(self.__dict__)
        del state["_lock"]
        return state

    def __setstate__(self, state: dict[str, Any]) -> None:
        self.__dict__.update(state)
        self._lock = threading.Lock()

    # --- per-word and per-tag values (cached) -----------------------------------------
    def _offset_sums(self, ids: np.ndarray, plan: tuple[np.ndarray, ...]) -> np.ndarray:
        """Weights of the one-value templates of ``plan``, summed per offset.

        ``ids`` holds the channel value ids of some words (tags), one row each; the result
        ``[4 - offset, rows, classes]`` is what each adds to the token ``offset`` positions
        away.
        """
        dense, cols, slots = plan
        rows = self._dense[dense, ids[:, cols] + 1]  # [words, instances]
        w = np.take(self._weights, rows, axis=0)  # [words, instances, classes]
        return np.ascontiguousarray(np.tensordot(slots, w, axes=([0], [1])))

    def _reset_words(self) -> None:
        """Empty the word cache: only the padding rows (left and right of a sentence)."""
        chans = self._word_chan
        pads = np.zeros((2, len(_WORD_CHANNELS) + 2), dtype=np.int64)
        pads[_LEFT, : len(chans)] = self._pad_left[chans]
        pads[_RIGHT, : len(chans)] = self._pad_right[chans]
        self._word_rows: dict[str, int] = {}
        self._word_ids = np.zeros((4096, pads.shape[1]), dtype=np.int64)
        self._word_ids[:2] = pads
        self._word_vecs = np.zeros((2 * _PAD + 1, 4096, len(self.classes)))
        self._word_vecs[:, :2] = self._offset_sums(pads, self._word_plan)
        self._n_words = 2

    def _reset_tags(self) -> None:
        """Empty the tag cache: padding rows of a tagged sentence and the untagged row."""
        chans = self._tag_chan
        untagged = np.full(len(chans), -1, dtype=np.int64)
        untagged[_TAG_CHANNELS.index("ctag")] = self._pad_left[self._chan_index["ctag"]]
        self._tag_index: dict[str, int] = {}
        self._tag_ids = np.stack([self._pad_left[chans], self._pad_right[chans], untagged])
        self._tag_vecs = self._offset_sums(self._tag_ids, self._tag_plan)

    def _word_row(self, word: str) -> tuple[int, ...]:
        """Ids of the word channels of ``word`` (in :data:`_WORD_CHANNELS` order) + 2 flags."""
        get = self.ids.get
        low = word.lower()
        lid = get(low, -1)
        cue = self.cue_words.get(low)
        src = self.source_words.get(low)
        empty = self._empty
        return (
            lid,  # w
            lid,  # lw
            get(low[-3:], -1),  # s3
            get(_shape(word), -1),  # shape
            get(_stem(low), -1),  # st
            -1 if cue is None else get(cue, -1),  # lex
            -1 if cue is None else empty,  # cue
            -1 if src is None else get(src, -1),  # src
            empty if word in _QMARK3 else -1,  # qm3
            lid if low in _RIGHT_MARKERS else -1,  # rmark
            lid if low in _LEFT_MARKERS else -1,  # lmark
            *(get(c, -1) for c in self._classes(low)),  # vc, vf, nc, vcs
            int(cue is not None),  # a reporting_verbs.en form (sentlex, lexicon threshold)
            int(word in _QUOTE_MARKS),  # a quotation mark (hasq)
        )

    def _words(self, words: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows of ``words`` in the word cache, with the cache's id and sum tables.

        Rows already handed out never change in the returned tables (the cache grows into
        new arrays and is emptied into new arrays), so threads may share the vectorizer.
        """
        with self._lock:
            rows = self._word_rows
            get = rows.get
            idx = list(map(get, words, repeat(-1)))
            if -1 in idx:
                if len(rows) > self.cache_limit:
                    self._reset_words()
                    rows = self._word_rows
                new = [w for w in dict.fromkeys(words) if w not in rows]
                start = self._n_words
                need = start + len(new)
                if need > len(self._word_ids):
                    size = max(need, 2 * len(self._word_ids))
                    grown = np.zeros((size, self._word_ids.shape[1]), dtype=np.int64)
                    grown[:start] = self._word_ids[:start]
                    vecs = np.zeros((2 * _PAD + 1, size, len(self.classes)))
                    vecs[:, :start] = self._word_vecs[:, :start]
                    self._word_ids, self._word_vecs = grown, vecs
                width = self._word_ids.shape[1]
                flat = chain.from_iterable(map(self._word_row, new))
                added = np.fromiter(flat, dtype=np.int64, count=len(new) * width)
                added = added.reshape(len(new), width)
                self._word_ids[start:need] = added
                self._word_vecs[:, start:need] = self._offset_sums(added, self._word_plan)
                for x, w in enumerate(new, start=start):
                    rows[w] = x
                self._n_words = need
                idx = list(map(rows.__getitem__, words))
            return np.fromiter(idx, dtype=np.int64, count=len(idx)), self._word_ids, self._word_vecs

    def _tags(self, tags: Sequence[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Rows of ``tags`` in the tag cache, with the cache's id and sum tables."""
        with self._lock:
            index = self._tag_index
            get = index.get
            idx = list(map(get, tags, repeat(-1)))
            if -1 in idx:
                if len(index) > self.cache_limit:
                    self._reset_tags()
                    index = self._tag_index
                new = [t for t in dict.fromkeys(tags) if t not in index]
                added = np.array(
                    [
                        (
                            self._id(t),
                            self._id(t),
                            self._id(t) if t in _RIGHT_TAGS else -1,
                            self._id(t) if t in _LEFT_TAGS else -1,
                        )
                        for t in new
                    ],
                    dtype=np.int64,
                ).reshape(len(new), len(_TAG_CHANNELS))
                for x, t in enumerate(new, start=len(self._tag_ids)):
                    index[t] = x
                self._tag_vecs = np.concatenate(
                    [self._tag_vecs, self._offset_sums(added, self._tag_plan)], axis=1
                )
                self._tag_ids = np.concatenate([self._tag_ids, added])
                idx = list(map(index.__getitem__, tags))
            return np.fromiter(idx, dtype=np.int64, count=len(idx)), self._tag_ids, self._tag_vecs

    # --- layout ------------------------------------------------------------------------
    def _layout(
        self, sentences: Sequence[Sequence[Token]], in_quote: Sequence[Sequence[bool]]
    ) -> tuple[np.ndarray, ...]:
        """Channel values over the padded layout of the sentences.

        Every sentence gets four padding positions on each side. Returns ``(values
        [channels, positions], token positions, lexicon-cue flags, word row per position,
        word sums, tag row per position, tag sums)``.
        """
        lens = np.fromiter(map(len, sentences), dtype=np.int64, count=len(sentences))
        n = int(lens.sum())
        toks = list(chain.from_iterable(sentences))
        widx, word_ids, word_vecs = self._words([t.text for t in toks])
        tags = [t.pos for t in toks]
        tidx, tag_ids, tag_vecs = self._tags(tags)
        sent_of = np.repeat(np.arange(len(lens)), lens)
        idx_in = np.arange(n, dtype=np.int64) - (np.cumsum(lens) - lens)[sent_of]
        has_tag = np.fromiter(map(bool, tags), dtype=np.float64, count=n)
        tagged = np.bincount(sent_of, weights=has_tag, minlength=len(lens)) > 0
        width = lens + 2 * _PAD
        offs = np.cumsum(width) - width
        pos = offs[sent_of] + _PAD + idx_in
        left = (offs[:, None] + np.arange(_PAD)).ravel()
        total = int(width.sum())
        wpos = np.full(total, _RIGHT, dtype=np.int64)
        wpos[left] = _LEFT
        wpos[pos] = widx
        tpos = np.full(total, _RIGHT, dtype=np.int64)
        tpos[left] = _LEFT
        tpos[pos] = tidx
        if not tagged.all():
            tpos[np.repeat(~tagged, width)] = _UNTAGGED
        # the channel values: word and tag channels from their tables, the others per token
        at_words = np.take(word_ids, wpos, axis=0)
        words = at_words[pos]
        cue_flag = words[:, -2].astype(bool)
        padded = np.empty((len(CHANNELS), total), dtype=np.int64)
        padded[self._word_chan] = at_words[:, : len(_WORD_CHANNELS)].T
        padded[self._tag_chan] = np.take(tag_ids, tpos, axis=0).T
        ci = self._chan_index
        vals = np.empty((len(CHANNELS), n), dtype=np.int64)
        vals[ci["one"]] = self._empty
        inq = np.fromiter(chain.from_iterable(in_quote), dtype=bool, count=n)
        vals[ci["q"]] = np.where(inq, self._true, self._false)
        vals[ci["first"]] = np.where(idx_in == 0, self._true, self._false)
        vals[ci["last"]] = np.where(idx_in >= lens[sent_of] - 2, self._true, self._false)
        nlex = np.minimum(3, np.bincount(sent_of, weights=cue_flag, minlength=len(lens)))
        vals[ci["sentlex"]] = self._small[nlex.astype(np.int64)][sent_of]
        hasq = np.bincount(sent_of, weights=words[:, -1], minlength=len(lens)) > 0
        vals[ci["hasq"]] = np.where(hasq[sent_of], self._true, self._false)
        vals[ci["pos"]] = self._small[np.minimum(4, 5 * idx_in // np.maximum(lens[sent_of], 1))]
        pc = self._pos_chan
        block = np.empty((len(pc), total), dtype=np.int64)
        block[:] = self._pad_right[pc, None]
        block[:, left] = self._pad_left[pc, None]
        block[:, pos] = vals[pc]
        padded[pc] = block
        return padded, pos, cue_flag, wpos, word_vecs, tpos, tag_vecs

    # --- scoring -----------------------------------------------------------------------
    def logits(
        self, sentences: Sequence[Sequence[Token]], in_quote: Sequence[Sequence[bool]]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Per-class sums of weights (with the bias) of every token, and the lexicon flags.

        Parameters
        ----------
        sentences : sequence of sequences of Token
            The tokens of each sentence (empty sentences are allowed and contribute nothing).
        in_quote : sequence of sequences of bool
            Whether each token stands inside a quotation (same shape as ``sentences``).

        Returns
        -------
        (ndarray, ndarray)
            ``z`` of shape ``(n_tokens, n_classes)`` over the concatenated sentences, and
            whether ``reporting_verbs.en`` knows each token (the ``lexcue`` feature).
        """
        if len(sentences) != len(in_quote) or any(
            len(s) != len(q) for s, q in zip(sentences, in_quote, strict=False)
        ):
            raise ValueError("sentences and in_quote must have the same shape")
        n = sum(map(len, sentences))
        k = len(self.classes)
        if n == 0:
            return np.zeros((0, k)), np.zeros(0, dtype=bool)
        padded, pos, cue_flag, wpos, word_vecs, tpos, tag_vecs = self._layout(sentences, in_quote)
        # the word and tag templates: what the word (tag) at each offset adds to the token
        z = np.empty((n, k))
        z[:] = self.bias
        for off in range(-_PAD, _PAD + 1):
            z += np.take(word_vecs[_PAD - off], wpos[pos + off], axis=0)
            z += np.take(tag_vecs[_PAD - off], tpos[pos + off], axis=0)
        # the other one-value templates
        total = padded.shape[1]
        flat = padded.ravel()
        dense, chans, offs = self._single
        v = np.take(flat, (chans * total + offs)[:, None] + pos)  # [instances, tokens]
        z += np.take(self._weights, self._dense[dense[:, None], v + 1], axis=0).sum(axis=0)
        # templates of several values
        for gbase, chans, offs, mult in self._by_arity:
            v = np.take(flat, (chans * total + offs)[:, :, None] + pos)  # [inst, parts, tok]
            key = gbase[:, None] + np.tensordot(mult, v, axes=([0], [1]))
            key[(v < 0).any(axis=1)] = -1
            rows = self._keys.get(key.ravel(), self._zero)
            z += np.take(self._weights, rows, axis=0).reshape(len(gbase), n, k).sum(axis=0)
        return z, cue_flag

    def probabilities(self, z: np.ndarray) -> np.ndarray:
        """Class probabilities from :meth:`logits` (normalised sigmoids or softmax)."""
        if self.ovr:
            sig = 1.0 / (1.0 + np.exp(-np.clip(z, -50.0, 50.0)))
            tot = sig.sum(axis=1, keepdims=True)
            return sig / np.where(tot == 0.0, 1.0, tot)
        ex = np.exp(z - z.max(axis=1, keepdims=True))
        return ex / ex.sum(axis=1, keepdims=True)

    def scores(
        self, sentences: Sequence[Sequence[Token]], in_quote: Sequence[Sequence[bool]]
    ) -> np.ndarray:
        """Class probabilities of every token, ``(n_tokens, n_classes)``, sentences concatenated.

        Equal to ``CueTagger.scores`` over ``sentence_features`` of each sentence.
        """
        return self.probabilities(self.logits(sentences, in_quote)[0])

    def cue_labels(
        self,
        sentences: Sequence[Sequence[Token]],
        in_quote: Sequence[Sequence[bool]],
        *,
        threshold: float = 0.5,
        lexicon_threshold: float | None = None,
    ) -> tuple[np.ndarray, np.ndarray]:
        """Label index and its probability for every token, as ``CueTagger.tag`` decides them.

        Returns
        -------
        (ndarray, ndarray)
            Class indexes into ``classes`` and their probabilities, one per token.
        """
        z, lexcue = self.logits(sentences, in_quote)
        p = self.probabilities(z)
        o = self.o_index
        th = np.full(len(p), threshold, dtype=np.float64)
        if lexicon_threshold is not None:
            th[lexcue] = lexicon_threshold
        other = np.array([c for c in range(len(self.classes)) if c != o], dtype=np.int64)
        best = other[np.argmax(p[:, other], axis=1)] if len(p) else other[:0]
        label = np.where(1.0 - p[:, o] >= th, best, o)
        return label, p[np.arange(len(p)), label]


class _KeyTable:
    """Exact lookup of non-negative int64 keys: open addressing with linear probing in numpy.

    A hash index like :class:`pandas.Index` gives, without importing pandas (0.4 s) on the
    extraction path. The table is at most a quarter full, so a lookup takes one or two
    probes; all queries are probed together, one vectorised round per probe.

    Parameters
    ----------
    keys : ndarray of int64
        Distinct keys (not checked: a repeated key finds one of its values), all >= 0.
    values : ndarray of int64
        The value of each key.
    """

    _MULT = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing

    def __init__(self, keys: np.ndarray, values: np.ndarray) -> None:
        keys = np.asarray(keys, dtype=np.int64)
        if len(keys) and keys.min() < 0:
            raise ValueError("_KeyTable keys must be >= 0")
        bits = max(4, int(4 * len(keys) - 1).bit_length())
        self._shift = np.uint64(64 - bits)
        self._mask = (1 << bits) - 1
        self._keys = np.full(1 << bits, -1, dtype=np.int64)
        self._values = np.zeros(1 << bits, dtype=np.int32)
        home = self._home(keys)
        pending = np.arange(len(keys))
        probe = 0
        while len(pending):
            slot = (home[pending] + probe) & self._mask
            free = self._keys[slot] == -1
            # of the keys that reach a free slot together, the first one takes it
            taken, first = np.unique(slot[free], return_index=True)
            won = pending[free][first]
            self._keys[taken] = keys[won]
            self._values[taken] = values[won]
            placed = np.zeros(len(keys), dtype=bool)
            placed[won] = True
            pending = pending[~placed[pending]]
            probe += 1
        self._probes = probe  # the longest probe sequence of any key

    def _home(self, keys: np.ndarray) -> np.ndarray:
        with np.errstate(over="ignore"):
            h = keys.astype(np.uint64) * self._MULT
        return (h >> self._shift).astype(np.int64)

    def get(self, queries: np.ndarray, default: int = -1) -> np.ndarray:
        """The value of each query key (``default`` for keys not in the table, or < 0)."""
        queries = np.asarray(queries, dtype=np.int64)
        home = self._home(queries)  # below the table's size: the first probe's slot
        # The first probe of every query at once, without index arrays: most keys sit in
        # their home slot. A negative query never matches (an empty slot holds -1).
        found = self._keys[home]
        valid = queries >= 0
        hit = (found == queries) & valid
        out = self._values[home].astype(np.int64)
        out[~hit] = default
        todo = np.flatnonzero(valid & ~hit & (found != -1))
        for probe in range(1, self._probes):
            if not len(todo):
                break
            slot = (home[todo] + probe) & self._mask
            found = self._keys[slot]
            hit = found == queries[todo]
            out[todo[hit]] = self._values[slot[hit]]
            todo = todo[(found != -1) & ~hit]
        return out


@contextmanager
def _gc_paused() -> Iterator[None]:
    """Pause the cyclic garbage collector (building the tables allocates ~10^6 objects)."""
    was = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was:
            gc.enable()


def _prefix_end(prefix: str) -> str:
    """The smallest string above every string that starts with ``prefix``."""
    return prefix[:-1] + chr(ord(prefix[-1]) + 1) if prefix else "\U0010ffff"


def _parse_names(
    names: Sequence[str], groups: Mapping[str, int], arity: Mapping[str, int]
) -> tuple[dict[str, int], list[int], list[np.ndarray], list[np.ndarray]]:
    """Parse feature names into template groups and value ids.

    Every name is taken by every template prefix it starts with, and its remainder is cut
    into the template's number of values at every possible ``|``. One group at a time, so
    that only one group's strings exist at once.

    Returns
    -------
    tuple
        ``(ids, group_of, group_vals, group_rows)``: value -> id; then per template group
        its index, its value ids ``[names, arity]`` and the weight row of each name.
    """
    order = sorted(range(len(names)), key=names.__getitem__)
    ordered = [names[r] for r in order]
    ids: dict[str, int] = {}
    group_of: list[int] = []
    group_vals: list[np.ndarray] = []
    group_rows: list[np.ndarray] = []
    for prefix, g in groups.items():
        a = arity[prefix]
        lo = bisect_left(ordered, prefix)
        hi = bisect_left(ordered, _prefix_end(prefix), lo) if prefix[-1:] != "\U0010ffff" else lo
        while hi < len(ordered) and ordered[hi].startswith(prefix):  # (a last char U+10FFFF)
            hi += 1
        cut = len(prefix)
        rests = [n[cut:] for n in ordered[lo:hi]]
        rows: list[int] = order[lo:hi]
        if a == 1:
            flat = rests
        else:
            split = [r.split("|") for r in rests]
            if set(map(len, split)) <= {a}:
                flat = list(chain.from_iterable(split))
            else:
                flat, rows = [], []
                for k, (rest, parts) in enumerate(zip(rests, split, strict=True)):
                    if len(parts) == a:
                        flat += parts
                        rows.append(order[lo + k])
                    elif len(parts) > a:  # values holding "|": every way to cut
                        bars = [j for j, c in enumerate(rest) if c == "|"]
                        for cuts in combinations(bars, a - 1):
                            bounds = (-1, *cuts, len(rest))
                            flat += [rest[bounds[j] + 1 : bounds[j + 1]] for j in range(a)]
                            rows.append(order[lo + k])
        for v in dict.fromkeys(flat):
            if v not in ids:
                ids[v] = len(ids)
        codes = np.fromiter(map(ids.__getitem__, flat), dtype=np.int64, count=len(flat))
        group_of.append(g)
        group_vals.append(codes.reshape(len(rows), a))
        group_rows.append(np.array(rows, dtype=np.int64))
    return ids, group_of, group_vals, group_rows


def _template_groups(templates: Sequence[Template]) -> tuple[dict[str, int], dict[str, int]]:
    """Template prefix -> group index (first appearance) and prefix -> number of values."""
    groups: dict[str, int] = {}
    arity: dict[str, int] = {}
    for tp in templates:
        groups.setdefault(tp.prefix, len(groups))
        if arity.setdefault(tp.prefix, len(tp.parts)) != len(tp.parts):
            raise ValidationError(f"templates {tp.prefix!r} differ in their number of values")
    return groups, arity


def feature_tables(
    names: Sequence[str], templates: Sequence[Template] = TEMPLATES
) -> dict[str, Any]:
    """Feature names parsed into per-template tables: the model file's ``"tables"``.

    What :class:`CueVectorizer` computes from the names at load time (:func:`_parse_names`),
    stored so that loading reads it instead: ``templates`` (``[prefix, number of values]``
    of every template group, in order), ``values`` (the value vocabulary, in id order),
    ``groups`` (per template group, the value ids of its names flattened and the row of
    each name), and ``other`` (``[row, name]`` of the names no template parses). The names
    can be rebuilt from the tables (:func:`names_from_tables`); tables parsed with other
    templates than the vectorizer's are not used (it parses the rebuilt names again).

    Parameters
    ----------
    names : sequence of str
        The feature names, one per row of the weight matrix.
    templates : sequence of Template
        The templates to parse with (default :data:`TEMPLATES`).
    """
    groups, arity = _template_groups(templates)
    with _gc_paused():
        ids, _, group_vals, group_rows = _parse_names(names, groups, arity)
    covered = np.zeros(len(names), dtype=bool)
    for rows in group_rows:
        covered[rows] = True
    return {
        "templates": [[p, arity[p]] for p in groups],
        "values": list(ids),
        "groups": [
            [vals.ravel().tolist(), rows.tolist()]
            for vals, rows in zip(group_vals, group_rows, strict=True)
        ],
        "other": [[int(r), names[r]] for r in np.flatnonzero(~covered)],
    }


def group_arrays(
    groups: Sequence[Any], arities: Sequence[int], n_values: int, n_rows: int
) -> tuple[list[np.ndarray], list[np.ndarray]]:
    """The stored template groups (``[value ids, rows]``, one per arity) as arrays, checked:
    per group the value ids ``[entries, arity]`` (each below ``n_values``) and the weight
    row of each entry (each below ``n_rows``).

    Raises
    ------
    ValueError
        A group's ids and rows do not match or point outside the vocabulary or the weights.
    """
    vals, rows = [], []
    for arity, (codes, rws) in zip(arities, groups, strict=True):
        r = np.asarray(rws, dtype=np.int64)
        v = np.asarray(codes, dtype=np.int64)
        if arity < 1 or v.ndim != 1 or r.ndim != 1 or len(v) != arity * len(r):
            raise ValueError("a group's value ids do not match its rows")
        if len(r) and (r.min() < 0 or r.max() >= n_rows):
            raise ValueError(f"a row is outside the weight matrix ({n_rows} rows)")
        if len(v) and (v.min() < 0 or v.max() >= n_values):
            raise ValueError("a value id is outside the vocabulary")
        vals.append(v.reshape(len(r), arity))
        rows.append(r)
    return vals, rows


def _table_arrays(
    tables: Mapping[str, Any], n_names: int
) -> tuple[list[tuple[str, int]], list[np.ndarray], list[np.ndarray]]:
    """The templates, value ids ``[names, arity]`` and rows of each group, checked."""
    try:
        templates = [(str(p), int(a)) for p, a in tables["templates"]]
        vals, rows = group_arrays(
            tables["groups"], [a for _, a in templates], len(tables["values"]), n_names
        )
    except (KeyError, TypeError, ValueError) as exc:
        raise ValidationError(
            f"the cue model's feature tables are malformed ({exc}); convert the model file "
            "again with: python scripts/convert_models.py"
        ) from None
    return templates, vals, rows


def _tables_parsed(
    tables: Mapping[str, Any], groups: Mapping[str, int], arity: Mapping[str, int], n_names: int
) -> tuple[dict[str, int], list[int], list[np.ndarray], list[np.ndarray]] | None:
    """:func:`_parse_names`'s result read from stored tables (None: other templates)."""
    templates, vals, rows = _table_arrays(tables, n_names)
    if templates != [(p, arity[p]) for p in groups]:
        return None
    ids = {v: k for k, v in enumerate(tables["values"])}
    return ids, list(groups.values()), vals, rows


def names_from_tables(tables: Mapping[str, Any], n_names: int) -> list[str]:
    """The feature names of every row, rebuilt from :func:`feature_tables`.

    Raises
    ------
    ValidationError
        If the tables are malformed or leave a row without a name.
    """
    templates, vals, rows = _table_arrays(tables, n_names)
    values = tables["values"]
    names: list[str | None] = [None] * n_names
    for (prefix, _), v, r in zip(templates, vals, rows, strict=True):
        for row, codes in zip(r.tolist(), v.tolist(), strict=True):
            if names[row] is None:
                names[row] = prefix + "|".join([values[c] for c in codes])
    try:
        for row, name in tables.get("other", ()):
            names[int(row)] = str(name)
    except (TypeError, ValueError, IndexError) as exc:
        raise ValidationError(f"the cue model's feature tables are malformed ({exc})") from None
    if None in names:
        raise ValidationError(
            f"the cue model's feature tables name {n_names - names.count(None)} of its "
            f"{n_names} weight rows; convert the model file again with: "
            "python scripts/convert_models.py"
        )
    return names  # type: ignore[return-value]


@cache
def load_cue_vectorizer() -> CueVectorizer:
    """The vectorised scorer of the shipped cue tagger and lexicons (built once per process).

    Raises
    ------
    ModelNotFoundError
        If the model file is missing.
    """
    from framing.features._attribution_lexicons import _load_lexicons
    from framing.features.attribution_model import (
        _read_cue_tagger,
        cue_lexicon_maps,
        load_cue_tagger,
    )

    lex = _load_lexicons()
    # the reference tagger (a dict of ~285,000 weight lists, ~90 MiB) is not kept for the
    # process unless something already loaded it
    tagger = load_cue_tagger() if load_cue_tagger.cache_info().currsize else _read_cue_tagger()
    return CueVectorizer(tagger, cue_lexicon_maps(lex.verbs, lex.sources))
