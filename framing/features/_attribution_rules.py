"""The rule engine of source attribution: cues, sources and contents over tokens.

Every step is linear or log-linear in the number of tokens, quotations and relations
(quotations are found by :func:`framing.text.find_quotes`: sorted and non-overlapping, which
the indexes below rely on; other quotation lists fall back to plain scans).

Contents run to the end (or from the start) of their sentence, so k cues in one sentence of
n characters would give k contents of about n characters each. Real news sentences are short
(the longest of the 926 PolNeAR and seed articles has 979 characters); in a sentence longer
than :data:`LONG_SENTENCE_CHARS`, each content instead ends at the next cue of the sentence
(or starts after the previous one), which keeps the output linear in the input.
"""

from __future__ import annotations

import heapq
from bisect import bisect_left, bisect_right, insort
from collections.abc import Sequence
from functools import lru_cache
from itertools import groupby
from operator import attrgetter
from typing import Any

import numpy as np

from framing.errors import ModelNotFoundError
from framing.features._attribution_lexicons import (
    _CLOSE_Q,
    _NOUN_TAGS,
    _NP_TAGS,
    _OPEN_Q,
    _Lexicons,
    _Rel,
)
from framing.features._attribution_sources import Mentions, SourceTyping
from framing.features._attribution_summary import _words
from framing.features.attribution_model import MODEL_VERSION
from framing.features.lexical import _is_word_text
from framing.features.wordclasses import NONE, load_word_classes
from framing.lexicons import LexiconEntry
from framing.text import VoiceMap
from framing.types import Attribution, Document, TextRef, Token

_NOMINAL = ("anonymous_head", "vague_head", "document_head", "role", "organisation_head")
_SOURCE_WORDS = (*_NOMINAL, "determiner", "affiliation", "anonymity_marker", "pronoun", "state")

LONG_SENTENCE_CHARS = 2_000
"""Sentences longer than this (in characters) get contents cut at the neighbouring cues.

About twice the longest sentence of the PolNeAR train and dev articles and the seed story
(979 characters), so the cut never applies to real news copy.
"""


_FINITE_TAGS = frozenset(("VBD", "VBZ", "VBP", "MD"))
_TEXT, _POS, _START = attrgetter("text"), attrgetter("pos"), attrgetter("start")


def _in_quote_reference(
    toks: Sequence[Token], starts: Sequence[int], quotes: Sequence[TextRef]
) -> list[int]:
    """The quotation holding each token (index into ``quotes``, or -1): one scan of the
    tokens and quotations together (the tokens starting strictly inside the first
    quotation not ended before them, and ending before its end)."""
    in_quote = [-1] * len(toks)
    qi = 0
    nq = len(quotes)
    for k, t in enumerate(toks):
        ts = starts[k]
        while qi < nq and quotes[qi].end <= ts:
            qi += 1
        if qi < nq and quotes[qi].start < ts and t.end < quotes[qi].end:
            in_quote[k] = qi
    return in_quote


@lru_cache(maxsize=1 << 16)
def _is_punct(text: str) -> bool:
    """Whether a token has no letter or digit."""
    return not _is_word_text(text)


class _LeftmostAtLeast:
    """Values at positions ``0..n-1`` (initially -1); finds the leftmost value >= a bound.

    A max segment tree: :meth:`set` and :meth:`leftmost` take O(log n).
    """

    def __init__(self, n: int) -> None:
        self.size = 1
        while self.size < max(n, 1):
            self.size *= 2
        self.tree = [-1] * (2 * self.size)

    def set(self, pos: int, value: int) -> None:
        node = pos + self.size
        self.tree[node] = value
        node //= 2
        while node:
            self.tree[node] = max(self.tree[2 * node], self.tree[2 * node + 1])
            node //= 2

    def leftmost(self, bound: int) -> int | None:
        """The smallest position whose value is >= ``bound``, or None."""
        if self.tree[1] < bound:
            return None
        node = 1
        while node < self.size:
            node = 2 * node if self.tree[2 * node] >= bound else 2 * node + 1
        return node - self.size


