"""Import the few NLTK modules framing runs on without executing NLTK's package ``__init__``.

framing runs on Punkt (``nltk.tokenize.punkt``), VADER (``nltk.sentiment.vader``) and the
Snowball stemmer (``nltk.stem.snowball``).
Importing any NLTK submodule first executes ``nltk/__init__.py``, which imports nearly all of
NLTK and with it scikit-learn and SciPy (``nltk.classify.scikitlearn``,
``nltk.metrics.association``): about two seconds, more than ``framing compare`` needs for
everything else. The two modules themselves need only light parts of NLTK.

:func:`import_light` imports such a module while its heavy parent packages (``nltk``,
``nltk.sentiment``) exist as package module objects, made from their own import specs,
whose ``__init__`` has not run. Once the import is done those *pending* packages are taken
out of :data:`sys.modules` again, so for everyone else NLTK is simply not imported yet:

* ``import nltk`` (or ``import nltk.corpus``, ``from nltk.stem import PorterStemmer``) goes
  through the usual import system; a :data:`sys.meta_path` finder installed while packages
  are pending hands it the pending module object and runs the package's own ``__init__``
  in it. NLTK's import order, on which its circular imports rely, is the usual one, and the
  modules framing imported (``nltk.tokenize.punkt`` ...) are the ones everybody sees.
* an attribute of a pending package that is not a submodule (reached through a module that
  holds it, e.g. ``nltk.sentiment.vader.nltk``) completes it the same way first.
* a name a module imports from a pending package at import time but uses only later
  (``nltk.stem.snowball`` does ``from nltk.corpus import stopwords``, used only by
  ``SnowballStemmer(..., ignore_stopwords=True)``) can be *deferred*: the module gets a
  stand-in that imports the package the usual way, and hands over the real object, on
  first use.

``tests/test_lazy_import.py`` checks that ``import nltk`` after framing's imports gives the
same public names as a fresh ``import nltk`` and that NLTK's other packages still work.
"""

from __future__ import annotations

import importlib
import importlib.abc
import importlib.machinery
import importlib.util
import sys
import threading
from collections.abc import Mapping, Sequence
from types import ModuleType
from typing import Any

__all__ = ["import_light", "pending_packages"]

_LOCK = threading.RLock()
_PENDING: dict[str, ModuleType] = {}  # package name -> its module object, __init__ not run
_LIGHT = threading.local()  # set while import_light runs


def _light() -> bool:
    return getattr(_LIGHT, "on", False)


class _PendingPackage(ModuleType):
    """A package module whose ``__init__`` has not run yet."""

    def __getattr__(self, name: str) -> Any:
        if _light() and not name.startswith("__"):
            # ``from nltk import pathsec`` while framing imports: the submodule only
            full = f"{self.__name__}.{name}"
            try:
                spec = importlib.util.find_spec(full)
            except (ImportError, ValueError):
                spec = None
            if spec is not None:
                return importlib.import_module(full)
            if name in _DEFERRED.get(self.__name__, ()):
                return _Deferred(self.__name__, name)
        if isinstance(self, _PendingPackage) and not _light():
            importlib.import_module(self.__name__)  # completes this very object
        return ModuleType.__getattribute__(self, name)


class _Deferred:
    """Stands in for ``package.name`` until first use, then is the real object's proxy."""

    __slots__ = ("_name", "_package")

    def __init__(self, package: str, name: str) -> None:
        self._package = package
        self._name = name

    def _target(self) -> Any:
        return getattr(importlib.import_module(self._package), self._name)

    def __getattr__(self, attr: str) -> Any:
        return getattr(self._target(), attr)

    def __call__(self, *args: Any, **kwargs: Any) -> Any:
        return self._target()(*args, **kwargs)

    def __repr__(self) -> str:
        return f"<deferred {self._package}.{self._name}>"


_DEFERRED: dict[str, frozenset[str]] = {}  # pending package -> names handed out deferred


class _Completer(importlib.abc.Loader):
    """Loads a pending package: the same module object, its own ``__init__`` run in it."""

    def __init__(self, module: ModuleType) -> None:
        self.module = module

    def create_module(self, spec: importlib.machinery.ModuleSpec) -> ModuleType:
        module = self.module
        module.__class__ = ModuleType
        return module

    def exec_module(self, module: ModuleType) -> None:
        original = module.__dict__.get("_framing_original_spec")
        del module._framing_original_spec
        module.__spec__ = original
        module.__loader__ = original.loader
        original.loader.exec_module(module)


class _Finder(importlib.abc.MetaPathFinder):
    """Finds pending packages for the usual import system (and nothing else)."""

    def find_spec(
        self, fullname: str, path: Sequence[str] | None, target: ModuleType | None = None
    ) -> importlib.machinery.ModuleSpec | None:
        if _light():
            return None
        with _LOCK:
            module = _PENDING.pop(fullname, None)
            if not _PENDING:
                _drop_finder()
        if module is None:
            return None
        original = module.__spec__
        assert original is not None
        module._framing_original_spec = original  # type: ignore[attr-defined]
        spec = importlib.machinery.ModuleSpec(
            fullname, _Completer(module), origin=original.origin, is_package=True
        )
        spec.submodule_search_locations = original.submodule_search_locations
        spec.has_location = original.has_location
        return spec


def _drop_finder() -> None:
    sys.meta_path[:] = [f for f in sys.meta_path if not isinstance(f, _Finder)]


def pending_packages() -> list[str]:
    """The packages whose ``__init__`` has not run yet (for tests and diagnostics)."""
    with _LOCK:
        return sorted(_PENDING)


def import_light(
    name: str, *, pending: Sequence[str], deferred: Mapping[str, Sequence[str]] | None = None
) -> ModuleType:
    """Import module ``name`` without running the ``__init__`` of the packages ``pending``.

    Parameters
    ----------
    name : str
        The module to import, e.g. ``"nltk.tokenize.punkt"``.
    pending : sequence of str
        Parent packages whose ``__init__`` the module does not need, outermost first
        (``("nltk",)``). One already imported the usual way is used as it is.
    deferred : mapping, optional
        Pending package -> names the module imports from it but needs only later; the
        module gets a stand-in that resolves them on first use (see the module docstring).

    Returns
    -------
    module
        The imported module, as ``importlib.import_module(name)`` returns it.
    """
    with _LOCK:
        module = sys.modules.get(name)
        if module is not None:
            return module
        was = _light()
        _LIGHT.on = True
        placed: list[str] = []
        try:
            for pkg in pending:
                if pkg in sys.modules:
                    continue
                package = _PENDING.get(pkg)
                if package is None:
                    spec = importlib.util.find_spec(pkg)
                    if spec is None or spec.submodule_search_locations is None:
                        raise ImportError(f"{pkg!r} is not an installed package", name=pkg)
                    package = importlib.util.module_from_spec(spec)
                    package.__class__ = _PendingPackage
                    parent, _, child = pkg.rpartition(".")
                    if parent:
                        setattr(sys.modules[parent], child, package)
                    _PENDING[pkg] = package
                sys.modules[pkg] = package
                placed.append(pkg)
            for pkg, names in (deferred or {}).items():
                _DEFERRED[pkg] = _DEFERRED.get(pkg, frozenset()) | frozenset(names)
            if _PENDING and not any(isinstance(f, _Finder) for f in sys.meta_path):
                sys.meta_path.insert(0, _Finder())
            return importlib.import_module(name)
        finally:
            for pkg in placed:  # pending again: found by _Finder when someone imports it
                if sys.modules.get(pkg) is _PENDING.get(pkg):
                    del sys.modules[pkg]
            _LIGHT.on = was
