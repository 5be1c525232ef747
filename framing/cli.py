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
    """``framing extract INPUT... --format jsonl``: one JSON object per article."""
    from framing.ingest import iter_path
    from framing.pipeline import extract
    from framing.report import record_json

    errors: list[IngestError] = []
    sink: TextIO
    lines: list[str] = []
    count = 0
    for path in args.inputs:
        for item in iter_path(path, encoding=args.encoding):
            if isinstance(item, IngestError):
                errors.append(item)
                print(f"framing: error: {item}", file=sys.stderr)
                continue
            line = record_json(extract(item))
            count += 1
            if args.out is None:
                sys.stdout.write(line + "\n")
            else:
                lines.append(line)
    if args.out is not None:
        from framing.report import write_atomic

        write_atomic(args.out, "".join(line + "\n" for line in lines))
        sink = sys.stderr
        print(f"framing: wrote {count} articles to {args.out}", file=sink)
    return EXIT_INPUT if errors else EXIT_OK


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
    p.add_argument("--format", choices=("jsonl",), default="jsonl")
    p.add_argument("-o", "--out", type=Path, help="write to this file instead of stdout")
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
    except KeyboardInterrupt:
        print("framing: interrupted", file=sys.stderr)
        return 130
