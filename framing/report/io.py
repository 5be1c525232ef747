"""Writing outputs safely: a temporary file in the same folder, then an atomic rename.

An interrupted run never leaves a half-written report; an existing file is replaced only
once the new one is complete.
"""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from framing.errors import ValidationError

__all__ = ["write_atomic"]


def _umask() -> int:
    """The process umask (read by setting and restoring it)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> Path:
    """Write ``data`` to ``path`` atomically (UTF-8 for text) and return the path.

    Raises
    ------
    ValidationError
        ``path`` is a folder.
    OSError
        The folder cannot be created or written (no such device, no permission).
    """
    target = Path(path)
    if target.is_dir():
        raise ValidationError(f"{target}: is a folder; name a file to write.")
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
            fh.flush()
            os.fsync(fh.fileno())
        # mkstemp creates 0600 files; give the output the mode a plain open() would.
        os.chmod(tmp, 0o666 & ~_umask())
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
