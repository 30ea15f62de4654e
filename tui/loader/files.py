"""Which file, and its bytes: resolving, capped reads, regular-file checks, sources kept
inside the project.

Light enough for the dashboard's start-up: it resolves its file before Textual draws its
first frame, so this module imports neither pydantic nor YAML.
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

BUNDLED = Path(__file__).resolve().parent.parent / "data"
"""The demo data installed inside the package (positions.yaml and its seeds/)."""


def is_bundled(path: Path) -> bool:
    """Whether `path` is the demo copy installed inside the package.

    Edits there land in site-packages and are lost on the next install; the
    dashboard says so and refuses to open the editor. Compared after resolving
    links and `..`, so a symlink to the bundled file counts too.
    """
    try:
        return path.resolve().is_relative_to(BUNDLED.resolve())
    except OSError:
        return False


def default_path(cwd: Path | None = None) -> Path:
    """The file used when none is named: ./positions.yaml, else the bundled copy."""
    local = (cwd or Path.cwd()) / "positions.yaml"
    if local.is_file():
        return local
    bundled = BUNDLED / "positions.yaml"
    if bundled.is_file():
        return bundled
    return Path(__file__).resolve().parent.parent.parent / "positions.yaml"


def resolve_file(file: str | None) -> tuple[Path, str]:
    """The file to open and the name to show for it in messages."""
    if file is not None:
        return Path(file), file
    path = default_path()
    try:
        shown = str(path.relative_to(Path.cwd()))
    except ValueError:
        shown = str(path)
    return path, shown


MAX_BYTES = 128 * 1024 * 1024
"""A curated file is tens of KiB, but one that follows many summits can hold 100,000
positions (about 70 MB, see docs/performance.md); anything bigger is refused unread."""
MAX_SOURCE_BYTES = 16 * 1024 * 1024


BOM = b"\xef\xbb\xbf"


SourceReader = Callable[[str], bytes]


STDIN = "-"
"""The FILE argument that means standard input, as for other Unix tools."""


def folder_reader(base: Path) -> SourceReader:
    """A `read_source` for sources on disk: each must stay inside `base`, symbolic links
    included, so that a positions file cannot make the tools read (and print as a
    'closest passage') a file elsewhere on the machine."""
    inside = base.resolve()

    def read_source(relative: str) -> bytes:
        target = (base / relative).resolve()
        if not target.is_relative_to(inside):
            raise _Outside(relative)
        return _read_capped(target, MAX_SOURCE_BYTES)

    return read_source


def source_path_problem(relative: str) -> str | None:
    """Why a `file:` value cannot name a source, or None if it can.

    Checked on the text alone, before any reader (on disk or in git) hands it to the
    operating system: a NUL would raise ValueError in every OS call, and an absolute
    path or one that climbs out with '..' would read outside the project.
    """
    if not relative:
        return "is empty; write the path of the article, relative to this YAML file"
    if "\0" in relative:
        return "holds a NUL character (\\0), which no file name can hold"
    posix = relative.replace("\\", "/")
    if posix.startswith("/") or (len(posix) > 1 and posix[1] == ":"):
        return (
            "is an absolute path; write it relative to the folder of this YAML file, "
            "which must hold the article"
        )
    if ".." in posixpath.normpath(posix).split("/")[:1]:
        return (
            "points outside the folder of this YAML file; sources must be inside it "
            "(copy the article there)"
        )
    return None


class _Outside(Exception):
    """A source path that resolves (through a symbolic link) outside the project."""


class _NotRegular(Exception):
    """A pipe, a socket or a device: opening could block for ever, reading never end."""


_NOT_REGULAR = "not a regular file (a pipe, a socket or a device)"


class _TooBig(Exception):
    pass


def _read_capped(path: Path, limit: int) -> bytes:
    """The file's bytes, refusing (before reading) anything over `limit`, and anything
    that is not a regular file before opening it: `open` on a named pipe waits for a
    writer, for ever. Opened without blocking and checked again, in case it changed."""
    with open_regular(path) as handle:
        return _read_stream(handle, limit, os.fstat(handle.fileno()).st_size)


def open_regular(path: Path) -> BinaryIO:
    """`path` opened for reading, only if it is a regular file: checked before opening
    (`open` on a named pipe waits for a writer, for ever), opened without blocking, and
    checked again, in case it changed in between."""
    mode = os.stat(path).st_mode
    if stat.S_ISDIR(mode):
        raise IsADirectoryError(errno.EISDIR, "is a folder", str(path))
    if not stat.S_ISREG(mode):
        raise _NotRegular(str(path))
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    handle = open(fd, "rb", closefd=True)
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        handle.close()
        raise _NotRegular(str(path))
    return handle


def without_bom(data: bytes) -> bytes:
    """`data` without a leading UTF-8 byte order mark (editors on Windows write one)."""
    return data[len(BOM) :] if data.startswith(BOM) else data


def read_text_or_none(path: Path, limit: int = MAX_BYTES) -> str | None:
    """The file's text (undecodable bytes replaced), or None when it cannot be read
    safely: missing, a folder, a pipe or a device, or over `limit`. For the dashboard,
    which must not wait on a pipe nor read a huge file on its UI thread."""
    try:
        return _read_capped(path, limit).decode("utf-8", errors="replace")
    except (OSError, ValueError, _NotRegular, _TooBig):
        return None


def _read_stream(handle: BinaryIO, limit: int, size: int) -> bytes:
    """At most `limit` bytes of `handle` (else _TooBig), `size` being what it should hold.

    Read in chunks, not with `read(limit + 1)`: that would allocate the whole limit up
    front for every file, however small.
    """
    if size > limit:
        raise _TooBig
    chunks: list[bytes] = []
    total = 0
    want = size + 1  # a regular file: all of it at once, plus one byte to see the end
    while chunk := handle.read(min(max(want, 1), limit + 1 - total)):
        chunks.append(chunk)
        total += len(chunk)
        if total > limit:
            raise _TooBig  # it grew, or it is a stream (standard input)
        want = _CHUNK
    return b"".join(chunks)


_CHUNK = 1024 * 1024
