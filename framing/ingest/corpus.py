"""Story folders and manifests.

A story folder holds the versions of one story and a ``manifest.json``::

    {"story": "...", "title": "...", "versions": [
        {"file": "a.txt", "id": "a", "outlet": "TROIB News", "source_chain": ["TROIB News", "RT"]},
        ...]}

Versions load in manifest order; the manifest's ``outlet``, ``source_chain``, ``date``,
``title`` and ``url`` override what ingestion infers. Paths in a manifest must name article
files inside the folder (after following symbolic links): not the folder itself, not a
manifest, not a path with a NUL byte. Every field is type-checked, and a bad manifest is an
:class:`~framing.errors.IngestError` naming the version. A folder without a manifest loads
every supported file in name order.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from framing.errors import IngestError
from framing.ingest.decode import read_text
from framing.ingest.jsonl import parse_json
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
    data = parse_json(read_text(path), path=name, what="manifest JSON")
    if not isinstance(data, dict) or not isinstance(data.get("versions"), list):
        raise IngestError("a manifest needs a 'versions' list.", path=name)
    if "story" in data and not isinstance(data["story"], str):
        raise IngestError("'story' must be a string.", path=name)
    root = Path(path).resolve().parent
    for i, v in enumerate(data["versions"]):
        where = f"version {i}"
        if not isinstance(v, dict) or not isinstance(v.get("file"), str) or not v["file"]:
            raise IngestError("each version needs a non-empty 'file' string.", path=name,
                              record=where)
        for key in ("id", "outlet", "date", "title", "url", "note"):
            if key in v and not isinstance(v[key], str):
                raise IngestError(
                    f"'{key}' must be a string; got {type(v[key]).__name__}.",
                    path=name,
                    record=where,
                )
        chain = v.get("source_chain", [])
        if not isinstance(chain, list) or not all(isinstance(s, str) for s in chain):
            raise IngestError("'source_chain' must be a list of strings.", path=name,
                              record=where)
        try:
            target = (root / v["file"]).resolve()
            is_dir = target.is_dir()
        except (ValueError, OSError, RuntimeError) as exc:  # a NUL byte, a symbolic-link loop
            raise IngestError(
                f"file {v['file']!r} is not a usable path ({exc}).", path=name, record=where
            ) from None
        if not target.is_relative_to(root):
            raise IngestError(
                f"file {v['file']!r} is outside the story folder; manifests may only name "
                "files inside their folder.",
                path=name,
                record=where,
            )
        if target == root or is_dir or target.name in MANIFEST_NAMES:
            raise IngestError(
                f"file {v['file']!r} is not an article file (a folder or a manifest).",
                path=name,
                record=where,
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
                if data.get("title"):
                    meta["story_title"] = data["title"]
                if "note" in v:
                    meta["manifest_note"] = v["note"]
                item = _replace(item, meta=meta)
            yield item


def _replace(article: Article, **changes: Any) -> Article:
    from dataclasses import replace

    return replace(article, **changes)
