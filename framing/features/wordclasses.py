"""WordNet word classes of a word form: the lexicographer classes of its verb and noun senses.

The cue tagger (:mod:`framing.features.attribution_model`) generalises from the reporting
verbs it saw in training to the long tail it did not ("chastised", "extols", "intends")
through the classes WordNet 3.0 files their senses under: ``communication``,
``cognition``, ``emotion`` ... and through the sentence frames of the verb senses (a
*that*-clause, a to-infinitive). The table ships as
``framing/models/wordclasses-wordnet.en.v1.json.gz`` (built by
``scripts/build_word_classes.py`` from Princeton WordNet 3.0; WordNet 3.0 licence, recorded
in the file and in ``framing/models/MANIFEST.json``).

A word form is reduced to its lemma as WordNet's *morphy* does: the exception lists first
(``said`` -> ``say``), then the form itself, then the regular suffix rules, keeping the first
candidate the table knows.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from framing.errors import ValidationError
from framing.models import load_model_json

__all__ = ["MODEL_FILE", "TABLE_ID", "WordClasses", "from_table", "load_word_classes"]

MODEL_FILE = "wordclasses-wordnet.en.v1.json.gz"
TABLE_ID = "wordclasses-wordnet.en@1"
"""Name and version of the table, as outputs record it."""
_BUILD_COMMAND = "python scripts/build_word_classes.py --wordnet WORDNET-3.0-DICT"
_FORMAT = "framing.wordclasses/2"

# WordNet's morphy suffix rules (Princeton WordNet 3.0, morph.c), in its order
_VERB_RULES = (
    ("s", ""),
    ("ies", "y"),
    ("es", "e"),
    ("es", ""),
    ("ed", "e"),
    ("ed", ""),
    ("ing", "e"),
    ("ing", ""),
)
_NOUN_RULES = (
    ("s", ""),
    ("ses", "s"),
    ("xes", "x"),
    ("zes", "z"),
    ("ches", "ch"),
    ("shes", "sh"),
    ("men", "man"),
    ("ies", "y"),
)
_MEMO_SIZE = 1 << 16


def _by_last_letter(rules: tuple[tuple[str, str], ...]) -> dict[str, tuple[tuple[str, str], ...]]:
    """The rules whose suffix ends with each letter, in the rules' order.

    A suffix can only match a word ending with its last letter, so :func:`_lemma` tries the
    rules of the word's last letter alone: the same rules in the same order, minus the ones
    that cannot match.
    """
    out: dict[str, tuple[tuple[str, str], ...]] = {}
    for rule in rules:
        out[rule[0][-1]] = (*out.get(rule[0][-1], ()), rule)
    return out


_VERB_RULES_BY_LAST = _by_last_letter(_VERB_RULES)
_NOUN_RULES_BY_LAST = _by_last_letter(_NOUN_RULES)
NONE = "-"
"""The value of a class that does not apply (not a verb, not a noun)."""


def _lemma(
    word: str,
    table: Mapping[str, Any],
    exceptions: Mapping[str, str],
    rules: Mapping[str, tuple[tuple[str, str], ...]],
) -> str | None:
    """WordNet's *morphy* lemma of ``word`` in ``table`` (``rules``: by last letter)."""
    exc = exceptions.get(word)
    if exc is not None:
        return exc
    if word in table:
        return word
    for suffix, repl in rules.get(word[-1:], ()):
        if word.endswith(suffix) and len(word) > len(suffix):
            cand = word[: -len(suffix)] + repl
            if cand in table:
                return cand
    return None


@dataclass(frozen=True, slots=True)
class WordClasses:
    """The WordNet class table.

    Parameters
    ----------
    verbs : mapping
        Verb lemma -> (class of the first sense, ``+``-joined classes of the first three
        senses, frames: ``that``, ``inf``, ``that+inf`` or ``-``).
    nouns : mapping
        Noun lemma -> (class of the first sense, ``+``-joined classes of the first two).
    verb_exceptions, noun_exceptions : mapping
        Irregular form -> lemma.
    meta : mapping
        Source, licence and the build settings.

    Notes
    -----
    :meth:`of` keeps the classes of the forms it was asked about (at most
    ``_MEMO_SIZE``; the cue tagger and the re-ranker ask about the same words).
    """

    verbs: Mapping[str, tuple[str, str, str]]
    nouns: Mapping[str, tuple[str, str]]
    verb_exceptions: Mapping[str, str]
    noun_exceptions: Mapping[str, str]
    meta: Mapping[str, Any]
    _memo: dict[str, tuple[str, str, str, str]] = field(
        default_factory=dict, init=False, repr=False, compare=False
    )

    def of(self, word: str) -> tuple[str, str, str, str]:
        """Classes of a lower-cased word form.

        Parameters
        ----------
        word : str
            The form, lower-cased (``"claimed"``).

        Returns
        -------
        tuple of str
            ``(verb class, verb frames, noun class, verb classes)``: the first verb sense's
            class (``"communication"``), the frames of the first three verb senses
            (``"that"``), the first noun sense's class, and the classes of the first three
            verb senses; :data:`NONE` where the form is no verb (noun) WordNet knows.
        """
        memo = self._memo
        got = memo.get(word)
        if got is not None:
            return got
        v = _lemma(word, self.verbs, self.verb_exceptions, _VERB_RULES_BY_LAST)
        n = _lemma(word, self.nouns, self.noun_exceptions, _NOUN_RULES_BY_LAST)
        vrow = self.verbs[v] if v is not None else (NONE, NONE, NONE)
        nrow = self.nouns[n] if n is not None else (NONE, NONE)
        got = (vrow[0], vrow[2], nrow[0], vrow[1])
        if len(memo) >= _MEMO_SIZE:
            memo.clear()
        memo[word] = got
        return got


@cache
def load_word_classes() -> WordClasses:
    """Load the shipped table (once per process).

    Raises
    ------
    ModelNotFoundError
        If the file is missing.
    ValidationError
        If it is not a word-class table.
    """
    raw = load_model_json(
        MODEL_FILE, what="The WordNet word-class table", train_command=_BUILD_COMMAND
    )
    if not isinstance(raw, dict) or raw.get("format") != _FORMAT:
        raise ValidationError(
            f"{MODEL_FILE!r} is not a word-class table ({_FORMAT}); rebuild it with: "
            f"{_BUILD_COMMAND}"
        )
    return from_table(raw)


def from_table(raw: Mapping[str, Any]) -> WordClasses:
    """Build a :class:`WordClasses` from the JSON object of a table file.

    ``raw["verbs"]`` (``raw["nouns"]``) maps a row, its fields joined by ``|``
    (``"communication|communication|that"``), to the lemmas that have it, joined by spaces.
    """

    def rows(groups: Mapping[str, str]) -> dict[str, tuple[str, ...]]:
        out: dict[str, tuple[str, ...]] = {}
        for row, lemmas in groups.items():
            fields = tuple(row.split("|"))
            out.update(dict.fromkeys(lemmas.split(), fields))
        return out

    return WordClasses(
        verbs=rows(raw["verbs"]),  # type: ignore[arg-type]
        nouns=rows(raw["nouns"]),  # type: ignore[arg-type]
        verb_exceptions=raw["verb_exceptions"],
        noun_exceptions=raw["noun_exceptions"],
        meta=raw["meta"],
    )
