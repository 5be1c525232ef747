"""Quotations in the text, and who speaks at a given offset: the narrator or a quoted source.

A span is in the *quoted* voice when it stands inside a quotation or inside the content of
an attribution ("Baghaei said that ..."); otherwise the outlet itself (the *narrator*)
says it. Hedging, loaded language and attribution all decide voice through
:class:`VoiceMap`, so the three features agree.

Quotation marks: curly double quotes, straight double quotes (either may close the other,
as in real copy), curly single quotes where the closing mark is not an apostrophe, and the
two-character marks of NYT / PolNeAR copy (``''quote''`` and ````quote''``).
A quotation left open at the end of a paragraph ends there (news style opens each
paragraph of a long quote again).
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.patterns import RE_QUOTE_MARK
from framing.types import TextRef, Voice

__all__ = ["VoiceMap", "find_quotes"]

_DOUBLE_OPEN = frozenset("“\"„«")
_DOUBLE_CLOSE = frozenset("”\"»")
_SINGLE_OPEN = "‘"
_SINGLE_CLOSE = "’"
_TWO_OPEN = {"`": "``", "'": "''"}


def _opens(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    after = text[i + 1] if i + 1 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/:,;" or i == 0)


def _opens2(text: str, i: int) -> bool:
    """Whether the two-character mark at ``i`` opens a quotation."""
    before = text[i - 1] if i > 0 else " "
    after = text[i + 2] if i + 2 < len(text) else " "
    return not after.isspace() and (before.isspace() or before in "([{—–-/:,;" or i == 0)


def _closes(text: str, i: int) -> bool:
    before = text[i - 1] if i > 0 else " "
    return not before.isspace()


def find_quotes(text: str) -> list[TextRef]:
    """Return the quotations of ``text``, quote marks included, in order.

    Runs in one pass, linear in the length of the text.

    Examples
    --------
    >>> t = "He rejected the “false reports” and Iran’s ‘maximum pressure’ claims."
    >>> [q.text for q in find_quotes(t)]
    ['“false reports”', '‘maximum pressure’']
    """
    out: list[TextRef] = []
    n = len(text)
    i = 0
    next_mark = RE_QUOTE_MARK.search
    while i < n:
        # characters that cannot open a quotation are skipped (the scan did i += 1 on them)
        m = next_mark(text, i)
        if m is None:
            break
        i = m.start()
        ch = text[i]
        if ch in _DOUBLE_OPEN and (ch != '"' or _opens(text, i)) and ch not in "”»":
            j = i + 1
            close = -1
            while j < n and text[j] != "\n":
                c = text[j]
                if c in _DOUBLE_CLOSE and _closes(text, j):
                    close = j + 1
                    break
                if c in "“„" and _opens(text, j):
                    break  # a new quotation opens: the previous one was left open
                j += 1
            end = close if close != -1 else j
            if end - i > 1:
                out.append(TextRef(i, end, text[i:end]))
            i = end
            continue
        if (ch == "`" or ch == "'") and text.startswith(_TWO_OPEN[ch], i) and _opens2(text, i):
            # NYT / PolNeAR style: ''quote'' or ``quote''
            j = i + 2
            close = -1
            while j < n and text[j] != "\n":
                if text.startswith("''", j) and not text[j - 1].isspace():
                    close = j + 2
                    break
                if text.startswith("``", j) or (text.startswith("''", j) and _opens2(text, j)):
                    break  # a new quotation opens: the previous one was left open
                j += 1
            end = close if close != -1 else j
            if end - i > 2:
                out.append(TextRef(i, end, text[i:end]))
                i = end
                continue
        if ch == _SINGLE_OPEN and _opens(text, i):
            j = i + 1
            close = -1
            while j < n and text[j] != "\n":
                if text[j] == _SINGLE_CLOSE:
                    after = text[j + 1] if j + 1 < n else " "
                    if not after.isalpha():
                        close = j + 1
                        break
                j += 1
            if close != -1:
                out.append(TextRef(i, close, text[i:close]))
                i = close
                continue
        i += 1
    return out


@dataclass(frozen=True, slots=True)
class VoiceMap:
    """Answers "who speaks here?" for any offset range of one article.

    Parameters
    ----------
    regions : sequence of (int, int)
        Sorted, non-overlapping stretches in the quoted voice (quotations and attributed
        contents, merged).
    """

    regions: tuple[tuple[int, int], ...]

    @classmethod
    def build(
        cls,
        quotes: Iterable[TextRef] = (),
        contents: Iterable[TextRef | tuple[int, int] | None] = (),
    ) -> VoiceMap:
        """Merge quotations and attributed contents into one map."""
        spans: list[tuple[int, int]] = []
        for ref in [*quotes, *contents]:
            if ref is None:
                continue
            s, e = (ref.start, ref.end) if isinstance(ref, TextRef) else ref
            if e > s:
                spans.append((s, e))
        spans.sort()
        merged: list[tuple[int, int]] = []
        for s, e in spans:
            if merged and s <= merged[-1][1]:
                if e > merged[-1][1]:
                    merged[-1] = (merged[-1][0], e)
            else:
                merged.append((s, e))
        return cls(tuple(merged))

    def voice(self, start: int, end: int | None = None) -> Voice:
        """Return ``"quoted"`` if ``[start, end)`` lies inside a quoted region."""
        end = start + 1 if end is None else end
        i = bisect_right(self.regions, (start, float("inf"))) - 1
        if i >= 0:
            s, e = self.regions[i]
            if s <= start and end <= e:
                return "quoted"
        return "narrator"

    def quoted_regions(self) -> Sequence[tuple[int, int]]:
        """The merged quoted regions."""
        return self.regions
