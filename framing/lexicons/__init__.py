"""Versioned word lists shipped as data files.

Every lexicon is a UTF-8 TSV file in ``framing/lexicons/data`` named
``<name>.v<version>.tsv`` with a header line. The first column is ``term``; ``category``,
``weight`` and ``note`` are the usual others, and a lexicon may add its own columns.
``MANIFEST.json`` lists each lexicon's name, version, file, source, licence and sha256;
a test checks the checksums, so an edit forces a version bump.

Examples
--------
>>> from framing.lexicons import load_lexicon
>>> abbrev = load_lexicon("abbreviations.en")
>>> "Mr." in abbrev.terms()
True
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from functools import cache
from importlib.resources import files
from types import MappingProxyType
from typing import Any

from framing.errors import LexiconNotFoundError

__all__ = ["Lexicon", "LexiconEntry", "available_lexicons", "load_lexicon", "manifest"]


@dataclass(frozen=True, slots=True)
class LexiconEntry:
    """One row of a lexicon: the term, its category, weight, note and any extra columns."""

    term: str
    category: str = ""
    weight: float = 1.0
    note: str = ""
    extra: Mapping[str, str] = field(default_factory=lambda: MappingProxyType({}))

    def get(self, column: str, default: str = "") -> str:
        """Return an extra column's value (or ``default``)."""
        return self.extra.get(column, default)


@dataclass(frozen=True, slots=True)
class Lexicon:
    """A loaded lexicon: its entries plus the manifest record that describes it."""

    name: str
    version: int
    entries: tuple[LexiconEntry, ...]
    info: Mapping[str, Any]

    @property
    def id(self) -> str:
        """``name@version``, the form recorded in outputs and span rules."""
        return f"{self.name}@{self.version}"

    def terms(self) -> frozenset[str]:
        """All terms, as written in the file."""
        return frozenset(e.term for e in self.entries)

    def by_category(self) -> dict[str, list[LexiconEntry]]:
        """Entries grouped by category, in file order."""
        out: dict[str, list[LexiconEntry]] = {}
        for e in self.entries:
            out.setdefault(e.category, []).append(e)
        return out

    def __iter__(self) -> Iterator[LexiconEntry]:
        return iter(self.entries)

    def __len__(self) -> int:
        return len(self.entries)

    def __repr__(self) -> str:
        return f"<Lexicon {self.id} entries={len(self.entries)}>"


def _data_dir():  # -> Traversable
    return files("framing.lexicons")


@cache
def manifest() -> Mapping[str, Mapping[str, Any]]:
    """Return the manifest records keyed by lexicon name."""
    raw = json.loads((_data_dir() / "MANIFEST.json").read_text(encoding="utf-8"))
    return MappingProxyType({rec["name"]: MappingProxyType(rec) for rec in raw["lexicons"]})


def available_lexicons() -> list[str]:
    """Return the ``name@version`` of every shipped lexicon."""
    return sorted(f"{name}@{rec['version']}" for name, rec in manifest().items())


def file_sha256(data: bytes) -> str:
    """Return the hex sha256 of ``data`` (the checksum recorded in the manifest)."""
    return hashlib.sha256(data).hexdigest()


@cache
def load_lexicon(name: str) -> Lexicon:
    """Load a shipped lexicon by name (``"hedges.en"``) or ``name@version``.

    Parameters
    ----------
    name : str
        The lexicon's name, optionally with ``@version``.

    Returns
    -------
    Lexicon

    Raises
    ------
    LexiconNotFoundError
        If no shipped lexicon has that name (or version).
    """
    base, _, want = name.partition("@")
    recs = manifest()
    if base not in recs:
        raise LexiconNotFoundError(
            f"No lexicon named {base!r}; the shipped lexicons are {available_lexicons()}."
        )
    rec = recs[base]
    if want and str(rec["version"]) != want:
        raise LexiconNotFoundError(
            f"Lexicon {base!r} is shipped at version {rec['version']}; got {name!r}. "
            f"Use {base}@{rec['version']}."
        )
    raw = (_data_dir() / "data" / rec["file"]).read_text(encoding="utf-8")
    reader = csv.DictReader(io.StringIO(raw), delimiter="\t", quoting=csv.QUOTE_NONE)
    entries = []
    for row in reader:
        term = (row.pop("term", None) or "").strip()
        if not term or term.startswith("#"):
            continue
        category = (row.pop("category", None) or "").strip()
        weight_raw = (row.pop("weight", None) or "").strip()
        note = (row.pop("note", None) or "").strip()
        extra = {k: (v or "").strip() for k, v in row.items() if k}
        entries.append(
            LexiconEntry(
                term=term,
                category=category,
                weight=float(weight_raw) if weight_raw else 1.0,
                note=note,
                extra=MappingProxyType(extra),
            )
        )
    return Lexicon(name=base, version=int(rec["version"]), entries=tuple(entries), info=rec)
