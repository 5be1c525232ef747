"""Resume state of a batch run: what command made an output, and which chunks are finished.

For an output ``OUT`` the run keeps, beside it:

``OUT.state.json``
    The *fingerprint* of the command (absolute input paths with their size and modification
    time, format, encoding, chunk size, framing version) and whether the run completed.
    Written atomically before any work starts and again at the end.
``OUT.parts/``
    ``part-NNNNNN.<fmt>`` (one per chunk), ``part-NNNNNN.errors.jsonl`` (only for chunks with
    errors) and ``done.jsonl``, the journal: one line ``{"chunk", "articles", "errors"}``
    appended (and flushed to disk) after a chunk's files are in place. Removed once the merged
    output is written.

A chunk counts as finished when the journal lists it *and* its part file exists, so a run killed
at any moment (even with SIGKILL) loses no finished chunk and redoes at most the chunks that
were in flight. An existing output, state or parts folder left by a *different* command is
never overwritten unless the caller asks for it (``--overwrite``).
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing._version import __version__
from framing.errors import FramingError

__all__ = ["OutputExistsError", "RunState", "fingerprint"]

STATE_VERSION = 1


class OutputExistsError(FramingError, FileExistsError):
    """The output (or its resume state) belongs to another command; pass ``overwrite=True``."""


def fingerprint(
    inputs: Sequence[str | os.PathLike[str]],
    *,
    fmt: str,
    chunk_size: int,
    encoding: str | None,
) -> dict[str, Any]:
    """What identifies a command for resuming: same fingerprint, same chunks, same results.

    The number of jobs and the engine are left out: they change speed, not results.
    """
    described = []
    for path in inputs:
        p = Path(path).resolve()
        try:
            st = p.stat()
            described.append({"path": str(p), "size": st.st_size, "mtime_ns": st.st_mtime_ns})
        except OSError:
            described.append({"path": str(p), "size": None, "mtime_ns": None})
    return {
        "state": STATE_VERSION,
        "framing": __version__,
        "format": fmt,
        "chunk_size": chunk_size,
        "encoding": encoding,
        "inputs": described,
    }


@dataclass(frozen=True, slots=True)
class RunState:
    """The state files of one output path (see the module docstring for the layout)."""

    out: Path

    @property
    def state_path(self) -> Path:
        """``OUT.state.json``."""
        return self.out.with_name(self.out.name + ".state.json")

    @property
    def parts_dir(self) -> Path:
        """``OUT.parts/``."""
        return self.out.with_name(self.out.name + ".parts")

    @property
    def journal_path(self) -> Path:
        """``OUT.parts/done.jsonl``."""
        return self.parts_dir / "done.jsonl"

    @property
    def errors_path(self) -> Path:
        """``OUT.errors.jsonl``."""
        return self.out.with_name(self.out.name + ".errors.jsonl")

    def part_path(self, index: int, fmt: str) -> Path:
        """The data part of chunk ``index``."""
        return self.parts_dir / f"part-{index:06d}.{fmt}"

    def errors_part_path(self, index: int) -> Path:
        """The errors part of chunk ``index`` (present only when the chunk had errors)."""
        return self.parts_dir / f"part-{index:06d}.errors.jsonl"

    def read_state(self) -> dict[str, Any] | None:
        """The saved state, or ``None`` when there is none (or it cannot be read)."""
        try:
            data = json.loads(self.state_path.read_text("utf-8"))
        except (OSError, ValueError):
            return None
        return data if isinstance(data, dict) else None

    def write_state(self, fp: dict[str, Any], **extra: Any) -> None:
        """Save the fingerprint and ``extra`` (``complete``, counts) atomically."""
        from framing.report.io import write_atomic

        write_atomic(self.state_path, json.dumps({"fingerprint": fp, **extra}, indent=1) + "\n")

    def prepare(self, fp: dict[str, Any], *, overwrite: bool = False) -> dict[str, Any] | None:
        """Check that this command may write the output; return the saved state to resume.

        Returns
        -------
        dict or None
            The saved state when it has the same fingerprint (finished or not), else ``None``
            after clearing old parts (only allowed with ``overwrite``).

        Raises
        ------
        OutputExistsError
            When the output, its state or its parts folder exist and were made by another
            command (or by something else), and ``overwrite`` is false.
        """
        if self.out.is_dir():
            raise OutputExistsError(f"{self.out}: the output path is a folder; give a file name.")
        saved = self.read_state()
        if saved is not None and saved.get("fingerprint") == fp and not overwrite:
            return saved
        leftovers = [p for p in (self.out, self.state_path, self.parts_dir, self.errors_path)
                     if p.exists()]
        if leftovers and not overwrite:
            what = ", ".join(str(p) for p in leftovers)
            why = ("was made by a different command (other inputs or options)" if saved
                   else "exists and was not made by `framing extract` with these arguments")
            raise OutputExistsError(
                f"{what}: {why}; refusing to overwrite it. Pass --overwrite "
                "(overwrite=True) to replace it, or choose another output path."
            )
        if self.parts_dir.exists():
            shutil.rmtree(self.parts_dir)
        return None

    def finished(self, fmt: str) -> dict[int, dict[str, Any]]:
        """Chunks listed in the journal whose part file exists, by index.

        A torn last line (the process died while appending) is ignored.
        """
        done: dict[int, dict[str, Any]] = {}
        try:
            text = self.journal_path.read_text("utf-8")
        except OSError:
            return done
        if text and not text.endswith("\n"):  # torn append: end it, so the next one is whole
            with self.journal_path.open("a", encoding="utf-8") as fh:
                fh.write("\n")
        lines = text.splitlines()
        for line in lines:
            try:
                entry = json.loads(line)
                index = int(entry["chunk"])
            except (ValueError, KeyError, TypeError):
                continue
            if self.part_path(index, fmt).is_file():
                done[index] = entry
        return done

    def record(self, entry: dict[str, Any]) -> None:
        """Append one finished chunk to the journal and flush it to disk."""
        self.parts_dir.mkdir(parents=True, exist_ok=True)
        with self.journal_path.open("a", encoding="utf-8") as fh:
            fh.write(json.dumps(entry) + "\n")
            fh.flush()
            os.fsync(fh.fileno())
