"""Recompute the sha256 of every shipped lexicon and model listed in the manifests.

Run after editing a lexicon or retraining a model (and bump its version)::

    python scripts/update_manifests.py
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _update(manifest: Path, key: str, data_dir: Path) -> None:
    if not manifest.exists():
        return
    raw = json.loads(manifest.read_text(encoding="utf-8"))
    for rec in raw.get(key, []):
        path = data_dir / rec["file"]
        rec["sha256"] = hashlib.sha256(path.read_bytes()).hexdigest()
    manifest.write_text(json.dumps(raw, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"updated {manifest.relative_to(ROOT)}")


if __name__ == "__main__":
    _update(ROOT / "framing/lexicons/MANIFEST.json", "lexicons", ROOT / "framing/lexicons/data")
    _update(ROOT / "framing/models/MANIFEST.json", "models", ROOT / "framing/models")
