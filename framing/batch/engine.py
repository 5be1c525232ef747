"""Running a batch: chunks go to local processes or Dask workers, results go to part files.

:func:`extract_corpus` is the whole run: check the output may be written
(:class:`~framing.batch.state.RunState`), enumerate the inputs lazily in chunks
(:class:`~framing.batch.chunks.ChunkReader`) skipping the chunks an earlier run finished,
extract the others in parallel with a bounded number in flight (memory stays flat however big
the corpus), write each finished chunk's part files and journal entry, then merge the parts in
input order (:mod:`framing.batch.sink`). The engine only changes where chunks run; the output
is the same for any engine and number of jobs.
"""

from __future__ import annotations

import os
import shutil
import sys
import time
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from framing.batch.chunks import Chunk, ChunkReader
from framing.batch.sink import FORMATS, merge_errors, merge_parts, write_errors_part, write_part
from framing.batch.state import RunState, fingerprint
from framing.batch.worker import ChunkResult, run_chunk
from framing.errors import FramingError, ValidationError

__all__ = ["ENGINES", "BatchError", "BatchResult", "default_jobs", "extract_corpus", "infer_format"]

ENGINES = ("local", "dask")
DEFAULT_CHUNK_SIZE = 16
MAX_ECHOED_ERRORS = 20


class BatchError(FramingError, RuntimeError):
    """A worker or the scheduler failed; finished chunks are kept for a resumed run."""


def _check_out_is_not_input(out: Path, paths: list[Path]) -> None:
    """Refuse an output that is one of the inputs, or inside an input folder (where it would
    be read back as an input), before anything is written."""
    target = out.resolve()
    for p in paths:
        src = p.resolve()
        if target == src or (src.is_dir() and target.is_relative_to(src)):
            raise ValidationError(
                f"{out}: is {'an input' if target == src else f'inside the input folder {p}'}; "
                "write the output somewhere else."
            )


@dataclass(frozen=True, slots=True)
class BatchResult:
    """What :func:`extract_corpus` did.

    Attributes
    ----------
    out, errors_path : Path
        The merged output and its errors file (``OUT.errors.jsonl``, empty when no errors).
    format, engine : str
        ``"jsonl"`` or ``"parquet"``; ``"local"`` or ``"dask"``.
    n_articles, n_errors : int
        Rows written and errors recorded (bad files, bad records, failed extractions).
    n_chunks : int
        Chunks the inputs were cut into.
    chunks_run, chunks_resumed : int
        Chunks extracted by this call, and chunks an earlier (interrupted) run had finished.
    seconds : float
        Wall-clock time of this call.
    """

    out: Path
    errors_path: Path
    format: str
    engine: str
    n_articles: int
    n_errors: int
    n_chunks: int
    chunks_run: int
    chunks_resumed: int
    seconds: float

    @property
    def ok(self) -> bool:
        """True when every input was read and extracted."""
        return self.n_errors == 0


