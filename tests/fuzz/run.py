"""Run the fuzz targets for a bounded time and report executions and crashes.

Usage::

    python tests/fuzz/run.py --seconds 60            # every target, 60 s each
    python tests/fuzz/run.py --seconds 300 text      # one target

New inputs found go to a scratch folder (the shipped seed corpus in ``tests/fuzz/corpus`` is
only read); crash inputs are written to ``--artifacts`` (default ``fuzz-artifacts/``) and
their paths printed. Exit status 1 when any target crashed.
"""

from __future__ import annotations

import argparse
import re
import subprocess
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
TARGETS = {"ingest": HERE / "fuzz_ingest.py", "text": HERE / "fuzz_text.py"}


@dataclass(frozen=True)
class FuzzRun:
    """What one bounded run of a target did."""

    target: str
    seconds: int
    executions: int
    returncode: int
    crashes: tuple[Path, ...]
    log: str

    @property
    def ok(self) -> bool:
        """True when the run ended normally and left no crash input."""
        return self.returncode == 0 and not self.crashes


def run_target(
    target: str, seconds: int, artifacts: Path, *, max_len: int = 4096, seed: int = 1
) -> FuzzRun:
    """Fuzz ``target`` for ``seconds`` in a subprocess; crash inputs go to ``artifacts``."""
    artifacts.mkdir(parents=True, exist_ok=True)
    prefix = f"{artifacts}/{target}-"
    with tempfile.TemporaryDirectory(prefix=f"fuzz-{target}-") as scratch:
        proc = subprocess.run(
            [
                sys.executable, str(TARGETS[target]),
                f"-max_total_time={seconds}", f"-max_len={max_len}", f"-seed={seed}",
                "-print_final_stats=1", "-timeout=60", "-rss_limit_mb=4096",
                f"-artifact_prefix={prefix}",
                scratch, str(HERE / "corpus" / target),
            ],
            capture_output=True, text=True, timeout=seconds + 300, check=False,
        )
    log = proc.stdout + proc.stderr
    m = re.search(r"stat::number_of_executed_units:\s*(\d+)", log)
    crashes = tuple(sorted(artifacts.glob(f"{target}-*")))
    return FuzzRun(target, seconds, int(m.group(1)) if m else 0, proc.returncode, crashes, log)


def main(argv: list[str] | None = None) -> int:
    """Command line: run targets, print one line per target, exit 1 on a crash."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("targets", nargs="*", metavar="TARGET", help=", ".join(TARGETS))
    parser.add_argument("--seconds", type=int, default=60)
    parser.add_argument("--artifacts", type=Path, default=Path("fuzz-artifacts"))
    args = parser.parse_args(argv)
    unknown = [t for t in args.targets if t not in TARGETS]
    if unknown:
        parser.error(f"unknown target(s) {unknown}; choose from {list(TARGETS)}")
    failed = False
    for target in args.targets or list(TARGETS):
        run = run_target(target, args.seconds, args.artifacts)
        status = "ok" if run.ok else f"CRASH (exit {run.returncode})"
        print(f"{target}: {run.executions} executions in {run.seconds} s: {status}")
        for crash in run.crashes:
            print(f"  crash input: {crash}")
        if not run.ok:
            failed = True
            print(run.log[-3000:], file=sys.stderr)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
