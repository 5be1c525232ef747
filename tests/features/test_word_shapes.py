"""Word shapes of the loaded-language and attribution models on hostile words."""

from __future__ import annotations

from framing.features import attribution_model, loaded_model

_WORDS = ("", "a", "A", "AB", "Ab", "ab-c", "a1", "١٢", "²", "x²", "ⅷ", "--", "’", "İ", "ǅx", "_")


def test_loaded_model_shapes() -> None:
    got = [loaded_model._shape(w) for w in _WORDS]
    # read from the words: upper (2+ chars), capitalised, hyphen, any Unicode digit, else lower
    # ("ⅷ" is a lower-case numeral, not a digit; "ǅ" is title case, not upper case)
    assert got == [
        "lower", "lower", "Cap", "UPPER", "Cap", "hyph", "digit", "digit", "digit", "digit",
        "lower", "hyph", "lower", "Cap", "lower", "lower",
    ]  # fmt: skip


def test_attribution_model_shapes() -> None:
    got = [attribution_model._shape(w) for w in _WORDS]
    # upper (2+ chars), capitalised, all digits, no letter or digit at all, else "a"
    assert got == [
        "p", "a", "Aa", "AA", "Aa", "a", "a", "0", "0", "a", "a", "p", "p", "Aa", "a", "p",
    ]  # fmt: skip
