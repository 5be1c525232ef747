"""Reading drawn values back from matplotlib artists (shared by the plot tests)."""

from __future__ import annotations

from typing import Any

from matplotlib.backends.backend_agg import FigureCanvasAgg
from matplotlib.colors import to_hex
from matplotlib.container import BarContainer
from matplotlib.figure import Figure


def fresh_axes() -> Any:
    """Axes of a new pyplot-free figure with an Agg canvas."""
    fig = Figure(figsize=(8, 5), layout="constrained")
    FigureCanvasAgg(fig)
    return fig.add_subplot()


def draw(ax: Any) -> Any:
    """Draw the axes' figure with Agg (raises if any text fails to render); return renderer."""
    fig = ax.figure
    canvas = fig.canvas if isinstance(fig.canvas, FigureCanvasAgg) else FigureCanvasAgg(fig)
    canvas.draw()
    return canvas.get_renderer()


def bars_by_label(ax: Any) -> dict[str, list[BarContainer]]:
    """Bar containers grouped by their legend label, in drawing order."""
    out: dict[str, list[BarContainer]] = {}
    for c in ax.containers:
        if isinstance(c, BarContainer):
            out.setdefault(c.get_label(), []).append(c)
    return out


def face_hex(patch_or_collection: Any) -> str:
    """Face colour of a patch or of the first item of a collection, as ``#rrggbb``."""
    if hasattr(patch_or_collection, "get_facecolors"):
        return to_hex(patch_or_collection.get_facecolors()[0], keep_alpha=False)
    return to_hex(patch_or_collection.get_facecolor(), keep_alpha=False)


def overlaps(boxes: list[Any]) -> list[tuple[int, int]]:
    """Index pairs of bounding boxes that overlap (touching edges do not count)."""
    out = []
    for i in range(len(boxes)):
        for j in range(i + 1, len(boxes)):
            a, b = boxes[i], boxes[j]
            if a.x0 < b.x1 - 0.5 and b.x0 < a.x1 - 0.5 and a.y0 < b.y1 - 0.5 and b.y0 < a.y1 - 0.5:
                out.append((i, j))
    return out
