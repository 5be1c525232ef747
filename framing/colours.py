"""The colours shared by every output (figures and the HTML report).

Outlets and categories draw from two different colour-blind-safe palettes, so a highlight's
colour is never mistaken for an outlet's; a category's colour does not depend on which
other categories a story happens to contain.

Okabe & Ito's colour-blind-safe palette, in the order outlets receive their colour (yellow
and black last: yellow is weak on white, black reads as "text"), so that an outlet has the
same colour in every figure and in the report. Kept free of matplotlib so the HTML report
does not import it.
"""

from __future__ import annotations

import zlib

__all__ = ["CATEGORY_COLOURS", "OKABE_ITO", "SOURCE_TYPE_COLOURS", "category_colour"]

#: Okabe-Ito colours, in the order outlets receive them.
OKABE_ITO: tuple[str, ...] = (
    "#0072B2",  # blue
    "#E69F00",  # orange
    "#009E73",  # bluish green
    "#D55E00",  # vermillion
    "#CC79A7",  # reddish purple
    "#56B4E9",  # sky blue
    "#F0E442",  # yellow
    "#000000",  # black
)

#: Paul Tol's "muted" scheme (without its pale grey): categories inside a feature.
CATEGORY_COLOURS: tuple[str, ...] = (
    "#332288",  # indigo
    "#88CCEE",  # cyan
    "#44AA99",  # teal
    "#117733",  # green
    "#999933",  # olive
    "#DDCC77",  # sand
    "#CC6677",  # rose
    "#882255",  # wine
    "#AA4499",  # purple
)

#: One colour per attribution source type, the same in the sourcing figure and the report.
SOURCE_TYPE_COLOURS: dict[str, str] = {
    "person": "#332288",
    "organisation": "#88CCEE",
    "media": "#44AA99",
    "anonymous": "#CC6677",
    "vague": "#DDCC77",
    "document": "#117733",
    "pronoun": "#999933",
}


def category_colour(key: str) -> str:
    """A colour for a category no extractor lists (``"loaded:new_category"``).

    It comes from a checksum of the key, so it is the same in every story.
    """
    return CATEGORY_COLOURS[zlib.crc32(key.encode("utf-8")) % len(CATEGORY_COLOURS)]
