"""Experiment: a linear-chain CRF cue tagger for attribution (issue #5), NOT shipped.

Reads PolNeAR ``data/train`` (brat standoff; first annotator per article), runs each
article through the framing text stage (sentences, tokens, POS tags, quotations), labels
every token ``B-CUE`` / ``I-CUE`` / ``O`` from the gold cue segments and fits a linear-chain
CRF (``sklearn-crfsuite``, L-BFGS with L1 + L2 penalties ``c1``, ``c2``) over the features of
:func:`framing.features.attribution_model.sentence_features` (the features of the shipped
logistic-regression tagger v2). ``--out`` receives the non-zero state and transition
weights as gzipped JSON (``{"kind": "crf", "classes", "features": {name: [w per class]},
"transitions": [[from][to]], "meta"}``; never a pickle). The shipped
:mod:`framing.features.attribution_model` (v2) does NOT read this format: the CRF scored
below the shipped tagger on PolNeAR dev (see the experiments in ``docs/attribution.md``),
so it was not shipped. ``sklearn-crfsuite`` is needed for this script only.

Grouped cross-validation over ALL train articles (``--cv``): the articles, in name order,
are cut into 5 contiguous folds (an article is never split); for each ``(c1, c2)`` of
``--grid`` a CRF is fit on 4 folds and its cue spans on the 5th (runs of adjacent non-``O``
tokens, as the attribution rules read them) are scored against the gold cues (cue F1 by
one-to-one character overlap, as ``framing/evaluate/attribution.py``), with Viterbi
decoding and with marginal thresholds (a token is a cue when ``P(B-CUE) + P(I-CUE) >= t``;
``t_lex`` for words the reporting-verb lexicon knows). The pooled out-of-fold scores
choose the thresholds. Run from the project root::

    python scripts/train_attribution_crf.py --polnear ../shared/data/polnear/data/train \
        --cv --grid 0.2:0.02 --cache /tmp/polnear-train-feats.json.gz
    python scripts/train_attribution_crf.py --polnear ../shared/data/polnear/data/train \
        --cache /tmp/polnear-train-feats.json.gz --out /tmp/attribution-crf.json.gz

``--cache`` keeps the extracted features (gzipped JSON, ~70 MB) between runs. One fit on
all of train (736k tokens, 100 L-BFGS iterations) takes about 12 minutes on 2 shared cores;
a 5-fold CV of one ``(c1, c2)`` about 35 minutes. Only the train split is read.
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import sys
import time
from collections import Counter
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.evaluate import attribution as attribution_eval  # noqa: E402
from framing.evaluate.attribution import cue_token_labels, iter_polnear  # noqa: E402
from framing.features.attribution_model import (  # noqa: E402
    cue_lexicon_maps,
    quote_flags,
    sentence_features,
)
from framing.lexicons import load_lexicon  # noqa: E402
from framing.text import process  # noqa: E402
from framing.types import Article  # noqa: E402

LABELS = ("B-CUE", "I-CUE", "O")
MODEL_VERSION = "3-crf-experiment"


# -- data ------------------------------------------------------------------------------
def build(split: Path, limit: int | None) -> dict[str, Any]:
    """Features, labels and gold cue segments of every article of ``split``.

    Returns a JSON-able dict: ``vocab`` (feature names) and ``articles``, each with its
    ``name``, ``text``, gold cue segments ``gold`` and ``sents``: ``[feature ids per token],
    labels, token (start, end)`` per sentence.
    """
    maps = cue_lexicon_maps(load_lexicon("reporting_verbs.en"), load_lexicon("sources.en"))
    vocab: dict[str, int] = {}
    arts = []
    for art in iter_polnear(split, limit=limit):
        doc = process(Article(id=art.name, outlet=art.publisher, text=art.text))
        cue_chars = cue_token_labels(doc, art.relations)
        flags = dict(zip(doc.tokens, quote_flags(doc.tokens, doc.quotes), strict=True))
        sents = []
        for si in range(len(doc.sentences)):
            toks = doc.tokens_of(si)
            if not toks:
                continue
            inq = [flags[t] for t in toks]
            feats = [
                [vocab.setdefault(f, len(vocab)) for f in fs]
                for fs in sentence_features(toks, inq, maps)
            ]
            labels = [cue_chars.get(t.start, "O") for t in toks]
            sents.append([feats, labels, [[t.start, t.end] for t in toks]])
        gold = sorted({tuple(seg) for rel in art.relations for seg in rel.cue})
        arts.append({"name": art.name, "text": art.text, "gold": gold, "sents": sents})
    names = [""] * len(vocab)
    for f, i in vocab.items():
        names[i] = f
    return {"vocab": names, "articles": arts}


def load_data(split: Path, limit: int | None, cache: Path | None) -> dict[str, Any]:
    """:func:`build`, read from / written to ``cache`` (gzipped JSON) when given."""
    if cache is not None and cache.exists():
        with gzip.open(cache, "rt", encoding="utf-8") as fh:
            return json.load(fh)
    data = build(split, limit)
    if cache is not None:
        with gzip.open(cache, "wt", encoding="utf-8", compresslevel=3) as fh:
            json.dump(data, fh)
    return data


def crf_input(data: dict[str, Any], arts: list[dict[str, Any]]) -> tuple[list, list]:
    """crfsuite input (lists of feature-name lists) and labels of ``arts``' sentences."""
    vocab = data["vocab"]
    X = [[[vocab[i] for i in tok] for tok in s[0]] for a in arts for s in a["sents"]]
    y = [s[1] for a in arts for s in a["sents"]]
    return X, y


