"""Source typing, resolution and affiliation (a mixin of the attribution rule engine)."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from typing import Any

from framing.features._attribution_lexicons import _proper, _Rel
from framing.types import Document

_Mention = tuple[int, int, str, str | None]  # start, end, source type, affiliation
_NOT_NAME = ("determiner", "affiliation", "role", "state")  # capitalised, yet not a name


class Mentions:
    """The sources typed so far, with the last one of each type at hand.

    :meth:`latest` takes constant time, where scanning back through every source named so
    far made typing quadratic in articles with many unresolved sources.
    """

    def __init__(self) -> None:
        self._last: dict[str, tuple[int, _Mention]] = {}
        self._n = 0

    def append(self, mention: _Mention) -> None:
        """Record a source mention."""
        self._last[mention[2]] = (self._n, mention)
        self._n += 1

    def latest(self, types: Sequence[str]) -> _Mention | None:
        """The last mention recorded whose type is one of ``types``."""
        found = [self._last[t] for t in types if t in self._last]
        return max(found)[1] if found else None


class SourceTyping:
    """Typing and resolution of the sources found by :class:`RuleEngine`."""

    # attributes provided by the engine
    doc: Document
    text: str
    toks: Sequence[Any]
    tok_starts: Sequence[int]  # start offset of each token
    lex: Any
    connect: frozenset[str]  # ``connector`` words of ``cue-filters.en``
    personal: frozenset[str]  # ``personal_pronoun`` words of ``cue-filters.en``

    def _type(self, r: _Rel, mentions: Mentions) -> None:
        a, b = r.src  # type: ignore[misc]
        words = [self.toks[k].text for k in range(a, b)]
        lows = [w.lower() for w in words]
        lex = self.lex
        head = lows[-1]
        start, end = self.toks[a].start, self.toks[b - 1].end
        caps = [
            k
            for k in range(a, b)
            if self.is_cap(k)
            and not lex.is_any(self.low(k), ("determiner", "affiliation", "role", "state"))
        ]
        outlet = self._outlet_in(a, b)
        stype = "person"
        if len(lows) == 1 and lex.is_(head, "pronoun"):
            stype = "pronoun"
        elif any(lex.is_(w, "anonymity_marker") and w != "senior" for w in lows) or (
            lex.is_(head, "anonymous_head") and not (lex.is_(head, "role") and lows[0] == "the")
        ):
            stype = "anonymous"
        elif outlet is not None:
            stype = "media"
            r.attrs["outlet"] = outlet
        elif lex.is_(head, "vague_head"):
            stype = "vague"
        elif lex.is_(head, "document_head"):
            stype = "document"
        elif (
            lex.is_(head, "organisation_head")
            or " ".join(lows) in lex.words.get("state", ())
            or " ".join(lows[1:]) in lex.words.get("state", ())
            or any(
                " ".join(lows[x:]) in lex.words.get("organisation_head", ())
                for x in range(len(lows))
            )
        ):
            stype = "organisation"
        elif not caps:
            stype = "description" if lex.is_(head, "role") else "vague"
        r.attrs["named"] = stype in ("person", "organisation", "media") and self._named_head(a, b)
        # resolution of pronouns and descriptions
        target: tuple[int, int, str, str | None] | None = None
        if stype == "pronoun":
            want = {
                "it": ("media", "organisation", "document"),
                "they": ("anonymous", "vague", "organisation", "media"),
                "he": ("person",),
                "she": ("person",),
            }.get(head)
            if head in ("who", "which") and a > 0:
                np = self.np_left(a, self.sent_lo[a])
                if np is not None:
                    cut = [x for x in range(np[0], np[1]) if self.low(x) in self.connect]
                    np = (cut[-1] + 1, np[1]) if cut and cut[-1] + 1 < np[1] else np
                if np is not None and np[1] <= a:
                    sub = _Rel(np, None, None, "none", "", {})
                    self._type(sub, Mentions())
                    target = (
                        self.toks[np[0]].start,
                        self.toks[np[1] - 1].end,
                        sub.source_type,
                        sub.affiliation,
                    )
            elif want:
                target = mentions.latest(want)
                if head in self.personal:
                    name = self._name_before(start)
                    if name is not None and (target is None or name[0] > target[0]):
                        target = name
        elif stype in ("description", "document", "anonymous") and lows[0] in ("the", "this"):
            want = {
                "description": ("person",),
                "document": ("media", "document"),
                "anonymous": ("anonymous",),
            }[stype]
            target = mentions.latest(want)
            if target is None and stype == "description":
                target = mentions.latest(("person",))
        if target is not None:
            r.resolved = (target[0], target[1])
            stype = target[2]
            r.affiliation = target[3]
        elif stype == "description":
            stype = "person"
        r.source_type = stype
        if r.affiliation is None:
            r.affiliation = self._affiliation(a, b)
        if r.affiliation is None and r.appos is not None:
            r.affiliation = self._affiliation(*r.appos)
        if target is None and r.resolved is None:
            mentions.append((start, end, stype, r.affiliation))

    def _name_before(self, offset: int) -> tuple[int, int, str, str | None] | None:
        """The last clause-initial proper name (a likely person) before ``offset``.

        Only names whose last token starts less than 2,000 characters before ``offset``.
        """
        ends, names = self._person_names()
        k = bisect_left(self.tok_starts, offset) - 1
        x = bisect_right(ends, k) - 1
        if x < 0 or offset - self.toks[ends[x]].start >= 2000:
            return None
        return names[x]

    def _person_names(self) -> tuple[list[int], list[tuple[int, int, str, str | None]]]:
        """Clause-initial proper names of the document: last token indexes and mentions.

        Computed once per document (one pass over the tokens), for :meth:`_name_before`.
        """
        cached = getattr(self, "_person_names_", None)
        if cached is not None:
            return cached
        lex = self.lex
        toks = self.toks
        ends: list[int] = []
        names: list[tuple[int, int, str, str | None]] = []
        proper = list(map(_proper, toks))
        for k, t in enumerate(toks):
            if not proper[k] or (k + 1 < len(toks) and proper[k + 1]):
                continue
            j = k
            while j - 1 >= 0 and proper[j - 1]:
                j -= 1
            before = toks[j - 1].text if j > 0 else ""
            clause_start = j == 0 or before in (",", ".", ";") or toks[j - 1].sentence != t.sentence
            words = " ".join(self.low(x) for x in range(j, k + 1))
            if clause_start and not (
                self._outlet_in(j, k + 1)
                or lex.is_(words, "state")
                or any(lex.is_(self.low(x), "organisation_head") for x in range(j, k + 1))
                or (k + 1 < len(toks) and toks[k + 1].pos in ("NN", "NNS"))
            ):
                ends.append(k)
                names.append((toks[j].start, t.end, "person", None))
        self._person_names_ = (ends, names)
        return self._person_names_

    def _named_head(self, a: int, b: int) -> bool:
        """Whether the head of the source phrase (before a comma or parenthesis) is a name."""
        end = b
        for k in range(a, b):
            if self.toks[k].text in (",", "("):
                end = k
                break
        k = end - 1
        while k > a and self.toks[k].text in ("’s", "'s", ")"):
            k -= 1
        low = self.low(k)
        return (
            self.is_cap(k)
            and not self.lex.is_(low, "role")
            and not self.lex.is_(low, "affiliation")
            and not self.lex.is_(low, "determiner")
        )

    def _outlet_in(self, a: int, b: int) -> str | None:
        lows = [self.low(k) for k in range(a, b)]
        for size in range(min(self.lex.max_outlet_len, len(lows)), 0, -1):
            for x in range(len(lows) - size + 1):
                key = tuple(lows[x : x + size])
                if key in self.lex.outlet_names and any(
                    self.is_cap(k) for k in range(a + x, a + x + size)
                ):
                    return self.lex.outlet_names[key]
        return None

    def _affiliation(self, a: int, b: int) -> str | None:
        lex = self.lex
        for k in range(a, b):
            low = self.low(k)
            if lex.is_(low, "affiliation") and self.is_cap(k):
                return self.toks[k].text
            nxt = self.low(k + 1) if k + 1 < b else ""
            if lex.is_(low, "state") and self.is_cap(k) and (k + 1 < b):
                return self.toks[k].text
            if nxt in ("’s", "'s") and self.is_cap(k) and k + 2 < b:
                return self.toks[k].text
        for cat in ("role", "anonymous_head", "organisation_head"):
            for k in range(a, b):
                if not lex.is_(self.low(k), cat):
                    continue
                j = k
                while (
                    j - 1 >= a
                    and self.is_cap(j - 1)
                    and not lex.is_(self.low(j - 1), "role")
                    and not lex.is_(self.low(j - 1), "determiner")
                ):
                    j -= 1
                if j < k:
                    return self.text[self.toks[j].start : self.toks[k - 1].end]
        return None
