"""Fixtures of the plot tests: the seed comparison, its JSON, and a hostile comparison."""

from __future__ import annotations

import json
from typing import Any

import pytest

from framing.compare import Comparison, compare
from framing.report import comparison_json
from framing.types import Article

#: An outlet name with text matplotlib would read as (broken) mathtext, and HTML.
HOSTILE_OUTLET = "R$\\notacommand{x}$ <script>alert(1)</script>"


@pytest.fixture(scope="session")
def seed(troib: Article, ians: Article) -> Comparison:
    """The seed story compared (TROIB News first, IANS second)."""
    return compare(troib, ians, n_boot=500)


@pytest.fixture(scope="session")
def seed_json(seed: Comparison) -> dict[str, Any]:
    """The seed comparison's JSON, parsed: the numbers every figure must show."""
    return json.loads(comparison_json(seed))


@pytest.fixture(scope="session")
def hostile() -> Comparison:
    """Two short versions whose outlet names and text carry ``$...$`` and ``<script>``."""
    return compare(
        Article(
            id="h1",
            outlet=HOSTILE_OUTLET,
            text=(
                "Officials said the secret talks may resume, costing $5 or $\\frac{a}{b}$. "
                "Critics slammed the shadowy deal. <script>alert(1)</script> was reported."
            ),
        ),
        Article(
            id="h2",
            outlet="Plain & Simple",
            text=(
                "The ministry denied the reports. Two unnamed officials said the envoy met "
                "Musk. Hardliners reportedly opposed the secret meeting."
            ),
        ),
        n_boot=200,
    )


@pytest.fixture(scope="session")
def three(troib: Article, ians: Article) -> Comparison:
    """The seed story plus a short third version that restates its lead."""
    third = Article(
        id="c1",
        outlet="Outlet C",
        text=(
            "Iran denied reports that its envoy met Musk in New York. The ministry called the "
            "claims false. Officials reportedly said the secret talks may resume."
        ),
    )
    return compare(troib, ians, third, n_boot=200)
