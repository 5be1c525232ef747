"""The outlet colours shared by every output (figures and the HTML report).

Okabe & Ito's colour-blind-safe palette, in the order outlets receive their colour (yellow
and black last: yellow is weak on white, black reads as "text"), so that an outlet has the
same colour in every figure and in the report. Kept free of matplotlib so the HTML report
does not import it.
"""

from __future__ import annotations

__all__ = ["OKABE_ITO"]

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
