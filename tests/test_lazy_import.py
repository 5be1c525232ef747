"""``import framing`` is light; the pipeline's heavy dependencies load on first use."""

from __future__ import annotations

import subprocess
import sys

import framing


def _run(code: str) -> str:
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    return done.stdout.strip()


def test_import_framing_does_not_load_the_pipeline() -> None:
    out = _run(
        "import sys, framing; framing.Article; framing.FramingError; "
        "print(sorted(m for m in ('nltk', 'sklearn', 'scipy', 'pandas', 'framing.pipeline') "
        "if m in sys.modules))"
    )
    assert out == "[]"


def test_compare_stays_the_function_after_the_submodule_is_imported() -> None:
    # the submodule first, then the package attribute: still the function
    out = _run(
        "import framing; from framing.compare import Comparison; "
        "print(callable(framing.compare), framing.compare.__module__, "
        "framing.Comparison is Comparison)"
    )
    assert out == "True framing.compare True"


def test_lazy_names_resolve_and_unknown_names_fail() -> None:
    from framing.compare import compare
    from framing.ingest import load
    from framing.pipeline import extract

    assert framing.compare is compare
    assert framing.load is load
    assert framing.extract is extract
    assert set(framing.__all__) <= set(dir(framing))
    try:
        framing.no_such_name  # noqa: B018
    except AttributeError as exc:
        assert "no_such_name" in str(exc)
    else:
        raise AssertionError("framing.no_such_name did not raise AttributeError")
