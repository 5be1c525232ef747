"""Saved HTML pages through trafilatura (the html extra)."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("trafilatura", reason="the html extra (trafilatura) is not installed")

from framing.errors import IngestError
from framing.ingest import load

PAGE = """<!doctype html><html><head><title>Iran rejects claims | RT World News</title>
<meta property="og:site_name" content="RT"><script>alert('x')</script>
<style>p {color: red}</style></head><body><nav>Home | World | Business</nav>
<article><h1>Iran rejects claims that its envoy had a meeting with Musk</h1>
<p>The Iranian Foreign Ministry has rejected media assertions that Iran’s ambassador to the UN
held a clandestine meeting with Musk earlier this week, a spokesman said on Saturday.</p>
<!-- a comment that must not appear -->
<p>In comments to IRNA, Foreign Ministry spokesperson Esmail Baghaei firmly rejected the
“false reports” from US media regarding a meeting between Ambassador Iravani and Musk.</p>
<p>The diplomat reportedly “expressed surprise” at how readily the story was picked up.</p>
</article><footer>© RT 2024</footer></body></html>"""


def test_html_article(tmp_path: Path):
    p = tmp_path / "rt.html"
    p.write_text(PAGE, encoding="utf-8")
    [a] = load(p)
    assert a.title and "Iran rejects claims" in a.title
    assert "Baghaei firmly rejected" in a.text
    assert "alert(" not in a.text and "color: red" not in a.text
    assert "a comment that must not appear" not in a.text
    assert a.text.startswith(a.title + "\n\n")
    assert a.meta["format"] == "html"


def test_html_without_article(tmp_path: Path):
    p = tmp_path / "empty.html"
    p.write_text("<html><body><script>1</script></body></html>", encoding="utf-8")
    with pytest.raises(IngestError, match=r"empty\.html: no article text"):
        load(p)
