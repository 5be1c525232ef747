"""Outlet colours are consistent across figures; article text in labels is drawn literally."""

from __future__ import annotations

import io
import subprocess
import sys
import xml.etree.ElementTree as ET

from framing.compare import Comparison, compare
from framing.plot import (
    plot_alignment,
    plot_distinctive_terms,
    plot_feature_rates,
    plot_loaded_terms,
    plot_sourcing,
    save_figures,
)
from framing.plot.style import OKABE_ITO
from tests.plot.conftest import HOSTILE_OUTLET
from tests.plot.helpers import bars_by_label, draw, face_hex, fresh_axes

# Okabe & Ito (2008): blue and orange, the first two outlet colours.
BLUE, ORANGE = "#0072b2", "#e69f00"


def _colours(c: Comparison) -> dict[str, dict[str, str]]:
    """Colour of each outlet in each figure, read back from the drawn artists."""
    out: dict[str, dict[str, str]] = {}
    for name, plot in (("rates", plot_feature_rates), ("loaded", plot_loaded_terms)):
        ax = plot(c, fresh_axes())
        out[name] = {label: face_hex(cs[0].patches[0]) for label, cs in bars_by_label(ax).items()}
    ax = plot_distinctive_terms(c, fresh_axes())
    by_label = bars_by_label(ax)
    out["terms"] = {lb: face_hex(cs[0].patches[0]) for lb, cs in by_label.items() if lb[0] != "_"}
    # unlabelled bars (legend shows each outlet once) still carry one of the outlet colours
    assert {face_hex(c.patches[0]) for cs in by_label.values() for c in cs} == set(
        out["terms"].values()
    )
    ax = plot_alignment(c, fresh_axes())
    out["alignment"] = {}
    for f in c.features:
        coll = next(x for x in ax.collections if x.get_gid() == f"alignment:shared:{f.article.id}")
        out["alignment"][f.article.outlet] = face_hex(coll)
    ax = plot_sourcing(c, fresh_axes())
    out["sourcing"] = {t.get_text(): str(t.get_color()).lower() for t in ax.get_yticklabels()}
    return out


def test_same_outlet_same_colour_in_every_figure(seed: Comparison) -> None:
    colours = _colours(seed)
    for figure, by_outlet in colours.items():
        assert by_outlet == {"TROIB News": BLUE, "IANS": ORANGE}, figure


def test_colours_follow_article_order(seed: Comparison) -> None:
    swapped = compare(*reversed(seed.features), n_boot=100)
    colours = _colours(swapped)
    for figure, by_outlet in colours.items():
        assert by_outlet == {"IANS": BLUE, "TROIB News": ORANGE}, figure


def test_palette_is_okabe_ito() -> None:
    assert {c.lower() for c in OKABE_ITO} == {
        "#e69f00", "#56b4e9", "#009e73", "#f0e442", "#0072b2", "#d55e00", "#cc79a7", "#000000"
    }


def test_hostile_labels_render_as_literal_text(hostile: Comparison) -> None:
    # "$\notacommand{x}$" is invalid mathtext: drawing raises if it is parsed as math.
    for plot in (plot_feature_rates, plot_sourcing, plot_distinctive_terms, plot_alignment,
                 plot_loaded_terms):
        ax = plot(hostile, fresh_axes())
        draw(ax)
        texts = [t.get_text() for t in ax.get_xticklabels() + ax.get_yticklabels()]
        legend = ax.get_legend()
        if legend is not None:
            texts += [t.get_text() for t in legend.get_texts()]
        texts.append(ax.get_xlabel())
        # drawn as typed: the only escapes are the dollars' backslashes
        assert any(HOSTILE_OUTLET in t.replace("\\$", "$") for t in texts), plot.__name__


def test_hostile_text_in_saved_svg_is_not_markup(hostile: Comparison, tmp_path) -> None:
    paths = save_figures(hostile, tmp_path, formats=("svg",))
    for p in paths:
        root = ET.parse(io.BytesIO(p.read_bytes())).getroot()
        assert not [e for e in root.iter() if e.tag.rsplit("}", 1)[-1] == "script"], p.name


def test_importing_framing_does_not_import_pyplot() -> None:
    code = (
        "import sys, framing, framing.plot\n"
        "from framing.compare import Comparison\n"
        "assert isinstance(Comparison.plot, property)\n"
        "assert 'matplotlib.pyplot' not in sys.modules, 'pyplot imported'\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr


def test_third_outlet_is_bluish_green(three: Comparison) -> None:
    colours = _colours(three)
    for figure in ("rates", "loaded", "alignment", "sourcing"):
        assert colours[figure]["Outlet C"] == "#009e73", figure
