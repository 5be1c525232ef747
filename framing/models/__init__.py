"""Trained models shipped with ``framing`` as package data.

Each model file is listed in ``MANIFEST.json`` next to this module with its name, version,
source, licence, sha256 and evaluation figures. Models are stored as gzipped JSON, never as
pickles, and are loaded by the modules that use them (for example
:func:`framing.text.tagger.load_tagger`). The training scripts live in ``scripts/``.
"""

from __future__ import annotations

from importlib.resources import files
from importlib.resources.abc import Traversable

__all__ = ["model_path"]


def model_path(name: str) -> Traversable:
    """Return the location of a shipped model file.

    Parameters
    ----------
    name : str
        The file name inside ``framing/models``, e.g. ``"pos-ewt.en.v1.json.gz"``.

    Returns
    -------
    importlib.resources.abc.Traversable
        The file's location; it may not exist (check with ``.is_file()``).

    Examples
    --------
    >>> model_path("pos-ewt.en.v1.json.gz").name
    'pos-ewt.en.v1.json.gz'
    """
    return files(__name__).joinpath(name)
