"""The exception tree of ``framing``.

Every error the library raises on purpose is a :class:`FramingError`. Subclasses also
inherit the builtin they refine (as scikit-learn's ``NotFittedError`` does), so callers
can catch either.
"""

from __future__ import annotations

__all__ = [
    "FramingError",
    "IngestError",
    "LexiconNotFoundError",
    "ModelNotFoundError",
    "OffsetError",
    "ValidationError",
]


class FramingError(Exception):
    """Base class of all errors raised by framing."""


class IngestError(FramingError, ValueError):
    """An input file or record cannot be read as an article.

    The message names the file and, where there is one, the line or record.

    Parameters
    ----------
    message : str
        What is wrong and how to fix it.
    path : str, optional
        The file that was being read.
    record : str or int, optional
        The line number or record id inside the file.
    """

    def __init__(
        self, message: str, *, path: str | None = None, record: str | int | None = None
    ) -> None:
        self.path = path
        self.record = record
        self.reason = message
        where = ""
        if path is not None:
            where = str(path)
            if record is not None:
                where += f":{record}"
            where += ": "
        super().__init__(f"{where}{message}")


class OffsetError(FramingError, ValueError):
    """A span's offsets do not fit the text they point into."""


class LexiconNotFoundError(FramingError, LookupError):
    """A lexicon name or version is not shipped with the package."""


class ModelNotFoundError(FramingError, LookupError):
    """A shipped model file is missing from the installation."""


class ValidationError(FramingError, ValueError):
    """A parameter or an output fails validation."""
