"""Sentence tone with VADER: NLTK's analyzer and the MIT-licensed lexicon of ``vaderSentiment``.

Each sentence gets VADER's compound score in [-1, 1] (Hutto and Gilbert 2014). Sentences at
or beyond ±0.05 (VADER's own threshold) become ``tone`` spans with category ``positive`` or
``negative``; the span's ``score`` is the compound score and ``attrs["words"]`` lists the
lexicon words that carried it (offsets and valence), so a reader can see why a sentence reads
as negative. The lexicon is read from the installed ``vaderSentiment`` package (no download);
its version is recorded in outputs.

VADER was built for social media; on news it mostly reflects the events reported
(killing, war, threats) more than the outlet's stance. Read it as the tone of the material
each version chose to carry, not as bias.
"""

from __future__ import annotations

import string
from collections.abc import Container
from functools import cache
from importlib.metadata import PackageNotFoundError, version
from importlib.resources import files
from typing import TYPE_CHECKING, Any

from framing.errors import ModelNotFoundError
from framing.features.base import SpanExtractor, rate_metrics, sentence_tokens
from framing.text import VoiceMap
from framing.text._nltk import import_light
from framing.types import Document, Span

if TYPE_CHECKING:
    from nltk.sentiment.vader import SentimentIntensityAnalyzer, SentiText, VaderConstants
else:
    # nltk.sentiment.vader without nltk/__init__ and nltk/sentiment/__init__ (which import
    # scikit-learn and SciPy): see framing.text._nltk
    _vader_module = import_light("nltk.sentiment.vader", pending=("nltk", "nltk.sentiment"))
    SentimentIntensityAnalyzer = _vader_module.SentimentIntensityAnalyzer
    SentiText = _vader_module.SentiText
    VaderConstants = _vader_module.VaderConstants

__all__ = ["ToneFeatures", "load_vader"]

THRESHOLD = 0.05


class _SentiText(SentiText):
    """NLTK's :class:`SentiText` without its per-sentence punctuation x word dictionary.

    NLTK maps every whitespace token that is a punctuation mark of ``PUNC_LIST`` glued to a
    word of the sentence (``"cat,"``, ``"!cat"``) to the word, through a dictionary of every
    mark before and after every word of the sentence, built anew for each sentence. Words
    hold no ASCII punctuation and marks are nothing else, so a token has at most one such
    split: the run of ASCII punctuation at its start or at its end. Looking that split up
    gives the same words without the dictionary. The words of the sentence are its
    whitespace-separated parts with every ASCII punctuation character deleted, as NLTK's
    ``REGEX_REMOVE_PUNCTUATION`` (a class of exactly those characters) deletes them.
    """

    def _words_and_emoticons(self) -> list[str]:
        return _words_and_emoticons(self.text, self.PUNC_LIST)


def _words_and_emoticons(text: str, punc_list: Container[str]) -> list[str]:
    """The words of ``text`` as :class:`_SentiText` finds them (``punc_list``: VADER's)."""
    wes = [we for we in text.split() if len(we) > 1]
    words_only: set[str] | None = None
    for i, we in enumerate(wes):
        if we[-1] in _ASCII_PUNCT:
            j = len(we) - 1
            while j > 0 and we[j - 1] in _ASCII_PUNCT:
                j -= 1
            word, mark = we[:j], we[j:]
        elif we[0] in _ASCII_PUNCT:
            j = 1
            while j < len(we) and we[j] in _ASCII_PUNCT:
                j += 1
            mark, word = we[:j], we[j:]
        else:
            continue
        if mark not in punc_list or len(word) < 2:  # words_only holds no shorter word
            continue
        if word.isalnum():
            # no ASCII punctuation in word: its own part, punctuation removed, is word, so
            # word is in words_only (computed only for the other words)
            wes[i] = word
            continue
        if words_only is None:  # the words of the sentence, punctuation removed
            no_punc = text.translate(_DROP_PUNCT)  # REGEX_REMOVE_PUNCTUATION's deletion
            words_only = {w for w in no_punc.split() if len(w) > 1}
        if word in words_only:
            wes[i] = word
    return wes


_ASCII_PUNCT = frozenset(string.punctuation)
_PUNCT_CHARS = string.punctuation
_DROP_PUNCT = str.maketrans("", "", string.punctuation)


