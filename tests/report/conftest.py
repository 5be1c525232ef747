"""Fixtures for the report tests: the seed comparison and a hostile article."""

from __future__ import annotations

import pytest

import framing
from framing.compare.result import Comparison
from framing.types import Article

#: article text written to attack an HTML report; every line must come out as literal text
HOSTILE_TEXT = (
    "Iran said <script>window.__pwned = 1; alert(1)</script> the talks had ended.\n\n"
    'An official wrote " onmouseover="window.__pwned = 2; alert(2)" x=" in a note.\n\n'
    "See <a href=\"javascript:window.__pwned = 3\">this link</a> or javascript:alert(3) "
    "for more.\n\n"
    "The leaked file ended with </textarea></style></script><!-- and {{ 7*7 }} and "
    "{% if true %}yes{% endif %} markers.\n\n"
    "Odd separators\u2028here and\u2029there, plus <img src=x "
    "onerror=\"window.__pwned = 4\"> &amp; &lt;b&gt; entities."
)


@pytest.fixture(scope="session")
def seed_comparison() -> Comparison:
    """The seed story compared from its folder (manifest ids and title): TROIB News first,
    IANS second."""
    from tests.conftest import SEED_DIR

    return framing.compare(SEED_DIR)


@pytest.fixture(scope="session")
def hostile() -> Article:
    """An article whose text, outlet, title and url try to inject markup and script."""
    return Article(
        id='evil" onclick="alert(5)',
        outlet="<b>Evil</b> News",
        text=HOSTILE_TEXT,
        title="<script>alert(6)</script>",
        url="javascript:alert(7)",
    )


@pytest.fixture(scope="session")
def hostile_comparison(hostile: Article, troib: Article) -> Comparison:
    """The hostile article compared with the TROIB seed article."""
    return framing.compare(hostile, troib)