def default_jobs() -> int:
    """The number of CPU cores this process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):  # pragma: no cover - not Linux
        return max(1, os.cpu_count() or 1)


def infer_format(out: str | os.PathLike[str], fmt: str | None = None) -> str:
    """The output format: ``fmt`` if given, else from the suffix (``.parquet``/``.pq``; jsonl)."""
    if fmt is not None:
        if fmt not in FORMATS:
            raise ValidationError(f"format must be one of {', '.join(FORMATS)}; got {fmt!r}.")
        return fmt
    return "parquet" if Path(out).suffix.lower() in (".parquet", ".pq") else "jsonl"


def extract_corpus(
    inputs: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    jobs: int | None = None,
    engine: str = "local",
    scheduler: str | None = None,
    fmt: str | None = None,
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    encoding: str | None = None,
    overwrite: bool = False,
    progress: bool | None = None,
    echo_errors: bool = False,
    max_in_flight: int | None = None,
) -> BatchResult:
    """Extract every article of a corpus into one Parquet or JSONL file, resumably.

    Parameters
    ----------
    inputs : iterable of path-like
        Files, folders, story manifests, JSON/JSONL files (read with
        :func:`framing.ingest.iter_path`, lazily, in the order given).
    out : path-like
        The output file. Beside it: ``OUT.errors.jsonl``, ``OUT.state.json`` and, while the
        run is unfinished, ``OUT.parts/``.
    jobs : int, optional
        Worker processes (default: every core this process may use). With ``jobs=1`` the local
        engine extracts in this process.
    engine : {"local", "dask"}
        ``"local"``: a :class:`concurrent.futures.ProcessPoolExecutor`; ``"dask"``: Dask
        distributed (extra ``dask``).
    scheduler : str, optional
        For ``engine="dask"``: the scheduler address (then ``jobs`` is not used); default:
        start a ``LocalCluster`` with ``jobs`` single-threaded worker processes.
    fmt : {"jsonl", "parquet"}, optional
        Output format (default: from the suffix of ``out``; Parquet needs extra ``parquet``).
    chunk_size : int
        Input items per task and per part file; part of the resume fingerprint.
    encoding : str, optional
        Decode inputs with this encoding instead of detecting it.
    overwrite : bool
        Replace an output made by another command instead of refusing.
    progress : bool, optional
        Show a tqdm progress bar on stderr (default: when stderr is a terminal).
    echo_errors : bool
        Print the first errors to stderr as they happen (all are in the errors file).
    max_in_flight : int, optional
        Chunks submitted but not yet written (default: twice the local ``jobs``, or twice the
        worker threads of the Dask cluster); bounds memory.

    Returns
    -------
    BatchResult

    Raises
    ------
    OutputExistsError
        ``out`` (or its state) exists and was made by another command, and not ``overwrite``.
    BatchError
        A worker or the scheduler failed; run the same command again to resume.
    """
    started = time.perf_counter()
    if engine not in ENGINES:
        raise ValidationError(f"engine must be one of {', '.join(ENGINES)}; got {engine!r}.")
    if chunk_size < 1:
        raise ValidationError(f"chunk_size must be at least 1; got {chunk_size}.")
    jobs = default_jobs() if jobs is None else jobs
    if jobs < 1:
        raise ValidationError(f"jobs must be at least 1; got {jobs}.")
    paths = [Path(p) for p in inputs]
    out = Path(out)
    _check_out_is_not_input(out, paths)
    fmt = infer_format(out, fmt)
    if fmt == "parquet":
        _require("pyarrow", "parquet")
    state = RunState(out)
    fp = fingerprint(paths, fmt=fmt, chunk_size=chunk_size, encoding=encoding)
    saved = state.prepare(fp, overwrite=overwrite)
    if saved and saved.get("complete") and out.is_file() and state.errors_path.is_file():
        if state.parts_dir.exists():  # killed after the merge, before the clean-up
            shutil.rmtree(state.parts_dir)
        return BatchResult(out, state.errors_path, fmt, engine, saved["n_articles"],
                           saved["n_errors"], saved["n_chunks"], 0, saved["n_chunks"],
                           time.perf_counter() - started)
    state.write_state(fp, complete=False)
    done = state.finished(fmt)
    resumed = len(done)
    reader = ChunkReader(paths, chunk_size, skip=set(done), encoding=encoding)
    bar = _Progress(progress, initial=sum(e["articles"] + e["errors"] for e in done.values()))
    echoed = 0

    def finish(result: ChunkResult) -> None:
        nonlocal echoed
        write_errors_part(state.errors_part_path(result.index), result.errors)
        write_part(state.part_path(result.index, fmt), fmt, result.records)
        entry = {"chunk": result.index, "articles": len(result.records),
                 "errors": len(result.errors)}
        state.record(entry)
        done[result.index] = entry
        for err in result.errors:
            if echo_errors and echoed < MAX_ECHOED_ERRORS:
                bar.write(f"framing: error: {_describe(err)}")
            echoed += 1
        bar.update(entry["articles"] + entry["errors"])

    runner = _run_dask if engine == "dask" else _run_local
    try:
        runner(reader, fmt, finish, jobs=jobs, scheduler=scheduler, max_in_flight=max_in_flight)
    finally:
        bar.close()
    missing = [k for k in range(reader.n_chunks) if k not in done]
    if missing:  # pragma: no cover - every chunk is either skipped (done) or run above
        raise BatchError(f"chunks {missing[:5]} were not finished; run the command again.")
    n_chunks = reader.n_chunks
    n_articles = merge_parts(out, fmt, [state.part_path(k, fmt) for k in range(n_chunks)])
    merge_errors(state.errors_path, (state.errors_part_path(k) for k in range(n_chunks)))
    n_errors = sum(done[k]["errors"] for k in range(n_chunks))
    if echo_errors and echoed > MAX_ECHOED_ERRORS:
        print(f"framing: ... {echoed - MAX_ECHOED_ERRORS} more errors in {state.errors_path}",
              file=sys.stderr)
    state.write_state(fp, complete=True, n_articles=n_articles, n_errors=n_errors,
                      n_chunks=n_chunks)
    shutil.rmtree(state.parts_dir, ignore_errors=True)
    return BatchResult(out, state.errors_path, fmt, engine, n_articles, n_errors, n_chunks,
                       n_chunks - resumed, resumed, time.perf_counter() - started)


def _describe(err: dict[str, Any]) -> str:
    where = str(err.get("file") or err.get("id") or f"item {err['position']}")
    if err.get("record") is not None:
        where += f":{err['record']}"
    return f"{where}: {err['message']}" + (
        "" if err["error"] == "IngestError" else f" ({err['error']})")


def _require(module: str, extra: str) -> None:
    import importlib.util

    if importlib.util.find_spec(module) is None:
        raise ValidationError(
            f"this needs {module}: pip install 'framing-toolkit[{extra}]' "
            f"(or pip install {module})."
        )


class _Progress:
    """A tqdm bar on stderr, or nothing (not a terminal, ``progress=False``, no tqdm)."""

    def __init__(self, enabled: bool | None, *, initial: int) -> None:
        self.enabled = sys.stderr.isatty() if enabled is None else enabled
        self.initial = initial
        self.bar: Any = None

    def _start(self) -> None:
        # Started lazily, with the first result: its monitor thread must not exist when a
        # process pool forks its workers.
        if self.bar is None and self.enabled:
            self.enabled = False
            try:
                from tqdm import tqdm
            except ImportError:  # pragma: no cover - tqdm is optional
                return
            self.bar = tqdm(total=None, initial=self.initial, unit="item", file=sys.stderr,
                            desc="framing extract", dynamic_ncols=True)

    def update(self, n: int) -> None:
        self._start()
        if self.bar is not None:
            self.bar.update(n)

    def write(self, line: str) -> None:
        self._start()
        if self.bar is not None:
            self.bar.write(line, file=sys.stderr)
        else:
            print(line, file=sys.stderr)

    def close(self) -> None:
        if self.bar is not None:
            self.bar.close()


def _run_local(
    chunks: Iterable[Chunk],
    fmt: str,
    finish: Callable[[ChunkResult], None],
    *,
    jobs: int,
    max_in_flight: int | None,
    scheduler: str | None = None,
) -> None:
    if scheduler is not None:
        raise ValidationError("--scheduler is for --engine dask.")
    max_in_flight = max_in_flight or 2 * jobs
    if jobs == 1:
        for chunk in chunks:
            finish(run_chunk(chunk, fmt))
        return
    import multiprocessing
    from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
    from concurrent.futures.process import BrokenProcessPool

    # On Linux, fork: workers inherit the imported library instead of importing it again
    # (seconds per worker). The pool starts every worker at the first submit, before any
    # thread exists here (the progress bar, and its thread, start with the first result).
    linux = sys.platform.startswith("linux")
    context = multiprocessing.get_context("fork" if linux else None)
    if linux:
        _warm_up()  # forked workers share the loaded lexicons and models (copy-on-write)
    pending: set[Future[ChunkResult]] = set()
    pool = ProcessPoolExecutor(max_workers=jobs, mp_context=context, initializer=_worker_init)
    try:
        for chunk in chunks:
            while len(pending) >= max_in_flight:
                finished, pending = wait(pending, return_when=FIRST_COMPLETED)
                for fut in finished:
                    finish(fut.result())
            pending.add(pool.submit(run_chunk, chunk, fmt))
        while pending:
            finished, pending = wait(pending, return_when=FIRST_COMPLETED)
            for fut in finished:
                finish(fut.result())
    except BrokenProcessPool as exc:
        raise BatchError(
            f"a worker process died ({exc}); finished chunks are kept: run the same command "
            "again to resume."
        ) from exc
    finally:
        # On an error or Ctrl-C do not wait for the chunks in flight: they are redone on resume.
        pool.shutdown(wait=not pending, cancel_futures=True)


def _warm_up() -> None:
    """Load every lexicon and model :func:`framing.pipeline.extract` uses, in this process."""
    from framing.pipeline import extract
    from framing.types import Article

    extract(Article(id="warm-up", outlet="-", text="Officials said the talks may resume."))


def _worker_init() -> None:
    """Ctrl-C ends a worker at once and silently; the main process reports the interruption.

    The objects a forked worker inherits (the loaded lexicons and models) are moved out of
    the garbage collector's generations (:func:`gc.freeze`): they live as long as the worker,
    and full collections then neither walk them nor write to their pages, which the worker
    shares with the main process.
    """
    import gc
    import signal

    signal.signal(signal.SIGINT, signal.SIG_DFL)
    gc.freeze()


def _run_dask(
    chunks: Iterable[Chunk],
    fmt: str,
    finish: Callable[[ChunkResult], None],
    *,
    jobs: int,
    max_in_flight: int | None,
    scheduler: str | None = None,
) -> None:
    _require("distributed", "dask")
    from distributed import Client, LocalCluster, as_completed

    cluster = None
    if scheduler is None:
        import logging

        cluster = LocalCluster(n_workers=jobs, threads_per_worker=1, processes=True,
                               dashboard_address=None, silence_logs=logging.ERROR)
    try:
        with Client(cluster if cluster is not None else scheduler) as client:
            if not max_in_flight:
                threads = sum(client.nthreads().values())
                max_in_flight = 2 * max(threads, jobs if cluster is not None else 1)
            futures = as_completed()
            for chunk in chunks:
                while futures.count() >= max_in_flight:
                    _finish_dask(next(futures), finish)
                futures.add(client.submit(run_chunk, chunk, fmt, pure=False))
            for fut in futures:
                _finish_dask(fut, finish)
    finally:
        if cluster is not None:
            cluster.close()


def _finish_dask(fut: Any, finish: Callable[[ChunkResult], None]) -> None:
    try:
        result = fut.result()
    except Exception as exc:  # a Dask task failed as a whole
        raise BatchError(
            f"a Dask task failed ({type(exc).__name__}: {exc}); finished chunks are kept: run "
            "the same command again to resume."
        ) from exc
    finish(result)


