"""The ``framing`` command: thin wrappers around the library.

Each ``*_cli`` function parses its arguments and calls public library functions. Results
go to stdout (or ``--out``), diagnostics to stderr.

Exit codes: 0 success; 1 some input could not be read (every readable input was still
processed and each problem was reported on one line naming the file and line); 2 usage
error (bad arguments).
"""

from __future__ import annotations

import argparse
import json
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from framing._version import __version__
from framing.errors import FramingError, IngestError

__all__ = ["main"]

log = logging.getLogger("framing")

EXIT_OK, EXIT_INPUT, EXIT_USAGE = 0, 1, 2


def _report_errors(errors: Sequence[IngestError], stream: TextIO) -> None:
    for err in errors:
        print(f"framing: error: {err}", file=stream)


def inspect_cli(args: argparse.Namespace) -> int:
    """``framing inspect FILE...``: metadata, removed boilerplate and sentences."""
    from framing.ingest import load_many
    from framing.text import split_sentences

    result = load_many(args.inputs, encoding=args.encoding)
    out = sys.stdout
    records = []
    for a in result.articles:
        sentences = split_sentences(a.text, body_start=a.body_start)
        if args.format == "json":
            records.append(
                {
                    "id": a.id,
                    "outlet": a.outlet,
                    "title": a.title,
                    "date": a.date,
                    "source_chain": list(a.source_chain),
                    "meta": {k: v for k, v in a.meta.items() if k != "offset_map"},
                    "removed": [
                        {"kind": r.kind, "text": r.text, "start": r.start, "end": r.end}
                        for r in a.removals
                    ],
                    "sentences": [[s.start, s.end, s.text] for s in sentences],
                }
            )
            continue
        print(f"== {a.meta.get('path', a.id)}", file=out)
        print(f"id:           {a.id}", file=out)
        print(f"outlet:       {a.outlet}", file=out)
        print(f"source chain: {' <- '.join(a.source_chain) or '-'}", file=out)
        print(f"title:        {a.title or '-'}", file=out)
        print(f"date:         {a.date or '-'}", file=out)
        for key in ("place", "agency", "credit", "byline", "teaser", "url"):
            if a.meta.get(key):
                print(f"{key + ':':<14}{a.meta[key]}", file=out)
        print(f"removed ({len(a.removals)}):", file=out)
        for r in a.removals:
            print(f"  [{r.start}:{r.end}] {r.kind:<18} {r.text.strip()!r}", file=out)
        print(f"sentences ({len(sentences)}):", file=out)
        for s in sentences:
            tag = "H" if s.section == "headline" else " "
            print(f"  {s.index:>3}{tag} [{s.start}:{s.end}] {s.text}", file=out)
        print(file=out)
    if args.format == "json":
        json.dump(records, out, ensure_ascii=False, indent=2)
        print(file=out)
    _report_errors(result.errors, sys.stderr)
    return EXIT_INPUT if result.errors else EXIT_OK


def extract_cli(args: argparse.Namespace) -> int:
    """``framing extract INPUT... [--format jsonl]``: one JSON object per article on stdout.

    With ``-o OUT.parquet`` / ``-o OUT.jsonl`` the batch engine runs instead
    (:func:`extract_batch_cli`).
    """
    if args.out is not None:
        return extract_batch_cli(args)
    if args.format not in (None, "jsonl"):
        print(f"framing: error: --format {args.format} needs -o FILE.", file=sys.stderr)
        return EXIT_USAGE
    from framing.ingest import iter_path
    from framing.pipeline import extract
    from framing.report import record_json

    errors: list[IngestError] = []
    for path in args.inputs:
        for item in iter_path(path, encoding=args.encoding):
            if isinstance(item, IngestError):
                errors.append(item)
                print(f"framing: error: {item}", file=sys.stderr)
                continue
            sys.stdout.write(record_json(extract(item)) + "\n")
    return EXIT_INPUT if errors else EXIT_OK


