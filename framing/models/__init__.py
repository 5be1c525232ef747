"""Trained models shipped with ``framing`` as package data.

Each model file is listed in ``MANIFEST.json`` next to this module with its name, version,
source, licence, sha256 and evaluation figures. Models are stored as gzipped JSON, never as
pickles, and are loaded by the modules that use them (for example
:func:`framing.text.tagger.load_tagger`). The training scripts live in ``scripts/``.
"""

from __future__ import annotations

import gzip
import json
from importlib.resources import files
from importlib.resources.abc import Traversable
from typing import Any

from framing.errors import ModelNotFoundError

__all__ = ["load_model_json", "model_path"]


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


def load_model_json(name: str, *, what: str, train_command: str) -> Any:
    """Read a shipped gzipped-JSON model file, or explain how to get it back.

    Parameters
    ----------
    name : str
        The file name inside ``framing/models``.
    what : str
        What the model is, for the error message ("The POS tagger model").
    train_command : str
        The command that rebuilds it from a source checkout.

    Raises
    ------
    ModelNotFoundError
        If the file is not installed.
    """
    resource = model_path(name)
    if not resource.is_file():
        raise ModelNotFoundError(
            f"{what} {name!r} is missing from framing/models. Reinstall framing-toolkit, "
            f"or train it from a source checkout with: {train_command}"
        )
    data = gzip.decompress(resource.read_bytes())
    try:  # orjson, when installed, parses the same JSON to the same values about twice as fast
        import orjson
    except ImportError:
        return json.loads(data.decode("utf-8"))
    try:
        return orjson.loads(data)
    except orjson.JSONDecodeError:  # what orjson refuses (NaN ...) the standard parser reads
        return json.loads(data.decode("utf-8"))
