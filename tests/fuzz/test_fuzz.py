"""Each fuzz target runs for a bounded time (10 s) without a crash.

Needs atheris (the ``fuzz`` extra); skipped with the reason otherwise. A crash fails the test
and names the saved crash input, which reproduces it with
``python tests/fuzz/fuzz_TARGET.py CRASH_FILE``. Longer runs: ``python tests/fuzz/run.py``.
"""

from __future__ import annotations

from pathlib import Path

import pytest

pytest.importorskip("atheris", reason="atheris (the fuzz extra) is not installed")

from .run import TARGETS, run_target

SECONDS = 10


@pytest.mark.parametrize("target", sorted(TARGETS))
def test_fuzz_target_finds_no_crash(target: str, tmp_path: Path) -> None:
    run = run_target(target, SECONDS, tmp_path / "artifacts")
    assert run.ok, (
        f"fuzz target {target!r} crashed (exit {run.returncode}); crash inputs: "
        f"{[str(c) for c in run.crashes]}\n{run.log[-3000:]}"
    )
    assert run.executions > 0, run.log[-3000:]
