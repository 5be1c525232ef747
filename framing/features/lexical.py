"""Lexical description of an article: length, sentences, vocabulary and n-grams.

Counts come from the tokens of the :class:`~framing.types.Document`, so each number can be
traced to token offsets. Content words are tokens with a letter that are not in the
``stopwords.en`` lexicon.
"""

from __future__ import annotations

from collections import Counter
from functools import cache, lru_cache
from itertools import compress

from framing.lexicons import load_lexicon
from framing.types import Document, Token

__all__ = ["content_tokens", "lexical_metrics", "ngram_counts", "stopwords"]


@cache
def stopwords() -> frozenset[str]:
    """The shipped stop-word list (``stopwords.en`` lexicon), lower-cased."""
    return frozenset(e.term.lower() for e in load_lexicon("stopwords.en"))


@lru_cache(maxsize=1 << 16)
def _is_word_text(text: str) -> bool:
    """Whether a token's text has a letter or digit (kept per text: words repeat)."""
    return text.isalnum() or any(c.isalnum() for c in text)


@lru_cache(maxsize=1 << 16)
def _is_content_text(text: str) -> bool:
    """Whether a token's text has a letter and is no stop word (kept per text)."""
    return (text.isalpha() or any(c.isalpha() for c in text)) and text.lower() not in stopwords()


# (document, its token texts, its word texts) of the last document: lexical_metrics and
# framing.features.base.word_count both read them; swapped whole (thread-safe)
_last_words: list[tuple[Document | None, list[str], list[str]]] = [(None, [], [])]


def _texts_and_words(doc: Document) -> tuple[list[str], list[str]]:
    """The token texts of ``doc`` and those of its word tokens (a letter or digit), kept
    for the last document."""
    seen, texts, words = _last_words[0]
    if seen is not doc:
        # token texts through the per-text answers (words repeat): no Token kept or made
        texts = [t.text for t in doc.tokens]
        words = list(compress(texts, map(_is_word_text, texts)))
        _last_words[0] = (doc, texts, words)
    return texts, words


def _is_word(token: Token) -> bool:
    return _is_word_text(token.text)


def content_tokens(doc: Document) -> list[Token]:
    """Tokens that carry content: contain a letter and are not stop words."""
    content = _is_content_text
    return [t for t in doc.tokens if content(t.text)]


def ngram_counts(doc: Document, n: int = 1, *, content_only: bool = True) -> Counter[str]:
    """Lower-cased n-grams within sentences (content words only by default).

    Examples
    --------
    >>> from framing.text import process
    >>> from framing.types import Article
    >>> doc = process(Article(id="a", outlet="X", text="Iran denied the secret meeting."))
    >>> sorted(ngram_counts(doc, 2))
    ['denied secret', 'iran denied', 'secret meeting']
    """
    if n < 1:
        raise ValueError(f"n must be >= 1; got {n}.")
    keep = content_tokens(doc) if content_only else [t for t in doc.tokens if _is_word(t)]
    by_sent: dict[int, list[str]] = {}
    for t in keep:
        by_sent.setdefault(t.sentence, []).append(t.text.lower())
    counts: Counter[str] = Counter()
    for words in by_sent.values():
        for i in range(len(words) - n + 1):
            counts[" ".join(words[i : i + n])] += 1
    return counts


def lexical_metrics(doc: Document) -> dict[str, float]:
    """Length, sentence and vocabulary metrics, namespaced ``lexical:*``.

    Returns ``lexical:characters``, ``lexical:words``, ``lexical:sentences``,
    ``lexical:content_words``, ``lexical:vocabulary`` (distinct content words, lower-cased),
    ``lexical:type_token_ratio`` (vocabulary / content words),
    ``lexical:words_per_sentence`` and ``lexical:word_length``.
    """
    texts, words = _texts_and_words(doc)
    content = list(compress(texts, map(_is_content_text, texts)))
    vocab = set(map(str.lower, content))
    n_sent = len(doc.sentences)
    return {
        "lexical:characters": float(len(doc.text)),
        "lexical:words": float(len(words)),
        "lexical:sentences": float(n_sent),
        "lexical:content_words": float(len(content)),
        "lexical:vocabulary": float(len(vocab)),
        "lexical:type_token_ratio": round(len(vocab) / len(content), 4) if content else 0.0,
        "lexical:words_per_sentence": round(len(words) / n_sent, 4) if n_sent else 0.0,
        "lexical:word_length": (round(sum(map(len, words)) / len(words), 4) if words else 0.0),
    }