# -- scoring ---------------------------------------------------------------------------
_trim = attribution_eval._trim  # the scorer's own boundary trimming
_overlap_tp = attribution_eval._match_overlap  # and its one-to-one overlap matching


def cue_spans(is_cue: list[bool], offsets: list[list[int]]) -> list[tuple[int, int]]:
    """Character spans of runs of adjacent cue tokens (as the attribution rules read them)."""
    out = []
    k = 0
    while k < len(is_cue):
        if not is_cue[k]:
            k += 1
            continue
        j = k + 1
        while j < len(is_cue) and is_cue[j]:
            j += 1
        out.append((offsets[k][0], offsets[j - 1][1]))
        k = j
    return out


def score(
    arts: list[dict[str, Any]], decisions: list[list[bool]]
) -> tuple[Counter[str], dict[str, float]]:
    """Cue counts and P/R/F1 (exact and overlap) of per-token cue decisions of ``arts``."""
    tot: Counter[str] = Counter()
    it = iter(decisions)
    for a in arts:
        text = a["text"]
        pred: set[tuple[int, int]] = set()
        for s in a["sents"]:
            pred.update(cue_spans(next(it), s[2]))
        g = {t for t in (_trim(text, tuple(x)) for x in a["gold"]) if t[1] > t[0]}
        p = {t for t in (_trim(text, x) for x in pred) if t[1] > t[0]}
        tot["gold"] += len(g)
        tot["pred"] += len(p)
        tot["exact"] += len(g & p)
        tot["overlap"] += _overlap_tp(sorted(g), sorted(p))
    out = {}
    for m in ("exact", "overlap"):
        p = tot[m] / max(tot["pred"], 1)
        r = tot[m] / max(tot["gold"], 1)
        out[f"{m}_p"], out[f"{m}_r"] = p, r
        out[f"{m}_f1"] = 2 * p * r / max(p + r, 1e-12)
    return tot, out


def threshold_decisions(
    marginals: list[list[dict[str, float]]], lexcue: list[list[bool]], t: float, t_lex: float
) -> list[list[bool]]:
    """Cue token when ``1 - P(O) >= t`` (``t_lex`` for reporting-verb lexicon words)."""
    return [
        [1.0 - m["O"] >= (t_lex if lx else t) for m, lx in zip(ms, lxs, strict=True)]
        for ms, lxs in zip(marginals, lexcue, strict=True)
    ]


# -- training --------------------------------------------------------------------------
def fit(X: list, y: list, c1: float, c2: float, max_iter: int, min_freq: int) -> Any:
    """A fitted ``sklearn_crfsuite.CRF``."""
    import sklearn_crfsuite

    crf = sklearn_crfsuite.CRF(
        algorithm="lbfgs",
        c1=c1,
        c2=c2,
        max_iterations=max_iter,
        min_freq=min_freq,
        all_possible_transitions=True,
    )
    crf.fit(X, y)
    return crf