def extract_batch_cli(args: argparse.Namespace) -> int:
    """``framing extract INPUT... -o OUT.parquet|OUT.jsonl``: parallel and resumable."""
    from framing.batch import extract_corpus
    from framing.batch.engine import BatchError

    try:
        result = extract_corpus(
            args.inputs,
            args.out,
            jobs=args.jobs,
            engine=args.engine,
            scheduler=args.scheduler,
            fmt=args.format,
            chunk_size=args.chunk_size,
            encoding=args.encoding,
            overwrite=args.overwrite,
            progress=False if args.quiet else None,
            echo_errors=not args.quiet,
        )
    except BatchError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return EXIT_INPUT
    if not args.quiet:
        done = "already complete: " if result.chunks_run == 0 else ""
        resumed = f", {result.chunks_resumed} chunks from an earlier run" if (
            result.chunks_resumed and result.chunks_run) else ""
        print(f"framing: {done}wrote {result.n_articles} articles to {result.out} "
              f"({result.n_errors} errors in {result.errors_path}{resumed})", file=sys.stderr)
    return EXIT_OK if result.ok else EXIT_INPUT


def compare_cli(args: argparse.Namespace) -> int:
    """``framing compare A B [C ...] [--out DIR] [--format json|markdown]``."""
    from framing.compare import compare
    from framing.ingest import load_many
    from framing.report import comparison_json, comparison_markdown, write_report

    result = load_many(args.inputs, encoding=args.encoding)
    if result.errors:
        _report_errors(result.errors, sys.stderr)
        print(
            "framing: error: not comparing: every version must be readable "
            f"({len(result.errors)} could not be read).",
            file=sys.stderr,
        )
        return EXIT_INPUT
    if len(result.articles) < 2:
        print(
            f"framing: error: compare needs at least two versions; got {len(result.articles)}.",
            file=sys.stderr,
        )
        return EXIT_USAGE
    comparison = compare(result.articles)
    if args.out is not None:
        for path in write_report(comparison, args.out):
            print(f"framing: wrote {path}", file=sys.stderr)
    if args.format == "json":
        sys.stdout.write(comparison_json(comparison) + "\n")
    elif args.format == "markdown" or (args.format is None and args.out is None):
        sys.stdout.write(comparison_markdown(comparison))
    return EXIT_OK


def _read_articles(args: argparse.Namespace) -> tuple[list, list[IngestError]]:
    """Articles of every input path (files, folders, manifests, JSONL); errors reported."""
    from framing.ingest import iter_path

    articles, errors = [], []
    for path in args.inputs:
        for item in iter_path(path, encoding=args.encoding):
            if isinstance(item, IngestError):
                errors.append(item)
                print(f"framing: error: {item}", file=sys.stderr)
            else:
                articles.append(item)
    return articles, errors


def stories_cli(args: argparse.Namespace) -> int:
    """``framing stories INPUT... [-o stories.json] [--format json|table]``."""
    from framing.stories import group as defaults
    from framing.stories import group_stories, stories_json, stories_table

    articles, errors = _read_articles(args)
    threshold = defaults.DEFAULT_THRESHOLD if args.threshold is None else args.threshold
    params = {
        "window_days": args.window_days,
        "threshold": threshold,
        "merge_threshold": defaults.DEFAULT_MERGE_THRESHOLD,
        "char_weight": defaults.DEFAULT_CHAR_WEIGHT,
        "scale": "z",
        "linkage": defaults.DEFAULT_LINKAGE,
        "outlet_penalty": defaults.DEFAULT_OUTLET_PENALTY,
    }
    stories = group_stories(articles, window_days=args.window_days, threshold=threshold)
    fmt = args.format or ("json" if args.out is not None else "table")
    if fmt == "json":
        text = json.dumps(stories_json(stories, parameters=params), ensure_ascii=False, indent=2)
        text += "\n"
    else:
        text = stories_table(stories)
    if args.out is not None:
        from framing.report import write_atomic

        write_atomic(args.out, text)
        print(f"framing: wrote {len(stories)} stories ({len(articles)} articles) to {args.out}",
              file=sys.stderr)
    else:
        sys.stdout.write(text)
    return EXIT_INPUT if errors else EXIT_OK


