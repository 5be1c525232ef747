"""Rewrite shipped model files in the current layout, without retraining.

The cue tagger (``attribution-polnear.en``) stores its feature names parsed into
per-template tables (``"tables"``, :func:`framing.features._cue_vectors.feature_tables`)
instead of the plain names (``"features"``), so that loading it does not parse ~285,000
names again. The loaded-language model (``loaded-babe.en``) stores its weights grouped by
feature template, with its pair templates parsed into value ids
(:meth:`framing.features.loaded_model.LoadedModel.to_json`). The POS tagger
(``pos-ewt.en``) stores its weights as flat arrays instead of NLTK's nested dictionaries
(:meth:`framing.text.tagger.PosTagger.to_obj`). The weights are copied as they are (the same
floats); everything else in the file is kept.

A file already in the new layout is parsed again with the current templates, so after a
change to ``TEMPLATES`` the same command brings a retrained model's tables up to date.
Run ``python scripts/update_manifests.py`` afterwards for the new sha256 sums::

    python scripts/convert_models.py                    # the three shipped files, in place
    python scripts/convert_models.py --cue path/to/attribution-polnear.en.v5.json.gz
    python scripts/convert_models.py --loaded path/to/loaded-babe.en.v3.json.gz -o out.json.gz
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import sys
import tempfile
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from framing.features._cue_vectors import feature_tables, names_from_tables  # noqa: E402
from framing.features.attribution_model import MODEL_FILE as CUE_FILE  # noqa: E402
from framing.features.loaded_model import MODEL_FILE as LOADED_FILE  # noqa: E402
from framing.features.loaded_model import LoadedModel  # noqa: E402
from framing.text.tagger import MODEL_FILE as POS_FILE  # noqa: E402
from framing.text.tagger import PosTagger  # noqa: E402

MODELS = ROOT / "framing" / "models"


def convert_cue(raw: dict[str, Any]) -> dict[str, Any]:
    """The cue model's JSON with ``"tables"`` (parsed with the current templates)."""
    out = dict(raw)
    k = len(out.get("classes") or ())
    if not k:
        raise ValueError("not a cue model: no 'classes'")
    if "weights" in out:  # the oldest layout: {name: [one weight per class]}
        weights = out.pop("weights")
        names = list(weights)
        out["matrix"] = [float(v) for n in names for v in weights[n]]
    elif "features" in out:
        names = out.pop("features")
    elif "tables" in out:
        names = names_from_tables(out["tables"], len(out["matrix"]) // k)
    else:
        raise ValueError("not a cue model: no 'weights', 'features' or 'tables'")
    if len(out["matrix"]) != k * len(names):
        raise ValueError(f"'matrix' must hold {k} weights per feature")
    out["tables"] = feature_tables(names)
    return out


def convert_loaded(raw: dict[str, Any]) -> dict[str, Any]:
    """The loaded-language model's JSON in the layout :meth:`LoadedModel.to_json` writes."""
    return LoadedModel.from_json(raw).to_json()


def convert_pos(raw: dict[str, Any]) -> dict[str, Any]:
    """The POS tagger's JSON in the layout :meth:`PosTagger.to_obj` writes."""
    try:
        return PosTagger._from_obj(raw, source="the tagger file").to_obj()
    except Exception as exc:  # ValidationError: a clear message naming what is wrong
        raise ValueError(str(exc)) from None


def _write_pos(obj: dict[str, Any], path: Path) -> None:
    # scripts/train_tagger.py's serialisation
    data = json.dumps(obj, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    _write(data.encode("utf-8"), path)


def _write_cue(obj: dict[str, Any], path: Path) -> None:
    # scripts/train_attribution.py's serialisation
    _write(json.dumps(obj, separators=(",", ":"), sort_keys=True).encode("utf-8"), path)


def _write_loaded(obj: dict[str, Any], path: Path) -> None:
    # scripts/train_loaded_model.py's serialisation
    _write(json.dumps(obj, ensure_ascii=False, sort_keys=True).encode("utf-8"), path)


def _write(data: bytes, path: Path) -> None:
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        os.chmod(tmp, path.stat().st_mode & 0o777 if path.exists() else 0o644)
        with os.fdopen(fd, "wb") as fh:
            fh.write(gzip.compress(data, mtime=0))
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--cue", type=Path, help=f"a cue model file (default: the shipped {CUE_FILE})")
    ap.add_argument(
        "--loaded", type=Path, help=f"a loaded-language model file (default: {LOADED_FILE})"
    )
    ap.add_argument("--pos", type=Path, help=f"a POS tagger file (default: {POS_FILE})")
    ap.add_argument("-o", "--out", type=Path, help="write here instead of in place (one file)")
    args = ap.parse_args(argv)
    given = [("cue", args.cue), ("loaded", args.loaded), ("pos", args.pos)]
    jobs = [(kind, p) for kind, p in given if p is not None]
    if not jobs:
        jobs = [("cue", MODELS / CUE_FILE), ("loaded", MODELS / LOADED_FILE)]
        jobs.append(("pos", MODELS / POS_FILE))
    if args.out is not None and len(jobs) != 1:
        ap.error("-o needs exactly one of --cue / --loaded / --pos")
    convert = {"cue": convert_cue, "loaded": convert_loaded, "pos": convert_pos}
    write = {"cue": _write_cue, "loaded": _write_loaded, "pos": _write_pos}
    for kind, path in jobs:
        try:
            raw = json.loads(gzip.decompress(path.read_bytes()))
            obj = convert[kind](raw)
        except (OSError, ValueError, KeyError, TypeError) as exc:
            print(f"convert_models: {path}: {exc}", file=sys.stderr)
            return 1
        out = args.out or path
        write[kind](obj, out)
        print(f"wrote {out} ({out.stat().st_size / 1e6:.2f} MB)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