THRESHOLDS = [0.6, 0.55, 0.5, 0.45, 0.4, 0.35, 0.3, 0.25, 0.2]
LEX_THRESHOLDS = [0.5, 0.4, 0.35, 0.3, 0.25, 0.2, 0.15, 0.1]


def cross_validate(
    data: dict[str, Any],
    grid: list[tuple[float, float]],
    folds: int,
    max_iter: int,
    min_freq: int,
) -> list[dict[str, Any]]:
    """Out-of-fold cue scores of every ``(c1, c2)`` (contiguous article folds, name order)."""
    arts = data["articles"]
    lex_id = {i for i, f in enumerate(data["vocab"]) if f == "lexcue"}
    n = len(arts)
    bounds = [round(k * n / folds) for k in range(folds + 1)]
    results = []
    for c1, c2 in grid:
        t0 = time.perf_counter()
        oof_marg: list[list[dict[str, float]]] = []
        oof_vit: list[list[bool]] = []
        order: list[dict[str, Any]] = []
        for k in range(folds):
            test = arts[bounds[k] : bounds[k + 1]]
            train = arts[: bounds[k]] + arts[bounds[k + 1] :]
            Xtr, ytr = crf_input(data, train)
            crf = fit(Xtr, ytr, c1, c2, max_iter, min_freq)
            del Xtr, ytr
            Xte, _ = crf_input(data, test)
            oof_marg.extend(list(crf.predict_marginals(Xte)))
            oof_vit.extend([[lab != "O" for lab in s] for s in crf.predict(Xte)])
            order += test
            print(
                f"  c1={c1} c2={c2} fold {k + 1}/{folds} {time.perf_counter() - t0:.0f}s",
                flush=True,
            )
        lexcue = [
            [bool(lex_id.intersection(tok)) for tok in s[0]] for a in order for s in a["sents"]
        ]
        _, vit = score(order, oof_vit)
        best = None
        table = []
        for t in THRESHOLDS:
            for tl in LEX_THRESHOLDS:
                if tl > t:
                    continue
                _, sc = score(order, threshold_decisions(oof_marg, lexcue, t, tl))
                table.append({"t": t, "t_lex": tl, **sc})
                if best is None or sc["overlap_f1"] > best["overlap_f1"]:
                    best = {"t": t, "t_lex": tl, **sc}
        # per-fold F1 of the chosen thresholds (spread of the estimate)
        per_fold = []
        pos = 0
        for k in range(folds):
            m = bounds[k + 1] - bounds[k]
            fa = order[pos : pos + m]
            ns = sum(len(a["sents"]) for a in order[:pos])
            ne = ns + sum(len(a["sents"]) for a in fa)
            dec = threshold_decisions(oof_marg[ns:ne], lexcue[ns:ne], best["t"], best["t_lex"])
            per_fold.append(round(score(fa, dec)[1]["overlap_f1"], 4))
            pos += m
        res = {
            "c1": c1,
            "c2": c2,
            "viterbi": vit,
            "best": best,
            "per_fold": per_fold,
            "secs": round(time.perf_counter() - t0),
        }
        results.append(res)
        print(json.dumps({k: v for k, v in res.items()}, default=float), flush=True)
        print(
            "  thresholds:",
            json.dumps([(r["t"], r["t_lex"], round(r["overlap_f1"], 4)) for r in table]),
            flush=True,
        )
    return results


