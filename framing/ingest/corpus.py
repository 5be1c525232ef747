"""Story folders and manifests.

A story folder holds the versions of one story and a ``manifest.json``::

    {"story": "...", "title": "...", "versions": [
        {"file": "a.txt", "id": "a", "outlet": "TROIB News", "source_chain": ["TROIB News", "RT"]},
        ...]}

Versions load in manifest order; the manifest's ``outlet``, ``source_chain``, ``date``,
``title`` and ``url`` override what ingestion infers. Paths in a manifest must stay inside
the folder. A folder without a manifest loads every supported file in name order.
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.errors import IngestError
from framing.ingest.decode import read_text
from framing.types import Article

__all__ = ["MANIFEST_NAMES", "SUPPORTED_SUFFIXES", "iter_manifest", "read_manifest"]

MANIFEST_NAMES = ("manifest.json",)
SUPPORTED_SUFFIXES = (".txt", ".text", ".md", ".json", ".jsonl", ".ndjson", ".html", ".htm")
_OVERRIDES = ("outlet", "source_chain", "date", "title", "url")


def read_manifest(path: str | os.PathLike[str]) -> dict[str, Any]:
    """Read and validate a story manifest.

    Raises
    ------
    IngestError
        Malformed JSON, missing ``versions``, a version without ``file``, or a path that
        leaves the folder.
    """
    name = str(path)
    try:
        data = json.loads(read_text(path))
    except json.JSONDecodeError as exc:
        raise IngestError(
            f"malformed manifest JSON ({exc.msg} at line {exc.lineno}).", path=name
        ) from None
    if not isinstance(data, dict) or not isinstance(data.get("versions"), list):
        raise IngestError("a manifest needs a 'versions' list.", path=name)
    root = Path(path).resolve().parent
    for i, v in enumerate(data["versions"]):
        if not isinstance(v, dict) or not isinstance(v.get("file"), str):
            raise IngestError(
                "each version needs a 'file' string.", path=name, record=f"version {i}"
            )
        target = (root / v["file"]).resolve()
        if not target.is_relative_to(root):
            raise IngestError(
                f"file {v['file']!r} is outside the story folder; manifests may only name "
                "files inside their folder.",
                path=name,
                record=f"version {i}",
            )
    return data


def iter_manifest(path: str | os.PathLike[str]) -> Iterator[Article | IngestError]:
    """Yield the versions of a story manifest in order (errors are yielded, not raised)."""
    from framing.ingest import iter_path

    data = read_manifest(path)
    root = Path(path).resolve().parent
    story = data.get("story") or root.name
    for v in data["versions"]:
        overrides = {k: v[k] for k in _OVERRIDES if k in v}
        if "source_chain" in overrides:
            overrides["source_chain"] = tuple(overrides["source_chain"])
        for item in iter_path(
            root / v["file"], id=v.get("id"), outlet=v.get("outlet"), overrides=overrides
        ):
            if isinstance(item, Article):
                meta = {**item.meta, "story": story}
                if "note" in v:
                    meta["manifest_note"] = v["note"]
                item = _replace(item, meta=meta)
            yield item


def _replace(article: Article, **changes: Any) -> Article:
    from dataclasses import replace

    return replace(article, **changes)
