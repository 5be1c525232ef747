"""The report stage: JSON (validated by shipped schemas), Markdown and HTML, written atomically.

- :func:`comparison_json` / :func:`validate`: the machine-readable report and its schemas;
- :func:`comparison_markdown`: a Markdown summary, article text escaped;
- :func:`comparison_html`: a self-contained page with the versions side by side, every span
  highlighted and explained, the alignment linked and the differences with their evidence;
- :func:`write_report`: all three into one folder.
"""

from __future__ import annotations

import os
from pathlib import Path

from framing.compare.result import Comparison
from framing.errors import ValidationError
from framing.report.html import comparison_html
from framing.report.io import write_atomic
from framing.report.json import comparison_json, record_json, validate
from framing.report.markdown import comparison_markdown, escape_md

__all__ = [
    "comparison_html",
    "comparison_json",
    "comparison_markdown",
    "escape_md",
    "record_json",
    "validate",
    "write_atomic",
    "write_report",
]


def write_report(
    comparison: Comparison, out_dir: str | os.PathLike[str], *, figures: bool = True
) -> list[Path]:
    """Write ``report.json``, ``report.md``, ``report.html`` and the figures into ``out_dir``.

    The folder is created if needed and each file is written atomically (a temporary file
    in the same folder, then a rename), so an interrupted run never leaves a half-written
    report. A file the report would replace that is one of the compared articles is refused
    before anything is written.

    Parameters
    ----------
    comparison : Comparison
        The result of :func:`framing.compare`.
    out_dir : path
        The output folder.
    figures : bool
        Also write the figures of :func:`framing.plot.save_figures` (PNG and SVG).

    Returns
    -------
    list of Path
        The paths written, in the order JSON, Markdown, HTML, then the figures.

    Raises
    ------
    ValidationError
        ``out_dir`` is a file, or a report file would overwrite a compared article.
    """
    out = Path(out_dir)
    if out.exists() and not out.is_dir():
        raise ValidationError(f"{out}: is a file; the report needs a folder to write into.")
    names = ["report.json", "report.md", "report.html"]
    if figures:
        from framing.plot.save import FIGURES

        names += [f"{stem}.{fmt}" for stem in FIGURES for fmt in ("png", "svg")]
    inputs = {
        Path(str(p)).resolve() for f in comparison.features
        if (p := f.article.meta.get("path")) is not None
    }
    for name in names:
        if (out / name).resolve() in inputs:
            raise ValidationError(
                f"{out / name}: is one of the compared articles and would be overwritten; "
                "write the report into another folder."
            )
    data = comparison_json(comparison)
    written = [
        write_atomic(out / "report.json", data + "\n"),
        write_atomic(out / "report.md", comparison_markdown(comparison)),
        write_atomic(out / "report.html", comparison_html(comparison)),
    ]
    if figures:
        from framing.plot import save_figures  # matplotlib only when figures are asked for

        written.extend(save_figures(comparison, out, ("png", "svg")))
    return written
