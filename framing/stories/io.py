"""JSON and table forms of grouped stories, and reading a stories file back.

The JSON document (``framing stories --format json``) is::

    {"schema": "framing.stories/1", "framing": VERSION, "parameters": {...},
     "articles": N, "stories": [Story.to_dict(), ...]}

Each story lists ``id``, ``size``, ``label``, ``outlets``, ``articles`` (``id``, ``outlet``,
``title``, ``date``) and ``evidence`` (``a``, ``b``, ``similarity``).
"""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from framing._version import __version__
from framing.errors import IngestError
from framing.stories.group import Story

__all__ = ["SCHEMA", "read_story_map", "stories_json", "stories_table"]

SCHEMA = "framing.stories/1"


def stories_json(
    stories: Sequence[Story], *, parameters: Mapping[str, Any] | None = None
) -> dict[str, Any]:
    """The JSON document of a grouping (a dict ready for :func:`json.dumps`)."""
    return {
        "schema": SCHEMA,
        "framing": __version__,
        "parameters": dict(parameters or {}),
        "articles": sum(s.size for s in stories),
        "stories": [s.to_dict() for s in stories],
    }


def stories_table(stories: Sequence[Story], *, width: int | None = None) -> str:
    """A plain-text table: one block per story (id, size, outlets, label, member titles).

    Stories with more than one article come first (largest first), then singletons.
    Rows longer than ``width`` characters are cut (default: never).
    """
    ordered = sorted(stories, key=lambda s: (-s.size,))
    lines = []
    multi = sum(1 for s in stories if s.size > 1)
    lines.append(
        f"{len(stories)} stories from {sum(s.size for s in stories)} articles "
        f"({multi} with two or more articles)"
    )
    for s in ordered:
        outlets = ", ".join(sorted(set(s.outlets)))
        lines.append("")
        lines.append(f"{s.id}  articles={s.size}  outlets: {outlets}")
        if s.label:
            lines.append(f"  terms: {', '.join(s.label)}")
        for aid, outlet, title, day in zip(
            s.article_ids, s.outlets, s.titles, s.dates, strict=True
        ):
            head = " ".join((title or "-").split())
            row = f"  - [{outlet}] {day or '----------'} {aid}: {head}"
            lines.append(row if width is None or len(row) <= width else row[: width - 3] + "...")
    return "\n".join(lines) + "\n"


def read_story_map(path: str | os.PathLike[str]) -> dict[str, str]:
    """Read a stories JSON file (as written by ``framing stories``): article id -> story id.

    Raises
    ------
    IngestError
        Naming the file (and story) when it is not a stories document.
    """
    name = str(path)
    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise IngestError(f"cannot read the stories file: {exc}", path=name) from exc
    if not isinstance(data, dict) or not isinstance(data.get("stories"), list):
        raise IngestError(
            "not a stories document: expected an object with a 'stories' list "
            "(as written by `framing stories --format json`).",
            path=name,
        )
    out: dict[str, str] = {}
    for k, story in enumerate(data["stories"]):
        try:
            sid = str(story["id"])
            for art in story["articles"]:
                out[str(art["id"])] = sid
        except (KeyError, TypeError) as exc:
            raise IngestError(
                f"story has no id or articles list ({exc!r}).", path=name, record=k
            ) from exc
    return out
