"""Regenerate the figures of ``docs/figures.md`` from the seed story.

Compares the two versions of ``corpora/iran-envoy-musk-2024-11`` with the default settings
(as ``framing compare`` does) and writes every figure of :mod:`framing.plot` to
``docs/figures/seed-<name>.png`` and ``.svg``. The files are byte-identical on reruns with
the same code, lexicons and models::

    python scripts/make_doc_figures.py
    python scripts/make_doc_figures.py --out /tmp/figs --formats png
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
STORY = ROOT / "corpora" / "iran-envoy-musk-2024-11"
OUT = ROOT / "docs" / "figures"


def main(argv: list[str] | None = None) -> int:
    """Compare the seed story and write its figures; print the files written."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=OUT, help=f"output folder ({OUT})")
    parser.add_argument(
        "--formats", nargs="+", default=["png", "svg"], choices=["png", "svg", "pdf"]
    )
    parser.add_argument("--prefix", default="seed-", help="file name prefix (seed-)")
    args = parser.parse_args(argv)

    import framing
    from framing.plot import save_figures

    started = time.perf_counter()
    comparison = framing.compare(framing.load(STORY))
    paths = save_figures(comparison, args.out, tuple(args.formats), prefix=args.prefix)
    for p in paths:
        shown = p.relative_to(ROOT) if p.is_relative_to(ROOT) else p
        print(f"{shown}  {p.stat().st_size} bytes")
    print(f"{len(paths)} files in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
