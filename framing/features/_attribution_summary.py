"""Per-article summaries of attributions (part of :mod:`framing.features.attribution`)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from framing.features.lexical import _is_word_text

SOURCE_TYPES = ("person", "organisation", "media", "anonymous", "vague", "document", "pronoun")
STANCES = ("neutral", "assertive", "distancing", "denial", "confirming", "speculative", "emotive")
QUOTES = ("direct", "indirect", "mixed", "none")


@dataclass(frozen=True, slots=True)
class SourceSummary:
    """One source of an article, with everything attributed to it.

    Parameters
    ----------
    name : str
        The source as first named (pronouns and descriptions count for what they refer to).
    source_type : str
        Type of the source (see :class:`~framing.types.Attribution`).
    affiliation : str or None
        Affiliation stated in the text.
    attributions : int
        Number of attributions to this source.
    words : int
        Words of content attributed to this source.
    direct, indirect, mixed : int
        Attributions by quote type.
    stances : tuple of (str, int)
        Cue stances used for this source, most frequent first.
    """

    name: str
    source_type: str
    affiliation: str | None
    attributions: int
    words: int
    direct: int
    indirect: int
    mixed: int
    stances: tuple[tuple[str, int], ...]


@dataclass(frozen=True, slots=True)
class AttributionSummary:
    """Per-article summary of sourcing.

    Parameters
    ----------
    article_id : str
    sources : tuple of SourceSummary
        Sources in order of first appearance.
    n_attributions : int
        Attributions with a source (relayed sources of chains included).
    unattributed : int
        Contents with no source (quotations that no cue claims); cue-only relations
        (``attrs["cue_only"]``, no content) are not counted.
    anonymous_share, vague_share, named_share : float
        Shares of attributions whose source is anonymous, vague, or named (person,
        organisation, media outlet); 0.0 when there is none.
    direct, indirect, mixed : int
        Attributions by quote type.
    quoted_words : int
        Words inside attributed contents and quotations.
    stances : tuple of (str, int)
        Cue stances over the article, most frequent first.
    """

    article_id: str
    sources: tuple[SourceSummary, ...]
    n_attributions: int
    unattributed: int
    anonymous_share: float
    vague_share: float
    named_share: float
    direct: int
    indirect: int
    mixed: int
    quoted_words: int
    stances: tuple[tuple[str, int], ...]

    def to_dict(self) -> dict[str, Any]:
        """Return a JSON-ready dict."""
        out = {k: getattr(self, k) for k in self.__slots__}
        out["sources"] = [{k: getattr(s, k) for k in s.__slots__} for s in self.sources]
        out["stances"] = dict(self.stances)
        for s in out["sources"]:
            s["stances"] = dict(s["stances"])
        return out


def _words(text: str) -> int:
    return sum(map(_is_word_text, text.split()))
