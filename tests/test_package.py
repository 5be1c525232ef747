"""Package surface: exports, no import-time side effects, lexicon checksums, README/CI."""

from __future__ import annotations

import hashlib
import json
import re
import subprocess
import sys
from importlib.resources import files

import framing
from framing.lexicons import available_lexicons, load_lexicon

from .conftest import ROOT


def test_exported_members():
    assert sorted(framing.__all__) == sorted(
        n for n in framing.__all__ if hasattr(framing, n)
    )
    for name in ("load", "compare", "extract", "Article", "Span", "Comparison", "FramingError"):
        assert name in framing.__all__


def test_import_has_no_side_effects():
    code = (
        "import logging, sys; import framing; "
        "assert logging.getLogger().handlers == [];"
        "assert not any(m.startswith(('matplotlib.pyplot', 'trafilatura')) for m in sys.modules)"
    )
    subprocess.run([sys.executable, "-c", code], check=True, timeout=60)


def test_lexicon_checksums_match_manifest():
    manifest = json.loads((files("framing.lexicons") / "MANIFEST.json").read_text("utf-8"))
    for rec in manifest["lexicons"]:
        data = (files("framing.lexicons") / "data" / rec["file"]).read_bytes()
        assert hashlib.sha256(data).hexdigest() == rec["sha256"], (
            f"{rec['file']} changed: bump its version and run scripts/update_manifests.py"
        )
        assert rec["file"] == f"{rec['name']}.v{rec['version']}.tsv"
        assert rec["licence"] and rec["source"]


def test_every_lexicon_loads():
    for ident in available_lexicons():
        lex = load_lexicon(ident)
        assert len(lex) > 0 and lex.id == ident


def test_readme_has_exactly_two_setup_commands_and_ci_runs_the_test_one():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    setup = re.findall(r"^    (python3 -m venv .*)$", readme, flags=re.MULTILINE)
    assert len(setup) == 2
    assert any("framing compare corpora/iran-envoy-musk-2024-11" in c for c in setup)
    assert any(c.endswith("python -m pytest") for c in setup)
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    assert "python3 -m venv .venv .*pytest" in ci  # CI reads the command from the README
    assert "exit code 5" in ci or '"$rc" -eq 5' in ci
