"""``python -m framing`` runs the command line."""

from __future__ import annotations

from framing.cli import main

if __name__ == "__main__":
    raise SystemExit(main())
