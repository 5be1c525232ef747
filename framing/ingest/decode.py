"""Reading files as text: size limit, encoding detection, binary refusal, newline normalisation.

UTF-8 (with or without a byte-order mark) and UTF-16/UTF-32 with a byte-order mark are
decoded. Bytes that are not valid UTF-8 are refused with a message that says where the first
bad byte is and how to name the encoding (``encoding="cp1252"`` / ``--encoding cp1252``):
guessing an 8-bit code page silently turns quotes into the wrong characters, and every
offset would then point into the wrong text.
"""

from __future__ import annotations

import codecs
import os
import stat
import unicodedata

from framing.errors import IngestError
from framing.patterns import RE_CONTROL
from framing.types import MAX_ARTICLE_CHARS

__all__ = [
    "MAX_ARTICLE_FILE_BYTES",
    "MAX_BYTES",
    "MAX_PAGE_BYTES",
    "check_file",
    "decode_bytes",
    "normalize_text",
    "read_text",
]

#: Largest input file accepted (bytes): JSON and JSONL files holding many articles. Larger
#: files are refused with a clear error before anything is read.
MAX_BYTES = 100 * 1024 * 1024
#: Largest text file holding one article (bytes): no encoding needs more than four bytes per
#: character, so a larger file cannot fit :data:`framing.types.MAX_ARTICLE_CHARS`. Refused
#: from its size alone, before it is read.
MAX_ARTICLE_FILE_BYTES = 4 * MAX_ARTICLE_CHARS
#: Largest saved HTML page (bytes); markup, scripts and inline images take room.
MAX_PAGE_BYTES = 32 * 1024 * 1024

_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def decode_bytes(data: bytes, *, path: str = "<bytes>", encoding: str | None = None) -> str:
    """Decode ``data`` to text, or raise :class:`IngestError` naming ``path``.

    Parameters
    ----------
    data : bytes
        File contents.
    path : str
        Name used in error messages.
    encoding : str, optional
        Encoding to use instead of detection (e.g. ``"cp1252"``).

    Returns
    -------
    str
        The decoded text, byte-order mark removed.

    Raises
    ------
    IngestError
        Empty or binary data, or bytes that are not valid in the encoding.
    """
    if not data:
        raise IngestError("the file is empty; nothing to read.", path=path)
    if encoding is not None:
        try:
            text = data.decode(encoding)
        except LookupError:
            raise IngestError(f"unknown encoding {encoding!r}.", path=path) from None
        except UnicodeDecodeError as exc:
            raise IngestError(
                f"not valid {encoding} at byte {exc.start}; check the encoding.", path=path
            ) from None
        return text.lstrip("\ufeff")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise IngestError(
                    f"starts with a {codec} byte-order mark but is not valid {codec} at byte "
                    f"{exc.start + len(bom)}.",
                    path=path,
                ) from None
    if b"\x00" in data[:8192]:
        raise IngestError(
            "looks like a binary file (it contains NUL bytes), not text; give a text, JSON, "
            "JSONL or HTML article.",
            path=path,
        )
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise IngestError(
            f"not valid UTF-8 at byte {exc.start} (0x{data[exc.start]:02x}); the file is "
            "probably cp1252 or latin-1: re-save it as UTF-8 or name the encoding "
            "(--encoding cp1252).",
            path=path,
        ) from None


def read_text(
    path: str | os.PathLike[str],
    *,
    encoding: str | None = None,
    max_bytes: int = MAX_BYTES,
    limit_name: str = "framing.ingest.decode.MAX_BYTES",
) -> str:
    """Read a file as text with the checks of :func:`decode_bytes` and a size limit.

    The size is checked from the file system before the file is read, so an enormous file
    costs no memory.

    Parameters
    ----------
    path : path-like
        The file.
    encoding : str, optional
        Encoding to use instead of detection.
    max_bytes : int
        Largest size accepted.
    limit_name : str
        The name of the limit, given in the error message.

    Raises
    ------
    IngestError
        Missing, unreadable, too large, empty, binary or undecodable files.
    """
    name = str(path)
    size = check_file(path, max_bytes=max_bytes, limit_name=limit_name)
    try:
        with open(path, "rb") as fh:
            # read what stat promised (a larger read() would allocate the whole limit), then
            # whatever the file grew by, never past the limit
            data = fh.read(size + 1)
            while len(data) <= max_bytes and len(data) > size:
                more = fh.read(min(1 << 20, max_bytes + 1 - len(data)))
                if not more:
                    break
                data += more
    except FileNotFoundError:
        raise IngestError("no such file.", path=name) from None
    except PermissionError:
        raise IngestError("permission denied.", path=name) from None
    if len(data) > max_bytes:
        raise IngestError(
            f"grew over the limit of {max_bytes:,} bytes ({limit_name}) while being read.",
            path=name,
        )
    return decode_bytes(data, path=name, encoding=encoding)


def check_file(
    path: str | os.PathLike[str],
    *,
    max_bytes: int = MAX_BYTES,
    limit_name: str = "framing.ingest.decode.MAX_BYTES",
) -> int:
    """Check, from the file system alone, that ``path`` is a regular file within the limit.

    Folders, devices (``/dev/zero``), pipes and sockets are refused: they have no size to
    check and reading one may never end.

    Returns
    -------
    int
        The file's size in bytes.

    Raises
    ------
    IngestError
        Missing, unreadable, not a regular file, or over ``max_bytes``.
    """
    name = str(path)
    try:
        st = os.stat(path)
    except FileNotFoundError:
        raise IngestError("no such file.", path=name) from None
    except PermissionError:
        raise IngestError("permission denied.", path=name) from None
    except OSError as exc:
        raise IngestError(f"cannot be read ({exc.strerror or exc}).", path=name) from None
    if stat.S_ISDIR(st.st_mode):
        raise IngestError("is a folder, not a file.", path=name)
    if not stat.S_ISREG(st.st_mode):
        raise IngestError(
            "is not a regular file (a device, pipe or socket); save the article to a file.",
            path=name,
        )
    if st.st_size > max_bytes:
        raise IngestError(
            f"is {st.st_size:,} bytes, over the limit of {max_bytes:,} bytes ({limit_name}); "
            "split it into smaller files.",
            path=name,
        )
    return st.st_size


def normalize_text(text: str) -> str:
    """Normalise newlines to ``\\n``, apply Unicode NFC, and drop control characters.

    Tabs and newlines are kept. Applied once at ingest to text files; JSON records keep
    their ``text`` verbatim.
    """
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    text = unicodedata.normalize("NFC", text)
    return RE_CONTROL.sub("", text)
