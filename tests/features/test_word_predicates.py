"""The per-token predicates answer a whole-word ``str.isalnum`` / ``str.isalpha`` first;
the answers are those of the character-by-character test alone."""

from __future__ import annotations

import pytest

from framing.features._attribution_rules import _is_punct
from framing.features._attribution_summary import _words
from framing.features.lexical import _is_content_text, _is_word_text, stopwords
from framing.features.loaded_model import _is_word

HOSTILE = [
    "", " ", "a", "Iran", "the", "THE", "n't", "’s", "U.S.", "1,000", "2024", "½", "²", "Ⅻ",
    "e\u0301", "\u0301", "naïve", "日本", "٣", "\u0000", "--", "...", "“", "\u202eevil",
    "\U0001f600", "x" * 300, "A1-b2_C3", "_", "İstanbul", "ß", "\t", "a b",
]


@pytest.mark.parametrize("text", HOSTILE)
def test_word_predicates_equal_the_character_tests(text: str) -> None:
    alnum = any(c.isalnum() for c in text)
    assert _is_word(text) is alnum
    assert _is_word_text(text) is alnum
    assert _is_punct(text) is (not alnum)
    alpha = any(c.isalpha() for c in text)
    assert _is_content_text(text) is (alpha and text.lower() not in stopwords())


def test_words_of_a_text_count_parts_with_a_letter_or_digit() -> None:
    text = " ".join(HOSTILE)
    assert _words(text) == sum(1 for w in text.split() if any(c.isalnum() for c in w))
    assert _words("the “ ½ -- U.S.") == 3  # read off: the, ½, U.S.


def test_word_counts_follow_the_document_asked_about(troib, ians) -> None:
    # lexical_metrics and word_count share the word texts of the last document: asking
    # about another document, then the first again, gives each its own count
    from framing.features.base import word_count
    from framing.features.lexical import lexical_metrics
    from framing.text import process

    docs = [process(a, tag=False) for a in (troib, ians)]
    expected = [sum(1 for t in d.tokens if any(c.isalnum() for c in t.text)) for d in docs]
    assert expected[0] != expected[1]
    for k in (0, 1, 0, 0, 1):
        assert word_count(docs[k]) == expected[k]
        assert lexical_metrics(docs[k])["lexical:words"] == expected[k]
        assert word_count(docs[1 - k]) == expected[1 - k]