def export(crf: Any, meta: dict[str, Any], out: Path) -> int:
    """Write the non-zero state and transition weights as gzipped JSON; returns #features."""
    labels = list(LABELS)
    lab = {c: i for i, c in enumerate(labels)}
    state: dict[str, list[float]] = {}
    for (attr, label), w in crf.state_features_.items():
        if w == 0.0:
            continue
        row = state.setdefault(attr, [0.0] * len(labels))
        row[lab[label]] = float(w)
    trans = [[0.0] * len(labels) for _ in labels]
    for (a, b), w in crf.transition_features_.items():
        trans[lab[a]][lab[b]] = float(w)
    obj = {
        "kind": "crf",
        "classes": labels,
        "features": state,
        "transitions": trans,
        "meta": meta,
    }
    data = json.dumps(obj, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(out, "wb", mtime=0) as fh:
        fh.write(data)
    return len(state)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="PolNeAR data/train folder")
    parser.add_argument("--c1", type=float, default=0.2, help="L1 penalty (0.2)")
    parser.add_argument("--c2", type=float, default=0.02, help="L2 penalty (0.02)")
    parser.add_argument("--threshold", type=float, default=0.45, help="cue threshold (0.45)")
    parser.add_argument(
        "--lexicon-threshold",
        type=float,
        default=0.2,
        help="cue threshold of reporting-verb lexicon words (0.2)",
    )
    parser.add_argument("--max-iter", type=int, default=100, help="L-BFGS iterations (100)")
    parser.add_argument(
        "--min-freq", type=int, default=2, help="drop features seen fewer times (2)"
    )
    parser.add_argument("--limit", type=int, default=None, help="articles (default: all)")
    parser.add_argument("--cache", type=Path, default=None, help="feature cache (json.gz)")
    parser.add_argument("--cv", action="store_true", help="cross-validate instead of training")
    parser.add_argument("--folds", type=int, default=5)
    parser.add_argument("--grid", default="0.05:0.01", help="c1:c2 pairs, comma-separated")
    parser.add_argument("--cv-out", type=Path, default=None, help="write CV results (JSON)")
    parser.add_argument("--out", type=Path, default=None, help="model file (json.gz) to write")
    args = parser.parse_args(argv)
    if args.polnear.name != "train":
        print("error: train on the PolNeAR train split only", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    data = load_data(args.polnear, args.limit, args.cache)
    n_tok = sum(len(s[1]) for a in data["articles"] for s in a["sents"])
    print(
        f"{len(data['articles'])} articles, {n_tok} tokens, {len(data['vocab'])} features "
        f"({time.perf_counter() - t0:.0f}s)",
        flush=True,
    )
    if args.cv:
        grid = [tuple(float(v) for v in p.split(":")) for p in args.grid.split(",")]
        res = cross_validate(data, grid, args.folds, args.max_iter, args.min_freq)
        if args.cv_out is not None:
            args.cv_out.write_text(json.dumps(res, indent=1, default=float), encoding="utf-8")
        return 0
    if args.out is None:
        print("error: give --out (the CRF is not shipped in framing/models)", file=sys.stderr)
        return 2
    X, y = crf_input(data, data["articles"])
    crf = fit(X, y, args.c1, args.c2, args.max_iter, args.min_freq)
    meta = {
        "name": "attribution-polnear.en",
        "version": MODEL_VERSION,
        "model": "linear-chain CRF (crfsuite L-BFGS, L1 + L2), BIO cue labels",
        "trained_on": f"PolNeAR data/train ({len(data['articles'])} articles, first "
        "annotator each)",
        "tokens": n_tok,
        "label_counts": dict(Counter(lab for s in y for lab in s)),
        "params": {
            "c1": args.c1,
            "c2": args.c2,
            "max_iterations": args.max_iter,
            "min_freq": args.min_freq,
            "all_possible_transitions": True,
        },
        "training_library": "sklearn-crfsuite (python-crfsuite)",
        "feature_set": 2,
        "decoding": "marginals",
        "thresholds": {
            "cue": args.threshold,
            "lexicon_cue": args.lexicon_threshold,
            "chosen_on": "5-fold cross-validation over all train articles (contiguous "
            "folds in name order): best pooled out-of-fold cue F1 (overlap) of the tagger's "
            "cue spans",
        },
        "pos_features": True,
        "pos_tagger": "pos-ewt.en@1",
        "lexicons": {name: load_lexicon(name).id for name in ("reporting_verbs.en", "sources.en")},
        "trained": dt.date.today().isoformat(),
    }
    n_feat = export(crf, meta, args.out)
    sha = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({n_feat} features, {time.perf_counter() - t0:.0f}s) {sha}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
