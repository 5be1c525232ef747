"""The analysis notebooks run from top to bottom without error (executed with nbclient).

The notebooks are executed in memory: outputs are never written back, and the figures they
save go to a temporary folder, so running the tests leaves the repository untouched.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("ipykernel")

ROOT = Path(__file__).resolve().parents[1]
ANALYSES = ROOT / "analyses"
SHARED_DATA = ROOT.parent / "shared" / "data"


def _run(name: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, **env: str) -> Any:
    """Execute ``analyses/<name>`` in a kernel of this interpreter; return the notebook."""
    for key, value in env.items():
        monkeypatch.setenv(key, value)
    monkeypatch.setenv("MPLBACKEND", "module://matplotlib_inline.backend_inline")
    nb = nbformat.read(ANALYSES / name, as_version=4)
    client = nbclient.NotebookClient(
        nb,
        timeout=300,
        kernel_name="python3",  # ipykernel's own spec: the interpreter running the tests
        resources={"metadata": {"path": str(ANALYSES)}},
    )
    before = sorted(p.name for p in ANALYSES.iterdir())
    client.execute()
    assert sorted(p.name for p in ANALYSES.iterdir()) == before, "the notebook wrote files"
    return nb


def _outputs(nb: Any, kind: str) -> list[Any]:
    return [o for c in nb.cells if c.cell_type == "code" for o in c.get("outputs", [])
            if o.get("output_type") == kind or kind in o.get("data", {})]


def _text(nb: Any) -> str:
    parts = []
    for c in nb.cells:
        for o in c.get("outputs", []) if c.cell_type == "code" else []:
            parts.append(o.get("text", ""))
            parts.append(o.get("data", {}).get("text/plain", ""))
            parts.append(o.get("data", {}).get("text/html", ""))
    return "\n".join(parts)


@pytest.mark.parametrize("name", ["01_seed_story.ipynb", "02_outlets_basil.ipynb"])
def test_committed_without_outputs(name: str) -> None:
    nb = nbformat.read(ANALYSES / name, as_version=4)
    nbformat.validate(nb)
    assert nb.nbformat == 4
    assert nb.metadata["kernelspec"]["name"] == "python3"
    for cell in nb.cells:
        if cell.cell_type == "code":
            assert cell.outputs == [] and cell.execution_count is None


def test_seed_story_notebook(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    nb = _run("01_seed_story.ipynb", tmp_path, monkeypatch)
    assert not _outputs(nb, "error")
    text = _text(nb)
    assert "TROIB News" in text and "IANS" in text
    assert "framing-comparison" in text  # the comparison's HTML view
    pngs = _outputs(nb, "image/png")
    assert len(pngs) >= 7  # every figure, plus the share and rate variants
    for name in ("feature-rates.png", "sourcing.svg", "alignment.png", "loaded-terms.svg",
                 "distinctive-terms.png"):
        assert name in text


def test_basil_notebook_skips_without_data(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    nb = _run("02_outlets_basil.ipynb", tmp_path, monkeypatch,
              FRAMING_SHARED_DATA=str(tmp_path / "absent"))
    assert not _outputs(nb, "error")
    text = _text(nb)
    assert "BASIL is not available" in text
    assert not _outputs(nb, "image/png")


def test_basil_notebook_profiles_outlets(
    shared_data: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if not (shared_data / "basil" / "articles").is_dir():
        pytest.skip("BASIL is absent from the gold data folder")
    nb = _run("02_outlets_basil.ipynb", tmp_path, monkeypatch,
              FRAMING_SHARED_DATA=str(shared_data), FRAMING_BASIL_EVENTS="4")
    assert not _outputs(nb, "error")
    text = _text(nb)
    assert "4 events, 12 articles" in text
    for outlet in ("Fox News", "New York Times", "HuffPost"):
        assert outlet in text
    assert "anonymous sources (share of sourced attributions)" in text
    assert "within-story differences have a 95% interval" in text
    assert len(_outputs(nb, "image/png")) == 1
