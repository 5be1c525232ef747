"""Train the shipped part-of-speech tagger on UD English EWT.

Trains an NLTK averaged perceptron on the Penn Treebank tags (``XPOS``) of the EWT train
split, scores it on the dev and test splits, and writes gzipped JSON (never a pickle) with the
weights, the tag dictionary, the tagset and the training metadata to
``framing/models/pos-ewt.en.v1.json.gz``. Run from the project root::

    python scripts/train_tagger.py --ewt ../shared/data/ud-english-ewt

then ``python scripts/update_manifests.py`` (or copy the printed sha256 into
``framing/models/MANIFEST.json``). Training is reproducible: the sentence shuffling between
iterations is seeded with ``--seed``.

EWT splits hyphenated words (``search`` ``-`` ``engine``) while the framing tokenizer keeps
them whole (``behind-the-scenes``), so by default every train sentence that has such a
compound is added a second time with the compound merged into one token (tag: ``JJ`` when the
compound modifies a noun, as ``amod`` or ``compound``, unless it is a proper name; else the tag
of its syntactic head).
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import hashlib
import json
import random
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import nltk

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.evaluate.pos import ConlluToken, PosScore, read_conllu, score_tagger  # noqa: E402
from framing.text.tagger import (  # noqa: E402
    MODEL_FILE,
    FramingPerceptronTagger,
    PosTagger,
    normalize_token,
)

NAME = "pos-ewt.en"
VERSION = "1"
TRAINED_ON = "UD English EWT r2.x train (CC BY-SA 4.0)"


def _is_word(token: ConlluToken) -> bool:
    return any(ch.isalnum() for ch in token.form)


def _is_joining_hyphen(token: ConlluToken) -> bool:
    return token.xpos == "HYPH" and token.form == "-" and not token.space_after


def merge_hyphen_compounds(sentence: Sequence[ConlluToken]) -> list[ConlluToken] | None:
    """Return ``sentence`` with hyphen-split compounds joined, or None if it has none."""
    out: list[ConlluToken] = []
    merged_any = False
    i, n = 0, len(sentence)
    while i < n:
        j = i
        while (
            j + 2 < n
            and _is_word(sentence[j])
            and not sentence[j].space_after
            and _is_joining_hyphen(sentence[j + 1])
            and _is_word(sentence[j + 2])
        ):
            j += 2
        if j == i:
            out.append(sentence[i])
            i += 1
            continue
        span = sentence[i : j + 1]
        ids = {t.id for t in span}
        heads = [t for t in span if t.head not in ids and t.xpos != "HYPH"] or [span[-1]]
        head = heads[-1]
        # Penn guidelines tag hyphenated prenominal modifiers JJ ("long-term", "US-based");
        # names keep their proper-noun tag ("Al-Anbar province").
        modifier = head.deprel.split(":")[0] in ("amod", "compound")
        xpos = "JJ" if modifier and not head.xpos.startswith("NNP") else head.xpos
        out.append(
            head._replace(
                id=span[0].id,
                form="".join(t.form for t in span),
                xpos=xpos,
                space_after=span[-1].space_after,
            )
        )
        merged_any = True
        i = j + 1
    return out if merged_any else None


def load_split(path: Path, *, augment: bool) -> tuple[list[list[tuple[str, str]]], int]:
    """Read a split as (normalised form, XPOS) sentences; also return how many were added."""
    sentences: list[list[tuple[str, str]]] = []
    added = 0
    for sentence in read_conllu(path):
        sentences.append([(normalize_token(t.form), t.xpos) for t in sentence])
        if augment:
            merged = merge_hyphen_compounds(sentence)
            if merged is not None:
                sentences.append([(normalize_token(t.form), t.xpos) for t in merged])
                added += 1
    return sentences, added


def prune(weights: dict[str, dict[str, float]], threshold: float) -> dict[str, dict[str, float]]:
    """Drop averaged weights with ``|w| < threshold`` and features left with none."""
    pruned = {}
    for feat, ws in weights.items():
        kept = {c: w for c, w in ws.items() if abs(w) >= threshold}
        if kept:
            pruned[feat] = kept
    return pruned


def _score_hyphen_compounds(path: Path, tagger: PosTagger) -> tuple[int, int]:
    """Accuracy on the joined hyphen compounds of a split, as (correct, total)."""
    correct = total = 0
    for sentence in read_conllu(path):
        merged = merge_hyphen_compounds(sentence)
        if merged is None:
            continue
        forms = {t.id: t.form for t in sentence}
        tags = tagger.tag([t.form for t in merged])
        for token, tag in zip(merged, tags, strict=True):
            if token.form != forms[token.id]:
                total += 1
                correct += tag == token.xpos
    return correct, total


def write_model(obj: dict, path: Path) -> None:
    """Write the model as deterministic gzipped JSON (sorted keys, no gzip timestamp)."""
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    path.parent.mkdir(parents=True, exist_ok=True)
    with (
        path.open("wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
    ):
        gz.write(data.encode("utf-8"))


def _print_score(label: str, score: PosScore) -> None:
    print(f"{label}: {score.correct}/{score.tokens} = {score.accuracy:.4f}", flush=True)


def main(argv: Sequence[str] | None = None) -> int:
    """Train, evaluate and write the tagger; return the exit code."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--ewt",
        type=Path,
        default=ROOT.parent / "shared/data/ud-english-ewt",
        help="folder with en_ewt-ud-{train,dev,test}.conllu "
        "(default: ../shared/data/ud-english-ewt)",
    )
    parser.add_argument("--iterations", type=int, default=8, help="perceptron passes (default 8)")
    parser.add_argument("--seed", type=int, default=1, help="random seed for shuffling (default 1)")
    parser.add_argument(
        "--prune",
        type=float,
        default=0.0,
        help="drop averaged weights with |w| below this (default 0: keep all)",
    )
    parser.add_argument(
        "--no-merge-hyphens",
        action="store_true",
        help="do not add train sentences with hyphen-split compounds joined",
    )
    parser.add_argument(
        "--out", type=Path, default=ROOT / "framing/models" / MODEL_FILE, help="model file"
    )
    args = parser.parse_args(argv)

    splits = {s: args.ewt / f"en_ewt-ud-{s}.conllu" for s in ("train", "dev", "test")}
    missing = [str(p) for p in splits.values() if not p.is_file()]
    if missing:
        parser.error(f"EWT split(s) not found: {', '.join(missing)}")

    augment = not args.no_merge_hyphens
    train, added = load_split(splits["train"], augment=augment)
    n_tokens = sum(len(s) for s in train)
    print(f"train: {len(train)} sentences ({added} merged-compound copies), {n_tokens} tokens")

    random.seed(args.seed)
    perceptron = FramingPerceptronTagger(load=False)
    start = time.perf_counter()
    perceptron.train(train, nr_iter=args.iterations)
    train_seconds = time.perf_counter() - start
    print(f"trained {args.iterations} iterations in {train_seconds:.0f} s", flush=True)

    weights = perceptron.model.weights
    n_weights = sum(len(ws) for ws in weights.values())
    if args.prune > 0:
        weights = prune(weights, args.prune)
    n_kept = sum(len(ws) for ws in weights.values())
    print(f"weights: {n_kept} kept of {n_weights} ({len(weights)} features)")

    meta = {
        "name": NAME,
        "version": VERSION,
        "tagset": "xpos",
        "trained_on": TRAINED_ON,
        "treebank_release": _release(args.ewt),
        "train_sentences": len(train),
        "train_tokens": n_tokens,
        "merged_hyphen_copies": added,
        "features": FramingPerceptronTagger.FEATURE_SET,
        "iterations": args.iterations,
        "seed": args.seed,
        "prune_threshold": args.prune,
        "n_weights": n_kept,
        "nltk_version": nltk.__version__,
        "python_version": sys.version.split()[0],
        "train_seconds": round(train_seconds, 1),
        "created": dt.date.today().isoformat(),
    }
    tagger = PosTagger(weights, perceptron.tagdict, sorted(perceptron.classes), meta)
    dev = score_tagger(splits["dev"], tagger=tagger)
    test = score_tagger(splits["test"], tagger=tagger)
    _print_score("dev  XPOS accuracy", dev)
    _print_score("test XPOS accuracy", test)
    hy_correct, hy_total = _score_hyphen_compounds(splits["test"], tagger)
    hy_acc = hy_correct / hy_total if hy_total else 0.0
    print(f"test merged hyphen compounds: {hy_correct}/{hy_total} = {hy_acc:.4f}")
    tagger.meta.update(
        dev_accuracy=round(dev.accuracy, 4),
        dev_tokens=dev.tokens,
        test_accuracy=round(test.accuracy, 4),
        test_tokens=test.tokens,
        test_hyphen_compound_accuracy=round(hy_acc, 4),
        test_hyphen_compounds=hy_total,
    )

    write_model(tagger.to_obj(), args.out)
    reloaded = PosTagger.from_file(args.out)
    check = score_tagger(splits["test"], tagger=reloaded)
    if check.correct != test.correct:
        print(f"error: reloaded model scores {check.accuracy:.4f}, not {test.accuracy:.4f}")
        return 1
    digest = hashlib.sha256(args.out.read_bytes()).hexdigest()
    size = args.out.stat().st_size
    print(f"wrote {args.out} ({size / 1e6:.2f} MB) sha256 {digest}")
    return 0


def _release(ewt: Path) -> str:
    """The treebank release named in the EWT README (e.g. ``v2.15``), or ``unknown``."""
    readme = ewt / "README.md"
    if readme.is_file():
        for line in readme.read_text(encoding="utf-8").splitlines()[:5]:
            for word in line.split():
                if word.startswith("v2."):
                    return word
    return "unknown"


if __name__ == "__main__":
    raise SystemExit(main())