class _Vader(SentimentIntensityAnalyzer):
    """NLTK's analyzer, given the lexicon text directly instead of an nltk.data path.

    :meth:`polarity_scores` is NLTK's ``polarity_scores`` with the words of
    :class:`_SentiText` (the same words, found faster), each word lower-cased once, and
    NLTK's ``sentiment_valence`` written out over them (:meth:`_valence`); the scores are
    identical (``tests/features/test_tone.py`` compares them with NLTK's analyzer).
    """

    def __init__(self, lexicon_text: str) -> None:
        self.lexicon_file = lexicon_text.strip("\n")
        self.lexicon = self.make_lex_dict()
        self.constants = VaderConstants()
        self._punc_list = frozenset(self.constants.PUNC_LIST)
        # whitespace-separated part -> whether it may be a lexicon word (see polarity_scores)
        self._may_score: dict[str, bool] = {}

    def polarity_scores(self, text: str) -> dict[str, float]:
        """VADER's scores of ``text`` (``neg``, ``neu``, ``pos``, ``compound``).

        A sentence none of whose words is in the lexicon scores 0 on every word, hence
        NLTK's neutral result, returned without running the rules. A word of VADER is a
        whitespace-separated part of two characters or more, perhaps stripped of ASCII
        punctuation (:class:`_SentiText`): a part whose lower-cased form is in the lexicon
        neither as it is nor stripped of punctuation at both ends is no lexicon word.
        """
        lexicon = self.lexicon
        parts = [p for p in text.split() if len(p) > 1]
        if not any(map(self._may_score_part, parts)):
            return {"neg": 0.0, "neu": 1.0 if parts else 0.0, "pos": 0.0, "compound": 0.0}
        words = _words_and_emoticons(text, self._punc_list)  # SentiText's words
        lows = [w.lower() for w in words]
        # SentiText.allcap_differential: some but not all words in capitals
        caps = sum(map(str.isupper, words))
        cap_diff = 0 < len(words) - caps < len(words)
        boosters = self.constants.BOOSTER_DICT
        last = len(words) - 1
        # sentiment_valence adds 0 for a word outside the lexicon: only the lexicon words
        # are looked at, each scored at the first place its word has in the sentence (as
        # NLTK's words_and_emoticons.index finds it)
        sentiments: list[float] = [0] * len(words)
        first_index = words.index
        for k in [k for k, low in enumerate(lows) if low in lexicon]:
            low = lows[k]
            i = first_index(words[k])
            if (i < last and low == "kind" and lows[i + 1] == "of") or low in boosters:
                continue
            sentiments[k] = self._valence(words, lows, i, cap_diff)
        if "but" in lows:  # _but_check
            bi = lows.index("but")
            for sidx, sentiment in enumerate(sentiments):
                if sidx < bi:
                    sentiments[sidx] = sentiment * 0.5
                elif sidx > bi:
                    sentiments[sidx] = sentiment * 1.5
        return self.score_valence(sentiments, text)

    def _valence(self, words: list[str], lows: list[str], i: int, cap_diff: bool) -> float:
        """NLTK's ``sentiment_valence`` of lexicon word ``words[i]`` (``lows``: the words
        lower-cased; ``cap_diff``: ``SentiText.is_cap_diff``), the same operations in the
        same order, with ``scalar_inc_dec``, ``_never_check`` and ``negated`` of one word
        written out over the lower-cased words."""
        lexicon = self.lexicon
        c = self.constants
        valence = lexicon[lows[i]]
        if cap_diff and words[i].isupper():
            if valence > 0:
                valence += c.C_INCR
            else:
                valence -= c.C_INCR
        for start_i in range(0, 3):
            j = i - (start_i + 1)
            if i > start_i and lows[j] not in lexicon:
                # scalar_inc_dec(words[j], valence, cap_diff)
                s = 0.0
                if lows[j] in c.BOOSTER_DICT:
                    s = c.BOOSTER_DICT[lows[j]]
                    if valence < 0:
                        s *= -1
                    if words[j].isupper() and cap_diff:
                        if valence > 0:
                            s += c.C_INCR
                        else:
                            s -= c.C_INCR
                if start_i == 1 and s != 0:
                    s = s * 0.95
                if start_i == 2 and s != 0:
                    s = s * 0.9
                valence = valence + s
                # _never_check; negated([w]) of one word: a NEGATE word or one with "n't"
                if start_i == 0:
                    if lows[i - 1] in c.NEGATE or "n't" in lows[i - 1]:
                        valence = valence * c.N_SCALAR
                elif start_i == 1:
                    if words[i - 2] == "never" and (words[i - 1] == "so" or words[i - 1] == "this"):
                        valence = valence * 1.5
                    elif lows[i - 2] in c.NEGATE or "n't" in lows[i - 2]:
                        valence = valence * c.N_SCALAR
                else:
                    if (
                        words[i - 3] == "never" and (words[i - 2] == "so" or words[i - 2] == "this")
                    ) or (words[i - 1] == "so" or words[i - 1] == "this"):
                        valence = valence * 1.25
                    elif lows[i - 3] in c.NEGATE or "n't" in lows[i - 3]:
                        valence = valence * c.N_SCALAR
                    valence = self._idioms_check(valence, words, i)
        return self._least_check(valence, words, i)

    def _may_score_part(self, part: str) -> bool:
        """Whether a whitespace-separated part, lower-cased, is in the lexicon as it is or
        stripped of ASCII punctuation at both ends (kept per part: words repeat)."""
        known = self._may_score.get(part)
        if known is None:
            low = part.lower()
            known = low in self.lexicon or low.strip(_PUNCT_CHARS) in self.lexicon
            if len(self._may_score) >= 1 << 16:
                self._may_score.clear()
            self._may_score[part] = known
        return known


