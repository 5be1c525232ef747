"""Saved article pages (HTML) through trafilatura, an optional extra.

Install with ``pip install "framing-toolkit[html]"``. trafilatura finds the main text,
title, date, site name and URL; scripts, styles, comments and navigation are dropped by it.
The extracted main text becomes the canonical text (paragraphs separated by blank lines)
and the headline, when trafilatura finds one, is put on top as for text files.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from framing.errors import IngestError
from framing.ingest.decode import MAX_PAGE_BYTES, read_text
from framing.ingest.text import outlet_name
from framing.types import Article

__all__ = ["parse_html", "read_html_article"]


def _trafilatura() -> Any:
    try:
        import trafilatura
    except ImportError:
        raise IngestError(
            "reading HTML needs the 'html' extra: pip install \"framing-toolkit[html]\"."
        ) from None
    return trafilatura


def parse_html(
    html: str, *, path: str = "<html>", id: str | None = None, outlet: str | None = None
) -> Article:
    """Extract the article of an HTML page.

    Raises
    ------
    IngestError
        When trafilatura is not installed or finds no article text.
    """
    trafilatura = _trafilatura()
    try:
        doc = trafilatura.bare_extraction(
            html, with_metadata=True, include_comments=False, include_tables=False
        )
    except Exception as exc:  # trafilatura/lxml raise many types on broken markup
        raise IngestError(f"could not parse the HTML ({type(exc).__name__}).", path=path) from None
    if doc is None:
        raise IngestError("no article text found in the HTML page.", path=path)
    data = doc if isinstance(doc, dict) else doc.as_dict()
    body = "\n\n".join(p.strip() for p in (data.get("text") or "").split("\n") if p.strip())
    if not body:
        raise IngestError("no article text found in the HTML page.", path=path)
    title = (data.get("title") or "").strip() or None
    text = f"{title}\n\n{body}" if title else body
    site = data.get("sitename") or data.get("hostname")
    name = outlet or (outlet_name(site) if site else "unknown")
    return Article(
        id=id or Path(path).stem,
        outlet=name,
        text=text,
        title=title,
        date=data.get("date"),
        url=data.get("url"),
        body_start=len(title) + 2 if title else 0,
        source_chain=(name,) if name != "unknown" else (),
        meta={"path": path, "format": "html", "sitename": site, "author": data.get("author")},
    )


def read_html_article(
    path: str | os.PathLike[str],
    *,
    id: str | None = None,
    outlet: str | None = None,
    encoding: str | None = None,
) -> Article:
    """Read one saved HTML page as an :class:`Article`."""
    page = read_text(
        path,
        encoding=encoding,
        max_bytes=MAX_PAGE_BYTES,
        limit_name="framing.ingest.decode.MAX_PAGE_BYTES",
    )
    return parse_html(page, path=str(path), id=id, outlet=outlet)
