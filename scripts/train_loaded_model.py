"""Train the learned loaded-language component and write it to ``framing/models``.

Training data: BABE's ``final_labels_SG1.dev.csv`` (expert labels) and
``final_labels_MBIC.dev.csv`` (crowd labels): sentence labels Biased / Non-biased (rows
with "No agreement" are dropped) train the sentence classifier; the word-level
``biased_words`` of SG1 (experts) train the token scorer. The scored split
``final_labels_SG2.dev.csv`` is never read here. Note (see docs/loaded-language.md): the
SG1/MBIC sentences are also SG2 sentences, so the evaluation scores the shipped model only
on the SG2-dev sentences that are not in these files, and reports cross-fitted scores for
the rest::

    python scripts/train_loaded_model.py --babe ../shared/data/babe
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import json
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.evaluate.loaded import TOKEN_FILE, TRAIN_FILES, read_babe, sentence_key  # noqa: E402
from framing.features.loaded_model import MODEL_FILE  # noqa: E402
from framing.features.loaded_train import train_loaded_model  # noqa: E402

MANIFEST = ROOT / "framing" / "models" / "MANIFEST.json"


def _update_manifest(record: dict) -> None:
    raw = {"models": []}
    if MANIFEST.exists():
        raw = json.loads(MANIFEST.read_text(encoding="utf-8"))
    models = [m for m in raw.get("models", []) if m.get("name") != record["name"]]
    models.append(record)
    raw["models"] = models
    MANIFEST.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--babe", type=Path, default=ROOT.parent / "shared" / "data" / "babe")
    parser.add_argument("--out", type=Path, default=ROOT / "framing" / "models" / MODEL_FILE)
    parser.add_argument("--no-manifest", action="store_true")
    parser.add_argument("--token-c", type=float, default=0.5)
    parser.add_argument("--sentence-c", type=float, default=1.0)
    args = parser.parse_args(argv)
    rows = []
    for name in TRAIN_FILES:
        rows.extend(read_babe(args.babe / name))
    rows = [r for r in rows if r.label is not None]
    t0 = time.perf_counter()
    info = {
        "trained_on": [f"babe/{n}" for n in TRAIN_FILES],
        "rows": len(rows),
        "sentences": len({sentence_key(r.text) for r in rows}),
        "token_labels_from": f"babe/{TOKEN_FILE} (expert biased_words)",
        "token_prior_from": "babe/final_labels_MBIC.dev.csv (crowd biased_words: marked/seen "
        "counts per word; a training token's own sentence left out)",
        "cv_procedure": "5-fold GroupKFold by normalised sentence text on the training rows only: "
        "out-of-fold token scores feed the sentence classifier; token threshold, sentence "
        "gate and sentence threshold maximise out-of-fold F1 (token F1 on SG1 words, "
        "sentence macro-F1)",
        "never_read": "babe/final_labels_SG2.dev.csv",
        "script": "scripts/train_loaded_model.py",
        "licence_of_training_data": "BABE/MBIC, AGPL-3.0 (Spinde et al. 2021)",
    }
    model = train_loaded_model(
        [r.text for r in rows],
        [r.label for r in rows],
        [r.biased_words for r in rows],
        groups=[sentence_key(r.text) for r in rows],
        token_rows=[r.source == TOKEN_FILE for r in rows],
        token_c=args.token_c,
        sentence_c=args.sentence_c,
        info=info,
    )
    data = gzip.compress(
        json.dumps(model.to_json(), ensure_ascii=False, sort_keys=True).encode("utf-8"), mtime=0
    )
    args.out.write_bytes(data)
    print(
        f"wrote {args.out} ({len(data) / 1e6:.2f} MB) in {time.perf_counter() - t0:.0f}s; "
        f"token threshold {model.token_threshold}, sentence threshold "
        f"{model.sentence_threshold}",
        file=sys.stderr,
    )
    if not args.no_manifest:
        _update_manifest(
            {
                "name": "loaded-babe.en",
                "version": model.version,
                "file": args.out.name,
                "description": "Loaded-language token scorer (with a crowd word prior) and "
                "biased-sentence classifier (logistic regression, coefficients as JSON).",
                "source": "trained by scripts/train_loaded_model.py on BABE SG1 + MBIC "
                "(Spinde et al. 2021, EMNLP Findings)",
                "licence": "Apache-2.0 (model); training data AGPL-3.0",
                "training_command": "python scripts/train_loaded_model.py "
                "--babe ../shared/data/babe",
                "training": info,
                "sha256": hashlib.sha256(data).hexdigest(),
            }
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