@cache
def load_vader() -> tuple[SentimentIntensityAnalyzer, str]:
    """Return the analyzer and its lexicon id (``vader@<vaderSentiment version>``).

    Raises
    ------
    ModelNotFoundError
        When the ``vaderSentiment`` package (a core dependency) is not installed.
    """
    try:
        text = (files("vaderSentiment") / "vader_lexicon.txt").read_text(encoding="utf-8")
        ident = f"vader@{version('vaderSentiment')}"
    except (ModuleNotFoundError, FileNotFoundError, PackageNotFoundError):
        raise ModelNotFoundError(
            "The VADER lexicon comes from the vaderSentiment package: pip install vaderSentiment"
        ) from None
    return _Vader(text), ident


class ToneFeatures(SpanExtractor):
    """Sentence-level tone (VADER compound) as spans, with the lexicon words behind it.

    Parameters
    ----------
    threshold : float
        Sentences with ``|compound| >= threshold`` become spans (VADER's default 0.05).

    Examples
    --------
    >>> from framing.text import process
    >>> from framing.types import Article
    >>> doc = process(Article(id="a", outlet="X", text="The attack killed ten people."))
    >>> [(s.category, s.score < 0) for s in ToneFeatures().spans(doc)]
    [('negative', True)]
    """

    feature = "tone"
    prefix = "tone"

    def __init__(self, *, threshold: float = THRESHOLD) -> None:
        self.threshold = threshold

    def _load(self) -> dict[str, Any]:
        if not 0 <= self.threshold < 1:
            raise ValueError(
                f"The 'threshold' parameter of ToneFeatures must be in [0, 1); got "
                f"{self.threshold!r}."
            )
        analyzer, ident = load_vader()
        return {"analyzer_": analyzer, "lexicon_id_": ident}

    def categories(self) -> list[str]:
        return ["negative", "positive"]

    def versions(self) -> dict[str, str]:
        self._ensure_fitted()
        return {"vader": self.lexicon_id_}

    def sentence_scores(self, doc: Document) -> list[float]:
        """VADER compound score of every sentence, in order.

        The scores of the last document asked about are kept, so that :meth:`find_spans`
        and :meth:`metrics` of one article run VADER once.
        """
        self._ensure_fitted()
        last = getattr(self, "_last_scores", None)
        if last is not None and last[0] is doc:
            return list(last[1])
        scores = [self.analyzer_.polarity_scores(s.text)["compound"] for s in doc.sentences]
        self._last_scores = (doc, tuple(scores))
        return scores

    def find_spans(self, doc: Document, voice: VoiceMap) -> list[Span]:
        lex = self.analyzer_.lexicon
        out = []
        scores = self.sentence_scores(doc)
        for sent, toks, score in zip(doc.sentences, sentence_tokens(doc), scores, strict=True):
            if abs(score) < self.threshold:
                continue
            words = [
                [t.start, t.end, v]
                for t in toks
                if (v := lex.get(t.text.lower())) is not None
            ]
            out.append(
                Span(
                    sent.start,
                    sent.end,
                    sent.text,
                    "tone",
                    "positive" if score > 0 else "negative",
                    voice.voice(sent.start, sent.end),
                    f"model:{self.lexicon_id_}:compound",
                    score=score,
                    attrs={"sentence": sent.index, "words": words},
                )
            )
        return out

    def metrics(self, doc: Document, spans: list[Span]) -> dict[str, float]:  # type: ignore[override]
        out = rate_metrics(doc, spans, prefix=self.prefix, categories=self.categories())
        scores = self.sentence_scores(doc)
        n = max(len(scores), 1)
        out["tone:mean_compound"] = round(sum(scores) / n, 4)
        out["tone:negative_share"] = round(sum(s <= -self.threshold for s in scores) / n, 4)
        out["tone:positive_share"] = round(sum(s >= self.threshold for s in scores) / n, 4)
        return out
