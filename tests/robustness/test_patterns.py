"""Every regular expression of the package stays linear on hostile runs, as the package uses it.

A pattern that backtracks quadratically (a leading blank run in a pattern used with
``search``, two overlapping quantifiers) takes hours on the 100,000-character runs below, so
a regression here hangs the run instead of passing; no time is asserted.
"""

from __future__ import annotations

import re

import pytest

from framing import patterns
from framing.ingest.text import parse_text

#: Patterns the package only applies at one position (``match``, or anchored with ``\A``).
ANCHORED = {
    "RE_FRONT_MATTER", "RE_FRONT_MATTER_LINE", "RE_CREDIT", "RE_BYLINE", "RE_DATE_PREFIX",
    "RE_DATELINE",
}
N = 100_000
RUNS = [
    " " * N, "\t" * N, "a" * N, "A" * N, "1" * N, "." * N, "-" * N, "'" * N, "“" * N,
    "\n" * N, "\n \n" * (N // 3), "Read " * (N // 5), "x" + " " * N + "x",
    "Read more at" + " " * N + "x", "By" + " " * N + "x", "Jo" + " " * N + "contributed x",
]
NAMES = sorted(n for n in dir(patterns) if n.startswith("RE_"))


LEADING_BLANKS = re.compile(r"^(?:\[ \\t\]|\\s|\[\\s\]| )[*+]")


@pytest.mark.parametrize("name", NAMES)
def test_pattern_is_linear_on_long_runs(name: str) -> None:
    rx = getattr(patterns, name)
    assert isinstance(rx, re.Pattern)
    if name not in ANCHORED:
        # applied with search: a leading blank run would be re-scanned from every position
        assert not LEADING_BLANKS.match(rx.pattern), f"{name} starts with a blank run"
    for text in RUNS:
        if name in ANCHORED:
            rx.match(text)
        else:
            rx.search(text)
            sum(1 for _ in rx.finditer(text))


@pytest.mark.parametrize("blank", [" ", "\t"])
def test_text_file_with_a_long_blank_run(blank: str) -> None:
    # 200,000 blanks inside a paragraph of an outlet text file: read-more, credit and byline
    # detection all scan it
    text = "Iran denies it\n\nIran denied the meeting" + blank * 200_000 + "with Musk.\n"
    article = parse_text(text, path="blanks.txt")
    assert article.title == "Iran denies it"
    assert article.text[article.body_start:].startswith("Iran denied the meeting")
    assert article.text.rstrip().endswith("with Musk.")


def test_read_more_link_after_a_long_blank_run() -> None:
    text = "A teaser." + " " * N + "Read Full Article at RT.com"
    m = patterns.RE_READ_MORE.search(text)
    assert m is not None and m.group("site") == "RT.com"
    assert m.start() == len("A teaser.") + N  # the blanks before it are not part of the match
