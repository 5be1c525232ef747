"""The ingest stage: files, records, pages and story folders become :class:`Article` objects.

:func:`load` reads one path (file, story folder, or manifest) and raises on the first bad
input; :func:`load_many` reads many paths, keeps going past bad files or records and
returns the errors beside the articles.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from framing.errors import IngestError
from framing.ingest.corpus import MANIFEST_NAMES, SUPPORTED_SUFFIXES, iter_manifest
from framing.ingest.decode import MAX_ARTICLE_FILE_BYTES, MAX_PAGE_BYTES, read_text
from framing.ingest.html import parse_html
from framing.ingest.jsonl import iter_records
from framing.ingest.text import parse_text
from framing.types import Article

__all__ = ["LoadResult", "iter_path", "load", "load_many"]


@dataclass(frozen=True, slots=True)
class LoadResult:
    """Articles read by :func:`load_many`, and the errors met on the way (in input order)."""

    articles: tuple[Article, ...]
    errors: tuple[IngestError, ...]


def _link_problem(f: Path, root: Path) -> str | None:
    """Why a folder entry that is a symbolic link is not read (``None`` when it is fine).

    As for manifests, a folder's articles stay inside the folder: a link that leads out of
    it, or nowhere, is refused by name.
    """
    if not f.is_symlink():
        return None
    try:
        target = f.resolve()
    except (OSError, RuntimeError):  # a loop of links
        return "is a link that leads back to itself."
    if not target.exists():
        return "is a broken link (it points to a file that does not exist)."
    if not target.is_relative_to(root):
        return f"is a link to {target}, outside the folder; copy the file into the folder."
    return None


def iter_path(
    path: str | os.PathLike[str],
    *,
    id: str | None = None,
    outlet: str | None = None,
    overrides: dict[str, Any] | None = None,
    encoding: str | None = None,
) -> Iterator[Article | IngestError]:
    """Yield the articles of one path, and an :class:`IngestError` for each bad input.

    Parameters
    ----------
    path : path-like
        A text/JSON/JSONL/HTML file, a story folder, or a ``manifest.json``.
    id, outlet : str, optional
        For a single-article file: its id and outlet.
    overrides : dict, optional
        Field values that win over what is inferred (text files).
    encoding : str, optional
        Encoding to use instead of detection.
    """
    p = Path(path)
    name = str(path)
    try:
        if p.is_dir():
            manifest = next((p / m for m in MANIFEST_NAMES if (p / m).is_file()), None)
            if manifest is not None:
                yield from iter_manifest(manifest)
                return
            files = sorted(
                f for f in p.iterdir()
                if f.suffix.lower() in SUPPORTED_SUFFIXES and (f.is_symlink() or not f.is_dir())
            )
            if not files:
                raise IngestError(
                    f"the folder has no article files ({', '.join(SUPPORTED_SUFFIXES)}).",
                    path=name,
                )
            root = p.resolve()
            for f in files:
                problem = _link_problem(f, root)
                if problem:
                    yield IngestError(problem, path=str(f))
                else:
                    yield from iter_path(f, encoding=encoding)
            return
        suffix = p.suffix.lower()
        if p.name in MANIFEST_NAMES:
            yield from iter_manifest(p)
        elif suffix in (".json", ".jsonl", ".ndjson"):
            for item in iter_records(p, encoding=encoding):
                if isinstance(item, Article) and outlet and item.outlet == "unknown":
                    item = replace(item, outlet=outlet, source_chain=(outlet,))
                yield item
        elif suffix in (".html", ".htm"):
            page = read_text(
                p,
                encoding=encoding,
                max_bytes=MAX_PAGE_BYTES,
                limit_name="framing.ingest.decode.MAX_PAGE_BYTES",
            )
            yield parse_html(page, path=name, id=id, outlet=outlet)
        else:
            yield parse_text(
                read_text(
                    p,
                    encoding=encoding,
                    max_bytes=MAX_ARTICLE_FILE_BYTES,
                    limit_name="framing.ingest.decode.MAX_ARTICLE_FILE_BYTES",
                ),
                path=name,
                id=id,
                outlet=outlet,
                overrides=overrides,
            )
    except IngestError as exc:
        yield exc


def load(
    path: str | os.PathLike[str], *, encoding: str | None = None
) -> list[Article]:
    """Read every article of a path; raise :class:`IngestError` on the first bad input.

    Examples
    --------
    >>> from framing.ingest import load
    >>> arts = load("corpora/iran-envoy-musk-2024-11")  # doctest: +SKIP
    >>> [a.outlet for a in arts]  # doctest: +SKIP
    ['TROIB News', 'IANS']
    """
    out = []
    for item in iter_path(path, encoding=encoding):
        if isinstance(item, IngestError):
            raise item
        out.append(item)
    return out


def load_many(
    paths: Iterable[str | os.PathLike[str]], *, encoding: str | None = None
) -> LoadResult:
    """Read many paths, keeping going past bad files and records.

    Article ids are made unique by suffixing ``~2``, ``~3``... when two inputs share one.
    """
    articles: list[Article] = []
    errors: list[IngestError] = []
    seen: dict[str, int] = {}
    for path in paths:
        for item in iter_path(path, encoding=encoding):
            if isinstance(item, IngestError):
                errors.append(item)
                continue
            n = seen.get(item.id, 0) + 1
            seen[item.id] = n
            if n > 1:
                item = replace(item, id=f"{item.id}~{n}")
            articles.append(item)
    return LoadResult(tuple(articles), tuple(errors))