class _Engine(SourceTyping):
    """Rule-based extraction over one document (one use per document)."""

    def __init__(
        self,
        doc: Document,
        lex: _Lexicons,
        *,
        min_quote_words: int,
        model: Any = None,
        judge: bool = False,
    ) -> None:
        self.doc = doc
        # a span re-ranker judges the learned cues: those the rules build no relation for,
        # or whose relation the plausibility filter rejects, become cue-only candidates
        self.judge = judge
        self.text = doc.text
        self.lex = lex
        cw = lex.cue_words
        self.clause_start = cw["clause_start"]
        self.tell_lemmas = cw["tell_verb"]
        self.personal = cw["personal_pronoun"]
        # pronouns that are a whole source on their own: after a cue (np_right) and before it
        self.pronoun_np = self.personal | cw["pronoun_source"]
        self.pronoun_before_cue = (
            self.pronoun_np | cw["first_person_source"] | cw["relative_source"]
        )
        self.dashes = cw["dash"]
        self.connect = cw["connector"]
        self.action_forms = cw["action_verb"]
        self.source_noun_classes = cw.get("source_noun_class", set())
        # "Breaking: ...", "BYLINE: ...": line-initial labels that name no speaker
        self.layout_labels = cw.get("layout_label", frozenset())
        # "in a new Fox News poll": the nouns that make the object of "in" a source
        self.poll_heads = cw.get("poll_head", frozenset())
        # "X *reportedly* met Y": adverbs that stand for an unnamed report
        self.report_adverbs = cw.get("report_adverb", frozenset())
        self.toks = toks = doc.tokens
        texts = list(map(_TEXT, toks))
        tags = list(map(_POS, toks))
        self.lows = list(map(str.lower, texts))
        self.tagged = any(tags)
        self.min_quote_words = min_quote_words
        n = len(toks)
        # token start offsets, for binary searches by offset
        self.tok_starts = starts = list(map(_START, toks))
        # sentence token bounds (runs of tokens with the same sentence index)
        self.sent_lo = [0] * n
        self.sent_hi = [0] * n
        i = 0
        for _, same in groupby([t.sentence for t in toks]):
            j = i + len(list(same))
            self.sent_lo[i:j] = [i] * (j - i)
            self.sent_hi[i:j] = [j] * (j - i)
            i = j
        quotes = doc.quotes
        # quotation indexes (valid when the quotations are sorted and do not overlap)
        self.q_ordered = all(quotes[x].end <= quotes[x + 1].start for x in range(len(quotes) - 1))
        # quotation containing each token (index into doc.quotes) or -1
        if self.q_ordered:
            # the tokens starting inside each quotation, found by bisection: the scan of
            # _in_quote_reference gives them that quotation (the ones before end before)
            self.in_quote = in_quote = [-1] * n
            for qi, q in enumerate(quotes):
                qend = q.end
                for k in range(bisect_right(starts, q.start), bisect_left(starts, qend)):
                    if toks[k].end < qend:
                        in_quote[k] = qi
        else:
            self.in_quote = _in_quote_reference(toks, starts, quotes)
        self.q_starts = [q.start for q in quotes]
        self.q_by_end: dict[int, TextRef] = {}
        for q in quotes:
            self.q_by_end.setdefault(q.end, q)
        # newline offsets, for line starts and "is there a line break between"
        self.newlines: list[int] = []
        nl = self.text.find("\n")
        while nl != -1:
            self.newlines.append(nl)
            nl = self.text.find("\n", nl + 1)
        # punctuation tokens (no letter or digit)
        self.punct = punct = list(map(_is_punct, texts))
        # first word (non-punctuation) token at or after each token
        self.next_word = next_word = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            next_word[k] = k if not punct[k] else next_word[k + 1]
        # first finite verb of each sentence (by its first token): the finite verbs from the
        # last one back, so that the first one of a sentence is the one kept
        self.first_finite: dict[int, int] = {}
        finite = [k for k, tag in enumerate(tags) if tag in _FINITE_TAGS]
        sent_lo = self.sent_lo
        for k in reversed(finite):
            self.first_finite[sent_lo[k]] = k
        self.rels: list[_Rel] = []
        self.taken: set[int] = set()
        self._cue_starts: list[int] = []  # sorted starts of the learned cues (set by run)
        self.apposition: tuple[int, int] | None = None
        self.cue_prob: list[float] = []
        self.model_cues = self._model_cues(model) if model is not None else None

    def _model_cues(self, model: Any) -> dict[int, int]:
        """Cue spans found by the learned tagger: first token -> end token (exclusive).

        The tagger scores all sentences at once (:class:`~framing.features._cue_vectors.
        CueVectorizer`, the same probabilities as ``CueTagger.tag`` over
        ``sentence_features``).
        """
        vectorizer, threshold = model
        sents = []
        bases = []
        inq = []
        starts = self.tok_starts
        for sent in self.doc.sentences:  # the tokens of each sentence, as Document.tokens_of
            lo = bisect_left(starts, sent.start)
            hi = bisect_left(starts, sent.end)
            if lo < hi:
                sents.append(self.toks[lo:hi])
                bases.append(lo)
                inq.append([q >= 0 for q in self.in_quote[lo:hi]])
        labels, probs = vectorizer.cue_labels(
            sents, inq, threshold=threshold[0], lexicon_threshold=threshold[1]
        )
        cue = (labels != vectorizer.o_index).tolist()
        out: dict[int, int] = {}
        # per token: the probability of its label when a cue, 1 - P(O) otherwise (read by
        # the span re-ranker, framing.features._attribution_rerank)
        cue_prob = np.zeros(len(self.toks), dtype=np.float64)
        if len(labels):
            flat = np.where(labels == vectorizer.o_index, 1.0 - probs, probs)
            at = 0
            for toks, base in zip(sents, bases, strict=True):
                cue_prob[base : base + len(toks)] = flat[at : at + len(toks)]
                at += len(toks)
        self.cue_prob = cue_prob.tolist()
        at = 0
        for toks, base in zip(sents, bases, strict=True):
            n = len(toks)
            k = 0
            while k < n:
                if not cue[at + k]:
                    k += 1
                    continue
                # adjacent cue tokens make one cue ("B B" as well as "B I": "has learned")
                j = k + 1
                while j < n and cue[at + j]:
                    j += 1
                out[base + k] = base + j
                k = j
            at += n
        return out

    # -- token helpers ----------------------------------------------------------------
    def low(self, k: int) -> str:
        return self.lows[k]

    def is_punct(self, k: int) -> bool:
        return self.punct[k]

    def is_cap(self, k: int) -> bool:
        w = self.toks[k].text
        return w[:1].isupper()

    def np_ish(self, k: int) -> bool:
        t = self.toks[k]
        low = t.text.lower()
        if low in ("’s", "'s") or k in self.taken:
            return low in ("’s", "'s")
        if low in self.clause_start or low in ("which", "whom") or self.is_punct(k):
            return False
        nominal = self.lex.is_any(low, _NOMINAL)
        if low in self.lex.verb_forms or self.lex.is_(low, "auxiliary"):
            if self.tagged:
                return t.pos in _NP_TAGS and low not in ("said", "says")
            return nominal and k > 0 and self.np_ish_plain(k - 1)
        if self.tagged:
            return t.pos in _NP_TAGS or (t.text[:1].isupper() and t.pos.startswith("NN"))
        return self.np_ish_plain(k) or nominal

    def np_ish_plain(self, k: int) -> bool:
        """Without POS tags: capitalised words and the source lexicon's words."""
        low = self.low(k)
        if self.is_punct(k) or low in self.lex.verb_forms or self.lex.is_(low, "auxiliary"):
            return False
        return self.is_cap(k) or self.lex.is_any(low, _SOURCE_WORDS)

    def is_noun(self, k: int) -> bool:
        t = self.toks[k]
        if self.tagged:
            return t.pos in _NOUN_TAGS or t.text[:1].isupper()
        return not self.lex.is_(t.text, "determiner")

    def skip_adverbs_left(self, k: int, lo: int, manner: list[int]) -> int:
        """Index of the first token left of ``k`` that is not an adverb or auxiliary."""
        while k >= lo:
            low = self.low(k)
            e = self.lex.phrases.get((low,))
            if e is not None and e.get("kind") in ("manner", "adverb"):
                manner.append(k)
            elif self.toks[k].text in ("“", "‘") or (
                self.toks[k].text == '"' and self.quote_starting_at(k) is not None
            ):
                pass  # a mixed quote opens right before the cue
            elif not (
                self.lex.is_(low, "auxiliary")
                or (self.tagged and self.toks[k].pos in ("RB", "MD", "RBR"))
                or (not self.tagged and low.endswith("ly") and len(low) > 4)
            ):
                break
            k -= 1
        return k

    def np_left(self, end: int, lo: int) -> tuple[int, int] | None:
        """Noun phrase ending right before token ``end`` (appositions and relatives skipped)."""
        self.apposition = None
        k = end - 1
        for _ in range(2):  # up to two appositions: "Scott Pruitt, the ..., one of ..., said"
            if not (k >= lo and self.toks[k].text in (",", "--", "—", "–")):
                break
            delim = self.toks[k].text
            m = k - 1
            while m >= lo and self.toks[m].text != delim:
                m -= 1
            if not (lo < m < k - 1 and self._skippable(m + 1, k)):
                break
            if self.low(m + 1) not in ("citing", "quoting"):
                self.apposition = (m + 1, k)
            k = m - 1
            end = m
        if k < lo:
            return None
        if self.low(k) in self.pronoun_before_cue:
            return (k, k + 1)
        start = k + 1
        while k >= lo and (end - k) <= 16:
            if self.toks[k].text == ")":
                m = k - 1
                while m >= lo and k - m < 8 and self.toks[m].text != "(":
                    m -= 1
                if m >= lo and self.toks[m].text == "(" and m - 1 >= lo and self.np_ish(m - 1):
                    k = m - 1  # "Rep. Gwen Moore (D-Wis.)"
                    continue
                break
            if self.np_ish(k):
                start = k
                k -= 1
                continue
            if (
                self.low(k) in self.connect
                and k - 1 >= lo
                and self.np_ish(k - 1)
                and start == k + 1
            ):
                k -= 1
                continue
            break
        if start > end - 1:
            return None
        while start < end and (
            self.low(start) in self.connect or self.toks[start].text in ("’s", "'s")
        ):
            start += 1
        if start >= end or not any(self.is_noun(x) for x in range(start, end)):
            return None
        return self._past_time(start, end if self.toks[end - 1].text != "," else end - 1, lo)

    def _past_time(self, start: int, end: int, lo: int) -> tuple[int, int] | None:
        """The noun phrase ``[start, end)`` without a time at its end (``sources.en``: ``time``,
        ``time_name``, ``time_modifier``).

        A day, month or "last week" is never a source: "officials last week said" is the
        officials; "Liz Cheney on Friday first articulated" is Cheney (the phrase before the
        preposition); a phrase that is only a time, with no speaker before it, is no source.
        """
        lex = self.lex

        def is_time(k: int) -> bool:  # "today" and "week" only in lower case ("USA Today")
            low = self.low(k)
            return lex.is_(low, "time_name") or (
                lex.is_(low, "time") and self.toks[k].text[:1].islower()
            )

        e = end
        while e > start and is_time(e - 1):
            e -= 1
            while e > start and lex.is_any(self.low(e - 1), ("time_modifier", "determiner")):
                e -= 1
        if e == end:
            return (start, end)
        if e > start and any(self.is_noun(x) for x in range(start, e)):
            return (start, e)
        before = start - 1
        if before > lo and (
            (self.tagged and self.toks[before].pos == "IN")
            or lex.is_(self.low(before), "time_modifier")
        ):
            return self.np_left(before, lo)
        return None

    def _skippable(self, a: int, b: int) -> bool:
        """Whether tokens ``[a, b)`` between commas are an apposition or relative clause."""
        first = self.low(a)
        if first in ("who", "which", "citing", "quoting"):
            return True
        if not self.tagged:
            return first in self.lex.words.get("determiner", ())
        if self.toks[a].pos in ("VBG", "VBN"):
            return b - a <= 12
        if self.toks[a].pos == "DT" and any(self.low(x) in ("who", "which") for x in range(a, b)):
            return b - a <= 16  # "Erin Murphy, a former aide who accompanied her, said"
        finite = any(self.toks[x].pos in ("VBD", "VBZ", "VBP", "MD") for x in range(a, b))
        return not finite and b - a <= 12 and self.toks[a].pos not in ("IN", "CC", "RB")

    def np_right(self, start: int, hi: int) -> tuple[int, int] | None:
        """Noun phrase starting at token ``start``."""
        if start >= hi:
            return None
        if self.low(start) in self.pronoun_np:
            return (start, start + 1)
        k = start
        seen_noun = False
        while k < hi and k - start < 10:
            low = self.low(k)
            rel_word = self.lex.phrases.get((low,))
            if rel_word is not None and rel_word.get("kind") == "relay":
                break
            if self.np_ish(k) and not (
                seen_noun and self.lex.is_(low, "determiner") and low not in ("’s", "'s")
            ):
                seen_noun = seen_noun or (self.is_noun(k) and not self.lex.is_(low, "determiner"))
                k += 1
                continue
            if low in ("of", "for") and seen_noun and k + 1 < hi and self.np_ish(k + 1):
                k += 1
                continue
            break
        while k > start and self.low(k - 1) in self.connect:
            k -= 1
        if k == start or not seen_noun:
            return None
        return (start, k)

    def sentence_end_char(self, k: int) -> int:
        """Char end of the sentence of token ``k`` without its final punctuation."""
        hi = self.sent_hi[k]
        j = hi - 1
        while j > k and self.toks[j].text in (".", "!", "?", ";"):
            j -= 1
        return self.toks[j].end

    def quote_starting_at(self, k: int) -> TextRef | None:
        """The quotation whose opening mark is token ``k``."""
        t = self.toks[k]
        if self.q_ordered:
            x = bisect_left(self.q_starts, t.start)
            return (
                self.doc.quotes[x]
                if x < len(self.q_starts) and self.q_starts[x] == t.start
                else None
            )
        for q in self.doc.quotes:
            if q.start == t.start:
                return q
            if q.start > t.start:
                break
        return None

    def quote_ending_at(self, k: int) -> TextRef | None:
        """The quotation whose closing mark is token ``k``."""
        t = self.toks[k]
        if self.q_ordered:
            return self.q_by_end.get(t.end)
        for q in self.doc.quotes:
            if q.end == t.end:
                return q
            if q.start > t.end:
                break
        return None

    def quote_around(self, offset: int) -> TextRef | None:
        """The quotation that starts before ``offset`` and ends after it (ordered quotes)."""
        if self.q_ordered:
            x = bisect_left(self.q_starts, offset) - 1
            if x >= 0 and offset < self.doc.quotes[x].end:
                return self.doc.quotes[x]
        return None

    def line_start(self, offset: int) -> int:
        """Offset of the start of the line holding ``offset``."""
        x = bisect_left(self.newlines, offset) - 1
        return self.newlines[x] + 1 if x >= 0 else 0

    def has_newline(self, start: int, end: int) -> bool:
        """Whether ``text[start:end]`` holds a line break."""
        x = bisect_left(self.newlines, start)
        return x < len(self.newlines) and self.newlines[x] < end

    # -- content ----------------------------------------------------------------------
    def content_after(self, k: int, lemma: str) -> tuple[int, int] | None:
        """Content that starts at or after token ``k`` (after the cue)."""
        hi = self.sent_hi[k - 1] if k > 0 else 0
        if k >= hi:
            return self.content_next_paragraph(k - 1)
        if lemma in self.tell_lemmas:
            obj = self.np_right(k, hi)
            if obj is not None:
                k = obj[1]
        # skip punctuation and short prepositional phrases before a clause marker
        start = k
        for j in range(k, min(hi, k + 9)):
            low = self.low(j)
            if low in self.clause_start or (
                self.toks[j].text[:1] in _OPEN_Q
                and (j == k or self.toks[j - 1].text in (",", ":", "—"))
            ):
                start = j
                break
            if low in self.lex.verb_forms or (self.tagged and self.toks[j].pos.startswith("VB")):
                break
        while start < hi and self.toks[start].text in (",", ":", "—", "–", "-"):
            start += 1
        if start >= hi:
            return self.content_next_paragraph(k - 1)
        first = self.toks[start]
        if first.text in (".", "!", "?", ";"):
            return None
        if first.text[:1] in _OPEN_Q:
            q = self.quote_starting_at(start)
            if q is not None:
                end = q.end
                after = bisect_left(self.tok_starts, q.end, start, hi)
                if self.next_word[after] < hi:
                    end = max(end, self.sentence_end_char(start))
                return (q.start, end)
        end = self.sentence_end_char(start)
        # a quotation that runs past the sentence end keeps the content open
        if self.q_ordered:
            q = self.quote_around(end)
            if q is not None and q.start >= first.start:
                end = q.end
        else:
            for q in self.doc.quotes:
                if q.start < end < q.end and q.start >= first.start:
                    end = q.end
                    break
        return (first.start, end) if end > first.start else None

    def content_next_paragraph(self, k: int) -> tuple[int, int] | None:
        """ "X continued:" followed by a quotation in the next paragraph."""
        if self.toks[k].text != ":" and not (
            k + 1 < len(self.toks) and self.toks[k + 1].text == ":"
        ):
            return None
        nxt = self.sent_hi[k]
        if nxt < len(self.toks):
            q = self.quote_starting_at(nxt)
            if q is not None:
                return (q.start, q.end)
        return None

    def content_before(self, k: int) -> tuple[int, int] | None:
        """Content that ends before token ``k`` (source and cue after the content)."""
        lo = self.sent_lo[k]
        j = k - 1
        while j >= lo and self.toks[j].text in (",", "—", "–"):
            j -= 1
        if j < lo:
            return None
        q = self.quote_ending_at(j)
        if q is None and j - 1 >= lo and self.toks[j].text in (",",):
            q = self.quote_ending_at(j - 1)
        if q is not None:
            return (q.start, q.end)
        # the content is the clause from the sentence start
        s = self.toks[lo].start
        e = self.toks[j].end
        return (s, e) if e > s else None

    # -- relations --------------------------------------------------------------------
    def verb_relation(
        self, i: int, entry: LexiconEntry | None, *, end: int | None = None, force: bool = False
    ) -> _Rel | None:
        """Relation around the cue tokens ``[i, end)``; ``force`` keeps partial relations."""
        lo, hi = self.sent_lo[i], self.sent_hi[i]
        end = i + 1 if end is None else end
        manner: list[int] = []
        left = self.skip_adverbs_left(i - 1, lo, manner)
        right = end
        while right < hi:
            e = self.lex.phrases.get((self.low(right),))
            if e is None or e.get("kind") != "manner":
                break
            manner.append(right)
            right += 1
        for k in range(i, end):
            e = self.lex.phrases.get((self.low(k),))
            if e is not None and e.get("kind") == "manner":
                manner.append(k)
        lemma = entry.term if entry is not None else self.low(i)
        stance = entry.category if entry is not None else "neutral"
        for m in manner:
            e = self.lex.phrases[(self.low(m),)]
            if e.category == "emotive" and stance == "neutral":
                stance = "emotive"
        attrs: dict[str, Any] = {"lemma": lemma}
        if manner:
            attrs["manner"] = [self.toks[m].text for m in sorted(manner)]
        cue = (self.toks[i].start, self.toks[end - 1].end)
        rule = (
            f"lexicon:{self.lex.verbs.id}:{lemma}"
            if entry is not None
            else f"model:attribution-polnear@{MODEL_VERSION}"
        )
        if self.toks[end - 1].pos == "VBN" and right + 1 < hi and self.low(right) == "by":
            # passive: "The issue was first reported by The Washington Post"
            agent = self.np_right(right + 1, hi)
            subject = self.np_left(left + 1, lo)
            if agent is not None and subject is not None:
                span = (self.toks[subject[0]].start, self.toks[subject[1] - 1].end)
                return _Rel(agent, cue, span, stance, f"rule:passive:{lemma}", attrs)
        participle = self.toks[i].pos == "VBG" or self.low(i).endswith("ing")
        if (
            left >= lo
            and (self.toks[left].text in (",",) or self.toks[left].text[:1] in _CLOSE_Q)
            and not participle
            and lemma not in self.tell_lemmas
        ):
            # "“...,” said Caddell" / "..., said the spokesman"
            src = self.np_right(right, hi)
            content = self.content_before(left + 1)
            if (
                src is not None
                and content is not None
                and (src[1] >= hi or self.toks[src[1]].text in (".", ",", ";", ":", "!", "?"))
            ):
                return _Rel(src, cue, content, stance, f"rule:inverted:{lemma}", attrs)
        src = self.np_left(left + 1, lo)
        if src is not None and self.low(i) == "to" and self._object_noun(src):
            # "Iran has reasons *to fear* ...": the infinitive's subject is the clause's
            src = self._clause_subject(i)
            self.apposition = None
        if (
            src is None
            and left >= lo
            and (
                (self.toks[left].text == "," and participle)
                or self.low(left) in ("and", "but", "then")  # "X said A and added B"
            )
        ):
            src = self._clause_subject(i)
        if src is None and not force:
            return None
        appos = self.apposition if src is not None else None
        content = self.content_after(right, lemma) if right < hi or end - i else None
        if content is None and src is not None:
            content = self.content_before(src[0])
            if content is not None and content[1] > self.toks[src[0]].start:
                content = None
        if content is None and not force:
            return None
        if (
            not force
            and self.tagged
            and self.toks[i].pos not in ("VBD", "VBZ", "VBP", "VBG", "VBN", "VB")
        ):
            return None
        if src is None and content is None:
            return None
        rel = _Rel(src, cue, content, stance, rule, attrs)
        rel.appos = appos
        return rel

    def dash_relation(self, i: int) -> _Rel | None:
        """``content — Name (@handle) date``: embedded posts and epigraphs."""
        hi = len(self.toks)
        if i + 1 >= hi or (self.toks[i + 1].sentence != self.toks[i].sentence and False):
            return None
        k = i + 1
        while (
            k < hi
            and k - i <= 4
            and self.is_cap(k)
            and "\n" not in self.text[self.toks[i].end : self.toks[k].start]
        ):
            k += 1
        if k == i + 1:
            return None
        after = self.toks[k].text if k < hi else "\n"
        gap = self.text[self.toks[k - 1].end : self.toks[k].start] if k < hi else "\n"
        if after == "." and (
            k + 1 >= hi or "\n" in self.text[self.toks[k].end : self.toks[k + 1].start]
        ):
            gap = "\n"  # "...” ― Carla Sanchez." ending its line
        if after != "(" and "\n" not in gap:
            return None
        line_start = self.line_start(self.toks[i].start)
        content_end = self.toks[i].start
        while content_end > line_start and self.text[content_end - 1].isspace():
            content_end -= 1
        if content_end <= line_start:
            return None
        src = (i + 1, k)
        if after == "(" and k + 2 < hi and self.toks[k + 1].text.startswith("@"):
            j = k + 1
            while j < hi and self.toks[j].text != ")" and j - k < 5:
                j += 1
            if j < hi and self.toks[j].text == ")":
                src = (i + 1, j + 1)
        cue = (self.toks[i].start, self.toks[i].end)
        return _Rel(src, cue, (line_start, content_end), "neutral", "rule:dash", {"lemma": "—"})

    def _object_noun(self, np: tuple[int, int]) -> bool:
        """A lone common noun after a verb ("has *reasons*", "made *plans*") that names no
        one: an object, not a source. Nouns that ``sources.en`` knows as sources
        ("officials") and nouns whose first WordNet sense has a class of ``source_noun_class``
        in ``cue-filters.en`` (person, group: "forcing *candidates* to address") are kept
        as sources."""
        a, b = np
        if not self.tagged or b - a != 1 or a == 0 or self.is_cap(a):
            return False
        if not self.toks[a].pos.startswith("NN") or not self.toks[a - 1].pos.startswith("VB"):
            return False
        low = self.low(a)
        if any(self.lex.is_(low, c) for c in _NOMINAL):
            return False
        try:
            noun_class = load_word_classes().of(low)[2]
        except ModelNotFoundError:  # no class table: the noun stays the source
            return False
        return noun_class != NONE and noun_class not in self.source_noun_classes

    def _clause_subject(self, i: int) -> tuple[int, int] | None:
        """Subject of the sentence for a participle cue ("Trump spoke ..., promising to")."""
        lo = self.sent_lo[i]
        for r in reversed(self.rels):
            if r.src is not None and lo <= r.src[0] < i:
                return r.src
        np = self.np_right(lo, i)
        if np is not None and np[1] < i and self.toks[np[1]].pos.startswith(("VB", "MD")):
            return np
        return None

    def speaker_colon_relation(self, i: int) -> _Rel | None:
        """``Pence: Gennifer Flowers won't be at debate`` (headlines) and ``"WALLACE: ...``."""
        first = self.line_first(i)
        if not (1 <= i - first <= 4) or not all(self.is_cap(x) for x in range(first, i)):
            return None
        if self.is_layout_label(first, i):
            return None
        x = bisect_left(self.newlines, self.toks[i].end)
        line_end = self.newlines[x] if x < len(self.newlines) else len(self.text)
        start = self.toks[i].end
        while start < line_end and self.text[start].isspace():
            start += 1
        end = line_end
        while end > start and self.text[end - 1].isspace():
            end -= 1
        if end <= start:
            return None
        cue = (self.toks[i].start, self.toks[i].end)
        return _Rel((first, i), cue, (start, end), "neutral", "rule:speaker_colon", {"lemma": ":"})

    def line_first(self, i: int) -> int:
        """Index of the first token of token ``i``'s line (after an opening quotation mark)."""
        line_start = self.line_start(self.toks[i].start)
        first = bisect_left(self.tok_starts, line_start, 0, i)
        if first < i and self.toks[first].text in _OPEN_Q:
            first += 1
        return first

    def is_layout_label(self, first: int, i: int) -> bool:
        """Whether tokens ``[first, i)`` begin with a ``layout_label`` of ``cue-filters.en``
        ("Breaking", "The Latest", "Watch the ad below"): a headline kicker, editorial note
        or metadata label before a colon, not a speaker."""
        if not 1 <= i - first <= 4:
            return False
        start = self.toks[first].start
        return any(
            " ".join(self.text[start : self.toks[k].end].lower().split()) in self.layout_labels
            for k in range(first, i)
        )

    def colon_relation(self, i: int) -> _Rel | None:
        """``Name: content`` (headlines, transcripts)."""
        if self.is_layout_label(self.line_first(i), i):  # "Breaking: ..." names no speaker
            return None
        lo = self.sent_lo[i]
        src = self.np_left(i, lo)
        content = self.content_after(i + 1, ":")
        if content is None:
            content = self.content_next_paragraph(i)
        if src is None and content is None:
            return None
        return _Rel(
            src,
            (self.toks[i].start, self.toks[i].end),
            content,
            "neutral",
            f"model:attribution-polnear@{MODEL_VERSION}",
            {"lemma": ":"},
        )

    def comma_from(self, j: int, hi: int) -> int:
        """The first comma token at or after ``j`` in the sentence ending at ``hi`` (or ``hi``):
        the end of a sentence-initial phrase ("According to X, ...", "In the poll, ...")."""
        while j < hi and self.toks[j].text != ",":
            j += 1
        return j

    def according_relation(self, i: int, entry: LexiconEntry) -> _Rel | None:
        lo, hi = self.sent_lo[i], self.sent_hi[i]
        n_words = len(entry.term.split())
        src = self.np_right(i + n_words, hi)
        if src is None:
            return None
        cue = (self.toks[i].start, self.toks[i + n_words - 1].end)
        rule = f"lexicon:{self.lex.verbs.id}:{entry.term}"
        attrs: dict[str, Any] = {"lemma": entry.term}
        before = i - 1
        if before >= lo and self.toks[before].text == ",":
            content = self.content_before(i)
        elif before < lo or (self.is_cap(i) and before == lo - 1):
            j = self.comma_from(src[1], hi)
            content = (
                (self.toks[j + 1].start, self.sentence_end_char(j + 1)) if j + 1 < hi else None
            )
        else:
            j = src[1]
            content = (
                (self.toks[j].start, self.sentence_end_char(j))
                if j < hi
                else self.content_before(i)
            )
        if content is None:
            return None
        return _Rel(src, cue, content, entry.category, rule, attrs)

    def relay(self, rel_index: int, k: int, entry: LexiconEntry) -> _Rel | None:
        """``citing X`` / ``quoting X`` after the source of relation ``rel_index``."""
        hi = self.sent_hi[k]
        src = self.np_right(k + 1, hi)
        if src is None:
            return None
        main = self.rels[rel_index]
        cue = (self.toks[k].start, self.toks[k].end)
        rule = f"lexicon:{self.lex.verbs.id}:{entry.term}"
        return _Rel(
            src,
            cue,
            main.content,
            "neutral",
            rule,
            {"lemma": entry.term, "relay": True},
            via=rel_index,
        )

    def run(self) -> list[Attribution]:
        """Find the relations of the document and return them in text order."""
        n = len(self.toks)
        lows, phrases, phrase_len = self.lows, self.lex.phrases, self.lex.phrase_len
        verb_forms, taken = self.lex.verb_forms, self.taken
        # tokens that no rule below can start from: no phrase, not a dash or colon, not a
        # learned cue (nor, without the tagger, a reporting verb)
        cues = self.model_cues
        plain = [
            not phrase_len.get(low)
            and t.text not in self.dashes
            and t.text != ":"
            and (cues is not None or low not in verb_forms)
            for low, t in zip(lows, self.toks, strict=True)
        ]
        # the first token at or after each position that is not plain, and the learned cue
        # starts (kept sorted; the loop adds some): plain stretches are skipped at once
        upcoming = [n] * (n + 1)
        for k in range(n - 1, -1, -1):
            upcoming[k] = upcoming[k + 1] if plain[k] else k
        self._cue_starts = sorted(cues) if cues is not None else []
        channel: tuple[int, str] | None = None  # (sentence, text) of "in comments to X"
        i = 0
        while i < n:
            if i in taken:
                i += 1
                continue
            low = lows[i]
            if plain[i] and (cues is None or i not in cues):
                x = bisect_left(self._cue_starts, i)
                i = min(upcoming[i], self._cue_starts[x] if x < len(self._cue_starts) else n)
                continue
            phrase, size = None, 1
            longest = phrase_len.get(low, 0)
            if longest:  # the longest phrase (up to 4 words) starting here
                for size in range(min(longest, 4, n - i), 0, -1):
                    phrase = phrases.get(tuple(lows[i : i + size]))
                    if phrase is not None:
                        break
                else:
                    size = 1
            kind = phrase.get("kind") if phrase is not None else ""
            rel = None
            if kind == "prep" and self.in_quote[i] < 0:
                rel = self.according_relation(i, phrase)
            elif kind == "channel":
                obj = self.np_right(i + size, self.sent_hi[i])
                if obj is not None:
                    channel = (
                        self.toks[i].sentence,
                        self.text[self.toks[obj[0]].start : self.toks[obj[1] - 1].end],
                    )
                    self.taken.update(range(i, obj[1]))
                i += size
                continue
            elif (
                kind == "relay"
                and i not in self.taken
                and i > self.sent_lo[i]
                and self.toks[i - 1].text == ","
                and self.in_quote[i] < 0
                and self.first_finite.get(self.sent_lo[i], n) < i
            ):
                # "..., citing X" after a finite clause, not right after a source ("the New
                # York Times, citing ..."): the clause subject cites (PolNeAR: "McConnell
                # said in June 2012, citing the release of political prisoners")
                rel = self.verb_relation(i, phrase, force=True)
            elif kind in ("relay", "adverb", "manner") and (
                self.model_cues is None or i not in self.model_cues or kind != "manner"
            ):
                if self.model_cues is not None and i in self.model_cues:
                    # "reportedly “expressed surprise”": the verb after the adverb is the cue
                    k = next(
                        (
                            k
                            for k in range(i + 1, min(n, i + 3))
                            if self.low(k) in self.lex.verb_forms
                        ),
                        None,
                    )
                    if k is not None and k not in self.model_cues:
                        self.model_cues[k] = k + 1
                        insort(self._cue_starts, k)
                i += 1
                continue
            elif (layout := self._layout_relation(i)) is not None:
                rel = layout
            elif self.model_cues is not None and i in self.model_cues:
                j = self.model_cues[i]
                if self.toks[i].text == ":":
                    rel = self.colon_relation(i)
                else:
                    j = self._extend_auxiliary(i, j)
                    entry, j = self._span_entry(i, j)
                    start = self._auxiliaries_left(i)
                    rel = self.verb_relation(start, entry, end=j, force=True)
                    why = "unbuilt" if rel is None else ""
                    if rel is not None and (
                        not self._plausible_model_cue(i, j, rel)
                        if entry is None
                        else self._action_without_infinitive(i, j)
                    ):
                        rel, why = None, "filtered"
                    if rel is None and self.judge:
                        rel = self._cue_only(start, j, entry, why)
                size = j - i
            elif (
                self.model_cues is None
                and low in self.lex.verb_forms
                and (self.in_quote[i] < 0 or self._mixed_cue(i))
                and not self._noun_use(i)
                and not self._action_without_infinitive(i, i + 1)
            ):
                rel = self.verb_relation(i, self.lex.verb_forms[low])
            if rel is not None:
                if channel is not None and channel[0] == self.toks[i].sentence:
                    rel.attrs["channel"] = channel[1]
                self.rels.append(rel)
                if rel.src is not None:
                    self.taken.update(range(*rel.src))
                self.taken.update(range(i, i + size))
                self._add_relays(len(self.rels) - 1)
            i += 1
        self._report_adverbs()
        if self.judge and cues:
            self._unclaimed_cues(cues)
        self._poll_relations()
        self._cut_long_sentences()
        self._quotes_without_cue()
        return self._finish()

    def _report_adverbs(self) -> None:
        """Cue-only relations of the adverbs that stand for an unnamed report.

        "The Club for Growth is *reportedly* spending $1.5 million" attributes the clause to
        reports it does not name, whether or not the tagger marked the adverb. Every
        ``report_adverb`` of ``cue-filters.en`` outside quotations gets a cue-only relation
        (no source, stance from ``reporting_verbs.en``) unless a cue already covers it or
        the reporting verb right after it ("reportedly said") was made the cue.
        """
        adverbs = self.report_adverbs
        lows = self.lows
        if not adverbs or adverbs.isdisjoint(lows):
            return
        n = len(lows)
        for i in [k for k, low in enumerate(lows) if low in adverbs]:
            if i in self.taken or self.in_quote[i] >= 0:
                continue
            s, e = self.toks[i].start, self.toks[min(n, i + 3) - 1].end
            if any(r.cue is not None and r.cue[0] < e and s < r.cue[1] for r in self.rels):
                continue
            entry = self.lex.phrases.get((lows[i],))
            stance = entry.category if entry is not None else "distancing"
            rule = f"adverb:{self.lex.filters.id}:{lows[i]}"
            cue = (s, self.toks[i].end)
            attrs = {"lemma": lows[i], "cue_only": True}
            self.rels.append(_Rel(None, cue, None, stance, rule, attrs))
            self.taken.add(i)

    def _poll_relations(self) -> None:
        """Polls and surveys as sources: "*In* a new Fox News poll, Trump leads ...".

        News reports figures "in" a poll rather than "according to" it; PolNeAR annotates
        the poll as the source, "in" as the cue and the figures as the content. A relation
        is built for every "in" outside quotations whose noun phrase holds a ``poll_head``
        noun of ``cue-filters.en`` ("poll", "survey"): sentence-initial ("In the CBS poll,
        ...") the content follows the phrase, after a clause ("Trump leads by 24 points in
        the 50-state poll") it is that clause. The respondents' own cues inside the content
        ("8 percent of Democrats *said*") stay, nested in the poll's relation.
        """
        heads = self.poll_heads
        lows = self.lows
        if not heads or heads.isdisjoint(lows):
            return
        for i in [k for k, low in enumerate(lows) if low == "in"]:
            if i in self.taken or self.in_quote[i] >= 0:
                continue
            lo, hi = self.sent_lo[i], self.sent_hi[i]
            src = self._poll_phrase(i + 1, hi)
            if src is None:
                continue
            first = self.next_word[lo]
            if i <= first:  # "In the poll, X ...": the clause after the phrase's comma
                j = self.comma_from(src[1], hi)
                j = self.next_word[j + 1] if j < hi else self.next_word[src[1]]
                content = (self.toks[j].start, self.sentence_end_char(j)) if j < hi else None
            else:  # "X leads ... in the poll": the clause before
                content = self.content_before(i)
            if content is None:
                continue
            cue = (self.toks[i].start, self.toks[i].end)
            rule = f"poll:{self.lex.filters.id}:in"
            self.rels.append(_Rel(src, cue, content, "neutral", rule, {"lemma": "in"}))
            self.taken.update(range(i, src[1]))

    def _poll_phrase(self, start: int, hi: int) -> tuple[int, int] | None:
        """The noun phrase from ``start`` to its ``poll_head`` noun, if it has one.

        Up to eight words of a noun phrase, with the slashes, dashes and adverbs of poll
        names ("a Washington Post/ABC News poll", "the most recent Fox poll").
        """
        heads = self.poll_heads
        for k in range(start, min(hi, start + 8)):
            if self.lows[k] in heads:
                return (start, k + 1)
            if not (
                self.np_ish(k)
                or self.toks[k].text in ("/", "-", "–")
                or self.toks[k].pos in ("RBS", "RB", "JJS", "VBN")
            ):
                return None
        return None

    def _unclaimed_cues(self, cues: dict[int, int]) -> None:
        """Cue-only candidates for the learned cues that no rule above used.

        A phrase rule that found no relation ("according to" before something that is not
        a noun phrase) or an adverb with no reporting verb after it ("delegates *reportedly*
        erupted") leaves its learned cue unused; the re-ranker judges it like the others.
        """
        toks, taken = self.toks, self.taken
        spans = sorted(r.cue for r in self.rels if r.cue is not None)
        starts = [c[0] for c in spans]
        for i, j in sorted(cues.items()):
            if any(k in taken for k in range(i, j)):
                continue
            s, e = toks[i].start, toks[j - 1].end
            x = bisect_left(starts, e)
            if x and max(c[1] for c in spans[max(0, x - 8) : x]) > s:
                continue  # overlaps a cue already found
            entry, _ = self._span_entry(i, j)
            rel = self._cue_only(i, j, entry, "unclaimed")
            if rel is not None:
                self.rels.append(rel)
                taken.update(range(i, j))

    def _cue_only(self, i: int, j: int, entry: LexiconEntry | None, why: str) -> _Rel | None:
        """A relation of the cue tokens ``[i, j)`` alone, for the span re-ranker to judge.

        ``attrs["cue_only"]`` marks it in the output; ``attrs["_judge"]`` (why the rules gave
        no relation: ``"unbuilt"`` or ``"filtered"``) is read by the re-ranker and removed.
        """
        if not any(c.isalnum() for k in range(i, j) for c in self.toks[k].text):
            return None
        if self._action_without_infinitive(i, j):  # "Trump ordered the killing": an act
            return None
        lemma = entry.term if entry is not None else self.low(i)
        rule = (
            f"lexicon:{self.lex.verbs.id}:{lemma}"
            if entry is not None
            else f"model:attribution-polnear@{MODEL_VERSION}"
        )
        cue = (self.toks[i].start, self.toks[j - 1].end)
        attrs = {"lemma": lemma, "cue_only": True, "_judge": why}
        stance = entry.category if entry is not None else "neutral"
        return _Rel(None, cue, None, stance, rule, attrs)

    def _layout_relation(self, i: int) -> _Rel | None:
        """Relations marked by layout: dash attributions and ``Speaker:`` lines."""
        t = self.toks[i].text
        if t in self.dashes and self.in_quote[i] < 0:
            return self.dash_relation(i)
        if t == ":":
            return self.speaker_colon_relation(i)
        return None

    def _span_entry(self, i: int, j: int) -> tuple[LexiconEntry | None, int]:
        """The lexicon verb inside a learned cue span, and the span cut after its particles."""
        for k in range(i, j):
            entry = self.lex.verb_forms.get(self.low(k))
            if entry is None or (self.tagged and not self.toks[k].pos.startswith("VB")):
                continue
            end = k + 1
            while (
                end < j
                and (
                    self.toks[end].pos in ("RP", "IN", "TO", "RB")
                    or self.lex.phrases.get((self.low(end),)) is not None
                )
                # the agent of a passive is the source: "was first reported | by The Post"
                and not (self.low(end) == "by" and self.toks[end - 1].pos == "VBN")
            ):
                end += 1
            return entry, end
        return None, j

    def _extend_auxiliary(self, i: int, j: int) -> int:
        """A tagged cue of auxiliaries only ("has", "are") takes the verb that follows.

        PolNeAR cues keep the auxiliary with its verb ("has learned", "are worried
        about"); the tagger sometimes marks the auxiliary alone.
        """
        if not self.tagged or not all(self.lex.is_(self.low(k), "auxiliary") for k in range(i, j)):
            return j
        hi = self.sent_hi[i]
        end = j
        while end < hi and end < j + 3 and self.toks[end].pos in ("RB", "VB", "VBN", "VBG"):
            end += 1
        if any(self.toks[k].pos.startswith("VB") for k in range(j, end)):
            return end
        return j

    def _auxiliaries_left(self, i: int) -> int:
        """Start of the cue with the auxiliaries (and negation) right before it.

        PolNeAR cues include them: "has learned", "is demanding", "did not respond".
        """
        if not self.tagged or not self.toks[i].pos.startswith("VB"):
            return i
        lo = self.sent_lo[i]
        k = i
        start = i
        while k - 1 >= lo and k - 1 not in self.taken and self.in_quote[k - 1] < 0:
            low = self.low(k - 1)
            if self.lex.is_(low, "auxiliary") and self.toks[k - 1].pos[:2] in ("VB", "MD"):
                start = k - 1
            elif not (low in ("not", "n't") or self.toks[k - 1].pos == "RB"):
                break
            k -= 1
        return start

    def _plausible_model_cue(self, i: int, j: int, rel: _Rel) -> bool:
        """Filter for cue spans ``[i, j)`` that the tagger finds outside the lexicon.

        * a bare preposition or conjunction ("his support *for* Trump") is not a cue;
        * with no source, a cue inside the content of the previous relation ("Iran has
          dismissed these *claims* as ...") or made only of nouns ("held *calls* with
          foreign leaders") is not one either;
        * an action verb (``action_verb`` in ``cue-filters.en``) reports speech only with an
          infinitive ("ordered them to leave"), not with an event as object ("he *authorized* the
          drone strike", "Trump *ordered* the killing").
        """
        if self.tagged and not any(self.toks[k].pos[:2] in ("VB", "NN", "JJ") for k in range(i, j)):
            return False
        if rel.src is None:
            if self.rels:
                prev = self.rels[-1].content
                if prev is not None and prev[0] <= self.toks[i].start < prev[1]:
                    return False
            if self.tagged and all(self.toks[k].pos.startswith("NN") for k in range(i, j)):
                return False
        return not self._action_without_infinitive(i, j)

    def _action_without_infinitive(self, i: int, j: int) -> bool:
        """An action verb (``cue-filters.en``) in ``[i, j)`` with no "to" within 5 tokens.

        Applies to lexicon cues as well: ``reporting_verbs.en`` lists "order" as a directive
        ("ordered them to leave"), but "Trump *ordered* the killing of ..." reports an act.
        """
        if any(self.low(k) in self.action_forms for k in range(i, j)):
            return not any(self.low(k) == "to" for k in range(j, min(self.sent_hi[i], j + 5)))
        return False

    def _mixed_cue(self, i: int) -> bool:
        """A cue verb that opens a short quotation: ``reportedly “expressed surprise” at``."""
        q = self.doc.quotes[self.in_quote[i]]
        return q.start == self.toks[i].start - 1 and _words(q.text) <= 5

    def _noun_use(self, i: int) -> bool:
        t = self.toks[i]
        if self.tagged:
            return not t.pos.startswith("VB")
        if i == 0:
            return False
        prev = self.low(i - 1)
        return (
            self.lex.is_(prev, "determiner")
            or prev in ("of", "to")
            or any(self.lex.is_(prev, c) for c in ("vague_head", "document_head", "affiliation"))
        )

    def _add_relays(self, r: int) -> None:
        """``X, citing Y,`` / ``according to X quoting Y``: Y is relayed through X."""
        rel = self.rels[r]
        if rel.src is None:
            return
        hi = self.sent_hi[rel.src[0]]
        k = rel.src[1]
        if k < hi and self.toks[k].text == ",":
            k += 1
        if k >= hi:
            return
        e = self.lex.phrases.get((self.low(k),))
        if e is None or e.get("kind") != "relay":
            return
        child = self.relay(r, k, e)
        if child is not None:
            self.rels.append(child)
            self.taken.update(range(*child.src))  # type: ignore[arg-type]
            self.taken.add(k)

    def _cut_long_sentences(self) -> None:
        """In sentences over :data:`LONG_SENTENCE_CHARS`, contents stop at the next cue.

        A content after its cue ends before the next cue that starts inside it; a content
        before its cue starts after the previous cue that ends inside it. Relayed relations
        keep the content of the relation that relays them.
        """
        sents = self.doc.sentences
        if not any(st.end - st.start > LONG_SENTENCE_CHARS for st in sents):
            return
        sent_starts = [st.start for st in sents]

        def sentence_of(offset: int) -> int:
            return bisect_right(sent_starts, offset) - 1

        cues: dict[int, list[tuple[int, int]]] = {}
        for r in self.rels:
            if r.cue is not None:
                si = sentence_of(r.cue[0])
                if si >= 0 and sents[si].end - sents[si].start > LONG_SENTENCE_CHARS:
                    cues.setdefault(si, []).append(r.cue)
        ends: dict[int, list[int]] = {}
        for si, lst in cues.items():
            lst.sort()
            ends[si] = sorted(c[1] for c in lst)
        text = self.text
        for r in self.rels:
            if r.cue is None or r.content is None or r.attrs.get("relay"):
                continue
            si = sentence_of(r.cue[0])
            lst = cues.get(si)
            if lst is None:
                continue
            s, e = r.content
            if s >= r.cue[1]:  # content after the cue: stop at the next cue
                x = bisect_right(lst, (s, len(text)))
                if x < len(lst) and lst[x][0] < e:
                    e = lst[x][0]
            elif e <= r.cue[0]:  # content before the cue: start after the previous cue
                x = bisect_left(ends[si], e) - 1
                if x >= 0 and ends[si][x] > s:
                    s = ends[si][x]
            else:
                continue
            while s < e and (text[s].isspace() or text[s] in ",;:"):
                s += 1
            while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:"):
                e -= 1
            r.content = (s, e) if e > s else None
        for r in self.rels:
            if r.attrs.get("relay") and r.via is not None:
                r.content = self.rels[r.via].content

    def _quotes_without_cue(self) -> None:
        """Quotations that no cue claims: continuations of the previous quote, or no source.

        ``last_direct`` is the last relation (in order of finding) whose content holds the
        quotation; with sorted, non-overlapping quotations it is found with a heap of the
        relations whose content starts before the quotation, by index, dropping those that
        end before it (later quotations end later still).
        """
        covered = VoiceMap.build((), [r.content for r in self.rels])
        last_direct: _Rel | None = None
        ordered = self.q_ordered
        by_start = sorted(
            (r.content[0], x) for x, r in enumerate(self.rels) if r.content is not None
        )
        nxt = 0
        heap: list[tuple[int, int]] = []  # (-index, content end)
        same: dict[tuple[Any, Any, str], list[int]] = {}  # for the first equal relation
        for x, r in enumerate(self.rels):
            same.setdefault((r.cue, r.content, r.rule), []).append(x)
        for q in self.doc.quotes:
            while nxt < len(by_start) and by_start[nxt][0] <= q.start:
                x = by_start[nxt][1]
                heapq.heappush(heap, (-x, self.rels[x].content[1]))  # type: ignore[index]
                nxt += 1
            if covered.voice(q.start, q.end) == "quoted":
                if ordered:
                    while heap and heap[0][1] < q.end:
                        heapq.heappop(heap)
                    if heap:
                        last_direct = self.rels[-heap[0][0]]
                else:
                    for r in self.rels:
                        if r.content and r.content[0] <= q.start and q.end <= r.content[1]:
                            last_direct = r
                continue
            k = self._token_at(q.start)
            prev = last_direct
            if (
                prev is not None
                and prev.content is not None
                and k is not None
                and self.toks[self.sent_lo[k]].start == q.start
                and not self.has_newline(prev.content[1], q.start)
            ):
                first = next(
                    x for x in same[(prev.cue, prev.content, prev.rule)] if self.rels[x] == prev
                )
                rel = _Rel(
                    prev.src,
                    prev.cue,
                    (q.start, q.end),
                    prev.stance,
                    "rule:quote_continuation",
                    {"continues": first},
                )
            elif _words(q.text) >= self.min_quote_words:
                rel = _Rel(None, None, (q.start, q.end), "none", "rule:unattributed_quote", {})
            else:
                continue
            self.rels.append(rel)
            x = len(self.rels) - 1
            same.setdefault((rel.cue, rel.content, rel.rule), []).append(x)
            heapq.heappush(heap, (-x, q.end))
            last_direct = rel if rel.src is not None else None

    def _token_at(self, offset: int) -> int | None:
        lo = bisect_left(self.tok_starts, offset)
        return lo if lo < len(self.toks) else None

    # -- typing, resolution, output ---------------------------------------------------
    def _finish(self) -> list[Attribution]:
        order = sorted(
            range(len(self.rels)),
            key=lambda r: (self.rels[r].cue or self.rels[r].content or (0, 0))[0],
        )
        remap = {old: new for new, old in enumerate(order)}
        rels = [self.rels[r] for r in order]
        mentions = Mentions()
        for r in rels:
            if r.src is None:
                continue
            self._type(r, mentions)
        # nested relations are relayed by the (first) relation whose content holds their
        # cue: a sweep over cue starts; the tree holds the content ends of the relations whose
        # content starts at or before the cue, by position
        holders = sorted(
            (r.content[0], j) for j, r in enumerate(rels) if r.content and r.src is not None
        )
        tree = _LeftmostAtLeast(len(rels))
        nxt = 0
        queries = sorted(
            (r.cue[0], j)
            for j, r in enumerate(rels)
            if r.via is None and r.cue is not None and r.attrs.get("continues") is None
        )
        for c0, j in queries:
            while nxt < len(holders) and holders[nxt][0] <= c0:
                h = holders[nxt][1]
                tree.set(h, rels[h].content[1])  # type: ignore[index]
                nxt += 1
            r = rels[j]
            c1 = r.cue[1]  # type: ignore[index]
            own = r.content is not None and r.src is not None and r.content[0] <= c0
            if own:
                tree.set(j, -1)
            found = tree.leftmost(c1)
            if own:
                tree.set(j, r.content[1])  # type: ignore[index]
            if found is not None:
                r.via = order[found]
        out = []
        text = self.text
        for r in rels:
            ref = lambda span: TextRef.of(text, *span) if span else None  # noqa: E731
            src = (
                TextRef.of(text, self.toks[r.src[0]].start, self.toks[r.src[1] - 1].end)
                if r.src
                else None
            )
            attrs = dict(r.attrs)
            if "continues" in attrs:
                attrs["continues"] = remap[attrs["continues"]]
            out.append(
                Attribution(
                    source=src,
                    cue=ref(r.cue),
                    content=ref(r.content),
                    source_type=r.source_type if src else "none",
                    cue_stance=r.stance if r.cue else "none",
                    quote=self._quote_type(r.content, r.cue),
                    rule=r.rule,
                    resolved=ref(r.resolved),
                    affiliation=r.affiliation,
                    via=remap[r.via] if r.via is not None else None,
                    attrs=attrs,
                )
            )
        return out

    def _quote_type(self, content: tuple[int, int] | None, cue: tuple[int, int] | None) -> str:
        if content is None:
            return "none"
        s, e = content
        quotes = self.doc.quotes
        if self.q_ordered:
            # the quotations inside the content follow each other from the first one starting
            # in it (their ends increase); only the last quotation starting before the cue
            # can hold it
            inner = []
            x = bisect_left(self.q_starts, s)
            while x < len(quotes) and quotes[x].end <= e and len(inner) < 2:
                inner.append(quotes[x])
                x += 1
            x = bisect_left(self.q_starts, cue[0]) - 1 if cue is not None else -1
            quoted_cue = cue is not None and x >= 0 and cue[1] < quotes[x].end
        else:
            inner = [q for q in quotes if s <= q.start and q.end <= e]
            quoted_cue = cue is not None and any(
                q.start < cue[0] and cue[1] < q.end for q in quotes
            )
        if quoted_cue:
            return "mixed"  # the cue itself is quoted: reportedly “expressed surprise” at ...
        if not inner:
            return "indirect"
        if len(inner) == 1 and inner[0].start == s and inner[0].end >= e - 1:
            return "direct"
        return "mixed"
