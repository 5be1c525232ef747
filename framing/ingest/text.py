"""Outlet text files as they come: find the headline and boilerplate, keep them as metadata.

The rules, in the order they run (ids appear in :attr:`Removal.rule` and in
``docs/ingestion.md``):

``front_matter``
    ``---`` / ``key: value`` / ``---`` at the top; its values override everything inferred.
``headline``
    The first paragraph when it is short (at most 200 characters and 30 words) and does not
    end like a sentence. It stays at the top of the canonical text as its own sentence.
``teaser`` / ``read_more``
    A paragraph that ends in "Read Full Article at SITE": the paragraph is the teaser and the
    link names the originating outlet (``outlets.en`` lexicon maps ``RT.com`` to ``RT``).
``repeated_headline``
    A later paragraph identical to the headline (aggregators print it twice).
``credit``
    "NAME contributed to this report for OUTLET": the credit, and the publishing outlet.
``byline``
    A paragraph "By NAME" before the body.
``date_prefix``
    An inline ``date YYYY-MM-DD`` at the start of the body.
``dateline``
    A wire dateline ``City, Mon DD (AGENCY)`` at the start of the body: place and agency.

The canonical text is the headline (if any), a blank line, then the remaining paragraphs
separated by blank lines. ``meta["offset_map"]`` maps each canonical stretch back to the
decoded source (``[canonical_start, source_start, length]``), so every span can be found in
the original file.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from framing.errors import IngestError
from framing.ingest.decode import MAX_ARTICLE_FILE_BYTES, normalize_text, read_text
from framing.lexicons import load_lexicon
from framing.patterns import (
    RE_BYLINE,
    RE_CREDIT,
    RE_DATE_PREFIX,
    RE_DATELINE,
    RE_FRONT_MATTER,
    RE_FRONT_MATTER_LINE,
    RE_LINE,
    RE_READ_MORE,
)
from framing.types import Article, Removal

__all__ = ["outlet_name", "parse_text", "read_text_article"]

_MONTHS = {
    m: i
    for i, m in enumerate(
        ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"], 1
    )
}
_HEADLINE_MAX_CHARS = 200
_HEADLINE_MAX_WORDS = 30
_SENTENCE_END = tuple(".!?…\"”’:;")


@dataclass(slots=True)
class _Para:
    start: int  # offset in the decoded source
    text: str

    @property
    def end(self) -> int:
        return self.start + len(self.text)


@cache
def _outlet_index() -> dict[str, str]:
    index: dict[str, str] = {}
    for e in load_lexicon("outlets.en"):
        canonical = e.get("canonical") or e.term
        index[e.term.lower()] = canonical
        domain = e.get("domain")
        if domain:
            index[domain.lower()] = canonical
    return index


def outlet_name(name_or_domain: str) -> str:
    """Return the canonical outlet name for a surface name or web domain.

    Unknown names come back as given (a domain loses its ``www.``).

    Examples
    --------
    >>> outlet_name("RT.com"), outlet_name("www.nytimes.com"), outlet_name("Daily Planet")
    ('RT', 'The New York Times', 'Daily Planet')
    """
    key = name_or_domain.strip().lower().removeprefix("www.")
    index = _outlet_index()
    if key in index:
        return index[key]
    return name_or_domain.strip().removeprefix("www.")


def _parse_front_matter(text: str, path: str) -> tuple[dict[str, str], Removal | None]:
    m = RE_FRONT_MATTER.match(text)
    if not m:
        return {}, None
    values: dict[str, str] = {}
    for lineno, line in enumerate(m.group(1).split("\n"), start=2):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        kv = RE_FRONT_MATTER_LINE.match(line)
        if not kv:
            raise IngestError(
                f"front matter line is not 'key: value': {line.strip()[:60]!r}.",
                path=path,
                record=lineno,
            )
        values[kv.group(1).lower()] = kv.group(2).strip().strip("\"'")
    return values, Removal("front_matter", m.group(0), 0, m.end(), "front_matter")


def _looks_like_headline(para: str) -> bool:
    words = para.split()
    return (
        0 < len(para) <= _HEADLINE_MAX_CHARS
        and len(words) <= _HEADLINE_MAX_WORDS
        and not para.rstrip().endswith(_SENTENCE_END)
    )


def _same(a: str, b: str) -> bool:
    return " ".join(a.split()).casefold() == " ".join(b.split()).casefold()


def parse_text(
    text: str,
    *,
    path: str = "<text>",
    id: str | None = None,
    outlet: str | None = None,
    overrides: dict[str, Any] | None = None,
) -> Article:
    """Parse the decoded text of an outlet file into an :class:`Article`.

    Parameters
    ----------
    text : str
        Decoded file contents.
    path : str
        File name, for ids and error messages.
    id : str, optional
        Article id (default: the file's stem).
    outlet : str, optional
        Publishing outlet, when known from outside (a manifest). Front matter wins over it.
    overrides : dict, optional
        Values that win over everything (``title``, ``date``, ``outlet``, ``source_chain``...).

    Returns
    -------
    Article

    Raises
    ------
    IngestError
        When no text is left, or the front matter is malformed.
    """
    source = normalize_text(text)
    if not source.strip():
        raise IngestError("the file has no text (only whitespace).", path=path)
    removals: list[Removal] = []
    meta: dict[str, Any] = {"path": path, "format": "text"}
    front, fm_removal = _parse_front_matter(source, path)
    pos = 0
    if fm_removal:
        removals.append(fm_removal)
        pos = fm_removal.end
    paras = [
        _Para(m.start(), m.group()) for m in RE_LINE.finditer(source, pos) if m.group().strip()
    ]
    if not paras:
        raise IngestError("the file has no article text after its front matter.", path=path)

    def remove(kind: str, start: int, end: int, rule: str | None = None) -> None:
        removals.append(Removal(kind, source[start:end], start, end, rule or kind))

    # headline
    title: str | None = None
    headline: _Para | None = None
    if len(paras) > 1 and _looks_like_headline(paras[0].text):
        headline = paras.pop(0)
        title = headline.text.strip()
        remove("headline", headline.start, headline.end)

    # teaser + read-more link, repeated headline, credit, byline
    source_chain: list[str] = []
    kept: list[_Para] = []
    for para in paras:
        rm = RE_READ_MORE.search(para.text)
        if rm:
            site = rm.group("site")
            meta["read_more"] = site
            origin = outlet_name(site)
            if origin not in source_chain:
                source_chain.append(origin)
            teaser = para.text[: rm.start()].strip()
            if teaser:
                t0 = para.start + para.text.find(teaser)
                meta["teaser"] = teaser
                remove("teaser", t0, t0 + len(teaser))
            lead = len(para.text[: rm.start()]) - len(para.text[: rm.start()].rstrip(" \t"))
            remove("read_more", para.start + rm.start() - lead, para.end)
            continue
        if title is not None and _same(para.text, title):
            remove("repeated_headline", para.start, para.end)
            continue
        cm = RE_CREDIT.match(para.text)
        if cm:
            meta["credit"] = cm.group("who").strip()
            if cm.group("outlet"):
                meta["credit_outlet"] = cm.group("outlet").strip()
            remove("credit", para.start, para.end)
            continue
        bm = RE_BYLINE.match(para.text)
        if bm and not kept:
            meta["byline"] = bm.group("who").strip()
            remove("byline", para.start, para.end)
            continue
        kept.append(para)
    if not kept:
        raise IngestError("no article body is left after removing boilerplate.", path=path)

    # date prefix and dateline at the start of the body
    first = kept[0]
    date: str | None = None
    cut = 0
    dm = RE_DATE_PREFIX.match(first.text)
    if dm:
        date = dm.group(1)
        remove("date_prefix", first.start, first.start + dm.end())
        cut = dm.end()
    dl = RE_DATELINE.match(first.text, cut)
    if dl:
        meta["dateline"] = dl.group(0).strip()
        meta["place"] = dl.group("place").strip()
        meta["agency"] = dl.group("agency").strip()
        meta["dateline_month"] = _MONTHS.get(dl.group("month")[:3].lower())
        meta["dateline_day"] = int(dl.group("day"))
        remove("dateline", first.start + cut, first.start + dl.end())
        cut = dl.end()
    if cut:
        rest = first.text[cut:]
        lead = len(rest) - len(rest.lstrip())
        kept[0] = _Para(first.start + cut + lead, rest.strip())
        if not kept[0].text:
            kept.pop(0)
    if not kept:
        raise IngestError("no article body is left after removing boilerplate.", path=path)

    # outlet and source chain: overrides > front matter > caller > credit > agency
    inferred_outlet = meta.get("credit_outlet") or meta.get("agency")
    name = outlet or (outlet_name(inferred_outlet) if inferred_outlet else None)
    chain = [name] if name else []
    chain += [s for s in source_chain if s != name]

    # canonical text with an offset map back to the source
    parts: list[str] = []
    offset_map: list[list[int]] = []
    cursor = 0
    body_start = 0
    if title is not None and headline is not None:
        ht = headline.text.strip()
        offset_map.append([0, headline.start + headline.text.find(ht), len(ht)])
        parts.append(ht + "\n\n")
        cursor = body_start = len(ht) + 2
    for i, para in enumerate(kept):
        body = para.text.rstrip()
        offset_map.append([cursor, para.start, len(body)])
        sep = "\n\n" if i < len(kept) - 1 else ""
        parts.append(body + sep)
        cursor += len(body) + len(sep)
    canonical = "".join(parts)
    meta["offset_map"] = offset_map
    meta["removed"] = len(removals)

    values: dict[str, Any] = {
        "id": id or Path(path).stem,
        "outlet": name or "unknown",
        "title": title,
        "date": date,
        "url": None,
        "source_chain": tuple(chain),
    }
    for key, value in {**front, **(overrides or {})}.items():
        if key == "source_chain" and isinstance(value, str):
            value = tuple(s.strip() for s in value.replace("<-", ",").split(",") if s.strip())
        if key in values:
            values[key] = value
        else:
            meta[key] = value
    if values["title"] != title and title is None:
        # a title given only by front matter is metadata; the text has no headline line
        body_start = 0
    if (
        values["outlet"] != "unknown"
        and values["source_chain"]
        and values["source_chain"][0] != values["outlet"]
        and ("outlet" in front or "outlet" in (overrides or {}))
        and "source_chain" not in front
        and "source_chain" not in (overrides or {})
    ):
        values["source_chain"] = (values["outlet"], *values["source_chain"][1:])
    if not values["source_chain"] and values["outlet"] != "unknown":
        values["source_chain"] = (values["outlet"],)
    return Article(
        text=canonical,
        body_start=body_start,
        removals=tuple(sorted(removals, key=lambda r: r.start)),
        meta=meta,
        **values,
    )


def read_text_article(
    path: str | os.PathLike[str],
    *,
    id: str | None = None,
    outlet: str | None = None,
    overrides: dict[str, Any] | None = None,
    encoding: str | None = None,
) -> Article:
    """Read one outlet text file (see the module docstring for the rules).

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "a.txt"
    >>> _ = p.write_text("Iran denies talks\\n\\nParis, Nov 16 (AFP) Iran denied it.\\n")
    >>> a = read_text_article(p)
    >>> a.outlet, a.title, a.meta["place"], a.text
    ('AFP', 'Iran denies talks', 'Paris', 'Iran denies talks\\n\\nIran denied it.')
    """
    text = read_text(
        path,
        encoding=encoding,
        max_bytes=MAX_ARTICLE_FILE_BYTES,
        limit_name="framing.ingest.decode.MAX_ARTICLE_FILE_BYTES",
    )
    return parse_text(text, path=str(path), id=id, outlet=outlet, overrides=overrides)
