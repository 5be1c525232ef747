"""Quotations and voice on real quotation styles from the seeds."""

from __future__ import annotations

from framing.text.voice import VoiceMap, find_quotes


def test_seed_quotations(troib):
    quotes = [q.text for q in find_quotes(troib.text)]
    assert "‘maximum pressure’" in quotes
    assert "“false reports”" in quotes
    assert "“third-rate comedy.”" in quotes
    # apostrophes are not quotation marks
    assert not any(q.startswith("’") for q in quotes)


def test_straight_open_curly_close(ians):
    quotes = find_quotes(ians.text)
    last = quotes[-1].text
    assert last.startswith('"The Islamic Republic of Iran has long declared')
    assert last.endswith("international law”")


def test_unclosed_quote_stops_at_paragraph_end():
    text = "He said, “this never closes\n\nNarrator text here."
    [q] = find_quotes(text)
    assert q.text == "“this never closes"


def test_voice_map():
    text = "Iran said “the claims are false” and denied it."
    vm = VoiceMap.build(find_quotes(text))
    start = text.index("claims")
    assert vm.voice(start, start + 6) == "quoted"
    d = text.index("denied")
    assert vm.voice(d, d + 6) == "narrator"
    vm2 = VoiceMap.build(find_quotes(text), [(d, len(text))])
    assert vm2.voice(d, d + 6) == "quoted"


def test_inch_marks_and_isolated_quotes_do_not_open():
    text = 'The screen is 27" wide and "so" is a word.'
    quotes = [q.text for q in find_quotes(text)]
    assert quotes == ['"so"']


def test_two_apostrophe_quotes_nyt_style():
    # PolNeAR NYT copy (dev, nyt_2016-09-16_clinton-plan-for-taxes-is-expans): quotations are
    # opened and closed by two apostrophes; the apostrophes of "It's" and "Clinton's" are not.
    text = (
        "''It's anti-reform. She's layering on even more complexity.'' Mrs. Clinton's plan, "
        "said Mr. Pomerleau, was ''taking a close look'' at it. ``Not so fast,'' he said."
    )
    quotes = [q.text for q in find_quotes(text)]
    assert quotes == [
        "''It's anti-reform. She's layering on even more complexity.''",
        "''taking a close look''",
        "``Not so fast,''",
    ]


def test_two_apostrophe_quote_left_open_ends_at_paragraph():
    text = "He said ''the plan works\n\nand the rest'' is narrator text."
    [q] = find_quotes(text)
    assert q.text == "''the plan works"


def test_scanner_jumps_only_over_characters_that_open_nothing() -> None:
    # find_quotes jumps from one RE_QUOTE_MARK match to the next: the class must hold
    # every character the scanner can open a quotation with
    from framing.patterns import RE_QUOTE_MARK
    from framing.text.voice import _DOUBLE_OPEN, _SINGLE_OPEN, _TWO_OPEN

    marks = set(RE_QUOTE_MARK.pattern[1:-1])
    assert marks == set(_DOUBLE_OPEN) | {_SINGLE_OPEN} | set(_TWO_OPEN)
    assert find_quotes("") == [] and find_quotes("x" * 5000) == []
    text = "“Start” mid ``two'' and ‘one’ and «g» end “open\nnext"
    assert [q.text for q in find_quotes(text)] == ["“Start”", "``two''", "‘one’", "«g»", "“open"]
