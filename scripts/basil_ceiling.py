"""How far can a BASIL-trained sentence classifier get on BASIL lexical bias? (an upper bound)

Runs the full pipeline over the BASIL articles in ``../shared/data/basil``, turns every
sentence into features (the spans the pipeline emits, by feature, source, category and voice;
model and lexicon scores; sentence position, length, quotation and exclamation marks; whether
the sentence mentions one of the article's three most frequent person/organisation entities),
and fits a logistic regression cross-fitted over *events* (5 folds, grouped by BASIL triplet).
The decision threshold is then chosen on the held-out predictions themselves, so the F1 it
prints is optimistic: an upper bound for this family of models, not a deployable score.
Nothing from here ships; docs/loaded-language.md records the result. About 2 minutes::

    python scripts/basil_ceiling.py [--data ../shared/data/basil]
"""

from __future__ import annotations

import argparse
import sys
from bisect import bisect_right
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import numpy as np  # noqa: E402
from sklearn.feature_extraction import DictVectorizer  # noqa: E402
from sklearn.linear_model import LogisticRegression  # noqa: E402
from sklearn.model_selection import GroupKFold  # noqa: E402

from framing.evaluate.loaded import _basil_article, read_basil  # noqa: E402
from framing.pipeline import extract  # noqa: E402


def sentence_rows(data: Path) -> tuple[list[dict[str, float]], list[bool], list[str]]:
    """Features, gold ``lex`` flag and event id of every BASIL sentence."""
    X: list[dict[str, float]] = []
    y: list[bool] = []
    groups: list[str] = []
    for sents in read_basil(data):
        if not sents:
            continue
        art, starts = _basil_article(sents)
        per: list[list] = [[] for _ in sents]
        for sp in extract(art).spans:
            per[bisect_right(starts, sp.start) - 1].append(sp)
        ents = Counter(
            sp.attrs.get("canonical") or sp.text
            for spans in per
            for sp in spans
            if sp.feature == "entity" and sp.category in ("person", "organisation")
        )
        top = [e for e, _ in ents.most_common(3)]
        n = len(sents)
        for i, (s, spans) in enumerate(zip(sents, per, strict=True)):
            f: dict[str, float] = {
                "pos_rel": i / max(n - 1, 1),
                "first": float(i == 0),
                "early": float(i < 3),
                "len": float(np.log1p(len(s.text.split()))),
                "quote": float(any(q in s.text for q in '"\u201c\u201d')),
                "excl": float("!" in s.text),
            }
            named = {sp.attrs.get("canonical") or sp.text for sp in spans if sp.feature == "entity"}
            for k, e in enumerate(top):
                if e in named:
                    f[f"top{k}"] = 1.0
                    f["any_top"] = 1.0
            for sp in spans:
                if sp.feature == "loaded":
                    src = sp.attrs.get("source", "?")
                    f[f"loaded_{src}_{sp.voice}"] = f.get(f"loaded_{src}_{sp.voice}", 0) + 1
                    f[f"loaded_cat_{sp.category}"] = f.get(f"loaded_cat_{sp.category}", 0) + 1
                    if sp.score is not None:
                        f[f"loaded_max_{src}"] = max(f.get(f"loaded_max_{src}", 0.0), sp.score)
                    if "any_top" in f:
                        f["loaded_with_top_entity"] = 1.0
                elif sp.feature == "tone" and sp.score is not None:
                    f["tone_abs"] = max(f.get("tone_abs", 0.0), abs(sp.score))
                else:
                    key = f"{sp.feature}_{sp.voice}"
                    f[key] = f.get(key, 0) + 1
            X.append(f)
            y.append(s.lex)
            groups.append(s.event)
    return X, y, groups


def optimistic_f1(X: list[dict[str, float]], y: list[bool], groups: list[str]) -> tuple:
    """Event-cross-fitted predictions and the best F1 over thresholds (with P and R)."""
    gold = np.array(y)
    mat = DictVectorizer().fit_transform(X)
    prob = np.zeros(len(gold))
    for tr, te in GroupKFold(5).split(mat, gold, groups):
        model = LogisticRegression(max_iter=2000, class_weight="balanced")
        prob[te] = model.fit(mat[tr], gold[tr]).predict_proba(mat[te])[:, 1]
    best = (0.0, 0.0, 0.0, 0.0)
    for t in np.linspace(0.05, 0.95, 91):
        pred = prob >= t
        tp = int((pred & gold).sum())
        p, r = tp / max(int(pred.sum()), 1), tp / max(int(gold.sum()), 1)
        f = 2 * p * r / (p + r) if p + r else 0.0
        best = max(best, (f, p, r, float(t)))
    return best


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared/data/basil")
    args = parser.parse_args(argv)
    X, y, groups = sentence_rows(args.data)
    no_entities = [{k: v for k, v in f.items() if "top" not in k} for f in X]
    print(f"sentences {len(y)}, with lex {sum(y)}")
    for name, feats in (("all features", X), ("without entity features", no_entities)):
        f, p, r, t = optimistic_f1(feats, y, groups)
        print(f"{name}: F1 {f:.3f} (P {p:.3f}, R {r:.3f}, threshold {t:.2f})")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
