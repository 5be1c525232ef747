"""Build the background word frequencies shipped for distinctive-term priors.

Counts lower-cased word forms in UD English EWT train + dev (CC BY-SA 4.0), keeps those
seen at least ``--min-count`` times, and writes ``framing/models/background-ewt.en.v1.json.gz``
with its provenance. The counts are the informative Dirichlet prior of the log-odds ratio
(Monroe et al. 2008) used by :func:`framing.compare.terms.distinctive_terms`.

    python scripts/build_background.py --ewt ../shared/data/ud-english-ewt
"""

from __future__ import annotations

import argparse
import datetime as dt
import gzip
import json
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "framing" / "models" / "background-ewt.en.v1.json.gz"


def count_words(path: Path) -> Counter[str]:
    """Lower-cased FORM counts of a CoNLL-U file (multiword-token lines skipped)."""
    counts: Counter[str] = Counter()
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if not line.strip() or line.startswith("#"):
                continue
            cols = line.rstrip("\n").split("\t")
            if "-" in cols[0] or "." in cols[0]:
                continue
            form = cols[1].lower()
            if any(c.isalpha() for c in form):
                counts[form] += 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--ewt", type=Path, default=ROOT.parent / "shared/data/ud-english-ewt")
    parser.add_argument("--min-count", type=int, default=2)
    args = parser.parse_args(argv)
    counts: Counter[str] = Counter()
    for split in ("train", "dev"):
        counts.update(count_words(args.ewt / f"en_ewt-ud-{split}.conllu"))
    kept = {w: c for w, c in sorted(counts.items()) if c >= args.min_count}
    payload = {
        "meta": {
            "name": "background-ewt.en",
            "version": "1",
            "source": "UD English EWT train+dev word forms, lower-cased (CC BY-SA 4.0)",
            "min_count": args.min_count,
            "tokens": sum(counts.values()),
            "types_kept": len(kept),
            "created": dt.date.today().isoformat(),
        },
        "counts": kept,
    }
    data = json.dumps(payload, ensure_ascii=False, sort_keys=True).encode("utf-8")
    OUT.write_bytes(gzip.compress(data, mtime=0))
    print(f"wrote {OUT.relative_to(ROOT)}: {len(kept)} types from {sum(counts.values())} tokens")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
