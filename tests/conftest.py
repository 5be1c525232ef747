"""Shared fixtures: the seed story, small inline articles, and the gold-data folder."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.ingest.text import read_text_article
from framing.types import Article

ROOT = Path(__file__).resolve().parents[1]
SEED_DIR = ROOT / "corpora" / "iran-envoy-musk-2024-11"
SHARED_DATA = ROOT.parent / "shared" / "data"
TROIB_FILE = "000_bf66b2bc59d27a9a.txt"
IANS_FILE = "004_09db77039b0ad837.txt"


@pytest.fixture(scope="session")
def troib() -> Article:
    """The TROIB News (<- RT) version of the seed story."""
    return read_text_article(SEED_DIR / TROIB_FILE)


@pytest.fixture(scope="session")
def ians() -> Article:
    """The IANS wire version of the seed story."""
    return read_text_article(SEED_DIR / IANS_FILE)


@pytest.fixture(scope="session")
def shared_data() -> Path:
    """``../shared/data``; tests that need it skip with a reason when it is absent."""
    if not SHARED_DATA.is_dir():
        pytest.skip(f"gold data folder {SHARED_DATA} is absent (it sits beside the repo in CI)")
    return SHARED_DATA


@pytest.fixture()
def small_articles() -> list[Article]:
    """Tiny inline articles from two outlets: hedges, loaded terms, quotes, non-ASCII text."""
    return [
        Article(
            id="a1",
            outlet="Outlet A",
            text=(
                "Officials said the talks may resume. “We firmly reject these false reports,” "
                "spokesman Esmail Baghaei told IRNA. Two unnamed officials said Tehran’s envoy "
                "reportedly met Musk."
            ),
        ),
        Article(
            id="b1",
            outlet="Outlet B",
            text=(
                "The clandestine meeting in Zürich was confirmed by the ministry. According to "
                "multiple media reports, hardliners opposed it. It is not clear if the "
                "“back channel” will hold."
            ),
        ),
    ]
