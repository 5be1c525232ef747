"""The report stage: JSON (validated by shipped schemas), Markdown, written atomically."""

from __future__ import annotations

import os
from pathlib import Path

from framing.compare.result import Comparison
from framing.report.io import write_atomic
from framing.report.json import comparison_json, record_json, validate
from framing.report.markdown import comparison_markdown, escape_md

__all__ = [
    "comparison_json",
    "comparison_markdown",
    "escape_md",
    "record_json",
    "validate",
    "write_atomic",
    "write_report",
]


def write_report(comparison: Comparison, out_dir: str | os.PathLike[str]) -> list[Path]:
    """Write ``report.json`` and ``report.md`` into ``out_dir`` (created if needed).

    Each file is written atomically. Returns the paths written.
    """
    out = Path(out_dir)
    data = comparison_json(comparison)
    return [
        write_atomic(out / "report.json", data + "\n"),
        write_atomic(out / "report.md", comparison_markdown(comparison)),
    ]
