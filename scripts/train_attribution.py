"""Train the attribution cue tagger on the PolNeAR train split.

Reads PolNeAR ``data/train`` (brat standoff; first annotator per article), runs each
article through the framing text stage (sentences, tokens, quotations), labels every token
``B-CUE`` / ``I-CUE`` / ``O`` from the gold cue segments, and fits a scikit-learn
one-vs-rest logistic regression (liblinear, solved to convergence; the multinomial lbfgs
fit took 12 minutes and stopping it early cost accuracy) over the features of
:func:`framing.features.attribution_model.sentence_features`. The weights are pruned
(``|w| < --prune`` dropped) and written as gzipped JSON (never a pickle) to
``framing/models/attribution-polnear.en.v2.json.gz``. Run from the project root::

    python scripts/train_attribution.py --polnear ../shared/data/polnear/data/train --jobs 2
    python scripts/update_manifests.py

About 6 minutes on 2 shared cores (``--jobs 2`` fits the three one-vs-rest classifiers in
parallel). The cue thresholds stored in the model's meta were chosen by fitting on the
first 80% of the train articles (name order) and scoring cue F1 (overlap) on the rest.

Only the train split is read; dev is for evaluation (``scripts/evaluate.py``).
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

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.multiclass import OneVsRestClassifier  # noqa: E402

from framing.evaluate.attribution import cue_token_labels, iter_polnear  # noqa: E402
from framing.features.attribution_model import (  # noqa: E402
    MODEL_FILE,
    MODEL_VERSION,
    cue_lexicon_maps,
    quote_flags,
    sentence_features,
)
from framing.lexicons import load_lexicon  # noqa: E402
from framing.text import process  # noqa: E402
from framing.types import Article  # noqa: E402


def build(split: Path, limit: int | None) -> tuple[list[dict[str, int]], list[str], int]:
    maps = cue_lexicon_maps(load_lexicon("reporting_verbs.en"), load_lexicon("sources.en"))
    X: list[dict[str, int]] = []
    y: list[str] = []
    n_articles = 0
    for art in iter_polnear(split, limit=limit):
        n_articles += 1
        doc = process(Article(id=art.name, outlet=art.publisher, text=art.text))
        cue_chars = cue_token_labels(doc, art.relations)
        flags = dict(zip(doc.tokens, quote_flags(doc.tokens, doc.quotes), strict=True))
        for si in range(len(doc.sentences)):
            toks = doc.tokens_of(si)
            if not toks:
                continue
            inq = [flags[t] for t in toks]
            for t, feats in zip(toks, sentence_features(toks, inq, maps), strict=True):
                X.append(dict.fromkeys(feats, 1))
                y.append(cue_chars.get(t.start, "O"))
    return X, y, n_articles


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--polnear", type=Path, required=True, help="PolNeAR data/train folder")
    parser.add_argument("--C", type=float, default=0.5, help="inverse L2 strength (0.5)")
    parser.add_argument("--min-count", type=int, default=2, help="drop rarer features (2)")
    parser.add_argument("--prune", type=float, default=0.02, help="drop |weights| below (0.02)")
    parser.add_argument("--jobs", type=int, default=1, help="parallel class fits (1)")
    parser.add_argument("--limit", type=int, default=None, help="articles (default: all)")
    parser.add_argument("--out", type=Path, default=ROOT / "framing" / "models" / MODEL_FILE)
    args = parser.parse_args(argv)
    if args.polnear.name != "train":
        print("error: train on the PolNeAR train split only", file=sys.stderr)
        return 2
    t0 = time.perf_counter()
    X, y, n_articles = build(args.polnear, args.limit)
    counts = Counter(f for row in X for f in row)
    X = [{f: v for f, v in row.items() if counts[f] >= args.min_count} for row in X]
    vec = DictVectorizer()
    Xm = vec.fit_transform(X).tocsr()
    # liblinear takes 32-bit sparse indices only (DictVectorizer may give 64-bit ones)
    Xm.indices = Xm.indices.astype(np.int32)
    Xm.indptr = Xm.indptr.astype(np.int32)
    clf = OneVsRestClassifier(LogisticRegression(C=args.C, solver="liblinear"), n_jobs=args.jobs)
    clf.fit(Xm, y)
    names = vec.get_feature_names_out()
    classes = [str(c) for c in clf.classes_]
    coef = [est.coef_[0] for est in clf.estimators_]
    intercept = [float(est.intercept_[0]) for est in clf.estimators_]
    weights = {}
    for j, name in enumerate(names):
        col = [float(coef[c][j]) for c in range(len(classes))]
        if max(abs(v) for v in col) >= args.prune:
            weights[str(name)] = [round(v, 4) for v in col]
    meta = {
        "name": "attribution-polnear.en",
        "version": MODEL_VERSION,
        "trained_on": f"PolNeAR data/train ({n_articles} articles, first annotator each)",
        "tokens": len(y),
        "label_counts": dict(Counter(y)),
        "features": len(weights),
        "params": {"C": args.C, "min_count": args.min_count, "prune": args.prune},
        "sklearn": "OneVsRestClassifier(LogisticRegression(solver='liblinear'))",
        "link": "ovr",
        "feature_set": 2,
        "thresholds": {
            "cue": 0.5,
            "lexicon_cue": 0.35,
            "chosen_on": "the last 20% of train (articles in name order), model fit on the "
            "first 80%: best cue F1 (overlap) over cue in 0.35-0.5, lexicon_cue in 0.15-0.35",
        },
        "pos_features": True,
        "pos_tagger": "pos-ewt.en@1",
        "lexicons": {name: load_lexicon(name).id for name in ("reporting_verbs.en", "sources.en")},
        "trained": dt.date.today().isoformat(),
    }
    obj = {
        "classes": classes,
        "weights": weights,
        "bias": [round(b, 4) for b in intercept],
        "meta": meta,
    }
    data = json.dumps(obj, separators=(",", ":"), sort_keys=True).encode("utf-8")
    with gzip.GzipFile(args.out, "wb", mtime=0) as fh:
        fh.write(data)
    sha = hashlib.sha256(args.out.read_bytes()).hexdigest()
    print(f"wrote {args.out} ({len(weights)} features, {time.perf_counter() - t0:.0f}s) {sha}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
