"""Lexicons, constants and token helpers of the attribution rules."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from types import MappingProxyType
from typing import Any

from framing.lexicons import Lexicon, LexiconEntry, load_lexicon

_EMPTY: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class _Lexicons:
    """The lexicons of the feature, indexed for lookup by lower-cased token."""

    verbs: Lexicon
    sources: Lexicon
    outlets: Lexicon
    filters: Lexicon
    verb_forms: Mapping[str, LexiconEntry]
    phrases: Mapping[tuple[str, ...], LexiconEntry]
    words: Mapping[str, frozenset[str]]
    outlet_names: Mapping[tuple[str, ...], str]
    max_outlet_len: int
    cue_words: Mapping[str, frozenset[str]]
    phrase_len: Mapping[str, int]  # first word of a phrase -> longest phrase it starts
    # unions of ``words`` categories, built on first use by is_any
    any_cache: dict[tuple[str, ...], frozenset[str]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def all(self) -> tuple[Lexicon, ...]:
        return (self.verbs, self.sources, self.outlets, self.filters)

    def is_(self, word: str, category: str) -> bool:
        return word.lower() in self.words.get(category, _EMPTY)

    def is_any(self, word: str, categories: tuple[str, ...]) -> bool:
        """Whether ``is_(word, c)`` holds for one of ``categories`` (one set lookup)."""
        union = self.any_cache.get(categories)
        if union is None:
            union = frozenset().union(*(self.words.get(c, _EMPTY) for c in categories))
            self.any_cache[categories] = union
        return word.lower() in union


@cache
def _load_lexicons() -> _Lexicons:
    """Load and index ``reporting_verbs.en``, ``sources.en``, ``outlets.en`` and ``cue-filters.en``.

    ``cue_words`` maps each ``cue-filters.en`` category (``clause_start``, ``tell_verb``,
    ``personal_pronoun``, ``dash``, ``connector``, ``action_verb``) to its lower-cased
    terms, with the inflections of the ``forms`` column.
    """
    verbs = load_lexicon("reporting_verbs.en")
    sources = load_lexicon("sources.en")
    outlets = load_lexicon("outlets.en")
    filters = load_lexicon("cue-filters.en")
    cue_words: dict[str, set[str]] = {}
    for e in filters:
        forms = [f.strip().lower() for f in e.get("forms").split("|") if f.strip()]
        cue_words.setdefault(e.category, set()).update([e.term.lower(), *forms])
    forms: dict[str, LexiconEntry] = {}
    phrases: dict[tuple[str, ...], LexiconEntry] = {}
    for e in verbs:
        kind = e.get("kind")
        if kind in ("speech", "cognition"):
            for f in e.get("forms").split("|"):
                forms.setdefault(f.strip().lower(), e)
        else:
            phrases[tuple(e.term.lower().split())] = e
    words: dict[str, set[str]] = {}
    for e in sources:
        words.setdefault(e.category, set()).add(e.term.lower())
    names = {tuple(e.term.lower().split()): e.get("canonical") or e.term for e in outlets}
    return _Lexicons(
        verbs,
        sources,
        outlets,
        filters,
        MappingProxyType(forms),
        MappingProxyType(phrases),
        MappingProxyType({k: frozenset(v) for k, v in words.items()}),
        MappingProxyType(names),
        max(len(k) for k in names),
        MappingProxyType({k: frozenset(v) for k, v in cue_words.items()}),
        MappingProxyType(_first_words(phrases)),
    )


def _first_words(phrases: Mapping[tuple[str, ...], Any]) -> dict[str, int]:
    """Index of phrases by first word: the length of the longest phrase starting with it."""
    out: dict[str, int] = {}
    for key in phrases:
        if key:
            out[key[0]] = max(out.get(key[0], 0), len(key))
    return out


# --- the rule engine ---------------------------------------------------------------------
_NP_TAGS = frozenset(
    {"NN", "NNS", "NNP", "NNPS", "PRP", "DT", "JJ", "JJR", "JJS", "CD", "POS", "PRP$", "HYPH"}
)
_NOUN_TAGS = frozenset({"NN", "NNS", "NNP", "NNPS", "PRP", "CD"})
_OPEN_Q = frozenset("“\"‘'")
_CLOSE_Q = frozenset("”\"’'")


@dataclass(slots=True)
class _Rel:
    """A relation under construction (token indexes for the source, chars for the rest)."""

    src: tuple[int, int] | None  # token range [a, b)
    cue: tuple[int, int] | None  # char range
    content: tuple[int, int] | None  # char range
    stance: str
    rule: str
    attrs: dict[str, Any]
    via: int | None = None
    source_type: str = "none"
    affiliation: str | None = None
    resolved: tuple[int, int] | None = None  # char range
    appos: tuple[int, int] | None = None  # token range of an apposition / relative clause


def _tok_start(t: Any) -> int:
    return t.start


def _proper(t: Any) -> bool:
    return t.text[:1].isupper() and t.pos in ("NNP", "NN", "NNPS")
