"""save_figures: every figure in every format, valid, atomic and byte-identical on rerun."""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from framing.compare import Comparison
from framing.plot import save_figures

NAMES = ["feature-rates", "sourcing", "distinctive-terms", "alignment", "loaded-terms"]
PNG_SIGNATURE = b"\x89PNG\r\n\x1a\n"


def test_writes_png_and_svg_of_every_figure(seed: Comparison, tmp_path: Path) -> None:
    paths = save_figures(seed, tmp_path / "figs")
    assert [p.name for p in paths] == [f"{n}.{ext}" for n in NAMES for ext in ("png", "svg")]
    for p in paths:
        data = p.read_bytes()
        if p.suffix == ".png":
            assert data.startswith(PNG_SIGNATURE)
            width = int.from_bytes(data[16:20], "big")
            height = int.from_bytes(data[20:24], "big")
            assert width > 300 and height > 150
        else:
            root = ET.fromstring(data)
            assert root.tag.endswith("svg")
            assert b"<dc:date>" not in data  # no creation date: reruns are identical
    # nothing but the figures: no temporary files left behind
    assert sorted(x.name for x in (tmp_path / "figs").iterdir()) == sorted(p.name for p in paths)


def test_rerun_is_byte_identical(seed: Comparison, tmp_path: Path) -> None:
    first = save_figures(seed, tmp_path / "a", formats=("svg", "png"))
    second = save_figures(seed, tmp_path / "b", formats=("svg", "png"))
    for x, y in zip(first, second, strict=True):
        assert x.name == y.name
        assert x.read_bytes() == y.read_bytes(), x.name


def test_overwrites_existing_files_and_prefix(seed: Comparison, tmp_path: Path) -> None:
    target = tmp_path / "seed-sourcing.png"
    target.write_bytes(b"old")
    paths = save_figures(seed, tmp_path, formats=("png",), prefix="seed-")
    assert target in paths
    assert target.read_bytes().startswith(PNG_SIGNATURE)


def test_rejects_unknown_format(seed: Comparison, tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="jpeg"):
        save_figures(seed, tmp_path, formats=("png", "jpeg"))
    assert not list(tmp_path.iterdir())


def test_saving_opens_no_pyplot_figure(seed: Comparison, tmp_path: Path) -> None:
    if "matplotlib.pyplot" in sys.modules:
        import matplotlib.pyplot as plt

        before = plt.get_fignums()
        save_figures(seed, tmp_path, formats=("png",))
        assert plt.get_fignums() == before
    else:
        save_figures(seed, tmp_path, formats=("png",))
        assert "matplotlib.pyplot" not in sys.modules