def profile_cli(args: argparse.Namespace) -> int:
    """``framing profile INPUT... [--stories stories.json] [-o profiles.json] [--figure F]``."""
    from framing.pipeline import extract
    from framing.profiles import outlet_profiles
    from framing.stories import group_stories, read_story_map

    articles, errors = _read_articles(args)
    if not articles:
        print("framing: error: no readable article to profile.", file=sys.stderr)
        return EXIT_INPUT if errors else EXIT_USAGE
    if args.stories is not None:
        story_of = read_story_map(args.stories)
        for a in articles:
            if a.id not in story_of:
                print(f"framing: warning: article {a.id!r} is not in {args.stories}; "
                      "it is profiled as a story of its own.", file=sys.stderr)
                story_of[a.id] = f"single-{a.id}"
    else:
        story_of = {aid: s.id for s in group_stories(articles) for aid in s.article_ids}
    profiles = outlet_profiles([extract(a) for a in articles], stories=story_of)
    if args.figure is not None:
        from framing.plot.save import FORMATS, figure_bytes
        from framing.plot.style import standalone_figures
        from framing.profiles.plot import plot_outlet_profiles
        from framing.report import write_atomic

        fmt = args.figure.suffix.lower().lstrip(".")
        if fmt not in FORMATS:
            print(f"framing: error: {args.figure}: the figure's name must end in "
                  f"{', '.join('.' + f for f in FORMATS)}.", file=sys.stderr)
            return EXIT_USAGE
        args.figure.parent.mkdir(parents=True, exist_ok=True)
        with standalone_figures():
            ax = plot_outlet_profiles(profiles)
            write_atomic(args.figure, figure_bytes(ax.figure, fmt))
        print(f"framing: wrote {args.figure}", file=sys.stderr)
    if args.out is not None:
        from framing.report import write_atomic

        write_atomic(args.out, json.dumps(profiles.to_dict(), ensure_ascii=False, indent=2))
        print(f"framing: wrote {args.out}", file=sys.stderr)
    elif args.format == "json":
        sys.stdout.write(json.dumps(profiles.to_dict(), ensure_ascii=False, indent=2) + "\n")
    else:
        frame = profiles.to_frame()
        frame["cell"] = [
            f"{v:.3f} [{lo:.3f}, {hi:.3f}]" for v, lo, hi in
            zip(frame["value"], frame["low"], frame["high"], strict=True)
        ]
        table = frame.pivot(index="label", columns="outlet", values="cell")
        table = table.reindex(index=[m.label for m in profiles.measures],
                              columns=list(profiles.outlets))
        print(f"{len(profiles.outlets)} outlets, {len(profiles.stories)} stories, "
              f"{len(articles)} articles; value [95% bootstrap CI over stories]")
        sys.stdout.write(table.to_string() + "\n")
    return EXIT_INPUT if errors else EXIT_OK


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Compare how news outlets cover the same story, with evidence.",
        epilog="Exit codes: 0 ok; 1 some input could not be read; 2 usage error.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="log progress to stderr")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")

    def common(p: argparse.ArgumentParser) -> None:
        p.add_argument(
            "--encoding", help="decode input files with this encoding instead of detecting it"
        )

    p = sub.add_parser("inspect", help="show metadata, removed boilerplate and sentences")
    p.add_argument("inputs", nargs="+", metavar="FILE", type=Path)
    p.add_argument("--format", choices=("text", "json"), default="text")
    common(p)
    p.set_defaults(func=inspect_cli)

    p = sub.add_parser("extract", help="extract features: one JSON object per article")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path)
    p.add_argument("--format", choices=("jsonl", "parquet"), default=None,
                   help="output format (default: jsonl; with -o, from its suffix)")
    p.add_argument("-o", "--out", type=Path,
                   help="write OUT.jsonl or OUT.parquet (parallel, resumable; docs/batch.md)")
    p.add_argument("-j", "--jobs", type=int, default=None,
                   help="worker processes with -o (default: every core)")
    p.add_argument("--engine", choices=("local", "dask"), default="local",
                   help="run chunks on local processes or on Dask distributed (extra dask)")
    p.add_argument("--scheduler", metavar="ADDRESS",
                   help="Dask scheduler address (default: start a LocalCluster)")
    p.add_argument("--chunk-size", type=int, default=16, metavar="N",
                   help="inputs per task and part file (default: 16)")
    p.add_argument("--overwrite", action="store_true",
                   help="replace an output made by a different command")
    p.add_argument("-q", "--quiet", action="store_true",
                   help="no progress bar, no summary, no error echo (errors file still written)")
    common(p)
    p.set_defaults(func=extract_cli)

    p = sub.add_parser("compare", help="compare two or more versions of a story")
    p.add_argument("inputs", nargs="+", metavar="VERSION", type=Path,
                   help="article files, or a story folder with a manifest")
    p.add_argument("--out", type=Path, help="write report.json and report.md into this folder")
    p.add_argument("--format", choices=("json", "markdown", "none"), default=None,
                   help="print the comparison to stdout (default: markdown unless --out)")
    common(p)
    p.set_defaults(func=compare_cli)

    p = sub.add_parser("stories", help="group a pile of articles into stories")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path,
                   help="article files, folders, manifests or JSONL files")
    p.add_argument("-o", "--out", type=Path, help="write the stories (JSON) to this file")
    p.add_argument("--format", choices=("json", "table"), default=None,
                   help="output format (default: table on stdout; json with -o)")
    p.add_argument("--window-days", type=float, default=3.0, metavar="DAYS",
                   help="articles dated further apart never share a story (default: 3)")
    p.add_argument("--threshold", type=float, default=None,
                   help="similarity to join a story, in standard deviations above the "
                   "pile's mean cosine (default: tuned on NeuS train)")
    common(p)
    p.set_defaults(func=stories_cli)

    p = sub.add_parser("profile", help="outlet profiles across many stories, with CIs")
    p.add_argument("inputs", nargs="+", metavar="INPUT", type=Path,
                   help="article files, folders, manifests or JSONL files")
    p.add_argument("--stories", type=Path, metavar="STORIES_JSON",
                   help="stories from `framing stories -o` (default: group the inputs)")
    p.add_argument("-o", "--out", type=Path, help="write the profiles (JSON) to this file")
    p.add_argument("--format", choices=("json", "table"), default="table",
                   help="stdout format when no -o is given (default: table)")
    p.add_argument("--figure", type=Path, metavar="FILE.png",
                   help="also draw the profiles (PNG, SVG or PDF by suffix)")
    common(p)
    p.set_defaults(func=profile_cli)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits 2 on usage errors, 0 on --help
        return int(exc.code or 0)
    if args.command is None:
        parser.print_help(sys.stderr)
        return EXIT_USAGE
    if args.verbose:
        handler = logging.StreamHandler(sys.stderr)
        handler.setFormatter(logging.Formatter("framing: %(message)s"))
        log.addHandler(handler)
        log.setLevel(logging.INFO)
    try:
        return args.func(args)
    except FramingError as exc:
        print(f"framing: error: {exc}", file=sys.stderr)
        return EXIT_INPUT if isinstance(exc, IngestError) else EXIT_USAGE
    except BrokenPipeError:  # e.g. `framing extract ... | head`
        return EXIT_OK
    except OSError as exc:  # an output that cannot be written: no such folder, no permission
        where = f"{exc.filename}: " if exc.filename else ""
        print(f"framing: error: {where}cannot write here ({exc.strerror or exc}).",
              file=sys.stderr)
        return EXIT_USAGE
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
