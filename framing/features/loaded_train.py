"""Training of the loaded-language model (:class:`~framing.features.loaded_model.LoadedModel`).

:func:`train_loaded_model` fits the token scorer (with the crowd word prior) and the
biased-sentence classifier, and chooses the token threshold, the sentence gate and the
sentence threshold by grouped cross-validation on the training rows only. Run by
``scripts/train_loaded_model.py``; see ``docs/loaded-language.md``.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing.features.loaded_model import (
    _LEXICON,
    LoadedModel,
    _biased_tokens,
    _is_word,
    _norm,
    _tokenize,
    pos_tags,
    sentence_features,
    token_features,
)

__all__ = ["train_loaded_model"]


def _int32(m: Any) -> Any:
    # liblinear accepts only 32-bit sparse indices; DictVectorizer may give 64-bit ones
    import numpy as np

    m = m.tocsr()
    m.indices = m.indices.astype(np.int32)
    m.indptr = m.indptr.astype(np.int32)
    return m


def _best_threshold(y: Sequence[int], p: Sequence[float], *, macro: bool) -> float:
    from sklearn.metrics import f1_score

    best, best_t = -1.0, 0.5
    for t in [x / 100 for x in range(5, 96)]:
        pred = [int(v >= t) for v in p]
        f = f1_score(y, pred, average="macro" if macro else "binary", zero_division=0)
        if f > best:
            best, best_t = f, t
    return best_t


def _best_gate(tok_p: Any, sent_p: Any, y: Any, lex: Sequence[bool]) -> tuple[float, float]:
    """Token threshold and sentence gate that maximise token F1 of lexicon | model."""
    import numpy as np

    lex_arr = np.asarray(lex, dtype=bool)
    y = np.asarray(y, dtype=bool)
    best, best_tg = -1.0, (0.5, 0.0)
    for t in np.arange(0.05, 0.8, 0.025):
        for g in np.arange(0.0, 0.85, 0.05):
            pred = lex_arr | ((tok_p >= t) & (sent_p >= g))
            tp = int(np.sum(pred & y))
            denom = int(np.sum(pred)) + int(np.sum(y))
            f = 2 * tp / denom if denom else 0.0
            if f > best:
                best, best_tg = f, (round(float(t), 3), round(float(g), 3))
    return best_tg


def _word_prior(
    words_all: Sequence[Sequence[str]],
    biased_words: Sequence[Sequence[str]],
    groups: Sequence[str],
    use: Sequence[bool],
) -> tuple[dict[str, tuple[int, int]], dict[str, dict[str, tuple[int, int]]]]:
    """(marked, seen) counts per word over the ``use`` rows, overall and per group."""
    total: dict[str, tuple[int, int]] = {}
    by_group: dict[str, dict[str, tuple[int, int]]] = {}
    for ws, bw, g, u in zip(words_all, biased_words, groups, use, strict=True):
        if not u:
            continue
        gold = _biased_tokens(bw)
        mine = by_group.setdefault(g, {})
        for w in ws:
            if _is_word(w):
                lw = _norm(w)
                hit = int(lw in gold)
                a, b = total.get(lw, (0, 0))
                total[lw] = (a + hit, b + 1)
                a, b = mine.get(lw, (0, 0))
                mine[lw] = (a + hit, b + 1)
    return total, by_group


def train_loaded_model(
    sentences: Sequence[str],
    labels: Sequence[int],
    biased_words: Sequence[Sequence[str]],
    *,
    groups: Sequence[str] | None = None,
    token_rows: Sequence[bool] | None = None,
    token_c: float = 0.5,
    sentence_c: float = 1.0,
    folds: int = 5,
    seed: int = 0,
    lexicon: str = _LEXICON,
    info: Mapping[str, Any] | None = None,
) -> LoadedModel:
    """Train the token scorer and the sentence classifier.

    Token labels: a word is loaded when it is one of the sentence's ``biased_words``.
    Token scores fed to the sentence classifier, and both thresholds, come from
    ``folds``-fold cross-validation on the training data only (grouped by ``groups``, so
    two annotations of one sentence stay in one fold).

    Parameters
    ----------
    sentences : sequence of str
    labels : sequence of int
        1 for a biased sentence, 0 otherwise.
    biased_words : sequence of sequence of str
        The annotated biased words of each sentence.
    groups : sequence of str, optional
        Group key per row (e.g. the normalised sentence text).
    token_rows : sequence of bool, optional
        Which rows' ``biased_words`` train the token scorer (default: all). The sentence
        classifier always uses every row. The other rows' ``biased_words`` (MBIC's crowd
        words) give the word prior (:func:`prior_features`; for a training token, its own
        sentence's rows are left out of the counts).
    token_c, sentence_c : float
        Inverse L2 regularisation strengths.
    folds, seed : int
        Cross-validation folds and random seed.
    lexicon : str
        Lexicon whose categories become features.
    info : Mapping, optional
        Provenance stored with the model.

    Returns
    -------
    LoadedModel
    """
    import numpy as np
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.metrics import f1_score
    from sklearn.model_selection import GroupKFold

    words_all = [_tokenize(s) for s in sentences]
    from framing.features.loaded import _token_categories

    cats_all = [_token_categories(ws, lexicon) for ws in words_all]
    groups = list(groups) if groups is not None else list(sentences)
    prior_rows = [False] * len(sentences) if token_rows is None else [not r for r in token_rows]
    prior, prior_by_group = _word_prior(words_all, biased_words, groups, prior_rows)
    tok_rows, tok_y, tok_sent, tok_lex = [], [], [], []
    for n, (ws, cats, bw) in enumerate(zip(words_all, cats_all, biased_words, strict=True)):
        gold = _biased_tokens(bw)
        tags = pos_tags(ws)
        own = prior_by_group.get(groups[n], {})
        for i, w in enumerate(ws):
            if _is_word(w):
                lw = _norm(w)
                a, b = prior.get(lw, (0, 0))
                oa, ob = own.get(lw, (0, 0))
                feats = token_features(ws, i, cats, tags, (a - oa, b - ob))
                tok_rows.append(dict.fromkeys(feats, 1.0))
                tok_y.append(int(_norm(w) in gold))
                tok_sent.append(n)
                tok_lex.append(cats[i] is not None)
    tok_y_arr = np.asarray(tok_y)
    tok_sent_arr = np.asarray(tok_sent)
    vec = DictVectorizer()
    X = _int32(vec.fit_transform(tok_rows))

    def token_lr() -> LogisticRegression:
        return LogisticRegression(C=token_c, max_iter=2000, solver="liblinear")

    gkf = GroupKFold(n_splits=folds)
    sent_groups = np.asarray(groups)
    use_row = np.ones(len(sentences), dtype=bool) if token_rows is None else np.asarray(token_rows)
    use = use_row[tok_sent_arr]
    fold_of = np.zeros(len(sentences), dtype=int)
    for k, (_, te) in enumerate(gkf.split(np.zeros(len(sentences)), groups=sent_groups)):
        fold_of[te] = k
    tok_fold = fold_of[tok_sent_arr]
    oof = np.zeros(len(tok_y))
    for k in range(folds):
        tr, te = (tok_fold != k) & use, tok_fold == k
        oof[te] = token_lr().fit(X[tr], tok_y_arr[tr]).predict_proba(X[te])[:, 1]
    tok_model = token_lr().fit(X[use], tok_y_arr[use])

    probs_by_sent: list[list[float]] = [[] for _ in sentences]
    for p, n in zip(oof, tok_sent, strict=True):
        probs_by_sent[n].append(float(p))
    sent_rows = [
        sentence_features(ws, cats, probs_by_sent[n])
        for n, (ws, cats) in enumerate(zip(words_all, cats_all, strict=True))
    ]
    svec = DictVectorizer()
    S = _int32(svec.fit_transform(sent_rows))
    y = np.asarray(labels)

    def sent_lr() -> LogisticRegression:
        return LogisticRegression(C=sentence_c, max_iter=2000, solver="liblinear")

    soof = np.zeros(len(y))
    for k in range(folds):
        tr, te = fold_of != k, fold_of == k
        soof[te] = sent_lr().fit(S[tr], y[tr]).predict_proba(S[te])[:, 1]
    sentence_threshold = _best_threshold(y.tolist(), soof.tolist(), macro=True)
    sent_model = sent_lr().fit(S, y)
    lex_arr = np.asarray(tok_lex, dtype=bool)
    token_threshold, token_gate = _best_gate(
        oof[use], soof[tok_sent_arr][use], tok_y_arr[use], lex_arr[use]
    )
    pred = lex_arr[use] | ((oof[use] >= token_threshold) & (soof[tok_sent_arr][use] >= token_gate))
    gold = tok_y_arr[use].astype(bool)
    cv = {
        "token_c": token_c,
        "sentence_c": sentence_c,
        "folds": folds,
        "cv_token_f1": round(2 * float(np.sum(pred & gold)) / float(pred.sum() + gold.sum()), 4),
        "cv_sentence_macro_f1": round(
            float(f1_score(y, soof >= sentence_threshold, average="macro")), 4
        ),
    }

    def weights(v: DictVectorizer, m: LogisticRegression) -> dict[str, float]:
        names = v.get_feature_names_out()
        return {
            str(k): round(float(c), 5)
            for k, c in zip(names, m.coef_[0], strict=True)
            if abs(c) >= 1e-4
        }

    return LoadedModel(
        name="loaded-babe",
        version=2,
        token_prior={k: v for k, v in sorted(prior.items())},
        token_weights=weights(vec, tok_model),
        token_bias=round(float(tok_model.intercept_[0]), 5),
        token_threshold=token_threshold,
        token_gate=token_gate,
        sentence_weights=weights(svec, sent_model),
        sentence_bias=round(float(sent_model.intercept_[0]), 5),
        sentence_threshold=sentence_threshold,
        info={**dict(info or {}), "cv": cv},
    )
